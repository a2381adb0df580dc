"""Prediction-powered estimates: hand-computed cases, ppi_py, coverage by simulation, the seeds."""

import numpy as np
import pandas as pd
import pytest
from conftest import GOLD, SEEDS
from ppi_py import ppi_mean_ci, ppi_mean_pointestimate
from scipy import stats

from oped_analysis import adapt, coding, ppi
from oped_analysis.cli import main

Y = np.array([1.0, 0.0, 1.0, 1.0])
F = np.array([0.8, 0.2, 0.6, 0.4])
F_ALL = np.concatenate([F, [0.5, 0.5, 0.9, 0.1]])


def test_ppi_mean_by_hand():
    # mean of all predictions 4.0/8 = 0.5; residuals .2 -.2 .4 .6 (mean .25, variance .35/3);
    # variance of the estimate (1 - 4/8) * (.35/3) / 4, t quantile with 3 degrees of freedom
    out = ppi.ppi_mean(Y, F, F_ALL, lam=1.0)
    se = np.sqrt(0.5 * (0.35 / 3) / 4)
    q = stats.t.ppf(0.975, 3)
    assert out.estimate == pytest.approx(0.75)
    assert out.se == pytest.approx(se)
    assert (out.low, out.high) == pytest.approx((0.75 - q * se, 0.75 + q * se))
    assert (out.n, out.N, out.lam) == (4, 8, 1.0)


def test_lambda_zero_is_the_human_mean_with_finite_population_correction():
    out = ppi.ppi_mean(Y, F, F_ALL, lam=0.0)
    assert out.estimate == pytest.approx(0.75)
    assert out.se == pytest.approx(np.sqrt(0.5 * Y.var(ddof=1) / 4))


def test_a_census_has_no_sampling_error():
    y = np.array([1.0, 0, -1, 1, 1])
    out = ppi.ppi_mean(y, y * 0.3, y * 0.3)
    assert out.estimate == pytest.approx(y.mean()) and out.high - out.low == pytest.approx(0)


def test_a_single_pair_coded_in_full_has_a_zero_width_interval():
    out = ppi.ppi_mean([1.0], [0.2], [0.2])
    assert (out.estimate, out.low, out.high) == pytest.approx((1.0, 1.0, 1.0))


def test_tuned_lambda_is_the_clipped_regression_slope():
    f = np.array([0.1, 0.4, 0.5, 0.9, 0.3])
    y = 0.5 * f + np.array([0.02, -0.01, 0.0, 0.01, -0.02])
    assert ppi.tuned_lambda(y, f) == pytest.approx(np.cov(y, f)[0, 1] / np.var(f, ddof=1))
    assert ppi.tuned_lambda(-y, f) == 0.0 and ppi.tuned_lambda(3 * y, f) == 1.0
    assert ppi.tuned_lambda(y, f, n_population=5) == pytest.approx(ppi.tuned_lambda(y, f) / 2)


@pytest.mark.parametrize("lam", [1.0, 0.5, 0.0])
def test_matches_ppi_py_for_an_infinite_population(lam):
    rng = np.random.default_rng(0)
    N, n = 40000, 4000
    f_all = rng.uniform(-1, 1, N)
    y_all = np.clip(np.round(f_all + rng.normal(0, 0.5, N)), -1, 1)
    idx = rng.choice(N, n, replace=False)
    ours = ppi.ppi_mean(y_all[idx], f_all[idx], f_all, lam=lam, finite_population=False, dist="normal")
    low, high = ppi_mean_ci(y_all[idx], f_all[idx], f_all, alpha=0.05, lam=lam)
    point = ppi_mean_pointestimate(y_all[idx], f_all[idx], f_all, lam=lam)
    assert ours.estimate == pytest.approx(float(np.ravel(point)[0]))
    reference = (float(np.ravel(low)[0]), float(np.ravel(high)[0]))
    assert (ours.low, ours.high) == pytest.approx(reference, abs=1e-4)


def test_tuned_lambda_matches_ppi_py_power_tuning():
    rng = np.random.default_rng(1)
    N, n = 20000, 3000
    f_all = rng.uniform(-1, 1, N)
    y_all = np.clip(np.round(0.6 * f_all + rng.normal(0, 0.6, N)), -1, 1)
    idx = rng.choice(N, n, replace=False)
    ours = ppi.ppi_mean(y_all[idx], f_all[idx], f_all, finite_population=False, dist="normal")
    low, high = ppi_mean_ci(y_all[idx], f_all[idx], f_all, alpha=0.05)
    reference = (float(np.ravel(low)[0]), float(np.ravel(high)[0]))
    assert (ours.low, ours.high) == pytest.approx(reference, abs=2e-3)


