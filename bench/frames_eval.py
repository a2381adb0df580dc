"""How well the frame keywords agree with human frame coding; writes ``bench/FRAMES.md``.

Run from the repository root:  PYTHONPATH=src python bench/frames_eval.py [--timing [--baseline SRC]]

* **dev**: ``data/opeds_synth`` (rows whose two coders agreed on the frame; the empty ones,
  where they disagreed, are left out). The keyword lists are not fitted to it; they are
  judged on it. A learned bag-of-words model is cross-validated on it with the sentences
  grouped (the powers of one sentence stay in one fold, as ``bench/stance_cv.py`` groups),
  and, harder, by leaving out one of its three writing batches (ids A, B, C) at a time.
* **test**: the seed gold (``data/gold/coding.tsv``): reported, never used to choose a word
  or a setting. A coded pair the library does not detect gets ``other``, as in
  :func:`oped_analysis.validate.seed_predictions`; the frame is that of the power's first
  mention in the sentence.
* ``--timing``: CPU time of :func:`oped_analysis.scoring.cues.frame` (uncached) over the
  mentions of a benchmark corpus (``bench/out/out-small_1``, written by ``bench/run.py``;
  ``--timing-on`` another), or over the opeds_synth rows when that is missing; with
  ``--baseline SRC`` also with another source tree (an earlier commit's), alternating.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from oped_analysis import validate  # noqa: E402
from oped_analysis.scoring import cues  # noqa: E402
from oped_analysis.vocab import FRAMES  # noqa: E402

SYNTH = ROOT / "data" / "opeds_synth" / "opeds_synth.tsv"
GOLD = ROOT / "data" / "gold"
#: Folds of the grouped cross-validation (as bench/stance_cv.py).
FOLDS = 5


def synth_rows() -> pd.DataFrame:
    """The opeds_synth rows with an agreed frame: id, text, actor, start, end, frame, batch."""
    data = pd.read_csv(SYNTH, sep="\t", quoting=3, keep_default_na=False, dtype={"id": str})
    data = data[data["frame"] != ""].reset_index(drop=True)
    return data.assign(batch=data["id"].str[0])


def seed_pairs() -> pd.DataFrame:
    """The human-coded seed pairs with the library's mention span (None where not detected).

    Columns: article, sentence, actor, mention, gold_frame, text, start, end.
    """
    import oped_analysis as oa

    corpus = oa.load_corpus(ROOT / "seeds")
    sentences = oa.sentences(corpus)
    mentions = oa.mentions(corpus)
    ref_sentences, coding = validate.read_gold(GOLD)
    alignment = validate.align_sentences(sentences, ref_sentences).dropna(subset=["pred_sentence"])
    first = (mentions.sort_values("start", kind="stable")
             .drop_duplicates(["article", "sentence", "actor"])
             .merge(sentences[["article", "sentence", "start", "text"]], on=["article", "sentence"],
                    suffixes=("", "_sentence")))
    offset = first["start_sentence"]
    first = first.assign(start=first["start"] - offset, end=first["end"] - offset)
    first = first.rename(columns={"article": "pred_article", "sentence": "pred_sentence"})
    keyed = alignment.merge(first[["pred_article", "pred_sentence", "actor", "text", "start", "end"]],
                            on=["pred_article", "pred_sentence"])
    keyed = keyed.drop_duplicates(["article", "sentence", "actor"])[["article", "sentence", "actor", "text",
                                                                       "start", "end"]]
    gold = coding.rename(columns={"frame": "gold_frame"})
    gold = gold[["article", "sentence", "actor", "mention", "gold_frame"]]
    gold = gold.astype({"sentence": "int64"})
    return gold.merge(keyed, on=["article", "sentence", "actor"], how="left")


def predict(frame_fn, texts, starts, ends) -> list[str]:
    """The frame ``frame_fn(sentence, start, end)`` gives each row; ``other`` where there is no span."""
    return [frame_fn(t, int(a), int(b))[0] if isinstance(t, str) else "other"
            for t, a, b in zip(texts, starts, ends)]


def measures(truth, predicted) -> dict:
    """n, accuracy, macro-F1 over the four frames, kappa, and the share of ``other`` given vs coded."""
    truth, predicted = list(truth), list(predicted)
    out = validate.agreement(truth, predicted, FRAMES)
    out["other_given"] = float(np.mean([p == "other" for p in predicted]))
    out["other_coded"] = float(np.mean([t == "other" for t in truth]))
    return out


def confusion_md(truth, predicted) -> str:
    table = validate.confusion(truth, predicted, FRAMES)
    head = "| gold \\ given | " + " | ".join(FRAMES) + " |\n|---|" + "---:|" * len(FRAMES) + "\n"
    return head + "".join(f"| {g} | " + " | ".join(str(v) for v in table.loc[g]) + " |\n" for g in FRAMES)


def keyword_frame(extra: dict[str, list[str]] | None = None, **load):
    """A frame function with the keywords ``cues.load_frames(**load)`` gives (a source left out,
    no inflections ...) plus the ``extra`` words per frame, to measure what a list adds."""
    from functools import lru_cache

    frames = cues.load_frames(**load)
    for name, words in (extra or {}).items():
        frames[name] = sorted(set(frames[name]) | set(words))
    table = cues.frame_table(frames)
    return lru_cache(maxsize=None)(lambda sentence, start, end: cues.frame_by(table, sentence, start, end))


def cameo_frame_verbs() -> dict[str, list[str]]:
    """The CAMEO dictionary's verbs (``data/cameo``) by the frame their event class names, with
    their inflections: statements, appeals, consultations, diplomatic cooperation, demands,
    disapproval, rejection and reducing relations (roots 01-05, 10-12, 16) -> diplomatic;
    military posture, assault, fighting, mass violence (15, 18-20) and military cooperation or
    aid (062, 072) -> security; economic cooperation or aid and embargoes (061, 071, 163) ->
    economic. Tried as a source, not shipped: see FRAMES.md."""
    from oped_analysis.resources import read_cameo_verbs

    def frame_of(code: str) -> str | None:
        if code.startswith(("061", "071", "163")):
            return "economic"
        if code.startswith(("062", "072")) or int(code[:2]) in (15, 18, 19, 20):
            return "security"
        return "diplomatic" if int(code[:2]) in (1, 2, 3, 4, 5, 10, 11, 12, 16) else None

    listed = {w for words in cues.FRAMES.values() for w in words}
    out: dict[str, set[str]] = {f: set() for f in cues.FRAME_ORDER}
    verbs = read_cameo_verbs()
    for verb, code in zip(verbs["verb"], verbs["code"]):
        if (name := frame_of(code)) and verb not in listed:
            out[name] |= cues.inflections(verb, verb=True) - listed
    return {f: sorted(words) for f, words in out.items()}


def variants() -> dict[str, object]:
    """The keyword lists compared: the first lists as they were, with inflections, the shipped
    file, and the file without each of its sources."""
    import tomllib

    sources = [k for k in tomllib.loads((ROOT / "src" / "oped_analysis" / cues.FRAMES_FILE).read_text())
               if k != "forms"]
    out = {"first lists, as written (before)": keyword_frame(sources=["seeds"], inflect=False),
           "first lists + inflections": keyword_frame(sources=["seeds"]),
           "shipped (all sources)": cues.frame}
    for source in sources[1:]:
        out[f"shipped without [{source}]"] = keyword_frame(sources=[s for s in sources if s != source])
    out["shipped + CAMEO verbs by event class (tried, not shipped)"] = keyword_frame(cameo_frame_verbs())
    return out


#: The learned model's settings tried: word counts or tf-idf, the inverse regularisation C, and
#: class weights (balanced: the rarer frames count more, as macro-F1 does).
LEARNED_GRID = [(vectorizer, c, weights) for vectorizer in ("counts", "tf-idf") for c in (0.3, 1.0, 3.0, 10.0)
                for weights in (None, "balanced")]


def learned_cv(data: pd.DataFrame) -> list[tuple[str, dict]]:
    """Cross-validated frames of a bag-of-words logistic regression fitted on opeds_synth.

    Features: the sentence's words and, marked apart, the words of the target's clause
    (as the keywords weigh the clause double). Folds: by sentence (5, grouped), so the powers
    of one sentence are never in both train and test. Every setting of :data:`LEARNED_GRID`
    is scored; the best (chosen on the same folds, so optimistic) is also scored leaving out
    one of the three writing batches (A, B, C) at a time, a harder shift.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut
    from sklearn.pipeline import make_pipeline

    from oped_analysis.text import clause_span

    def document(text, start, end):
        lo, hi = clause_span(text, start, end)
        words = [(w, a) for w, a, _ in cues.tokens(text) if w[0].isalnum()]
        return " ".join([w for w, _ in words] + ["c_" + w for w, a in words if lo <= a < hi])

    def cross_validate(setting, splitter, groups):
        vectorizer, c, weights = setting
        pred = np.empty(len(y), dtype=object)
        for train, test in splitter.split(docs, y, groups=groups.to_numpy()):
            words = (CountVectorizer(token_pattern=r"\S+", binary=True, min_df=2) if vectorizer == "counts"
                     else TfidfVectorizer(token_pattern=r"\S+", min_df=2, sublinear_tf=True))
            model = make_pipeline(words, LogisticRegression(C=c, class_weight=weights, max_iter=3000))
            pred[test] = model.fit(docs[train], y[train]).predict(docs[test])
        return measures(y, pred)

    docs = np.array([document(*r) for r in zip(data["text"], data["start"], data["end"])])
    y = data["frame"].to_numpy()
    scored = [(setting, cross_validate(setting, GroupKFold(FOLDS), data["id"])) for setting in LEARNED_GRID]
    name = lambda s: f"{s[0]}, C={s[1]:g}, {s[2] or 'unweighted'}"
    default = scored[LEARNED_GRID.index(("counts", 1.0, None))]
    best = max(scored, key=lambda sm: sm[1]["macro_f1"])
    return [(f"{name(default[0])} (default), grouped 5-fold CV", default[1]),
            (f"{name(best[0])} (best of {len(LEARNED_GRID)}, optimistic), grouped 5-fold CV", best[1]),
            (f"{name(best[0])}, leave-one-batch-out CV (A/B/C)",
             cross_validate(best[0], LeaveOneGroupOut(), data["batch"]))]


