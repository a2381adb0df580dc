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
import unicodedata
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import LexiconError
from .mention_rules import MentionRules

KINDS = ("names", "demonyms", "capitals", "leaders", "agencies", "combining")
KEYS = set(KINDS) | {"label", "role", "exclude"}
#: The lexicon file's table of the person-name rule (not an actor): honorifics, not_given.
PERSON_TABLE = "person_names"
PERSON_KEYS = ("honorifics", "not_given")
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


#: The non-ASCII letters that case-insensitive matching pairs with ASCII ones (Python's ``re``
#: documentation, IGNORECASE): a text without them matches an ASCII word only where its
#: lower-cased form holds that word.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _plain_latin(alias: str) -> bool:
    return all(not c.isalpha() or c.isascii() for c in alias) and not any(c in INVISIBLE for c in alias)


def _describe(alias: str) -> str:
    odd = [c for c in alias if c in INVISIBLE or c.isalpha() and not c.isascii()]
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in dict.fromkeys(odd))


class LookalikeWarning(UserWarning):
    """An actor name was written with letters of another script (Cyrillic "Сhina") or
    invisible characters; it was counted, but the text may be spoofed or garbled."""


#: Characters removed before matching: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: Cyrillic and Greek letters that look like Latin ones (after Unicode's confusables.txt),
#: read as Latin inside a word that also has Latin letters ("Сhina", "Ruѕsia").
LOOKALIKES = dict(zip("АВСЕНІЈКМОРЅТХУаСеорсхуіјѕԁһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧο",
                      "ABCEHIJKMOPSTXYaCeopcxyijsdhlABEZHIKMNOPTYXo"))
_PLAIN = re.compile(r"[!-~]+(?: [!-~]+)*")  # printable ASCII with single spaces: kept as it is


def _plain(text: str) -> bool:
    """``_PLAIN.fullmatch(text)`` by string tests, three times as fast on a sentence (most
    sentences are plain; ``bench/stages.py``, mentions): printable ASCII, no space at either
    end, no run of spaces."""
    return (text.isascii() and text.isprintable() and text != "" and text[0] != " " and text[-1] != " "
            and "  " not in text)


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def normalize_for_matching(text: str) -> tuple[str, list[int] | None, list[int] | None, bool]:
    """``text`` as the matcher sees it, and the way back to offsets in ``text``.

    NFKC per character (fullwidth "ＵＳ" is "US"), invisible characters removed ("U\u200dS" is
    "US"), runs of spaces as one space, curly apostrophes straight, and Latin look-alikes of
    other scripts read as Latin inside mixed-script words. Returns ``(normalized, starts,
    ends, odd)``: ``starts[i]``/``ends[i]`` are the offsets in ``text`` of normalized
    character ``i`` (None when each character is read as one, so offsets stay) and ``odd``
    says whether a look-alike or invisible character was read.
    """
    if _plain(text):
        return text, None, None, False
    simple = _one_for_one(text)
    if simple is not None:
        return simple[0], None, None, simple[1]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    odd = False
    pos = 0

    def special(lo: int, hi: int) -> None:
        nonlocal odd
        for i in range(lo, hi):
            c = text[i]
            if c in INVISIBLE:
                odd = True
                continue
            if c.isspace() or (not c.isascii() and unicodedata.normalize("NFKC", c).isspace()):
                if out and out[-1] == " ":
                    ends[-1] = i + 1
                    continue
                out.append(" ")
            elif c in APOSTROPHES:
                out.append("'")
            elif c in LOOKALIKES and _mixed_word(text, i):
                odd = True
                out.append(LOOKALIKES[c])
            else:
                n = unicodedata.normalize("NFKC", c) if not c.isascii() else c
                odd = odd or (n != c and c.isalpha())
                out.extend(n or c)
                starts.extend([i] * (len(n or c) - 1))
                ends.extend([i + 1] * (len(n or c) - 1))
            starts.append(i)
            ends.append(i + 1)

    for m in _PLAIN.finditer(text):
        special(pos, m.start())
        out.append(m.group())
        starts.extend(range(m.start(), m.end()))
        ends.extend(range(m.start() + 1, m.end() + 1))
        pos = m.end()
    special(pos, len(text))
    return "".join(out), starts, ends, odd


