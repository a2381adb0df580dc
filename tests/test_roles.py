"""Role features (who does what to whom) on real sentences, and the default ``roles`` method."""

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis.scoring.roles import role_features


def features(sentence, target, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(target, start + 1)
    return role_features(sentence, start, start + len(target))[0]


def roles_of(feats, sign):
    return {k.split(":")[0] for k in feats
            if ":" in k and k.endswith(sign) and not k.startswith(("neg", "q"))}


def test_agent_of_a_hostile_act():
    # seed 000: "A few days later US drone killed two dozen civilians ..."
    f = features("A few days later US drone killed two dozen civilians which served as revenge.", "US")
    assert "agent:act-" in f and f["score"] < 0


def test_victim_of_a_passive_is_a_patient_not_an_agent():
    f = features("The US was attacked by terrorists on 9/11.", "US")
    assert "patient:act-" in f and "agent:act-" not in f


def test_a_power_after_by_is_the_agent():
    f = features("Afghan villages were bombed by Russia in the 1980s.", "Russia")
    assert "agent:act-" in f and f["score"] < 0


def test_stopping_aid_is_hostile_and_double_negation_cancels():
    assert features("The Pentagon halted aid to Pakistan.", "Pentagon")["score"] < 0
    assert features("Washington suspended security assistance to Islamabad.", "Washington")["score"] < 0
    assert features("Russia never fails to support Pakistan.", "Russia")["score"] > 0
    assert features("Russia did not support Pakistan at the UN.", "Russia")["score"] < 0


def test_speaker_is_not_the_target_of_what_it_reports():
    s = "China's loans are a debt trap, warns the US."
    us, china = features(s, "US"), features(s, "China")
    assert roles_of(us, "-") <= {"reported"} and us["score"] == 0
    assert china["score"] < 0
    f = features("According to Moscow, the strikes killed only militants.", "Moscow")
    assert f["score"] == 0


def test_contrast_and_relative_clause_keep_sides_apart():
    s = "Unlike the US, which threatens Pakistan, Russia offers real cooperation."
    assert features(s, "US")["score"] < 0 and "agent:act-" in features(s, "US")
    assert features(s, "Russia")["score"] > 0 and "across:act-" in features(s, "Russia")


def test_the_subject_of_a_relative_clause_is_its_agent():
    """"X, which helps ..." makes X the one who helps, not the one helped (the rule compared a
    tuple of words with lists, so it never fired until this test)."""
    for s in ("Pakistan relies on China, which helps its economy.",
              "Pakistan relies on China which helps its economy."):
        f = features(s, "China")
        assert "agent:act+" in f and "patient:act+" not in f
    f = features("Kabul turned to Moscow, who threatened its neighbours.", "Moscow")
    assert "agent:act-" in f and f["score"] < 0


def test_comparison_standard_gets_the_opposite():
    s = "China has been a more reliable partner than the US."
    assert features(s, "China")["score"] > 0 and features(s, "US")["score"] < 0


def test_relationship_trend_counts_for_each_party():
    # seed 000: "This deteriorated the relations between US and Pakistan."
    assert features("This deteriorated the relations between US and Pakistan.", "US")["trend-"] == 1
    assert features("Islamabad would rigorously seek deeper ties with Moscow.", "Moscow")["trend+"] == 1


def test_roles_method_rows_carry_confidence_and_plain_explanation():
    out = oa.score_target("The US drone killed two dozen civilians.", 4, 6)
    assert out["method"] == "roles" and out["stance"] == -1
    assert 1 / 3 <= out["confidence"] <= 1
    assert "unfavourable" in out["explanation"] and "'killed'" in out["explanation"]
    assert ":R:" not in out["explanation"] and "near:" not in out["explanation"]


def test_roles_is_a_default_method(corpus):
    scores = oa.score(corpus)
    assert "roles" in set(scores["method"])
    roles = scores[scores["method"] == "roles"]
    assert roles["confidence"].between(1 / 3, 1).all() and set(roles["stance"]) <= {-1, 0, 1}


def test_summary_can_abstain_below_a_confidence():
    scores = pd.DataFrame({"article": ["a"] * 4, "sentence": range(4), "actor": ["X"] * 4,
                           "method": ["roles"] * 4, "scope": ["target"] * 4,
                           "stance": [1, 1, -1, -1], "confidence": [0.9, 0.8, 0.4, 0.45]})
    plain = oa.stance_summary(scores).iloc[0]
    sure = oa.stance_summary(scores, min_confidence=0.5).iloc[0]
    weighted = oa.stance_summary(scores, weighted=True).iloc[0]
    assert plain["mean"] == 0 and plain["n"] == 4
    assert sure["mean"] == 1 and sure["n"] == 2 and sure["n_dropped"] == 2
    assert 0 < weighted["mean"] < 1


def test_reliability_bins_cover_every_prediction():
    from oped_analysis.calibration import expected_calibration_error, reliability

    table = reliability([1, 0, -1, 1], [1, 0, 1, 1], [0.9, 0.5, 0.95, 0.4], bins=4)
    assert table["n"].sum() == 4
    assert 0 <= expected_calibration_error(table) <= 1


def test_abstention_curve_of_a_small_coding_scores_without_warnings():
    """A book's own coding of a dozen pairs: at high confidence only one stance is left, and
    scikit-learn's warning about the others, on stderr, failed the build. Stances neither side
    has count 0, as in validate.agreement."""
    import warnings

    from oped_analysis.calibration import abstention_curve

    truth, predicted = [1, 0, -1, 1, 0, 1], [1, 0, 1, 1, -1, 1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        curve = abstention_curve(truth, predicted, [0.9, 0.5, 0.45, 0.95, 0.6, 0.85])
    top = curve.set_index("min_confidence").loc[0.8]
    assert top["n"] == 3 and top["macro_f1"] == 1 / 3   # all +1 and right: F1 1 for +1, 0 for the others
    assert curve.loc[0, "n"] == 6 and curve.loc[0, "kept"] == 1.0


def test_reliability_diagram_draws_each_method():
    from oped_analysis.calibration import reliability
    from oped_analysis.plots import textplot_reliability

    table = reliability([1, 0, -1, 1, 0], [1, 0, 1, 1, -1], [0.9, 0.5, 0.95, 0.4, 0.6], bins=3)
    fig = textplot_reliability({"roles": table})
    assert fig.axes[0].get_xlabel() == "stated confidence"


def test_cameo_verbs_are_read_with_their_roots():
    from oped_analysis.resources import read_cameo_verbs

    verbs = read_cameo_verbs().set_index("verb")
    assert verbs.loc["kill", "root"] == 19 and verbs.loc["support", "root"] == 5


def test_synthetic_op_eds_are_read_as_published():
    from oped_analysis.resources import read_opeds_synth

    data = read_opeds_synth()
    assert len(data) == 1794 and set(data["stance"]) == {-1, 0, 1}
    assert all(t[s:e] == a for t, s, e, a in zip(data["text"], data["start"], data["end"], data["alias"]))


def test_so_called_and_contradicted_exclamations_read_praise_as_irony():
    assert features("Moscow's so-called friendship has left Syria in ruins.", "Moscow")["score"] < 0
    s = "What a generous partner Washington has been, bullying its own allies at will."
    f = features(s, "Washington")
    assert "quoted:patient:act+" in f and f["score"] < 0
    # the same exclamation with no hostile act, or with one beyond a contrast, is sincere praise
    assert features("What a generous partner Washington has been to Kabul.", "Washington")["score"] > 0
    s = "What a generous partner Beijing has been to Dhaka, despite sanctions imposed by others."
    assert "quoted:patient:act+" not in features(s, "Beijing")


def test_fine_as_an_adjective_is_not_a_sanction():
    assert features("Beijing offered a fine deal to Dhaka.", "Beijing")["score"] > 0


def test_resampled_macro_f1_is_sklearns_macro_f1_averaged_over_the_resamples():
    import numpy as np
    from sklearn.metrics import f1_score

    from oped_analysis.scoring.stance import CLASSES, bootstrap_counts, resampled_macro_f1

    rng = np.random.default_rng(3)
    truth, predicted = rng.choice(CLASSES, 120), rng.choice(CLASSES, 120)
    counts = bootstrap_counts(120, 25)
    rows = [np.repeat(np.arange(120), c) for c in counts]
    expected = np.mean([f1_score(truth[r], predicted[r], average="macro", labels=CLASSES) for r in rows])
    assert resampled_macro_f1(truth, predicted, counts) == pytest.approx(expected, abs=1e-12)
