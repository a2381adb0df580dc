"""TextBlob's pattern-lexicon sentiment: polarity and subjectivity of any text.

Only ``.sentiment`` is used: it needs no NLTK corpora, so it works offline.
"""

from __future__ import annotations

from functools import lru_cache

from .base import Method, register


@lru_cache(maxsize=1)
def _analyzer():
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


@register
class TextBlobMethod(Method):
    name = "textblob"
    description = "TextBlob pattern lexicon (polarity -1..1, subjectivity 0..1); blind to the target"

    def polarity(self, text: str) -> dict:
        result = _analyzer().analyze(text)
        return {"polarity": float(result.polarity), "subjectivity": float(result.subjectivity)}

    def cue_words(self, text: str) -> list[str]:
        return [" ".join(words) for words, *_ in _analyzer().analyze(text, keep_assessments=True).assessments]
