"""Rules that drop a found alias which does not name the actor.

The lexicon (:mod:`oped_analysis.actors`) finds aliases; these rules then drop the ones that,
read in their context, name something else:

- ``exclude`` phrases ("Latin America") and the forms derived from them by the actor's own
  demonyms ("Latin American", "Latin Americans"): :func:`derived_phrases`;
- person names: a capital written after an honorific or a given name ("Mr. Washington",
  "Denzel Washington") and a leader's surname written after a given name that is not the
  leader's own ("Roy Medvedev", "Melania Trump"): :class:`PersonRule`.

Both run on the text as the matcher sees it (single spaces, straight apostrophes), on the
matches the lexicon found (``(start, end, actor, kind)`` spans), and look only at a match's
neighbours: an exclusion phrase is compared as a string around each match of an alias that it
holds, and the person rule reads the few words before a capital or a leader's surname.

A word is a given name when TextBlob's bundled Pattern lexicon (``textblob/en/en-lexicon.txt``,
from the Penn Treebank tagging of the Brown and WSJ corpora) knows it only as a proper noun:
tagged NNP and without a lower-case entry, so "Roy" and "Daniil" are names while "President",
"Communist", "Central" (lower-case "president", "communist", "central") are not, and a common
word capitalised at the start of a sentence ("When", "Today") never is. A word the Pattern
lexicon does not know ("Denzel", "Melania") counts as a given name unless it is an inflection
of a word it knows ("Rips", "Referencing": ``INFLECTIONS``) or has the ending of a derived
adjective or verb ("Tsarist", "Villainizing": ``ADJECTIVE_ENDINGS``). Titles, months and days, which that
lexicon also tags NNP alone ("Tsar", "Gen", "January"), are listed in the lexicon file's
``[person_names]`` table; places that it tags NNP alone ("Berlin", "Tehran") are the one-word
entries of the CAMEO country-actor dictionary (:func:`place_names`). The rules run only on a
match that can be a person (a capital or a leader's surname), so ``Lexicon.find`` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .errors import OpedAnalysisError

#: Endings of capitalised words that are adjectives or adverbs derived from names, not given
#: names, when the Pattern lexicon does not know them: "Tsarist Moscow", "Trumpian Washington",
#: "Maoist Beijing", "Soviet-era", "Stalinesque" (English derivational suffixes).
ADJECTIVE_ENDINGS = ("ist", "ian", "ite", "ic", "ical", "esque", "ese", "ish", "ly", "ism", "era",
                     "izing", "ising", "ized", "ised", "izes", "ises")
#: Inflections of English words (suffix, what the stem ends in instead): an unknown capitalised
#: word whose stem the Pattern lexicon knows in lower case is an inflected common word at a
#: sentence's or a headline's start ("Rips", "Referencing", "Blamed"), not a given name.
INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
               ("ied", "y"))
#: One word before a match: letters (a capitalised name, "Mr", an initial) with at most a final
#: dot, then spaces, right before the match; not part of a hyphenated or dotted word.
_WORD_BEFORE = re.compile(r"(?<![\w.'’\-])([A-Za-z]+\.?)[ \t\u00a0]+\Z")
#: How many words before a match are read: a given name, a middle name or initial and a surname
#: ("Vladimir V. Putin", "Bilawal Bhutto Zardari").
WORDS_BEFORE = 3


@cache
def place_names() -> frozenset[str]:
    """Upper-case one-word places of the CAMEO country-actor dictionary (3,490 words: "BERLIN",
    "TEHRAN", "NAIROBI"), which the Pattern lexicon also tags as proper nouns alone: "the Berlin
    Washington rift" and "the Tehran Moscow axis" name two capitals, not a person. Empty when the
    repository's data folder is not installed (the rule then reads fewer words as places)."""
    from .errors import MissingInputError
    from .resources import read_cameo_places

    try:
        return read_cameo_places()
    except MissingInputError:
        return frozenset()


