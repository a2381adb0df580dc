"""CPU seconds of each stage of the one-job default pipeline (``oa.analyze``), in one process.

    python bench/stages.py [ARTICLES]      # default 1,000 generated articles (bench/corpus.py)

Each stage's functions are wrapped with ``time.process_time`` (a few microseconds per call,
so the stages sum to a little more than the run): reading (files, checks), cleaning (the
furniture cut, in the workers), splitting, mentions, each default method (``score_mentions``:
its scores, frames and clauses; the frames and clauses, computed by the first method that asks
and cached for the others, are also shown on their own), the rest of the scores step,
building the tables and the comparison, rendering (Arrow and CSV) and writing. A warm-up run
on the seeds comes first.
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def wrap(owner, name: str, key: str, totals: collections.Counter) -> None:
    """Replace ``owner.name`` by a version adding its CPU seconds to ``totals[key]``."""
    inner = getattr(owner, name)

    def timed(*args, **kwargs):
        t = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            totals[key] += time.process_time() - t

    setattr(owner, name, timed)


def stages(corpus: Path) -> dict[str, float]:
    import oped_analysis as oa
    from oped_analysis import article, pipeline, tables, text
    from oped_analysis.scoring import DEFAULT_METHODS, METHODS, base, cues

    with tempfile.TemporaryDirectory() as warm:
        oa.analyze(HERE.parent / "seeds", warm, progress=False)
    totals: collections.Counter = collections.Counter()
    reading = pipeline.iter_articles

    def timed_reading(*args, **kwargs):  # a generator: time each step
        items = reading(*args, **kwargs)
        while True:
            t = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                totals["read"] += time.process_time() - t
            yield item

    pipeline.iter_articles = timed_reading
    wrap(article.RawArticle, "article", "clean", totals)
    wrap(tables, "article_sentences", "split", totals)
    wrap(tables, "article_mentions", "mentions", totals)
    for name in DEFAULT_METHODS:
        wrap(METHODS[name], "score_mentions", f"score: {name}", totals)
    wrap(tables, "articles_scores", "scores step", totals)
    wrap(cues, "frame", "  of which frames (cues.frame, cached, shared by the methods)", totals)
    wrap(text, "clause_span", "  of which clauses (text.clause_span, cached)", totals)
    base.frame, base.clause_span = cues.frame, text.clause_span  # the methods' own references
    wrap(pipeline, "analyze_articles", "chunk work", totals)
    wrap(pipeline, "render", "render (Arrow, CSV)", totals)
    for name in ("__init__", "write", "close"):
        wrap(pipeline._TableWriter, name, "write", totals)
    t = time.process_time()
    with tempfile.TemporaryDirectory() as out:
        summary = oa.analyze(corpus, out, progress=False)
    total = time.process_time() - t
    methods = sum(totals[f"score: {name}"] for name in DEFAULT_METHODS)
    per_step = {"read": totals["read"], "clean": totals["clean"], "split": totals["split"],
                "mentions": totals["mentions"],
                **{f"score: {name}": totals[f"score: {name}"] for name in DEFAULT_METHODS},
                **{key: value for key, value in totals.items() if key.startswith("  of which")},
                "scores step, besides the methods": totals["scores step"] - methods,
                "tables and comparison": totals["chunk work"] - totals["clean"] - totals["split"]
                - totals["mentions"] - totals["scores step"],
                "render (Arrow, CSV)": totals["render (Arrow, CSV)"], "write": totals["write"]}
    per_step["other"] = total - sum(v for k, v in per_step.items() if not k.startswith("  of which"))
    per_step["total"] = total
    print(f"{summary.articles:,} articles, {summary.sentences:,} sentences")
    return per_step


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 1000
    sys.path.insert(0, str(HERE))
    from run import corpus_of

    work = HERE / "out"
    work.mkdir(exist_ok=True)
    for name, seconds in stages(corpus_of(n, work)).items():
        print(f"{seconds:7.2f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
