"""The actor lexicon and finding actor mentions in text.

A :class:`Lexicon` maps actors (US, China, Russia, ...) to aliases grouped by kind
(names, demonyms, capitals, leaders, agencies, combining forms). The default ships
as ``data/actors.toml``; users extend or replace it with their own TOML file
(:func:`load_lexicon`). Matching rules are documented in that file's header.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import LexiconError

KINDS = ("names", "demonyms", "capitals", "leaders", "agencies", "combining")
KEYS = set(KINDS) | {"label", "role", "exclude"}
ROLES = ("power", "context")
APOSTROPHES = "'’"


@dataclass(frozen=True)
class Actor:
    """One actor: a key ("US"), a readable label, a role, and aliases by kind."""

    key: str
    label: str
    role: str = "power"
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """One alias found in a text: which actor, the surface text, its kind and offsets."""

    actor: str
    alias: str
    kind: str
    start: int
    end: int


def _case_sensitive(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 3 or all(c.isupper() for c in letters)


def _alias_pattern(alias: str, kind: str) -> str:
    words = [re.escape(w) for w in alias.split()]
    core = r"\s+".join(words).replace("'", f"[{APOSTROPHES}]").replace("’", f"[{APOSTROPHES}]")
    if kind == "demonyms":
        core += "s?"
    if kind == "combining":
        return rf"(?<![\w-]){core}(?=\s?[-‐‑–]\s?\w)"
    # Whole words: no letter or digit on either side; a final "." may end the alias.
    tail = r"(?![\w])" if not alias.endswith(".") else r"(?![A-Za-z])"
    return rf"(?<![\w.]){core}{tail}"


class Lexicon:
    """Actors and their aliases, compiled for fast matching.

    >>> lex = Lexicon.default()
    >>> [(m.actor, m.alias) for m in lex.find("Pak-Russia ties irk the US, not us.")]
    [('Pakistan', 'Pak'), ('Russia', 'Russia'), ('US', 'US')]
    """

    def __init__(self, actors: list[Actor], source: str = "<lexicon>"):
        if not actors:
            raise LexiconError(f"{source}: the lexicon defines no actors")
        self.actors = {a.key: a for a in actors}
        self.source = source
        self._compile()

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicon shipped with the package (US, China, Russia + context actors)."""
        return _default_lexicon()

    # -- building -------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict, source: str = "<dict>") -> Lexicon:
        """Build from ``{actor: {label, role, names: [...], ...}}``, validating every entry."""
        if not isinstance(data, dict):
            raise LexiconError(f"{source}: expected a table of actors")
        actors = []
        for key, entry in data.items():
            where = f"{source}: actor [{key}]"
            if not isinstance(entry, dict):
                raise LexiconError(f"{where} must be a table (e.g. names = [\"...\"]), not {entry!r}")
            unknown = set(entry) - KEYS
            if unknown:
                raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(KEYS)}")
            role = entry.get("role", "power")
            if role not in ROLES:
                raise LexiconError(f"{where}: role must be one of {ROLES}, not {role!r}")
            aliases = {}
            for kind in KINDS + ("exclude",):
                values = entry.get(kind, [])
                if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                    raise LexiconError(f"{where}: {kind} must be a list of non-empty strings, not {values!r}")
                aliases[kind] = tuple(v.strip() for v in values)
            exclude = aliases.pop("exclude")
            if not any(aliases.values()):
                raise LexiconError(f"{where} has no aliases; give at least names = [\"...\"]")
            label = entry.get("label", key)
            if not isinstance(label, str):
                raise LexiconError(f"{where}: label must be a string")
            actors.append(Actor(str(key), label, role, {k: v for k, v in aliases.items() if v}, exclude))
        return cls(actors, source)

    def extend(self, other: Lexicon) -> Lexicon:
        """A new lexicon: this one with ``other``'s actors added or their aliases merged in."""
        merged = dict(self.actors)
        for key, actor in other.actors.items():
            if key in merged:
                old = merged[key]
                aliases = {k: tuple(dict.fromkeys(old.aliases.get(k, ()) + actor.aliases.get(k, ())))
                           for k in KINDS if old.aliases.get(k) or actor.aliases.get(k)}
                actor = Actor(key, actor.label if actor.label != key else old.label, actor.role,
                              aliases, tuple(dict.fromkeys(old.exclude + actor.exclude)))
            merged[key] = actor
        return Lexicon(list(merged.values()), f"{self.source} + {other.source}")

    def _compile(self) -> None:
        patterns: list[tuple[str, str, str, bool]] = []
        for actor in self.actors.values():
            for kind, aliases in actor.aliases.items():
                for alias in aliases:
                    patterns.append((alias, actor.key, kind, _case_sensitive(alias)))
        # longest aliases first, so "Trump administration" wins over "Trump"
        patterns.sort(key=lambda p: -len(p[0]))
        self._index = {}
        groups = {True: [], False: []}
        for n, (alias, key, kind, sensitive) in enumerate(patterns):
            name = f"a{n}"
            self._index[name] = (key, kind)
            groups[sensitive].append(f"(?P<{name}>{_alias_pattern(alias, kind)})")
        self._regexes = [re.compile("|".join(g), 0 if sensitive else re.IGNORECASE)
                         for sensitive, g in groups.items() if g]
        self._compile_buckets(patterns, groups)
        excl = [(a.key, re.compile("|".join(_alias_pattern(e, "names") for e in a.exclude), re.IGNORECASE))
                for a in self.actors.values() if a.exclude]
        self._exclude = excl

    def _compile_buckets(self, patterns, groups) -> None:
        """Small alternations keyed by an alias's first two characters, for :meth:`find`.

        Every alias pattern starts with a lookbehind refusing a word character before it,
        so a match can only start at a word start that begins like an alias (``starts``:
        its first two characters, or the first for aliases such as "U.S."). There, only the
        aliases whose first two characters fit the text can match; trying just those (in the same
        longest-first order) finds exactly what ``finditer`` over the whole alternation finds,
        many times faster.
        """
        self._buckets = []
        for sensitive in [k for k, g in groups.items() if g]:
            mine = [(f"a{n}", p) for n, p in enumerate(patterns) if p[3] == sensitive]
            def keyed(alias: str) -> bool:  # the first two characters must appear as written
                return len(alias) >= 2 and alias[:2].isalnum()

            firsts = {p[0][0].lower() for _, p in mine}
            if firsts & set(APOSTROPHES):
                firsts |= set(APOSTROPHES)
            pairs = sorted({p[0][:2].lower() for _, p in mine if keyed(p[0])})
            singles = sorted({p[0][0].lower() for _, p in mine if not keyed(p[0])}
                             | (set(APOSTROPHES) if firsts & set(APOSTROPHES) else set()))
            heads = [re.escape(k) for k in pairs] + ([f"[{re.escape(''.join(singles))}]"] if singles else [])
            starts = re.compile(rf"(?<!\w)(?:{'|'.join(heads)})", re.IGNORECASE)

            buckets = {}
            for key in {p[0][:2].lower() for _, p in mine if keyed(p[0])} | firsts:
                chosen = [f"(?P<{name}>{_alias_pattern(p[0], p[2])})" for name, p in mine
                          if p[0][:len(key)].lower() == key
                          or not keyed(p[0]) and p[0][:1].lower() in (key[0], *APOSTROPHES)]
                buckets[key] = re.compile("|".join(chosen), 0 if sensitive else re.IGNORECASE)
            self._buckets.append((starts, buckets))

    # -- using ----------------------------------------------------------------------
    @property
    def powers(self) -> list[str]:
        """Keys of the actors whose role is "power", in lexicon order."""
        return [k for k, a in self.actors.items() if a.role == "power"]

    def find(self, text: str) -> list[Match]:
        """All actor mentions in ``text``, leftmost-longest, without overlaps."""
        found: list[Match] = []
        for regex, (starts, buckets) in zip(self._regexes, self._buckets):
            pos = 0
            for candidate in starts.finditer(text):
                at = candidate.start()
                if at < pos:
                    continue
                pair = text[at:at + 2]
                sub = (buckets.get(pair.lower()) or buckets.get(pair[0].lower()) or regex) \
                    if pair.isascii() else regex
                m = sub.match(text, at)
                if m:
                    key, kind = self._index[m.lastgroup]
                    found.append(Match(key, m.group(), kind, m.start(), m.end()))
                    pos = m.end()
        named = {f.actor for f in found}
        blocked = [(key, e.start(), e.end()) for key, rx in self._exclude if key in named
                   for e in rx.finditer(text)]
        found = [f for f in found
                 if not any(k == f.actor and s <= f.start and f.end <= e for k, s, e in blocked)]
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        out: list[Match] = []
        for f in found:
            if out and f.start < out[-1].end:
                continue
            out.append(f)
        return out

    def __repr__(self) -> str:
        return f"Lexicon({', '.join(self.actors)}; from {self.source})"


