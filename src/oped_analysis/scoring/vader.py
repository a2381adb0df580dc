"""VADER's rule-and-lexicon sentiment: the compound score of any text."""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Method, register


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@register
class VaderMethod(Method):
    name = "vader"
    description = "VADER compound score (-1..1); blind to the target"

    def polarity(self, text: str) -> dict:
        return {"polarity": float(_analyzer().polarity_scores(text)["compound"]),
                "subjectivity": float("nan")}

    def cue_words(self, text: str) -> list[str]:
        lexicon = _analyzer().lexicon
        return [w for w in re.findall(r"[a-z']+", text.lower()) if w in lexicon]