#: Printable ASCII: characters the normalization keeps as they are, wherever they stand.
_KEPT = frozenset(chr(i) for i in range(0x21, 0x7F))
#: character -> what the normalization makes of it outside a look-alike's word, when that is one
#: character (None when it is more: NFKC of a ligature), and whether that is an odd reading
_ONE_CHAR: dict[str, tuple[str | None, bool]] = {}


def _one_char(c: str) -> tuple[str | None, bool]:
    """``normalize_for_matching``'s reading of one character outside a look-alike's word (its
    rules in the same order): a space, a straight apostrophe, or NFKC of it."""
    if c.isspace() or (not c.isascii() and unicodedata.normalize("NFKC", c).isspace()):
        return " ", False
    if c in APOSTROPHES:
        return "'", False
    n = unicodedata.normalize("NFKC", c) if not c.isascii() else c
    return (n or c if len(n) <= 1 else None), (n != c and c.isalpha())


def _one_for_one(text: str) -> tuple[str, bool] | None:
    """``(normalized, odd)`` of a text whose every character is read as one character (no
    invisible character, look-alike letter, expanding character or run of spaces), so the
    offsets stay as they are; else None. The usual non-ASCII text (curly quotes, dashes,
    accented names) takes this way instead of character by character: a ``str.replace`` per
    character to change (no character is changed into one that is changed: what it becomes is
    a space, an apostrophe or NFKC's form, which stays), faster than one ``str.translate`` of
    them all (``Lexicon.find`` of the 24,216 sentences of ``bench/stages.py``: 0.276 -> 0.242 CPU s)."""
    table, odd = {}, False
    for c in set(text) - _KEPT:
        if c in INVISIBLE or c in LOOKALIKES:
            return None
        if c not in _ONE_CHAR:
            _ONE_CHAR[c] = _one_char(c)
        one, strange = _ONE_CHAR[c]
        if one is None:
            return None
        odd = odd or strange
        if one != c:
            table[c] = one
    out = text
    for c, one in table.items():
        out = out.replace(c, one)
    return (out, odd) if "  " not in out else None  # a run of spaces becomes one: offsets move


def _mixed_word(text: str, i: int) -> bool:
    """True if the word around ``text[i]`` also holds a Latin letter (so it is a spoof, not Russian)."""
    lo = hi = i
    while lo > 0 and (_is_word(text[lo - 1]) or text[lo - 1] in INVISIBLE):
        lo -= 1
    while hi < len(text) and (_is_word(text[hi]) or text[hi] in INVISIBLE):
        hi += 1
    return any("a" <= c.lower() <= "z" for c in text[lo:hi])


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class _Entry:
    """One alias as the automaton stores it: its rank (longest aliases first), actor, kind,
    its length in the normalized text, and its boundary rules."""

    rank: int
    actor: str
    kind: str
    length: int
    combining: bool
    ends_with_dot: bool


