"""Validation metrics on hand-made cases (checked against sklearn and by hand), and the
reported validation numbers recomputed from the code."""

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score

import oped_analysis as oa
from oped_analysis import validate


def test_agreement_on_a_hand_made_case():
    truth = [1, 1, 0, 0, -1, -1]
    pred = [1, 0, 0, 0, -1, 1]
    out = validate.agreement(truth, pred)
    assert out["n"] == 6 and out["accuracy"] == pytest.approx(4 / 6)
    # by hand: F1(+1)=0.5, F1(0)=0.8, F1(-1)=2/3
    assert out["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert out["macro_f1"] == pytest.approx(f1_score(truth, pred, average="macro"))
    assert out["kappa"] == pytest.approx(cohen_kappa_score(truth, pred))


def test_perfect_and_chance_agreement():
    assert validate.agreement([1, 0, -1], [1, 0, -1])["kappa"] == pytest.approx(1.0)
    assert validate.agreement([1, 0, 1, 0], [1, 1, 0, 0])["kappa"] == pytest.approx(0.0)


def test_confusion_matrix_rows_are_gold():
    m = validate.confusion([1, 1, 0, -1], [1, 0, 0, 1])
    assert m.loc[1, 1] == 1 and m.loc[1, 0] == 1 and m.loc[-1, 1] == 1
    assert m.to_numpy().sum() == 4 and list(m.index) == [-1, 0, 1]


def test_rating_classes_use_half_point_thresholds():
    assert list(validate.rating_class([-2, -0.5, 0, 0.5, 0.51])) == [-1, 0, 0, 0, 1]


def test_intercoder_agreement_matches_the_gold_readme(gold):
    human = validate.intercoder_agreement(gold).set_index("measure")
    assert human.loc["stance", "n"] == 119
    assert human.loc["stance", "accuracy"] == pytest.approx(0.88, abs=0.005)
    assert human.loc["stance", "kappa"] == pytest.approx(0.82, abs=0.006)
    assert human.loc["frame", "kappa"] == pytest.approx(0.80, abs=0.006)


@pytest.fixture(scope="module")
def seed_predictions(gold, corpus):
    return validate.seed_predictions(corpus, gold, methods=("vader", "rules"))


def test_seed_predictions_cover_every_gold_pair(gold, seed_predictions):
    coding = validate.read_gold(gold)[1]
    for label, group in seed_predictions.groupby("label"):
        assert len(group) == len(coding), label
    assert not seed_predictions["detected"][seed_predictions["label"] == "rules"].all()  # implicit ones


def test_reference_rules_reproduce_the_readme(seed_predictions):
    table = validate.agreement_table(seed_predictions).set_index("label")
    assert table.loc["always-neutral", "macro_f1"] == pytest.approx(0.19, abs=0.005)
    assert table.loc["actor-prior", "macro_f1"] == pytest.approx(0.50, abs=0.01)


def test_reported_numbers_come_from_the_code(seed_predictions):
    table = validate.agreement_table(seed_predictions).set_index("label")
    rules = seed_predictions[seed_predictions["label"] == "rules"]
    assert table.loc["rules", "macro_f1"] == pytest.approx(
        f1_score(rules["gold_stance"], rules["stance"], average="macro"))
    per_actor = validate.agreement_table(seed_predictions, by=("label", "actor"))
    assert set(per_actor["actor"]) == {"US", "China", "Russia"}
    # the actor-only prior has no skill within any actor
    assert np.allclose(per_actor[per_actor["label"] == "actor-prior"]["kappa"], 0)


def test_newsmtsc_scores_on_a_slice(monkeypatch):
    from oped_analysis import resources

    full = resources.read_newsmtsc("dev_rw")
    monkeypatch.setattr(resources, "read_newsmtsc", lambda split: full.head(30))
    table = validate.newsmtsc_scores(methods=("vader",), splits=("dev_rw",))
    preds = validate.target_predictions(full.head(30), methods=("vader",))
    clause = preds[preds["label"] == "vader:clause"]
    row = table.set_index("label").loc["vader:clause"]
    assert row["macro_f1"] == pytest.approx(f1_score(clause["truth"], clause["stance"], average="macro"))


def test_gold_scores_rows_follow_the_coding(gold, corpus):
    from oped_analysis.validate import gold_scores, read_gold

    rows = gold_scores(corpus, gold)
    _, coding = read_gold(gold)
    assert len(rows) == len(coding) and set(rows["article"]) == set(corpus.ids)
    assert rows["stance"].sum() == coding["stance"].astype(int).sum()
    summary = oa.stance_summary(rows)
    assert set(summary["label"]) == {"human coding"}