@cache
def pattern_tags() -> dict[str, str]:
    """Word -> part of speech from TextBlob's bundled Pattern lexicon (read once, offline)."""
    spec = find_spec("textblob")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    path = Path(folders[0]) / "en" / "en-lexicon.txt" if folders else None
    if path is None or not path.is_file():
        raise OpedAnalysisError("the person-name rule of actor mentions needs TextBlob's bundled lexicon "
                           "(textblob/en/en-lexicon.txt), a dependency of oped-analysis: "
                           "pip install textblob")
    tags: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.partition(" ")
        if tag and not line.startswith(";;;"):
            tags.setdefault(word, tag.split()[0])
    return tags


def _inflected(low: str, tags: dict[str, str]) -> bool:
    """True if ``low`` is an inflection (:data:`INFLECTIONS`) of a word the lexicon knows in lower
    case, with a doubled final consonant or not ("rips", "referencing", "ripping")."""
    for suffix, ending in INFLECTIONS:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)]
            if stem + ending in tags or (stem[-1] == stem[-2] and stem[:-1] in tags):
                return True
    return False


def derived_phrases(phrases: tuple[str, ...], names: tuple[str, ...], demonyms: tuple[str, ...]) -> list[str]:
    """The forms an ``exclude`` phrase takes with the actor's demonyms in place of its name
    at the end: "South America" -> "South American" (the demonym pattern adds the plural),
    "Indochina" -> "Indochinese". Phrases already listed are not repeated."""
    out: list[str] = []
    seen = {p.lower() for p in phrases}
    for phrase in phrases:
        low = phrase.lower()
        for name in names:
            if len(name) < 4 or not low.endswith(name.lower()) or low == name.lower():
                continue  # "US" in "Jesus" is no name; a phrase that is the name excludes it all
            head = phrase[: len(phrase) - len(name)]
            for demonym in demonyms:
                form = head + (demonym.lower() if head and head[-1].isalpha() else demonym)
                if form.lower() not in seen:
                    seen.add(form.lower())
                    out.append(form)
    return out


def words_before(text: str, start: int, limit: int = WORDS_BEFORE) -> list[str]:
    """Up to ``limit`` words right before ``text[start]``, nearest first, as long as only spaces
    separate them (a comma, a hyphen or a possessive ends the run)."""
    words: list[str] = []
    pos = start
    while len(words) < limit and pos:
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None:
            break
        words.append(m.group(1))
        pos = m.start(1)
    return words


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


@dataclass(frozen=True)
class PersonRule:
    """When a capital or a leader's surname is a person's name (see the module docstring).

    ``honorifics``: words that stand before a person's name ("Mr", "Dr"; a final dot is
    optional). ``not_given``: capitalised words the Pattern lexicon tags as proper nouns only
    that are no given names (titles, months, days). ``actor_words``: the lower-case words of
    the lexicon's non-person aliases ("russian", "kremlin") and its one-word leader aliases
    ("biden", "modi"), which are no given names either.
    """

    honorifics: frozenset[str]
    not_given: frozenset[str]
    actor_words: frozenset[str] = frozenset()

    def given_name(self, word: str) -> bool:
        """True if ``word`` (as written) is a given name; see the module docstring."""
        if len(word) < 2 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return False
        if word in self.not_given or word in self.honorifics or word.lower() in self.actor_words:
            return False
        if word.upper() in place_names():
            return False  # a place: "the Berlin Washington rift"
        tags = pattern_tags()
        tag = tags.get(word)
        if tag is not None:
            return tag == "NNP" and word.lower() not in tags
        low = word.lower()
        if low in tags or _inflected(low, tags):
            return False  # a common word, capitalised at the start of a sentence or in a headline
        return not low.endswith(ADJECTIVE_ENDINGS)

    def name_before_initial(self, word: str) -> bool:
        """True if ``word``, written before a middle initial, is a given name: any proper noun
        does there ("Booker T.", though the Pattern lexicon also knows "booker")."""
        return self.given_name(word) or (pattern_tags().get(word) == "NNP" and word not in self.not_given
                                         and word.lower() not in self.actor_words)

    def honorific(self, word: str) -> bool:
        return word.rstrip(".") in self.honorifics

    def capital_is_person(self, text: str, start: int) -> str | None:
        """Why the capital at ``text[start]`` is a person's name ("Mr. Washington": "honorific",
        "George Washington" or "Booker T. Washington": "given name"), or None."""
        words = words_before(text, start, 2)
        if not words:
            return None
        if self.honorific(words[0]):
            return "honorific"
        if _initial(words[0]):
            return "given name" if len(words) > 1 and self.name_before_initial(words[1]) else None
        if words[0].endswith("."):
            return None  # a sentence's end ("... met Roy. Moscow then ...")
        return "given name" if self.given_name(words[0]) else None

    def surname_is_other_person(self, text: str, start: int, own: frozenset[str]) -> bool:
        """True if the leader's surname at ``text[start]`` follows a given name that is none of
        the leader's own (``own``: "Dmitry", "Dmitri" for Medvedev): "Roy Medvedev", "Melania
        Trump", "Bilawal Bhutto Zardari"; not "Vladimir V. Putin", "President Putin", "Mr Putin"."""
        named = False
        for word in words_before(text, start):
            if word in own:
                return False
            if _initial(word):
                continue
            if not self.given_name(word):
                break  # a title, an honorific, a sentence's end or a common word ends the name
            named = True
        return named