class _Matcher:
    """Every alias in two Aho-Corasick automata (case-sensitive, case-insensitive): one pass
    over the text finds all candidates, then the regex-like boundary rules of the lexicon
    (whole words, a final "." may end an alias, combining forms need a hyphen) and
    leftmost-longest selection give the same matches as one alternation of all aliases,
    in time linear in the text (one giant regex took 29 s to build for 20,000 aliases)."""

    def __init__(self, actors) -> None:
        import ahocorasick

        patterns = [(alias, actor.key, kind) for actor in actors for kind, aliases in actor.aliases.items()
                    for alias in aliases]
        patterns.sort(key=lambda p: -len(p[0]))  # longest first, as "Trump administration" beats "Trump"
        self.automata = []
        for sensitive in (True, False):
            auto = ahocorasick.Automaton()
            keys: dict[str, list[_Entry]] = {}
            for rank, (alias, key, kind) in enumerate(patterns):
                if _case_sensitive(alias) != sensitive:
                    continue
                norm = " ".join(normalize_for_matching(alias)[0].split())
                norm = norm if sensitive else _lower_same_length(norm)
                forms = [norm, norm + "s"] if kind == "demonyms" else [norm]
                for form in forms:
                    keys.setdefault(form, []).append(
                        _Entry(rank, key, kind, len(form), kind == "combining", alias.endswith(".")))
            for form, entries in keys.items():
                auto.add_word(form, tuple(entries))
            if keys:
                auto.make_automaton()
                self.automata.append((sensitive, auto))

    def find(self, norm: str) -> list[tuple[int, int, str, str]]:
        """``(start, end, actor, kind)`` in ``norm``: leftmost-longest per automaton, then merged."""
        found = []
        lower = None
        for sensitive, auto in self.automata:
            hay = norm if sensitive else (lower := lower or _lower_same_length(norm))
            best: dict[int, tuple] = {}
            for last, entries in auto.iter(hay):
                end = last + 1
                for e in entries:
                    start = end - e.length
                    if not self._fits(norm, start, end, e):
                        continue
                    cand = (e.rank, -e.length, end, e.actor, e.kind)
                    if start not in best or cand < best[start]:
                        best[start] = cand
            pos = 0
            for start in sorted(best):
                if start < pos:
                    continue
                _, _, end, actor, kind = best[start]
                found.append((start, end, actor, kind))
                pos = end
        return found

    @staticmethod
    def _fits(text: str, start: int, end: int, e: _Entry) -> bool:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if e.combining:
            glued = before and (_is_word(before) or before == "-")
            return not glued and bool(_COMBINING_TAIL.match(text, end))
        if before and (_is_word(before) or before == "."):
            return False
        if e.ends_with_dot:
            return not ("a" <= after.lower() <= "z" and after.isascii()) if after else True
        return not (after and _is_word(after))


_COMBINING_TAIL = re.compile(r" ?[-‐‑–] ?\w")  # spaces are single after normalization


