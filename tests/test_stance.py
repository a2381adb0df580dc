"""Target-aware stance: agent vs victim, negation, contrast, relations, frames; the model."""

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis.scoring import get_method


def rules(sentence, target):
    start = sentence.index(target)
    return oa.score_target(sentence, start, start + len(target), method="rules")


def test_agent_of_an_attack_is_unfavourable_its_victim_is_not():
    s = "The Ruritanian army attacked Elbonia and killed dozens of farmers."
    assert rules(s, "Ruritanian")["stance"] == -1
    assert rules(s, "Elbonia")["stance"] == 0
    assert "agent" in rules(s, "Ruritanian")["explanation"]


def test_sanctions_on_a_country_are_not_unfavourable_to_it():
    assert rules("Sanctions on Elbonia were announced on Monday.", "Elbonia")["stance"] == 0
    assert rules("Renewed sanctions on Elbonia made it more active.", "Elbonia")["stance"] >= 0


def test_criticism_counts_against_the_one_criticised():
    s = "The envoy of Elbonia condemned Ruritania over the border incident."
    assert rules(s, "Ruritania")["stance"] == -1


def test_negation_flips_a_cue():
    assert rules("Elbonia attacked the convoy.", "Elbonia")["stance"] == -1
    assert rules("Elbonia did not attack the convoy.", "Elbonia")["stance"] == 1
    assert "not" in rules("Elbonia did not attack the convoy.", "Elbonia")["explanation"]


def test_contrast_keeps_each_side_apart():
    s = "Elbonia praised the accord, but Ruritania attacked it."
    assert rules(s, "Elbonia")["stance"] == 1
    assert rules(s, "Ruritania")["stance"] == -1
    s = "In contrast to Ruritania's tirade against the accord, several states lauded it."
    assert rules(s, "Ruritania")["stance"] == -1


def test_relationship_trend_applies_to_each_party():
    assert rules("Relations between Elbonia and Ruritania have deteriorated.", "Elbonia")["stance"] == -1
    assert rules("Ruritania and Elbonia are strengthening their ties.", "Ruritania")["stance"] == 1


def test_frames_follow_the_codebook_keywords():
    assert rules("Elbonia held joint military drills with its neighbour.", "Elbonia")["frame"] == "security"
    assert rules("Elbonia signed a trade and energy investment deal.", "Elbonia")["frame"] == "economic"
    assert rules("Elbonia's foreign minister visited for talks.", "Elbonia")["frame"] == "diplomatic"
    assert rules("Elbonia has many mountains.", "Elbonia")["frame"] == "other"


def test_score_target_defaults_to_a_target_aware_method():
    s = "Elbonia is a true partner and a trusted friend."
    out = oa.score_target(s, 0, 7)
    assert out["method"] == "roles"
    assert set(out) >= {"stance", "frame", "explanation"} and out["stance"] in (-1, 0, 1)


def test_baselines_carry_thresholded_stance(corpus):
    s = "Elbonia is a wonderful, generous partner."
    for name in ("textblob", "vader"):
        rows = get_method(name).score_target(s, 0, 7)
        assert all(r["stance"] == (1 if r["polarity"] >= 0.05 else -1 if r["polarity"] <= -0.05 else 0)
                   for r in rows)
        assert all("threshold" in r["explanation"] for r in rows)


def test_score_adds_stance_frame_explanation_columns(corpus):
    scores = oa.score(corpus, methods=["rules", "model"])
    assert {"stance", "frame", "explanation"} <= set(scores.columns)
    assert set(scores["stance"]) <= {-1, 0, 1}
    assert set(scores["frame"]) <= {"security", "economic", "diplomatic", "other"}
    assert scores["explanation"].str.len().gt(0).all()
    assert set(scores["scope"]) == {"target"}


def test_model_is_deterministic():
    from oped_analysis.resources import read_newsmtsc
    from oped_analysis.scoring.model import StanceModel, trained_model

    dev = read_newsmtsc("dev_rw").head(40)
    first = trained_model().predict_proba(dev)
    small = read_newsmtsc("train").head(600)
    a, b = StanceModel().fit(small).predict_proba(dev), StanceModel().fit(small).predict_proba(dev)
    assert (a == b).all()
    assert (trained_model().predict_proba(dev) == first).all()


def test_model_explanation_names_features():
    out = oa.score_target("Critics accused Elbonia of lying.", 16, 23, method="model")
    assert out["explanation"].startswith("p=")
    assert "word:" in out["explanation"] or "near:" in out["explanation"] or "cue:" in out["explanation"]


def test_missing_training_data_is_a_clear_error(monkeypatch, tmp_path):
    from oped_analysis.resources import read_newsmtsc

    monkeypatch.setenv("OPED_ANALYSIS_DATA", str(tmp_path))
    with pytest.raises(oa.OpedAnalysisError, match="OPED_ANALYSIS_DATA"):
        read_newsmtsc("train")


def test_stance_summary_cis_bracket_the_estimate():
    scores = pd.DataFrame({"article": ["a"] * 6, "sentence": range(6), "actor": ["X"] * 6,
                           "method": ["rules"] * 6, "scope": ["target"] * 6,
                           "stance": [1, 1, 0, -1, 1, 0], "frame": ["security"] * 6})
    out = oa.stance_summary(scores)
    row = out.iloc[0]
    assert row["n"] == 6 and row["mean"] == pytest.approx(2 / 6)
    assert row["favourable"] == pytest.approx(0.5) and row["unfavourable"] == pytest.approx(1 / 6)
    assert row["mean_low"] <= row["mean"] <= row["mean_high"]
    assert out.equals(oa.stance_summary(scores))  # seeded: same intervals on rerun


def test_robustness_flags_disagreement():
    rows = []
    for method, stances in (("rules", {"X": 1, "Y": -1}), ("model", {"X": -1, "Y": 1})):
        for actor, s in stances.items():
            rows.append({"article": "a", "sentence": 1, "actor": actor, "method": method,
                         "scope": "target", "stance": s, "frame": "other"})
    assert oa.robustness(pd.DataFrame(rows)).empty, "one sentence per actor is too few to rank by default"
    out = oa.robustness(pd.DataFrame(rows), min_sentences=1)
    assert set(out["most"]) == {"X", "Y"} and not out["most_agree"].any()


def test_every_mention_of_an_actor_counts():
    from oped_analysis.scoring.rules import RulesMethod

    s = "Observers in Elbonia spoke on Monday, but Elbonia attacked the convoy."
    first = (s.index("Elbonia"), s.index("Elbonia") + 7)
    second = (s.rindex("Elbonia"), s.rindex("Elbonia") + 7)
    assert RulesMethod().score_target(s, *first)[0]["stance"] == 0
    assert RulesMethod().score_mentions(s, [first, second])[0]["stance"] == -1


def test_model_cache_is_keyed_and_can_be_disabled(monkeypatch, tmp_path):
    from oped_analysis.resources import data_path
    from oped_analysis.scoring.model import cache_path

    train = data_path("newsmtsc", "train.jsonl")
    key = lambda f: cache_path("stance-model", [f], ["model.py"], "C=1")  # noqa: E731
    monkeypatch.setenv("OPED_ANALYSIS_CACHE", str(tmp_path))
    path = key(train)
    assert path.parent == tmp_path and path.name.startswith("stance-model-")
    other = tmp_path / "train.jsonl"
    other.write_text(train.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    assert key(other) != path
    assert cache_path("stance-model", [train], ["model.py"], "C=2") != path
    monkeypatch.setenv("OPED_ANALYSIS_CACHE", "off")
    assert key(train) is None