#: The most characters an ``exclude`` phrase may hold before or after its alias.
_LONGEST = 120


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


class MentionRules:
    """The exclusion and person-name rules of one lexicon, compiled (see the module docstring).

    ``actors``: the lexicon's :class:`~oped_analysis.actors.Actor` objects; ``person_names``:
    its ``[person_names]`` table; ``spans_of``: the lexicon's matcher on one phrase, returning
    the phrase as the matcher sees it and its ``(start, end, actor, kind)`` spans.
    """

    def __init__(self, actors: Iterable, person_names: dict[str, tuple[str, ...]],
                 spans_of: Callable[[str], tuple[str, list[tuple[int, int, str, str]]]]) -> None:
        actors = list(actors)
        #: (actor, alias as found, lower case) -> (text before it, after it (lower case), phrase,
        #: derived?, offsets of the capitals before it)
        phrases: dict[tuple[str, str], list[tuple[str, str, str, bool, tuple[int, ...]]]] = {}
        for a in actors:
            derived = derived_phrases(a.exclude, a.aliases.get("names", ()), a.aliases.get("demonyms", ()))
            for phrase, is_derived in [(p, False) for p in a.exclude] + [(p, True) for p in derived]:
                for form in (phrase, phrase + "s"):  # a plural, as of a demonym: "Latin Americans"
                    norm, spans = spans_of(form)
                    low = norm.lower()
                    if len(low) != len(norm):
                        continue
                    for start, end, key, _ in spans:
                        if key == a.key:
                            capitals = tuple(i for i, c in enumerate(norm[:start]) if c.isupper())
                            phrases.setdefault((key, low[start:end]), []).append(
                                (low[:start], low[end:], phrase, is_derived, capitals))
        longest = max((len(e[0]) + len(e[1]) for group in phrases.values() for e in group), default=0)
        if longest > _LONGEST:
            raise ValueError(f"an exclude phrase is longer than {_LONGEST} characters around its alias")
        #: the same, each alias's phrases indexed by the three characters after the alias (of those
        #: with three or more there), else by the three before it, else unindexed
        self.phrases = {key: _index(entries) for key, entries in phrases.items()}
        self.persons, self.surnames = _person_candidates(actors, person_names)

    def kept(self, norm: str, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """``spans`` without those a rule drops; at once when none can be dropped."""
        if not spans:
            return spans
        return [span for span, why in zip(spans, self.judge(norm, spans)) if why is None]

    def judge(self, norm: str, spans: list[tuple[int, int, str, str]]) -> list[str | None]:
        """Per span, the rule that drops it or None: "exclude" (an ``exclude`` phrase as listed),
        "derived exclude" (a demonym form of one: "South American"), "honorific" or "given
        name" (a capital as a person's name: "Mr. Washington", "George Washington") or "other
        person" (a leader's surname after another given name: "Roy Medvedev")."""
        out: list[str | None] = []
        for start, end, actor, kind in spans:
            why = None
            entries = self.phrases.get((actor, norm[start:end].lower()))
            if entries is not None:
                why = _excluded(norm, start, end, entries)
            if why is None and start and (kind == "capitals" or kind == "leaders"):
                why = self._person(norm, start, end, actor, kind)
            out.append(why)
        return out

    def _person(self, norm: str, start: int, end: int, actor: str, kind: str) -> str | None:
        if kind == "capitals":
            return self.persons.capital_is_person(norm, start) if " " not in norm[start:end] else None
        own = self.surnames.get((actor, norm[start:end].lower()))
        if own is not None and self.persons.surname_is_other_person(norm, start, own):
            return "other person"
        return None


def _index(entries: list) -> tuple[dict[str, list], dict[str, list], list]:
    after: dict[str, list] = {}
    before: dict[str, list] = {}
    other = []
    for entry in entries:
        if len(entry[1]) >= 3:
            after.setdefault(entry[1][:3], []).append(entry)
        elif len(entry[0]) >= 3:
            before.setdefault(entry[0][-3:], []).append(entry)
        else:
            other.append(entry)
    return after, before, other


def _excluded(norm: str, start: int, end: int, index: tuple[dict, dict, list]) -> str | None:
    """"exclude" or "derived exclude" if one of the phrases ``entries`` (the text before and after
    the alias in each) stands around ``norm[start:end]`` as whole words, else None. Case is
    ignored, but a capital of the phrase before the alias must be one in the text: "Central
    American migrants" is a region's, "how central American diplomacy remains" the US's."""
    entries = (index[0].get(norm[end:end + 3].lower(), [])
               + index[1].get(norm[max(0, start - 3):start].lower(), []) + index[2])
    if not entries:
        return None
    left = norm[max(0, start - _LONGEST):start].lower()
    right = norm[end:end + _LONGEST].lower()
    for before, after, phrase, derived, capitals in entries:
        if not (left.endswith(before) and right.startswith(after)):
            continue
        lo, hi = start - len(before), end + len(after)
        if not all(norm[lo + i].isupper() for i in capitals):
            continue
        if lo and (_is_word(norm[lo - 1]) or norm[lo - 1] == "."):
            continue
        if hi < len(norm):
            nxt = norm[hi]
            if (nxt.isascii() and nxt.isalpha()) if phrase.endswith(".") else _is_word(nxt):
                continue
        return "derived exclude" if derived else "exclude"
    return None


def _person_candidates(actors: list, persons: dict[str, tuple[str, ...]]) -> tuple[PersonRule, dict]:
    """The person rule, and each leader's surname alias (the last word of a fuller leader alias of
    the same actor: "Medvedev" of "Dmitry Medvedev") with the leader's own given names (the words
    before it in those aliases: "Dmitry", "Dmitri"), keyed ``(actor, surname in lower case)``."""
    surnames: dict[tuple[str, str], set[str]] = {}
    actor_words: set[str] = set()
    for a in actors:
        leaders = a.aliases.get("leaders", ())
        singles = {alias.lower() for alias in leaders if " " not in alias}
        for alias in leaders:
            *given, last = alias.split()
            if given and last.lower() in singles:
                surnames.setdefault((a.key, last.lower()), set()).update(w for w in given if len(w) > 2)
        for kind in ("names", "demonyms", "capitals", "agencies", "combining"):
            actor_words.update(w.lower() for alias in a.aliases.get(kind, ()) for w in alias.split())
        actor_words.update(singles)  # another leader's surname: "Biden Putin summit"
    rule = PersonRule(frozenset(persons["honorifics"]), frozenset(persons["not_given"]),
                      frozenset(actor_words))
    return rule, {k: frozenset(v) for k, v in surnames.items()}
