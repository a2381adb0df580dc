"""Compare the library's output with human coding.

The human reference (``gold/``) numbers sentences by its own split; :func:`align_sentences`
maps the library's sentences onto it by word overlap, so that mention detection and
scores can be checked pair by pair, (sentence, actor).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def read_gold(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(sentences, coding)`` from a gold folder (``sentences.tsv``, ``coding.tsv``)."""
    folder = Path(folder)
    read = lambda name: pd.read_csv(folder / name, sep="\t", dtype={"article": str},  # noqa: E731
                                    keep_default_na=False)
    return read("sentences.tsv"), read("coding.tsv")


def align_sentences(predicted: pd.DataFrame, reference: pd.DataFrame, *,
                    article_key=lambda a: str(a).split("_")[0], min_overlap: float = 0.5) -> pd.DataFrame:
    """Map each reference sentence to the predicted sentence sharing most of its words.

    ``article_key`` turns a predicted article id into the reference's id (the seeds'
    ``000_7e72...`` into ``000``). Returns reference ``article``, ``sentence`` beside the
    matched predicted ``pred_article`` and ``pred_sentence`` (missing where no predicted
    sentence holds ``min_overlap`` of the reference's words) and the ``overlap``.
    """
    pred = predicted.assign(_key=predicted["article"].map(article_key))
    rows = []
    for ref in reference.itertuples(index=False):
        words = _words(ref.text)
        best, best_overlap = None, 0.0
        for p in pred[pred["_key"] == str(ref.article)].itertuples(index=False):
            overlap = len(words & _words(p.text)) / max(len(words), 1)
            if overlap > best_overlap:
                best, best_overlap = p, overlap
        matched = best is not None and best_overlap >= min_overlap
        rows.append({"article": str(ref.article), "sentence": int(ref.sentence),
                     "pred_article": best.article if matched else None,
                     "pred_sentence": int(best.sentence) if matched else None,
                     "overlap": round(best_overlap, 3)})
    return pd.DataFrame(rows).astype({"pred_sentence": "Int64"})


def mention_pairs(mentions: pd.DataFrame, alignment: pd.DataFrame,
                  actors=("US", "China", "Russia")) -> pd.DataFrame:
    """The predicted (reference article, reference sentence, actor) pairs, de-duplicated."""
    m = mentions[mentions["actor"].isin(actors)][["article", "sentence", "actor"]].drop_duplicates()
    m = m.rename(columns={"article": "pred_article", "sentence": "pred_sentence"})
    joined = alignment.dropna(subset=["pred_sentence"]).merge(m, on=["pred_article", "pred_sentence"])
    return joined[["article", "sentence", "actor"]].drop_duplicates().reset_index(drop=True)


def detection_scores(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of (article, sentence, actor) pairs, per article and overall."""
    key = ["article", "sentence", "actor"]
    p = set(map(tuple, predicted[key].astype(str).values))
    g = set(map(tuple, gold[key].astype(str).values))
    rows = []
    for art in sorted({k[0] for k in g | p}) + ["all"]:
        pa = {k for k in p if art in ("all", k[0])}
        ga = {k for k in g if art in ("all", k[0])}
        tp = len(pa & ga)
        prec = tp / len(pa) if pa else float("nan")
        rec = tp / len(ga) if ga else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if pa and ga and tp else 0.0
        rows.append({"article": art, "gold": len(ga), "found": len(pa), "correct": tp,
                     "precision": prec, "recall": rec, "f1": f1})
    return pd.DataFrame(rows)
