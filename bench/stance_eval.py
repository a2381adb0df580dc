"""Honest evaluation of every stance method; writes bench/STANCE.md.

Run from the repository root:  PYTHONPATH=src python bench/stance_eval.py

* seed gold (a TEST set: nothing was trained or tuned on it): macro-F1 and kappa on all
  explicit human-coded pairs, per-power kappa against the actor prior, confusion matrices;
* NewsMTSC dev_rw (the dev set the ``roles`` calibration was fitted on, so optimistic for
  ``roles``) and dev_mt (not used by any method);
* the behavioural suite (:mod:`oped_analysis.behaviour`): pass rate per construction and
  invariance to renaming the powers;
* calibration of ``roles``: reliability bins and expected calibration error on dev_mt and
  the seed gold, and what abstaining below a confidence costs;
* throughput: sentence-power pairs per CPU second on one core, cold caches.
"""

from __future__ import annotations

import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import oped_analysis as oa  # noqa: E402
from oped_analysis import behaviour, calibration, validate  # noqa: E402
from oped_analysis.vocab import EVAL_METHODS  # noqa: E402

METHODS = tuple(reversed(EVAL_METHODS))      # the default first
#: Goals of issue 12 for the default method.
POWERS = ("US", "China", "Russia")
GOALS = {"seed_f1": 0.75, "dev_rw_f1": 0.65, "suite": 0.85, "construction": 0.70, "pairs_per_s": 3000}


def md(frame: pd.DataFrame, floatfmt: str = ".2f") -> str:
    return frame.to_markdown(index=False, floatfmt=floatfmt)


def seed_tables():
    corpus = oa.load_corpus(str(ROOT / "seeds"))
    pred = validate.seed_predictions(corpus, ROOT / "data" / "gold", methods=METHODS)
    pred = pred[pred["mention"] == "explicit"]
    overall = validate.agreement_table(pred)[["label", "n", "accuracy", "macro_f1", "kappa"]]
    per_power = validate.agreement_table(pred, by=("label", "actor"))
    per_power = per_power[["label", "actor", "n", "macro_f1", "kappa"]]
    kappa = per_power.pivot(index="label", columns="actor", values="kappa").reset_index()
    confusion = {label: validate.confusion(g["gold_stance"], g["stance"])
                 for label, g in pred.groupby("label", sort=False)}
    return pred, overall.sort_values("macro_f1", ascending=False, kind="stable"), kappa, confusion


