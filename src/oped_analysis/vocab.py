"""The package's shared vocabulary: frames, actor colours, method names and labels, words.

Every module that names a frame, colours an actor, labels a method or cuts text into
words takes it from here, so a new frame or method is added in one place.
"""

from __future__ import annotations

import re

#: The frames of the codebook (``data/gold/CODEBOOK.md``), in its tie-breaking order; "other"
#: when no frame keyword is near the target. Keywords per frame: :data:`oped_analysis.scoring.cues.FRAMES`,
#: read from ``oped_analysis/data/frames.toml``.
FRAMES = ("security", "economic", "diplomatic", "other")

#: The codebook's stance codes in words, as explanations, findings and tables read them.
STANCE_WORDS = {-1: "unfavourable", 0: "neutral", 1: "favourable"}

#: Okabe-Ito colours (Okabe & Ito 2008, colour-blind safe), one per actor, used by every figure.
ACTOR_COLORS = {
    "US": "#0072B2",          # blue
    "China": "#D55E00",       # vermillion
    "Russia": "#009E73",      # bluish green
    "Pakistan": "#E69F00",    # orange
    "India": "#CC79A7",       # reddish purple
    "Afghanistan": "#56B4E9",  # sky blue
}
#: Colour of actors outside the palette.
OTHER_COLOR = "#999999"

#: Readable method names for figures and tables.
METHOD_NAMES = {"textblob": "TextBlob", "vader": "VADER", "model": "model", "rules": "rules",
                "roles": "roles"}
#: Target-aware methods, best first: the default of :func:`oped_analysis.score_target` and of frame summaries.
TARGET_METHODS = ("roles", "model", "rules")
#: The default stance method everywhere (scoring, coding, prediction-powered estimates, adapt).
DEFAULT_METHOD = TARGET_METHODS[0]
#: The methods validated by default: the sentiment baselines and every target-aware method.
EVAL_METHODS = ("textblob", "vader", *reversed(TARGET_METHODS))


def method_label(method: str, scope: str) -> str:
    """A method's label for one scope: its name for target-aware rows, ``method:scope`` otherwise."""
    return method if scope == "target" else f"{method}:{scope}"


def mean_column(method: str, scope: str) -> str:
    """The comparison table's column of a method's mean polarity at one scope (``vader_sentence``)."""
    return f"{method}_{scope}"


def method_labels(scores):
    """``scores`` (a DataFrame with method and scope) with a ``label`` column (:func:`method_label`)."""
    return scores.assign(label=[method_label(m, s) for m, s in zip(scores["method"], scores["scope"])])


def choose_actors(lexicon, actors=None) -> list[str]:
    """The actors a summary covers: the lexicon's powers (None), every actor ("all"), one key or a
    list; an unknown actor is an error naming the closest key (:func:`oped_analysis.checks.actor_keys`)."""
    from .checks import actor_keys

    return actor_keys(actors, lexicon)


_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")


def word_tokens(text: str) -> list[str]:
    """Lower-case word tokens (hyphenated words split, possessive 's dropped), for counting words."""
    words = []
    for w in _WORD.findall(text.lower()):
        for part in w.split("-"):
            part = re.sub(r"['’]s$", "", part).strip("'’")
            if part:
                words.append(part)
    return words


def word_set(text: str) -> set[str]:
    """The distinct lower-case letter-and-digit runs of ``text``, for word-overlap measures."""
    return set(re.findall(r"[a-z0-9]+", text.lower()))