#: Run in a child process with a source tree first on the path: the CPU seconds of the frame step
#: (``cues.frame`` uncached, its helpers' caches cleared) over the (sentence, start, end) rows in
#: the JSON file ``argv[1]``, once per round.
TIMING_CHILD = """
import json, sys, time
from oped_analysis.scoring import cues
from oped_analysis.text import clause_span
rows = [tuple(r) for r in json.load(open(sys.argv[1]))]
fn = cues.frame.__wrapped__
fn(*rows[0])
caches = [cues.tokens, clause_span] + [getattr(cues, n) for n in ("_sentence_keywords",) if hasattr(cues, n)]
for _ in range(int(sys.argv[2])):
    for cache in caches:
        cache.cache_clear()
    start = time.process_time()
    for row in rows:
        fn(*row)
    print(time.process_time() - start)
"""


def timing_rows(out: Path) -> tuple[str, list[tuple[str, int, int]]]:
    """The (sentence, start, end) of every mention of the ``analyze`` output ``out`` (the
    opeds_synth rows when ``out`` has no mentions table), and where they come from."""
    if (out / "mentions.parquet").is_file():
        sentences = pd.read_parquet(out / "sentences.parquet")
        mentions = pd.read_parquet(out / "mentions.parquet").merge(
            sentences[["article", "sentence", "start", "text"]], on=["article", "sentence"],
            suffixes=("", "_sentence"))
        offset = mentions["start_sentence"]
        rows = list(zip(mentions["text"], mentions["start"] - offset, mentions["end"] - offset))
        return f"the {len(rows):,} mentions of the analyze output {out.name}", rows
    data = synth_rows()
    return f"the {len(data):,} opeds_synth rows", list(zip(data["text"], data["start"], data["end"]))


