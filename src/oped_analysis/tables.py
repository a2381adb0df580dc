"""The chain, wired once: corpus -> sentences -> mentions -> scores.

Each step takes the previous step's rows of one article: :func:`article_sentences` splits
an article, :func:`article_mentions` searches those sentences, :func:`article_scores`
scores those mentions. :func:`chain` runs the steps article by article (each article is
split and searched once, whatever the caller needs), and every table-producing function of
the library (:func:`sentences`, :func:`mentions`, :func:`score`, :func:`score_tables`,
``kwic``, ``keyness``, ``compare``, ``pipeline.analyze``) goes through it. The
per-sentence cache (a sentence-scope score shared by every actor of the sentence) lives
here, for the duration of one article, not on the shared method objects.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from .actors import Lexicon, as_lexicon
from .article import Article
from .load import as_corpus
from .scoring import DEFAULT_METHODS, Method, get_method
from .text import split_sentences

SENTENCE_COLUMNS = ["article", "sentence", "start", "end", "text"]
MENTION_COLUMNS = ["article", "sentence", "actor", "alias", "kind", "start", "end"]
SCORE_COLUMNS = ["article", "sentence", "actor", "method", "scope", "polarity", "subjectivity"]
STEPS = ("sentences", "mentions", "scores")
_INTS = {"sentence": "int64", "start": "int64", "end": "int64"}


# -- the steps, one article at a time ------------------------------------------------------

def article_sentences(article: Article) -> list[dict]:
    """Rows (article, sentence, start, end, text) for one article; sentences count from 1."""
    body = article.body
    return [{"article": article.id, "sentence": n, "start": a, "end": b, "text": body[a:b]}
            for n, (a, b) in enumerate(split_sentences(body), start=1)]


def article_mentions(sentence_rows: list[dict], lexicon: Lexicon) -> list[dict]:
    """Mention rows for the sentence rows of one article (offsets index the body)."""
    rows = []
    for s in sentence_rows:
        for m in lexicon.find(s["text"]):
            rows.append({"article": s["article"], "sentence": s["sentence"], "actor": m.actor,
                         "alias": m.alias, "kind": m.kind, "start": s["start"] + m.start,
                         "end": s["start"] + m.end})
    return rows


def article_scores(sentence_rows: list[dict], mention_rows: list[dict],
                   methods: Iterable[Method]) -> list[dict]:
    """Score rows for one article: each sentence x actor, each method and scope.

    Each method gets every mention of the actor in the sentence
    (:meth:`~oped_analysis.scoring.Method.score_mentions`); polarity baselines score the
    first one, target-aware methods may combine them. Sentence-scope scores are the same
    for every actor of a sentence: each method computes them once per sentence, kept in a
    ``memo`` per sentence that lives as long as the article. Rows come pair by pair, the
    methods in turn (:func:`articles_scores` says in which order the work is done).
    """
    (rows,) = articles_scores([(sentence_rows, mention_rows)], methods)
    if isinstance(rows, Exception):
        raise rows
    return rows


#: Sentence x actor pairs one method scores before the next method takes over (a few
#: articles' worth): runs long enough for a method's lexicons and caches to stay in the
#: processor's caches, short enough for the clauses and frames of the run to stay in their
#: caches (``text.clause_span``, ``cues.frame``: 4,096 entries; ``cues.tokens`` and
#: ``cues._sentence_keywords``: 1,024 sentences).
SCORING_RUN = 200


def articles_scores(articles: list[tuple[list[dict], list[dict]]],
                    methods: Iterable[Method]) -> list[list[dict] | Exception]:
    """:func:`article_scores` of several articles (their sentence and mention rows): each
    article's score rows, or the exception a method raised on it (its other rows dropped).

    Each method scores all the sentence x actor pairs of a run of articles (``SCORING_RUN``
    pairs or more) before the next method starts, instead of the methods in turn on each
    pair, so each method's lexicons and caches stay in the processor's caches. Measured on
    the 1,000 articles of ``bench/stages.py`` (alternating runs, CPU s): method by method on
    each article, 0.2-0.4 less for the three default methods than pair by pair; in runs of
    200 pairs, VADER another 0.1 less (runs of 50, 200 and 800 pairs did not differ). The
    rows, and the results, are the same: no method's result depends on the others'.
    """
    methods = list(methods)
    out: list[list[dict] | Exception] = []
    run: list[tuple[list[dict], list[dict]]] = []
    pairs = 0
    for sentence_rows, mention_rows in articles:
        run.append((sentence_rows, mention_rows))
        pairs += len(mention_rows)
        if pairs >= SCORING_RUN:
            out += _score_run(run, methods)
            run, pairs = [], 0
    return out + _score_run(run, methods) if run else out


def _score_run(articles: list[tuple[list[dict], list[dict]]], methods: list[Method]) -> list:
    """:func:`articles_scores` of one run of articles, method by method."""
    work = []  # per article: its pairs (sentence row, actor, spans) and the sentences' memos
    for sentence_rows, mention_rows in articles:
        by_sentence = {s["sentence"]: s for s in sentence_rows}
        spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for m in mention_rows:
            offset = by_sentence[m["sentence"]]["start"]
            spans.setdefault((m["sentence"], m["actor"]), []).append((m["start"] - offset, m["end"] - offset))
        memos = {n: {} for n, _ in spans}  # sentence -> its memo, shared by the methods (keys name them)
        work.append([(by_sentence[n], actor, targets, memos[n]) for (n, actor), targets in spans.items()])
    rows_of = [[[] for _ in pairs] for pairs in work]  # per article, per pair: its rows, method by method
    failed: dict[int, Exception] = {}
    for method in methods:
        name = method.name
        for k, pairs in enumerate(work):
            if k in failed:
                continue
            try:
                for pair_rows, (s, actor, targets, memo) in zip(rows_of[k], pairs):
                    pair_rows += [{"article": s["article"], "sentence": s["sentence"], "actor": actor,
                                   "method": name, **r}
                                  for r in method.score_mentions(s["text"], targets, memo)]
            except Exception as exc:  # one article's failure must not take the others with it
                failed[k] = exc
    return [failed[k] if k in failed else list(itertools.chain.from_iterable(pair_rows))
            for k, pair_rows in enumerate(rows_of)]


@dataclass
class ArticleTables:
    """One article's rows at each step of the chain (empty for steps not run)."""

    article: Article
    sentences: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)


