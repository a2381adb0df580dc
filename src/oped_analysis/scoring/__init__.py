"""Per-actor scores: one module per method, and the registry that lists them.

A method scores a *target*: a span ``[start, end)`` of a sentence (an actor's
mention). Sentiment baselines (TextBlob, VADER) ignore who the target is; they are
scored twice, on the whole sentence (``scope="sentence"``) and on the clause around
the mention (``scope="clause"``, :func:`oped_analysis.text.clause_span`).
Target-aware methods score the target itself (``scope="target"``).
Adding a method means one new module with a :class:`Method` subclass and one line in
:data:`METHODS`. The chain that feeds methods (sentences, mentions) is :mod:`oped_analysis.tables`.
"""

from __future__ import annotations

from ..errors import OpedAnalysisError
from ..vocab import TARGET_METHODS
from .base import ROW_COLUMNS, Method, polarity_stance, target_row
from .model import ModelMethod
from .rules import RulesMethod
from .stance import RoleStanceMethod
from .textblob import TextBlobMethod
from .vader import VaderMethod

#: The methods by name, each with its default parameters, in a stable order.
METHODS: dict[str, Method] = {cls.name: cls() for cls in
                              (TextBlobMethod, VaderMethod, RulesMethod, ModelMethod, RoleStanceMethod)}

#: Methods the chain runs when none are named.
DEFAULT_METHODS = ["textblob", "vader", "roles"]



def register(method: Method | type[Method]) -> Method:
    """Add a method (a :class:`Method` subclass or instance) to :data:`METHODS` under its ``name``."""
    instance = method() if isinstance(method, type) else method
    METHODS[instance.name] = instance
    return instance


def get_method(method: str | Method) -> Method:
    """The registered method called ``method`` (or ``method`` itself when it is a Method),
    with a clear error for unknown names."""
    if isinstance(method, Method):
        return method
    if not isinstance(method, str):
        raise OpedAnalysisError(f"a method must be a name such as 'vader' or a Method, not {method!r}")
    try:
        return METHODS[method]
    except KeyError:
        raise OpedAnalysisError(f"unknown scoring method {method!r}; available: {sorted(METHODS)}") from None


def score_target(text: str, start: int, end: int, method: str | Method | None = None) -> dict:
    """Score the target ``text[start:end]`` with one method (the best available by default).

    Returns the method's row for its most specific scope (target, else clause).
    """
    from ..checks import target_span

    chosen = get_method(method or next((m for m in TARGET_METHODS if m in METHODS), DEFAULT_METHODS[0]))
    target_span(text, start, end)
    rows = chosen.score_target(text, start, end)
    row = next((r for r in rows if r["scope"] in ("target", "clause")), rows[-1])
    return {"method": chosen.name, **row}


__all__ = ["DEFAULT_METHODS", "METHODS", "ROW_COLUMNS", "TARGET_METHODS", "Method", "ModelMethod",
           "RoleStanceMethod", "RulesMethod", "TextBlobMethod", "VaderMethod", "get_method",
           "polarity_stance",
           "register", "score_target", "target_row"]
