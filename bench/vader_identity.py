"""Check the fast VADER against ``vaderSentiment`` on every sentence and clause the repo holds.

    PYTHONPATH=src .venv/bin/python bench/vader_identity.py

Texts: the seeds' sentences, every text of the datasets under ``data/`` (TSV and JSONL, as
they are) and the clause around every actor mention in them. Compares the whole
``polarity_scores`` dict (compound, pos, neg, neu) and ``compound`` alone, and prints the
speed of both scorers. Exit status 1 on any difference.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def repo_texts() -> list[str]:
    """Every sentence of the seeds and the datasets, then the clause around each actor mention."""
    import oped_analysis as oa
    from oped_analysis.text import clause_span

    texts = list(oa.sentences(oa.load_corpus(ROOT / "seeds"))["text"])
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix == ".tsv":
            with path.open(encoding="utf-8", newline="") as f:
                texts += [r.get("text") or r.get("sentence") or "" for r in csv.DictReader(f, delimiter="\t")]
        elif path.suffix == ".jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            texts += [r.get("sentence") or r.get("text") or "" for r in rows if isinstance(r, dict)]
    texts = list(dict.fromkeys(t for t in texts if isinstance(t, str)))
    lexicon = oa.Lexicon.default()
    clauses = []
    for s in texts:
        for m in lexicon.find(s):
            lo, hi = clause_span(s, m.start, m.end)
            clauses.append(s[lo:hi])
    return texts + list(dict.fromkeys(clauses))


def main() -> int:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from oped_analysis.scoring.vader import FastVader

    texts = repo_texts()
    reference, fast = SentimentIntensityAnalyzer(), FastVader()
    t0 = time.perf_counter()
    expected = [reference.polarity_scores(t) for t in texts]
    t1 = time.perf_counter()
    got = [fast.polarity_scores(t) for t in texts]
    t2 = time.perf_counter()
    compounds = [fast.compound(t) for t in texts]
    t3 = time.perf_counter()
    bad = [(t, e, g, c) for t, e, g, c in zip(texts, expected, got, compounds)
           if repr(e) != repr(g) or repr(e["compound"]) != repr(c)]
    n = len(texts)
    print(f"{n:,} texts: {len(bad)} differ")
    print(f"vaderSentiment polarity_scores {n / (t1 - t0):,.0f}/s; fast polarity_scores "
          f"{n / (t2 - t1):,.0f}/s; fast compound {n / (t3 - t2):,.0f}/s")
    for t, e, g, c in bad[:10]:
        print(f"  {t!r}\n    vaderSentiment {e}\n    fast {g} compound {c}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