def test_stratified_estimate_is_the_weighted_one():
    # two strata of 6 and 2 units; 2 and 2 coded: weights 3 and 1
    y, f = np.array([1.0, 0, 1, 1]), np.array([0.5, 0.1, 0.9, 0.7])
    h = np.array(["a", "a", "b", "b"])
    f_all = np.array([0.5, 0.1, 0.2, 0.3, 0.4, 0.6, 0.9, 0.7])
    h_all = np.array(["a"] * 6 + ["b"] * 2)
    lam = 0.5
    out = ppi.ppi_mean(y, f, f_all, strata=h, strata_population=h_all, lam=lam)
    w = np.array([3, 3, 1, 1])
    assert out.estimate == pytest.approx(lam * f_all.mean() + np.sum(w * (y - lam * f)) / w.sum())
    r = y - lam * f
    var = (6 / 8) ** 2 * (1 - 2 / 6) * r[:2].var(ddof=1) / 2   # stratum b is a census
    assert out.se == pytest.approx(np.sqrt(var))


def test_stratum_labels_follow_the_sheet_notation():
    pairs = pd.DataFrame({"actor": ["US", "China", "US"], "article": ["a", "b", "c"]})
    labels = ppi.stratum_labels(pairs, pd.Series(["actor=US", "actor=China"]))
    assert list(labels) == ["actor=US", "actor=China", "actor=US"]
    assert list(ppi.stratum_labels(pairs, pd.Series(["all"]))) == ["all"] * 3


def _synthetic_population(n=600, seed=0):
    rng = np.random.default_rng(seed)
    actor = rng.choice(["US", "China"], n)
    truth = np.where(actor == "US", -0.4, 0.3) + rng.normal(0, 0.6, n)
    stance = np.clip(np.round(truth), -1, 1).astype(int)
    p_fav = np.clip(0.5 + 0.35 * stance + rng.normal(0, 0.15, n), 0.01, 0.98)
    p_unf = np.clip(0.5 - 0.35 * stance + rng.normal(0, 0.15, n), 0.01, 0.98)
    scale = np.maximum(p_fav + p_unf, 1)
    proba = np.stack([p_unf / scale, 1 - (p_fav + p_unf) / scale, p_fav / scale], axis=1)
    return ppi.with_probabilities(pd.DataFrame({"article": "x", "sentence": np.arange(n), "actor": actor,
                                                     "stance": stance}), proba)


def test_intervals_cover_and_beat_human_only_in_simulation():
    table = ppi.simulate_coverage(_synthetic_population(), (60,), reps=150, seed=2, strata="actor")
    mean = table[table["measure"] == "mean stance"].set_index(["actor", "estimator"])
    for actor in ("US", "China"):
        assert mean.loc[(actor, "prediction-powered"), "coverage"] >= 0.88
        width = mean["mean_width"]
        assert width[actor, "prediction-powered"] < width[actor, "human only"]
        assert abs(mean.loc[(actor, "prediction-powered"), "bias"]) < 0.05


# --- on the seeds -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gold_sheet(corpus):
    return coding.sheet_from_gold(corpus, GOLD / "coding.tsv")


@pytest.fixture(scope="module")
def predictions(corpus):
    return ppi.pair_predictions(coding.coding_pairs(corpus))   # the default method


def test_probabilities_are_distributions(predictions):
    proba = predictions[["p_unfavourable", "p_neutral", "p_favourable"]].to_numpy()
    assert np.allclose(proba.sum(axis=1), 1) and (proba >= 0).all()
    assert predictions["expected_stance"].between(-1, 1).all()


def test_rules_give_one_hot_predictions(corpus):
    pairs = coding.coding_pairs(corpus).head(8)
    out = ppi.pair_predictions(pairs, "rules")
    assert set(out["p_favourable"]) <= {0.0, 1.0} and np.allclose(out["expected_stance"], out["predicted"])


def test_full_coding_gives_the_human_means_exactly(predictions, gold_sheet):
    table = ppi.estimate_table(predictions, gold_sheet)
    human = table[(table["estimator"] == "human only") & (table["measure"] == "mean stance")]
    human = human.set_index("actor")
    for actor, group in gold_sheet.groupby("actor"):
        assert human.loc[actor, "estimate"] == pytest.approx(group["stance"].mean())
        assert human.loc[actor, "high"] - human.loc[actor, "low"] == pytest.approx(0)
    ppi_rows = table[(table["estimator"] == "prediction-powered")].set_index(["actor", "measure"])
    assert ppi_rows.loc[("US", "mean stance"), "estimate"] == pytest.approx(human.loc["US", "estimate"])