class Lexicon:
    """Actors and their aliases, compiled for fast matching.

    >>> lex = Lexicon.default()
    >>> [(m.actor, m.alias) for m in lex.find("Pak-Russia ties irk the US, not us.")]
    [('Pakistan', 'Pak'), ('Russia', 'Russia'), ('US', 'US')]
    """

    def __init__(self, actors: list[Actor], source: str = "<lexicon>",
                 person_names: dict[str, tuple[str, ...]] | None = None):
        if not actors:
            raise LexiconError(f"{source}: the lexicon defines no actors")
        self.actors = {a.key: a for a in actors}
        self.source = source
        #: the ``[person_names]`` table (None: the default lexicon's)
        self.person_names = person_names
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
        data = dict(data)
        persons = _person_table(data.pop(PERSON_TABLE, None), source)
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
        return cls(actors, source, persons)

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
        persons = None
        if self.person_names is not None or other.person_names is not None:
            mine, theirs = self._person_names(), other._person_names()
            persons = {k: tuple(dict.fromkeys(mine[k] + theirs[k])) for k in PERSON_KEYS}
        return Lexicon(list(merged.values()), f"{self.source} + {other.source}", persons)

    def _person_names(self) -> dict[str, tuple[str, ...]]:
        return self.person_names if self.person_names is not None else _default_person_names()

    def _compile(self) -> None:
        """Build (or reuse: once per process per lexicon) the matcher and the exclusions."""
        import hashlib

        spec = [(a.key, a.role, sorted(a.aliases.items()), a.exclude) for a in self.actors.values()]
        spec.append(sorted(self._person_names().items()))
        self._fingerprint = hashlib.sha1(repr(spec).encode("utf-8")).hexdigest()
        compiled = _COMPILED.get(self._fingerprint)
        if compiled is None:
            matcher = _Matcher(self.actors.values())
            compiled = _COMPILED[self._fingerprint] = (matcher, MentionRules(
                self.actors.values(), self._person_names(),
                _spans_of(matcher)))
        self._matcher, self._rules = compiled

    def __getstate__(self) -> dict:
        """Pickled as actors only (workers get a lexicon per chunk); compiled once per process."""
        return {"actors": self.actors, "source": self.source, "person_names": self.person_names}

    def __setstate__(self, state: dict) -> None:
        self.actors, self.source = state["actors"], state["source"]
        self.person_names = state.get("person_names")
        self._compile()

    # -- using ----------------------------------------------------------------------
    @property
    def powers(self) -> list[str]:
        """Keys of the actors whose role is "power", in lexicon order."""
        return [k for k, a in self.actors.items() if a.role == "power"]

    def find(self, text: str) -> list[Match]:
        """All actor mentions in ``text``, leftmost-longest, without overlaps.

        Matching sees the text normalized (:func:`normalize_for_matching`); offsets and the
        alias as written refer to ``text``. A mention written with look-alike letters of
        another script or invisible characters is counted with a :class:`LookalikeWarning`.
        """
        norm, starts, ends, odd = normalize_for_matching(text)
        found = []
        for s, e, key, kind in self._rules.kept(norm, self._matcher.find(norm)):
            if starts is not None:
                s, e = starts[s], ends[e - 1]
            found.append(Match(key, text[s:e], kind, s, e))
        if not found:  # most sentences: no warning or overlap to look at
            return found
        if odd:
            for f in found:
                if not _plain_latin(f.alias):
                    warnings.warn(f"the mention {f.alias!r} of {f.actor} is written with look-alike letters "
                                  f"of another script or invisible characters ({_describe(f.alias)}); "
                                  f"counted as {f.actor}, but check the text", LookalikeWarning, stacklevel=2)
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        out: list[Match] = []
        for f in found:
            if out and f.start < out[-1].end:
                continue
            out.append(f)
        return out

    def dropped(self, text: str) -> list[tuple[Match, str]]:
        """The alias matches in ``text`` that the exclusion rules drop, each with its rule
        (:meth:`MentionRules.judge`: "exclude", "derived exclude", "honorific", "given name",
        "other person"); for reviewing the rules (``bench/mentions_eval.py``)."""
        norm, starts, ends, _ = normalize_for_matching(text)
        spans = self._matcher.find(norm)
        out = []
        for (s, e, key, kind), why in zip(spans, self._rules.judge(norm, spans)):
            if why is not None:
                if starts is not None:
                    s, e = starts[s], ends[e - 1]
                out.append((Match(key, text[s:e], kind, s, e), why))
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
#: Compiled matchers by lexicon fingerprint: each process builds a lexicon's automata once.
_COMPILED: dict[str, tuple] = {}


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


def _person_table(table, source: str) -> dict[str, tuple[str, ...]] | None:
    """The validated ``[person_names]`` table of a lexicon file (None when it has none)."""
    if table is None:
        return None
    where = f"{source}: [{PERSON_TABLE}]"
    if not isinstance(table, dict):
        raise LexiconError(f"{where} must be a table (honorifics = [...], not_given = [...])")
    unknown = set(table) - set(PERSON_KEYS)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {list(PERSON_KEYS)}")
    out = {}
    for key in PERSON_KEYS:
        values = table.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise LexiconError(f"{where}: {key} must be a list of non-empty strings, not {values!r}")
        out[key] = tuple(v.strip().rstrip(".") for v in values)
    return out


def _spans_of(matcher: _Matcher):
    """The matcher on one phrase: the phrase as it sees it, and its spans."""
    def spans(phrase: str) -> tuple[str, list[tuple[int, int, str, str]]]:
        norm = " ".join(normalize_for_matching(phrase)[0].split())
        return norm, matcher.find(norm)
    return spans


def _default_person_names() -> dict[str, tuple[str, ...]]:
    return _default_lexicon().person_names or {k: () for k in PERSON_KEYS}
