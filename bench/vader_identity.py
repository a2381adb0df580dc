"""Check the fast VADER against ``vaderSentiment`` on every sentence and clause the repo holds.

    PYTHONPATH=src .venv/bin/python bench/vader_identity.py

Texts: the seeds' sentences and every text of the datasets under ``data/`` (TSV and JSONL, as
they are), each followed by the clause around every actor mention in it (so clauses take the
path that reuses their sentence's words). Compares the whole
``polarity_scores`` dict (compound, pos, neg, neu) and ``compound`` alone, and prints the
speed of both scorers. Exit status 1 on any difference.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def repo_texts() -> list[str]:
    """Every sentence of the seeds and the datasets, each followed by the clauses around its
    actor mentions (the order the pipeline scores them in)."""
    from corpus import dataset_texts

    import oped_analysis as oa
    from oped_analysis.text import clause_span

    sentences = list(oa.sentences(oa.load_corpus(ROOT / "seeds"))["text"]) + dataset_texts()
    lexicon = oa.Lexicon.default()
    texts = []
    for s in dict.fromkeys(sentences):
        texts.append(s)
        for m in lexicon.find(s):
            lo, hi = clause_span(s, m.start, m.end)
            texts.append(s[lo:hi])
    return texts


def main() -> int:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from oped_analysis.scoring.vader import FastVader

    texts = repo_texts()
    reference, fast, fast_compound = SentimentIntensityAnalyzer(), FastVader(), FastVader()
    within, shared = fast._within, []

    def counted(text, last):
        found = within(text, last)
        shared.append(found is not None and text != last[0])
        return found

    t0 = time.perf_counter()
    expected = [reference.polarity_scores(t) for t in texts]
    t1 = time.perf_counter()
    got = [fast.polarity_scores(t) for t in texts]
    t2 = time.perf_counter()
    compounds = [fast_compound.compound(t) for t in texts]
    t3 = time.perf_counter()
    fast._within = counted
    got_shared = [fast.polarity_scores(t) for t in texts]
    bad = [(t, e, g, c) for t, e, g, c, g2 in zip(texts, expected, got, compounds, got_shared)
           if repr(e) != repr(g) or repr(e["compound"]) != repr(c) or repr(g2) != repr(e)]
    n = len(texts)
    print(f"{n:,} texts ({sum(shared):,} scored from the words of the sentence before them): "
          f"{len(bad)} differ")
    print(f"vaderSentiment polarity_scores {n / (t1 - t0):,.0f}/s; fast polarity_scores "
          f"{n / (t2 - t1):,.0f}/s; fast compound {n / (t3 - t2):,.0f}/s")
    for t, e, g, c in bad[:10]:
        print(f"  {t!r}\n    vaderSentiment {e}\n    fast {g} compound {c}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