def timing(rows, trees: dict[str, Path], rounds: int = 3, runs: int = 3) -> dict[str, list[float]]:
    """CPU seconds of the frame step with each source tree (``name -> src folder``), in
    alternating child processes (``rounds`` each, ``runs`` per process; the machine is shared)."""
    import json
    import os
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([[t, int(a), int(b)] for t, a, b in rows], handle)
    seconds: dict[str, list[float]] = {name: [] for name in trees}
    try:
        for _ in range(rounds):
            for name, tree in trees.items():
                env = {**os.environ, "PYTHONPATH": str(tree), "OPED_ANALYSIS_DATA": str(ROOT / "data")}
                run = subprocess.run([sys.executable, "-c", TIMING_CHILD, handle.name, str(runs)],
                                     env=env, capture_output=True, text=True, check=True)
                seconds[name] += [float(v) for v in run.stdout.split()]
    finally:
        os.unlink(handle.name)
    return seconds


def main() -> None:
    from sklearn.metrics import f1_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", action="store_true", help="also time the frame step")
    parser.add_argument("--timing-on", type=Path, default=ROOT / "bench" / "out" / "out-small_1",
                        help="an analyze output whose mentions to time (default: bench/out/out-small_1)")
    parser.add_argument("--baseline", type=Path, metavar="SRC",
                        help="also time this source folder, e.g. an earlier commit's: "
                             "git archive COMMIT src | tar -x -C /tmp/old; --baseline /tmp/old/src")
    parser.add_argument("--baseline-label", default=None, help="its name in FRAMES.md (e.g. the commit)")
    args = parser.parse_args()
    t0 = time.time()
    synth = synth_rows()
    seeds = seed_pairs()
    explicit = (seeds["mention"] == "explicit").to_numpy()
    lines = ["# Frames: the keyword lists against human frame coding",
             "",
             "Written by `bench/frames_eval.py` (see its docstring). **Dev**: `data/opeds_synth`, "
             f"{len(synth):,} rows whose two coders agreed on the frame (human share of `other`: "
             f"{np.mean(synth['frame'] == 'other'):.1%}). **Test**: the seed gold, {len(seeds)} coded pairs "
             f"({explicit.sum()} explicit mentions; the coders gave no `other`); reported, never used to "
             "choose. Macro-F1 averages the four frames (`other` included); kappa is Cohen's. "
             f"{int(seeds['text'].isna().sum())} coded seed pairs are not detected by the library "
             "(implicit references: a pronoun) and count as `other`.",
             "",
             "The lists are `src/oped_analysis/data/frames.toml`: the first lists (`[seeds]`, kept as "
             "they were) and two general sources mapped to the codebook's frames (`[agendas]`: the "
             "Comparative Agendas Project's topics; `[themes]`: maritime, Arctic, sanctions), each "
             "with its `about`. Before writing the new sources, about 40 dev sentences the first lists "
             "called `other` were read to see which topics were missing; the words come from the "
             "topics, but some of them (fishing, solar, lithium, embargo, port) stood in those "
             "sentences, so the dev gain is somewhat optimistic. The seed gold chose nothing.",
             "",
             "## Keyword lists",
             "",
             "| keywords | dev accuracy | dev macro-F1 | dev kappa | dev `other` given | "
             "test accuracy (all / explicit) | test macro-F1 (all / explicit) | test `other` given (all) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, fn in variants().items():
        dev = measures(synth["frame"], predict(fn, synth["text"], synth["start"], synth["end"]))
        test_pred = np.array(predict(fn, seeds["text"], seeds["start"], seeds["end"]))
        test = measures(seeds["gold_frame"], test_pred)
        test_x = measures(seeds["gold_frame"][explicit], test_pred[explicit])
        lines.append(f"| {name} | {dev['accuracy']:.3f} | {dev['macro_f1']:.3f} | {dev['kappa']:.3f} | "
                     f"{dev['other_given']:.1%} | {test['accuracy']:.3f} / {test_x['accuracy']:.3f} | "
                     f"{test['macro_f1']:.3f} / {test_x['macro_f1']:.3f} | {test['other_given']:.1%} |")
        print(lines[-1])
    lines += ["", "Per frame on dev (F1):", "", "| keywords | " + " | ".join(FRAMES) + " |",
              "|---|" + "---:|" * len(FRAMES)]
    for name, fn in (("first lists (before)", keyword_frame(sources=["seeds"], inflect=False)),
                     ("shipped", cues.frame)):
        per_frame = f1_score(synth["frame"], predict(fn, synth["text"], synth["start"], synth["end"]),
                             labels=list(FRAMES), average=None, zero_division=0)
        lines.append(f"| {name} | " + " | ".join(f"{v:.3f}" for v in per_frame) + " |")
    learned = learned_cv(synth)
    shipped = measures(synth["frame"], predict(cues.frame, synth["text"], synth["start"], synth["end"]))
    best = max(m["macro_f1"] for _, m in learned)
    verdict = ("is not better than the shipped lists (macro-F1 {:.3f} vs {:.3f}), which readers can audit: "
               "the lists stay" if best <= shipped["macro_f1"] else
               "beats the shipped lists (macro-F1 {:.3f} vs {:.3f}) on dev").format(best, shipped["macro_f1"])
    lines += ["", "## A learned model instead (cross-validated on dev)", "",
              "A bag-of-words logistic regression (sentence words + clause words) fitted on opeds_synth "
              f"and scored on held-out folds {verdict}. The lists are not fitted to dev, so their dev "
              "numbers need no cross-validation.", "",
              "| model, validation | accuracy | macro-F1 | kappa | `other` given |",
              "|---|---:|---:|---:|---:|"]
    for name, m in learned:
        lines.append(f"| {name} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | {m['kappa']:.3f} | "
                     f"{m['other_given']:.1%} |")
        print(lines[-1])
    before = keyword_frame(sources=["seeds"], inflect=False)
    for title, fn in (("shipped lists", cues.frame), ("first lists (before)", before)):
        synth_pred = predict(fn, synth["text"], synth["start"], synth["end"])
        seed_pred = predict(fn, seeds["text"], seeds["start"], seeds["end"])
        lines += ["", f"## Confusion, {title}", "", "Dev (opeds_synth):", "",
                  confusion_md(synth["frame"], synth_pred), "Test (seed gold, all mentions; an undetected "
                  "pair counts as `other`):", "", confusion_md(seeds["gold_frame"], seed_pred)]
    if args.timing:
        source, rows = timing_rows(args.timing_on)
        trees = {"this tree": ROOT / "src"}
        if args.baseline:
            trees = {f"baseline: {args.baseline_label or args.baseline}": args.baseline, **trees}
        seconds = timing(rows, trees)
        lines += ["## Speed", "", f"CPU seconds of the frame step (`cues.frame`, uncached) over {source}, "
                  "caches cleared before each run; child processes alternating on a shared machine "
                  "(min-max of 9 runs):", ""]
        lines += [f"- {name}: {min(s):.3f}-{max(s):.3f} s ({1e6 * min(s) / len(rows):.1f} µs per mention "
                  "at best)" for name, s in seconds.items()]
        print("\n".join(lines[-len(seconds):]))
        texts, starts, ends = zip(*rows)
        shares = {name: np.mean([f == "other" for f in predict(fn, texts, starts, ends)])
                  for name, fn in (("first lists (before)", keyword_frame(sources=["seeds"], inflect=False)),
                                   ("shipped", cues.frame))}
        lines += ["", "Share of `other` over the same mentions (news and editorial sentences, no human "
                  "coding): " + ", ".join(f"{name} {share:.1%}" for name, share in shares.items()) + "."]
        print(lines[-1])
    lines += ["", f"({time.time() - t0:.0f} s)"]
    (ROOT / "bench" / "FRAMES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote bench/FRAMES.md")


if __name__ == "__main__":
    main()