def test_half_coding_by_article(predictions, gold_sheet):
    half = gold_sheet.sample(frac=0.5, random_state=3)
    table = ppi.estimate_table(predictions, half, by="article")
    assert set(table["estimator"]) == set(ppi.ESTIMATORS)
    assert table["article"].nunique() == 2
    clf = table[table["estimator"] == "classifier only"]
    row = clf[(clf["actor"] == "US") & (clf["measure"] == "mean stance")].iloc[0]
    expected = predictions[(predictions["actor"] == "US") & (predictions["article"] == row["article"])]
    assert row["estimate"] == pytest.approx(expected["expected_stance"].mean())
    ppi_rows = table[table["estimator"] == "prediction-powered"].dropna(subset=["low"])
    assert (ppi_rows["low"] <= ppi_rows["estimate"]).all()
    assert (ppi_rows["estimate"] <= ppi_rows["high"]).all()
    assert table["low"].dropna().ge(-1).all() and table["high"].dropna().le(1).all()   # clipped to the range
    assert table["note"].str.contains("same value").any()   # e.g. no coded pair is unfavourable to China


def test_cli_estimate(gold_sheet, tmp_path, capsys):
    path = coding.write_table(gold_sheet.sample(frac=0.5, random_state=1), tmp_path / "coded.csv")
    assert main(["estimate", str(SEEDS), "--coding", str(path), "--format", "csv", "--by", "article"]) == 0
    table = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert {"article", "actor", "measure", "estimator", "estimate", "low", "high"} <= set(table.columns)
    assert main(["estimate", str(SEEDS), "--coding", str(path), "--level", "2"]) == 2
    assert "--level" in capsys.readouterr().err


# --- adapting the model ---------------------------------------------------------------------------

class Memorizer:
    """An estimator that knows the stance of every pair it was trained on and nothing else."""

    classes_ = np.array([-1, 0, 1])

    def fit(self, frame):
        self.seen = {(t, s, e): int(y) for t, s, e, y in zip(frame["text"], frame["start"], frame["end"],
                                                              frame["stance"])}
        return self

    def predict_proba(self, frame):
        out = np.full((len(frame), 3), 1 / 3)
        for i, key in enumerate(zip(frame["text"], frame["start"], frame["end"])):
            if key in self.seen:
                out[i] = np.eye(3)[self.seen[key] + 1]
        return out


def test_cross_fitting_never_lets_a_pair_score_itself(corpus, gold_sheet):
    pairs = coding.coding_pairs(corpus)
    coded = gold_sheet.head(40)
    base = adapt.training_frame([], [], [], [])
    out = adapt.cross_fit(pairs, coded, folds=4, make_estimator=Memorizer, base=base)
    is_coded = out["fold"] >= 0
    assert is_coded.sum() == 40 and set(out.loc[is_coded, "fold"]) == {0, 1, 2, 3}
    own = out[is_coded].merge(coded[coding.KEY], on=coding.KEY)
    repeated = own.duplicated(["sentence_text", "start", "end"], keep=False)
    assert np.allclose(own.loc[~repeated, "p_favourable"], 1 / 3)   # never its own label
    uncoded = out[~is_coded]
    assert np.allclose(uncoded[["p_unfavourable", "p_neutral", "p_favourable"]].sum(axis=1), 1)


def test_the_default_estimator_learns_from_the_coded_rows():
    sentence = "The US announced a new programme in the region."
    frame = adapt.training_frame([sentence], [4], [6], [0])
    before = adapt.default_estimator().fit(frame.head(0)).predict_proba(frame)[0]
    coded = adapt.training_frame([sentence] * 40, [4] * 40, [6] * 40, [-1] * 40)
    after = adapt.default_estimator().fit(coded).predict_proba(frame)[0]
    assert np.isclose(after.sum(), 1) and after[0] > before[0] + 0.2


def test_the_coding_loop_defaults_to_the_library_default_method():
    import inspect

    from oped_analysis.cli import build_parser
    from oped_analysis.vocab import DEFAULT_METHOD

    for func in (ppi.pair_predictions, ppi.estimate, adapt.adapt_report):
        assert inspect.signature(func).parameters["method"].default == DEFAULT_METHOD
    args = build_parser().parse_args(["estimate", "x.txt", "--coding", "sheet.csv"])
    assert args.method == DEFAULT_METHOD == "roles"


def test_adapt_report_compares_before_and_after(corpus, gold_sheet):
    base = adapt.training_frame(["The US helped.", "China attacked."], [4, 0], [6, 5], [1, -1])
    report = adapt.adapt_report(corpus, gold_sheet, method="rules", make_estimator=Memorizer, base=base)
    assert list(report["n"]) == [len(gold_sheet)] * 2
    assert report["macro_f1"].between(0, 1).all()
