"""The scoring interface: what a method declares, and how a polarity method scores a target.

Methods are listed explicitly in :mod:`oped_analysis.scoring` (the registry); the chain that
feeds them sentences and mentions is :mod:`oped_analysis.tables`.
"""

from __future__ import annotations

from ..errors import OpedAnalysisError
from ..text import clause_span
from .cues import frame

#: Columns every method's rows carry beyond the key (article, sentence, actor, method), with
#: their types: the schema of the scores table, known without running a method.
ROW_COLUMNS = {"scope": "string", "polarity": "float64", "subjectivity": "float64",
               "stance": "int64", "frame": "string", "explanation": "string"}


class Method:
    """A scoring method. Subclasses declare ``name``, ``description``, ``scopes``,
    ``columns`` and ``params`` and implement one of the two hooks.

    * ``polarity(text) -> dict``: a sentiment of any text (``polarity`` in [-1, 1], and
      ``subjectivity`` where the method has it). :meth:`score_target` then scores the
      sentence and the mention's clause (through :meth:`scope_scores`, which a method may
      override to score a clause from the sentence's work, as TextBlob does).
    * ``score_target(sentence, start, end, memo=None) -> list[dict]``: target-aware methods
      override this and return rows with ``scope="target"``.

    ``params`` maps each tuning constant to its default; the constructor takes any of them
    as keyword arguments (``RulesMethod(threshold=0.2)``) and sets them as attributes, so
    tuning builds a method instead of patching module globals.
    """

    name: str = ""
    description: str = ""
    #: The scopes of the rows the method returns, in order.
    scopes: tuple[str, ...] = ("sentence", "clause")
    #: The columns of each row (beyond the key) and their types.
    columns: dict[str, str] = ROW_COLUMNS
    #: Tuning constants and their defaults. Polarity methods: |polarity| needed for a
    #: non-neutral stance (see :func:`polarity_stance`).
    params: dict[str, object] = {"stance_threshold": 0.05}
    #: Whether the method has a batch scorer ``stances(table)`` for evaluation tables.
    batch: bool = False

    def __init__(self, **params):
        unknown = set(params) - set(self.params)
        if unknown:
            raise OpedAnalysisError(f"method {self.name!r} has no parameter(s) {sorted(unknown)}; "
                                    f"it takes {sorted(self.params)}")
        for key, default in self.params.items():
            setattr(self, key, params.get(key, default))

    def polarity(self, text: str) -> dict:
        raise NotImplementedError

    def cue_words(self, text: str) -> list[str]:
        """The words of ``text`` the method's lexicon scores (for explanations)."""
        return []

    def polarity_and_cues(self, text: str) -> tuple[dict, list[str]]:
        """``polarity(text)`` and ``cue_words(text)``; methods that find both in one pass override it."""
        return self.polarity(text), self.cue_words(text)

    def score_target(self, sentence: str, start: int, end: int, memo: dict | None = None) -> list[dict]:
        """Score the sentence and the clause around ``[start, end)``; one dict per scope.

        Each row also carries a ``stance`` (the polarity thresholded at
        ``stance_threshold``), the target's ``frame`` and an ``explanation``. ``memo``: a
        dict the caller keeps for one sentence (:func:`oped_analysis.tables.article_scores`),
        so the sentence-scope score, and a clause's score, is computed once for all the
        sentence's actors.
        """
        lo, hi = clause_span(sentence, start, end)
        frame_name, _ = frame(sentence, start, end)
        whole = self._memo_row("sentence", sentence, 0, len(sentence), frame_name, memo)
        if (lo, hi) == (0, len(sentence)):
            return [whole, {**whole, "scope": "clause", "explanation": "clause = whole sentence: "
                                                                  + whole["explanation"]}]
        return [whole, self._memo_row("clause", sentence, lo, hi, frame_name, memo)]

    def scope_scores(self, sentence: str, lo: int, hi: int,
                     memo: dict | None = None) -> tuple[dict, list[str]]:
        """``polarity_and_cues(sentence[lo:hi])``; methods that can reuse the sentence's work
        (kept in ``memo``) for a part of it override this."""
        return self.polarity_and_cues(sentence[lo:hi])

    def _memo_row(self, scope: str, sentence: str, lo: int, hi: int, frame_name: str,
                  memo: dict | None) -> dict:
        """The row of ``sentence[lo:hi]`` at ``scope``, from ``memo`` when an actor of the
        sentence had it scored already (only the frame differs between actors)."""
        key = (self.name, lo, hi)
        row = memo.get(key) if memo is not None else None
        if row is None:
            scores, cues = self.scope_scores(sentence, lo, hi, memo)
            words = ", ".join(cues) or "no lexicon word"
            row = {"scope": scope, **scores,
                   "stance": polarity_stance(scores["polarity"], self.stance_threshold), "frame": frame_name,
                   "explanation": f"{scope} polarity {scores['polarity']:+.2f} "
                                  f"(threshold ±{self.stance_threshold:g}): {words}"}
            if memo is not None:
                memo[key] = row
        return {**row, "frame": frame_name}

    def score_mentions(self, sentence: str, spans: list[tuple[int, int]],
                       memo: dict | None = None) -> list[dict]:
        """Score an actor named at several ``spans`` of one sentence; by default its first mention."""
        return self.score_target(sentence, *spans[0], memo)

    def __repr__(self) -> str:
        return f"<method {self.name}: {self.description}>"


def target_row(sentence: str, start: int, end: int, polarity: float, stance: int, explanation: str) -> dict:
    """The row a target-aware method returns: its polarity and stance, the target's frame,
    and the explanation with the frame's keywords appended."""
    frame_name, frame_words = frame(sentence, start, end)
    return {"scope": "target", "polarity": polarity, "subjectivity": float("nan"), "stance": stance,
            "frame": frame_name,
            "explanation": f"{explanation} | frame: {', '.join(frame_words) or 'no keyword'}"}


def polarity_stance(polarity: float, threshold: float) -> int:
    """1 above ``threshold``, -1 below ``-threshold``, else 0 (neutral)."""
    return 1 if polarity >= threshold else -1 if polarity <= -threshold else 0


def one_blas_thread():
    """A context in which numpy/scipy's BLAS uses one thread, for fitting models.

    With several threads, BLAS splits long dot products in a machine-dependent way, so a
    model fitted on a 2-core and a 4-core machine (or under other load) can differ in its
    last bits, and a borderline pair then flips; fitted on one thread the stance models, and
    so every number in the book, are the same everywhere. Fitting takes seconds and is cached.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")