def analyze_article(article: Article, lexicon: Lexicon | None = None, methods: list[Method] = (),
                    until: str = "scores") -> ArticleTables:
    """Run the chain on one article, up to the step ``until`` (sentences, mentions or scores)."""
    out = ArticleTables(article, article_sentences(article))
    if until != "sentences":
        out.mentions = article_mentions(out.sentences, lexicon)
    if until == "scores":
        out.scores = article_scores(out.sentences, out.mentions, methods)
    return out


def analyze_many(articles: list[Article], lexicon: Lexicon,
                 methods: list[Method]) -> list[ArticleTables | Exception]:
    """:func:`analyze_article` of several articles, to the scores, step by step: all are split,
    then searched, then scored a run of articles at a time (:func:`articles_scores`), so each
    step's data stays in the processor's caches (0.1 CPU s less per 1,000 articles of
    ``bench/stages.py`` for splitting and searching than article by article). An article
    whose analysis fails gets the exception instead, and the others go on."""
    out: list[ArticleTables | Exception] = []
    for art in articles:
        try:
            out.append(ArticleTables(art, article_sentences(art)))
        except Exception as exc:  # one article's failure must not take the others with it
            out.append(exc)
    for k, t in enumerate(out):
        if isinstance(t, ArticleTables):
            try:
                t.mentions = article_mentions(t.sentences, lexicon)
            except Exception as exc:
                out[k] = exc
    ready = [t for t in out if isinstance(t, ArticleTables)]
    for t, scores in zip(ready, articles_scores([(t.sentences, t.mentions) for t in ready], methods)):
        t.scores = scores
    return [t.scores if isinstance(t, ArticleTables) and isinstance(t.scores, Exception) else t for t in out]


