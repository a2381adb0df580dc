"""TextBlob's pattern-lexicon sentiment: polarity and subjectivity of any text.

Only ``.sentiment`` is used: it needs no NLTK corpora, so it works offline.

:class:`FastPattern` gives the same numbers as ``TextBlob(text).sentiment`` (bit for bit:
``tests/test_textblob_fast.py`` checks every sentence and clause of the seeds and the
repo's datasets) about twice as fast. Profiling the corpus pipeline showed TextBlob's
per-call overhead dominating: ``PatternAnalyzer.analyze`` builds a new namedtuple class on
every call, and the lexicon lookups go through Python-level ``lazydict`` methods. This
class keeps TextBlob's own tokenizer and its loaded lexicon (``en-sentiment.xml`` plus the
adverbs TextBlob derives from it) and replays pattern's ``Sentiment.assessments`` rules
with plain dictionaries and the same arithmetic in the same order.
"""

from __future__ import annotations

from functools import lru_cache

from .base import Method, register


class FastPattern:
    """pattern/TextBlob sentiment of a string: ``(polarity, subjectivity)``."""

    def __init__(self):
        from textblob import _text
        from textblob.en import sentiment

        sentiment.load() if dict.__len__(sentiment) == 0 else None
        #: word -> (polarity, subjectivity, intensity) for untagged text (pos None)
        self.scores = {w: tuple(pos[None]) for w, pos in dict.items(sentiment) if None in pos}
        self.modifies = {w for w, pos in dict.items(sentiment)
                         if None in pos and any(m in pos for m in sentiment.modifiers)}
        self.labels = dict(sentiment.labeler)
        self.negations = tuple(sentiment.negations)
        self.modifier = sentiment.modifier
        self.modifier_tags = tuple(sentiment.modifiers)
        self.tokenize = sentiment.tokenizer
        self.punctuation = _text.PUNCTUATION
        self.irony, self.mood = _text.IRONY, _text.MOOD
        emoticons: dict[str, float] = {}
        for (_type, p), faces in _text.EMOTICONS.items():  # first matching type wins, as in pattern
            for face in faces:
                emoticons.setdefault(face.lower(), p)
        self.emoticons = emoticons

    def __call__(self, text: str) -> tuple[float, float]:
        words = [w.lower() for w in " ".join(self.tokenize(text)).split()]
        a = self._assessments(words)
        return _avg([p for p, _ in a]), _avg([s for _, s in a])

    def _assessments(self, words: list[str]) -> list[tuple[float, float]]:
        """pattern.text.Sentiment.assessments for untagged words; (polarity, subjectivity) each."""
        scores, negations, modifies = self.scores, self.negations, self.modifies
        a: list[dict] = []
        m = n = None
        for w in words:
            psi = scores.get(w)
            if psi is not None:
                p, s, i = psi
                if m is None:
                    a.append({"w": [w], "p": p, "s": s, "i": i, "n": 1})
                if m is not None:
                    last = a[-1]
                    last["w"].append(w)
                    last["p"] = max(-1.0, min(p * last["i"], +1.0))
                    last["s"] = max(-1.0, min(s * last["i"], +1.0))
                    last["i"] = i
                if n is not None:
                    last = a[-1]
                    last["w"].insert(0, n)
                    last["i"] = 1.0 / last["i"]
                    last["n"] = -1
                m = n = None
                if w in modifies:
                    m = w
                if w in negations:
                    n = w
            else:
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and self.modifier(m):
                    a[-1]["w"].append(n)
                    a[-1]["n"] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1]["w"].append("!")
                    a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
                if w == "(!)":
                    a.append({"w": [w], "p": 0.0, "s": 1.0, "i": 1.0, "n": 1})
                if w.isalpha() is False and len(w) <= 5 and w not in self.punctuation:
                    p = self.emoticons.get(w)
                    if p is not None:
                        a.append({"w": [w], "p": p, "s": 1.0, "i": 1.0, "n": 1})
        return [(x["p"] * -0.5 if x["n"] < 0 else x["p"], x["s"]) for x in a]


def _avg(values: list[float]) -> float:
    """pattern's average: a running sum of ``1 * v`` over a count, in the same order."""
    s, n = 0, 0
    for v in values:
        s += 1 * v
        n += 1
    return s / float(n or 1)


@lru_cache(maxsize=1)
def analyzer() -> FastPattern:
    return FastPattern()


@register
class TextBlobMethod(Method):
    name = "textblob"
    description = "TextBlob pattern lexicon (polarity -1..1, subjectivity 0..1); blind to the target"

    def polarity(self, text: str) -> dict:
        polarity, subjectivity = analyzer()(text)
        return {"polarity": float(polarity), "subjectivity": float(subjectivity)}
