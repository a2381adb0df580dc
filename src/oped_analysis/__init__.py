"""oped-analysis: how opinion articles frame great powers.

The pipeline runs one way, and each step is a plain function returning a tidy
DataFrame keyed by ``article``, ``sentence`` and ``actor``::

    import oped_analysis as oa
    corpus = oa.load_corpus("seeds/")       # files -> Corpus[Article]
    oa.sentences(corpus)                      # -> article, sentence, start, end, text
    oa.mentions(corpus)                       # -> article, sentence, actor, alias, kind, start, end
    oa.score(corpus)                          # -> article, sentence, actor, method, scope, polarity, ...
    oa.compare(corpus)                        # -> one row per article x actor
    oa.analyze("big/", "out/", jobs=2)        # any size: streamed, in parallel, to Parquet + CSV
    oa.sample(corpus, 200, out="sheet.csv")   # a coding sheet; then oa.agreement, oa.validate_coding,
    oa.estimate(corpus, "sheet.csv")          # and prediction-powered estimates per power
"""

from .actors import Lexicon, load_lexicon, mentions
from .article import Article, Corpus
from .coding import Agreement, Validation, agreement, sample, validate_coding
from .compare import (bootstrap_ci, compare, cooccurrence, format_interval, frame_shares, robustness,
                      side_by_side, stance_summary, summarize)
from .keyness import keyness
from .kwic import KwicFrame, extremes, kwic, kwic_html
from .errors import DecodingWarning, InputError, LexiconError, MissingInputError, OpedAnalysisError
from .load import iter_articles, load_article, load_corpus
from .pipeline import Summary, analyze
from .ppi import estimate
from .scoring import METHODS, score, score_target
from .text import sentences

__version__ = "0.1.0"

__all__ = [
    "Agreement", "Validation", "agreement", "estimate", "sample", "validate_coding",
    "Article", "Corpus", "DecodingWarning", "InputError", "KwicFrame", "Lexicon",
    "LexiconError", "METHODS", "MissingInputError", "OpedAnalysisError", "Summary", "analyze",
    "bootstrap_ci", "compare", "cooccurrence", "extremes", "format_interval", "frame_shares",
    "iter_articles", "keyness", "kwic", "kwic_html", "load_article", "load_corpus",
    "load_lexicon", "mentions", "robustness", "score", "score_target", "sentences",
    "side_by_side", "stance_summary", "summarize",
]
