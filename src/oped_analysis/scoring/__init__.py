"""Per-actor scores: one module per method, one registry, one tidy table.

A method scores a *target*: a span ``[start, end)`` of a sentence (an actor's
mention). Sentiment baselines (TextBlob, VADER) ignore who the target is; they are
scored twice, on the whole sentence (``scope="sentence"``) and on the clause around
the mention (``scope="clause"``, :func:`oped_analysis.text.clause_span`).
Target-aware methods score the target itself (``scope="target"``).
Adding a method means one new module that calls :func:`register`.
"""

from __future__ import annotations

from .base import METHODS, Method, get_method, register, score, score_target  # noqa: F401
from . import textblob as _textblob  # noqa: F401  (registers "textblob")
from . import vader as _vader  # noqa: F401  (registers "vader")
from . import rules as _rules  # noqa: F401  (registers "rules")
from . import model as _model  # noqa: F401  (registers "model")
from . import stance as _stance  # noqa: F401  (registers "roles")

__all__ = ["METHODS", "Method", "get_method", "register", "score", "score_target"]
