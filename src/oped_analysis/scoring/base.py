"""The scoring interface, the method registry and :func:`score`."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..errors import OpedAnalysisError

#: Registered methods by name, in registration order.
METHODS: dict[str, "Method"] = {}

#: Methods :func:`score` runs when none are named.
DEFAULT_METHODS = ["textblob", "vader"]

SCORE_COLUMNS = ["article", "sentence", "actor", "method", "scope", "polarity", "subjectivity"]


class Method:
    """A scoring method. Subclasses set ``name`` and implement one of the two hooks.

    * ``polarity(text) -> dict``: a sentiment of any text (``polarity`` in [-1, 1], and
      ``subjectivity`` where the method has it). :meth:`score_target` then scores the
      sentence and the mention's clause.
    * ``score_target(sentence, start, end) -> list[dict]``: target-aware methods
      override this and return rows with ``scope="target"``.
    """

    name: str = ""
    description: str = ""
    scopes: tuple[str, ...] = ("sentence", "clause")
    #: Polarity methods: |polarity| needed for a non-neutral stance (see :func:`polarity_stance`).
    stance_threshold: float = 0.05

    def polarity(self, text: str) -> dict:
        raise NotImplementedError

    def cue_words(self, text: str) -> list[str]:
        """The words of ``text`` the method's lexicon scores (for explanations)."""
        return []

    def polarity_and_cues(self, text: str) -> tuple[dict, list[str]]:
        """``polarity(text)`` and ``cue_words(text)``; methods that find both in one pass override it."""
        return self.polarity(text), self.cue_words(text)

    def score_target(self, sentence: str, start: int, end: int) -> list[dict]:
        """Score the sentence and the clause around ``[start, end)``; one dict per scope.

        Each row also carries a ``stance`` (the polarity thresholded at
        ``stance_threshold``), the target's ``frame`` and an ``explanation``.
        """
        from ..text import clause_span
        from .cues import frame

        lo, hi = clause_span(sentence, start, end)
        frame_name, _ = frame(sentence, start, end)
        whole = self._sentence_rows(sentence, frame_name)
        if (lo, hi) == (0, len(sentence)):
            return [whole, {**whole, "scope": "clause", "explanation": "clause = whole sentence: "
                                                                  + whole["explanation"]}]
        return [whole, self._scope_row("clause", sentence[lo:hi], frame_name)]

    def _scope_row(self, scope: str, text: str, frame_name: str) -> dict:
        scores, cues = self.polarity_and_cues(text)
        row = {"scope": scope, **scores}
        words = ", ".join(cues) or "no lexicon word"
        return {**row, "stance": polarity_stance(row["polarity"], self.stance_threshold),
                "frame": frame_name,
                "explanation": f"{scope} polarity {row['polarity']:+.2f} "
                               f"(threshold ±{self.stance_threshold:g}): {words}"}

    def _sentence_rows(self, sentence: str, frame_name: str) -> dict:
        """The sentence-scope row, remembered for the last sentence only: :func:`article_scores`
        asks once per actor of a sentence, and only the frame can differ."""
        last = getattr(self, "_last", None)
        if last is None or last[0] != sentence:
            last = (sentence, self._scope_row("sentence", sentence, frame_name))
            self._last = last
        return {**last[1], "frame": frame_name}

    def score_mentions(self, sentence: str, spans: list[tuple[int, int]]) -> list[dict]:
        """Score an actor named at several ``spans`` of one sentence; by default its first mention."""
        return self.score_target(sentence, *spans[0])

    def __repr__(self) -> str:
        return f"<method {self.name}: {self.description}>"


def target_row(sentence: str, start: int, end: int, polarity: float, stance: int, explanation: str) -> dict:
    """The row a target-aware method returns: its polarity and stance, the target's frame,
    and the explanation with the frame's keywords appended."""
    from .cues import frame

    frame_name, frame_words = frame(sentence, start, end)
    return {"scope": "target", "polarity": polarity, "subjectivity": float("nan"), "stance": stance,
            "frame": frame_name,
            "explanation": f"{explanation} | frame: {', '.join(frame_words) or 'no keyword'}"}