LEXICON_HINT = ('a lexicon is a UTF-8 TOML file of actor tables, e.g. [US] names = ["United States"]; '
                'see oped_analysis/data/actors.toml')


def load_lexicon(path: str | os.PathLike, *, extend: bool = True) -> Lexicon:
    """Read a lexicon TOML file; with ``extend=True`` it is merged into the default."""
    path = Path(path)
    if not path.exists():
        raise LexiconError(f"{path}: no such lexicon file; {LEXICON_HINT}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: not a valid TOML lexicon ({exc}); {LEXICON_HINT}") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise LexiconError(f"{path}: cannot read the lexicon ({reason}); {LEXICON_HINT}") from None
    lexicon = Lexicon.from_dict(data, str(path))
    return Lexicon.default().extend(lexicon) if extend else lexicon


_DEFAULT: Lexicon | None = None


def _default_lexicon() -> Lexicon:
    global _DEFAULT
    if _DEFAULT is None:
        text = resources.files("oped_analysis").joinpath("data/actors.toml").read_text(encoding="utf-8")
        _DEFAULT = Lexicon.from_dict(tomllib.loads(text), "oped_analysis/data/actors.toml")
    return _DEFAULT


def as_lexicon(lexicon) -> Lexicon:
    """None (the default), a Lexicon, a dict, or a path to a TOML file, as a Lexicon."""
    if lexicon is None:
        return Lexicon.default()
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, dict):
        return Lexicon.from_dict(lexicon)
    if isinstance(lexicon, (str, os.PathLike)):
        return load_lexicon(lexicon)
    raise TypeError(f"lexicon must be None, a Lexicon, a dict or a path, not {type(lexicon).__name__}")
