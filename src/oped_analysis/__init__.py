"""oped-analysis: how opinion articles frame great powers.

The pipeline runs one way, and each step is a plain function returning a tidy
DataFrame keyed by ``article``, ``sentence`` and ``actor``::

    import oped_analysis as oa
    corpus = oa.load_corpus("seeds/")       # files -> Corpus[Article]
    oa.sentences(corpus)                      # -> article, sentence, start, end, text
    oa.mentions(corpus)                       # -> article, sentence, actor, alias, kind, start, end
    oa.score(corpus)                          # -> article, sentence, actor, method, scope, polarity, ...
    oa.compare(corpus)                        # -> one row per article x actor
"""

from .actors import Lexicon, load_lexicon, mentions
from .article import Article, Corpus
from .compare import bootstrap_ci, compare, cooccurrence, format_interval, side_by_side, summarize
from .keyness import keyness
from .kwic import KwicFrame, extremes, kwic, kwic_html
from .errors import DecodingWarning, InputError, LexiconError, MissingInputError, OpedAnalysisError
from .load import iter_articles, load_article, load_corpus
from .scoring import METHODS, score, score_target
from .text import sentences

__version__ = "0.1.0"

__all__ = [
    "Article", "Corpus", "DecodingWarning", "InputError", "KwicFrame", "Lexicon", "LexiconError", "METHODS",
    "MissingInputError", "OpedAnalysisError", "bootstrap_ci", "compare", "cooccurrence", "extremes", "format_interval", "iter_articles", "keyness", "kwic", "kwic_html",
    "load_article", "load_corpus", "load_lexicon", "mentions", "score", "score_target", "side_by_side",
    "sentences", "summarize",
]