def lead_check_predictions(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each method's stance for each pair of ``bench/lead_check/pairs.tsv``, scored at the first
    mention of the power in the sentence (:func:`validate.target_predictions`); a pair whose
    power the lexicon does not find counts as a neutral prediction, as in the seed gold."""
    lexicon = oa.Lexicon.default()
    spans = [next(((m.start, m.end) for m in lexicon.find(t) if m.actor == a), None)
             for t, a in zip(pairs["text"], pairs["actor"])]
    found = pairs.assign(span=spans).dropna(subset=["span"]).reset_index(drop=True)
    targets = pd.DataFrame({"sentence": found["text"], "start": [s for s, _ in found["span"]],
                            "end": [e for _, e in found["span"]], "polarity": found["stance"]})
    pred = validate.target_predictions(targets, METHODS).rename(columns={"truth": "gold_stance"})
    missed = pairs[[s is None for s in spans]]
    labels = pred["label"].unique()
    undetected = pd.DataFrame([{"label": label, "round": r.round, "gold_stance": int(r.stance), "stance": 0}
                               for r in missed.itertuples(index=False) for label in labels])
    pred["round"] = found["round"].to_numpy()[pred["row"].to_numpy()]
    return pd.concat([pred[["label", "round", "gold_stance", "stance"]], undetected], ignore_index=True)


def throughput(name: str, pairs: pd.DataFrame) -> float:
    """Pairs per CPU second for one method, caches cleared first (every sentence is new)."""
    from oped_analysis.scoring import cues, get_method, roles

    method = get_method(name)
    method.score_target("Warm-up sentence about China.", 22, 27)
    for fn in (cues.tokens, cues.frame, cues._sentence_keywords, roles.analyse):
        fn.cache_clear()
    start = time.process_time()
    for s, a, e in zip(pairs["sentence"], pairs["start"], pairs["end"]):
        method.score_mentions(s, [(a, e)])
    return len(pairs) / (time.process_time() - start)


def main() -> None:
    from oped_analysis.resources import read_newsmtsc
    from oped_analysis.scoring import get_method

    t0 = time.time()
    pred, overall, kappa, confusion = seed_tables()
    news = validate.newsmtsc_scores(METHODS)
    news_wide = news.pivot(index="label", columns="split", values="macro_f1").reset_index()
    lead_pairs = pd.read_csv(ROOT / "bench" / "lead_check" / "pairs.tsv", sep="\t")
    lead_pred = lead_check_predictions(lead_pairs)
    lead = validate.agreement_table(lead_pred, by=("label", "round"))
    lead = (lead.pivot(index="label", columns="round", values="macro_f1")
            .rename(columns=lambda r: f"round {r}").rename_axis(columns=None)
            .join(validate.agreement_table(lead_pred).set_index("label")[["n", "macro_f1", "kappa"]]
                  .rename(columns={"macro_f1": "both rounds", "kappa": "kappa (both)"}))
            .sort_values("both rounds", ascending=False, kind="stable").reset_index())
    lead_roles = lead_pred[lead_pred["label"] == "roles"]
    suite_results = behaviour.run_suite(METHODS)
    rates = behaviour.pass_rates(suite_results).reset_index()
    invariance = behaviour.invariance(suite_results).reset_index()

    roles = get_method("roles")
    dev_mt = read_newsmtsc("dev_mt")
    batch = roles.stances(dev_mt)
    rel_mt = calibration.reliability(dev_mt["polarity"], batch["stance"], batch["confidence"], bins=6)
    seed_roles = pred[(pred["label"] == "roles") & pred["confidence"].notna()]
    abstain_mt = calibration.abstention_curve(dev_mt["polarity"], batch["stance"], batch["confidence"])

    pairs = pd.concat([read_newsmtsc("train")[["sentence", "start", "end"]].iloc[:3000]], ignore_index=True)
    speed = pd.DataFrame([{"label": m, "pairs_per_cpu_s": throughput(m, pairs if m in ("roles", "rules")
                                                                       else pairs.iloc[:600])}
                          for m in METHODS])

    f1 = dict(zip(overall["label"], overall["macro_f1"]))
    dev = news[(news["label"] == "roles")].set_index("split")["macro_f1"]
    suite_all = rates.set_index("construction").loc["all", "roles"]
    worst = rates[rates["construction"] != "all"].set_index("construction")["roles"]
    kappa_roles = kappa.set_index("label").loc["roles"]
    kappa_prior = kappa.set_index("label").loc["actor-prior"]
    rate = float(speed.set_index("label").loc["roles", "pairs_per_cpu_s"])
    met = lambda ok: "**met**" if ok else "**not met**"  # noqa: E731
    goals = pd.DataFrame([
        {"goal": "seed gold macro-F1 >= 0.75 (explicit pairs)", "measured": f"{f1['roles']:.3f}",
         "status": met(f1["roles"] >= GOALS["seed_f1"])},
        {"goal": "NewsMTSC dev_rw macro-F1 >= 0.65",
         "measured": f"{dev['dev_rw']:.3f} (dev_mt {dev['dev_mt']:.3f})",
         "status": met(dev["dev_rw"] >= GOALS["dev_rw_f1"])},
        {"goal": "per-power kappa above the actor prior",
         "measured": ", ".join(f"{a} {kappa_roles[a]:.2f} vs {kappa_prior[a]:.2f}" for a in POWERS),
         "status": met(all(kappa_roles[a] > kappa_prior[a] for a in POWERS))},
        {"goal": ">= 85% of the behavioural suite", "measured": f"{suite_all:.1%}",
         "status": met(suite_all >= GOALS["suite"])},
        {"goal": "every construction >= 70%", "measured": f"lowest {worst.min():.0%} ({worst.idxmin()})",
         "status": met(worst.min() >= GOALS["construction"])},
        {"goal": ">= 3,000 pairs/s on one core", "measured": f"{rate:,.0f}",
         "status": met(rate >= GOALS["pairs_per_s"])},
    ])

    out = [
        "# Stance methods: honest evaluation",
        "",
        f"Written by `bench/stance_eval.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        f"({platform.python_version()}, {time.time() - t0:.0f} s). The default method is `roles` "
        "(`oped_analysis.scoring.stance`): role features (who does what to whom) and words, "
        "logistic regression trained on data/opeds_synth + NewsMTSC train, calibrated on NewsMTSC dev_rw. "
        "The seed gold is a test set: nothing was trained on it and no setting was chosen by its score; "
        "its errors were read once, early, to see which kinds of sentence fail (relationship trends, "
        "neutral mentions given a sign), so it is not entirely unseen.",
        "",
        "A speaker of a reporting verb (\"X warns\", \"according to X\") is not the target of what it "
        "reports: its cues give one unsigned feature and only the words next to it are kept. Irony is read "
        "from scare quotes, \"so-called\", and praise in an exclamation contradicted by a hostile act in "
        "the same sentence (\"What a fine friend X has been, bullying ...\"); \"fine\" is not read as a "
        "CAMEO sanction. Tried on train/dev data and dropped because they did not help there: calibrating "
        "the class priors on dev_rw plus 20% held-out opeds_synth, reweighting the calibration data to a "
        "45% neutral share, fitting the priors by log-loss instead of macro-F1, and a feature for a "
        "locative mention (\"talks in Beijing\").",
        "",
        "Also tried and dropped, with the change in opeds_synth CV macro-F1 / dev_mt macro-F1 against "
        "the kept model (`bench/stance_cv.py`: grouped 5-fold CV on opeds_synth, each fold trained with "
        "NewsMTSC train and calibrated on dev_rw, as shipped; differences of about 0.02 are within the "
        "noise of these sets): a cue counts as linked to the target only if no other name stands between "
        "them (+0.016 / -0.023), distance buckets on role features (+0.004 / -0.026), halving far "
        "general-lexicon cues (-0.004 / -0.008), mention-type features (locative preposition, part of a "
        "name, list, adjective; +0.017 / -0.026), a flag for a target with no linked cue (+0.004 / -0.033) "
        "or damped sentence words then (+0.002 / -0.027), a possessive continuing the target after a "
        "contrast (\"..., yet its dumping\"; -0.002 / +0.005), talk verbs read as speech (-0.011 / "
        "+0.003), C 1.0 (+0.011 / -0.009) or 0.25 (+0.001 / -0.039), word weight 0.5 (+0.008 / -0.035), "
        "synthetic weight 4 (+0.018 / -0.016), rule prior 0.5 (+0.002 / -0.041, dev_rw +0.020), "
        "general-lexicon cues left out of the codebook score (+0.011 / -0.081) or cues merely near the "
        "target left out of it (+0.005 / -0.018), and smoothing the calibration grid (+0.004 / -0.018). "
        "None helped on opeds_synth and dev_mt "
        "together; the kept model scores 0.470 / 0.624 (dev_rw 0.638).",
        "",
        "Tried on 2026-12-03 against the neutral over-calling, with opeds_synth CV / dev_mt / dev_rw "
        "macro-F1 (kept model 0.470 / 0.624 / 0.638; measured once, not recomputed here) and dropped: "
        "a **two-stage model** (one logistic regression for neutral vs polar, another on the polar rows "
        "for the sign, the codebook prior on the sign): 0.470 / 0.590 / 0.624; with C 0.2 or 1 in the "
        "first stage 0.464 / 0.585 / 0.635 and 0.464 / 0.590 / 0.629; with the prior also on the first "
        "stage (|score|) 0.454 / 0.585 / 0.635; without any prior 0.502 / 0.610 / 0.646. **Features of "
        "the target's own clause** (the words between the nearest comma, conjunction or relative pronoun "
        "on each side: cues there by sign, no cue there, cues outside, the clause's words; Pattern's "
        "chunker gives phrases, not clauses, and costs 0.16 ms a sentence): in the three-class model "
        "0.480 / 0.625 / 0.666; in the two-stage model without prior 0.494 / 0.634 / 0.673 (paired "
        "bootstrap of dev_mt: +0.011, 95% interval -0.027 to +0.050), with more clause boundaries 0.490 / "
        "0.642 / 0.663, and opeds_synth weighted 4 in the first stage 0.498 / 0.645 / 0.657 (CV averaged "
        "over three groupings 0.502 vs 0.477): the best data numbers of the session, but without the "
        "codebook prior the behavioural suite falls to 73% (comparison 17%, irony 33%, speaker 42%, "
        "victim 50%), "
        "and with the prior at 0.5 / 1 / 2 the gains vanish (0.494 / 0.615 / 0.639, suite 84%; 0.480 / "
        "0.612 / 0.639, 86% with victim 50%; 0.479 / 0.591 / 0.635); the three-class model with the "
        "clause features (none for a speaker) and the prior: 0.479 / 0.638 / 0.640, suite 90% but "
        "comparison 67% (git history: the commit \"stance experiment (not kept ...)\"). Other "
        "two-stage settings (C 0.25-1 per stage, opeds_synth weight 1-4 per stage, an unbalanced first "
        "stage) moved these by less than 0.02; the two stages packed into one linear three-class form "
        "0.487 / 0.626 / 0.696; a first stage without the sentence's words 0.469 / 0.607 / 0.589; "
        "calibrating on dev_rw plus out-of-fold opeds_synth (two-stage, no prior) 0.495 / 0.653 / 0.669, "
        "suite as above. Derived features: |score| 0.472 / 0.626 / 0.643; the number of linked cues and "
        "a flag for cues merely near 0.479 / 0.612 / 0.638; subject x role interactions 0.475 / 0.596 / "
        "0.635. Words: without the sentence's words 0.440 / 0.594 / 0.631, without any 0.423 / 0.568 / "
        "0.595. opeds_synth's neutral rows weighted 1.5x or 2x: 0.478 / 0.603 / 0.640 and 0.491 / 0.590 "
        "/ 0.644. Gradient-boosted trees (HistGradientBoosting) on the role and clause features without "
        "words: 0.403 / 0.571 / 0.619, against 0.408 / 0.545 / 0.580 for a logistic regression on the "
        "same features; the words (thousands of sparse columns) and the cost of one prediction in "
        "scikit-learn (3.3 ms, 300 pairs/s) kept it out. On opeds_synth most errors are sign flips of "
        "implicit stance (irony, victims, negation: 34-37% right in CV) that no cue list reads.",
        "",
        "Also tried on 2026-12-03 against the neutral over-calling and dropped, in the same order of "
        "numbers (opeds_synth CV / dev_mt / dev_rw; `bench/stance_experiments.py` recomputes them, "
        "about 4 minutes). **Abstention** after calibration: a neutral log-prior of +0.25 or +0.5 "
        "0.474 / 0.610 / 0.600 and 0.471 / 0.584 / 0.558, neutral below a confidence of 0.45 0.457 / "
        "0.600 / 0.599: the calibrated shift already sits at dev_rw's optimum, and out-of-fold "
        "opeds_synth gains at most 0.004 from more neutral. **A gate for passing mentions** (in a list, "
        "after a locative preposition, hyphenated, an adjective as in \"American farmers\", after "
        "\"according to\"), a neutral log-prior for them alone: +0.25 0.472 / 0.615 / 0.638, +0.5 0.470 "
        "/ 0.598 / 0.635, +1 0.460 / 0.580 / 0.625; only for those with no cue tied to them by a role, "
        "+0.5 0.466 / 0.614 / 0.638 and +1 0.459 / 0.612 / 0.633; for every target with no tied cue "
        "+0.5 0.468 / 0.610 / 0.608; for targets whose only tied cues are general-lexicon words +0.5 "
        "0.469 / 0.582 / 0.577. Passing mentions are not neutral enough to gate: in opeds_synth 38-49% "
        "of them are (lists 132 of 295, adjectives 83 of 215), and most neutral pairs given a sign have "
        "a cue tied to them (264 of the 324 in CV). **Domain adaptation by feature copies** (Daumé "
        "III 2007: each feature also as an op-ed-only and a news-only copy; the model predicts with the "
        "general weights plus the op-ed copies, at no cost in speed): 0.517 / 0.563 / 0.550, the best "
        "opeds_synth number so far, but the suite falls to 83% (comparison 44%, speaker 42%, irony 33%); "
        "half the op-ed copies 0.499 / 0.605 / 0.567; the general weights alone 0.467 / 0.616 / 0.607; "
        "copies of the word features only 0.504 / 0.594 / 0.621 (half: 0.484 / 0.604 / 0.623), of the "
        "role features only 0.498 / 0.565 / 0.575. The two training sets pull apart: the more weight "
        "is op-ed-specific, the better opeds_synth and the worse NewsMTSC, so these sets cannot say "
        "which real op-eds resemble. One such conflict is in the labels: NewsMTSC codes a target that "
        "suffers a hostile act mostly as negative (67% of its 605 training rows with `patient:act-`), the "
        "codebook as not unfavourable in itself (opeds_synth's 102 such rows: 26% negative, 58% neutral); "
        "those features as news-only copies for NewsMTSC rows: 0.475 / 0.619 / 0.609, with their "
        "`patient=word` features 0.487 / 0.613 / 0.613. Measured once from out-of-fold probabilities "
        "(not in the script): re-estimating the class priors of each set from its unlabelled predictions "
        "by EM (Saerens et al. 2002) 0.302 / 0.502 / 0.583 (it put opeds_synth's neutral share at 0%: "
        "probabilities shifted for macro-F1 are not posteriors). Not used: `data/nyt_editorials` rates "
        "the sentiment of whole snippets, not a stance toward a power, and its 177 mentions of the "
        "powers are mostly in passing or not of a power at all (\"Washington Square\", \"Mr. Washington\", "
        "\"Mystery Writers of America\"); self-training has no unlabelled op-ed prose about the powers to "
        "learn from (`bench/corpus.py`'s pool is the seeds, which are the test set, the labelled "
        "datasets and those snippets).",
        "",
        "Fixed on 2026-12-03: the relative-clause rule (\"X, which helps ...\": X is the agent) never fired, "
        "because it compared a tuple of words with lists; the retrained model moved opeds_synth CV / dev_mt "
        "/ dev_rw from 0.470 / 0.624 / 0.638 to 0.472 / 0.629 / 0.644 (noise-sized, in the same direction on "
        "all three), the seed gold, the suite and round 2 of the blind check not at all, round 1 by one "
        "pair (0.724 to 0.707). Tried after it and dropped: norm-breaking verbs (breach, flout, defy and "
        "their forms) as acts of conflict, 0.470 / 0.589 / 0.632 (the calibration chose another prior "
        "shift; at each split's best shift dev_mt 0.633 against 0.632).",
        "",
        "Reproducibility: the models are fitted on one BLAS thread, so every machine gets the same "
        "weights (with 2 threads the weights differed in the third decimal), and the calibration's "
        "class-prior shift is the one with the best *mean* macro-F1 over 200 bootstrap resamples of "
        "dev_rw. The plain macro-F1 of dev_rw has near-ties far apart on the grid: measured once on "
        "2026-12-03 (not recomputed here), the 1- and 2-thread "
        "fits picked neutral shifts of -0.5 and +0.25, which moved dev_mt macro-F1 from 0.624 to 0.590 "
        "and the victim/passive construction from 96% to 54%; by the resampled mean both pick +0.25. "
        "This is also a measure of how fragile these numbers are: a choice this unstable is noise, "
        "not skill.",
        "",
        "## Goals (issue 12)",
        "", md(goals), "",
        "## Seed gold: all explicit human-coded pairs",
        "", md(overall), "",
        "Per-power Cohen's kappa (the actor prior is constant within a power, so its kappa is 0):", "",
        md(kappa), "",
        "Confusion matrices (rows: human stance; columns: method):", "",
    ]
    for label in ("roles", "model", "rules", "vader:clause", "actor-prior"):
        if label in confusion:
            out += [f"`{label}`", "", confusion[label].reset_index().to_markdown(index=False), ""]
    out += [f"## A blind check: {len(lead_pairs)} pairs nobody tuned on", "",
            "`bench/lead_check/`: op-ed-style sentences written and labelled by the project lead before any "
            "method was run on them, and not seen by whoever worked on the methods (see its README), in two "
            "rounds written on the same day (macro-F1 per round, then both). One coder; small "
            "(one pair is about 2 points in a round).", "",
            md(lead, ".3f"), "",
            "`roles`:", "", validate.confusion(lead_roles["gold_stance"], lead_roles["stance"])
            .reset_index().to_markdown(index=False), ""]
    out += ["## NewsMTSC (macro-F1)", "",
            "dev_rw was used to calibrate `roles` (temperature, class priors) and to choose among a "
            "handful of settings, so its number is optimistic for `roles`; dev_mt was used by no method.",
            "",
            md(news_wide, ".3f"), "",
            "## Behavioural suite (share of cases passed)", "",
            f"{int(rates.set_index('construction').loc['all', 'cases'])} cases from templates per "
            "construction (`oped_analysis.behaviour`); a case passes when every power in it gets its "
            "expected stance. The suite was also looked at while choosing among the few settings tried "
            "and while writing the role features, so it is not an unseen test.",
            "", md(rates), "",
            "Invariance (same prediction when a power is renamed by another alias or swapped with "
            "another power):",
            "", md(invariance), "",
            "## Calibration of `roles`", "",
            f"Reliability on NewsMTSC dev_mt (ECE {calibration.expected_calibration_error(rel_mt):.3f}):", "",
            md(rel_mt.dropna()), "",
            "Abstention on dev_mt (`stance_summary(..., min_confidence=...)` drops pairs below the "
            "threshold):", "",
            md(abstain_mt), ""]
    if len(seed_roles):
        rel_seed = calibration.reliability(seed_roles["gold_stance"], seed_roles["stance"],
                                           seed_roles["confidence"], bins=4)
        out += [f"Reliability on the seed gold, detected pairs "
                f"(ECE {calibration.expected_calibration_error(rel_seed):.3f}):", "",
                md(rel_seed.dropna()), "",
                "Abstention on the seed gold, detected pairs:", "",
                md(calibration.abstention_curve(seed_roles["gold_stance"], seed_roles["stance"],
                                                seed_roles["confidence"])), ""]
    out += ["## Throughput (sentence-power pairs per CPU second, one core, cold caches)", "",
            md(speed, ",.0f"), "",
            "NewsMTSC train sentences (first 3,000 targets; 600 for the slower methods). CPU seconds are "
            "less affected by other work on the machine than wall-clock seconds.", ""]
    (ROOT / "bench" / "STANCE.md").write_text("\n".join(out), encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
