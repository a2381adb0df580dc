"""Experiments against neutral over-calling tried on 2026-12-03 and not kept (bench/STANCE.md).

Run from the repository root:  PYTHONPATH=src python bench/stance_experiments.py [WORD ...]
(with words, only the variants whose names contain one of them; all take about 4 minutes).

Each variant is scored by :func:`stance_cv.evaluate` (opeds_synth grouped CV, NewsMTSC dev_rw and
dev_mt; never the seed gold) and printed on one line:

* abstention: a neutral log-prior added after calibration, or neutral below a confidence;
* gates: a neutral log-prior added only for passing mentions (in a list, after a locative
  preposition, hyphenated or as an adjective "American farmers", inside "according to"), for
  those with no cue tied to them by a role, for both, or for targets whose only tied cues are
  general-lexicon words;
* domain adaptation by feature copies (Daume 2007, "frustratingly easy"): every feature also as an
  op-ed-only and a news-only copy; the model predicts with the general weights plus (a share of)
  the op-ed copies, so at prediction time it costs nothing more;
* NewsMTSC's victim convention kept out of the shared weights: NewsMTSC codes a target that
  suffers a hostile act mostly as negative (67% of its 605 training rows with ``patient:act-``),
  the codebook as not unfavourable in itself (opeds_synth's 102 such rows: 26% negative,
  58% neutral), so for
  NewsMTSC rows those features become news-only copies, never used in prediction.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stance_cv import evaluate, line  # noqa: E402

from oped_analysis.scoring import roles  # noqa: E402

NEUTRAL = 1                       # the index of the neutral class in stance.CLASSES
LOCATIVE = {"in", "at", "across", "into", "near", "within", "inside", "outside", "throughout", "around"}
ADJECTIVES = {"american", "chinese", "russian", "soviet", "us", "u.s.", "sino"}


def passing(sentence: str, start: int, end: int) -> bool:
    """Whether the mention ``sentence[start:end]`` is in passing rather than the topic (see above)."""
    words, *_, starts, ends, _, _ = roles.analyse(sentence)
    t0, t1 = bisect_right(ends, start), bisect_left(starts, end) - 1
    if t0 > t1:
        return False
    after = words[t1 + 1] if t1 + 1 < len(words) else ""
    before = words[t0 - 1] if t0 else ""
    if t0 >= 2 and words[t0 - 2] == "according" or roles._preposition(words, t0) in LOCATIVE:
        return True
    if after in {"and", "or"} or before in {"and", "or"} or after == "-" or "-" in sentence[start:end]:
        return True
    return (words[t1] in ADJECTIVES and after.isalpha() and after not in roles.BE | roles.AUXILIARIES
            and not after.endswith(("ed", "s")))


#: Role features that tie a cue to the target (the others: ``near``, ``across``, ``reported``).
LINKED = ("agent:", "patient:", "owner:", "than:", "trend")


def unlinked(feats: dict) -> bool:
    """No cue tied to the target by a role (:data:`LINKED`)."""
    return not any(k.startswith(LINKED) for k in feats)


def lexicon_only(feats: dict) -> bool:
    """The cues tied to the target are all general-lexicon words (no act, no judgement), or none."""
    return not any(k.startswith("trend") or k.startswith(LINKED) and (":act" in k or ":judge" in k)
                   for k in feats)


def neutral_shift(delta: float, gate=None):
    """A ``decide`` hook: argmax after adding ``delta`` to the neutral log-probability (of the rows
    for which ``gate((sentence, start, end), feats)`` holds, if given)."""
    def decide(proba, table, feats):
        shift = np.full(len(proba), delta)
        if gate is not None:
            targets = zip(table["sentence"], table["start"], table["end"])
            shift *= [gate(target, f) for target, f in zip(targets, feats)]
        z = np.log(proba)
        z[:, NEUTRAL] += shift
        return z.argmax(axis=1)
    return decide


def below_confidence(threshold: float):
    """A ``decide`` hook: neutral when the most probable class has less than ``threshold``."""
    def decide(proba, table, feats):
        return np.where(proba.max(axis=1) < threshold, NEUTRAL, proba.argmax(axis=1))
    return decide


def domain_copies(feats: dict, from_synth: bool) -> dict:
    """Every feature, plus a copy for its domain (``S|`` op-ed, ``N|`` news)."""
    prefix = "S|" if from_synth else "N|"
    return {**feats, **{prefix + k: v for k, v in feats.items()}}


WORD_PREFIXES = ("w:", "L:", "R:")


def word_domain_copies(feats: dict, from_synth: bool) -> dict:
    """Every feature, plus a copy for its domain of each word feature (role features stay shared)."""
    prefix = "S|" if from_synth else "N|"
    return {**feats, **{prefix + k: v for k, v in feats.items() if k.startswith(WORD_PREFIXES)}}


def role_domain_copies(feats: dict, from_synth: bool) -> dict:
    """Every feature, plus a copy for its domain of each role feature (word features stay shared)."""
    prefix = "S|" if from_synth else "N|"
    return {**feats, **{prefix + k: v for k, v in feats.items() if not k.startswith(WORD_PREFIXES)}}


def fold_domain(share: float):
    """A ``fold_weights`` hook: general weights plus ``share`` of the op-ed copies, domain copies dropped."""
    def fold(weights):
        general = {k: w for k, w in weights.items() if not k.startswith(("S|", "N|"))}
        return {k: w + share * weights["S|" + k] if "S|" + k in weights else w for k, w in general.items()}
    return fold


def adapted(copies, share: float) -> dict:
    """The hooks of a domain-copy variant: ``copies`` in training, ``share`` of the op-ed copies folded in."""
    return {"train_map": copies, "fold_weights": fold_domain(share)}


VICTIM = {"patient:act-", "patient:lex-"}


def news_victims(word_features: bool):
    """A ``train_map`` hook: for NewsMTSC rows, :data:`VICTIM` features (negated, questioned or quoted
    too; with ``word_features`` also every ``patient=word``) become news-only copies."""
    def mapped(feats, from_synth):
        if from_synth:
            return feats
        def moved(k):
            return (k.split(":", 1)[1] if k.startswith(("neg:", "q:", "quoted:")) else k) in VICTIM or (
                word_features and k.startswith("patient="))
        return {("N|" + k if moved(k) else k): v for k, v in feats.items()}
    return mapped


#: Gates for :func:`neutral_shift`: which rows get the neutral shift.
GATES = {
    "passing": lambda target, feats: passing(*target),
    "passing_unlinked": lambda target, feats: unlinked(feats) and passing(*target),
    "unlinked": lambda target, feats: unlinked(feats),
    "lexicon_only": lambda target, feats: lexicon_only(feats),
}
VARIANTS = {
    "kept model": {},
    "neutral +0.25 after calibration": {"decide": neutral_shift(0.25)},
    "neutral +0.5 after calibration": {"decide": neutral_shift(0.5)},
    "neutral below confidence 0.45": {"decide": below_confidence(0.45)},
    "passing mentions: neutral +0.25": {"decide": neutral_shift(0.25, GATES["passing"])},
    "passing mentions: neutral +0.5": {"decide": neutral_shift(0.5, GATES["passing"])},
    "passing mentions: neutral +1": {"decide": neutral_shift(1.0, GATES["passing"])},
    "passing, no linked cue: neutral +0.5": {"decide": neutral_shift(0.5, GATES["passing_unlinked"])},
    "passing, no linked cue: neutral +1": {"decide": neutral_shift(1.0, GATES["passing_unlinked"])},
    "no linked cue: neutral +0.5": {"decide": neutral_shift(0.5, GATES["unlinked"])},
    "only general-lexicon cues: neutral +0.5": {"decide": neutral_shift(0.5, GATES["lexicon_only"])},
    "domain copies, general + op-ed": adapted(domain_copies, 1.0),
    "domain copies, general + half op-ed": adapted(domain_copies, 0.5),
    "domain copies, general only": adapted(domain_copies, 0.0),
    "word domain copies, general + op-ed": adapted(word_domain_copies, 1.0),
    "word domain copies, general + half op-ed": adapted(word_domain_copies, 0.5),
    "role domain copies, general + op-ed": adapted(role_domain_copies, 1.0),
    "NewsMTSC victims news-only": {"train_map": news_victims(False)},
    "NewsMTSC victims news-only, with words": {"train_map": news_victims(True)},
}

if __name__ == "__main__":
    chosen = sys.argv[1:]          # names of variants to run (default: all)
    for name, hooks in VARIANTS.items():
        if chosen and not any(c in name for c in chosen):
            continue
        print(f"{name:40s}", line(evaluate(**hooks)), flush=True)
