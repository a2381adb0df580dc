"""How well the frame keywords agree with human frame coding; writes ``bench/FRAMES.md``.

Run from the repository root:  PYTHONPATH=src python bench/frames_eval.py [--timing]

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
  mentions of a benchmark corpus (``bench/out/out-small_1``, written by ``bench/run.py``),
  or over the opeds_synth rows when that is missing.
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
    first = first.assign(start=first["start"] - first["start_sentence"], end=first["end"] - first["start_sentence"])
    first = first.rename(columns={"article": "pred_article", "sentence": "pred_sentence"})
    keyed = alignment.merge(first[["pred_article", "pred_sentence", "actor", "text", "start", "end"]],
                            on=["pred_article", "pred_sentence"])
    keyed = keyed.drop_duplicates(["article", "sentence", "actor"])[["article", "sentence", "actor", "text",
                                                                       "start", "end"]]
    gold = coding.rename(columns={"frame": "gold_frame"})[["article", "sentence", "actor", "mention", "gold_frame"]]
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


def timing(out: Path, runs: int = 5) -> tuple[str, list[float]]:
    """CPU seconds of uncached ``cues.frame`` over every mention of the ``analyze`` output ``out``,
    per run (the opeds_synth rows when ``out`` has no mentions table)."""
    if (out / "mentions.parquet").is_file():
        sentences = pd.read_parquet(out / "sentences.parquet")
        mentions = pd.read_parquet(out / "mentions.parquet").merge(
            sentences[["article", "sentence", "start", "text"]], on=["article", "sentence"],
            suffixes=("", "_sentence"))
        rows = list(zip(mentions["text"], mentions["start"] - mentions["start_sentence"],
                        mentions["end"] - mentions["start_sentence"]))
        source = f"{len(rows):,} mentions of {out}"
    else:
        data = synth_rows()
        rows = list(zip(data["text"], data["start"], data["end"]))
        source = f"{len(rows):,} opeds_synth rows"
    fn = cues.frame.__wrapped__
    fn(*rows[0])
    seconds = []
    for _ in range(runs):
        cues.tokens.cache_clear()
        start = time.process_time()
        for row in rows:
            fn(*row)
        seconds.append(time.process_time() - start)
    return source, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timing", action="store_true", help="also time cues.frame")
    parser.add_argument("--timing-on", type=Path, default=ROOT / "bench" / "out" / "out-small_1",
                        help="an analyze output whose mentions to time (default: bench/out/out-small_1)")
    args = parser.parse_args()

    synth = synth_rows()
    synth_pred = predict(cues.frame, synth["text"], synth["start"], synth["end"])
    seeds = seed_pairs()
    seed_pred = predict(cues.frame, seeds["text"], seeds["start"], seeds["end"])
    explicit = (seeds["mention"] == "explicit").to_numpy()
    rows = [("opeds_synth (dev)", measures(synth["frame"], synth_pred)),
            ("seed gold, all mentions (test)", measures(seeds["gold_frame"], seed_pred)),
            ("seed gold, explicit mentions (test)",
             measures(seeds["gold_frame"][explicit], np.array(seed_pred)[explicit]))]
    for name, m in rows:
        print(f"{name}: " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in m.items()))
    print(confusion_md(synth["frame"], synth_pred))
    print(confusion_md(seeds["gold_frame"], seed_pred))
    if args.timing:
        source, seconds = timing(args.timing_on)
        print(source, " ".join(f"{s:.3f}" for s in seconds))


if __name__ == "__main__":
    main()