def resolve_methods(methods: Iterable[str | Method] | None) -> list[Method]:
    """Method objects for names (or ready-made methods); the defaults for None; one string is
    one method (or a comma-separated list), not its letters (:func:`~oped_analysis.checks.method_names`)."""
    from .checks import method_names

    return [get_method(m) for m in method_names(methods, DEFAULT_METHODS)]


def chain(corpus, *, lexicon=None, methods: Iterable[str | Method] | None = None,
          until: str = "scores") -> Iterator[ArticleTables]:
    """:func:`analyze_article` for each article of ``corpus`` (a Corpus, Articles or paths)."""
    if until not in STEPS:
        raise ValueError(f"until must be one of {STEPS}, not {until!r}")
    lex = as_lexicon(lexicon) if until != "sentences" else None
    chosen = resolve_methods(methods) if until == "scores" else []
    for art in as_corpus(corpus):
        yield analyze_article(art, lex, chosen, until)


# -- the tables ------------------------------------------------------------------------------

def sentence_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(_INTS)


def mention_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(_INTS)


def score_table(rows: list[dict]) -> pd.DataFrame:
    """Score rows as a table: the fixed columns first, then the methods' own, sorted by key."""
    frame = pd.DataFrame(rows)
    for col in SCORE_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.Series(dtype="float64" if col in ("polarity", "subjectivity") else "object")
    extra = [c for c in frame.columns if c not in SCORE_COLUMNS]
    return frame[SCORE_COLUMNS + extra].sort_values(["article", "sentence", "actor", "method", "scope"],
                                                    kind="stable", ignore_index=True)


def tables(corpus, *, lexicon=None, methods: Iterable[str | Method] | None = None,
           until: str = "scores") -> dict[str, pd.DataFrame]:
    """The sentences, mentions and scores tables (up to ``until``) from one pass over ``corpus``."""
    rows: dict[str, list[dict]] = {step: [] for step in STEPS}
    for done in chain(corpus, lexicon=lexicon, methods=methods, until=until):
        for step in STEPS:
            rows[step] += getattr(done, step)
    builders = {"sentences": sentence_table, "mentions": mention_table, "scores": score_table}
    return {step: builders[step](rows[step]) for step in STEPS[:STEPS.index(until) + 1]}


def sentences(corpus) -> pd.DataFrame:
    """One row per sentence of every article: article, sentence (1-based), start, end, text.

    ``start``/``end`` index the article's ``body``.
    """
    return tables(corpus, until="sentences")["sentences"]


def mentions(corpus, lexicon=None) -> pd.DataFrame:
    """One row per actor mention: article, sentence, actor, alias (as written), kind, start, end.

    ``lexicon``: None for the default, a :class:`~oped_analysis.actors.Lexicon`, a dict, or a TOML path.
    """
    return tables(corpus, lexicon=lexicon, until="mentions")["mentions"]


def score_tables(corpus, methods: Iterable[str | Method] | None = None,
                 lexicon=None) -> dict[str, pd.DataFrame]:
    """The sentences, mentions and scores tables: each article is split and searched once."""
    return tables(corpus, lexicon=lexicon, methods=methods)


def score(corpus, methods: Iterable[str | Method] | None = None, lexicon=None) -> pd.DataFrame:
    """One row per article x sentence x actor x method x scope.

    Columns: article, sentence, actor, method, scope, polarity, subjectivity (NaN where
    the method has none), and the columns the methods declare (stance, frame,
    explanation). ``methods``: names (default textblob, vader) or method objects, such as
    ``RulesMethod(threshold=0.2)``.
    """
    return tables(corpus, lexicon=lexicon, methods=methods)["scores"]