def polarity_stance(polarity: float, threshold: float) -> int:
    """1 above ``threshold``, -1 below ``-threshold``, else 0 (neutral)."""
    return 1 if polarity >= threshold else -1 if polarity <= -threshold else 0


def register(method_cls: type[Method]) -> type[Method]:
    """Class decorator: make a method available by its ``name``."""
    METHODS[method_cls.name] = method_cls()
    return method_cls


def get_method(name: str) -> Method:
    """The registered method called ``name``, with a clear error for unknown names."""
    if not isinstance(name, str):
        raise OpedAnalysisError(f"a method name must be a string such as 'vader', not {name!r}")
    try:
        return METHODS[name]
    except KeyError:
        raise OpedAnalysisError(f"unknown scoring method {name!r}; available: {sorted(METHODS)}") from None


def score_target(text: str, start: int, end: int, method: str | None = None) -> dict:
    """Score the target ``text[start:end]`` with one method (the best available by default).

    Returns the method's row for its most specific scope (target, else clause).
    """
    from ..checks import target_span

    name = method or next((m for m in ("model", "rules") if m in METHODS), DEFAULT_METHODS[0])
    target_span(text, start, end)
    rows = get_method(name).score_target(text, start, end)
    row = next((r for r in rows if r["scope"] in ("target", "clause")), rows[-1])
    return {"method": name, **row}


def article_scores(sentence_rows: list[dict], mention_rows: list[dict],
                   methods: Iterable[Method]) -> list[dict]:
    """Score rows for one article: each sentence x actor, each method and scope.

    Each method gets every mention of the actor in the sentence
    (:meth:`Method.score_mentions`); polarity baselines score the first one, target-aware
    methods may combine them. Sentence-scope scores are the same for every actor of the
    sentence.
    """
    by_sentence = {s["sentence"]: s for s in sentence_rows}
    spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for m in mention_rows:
        offset = by_sentence[m["sentence"]]["start"]
        spans.setdefault((m["sentence"], m["actor"]), []).append((m["start"] - offset, m["end"] - offset))
    rows = []
    for (sent_no, actor), targets in spans.items():
        s = by_sentence[sent_no]
        for method in methods:
            for r in method.score_mentions(s["text"], targets):
                rows.append({"article": s["article"], "sentence": sent_no, "actor": actor,
                             "method": method.name, **r})
    return rows


def score(corpus, methods: Iterable[str] | None = None, lexicon=None) -> pd.DataFrame:
    """One row per article x sentence x actor x method x scope.

    Columns: article, sentence, actor, method, scope, polarity, subjectivity (NaN where
    the method has none), and whatever further columns the methods return (stance,
    frame, explanation, ...).
    """
    return score_tables(corpus, methods, lexicon)["scores"]


def score_tables(corpus, methods: Iterable[str] | None = None, lexicon=None) -> dict[str, pd.DataFrame]:
    """The sentences, mentions and scores tables from one pass over the corpus.

    For callers that need all three (:func:`oped_analysis.compare`): each article is
    split and searched once.
    """
    from ..actors import MENTION_COLUMNS, article_mentions, as_lexicon
    from ..load import as_corpus
    from ..text import SENTENCE_COLUMNS, article_sentences

    from ..checks import method_names

    chosen = [get_method(m) for m in method_names(methods, DEFAULT_METHODS)]
    lex = as_lexicon(lexicon)
    sentence_rows, mention_rows, rows = [], [], []
    for art in as_corpus(corpus):
        sents = article_sentences(art)
        ments = article_mentions(sents, lex)
        rows += article_scores(sents, ments, chosen)
        sentence_rows += sents
        mention_rows += ments
    frame = pd.DataFrame(rows)
    for col in SCORE_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.Series(dtype="float64" if col in ("polarity", "subjectivity") else "object")
    extra = [c for c in frame.columns if c not in SCORE_COLUMNS]
    frame = frame[SCORE_COLUMNS + extra]
    ints = {"sentence": "int64", "start": "int64", "end": "int64"}
    return {"sentences": pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS).astype(ints),
            "mentions": pd.DataFrame(mention_rows, columns=MENTION_COLUMNS).astype(ints),
            "scores": frame.sort_values(["article", "sentence", "actor", "method", "scope"],
                                        kind="stable", ignore_index=True)}
