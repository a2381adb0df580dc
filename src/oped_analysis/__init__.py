"""oped-analysis: how opinion articles frame great powers.

The chain runs one way (:mod:`oped_analysis.tables`), and each step is a plain function
returning a tidy DataFrame keyed by ``article``, ``sentence`` and ``actor``::

    import oped_analysis as oa
    corpus = oa.load_corpus("seeds/")       # files -> Corpus[Article]
    oa.sentences(corpus)                      # -> article, sentence, start, end, text
    oa.mentions(corpus)                       # -> article, sentence, actor, alias, kind, start, end
    oa.score(corpus)                          # -> article, sentence, actor, method, scope, polarity, ...
    oa.compare(corpus)                        # -> one row per article x actor
    oa.analyze("big/", "out/", jobs=2)        # any size: streamed, in parallel, to Parquet + CSV
    oa.plots.textplot_mentions(oa.compare(corpus))   # figures; oa.validate: agreement with a coding
    oa.sample(corpus, 200, out="sheet.csv")   # a coding sheet to code by hand; then oa.agreement,
    oa.estimate(corpus, "sheet.csv")          # oa.validate_coding, prediction-powered estimates

Names load on first use (PEP 562), so ``import oped_analysis`` and the command line start
fast; pandas, scikit-learn, trafilatura and pyarrow are imported only when needed.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "Article": "article", "Corpus": "article",
    "DecodingWarning": "errors", "InputError": "errors", "LexiconError": "errors",
    "MissingInputError": "errors", "OpedAnalysisError": "errors", "UsageError": "errors",
    "LookalikeWarning": "actors",
    "Lexicon": "actors", "load_lexicon": "actors",
    "iter_articles": "load", "load_article": "load", "load_corpus": "load",
    "sentences": "tables", "mentions": "tables", "score": "tables", "score_tables": "tables",
    "METHODS": "scoring", "Method": "scoring", "get_method": "scoring", "score_target": "scoring",
    "bootstrap_ci": "comparison", "compare": "comparison", "cooccurrence": "comparison",
    "format_interval": "comparison", "frame_shares": "comparison", "robustness": "comparison",
    "side_by_side": "comparison", "stance_summary": "comparison", "summarize": "comparison",
    "keyness": "keywords",
    "KwicFrame": "concordance", "extremes": "concordance", "kwic": "concordance", "kwic_html": "concordance",
    "Summary": "pipeline", "analyze": "pipeline",
    "Agreement": "coding", "Validation": "coding", "agreement": "coding", "sample": "coding",
    "validate_coding": "coding", "estimate": "ppi",
}
#: Submodules reachable as attributes (``oa.plots``, ``oa.validate``, ...).
_MODULES = ("actors", "adapt", "article", "checks", "clean", "coding", "comparison", "concordance",
            "errors", "keywords", "load", "outdir", "pipeline", "plots", "ppi", "resources", "scoring",
            "tables", "text", "validate", "vocab")

__all__ = sorted(_EXPORTS) + list(_MODULES)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    elif name in _MODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
