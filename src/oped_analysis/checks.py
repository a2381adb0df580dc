"""Argument checks for the public functions: API misuse gets the library's own
:class:`~oped_analysis.errors.UsageError` with a hint, not a raw TypeError/KeyError from deep inside."""

from __future__ import annotations

import difflib
import numbers

from .errors import UsageError


def method_names(methods, default: list[str]) -> list[str]:
    """``methods`` as a list of names: None gives ``default``; one string is one method (or a
    comma-separated list, as on the command line), not its letters."""
    if methods is None:
        return list(default)
    if isinstance(methods, str):
        methods = [m.strip() for m in methods.split(",") if m.strip()]
    try:
        names = list(methods)
    except TypeError:
        raise UsageError(f"methods must be a method name or a list of names such as ['textblob', 'vader'], "
                         f"not {type(methods).__name__} {methods!r}") from None
    bad = [m for m in names if not isinstance(m, str) and not hasattr(m, "score_target")]  # names or Methods
    if bad or not names:
        raise UsageError(f"methods must name at least one method, as strings (e.g. ['textblob', 'vader']); "
                         f"got {methods!r}")
    return names


def actor_keys(actors, lexicon) -> list[str]:
    """``actors`` as lexicon keys: None gives the powers, ``"all"`` every actor, a string one
    actor; an unknown actor is an error naming the closest keys ("Rusia" -> "Russia")."""
    if actors is None:
        return lexicon.powers
    if isinstance(actors, str):
        actors = list(lexicon.actors) if actors == "all" else [actors]
    try:
        keys = list(actors)
    except TypeError:
        raise UsageError(f"actors must be an actor key, a list of keys or 'all', not {actors!r}") from None
    unknown = [a for a in keys if a not in lexicon.actors]
    if unknown:
        closest = (_closest(a, lexicon) for a in unknown)
        hints = "".join(f"; did you mean {close}?" for close in closest if close)
        raise UsageError(f"unknown actor(s) {unknown}{hints}; the lexicon has {list(lexicon.actors)}")
    return keys


def _closest(name, lexicon) -> str | None:
    """The actor key closest to ``name`` by key, label or alias, ignoring case (or None)."""
    if not isinstance(name, str):
        return None
    spellings = {}
    for key, actor in lexicon.actors.items():
        for form in (key, actor.label, *(a for aliases in actor.aliases.values() for a in aliases)):
            spellings.setdefault(form.lower(), key)
    found = difflib.get_close_matches(name.lower(), list(spellings), n=1, cutoff=0.75)
    return repr(spellings[found[0]]) if found else None


def target_span(text, start, end) -> None:
    """``text`` must be a string and ``[start, end)`` whole-number offsets inside it."""
    if not isinstance(text, str):
        raise UsageError(f"text must be a string, not {type(text).__name__}; pass the sentence text")
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise UsageError(f"{name} must be a whole-number character offset, not {type(value).__name__} "
                             f"{value!r}; e.g. start = text.find('China'), end = start + len('China')")
    if not (0 <= start < end <= len(text)):
        raise UsageError(f"target span [{start}, {end}) is outside the text of {len(text)} characters")


def positive_int(value, name: str) -> int:
    """A whole number >= 1 (``width``, ``top``, ...)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise UsageError(f"{name} must be a whole number >= 1, not {value!r}")
    return int(value)


def has_columns(frame, columns, what: str, hint: str) -> None:
    """``frame`` must be a DataFrame with ``columns``."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise UsageError(f"{what} must be a DataFrame, not {type(frame).__name__}; {hint}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(f"{what} has no column(s) {missing} (it has {list(frame.columns)}); {hint}")
