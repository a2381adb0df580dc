"""VADER's rule-and-lexicon sentiment: the compound score of any text."""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Method


@lru_cache(maxsize=1)
def analyzer():
    """The one VADER analyzer of the package (its lexicon also feeds the rules' cues)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class VaderMethod(Method):
    name = "vader"
    description = "VADER compound score (-1..1); blind to the target"

    def polarity(self, text: str) -> dict:
        return {"polarity": float(analyzer().polarity_scores(text)["compound"]),
                "subjectivity": float("nan")}

    def cue_words(self, text: str) -> list[str]:
        lexicon = analyzer().lexicon
        return [w for w in re.findall(r"[a-z']+", text.lower()) if w in lexicon]
