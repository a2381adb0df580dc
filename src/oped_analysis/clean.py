"""Separate an article's body from page furniture, keeping a trace of every cut.

Text copied from a news page carries more than the article: site names, navigation and
accessibility links, cookie notices, the headline and standfirst, bylines and datelines,
share buttons, adverts, photo captions, "Also read" links, pull quotes, the writer's bio,
column disclaimers, tag lists, comments and feeds of other headlines. :func:`clean` works
from evidence rather than from one site's shape:

1. every line is read by its shape and vocabulary (the rules are data, in
   ``data/page_furniture.toml``, in the spirit of trafilatura's settings); the lines of a
   hard-wrapped paragraph (e-mail, plain-text exports) are judged joined, as the paragraph
   they are, so a paragraph none of whose lines reads as prose alone is not taken for furniture,
   and a wrapped bio or disclaimer is cut whole (its lines alone may read as body sentences);
2. the article starts at the first run of prose (long lines that end as sentences) that no
   byline, dateline or navigation line interrupts (or at the first prose, if that run would
   leave most of the prose before it: a live blog's entries), and ends at its last prose line
   before an end marker ("Related", "Comments", ...) that is followed by less prose than
   precedes it, unless the marker heads a box of links that the article goes on after;
3. what stands before the start is the page's header, read for title, author, date and
   outlet; what stands after the end is read for the writer's bio and the publication line;
   furniture between paragraphs (share bars, adverts, captions, links, time and date lines,
   a printed page's running heads, page numbers and footnotes) is cut line by line, pull
   quotes and teasers that repeat the body are cut, and so are the hyphens of words broken
   over two wrapped lines.

A cut that would remove more than half of the page's prose (counted in characters, wrapped
paragraphs included) is refused: the text is kept and
a warning is recorded (``metadata["warnings"]``), so a page with prose never loses its body.
:func:`clean` returns

* ``removed``: ``(start, end, reason)`` spans of ``raw``, sorted and disjoint,
* ``metadata``: what the furniture told (title, author, outlet, published, author_bio,
  warnings).

The body is ``raw`` with the removed spans taken out (:func:`apply_cuts`), so the invariant
``raw == body + removed spans, character for character`` holds by construction.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int, str]

#: Characters that carry no text and break matching ("Rus\u200bsia"): zero-width
#: space, word joiner, BOM, soft hyphen and C0/C1 controls other than tab and newline.
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")

#: The vocabulary of page furniture (see the file's header for its format and sources).
RULES_FILE = Path(__file__).parent / "data" / "page_furniture.toml"

#: A person's or an outlet's name: capitalised words, with the particles of Arabic, Urdu and
#: European names.
NAME = r"[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|bin|ibn|al|de|van|von|ul|ud)){0,5}"
#: A person's name of two to five words ("Sarah J. Lindqvist", "Hamad Al Mansoori").
PERSON = r"[A-Z][\w'’\-]*\.?(?:\s+(?:[A-Z][\w'’\-]*\.?|bin|ibn|al|de|van|von|ul|ud)){1,4}"
BYLINE = re.compile(
    rf"^\s*(?:(?:author|writer|written by|posted by|reported by)\s*[:\-–—]\s*|by\s+)(?P<name>{NAME})\s*$",
    re.IGNORECASE,
)
#: Bylines that go on after the name: "By X, a senior fellow ...", "By X | Outlet | Updated ...",
#: "Written by X | New Delhi", "X | Published ...", "X in Edit Page | ...", "X, Special to Y".
BYLINE_MORE = [
    re.compile(
        rf"^\s*(?:(?i:author|writer|written by|posted by|reported by|words by)\s*[:\-–—]?\s*|(?i:by)\s+)"
        rf"(?P<name>{PERSON})(?:\s*(?:[,|\-–—(]|\s+(?:in|at|on)\s+).*)?$"
    ),
    re.compile(rf"^\s*(?:[A-Za-z'’\-]+\s+){{1,3}}(?i:by)\s+(?P<name>{PERSON})\s*$"),
    re.compile(rf"^\s*(?P<name>{PERSON})\s*\|\s*\S.*$"),
    re.compile(rf"^\s*(?P<name>{PERSON})\s+in\s+[A-Z].*\|.*$"),
    re.compile(rf"^\s*(?P<name>{PERSON}),\s+(?i:an?|special to|opinion contributor|contributor)\b.*$"),
]
PUBLISHED = re.compile(
    r"^\s*(?:(?:first\s+)?published\s+in\s+(?P<outlet>[^,.\n]{2,60}?)\s*,\s*|"
    r"(?:published|posted|updated)\s*(?:on|:)?\s*)(?P<date>[^\n]{4,40}?)\s*\.?\s*$",
    re.IGNORECASE,
)
#: "The writer is ...": a bio if its verb says so ("teaches", "tweets") or, after "is", "has" ...,
#: the line holds a word of the bio vocabulary ("The writer is right ..." is the body's).
BIO = re.compile(
    r"^\s*(?:the\s+)?(?:writer|author|columnist|contributor)s?\s+(?:(?P<verb>teaches|works|tweets|heads|"
    r"can be reached)|is|are|was|has|have)\b(?P<rest>.*)",
    re.IGNORECASE,
)
#: "X is a professor ...", "— X is a commentator ...", "Editor's Note: X is a former diplomat ...".
NAMED_BIO = re.compile(
    rf"^\s*[(\[]?(?:[—–-]\s*)?(?:(?i:editor.s note)\s*:\s*)?(?P<name>{PERSON})\s+(?:is|was|has been)\s+"
    r"(?P<rest>.*)$"
)
NAME_LINE = re.compile(rf"^\s*(?:[—–-]\s*)?(?P<name>{PERSON})\s*$")
DATE_LABEL = re.compile(r"\b(published|updated|posted|last updated|first published|date)\b", re.IGNORECASE)
TEASER_END = re.compile(r"(\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*$")


class LineEnd:
    """A pattern that must end a line (``search(line)`` is a match or None, as for a regex).

    Tried from the line's end: a greedy ``.*`` runs to the end and backs off, so a paragraph
    is not searched from its first full stop onwards, which took 14x as long on long lines.
    """

    def __init__(self, tail: str):
        self.pattern = tail
        self._rx = re.compile(rf"(?s).*(?:{tail})\s*$")

    def search(self, line: str) -> re.Match | None:
        return self._rx.match(line)


def _sentence_end(marks: str) -> LineEnd:
    """A line's end after one of ``marks`` (and closing quotes or brackets), with a footnote's
    mark after it as PDF copies and papers print it ("plants?1", "war.[3]", "it.²"); a bare
    number only after a letter's punctuation ("Web 3.0" ends no sentence)."""
    return LineEnd(
        rf"(?<![\d\s])[{marks}][\"”’')\]]*\d{{1,2}}|[{marks}][\"”’')\]]*(?:\[\d{{1,3}}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{{1,3}})?"
    )


SENTENCE_END = _sentence_end(".!?…")
#: The end of a full sentence (not a teaser's "…").
PROSE_END = _sentence_end(".!?")
#: Outlets named by the page: "Source: X", "Special to X", "those of X", "reflect X's ...". The
#: lead words are matched in any case, the name only capitalised ("those of the author and ..."
#: names no outlet; the name pattern ignoring case took it for one).
OUTLET_NAMED = [
    re.compile(r"^\s*source\s*:\s*(?P<outlet>[^|\n]{2,40}?)\s*(?:\||published|$)", re.IGNORECASE),
    re.compile(rf"\b(?i:special to) (?P<outlet>{NAME})"),
    re.compile(rf"\b(?i:those|the views?|the position|point-of-view) (?i:of) "
               rf"(?P<outlet>(?:(?i:the) )?{NAME})"),
    re.compile(rf"\b(?i:reflect) (?P<outlet>(?:(?i:the) )?{NAME})(?:['’]s?)\s"),
    re.compile(rf"\b(?i:columnist|writer|contributor) (?i:for|at|with) "
               rf"(?P<outlet>(?:(?i:the) )?{NAME})"),
]

#: Words that stand beside a date in a dateline: labels, day names, times and time zones.
DATE_WORDS = {"published", "updated", "posted", "last", "first", "on", "at", "date", "source", "edited",
              "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
              "friday", "saturday", "sunday", "am", "pm", "gmt", "utc", "ist", "pkt", "est", "edt", "cet",
              "cest", "msk", "bst", "pst", "et", "gst", "cst", "hkt", "uhr", "th", "st", "nd", "rd", "of"}
#: Longest "X is a professor ..." line read as the writer's bio (a paragraph is longer).
NAMED_BIO_WORDS = 45
#: Minimum words of a line of prose that ends as a sentence, and of one that need not.
PROSE_WORDS, LONG_PROSE_WORDS = 12, 25
#: The longest standfirst (a one-sentence summary under the headline); ledes run longer.
STANDFIRST_WORDS = 20
#: A paragraph of prose this long cut before the article (above its byline or date line) may be
#: its opening rather than a standfirst or teaser (those stay under 30 words): a warning says so.
OPENING_WORDS = 35
#: An end marker is believed if the prose after it is at most this share of the prose before
#: it; share markers, which also stand between paragraphs, need far less prose after them.
END_AFTER_BEFORE, SHARE_END_AFTER_BEFORE = 1.0, 0.1
#: A bio or byline after the body ends the article if at most this share of prose follows it.
SOFT_END_AFTER_BEFORE = 0.25
#: ... and at most this many characters of prose (a second article after a byline is no tail).
SOFT_END_MAX_AFTER = 2000
#: No furniture line is longer than this (the longest rules, bios and disclaimers, allow 80).
MAX_FURNITURE_WORDS = 80
#: A page shows a few pull quotes; past this many unpunctuated lines none is looked for (this
#: also bounds the check's cost on huge texts).
MAX_PULL_QUOTES = 50
#: Metadata is read from this many lines after the article (feeds of other headlines follow).
MAX_TAIL_LINES_READ = 30
#: Hard-wrapped text (e-mail, plain-text exports) breaks each paragraph into lines of at most a
#: fixed width: 72-78 columns in e-mail (RFC 5322 advises 78), 60-100 in exports and editors.
#: A line wider than this is a paragraph of its own, never a wrapped line.
MAX_WRAP_WIDTH = 120
#: A wrapped line holds at least this many words (a navigation or "Related" item holds fewer).
MIN_WRAPPED_WORDS = 5
#: A page is read as hard-wrapped when at least this many lines stand full against the next,
#: and at most this share of its text characters stand in lines wider than MAX_WRAP_WIDTH (a
#: page of one-line paragraphs with a few stacked link labels is not hard-wrapped).
MIN_WRAPPED_LINES, MAX_UNWRAPPED_SHARE = 3, 0.1
#: The wrap width is estimated as this quantile of those lines' lengths: at most the true width
#: when under a tenth of them are unwrapped lines that happen to stand together.
WRAP_WIDTH_QUANTILE = 0.9
#: Lines of these kinds stand before an article, not between its paragraphs: a run of prose
#: they interrupt is a standfirst or a teaser, not the article's start.
HEADER_KINDS = {"byline", "date", "publication", "name", "nav", "accessibility", "breadcrumb", "cookie"}
#: Lines that end the article where they follow it (the prose after them being the lesser part).
TAIL_KINDS = {"bio", "disclaimer", "publication", "byline"}
#: Kinds of furniture that are paragraphs of prose (a bio, a disclaimer): their lines, when
#: hard-wrapped, are joined with the lines around them and judged as one paragraph.
REREAD_KINDS = {"bio", "disclaimer"}
#: Kinds of line whose dates are not the article's: the capture date of a web archive's banner,
#: the printing date of a browser's print margin (and lines of text, bios, disclaimers, cookies).
UNDATED_KINDS = {None, "bio", "disclaimer", "cookie", "archive", "print_margin"}
#: Kinds cut after the article under their own reason (the rest is "page furniture after the article").
TAIL_REASONS = {"bio": "author bio", "publication": "publication line", "disclaimer": "column disclaimer"}

#: Words that do not stand in a person's name, though capitalised at a line's start.
NOT_NAMES = {
    "also",
    "the",
    "a",
    "an",
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "is",
    "are",
    "not",
    "no",
    "yes",
    "new",
    "old",
    "this",
    "that",
    "our",
    "your",
    "my",
    "his",
    "her",
    "its",
    "their",
    "view",
    "views",
    "opinion",
    "editor",
    "editorial",
    "staff",
    "desk",
    "team",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "updated",
    "published",
    "posted",
    "despite",
    "after",
    "before",
    "under",
    "over",
}

#: Every date form below holds a four-digit year or a numeric day/month/year.
MAYBE_DATE = re.compile(r"\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2}")
#: Written date forms and the order of their parts (y, m, d), tried in this order.
DATE_FORMS = [
    (re.compile(p), order)
    for p, order in [
        (r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", "ymd"),
        (r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b", "ymd"),
        (r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", "mdy"),
        (r"\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})\b", "dmy"),
        (r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", "mdy"),
        (r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", "dmy"),
    ]
]

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9


@dataclass(frozen=True)
class LineRule:
    """One kind of furniture line: its cut reason, where it is cut, and its patterns."""

    kind: str
    reason: str
    inside: bool
    max_words: int
    pattern: re.Pattern


@dataclass(frozen=True)
class Rules:
    """The furniture vocabulary of ``data/page_furniture.toml``, compiled."""

    lines: tuple[LineRule, ...]
    #: ``(max_words, pattern)``, most words first: the pattern matches where the pattern of some
    #: rule allowing that many words does (one test for most lines; a line of more words than a
    #: rule allows skips the rule's patterns, many of which scan the whole line)
    any_line: tuple[tuple[int, re.Pattern], ...]
    nav_words: frozenset
    share_words: frozenset
    end: re.Pattern
    share_end: re.Pattern
    #: end markers that also head a box of links between paragraphs ("Read more", not "Comments")
    inline_end: re.Pattern
    bio_words: frozenset
    disclaimer_words: frozenset
    outlet_words: frozenset
    #: <meta> names of the site's name, separators of "Headline | Outlet" titles, a copyright line
    outlet_meta: tuple[str, ...]
    title_separators: tuple[str, ...]
    copyright: re.Pattern


def _whole(patterns: list[str]) -> re.Pattern:
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*:?$", re.IGNORECASE)


@functools.cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Compile the furniture rules of ``path`` (cached: read once per process)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    lines = tuple(
        LineRule(kind, spec["reason"], spec["inside"], spec["max_words"], _whole(spec["patterns"]))
        for kind, spec in data["lines"].items()
    )
    limits = sorted({spec["max_words"] for spec in data["lines"].values()}, reverse=True)
    any_line = tuple((limit, _whole([p for spec in data["lines"].values() if spec["max_words"] >= limit
                                     for p in spec["patterns"]])) for limit in limits)
    return Rules(
        lines,
        any_line,
        frozenset(data["words"]["nav"]),
        frozenset(data["words"]["share"]),
        _whole(data["end"]["patterns"]),
        _whole(data["end"]["share"]),
        _whole(data["end"]["inline"]),
        frozenset(data["bio"]["words"]),
        frozenset(data["disclaimer"]["words"]),
        frozenset(data["outlet"]["words"]),
        tuple(data["outlet"]["meta"]),
        tuple(data["outlet"]["title_separators"]),
        re.compile("^(?:" + "|".join(f"(?:{p})" for p in data["outlet"]["copyright"]) + ")$"),
    )


@dataclass(frozen=True)
class Line:
    """One line of ``raw`` with its offsets (``end`` includes the newline)."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


#: Unicode spaces (no-break, thin, ideographic ...) that the rules read as a plain space.
SPACES = re.compile(r"[^\S\n]")
ODD_SPACE = re.compile(r"[^\S\n ]")
#: What ``str.splitlines`` breaks lines at.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def split_lines(raw: str) -> list[Line]:
    """Lines of ``raw`` with character offsets; the line break belongs to its line.

    A line's ``text`` is what the rules read: without its line break and invisible
    characters, and with every kind of space as " ", so "You\u00a0may also like" and
    "Rus\u200bsia" look as they read. Cuts are made with the offsets, never the text.
    """
    lines, pos = [], 0
    invisible = INVISIBLE.search(raw) is not None
    odd_spaces = ODD_SPACE.search(raw) is not None
    for chunk in raw.splitlines(keepends=True):
        text = chunk.rstrip(LINE_BREAKS)  # a chunk ends in exactly one line break
        if invisible:
            text = INVISIBLE.sub("", text)
        if odd_spaces:
            text = SPACES.sub(" ", text)
        lines.append(Line(pos, pos + len(chunk), text))
        pos += len(chunk)
    return lines


def parse_date(text: str) -> dt.date | None:
    """Parse the common written date forms: "January 12th 2018", "12 Jan, 2018", "12-Jan-2018",
    ISO "2018-01-12", "2016/6/27", US "01/12/18" and "01/12/2018", European "12.01.2018"."""
    text = text.strip().rstrip(".")
    if not MAYBE_DATE.search(text):
        return None
    for pattern, order in DATE_FORMS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups()))
            month = parts["m"]
            if not month.isdigit():
                month = MONTHS.get(month.lower())
                if month is None:
                    continue
            year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)
            day, month = int(parts["d"]), int(month)
            if order == "mdy" and parts["m"].isdigit() and month > 12 >= day:
                day, month = month, day  # "27/06/2016": the day comes first
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None


#: The words of :func:`~oped_analysis.vocab.word_set` with three or more characters, found at once:
#: a maximal run of ``[a-z0-9]`` is matched whole by the greedy ``{3,}``, and a shorter one not at all.
_LONG_WORD = re.compile(r"[a-z0-9]{3,}")


def _words(text: str) -> set[str]:
    """``{w for w in word_set(text) if len(w) > 2}``."""
    return set(_LONG_WORD.findall(text.lower()))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Read:
    """What the rules make of one non-blank line."""

    kind: str | None  # a furniture kind, or None for text
    words: int
    prose: bool  # a line of prose: long, or ending as a sentence and not short
    name: str | None = None  # a person named by a byline, a bio or a name line


def _mostly_date(text: str) -> bool:
    """A dateline: besides the date, at most three words that are not labels ("Published",
    "Updated", "on", "at"), day names or time zones ("Source: Global Times | 2018/6/27")."""
    other = [w for w in re.findall(r"[A-Za-z][A-Za-z.]*", text)
             if w.replace(".", "").lower() not in DATE_WORDS and w.lower().rstrip(".")[:3] not in MONTHS]
    return len(other) <= 3


def _only_words(text: str, vocabulary: frozenset) -> bool:
    tokens = [t for t in re.split(r"[\s|/»>›•·,:]+", text.lower()) if t and t not in ("-", "–", "—")]
    return bool(tokens) and all(t in vocabulary for t in tokens)


def _name_like(text: str) -> bool:
    """A short line of capitalised words ("The Express Tribune", "Guest Essay", "DAWN.COM")."""
    tokens = text.split()
    return 0 < len(tokens) <= 5 and all(
        t[:1].isupper() or t[:1].isdigit() or t.lower() in ("of", "the", "and", "&", "in", "al", "de", "|")
        for t in tokens
    )


def _person(name: str, rules: Rules) -> bool:
    """A name that is not made of navigation words or month names."""
    tokens = [t.strip(".,").lower() for t in name.split()]
    return not any(
        t in rules.nav_words or t in rules.share_words or t in MONTHS or t in NOT_NAMES for t in tokens
    )


def _any_line(rules: Rules, words: int, text: str) -> bool:
    """Whether the pattern of some line rule allowing ``words`` words may match ``text``."""
    pattern = None
    for limit, joined in rules.any_line:  # most words first: the last that allows ``words``
        if words > limit:
            break
        pattern = joined
    return pattern is not None and pattern.match(text) is not None


def read_line(text: str, rules: Rules) -> _Read:
    """The kind of a line (stripped text), its length in words and whether it is prose."""
    words = len(text.split())
    ends = bool(PROSE_END.search(text))
    prose = (words >= PROSE_WORDS and ends) or words >= LONG_PROSE_WORDS
    if words > MAX_FURNITURE_WORDS:
        return _Read(None, words, prose)
    if (m := BYLINE.match(text)) and len(text) <= 80:
        return _Read("byline", words, False, _squash(m["name"]))
    if words <= 25:
        for pattern in BYLINE_MORE:
            if (m := pattern.match(text)) and _person(m["name"], rules):
                return _Read("byline", words, False, _squash(m["name"]))
    if (m := PUBLISHED.match(text)) and len(text) <= 120 and parse_date(m["date"]):
        return _Read("publication", words, False)
    if (m := BIO.match(text)) and words <= 80 and (m["verb"] or _words(m["rest"][:160]) & rules.bio_words):
        return _Read("bio", words, False)
    if (
        words <= NAMED_BIO_WORDS
        and (m := NAMED_BIO.match(text))
        and _person(m["name"], rules)
        and _words(m["rest"][:120]) & rules.bio_words
    ):
        return _Read("bio", words, False, _squash(m["name"]))
    if _any_line(rules, words, text):
        for rule in rules.lines:
            if words <= rule.max_words and rule.pattern.match(text):
                return _Read(rule.kind, words, False)
    if words <= 16 and _mostly_date(text) and parse_date(text):
        return _Read("date", words, False)
    if words <= 12 and _only_words(text, rules.share_words):
        return _Read("share", words, False)
    if words <= 14 and _only_words(text, rules.nav_words):
        return _Read("nav", words, False)
    if (m := NAME_LINE.match(text)) and _person(m["name"], rules):
        return _Read("name", words, False, _squash(m["name"]))
    return _Read(None, words, prose)


def clean(raw: str, description: str | None = None) -> tuple[list[Span], dict]:
    """Find the page furniture in ``raw``.

    ``description``: the page's summary where its markup gives one (an HTML page's
    ``og:description``, a Markdown file's ``description`` or ``subtitle``); the article's first
    line, if it is just that (the standfirst kept by the extractor), is cut as the standfirst.

    Returns ``(removed, metadata)``: disjoint sorted spans ``(start, end, reason)`` and a
    dict with any of ``title``, ``author``, ``outlet``, ``published``, ``author_bio`` found
    in the furniture, and ``warnings`` for cuts that were refused.
    """
    rules = load_rules()
    lines = split_lines(raw)
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    meta: dict = {}
    if not content:
        return _finish(raw, []), meta
    text = {i: lines[i].text.strip() for i in content}
    read = {i: read_line(text[i], rules) for i in content}
    cuts: list[Span] = []
    warnings: list[str] = []

    def cut_line(i: int, reason: str) -> None:
        # a line goes with the blank lines after it, so paragraphs stay separated once
        end = lines[i].end
        j = i + 1
        while j < len(lines) and lines[j].blank:
            end = lines[j].end
            j += 1
        cuts.append((lines[i].start, end, reason))

    # Prose: lines that read as paragraphs, alone or with the lines they are hard-wrapped
    # over. A page of short lines only (a note, a test snippet) has its text lines, after a
    # headline-shaped first line, as its prose.
    wrapped_groups = _furniture_apart(_wrapped_paragraphs(lines, content, text, read), text, read, rules)
    wrapped = {i for group in wrapped_groups for i in group}
    paragraph = {group[0]: " ".join(text[i] for i in group) for group in wrapped_groups}
    joined_reads = {group[0]: read_line(paragraph[group[0]], rules) for group in wrapped_groups}
    for group in wrapped_groups:
        # a wrapped paragraph is judged as the one line it would be unwrapped: a bio or a
        # disclaimer as a whole (its lines alone may read as a sentence of the body), and a
        # body paragraph as text (one of its lines alone may look like a disclaimer's words)
        # (the kind only: each line keeps its own length and prose shape, which the start, end
        # and headline rules count)
        joined = joined_reads[group[0]]
        if joined.kind is None or joined.kind in REREAD_KINDS:
            for i in group:
                prose = read[i].prose and joined.kind is None
                read[i] = _Read(joined.kind, read[i].words, prose, joined.name)
    wrapped_prose = {  # a paragraph ends as a sentence; a stack of link labels does not
        i
        for group in wrapped_groups
        if (joined := joined_reads[group[0]]).prose
        and joined.kind is None
        and SENTENCE_END.search(text[group[-1]])
        for i in group
    }
    weight = {i: len(text[i]) for i in content if read[i].prose or i in wrapped_prose}
    first = content[0]
    headline_first = (
        len(content) > 1
        and first not in wrapped
        and len(text[first]) <= 200
        and read[first].kind is None
        and not SENTENCE_END.search(text[first])
    )
    marker = {i for i in content if rules.end.match(text[i]) or rules.share_end.match(text[i])}
    if not weight:
        weight = {
            i: len(text[i])
            for i in content
            if read[i].kind is None and i not in marker and not (i == first and headline_first)
        }
    if not weight:
        weight = {i: len(text[i]) for i in content if read[i].kind not in HEADER_KINDS} or {
            i: len(text[i]) for i in content
        }
    prose = sorted(weight)
    total = sum(weight.values())

    # 1. The start: the first prose line not followed by header lines before the next one.
    start = prose[0]
    header_lines = [i for i in content if read[i].kind in HEADER_KINDS]
    for k, p in enumerate(prose):
        nxt = prose[k + 1] if k + 1 < len(prose) else None
        h = bisect.bisect_right(header_lines, p)
        if nxt is None or h == len(header_lines) or header_lines[h] > nxt:
            start = p
            break
    start = _opening(start, content, text, read)
    before_start = sum(w for i, w in weight.items() if i < start)
    if before_start > total / 2:
        # the run found leaves most of the prose before it (a live blog's entries, each under its
        # own time and writer): the article starts at the first prose, keeping more, not less
        start = _opening(prose[0], content, text, read)
        before_start = sum(w for i, w in weight.items() if i < start)

    # 2. The end: the first end marker with less prose after it than before it, unless it heads a
    # box of links that the article goes on after.
    end_index = tail_from = len(lines)
    seen = weight.get(start, 0)
    boxes: set[int] = set()
    position = {i: n for n, i in enumerate(content)}
    for i in content:
        if i <= start or i in boxes:
            continue
        after = total - before_start - seen
        if i in marker and rules.end.match(text[i]):
            if box := _link_box(position[i], content, weight, read, marker, text, rules):
                boxes.update(box)
                continue
        if i not in marker:
            if (
                read[i].kind in TAIL_KINDS
                and tail_from == len(lines)
                and after - weight.get(i, 0) <= min(SOFT_END_AFTER_BEFORE * seen, SOFT_END_MAX_AFTER)
            ):
                tail_from = i  # the writer's bio or a byline: the article ended before it
            seen += weight.get(i, 0)
            continue
        if rules.end.match(text[i]):
            if after <= END_AFTER_BEFORE * seen:
                end_index = i
                break
            warnings.append(
                f"kept the text after {text[i][:40]!r} (line {i + 1}): cutting there would "
                "remove more than half of the page's prose"
            )
        elif rules.share_end.match(text[i]) and after <= SHARE_END_AFTER_BEFORE * seen:
            end_index = i
            break
    if end_index < len(lines):
        cuts.append((lines[end_index].start, len(raw), "page furniture after the article"))
    # the last line of prose, or of a sentence of three or more words (wrapped or not)
    sentence_words = {i: read[i].words for i in content}
    sentence_words.update({g[-1]: sum(read[i].words for i in g) for g in wrapped_groups})
    last = start
    for i in content:
        if start <= i < min(end_index, tail_from) and (
            i in weight or (read[i].kind is None and PROSE_END.search(text[i]) and sentence_words[i] >= 3)
        ):
            last = i
    # a last paragraph that does not end as a sentence ("... a rival. Enditem", a lost full stop)
    # right under the last one: sentences of the article, not furniture
    k = position[last] + 1
    while (
        k < len(content)
        and content[k] < min(end_index, tail_from)
        and read[content[k]].kind is None
        and read[content[k]].words >= PROSE_WORDS
        and re.search(r"\w[.!?]\s+\S", text[content[k]])
    ):
        last, k = content[k], k + 1
    header = [i for i in content if i < start]
    title = _headline(header, text, read, _latin(" ".join(text[i] for i in prose[:5])))
    standfirst = None
    if (
        title is not None
        and title != first
        and content[content.index(title) + 1] == start
        and start not in wrapped
        and _standfirst(text[start])
        and any(p > start for p in prose)
    ):
        # a one-sentence summary right under a headline that is not the page's first line
        standfirst, start = start, min(p for p in prose if p > start)
        header = [i for i in content if i < start]
    if (
        standfirst is None
        and description
        and _squash(text[start]).casefold() == _squash(description).casefold()
        and any(p > start for p in prose)
    ):
        standfirst, start = start, min(p for p in prose if p > start)
        header = [i for i in content if i < start]
    tail = [i for i in content if last < i < end_index]
    body = [i for i in content if start <= i <= last]

    # 3. The header: headline, bylines, dates; all of it is cut.
    if title is None and start == first and headline_first:
        title, body = first, body[1:]  # a short first line before the text
        header = [first]
    if title is not None:
        meta["title"] = text[title]
    for i in header:
        if i == title:
            cut_line(i, "title")
        elif i == standfirst:
            cut_line(i, "standfirst")
        elif read[i].kind in ("byline", "publication"):
            cut_line(i, "byline" if read[i].kind == "byline" else "publication line")
        elif TEASER_END.search(text[i]) and read[i].words >= 8:
            cut_line(i, "teaser repeating the opening")
        else:
            cut_line(i, _reason(read[i].kind, rules, "page furniture before the article"))
            opening = paragraph.get(i, text[i])
            if (
                read[i].kind is None
                and i in weight
                and (i not in wrapped or i in paragraph)
                and len(opening.split()) >= OPENING_WORDS
                and PROSE_END.search(opening)
            ):
                warnings.append(
                    f"cut a paragraph of {len(opening.split())} words above the byline or date line "
                    f"(line {i + 1}: {opening[:40]!r}) as the page's header: check that it is not "
                    "the article's opening"
                )

    # 4. Furniture between paragraphs, teasers and pull quotes repeating the body.
    cut_lines = set()
    for i, reason in _furniture_inside(body, text, read, rules, boxes, wrapped).items():
        cut_line(i, reason)
        cut_lines.add(i)
    kept = [i for i in body if i not in cut_lines]
    cuts += _line_break_hyphens(raw, lines, wrapped_groups, set(kept), text)
    for n, i in enumerate(kept[:-1]):
        m = TEASER_END.search(text[i])
        if not m:
            continue
        stem = _squash(text[i][: m.start()])
        following = _squash(" ".join(lines[j].text for j in kept[n + 1 : n + 4]))
        if len(stem) >= 40 and following.startswith(stem):
            cut_line(i, "teaser repeating the opening")
            cut_lines.add(i)
    kept = [i for i in kept if i not in cut_lines]
    for i in _pull_quotes([i for i in kept if i not in wrapped], text):
        cut_line(i, "pull quote repeating the body")

    # 5. After the article: the bio, the publication line, disclaimers, the rest.
    for i in tail:
        cut_line(i, TAIL_REASONS.get(read[i].kind, "page furniture after the article"))
        if read[i].kind == "bio" and BIO.match(text[i]):
            meta.setdefault("author_bio", paragraph.get(i, text[i]))

    _metadata(meta, header, tail, title, text, read, rules, [i for i in content if i > last])

    # 6. Refuse to lose the article: at most half of the page's prose may be cut.
    spans = _finish(raw, cuts)
    cut_prose = sum(w for i, w in weight.items() if _covered(spans, lines[i]))
    if total and cut_prose > total / 2:
        warnings.append(
            f"kept the whole page: the cuts found would remove {cut_prose / total:.0%} "
            "of its prose, more than half"
        )
        spans = _finish(raw, [])
    if warnings:
        meta["warnings"] = warnings
    return spans, meta


#: A word broken over two lines of a wrapped paragraph ("divi-" / "sion"), as PDF copies give it.
BROKEN_WORD = re.compile(r"[a-z]-$")


def _line_break_hyphens(
    raw: str, lines: list[Line], groups: list[list[int]], kept: set, text: dict
) -> list[Span]:
    """The hyphens (with the line break after them) of words broken over two lines of a wrapped
    paragraph of the body: a line ending in a lower-case letter and "-" before a line starting in
    lower case ("a special divi-" / "sion"), so the word reads whole ("division"). A compound
    broken at its own hyphen loses it too ("well-" / "known"), as in every PDF text extractor
    that joins such lines (pdftotext's and PyMuPDF's dehyphenation)."""
    spans = []
    for group in groups:
        for i, j in zip(group, group[1:]):
            if i in kept and j in kept and BROKEN_WORD.search(text[i]) and text[j][:1].islower():
                hyphen = raw.rindex("-", lines[i].start, lines[i].end)
                first = lines[j].start + len(lines[j].text) - len(lines[j].text.lstrip())
                spans.append((hyphen, first, "line-break hyphen"))
    return spans


def _opening(start: int, content: list[int], text: dict, read: dict) -> int:
    """The article's first line given its first prose line ``start``: short paragraphs that open
    the article before its first long one belong to it, and so do the lines of a hard-wrapped
    paragraph that its first prose line goes on from mid-sentence."""
    k = content.index(start)
    while k > 0 and read[content[k - 1]].kind is None and (
        (read[content[k - 1]].words >= 3 and PROSE_END.search(text[content[k - 1]]))
        or _wrapped_onto(text[content[k - 1]], text[content[k]], content[k] - content[k - 1])
    ):
        k -= 1
    return content[k]


#: The longest item of a box of links between paragraphs ("You May Also Like" and headlines).
MAX_BOX_ITEM_WORDS = 16
#: Kinds of line that close an article from below (the writer's bio, a disclaimer, "Published
#: in X"): prose before them is the article's.
CLOSING_KINDS = {"bio", "disclaimer", "publication"}


def _link_box(
    n: int, content: list[int], weight: dict, read: dict, marker: set, text: dict, rules: Rules
) -> list[int] | None:
    """The lines of a box of links that end marker ``content[n]`` heads inside the article ("You May Also
    Like" and two headlines between paragraphs), or None if the marker ends the article.

    A box is the marker and the short lines after it up to the next prose; it stands inside the
    article if that prose goes on to the writer's bio, a disclaimer or a publication line with no
    other end marker between (a feed of other articles is not followed by the writer's bio), or,
    for a marker of links (``[end] inline``: "Read more", "You May Also Like", not "Comments"),
    if that prose is one run of paragraphs, a full sentence among them, that no other text
    follows before the next end marker (a feed alternates headlines and teasers)."""
    i, k = content[n], n + 1
    box = [i]
    while k < len(content) and content[k] not in weight:
        if read[content[k]].words > MAX_BOX_ITEM_WORDS or content[k] in marker:
            return None
        box.append(content[k])
        k += 1
    if k == len(content):
        return None
    rest = []
    while k < len(content) and content[k] not in marker:  # up to the next end marker
        if read[content[k]].kind in CLOSING_KINDS:
            return box
        rest.append(content[k])
        k += 1
    if not rules.inline_end.match(text[i]):
        return None
    run = [j for j in rest if j in weight]
    if not run:
        return None
    between = [j for j in rest if run[0] < j < run[-1] and j not in weight]
    full = any(PROSE_END.search(text[j]) and read[j].words >= PROSE_WORDS for j in run)
    text_after = [j for j in rest if j > run[-1] and read[j].kind is None
                  and read[j].words > MAX_BOX_ITEM_WORDS]
    if full and not text_after and all(read[j].kind is not None for j in between):
        return box
    return None


#: A footnote printed at a page's foot: its number, then the note ("1 Ministry of Interior ...").
FOOTNOTE_LINE = re.compile(r"^(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\[\d{1,3}\])\s+[A-Z\"“]")
#: The longest running header or footer of a printed page (a repeated line of more words is text).
MAX_RUNNING_HEAD_WORDS = 12


def _furniture_inside(
    body: list[int], text: dict, read: dict, rules: Rules, boxes: set, wrapped: set
) -> dict[int, str]:
    """Lines between the article's paragraphs to cut, with their reasons: the kinds of furniture
    cut anywhere (share bars, adverts, captions, time stamps, date lines, page numbers), boxes of
    links (:func:`_link_box`), a live blog's writer names beside an entry's time, a printed
    page's running header or footer (a short line that is no sentence nor a wrapped paragraph's,
    printed on several pages) and the footnotes standing above one."""
    cut: dict[int, str] = {}
    counts: dict[str, int] = {}
    for line in text.values():  # the whole page's lines: a footer also stands under the last page
        counts[line] = counts.get(line, 0) + 1
    for i in body:
        kind = read[i].kind
        if i in boxes:
            cut[i] = "link to another article"
        elif kind is not None and (kind in ("share", "timestamp", "date") or _inside(kind, rules)):
            cut[i] = _reason(kind, rules, "page furniture")
        elif (
            counts[text[i]] > 1
            and kind is None
            and i not in wrapped
            and 3 <= read[i].words <= MAX_RUNNING_HEAD_WORDS
            and not SENTENCE_END.search(text[i])
        ):
            cut[i] = "page header or footer"
    for n, i in enumerate(body):
        near = [read[j].kind for j in body[max(n - 1, 0) : n + 2] if j != i]
        if read[i].kind == "name" and ("date" in near or "timestamp" in near):
            cut[i] = "byline"
    for n, i in enumerate(body):
        if cut.get(i) == "page header or footer":
            k = n - 1
            while k >= 0 and body[k] not in cut and FOOTNOTE_LINE.match(text[body[k]]):
                cut[body[k]] = "footnote"
                k -= 1
    return cut


def _wrapped_paragraphs(lines: list[Line], content: list[int], text: dict, read: dict) -> list[list[int]]:
    """Runs of two or more lines that one hard-wrapped paragraph is broken over.

    A line goes on in the next one (no blank line between, both text or the prose-shaped
    furniture of ``REREAD_KINDS``, a bio or a disclaimer) if the
    next starts in lower case mid-sentence (:func:`_wrapped_onto`), or if the page is
    hard-wrapped and the line is full: the next line's first word would not have fitted on it
    within the page's wrap width (how every wrapping tool breaks lines). Headline-like and
    short lines (navigation stacks, lists of links) never go on: each stays a line of its own.
    A page whose wrapped lines stand a blank line apart (a PDF's lines pasted into an editor that
    made each a paragraph: at least ``MIN_WRAPPED_LINES`` lines that stop mid-sentence before a
    line starting in lower case one blank line below) is read as if no blank lines parted them.
    """
    spaced = sum(
        1
        for i, j in zip(content, content[1:])
        if j == i + 2
        and read[i].words >= MIN_WRAPPED_WORDS
        and _wrapped_onto(text[i], text[j], 1)
    )
    step = 2 if spaced >= MIN_WRAPPED_LINES else 1

    def goes_on(i: int, j: int) -> bool:
        return (
            j - i <= step
            and (read[i].kind is None or read[i].kind in REREAD_KINDS)
            and (read[j].kind is None or read[j].kind in REREAD_KINDS)
            and not _title_case(text[i])
            and not lines[i].blank
        )

    pairs = [(i, j) for i, j in zip(content, content[1:]) if goes_on(i, j)]
    full = [
        (i, j)
        for i, j in pairs
        if read[i].words >= MIN_WRAPPED_WORDS and len(text[i]) <= MAX_WRAP_WIDTH
    ]
    width = None
    chars = [len(text[i]) for i in content if read[i].kind is None]
    unwrapped = sum(n for n in chars if n > MAX_WRAP_WIDTH)
    if len(full) >= MIN_WRAPPED_LINES and unwrapped <= MAX_UNWRAPPED_SHARE * sum(chars):
        lengths = sorted(len(text[i]) for i, _ in full)
        width = lengths[int(WRAP_WIDTH_QUANTILE * (len(lengths) - 1))]
    joined = {
        i
        for i, j in pairs
        if _wrapped_onto(text[i], text[j], 1)
        or (
            width is not None
            and read[i].words >= MIN_WRAPPED_WORDS
            and len(text[i]) <= MAX_WRAP_WIDTH
            and len(text[i]) + 1 + len(text[j].split()[0]) > width
        )
    }
    groups: list[list[int]] = []
    for i in content:
        if groups and groups[-1][-1] in joined:  # ``joined`` holds lines that go on in the next
            groups[-1].append(i)
        else:
            groups.append([i])
    return [g for g in groups if len(g) > 1]


def _furniture_apart(groups: list[list[int]], text: dict, read: dict, rules: Rules) -> list[list[int]]:
    """The wrapped paragraphs with each bio or disclaimer in them made a paragraph of its own.

    Lines run together when no blank line parts them, so a wrapped note and the body paragraph
    after it can form one run; judged whole, the body would be cut with the note (or the note
    kept with the body). A bio or disclaimer is a run of whole sentences of at most
    ``MAX_FURNITURE_WORDS`` words: the shortest run from a line that starts a sentence to one that
    ends one that reads as such, then the sentences after it that hold a word of its vocabulary
    (``[bio]`` or ``[disclaimer] words``: "The facts and opinions ... do not reflect the views of
    the newspaper.") as long as the run still reads as one. What is left stays together."""
    vocabulary = {"bio": rules.bio_words, "disclaimer": rules.disclaimer_words}

    def ends(m: int, group: list[int]) -> bool:
        return m == len(group) - 1 or SENTENCE_END.search(text[group[m]]) is not None

    def kind(lines: list[int]) -> str | None:
        return read_line(" ".join(text[i] for i in lines), rules).kind

    out: list[list[int]] = []
    for group in groups:
        rest: list[int] = []
        k = 0
        while k < len(group):
            found = None
            if k == 0 or SENTENCE_END.search(text[group[k - 1]]):
                words = 0
                for m in range(k, len(group)):
                    words += read[group[m]].words
                    if words > MAX_FURNITURE_WORDS:
                        break
                    if ends(m, group) and kind(group[k : m + 1]) in REREAD_KINDS:
                        found = m
                        break
            if found is None:
                rest.append(group[k])
                k += 1
                continue
            what = kind(group[k : found + 1])
            m = found + 1
            while m < len(group):  # the sentences that go on with it
                n = next(j for j in range(m, len(group)) if ends(j, group))
                sentence = " ".join(text[i] for i in group[m : n + 1])
                if not _words(sentence) & vocabulary[what] or kind(group[k : n + 1]) != what:
                    break
                found, m = n, n + 1
            out += [rest, group[k : found + 1]]
            rest, k = [], found + 1
        out.append(rest)
    return [g for g in out if len(g) > 1]


def _title_case(line: str) -> bool:
    """Every word of four or more letters capitalised, as headline styles write headlines and
    link labels (AP and Chicago lower-case only short function words); prose lowers some."""
    words = re.findall(r"[^\W\d_]{4,}", line)
    return bool(words) and all(w[0].isupper() for w in words)


def _wrapped_onto(line: str, following: str, gap: int) -> bool:
    """Whether ``following`` goes on with ``line``'s sentence: the very next line (no blank line
    between), ``line`` not ending a sentence and ``following`` starting in lower case, as text
    hard-wrapped at a fixed width does ("... the CPEC corridor, and the" / "debts that came")."""
    return gap == 1 and not SENTENCE_END.search(line) and following[:1].islower()


def _standfirst(line: str) -> bool:
    """One or two sentences of at most 20 words in all ("Discounted crude has been good for the
    refiners. The bill will come due in diplomacy."); a news lede is longer, typically 25-35 words."""
    return len(line.split()) <= STANDFIRST_WORDS and len(re.findall(r"[.!?](?:\s|$)", line)) <= 2


def _reason(kind: str | None, rules: Rules, default: str) -> str:
    for rule in rules.lines:
        if rule.kind == kind:
            return rule.reason
    return {
        "share": "share buttons",
        "date": "date line",
        "name": "byline",
        "bio": "author bio",
        "nav": "page furniture",
    }.get(kind, default)


def _inside(kind: str, rules: Rules) -> bool:
    return any(rule.kind == kind and rule.inside for rule in rules.lines)


def _covered(spans: list[Span], line: Line) -> bool:
    """True if the line's text lies within the spans (checked at its middle)."""
    mid = (line.start + line.end) // 2
    k = bisect.bisect_right(spans, (mid, float("inf"), "")) - 1
    return k >= 0 and spans[k][0] <= mid < spans[k][1]


#: Characters after Latin Extended-B (U+024F), the last block :func:`_latin` counts as Latin.
_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]")


def _latin(line: str) -> bool:
    """Most of the line's letters are Latin (an English headline, not Urdu or Cyrillic menus)."""
    if not any(c.isalpha() for c in _BEYOND_LATIN.findall(line)):
        # every letter is Latin (the common case, read fast: curly quotes are beyond but no letters)
        return any(c.isalpha() for c in line)
    letters = [c for c in line if c.isalpha()]
    return sum(c < "\u0250" for c in letters) > len(letters) / 2


def _headline(header: list[int], text: dict, read: dict, latin_text: bool = False) -> int | None:
    """The headline among the header lines: a line of text right above the article under the
    date line; else the first line of text that is not a site name, a section label or a
    standfirst sentence; else the last name-like line before a byline. A headline may end in a
    full stop if written in title case. On a page whose text is in Latin letters, lines in other
    scripts (Urdu or Cyrillic menus) are no headline when a Latin one stands."""
    candidates = [
        i
        for i in header
        if read[i].kind is None
        and 2 <= read[i].words <= 30
        and (not PROSE_END.search(text[i]) or (_title_case(text[i]) and read[i].words <= STANDFIRST_WORDS))
        and not TEASER_END.search(text[i])
    ]
    latin = [i for i in candidates if _latin(text[i])]
    if latin_text and latin:
        # navigation in Urdu or Russian above an English headline
        candidates = latin
    dated = [i for i in header if read[i].kind in ("date", "byline", "publication")]
    if (
        dated
        and candidates
        and candidates[-1] > dated[-1]
        and not _name_like(text[candidates[-1]])
        and all(read[j].kind is not None for j in header if j > candidates[-1])
    ):
        return candidates[-1]  # a headline under the date line, right above the article (blogs)
    for i in candidates:
        if not _name_like(text[i]):
            return i
    for i in header:
        if read[i].kind in ("byline", "date", "publication"):
            before = [c for c in candidates if c < i]
            return before[-1] if before else (candidates[0] if candidates else None)
    return candidates[-1] if candidates else None


#: The longest outlet name read from a title's suffix, in words (a headline's second half is longer).
MAX_OUTLET_WORDS = 6


def title_suffix(title: str | None, rules: Rules | None = None) -> tuple[str, str] | None:
    """``(headline, suffix)`` of a title "Headline | Outlet" (the separators are
    ``[outlet] title_separators`` of the rules), or None: the suffix is the part after the last
    separator, a capitalised name of at most ``MAX_OUTLET_WORDS`` words and no longer than the
    headline before it ("Opinion | Russia's Long Game" has no suffix)."""
    if not title:
        return None
    rules = rules or load_rules()
    cut = max((title.rfind(sep), sep) for sep in rules.title_separators)
    if cut[0] <= 0:
        return None
    head, suffix = title[: cut[0]].strip(), title[cut[0] + len(cut[1]) :].strip()
    n = len(suffix.split())
    if not head or not 1 <= n <= min(MAX_OUTLET_WORDS, len(head.split())) or not _name_like(suffix):
        return None
    return head, suffix


def same_name(a: str | None, b: str | None) -> bool:
    """Two spellings of one name: the same letters and digits, in any case ("DAWN" is "Dawn")."""
    return bool(a and b) and re.sub(r"\W", "", a).lower() == re.sub(r"\W", "", b).lower()


def without_outlet(title: str | None, outlet: str | None, rules: Rules | None = None) -> str | None:
    """``title`` without a " | Outlet" suffix naming ``outlet`` (a page's <title> or a copied
    browser title); any other title as it is."""
    split = title_suffix(title, rules)
    return split[0] if split and same_name(split[1], outlet) else title


def copyright_holder(line: str, rules: Rules | None = None) -> str | None:
    """The holder a copyright line names ("© 2024 The Daily Star. All rights reserved.")."""
    m = (rules or load_rules()).copyright.match(line.strip())
    return _squash(m["outlet"]) if m else None


def _metadata(
    meta: dict, header: list[int], tail: list[int], title: int | None, text: dict, read: dict, rules: Rules,
    footer: list[int] = (),
) -> None:
    """Author, date and outlet from the header (first) and the lines after the article.

    The outlet, first found first: a publication line ("Published in X"), a sentence naming it
    ("Special to X", "those of X"), a site name above the headline, the headline's suffix
    ("Headline | Dawn": a word of outlet names or the outlet found), a copyright line after the
    article (``footer``: every line after it, the last such line believed)."""
    after_title = [i for i in header if title is None or i > title]
    order = header + tail[:MAX_TAIL_LINES_READ]
    for kinds, lines in ((("byline",), order), (("bio",), order), (("name",), after_title + tail)):
        names = [read[i].name for i in lines if read[i].kind in kinds and read[i].name]
        if names and "author" not in meta:
            meta["author"] = names[0]
    # a bio's short form of the name a header line gives in full ("Fyodor Lukin is ..." under
    # "Fyodor Arkadievich Lukin"): the full name
    short = set(meta.get("author", "").split())
    full = [read[i].name for i in after_title if read[i].kind == "name" and read[i].name]
    if len(short) >= 2 and full and short < set(full[0].split()):
        meta["author"] = full[0]
    for i in order:
        kind = read[i].kind
        dated = kind not in UNDATED_KINDS or (
            DATE_LABEL.search(text[i]) and read[i].words <= 16
        )
        if dated and (date := parse_date(text[i])):
            meta.setdefault("published", date)
            break
    for i in order:
        if (m := PUBLISHED.match(text[i])) and m["outlet"] and read[i].kind == "publication":
            meta.setdefault("outlet", _squash(m["outlet"]))
    if "outlet" not in meta:
        for pattern in OUTLET_NAMED:
            found = [m["outlet"] for i in order if (m := pattern.search(text[i]))]
            if found:
                meta["outlet"] = _squash(found[0]).rstrip(".")
                break
    if "outlet" not in meta:
        for i in header:
            if title is not None and i >= title:
                break
            words = {w.strip(".").lower() for w in text[i].split()}
            if (
                read[i].kind is None
                and _name_like(text[i])
                and 2 <= len(words) <= 4
                and words & rules.outlet_words
            ):
                meta["outlet"] = text[i]
                break
    split = title_suffix(meta.get("title"), rules)
    suffix_words = {w.strip(".").lower() for w in split[1].split()} if split else set()
    if "outlet" not in meta and suffix_words & rules.outlet_words:
        meta["outlet"] = split[1]
    if "outlet" not in meta:
        holders = [  # a blog's "© 2026 <the writer>" names no outlet
            h
            for i in footer
            if read[i].words <= 20
            and (h := copyright_holder(text[i], rules))
            and not same_name(h, meta.get("author"))
        ]
        if holders:
            meta["outlet"] = holders[-1]
    if split and same_name(split[1], meta.get("outlet")):
        meta["title"] = split[0]


def _pull_quotes(kept: list[int], text: dict, threshold: float = 0.6) -> list[int]:
    """Lone unpunctuated lines most of whose words stand together in one sentence of another
    body line. Near-linear: only sentences holding one of a line's rarest words are compared
    (a sentence missing all of its ``k`` rarest words cannot hold ``threshold`` of them)."""
    candidates = [
        i
        for i in kept
        if not SENTENCE_END.search(text[i]) and 6 <= len(text[i].split()) <= 80 and len(_words(text[i])) >= 5
    ]
    if not candidates or len(candidates) > MAX_PULL_QUOTES:
        return []  # many unpunctuated lines are the text's own form (verse, notes), not pull quotes
    sentences: list[tuple[int, set[str]]] = []
    postings: dict[str, list[int]] = {}  # of the candidates' words only: no other is looked up
    wanted = set().union(*(_words(text[i]) for i in candidates))
    for j in kept:
        for sentence in re.split(r"(?<=[.!?])\s+", text[j]):
            words = _words(sentence)
            for w in words & wanted:
                postings.setdefault(w, []).append(len(sentences))
            sentences.append((j, words))
    found = []
    for i in candidates:
        words = _words(text[i])
        need = threshold * len(words)
        rarest = sorted(words, key=lambda w: len(postings.get(w, ())))[: len(words) - int(-(-need // 1)) + 1]
        ids = {s for w in rarest for s in postings.get(w, ())}
        if any(sentences[s][0] != i and len(words & sentences[s][1]) >= need for s in sorted(ids)):
            found.append(i)
    return found


def _finish(raw: str, cuts: list[Span]) -> list[Span]:
    """Add invisible characters and outer whitespace; sort and merge into disjoint spans."""
    spans = list(cuts)
    spans += [(m.start(), m.end(), "invisible characters") for m in INVISIBLE.finditer(raw)]
    spans = _disjoint(spans)
    kept = apply_cuts(raw, spans)
    # outer whitespace of what is kept
    lead = len(kept) - len(kept.lstrip())
    trail = len(kept) - len(kept.rstrip())
    extra = []
    if lead:
        extra.append((*_kept_range(spans, 0, lead), "whitespace"))
    if trail and kept.strip():
        extra.append((*_kept_range(spans, len(kept) - trail, len(kept)), "whitespace"))
    spans = _disjoint(spans + _split_over(spans, extra))
    return spans


def _kept_range(spans: list[Span], a: int, b: int) -> tuple[int, int]:
    """Map a range of kept (body) offsets back to raw offsets (may straddle cuts)."""
    return body_to_raw(spans, a), body_to_raw(spans, b - 1) + 1


def _split_over(spans: list[Span], extra: list[Span]) -> list[Span]:
    """Keep only the parts of ``extra`` spans not already covered by ``spans``."""
    out = []
    for start, end, reason in extra:
        pos = start
        for s, e, _ in spans:
            if e <= pos or s >= end:
                continue
            if s > pos:
                out.append((pos, s, reason))
            pos = max(pos, e)
        if pos < end:
            out.append((pos, end, reason))
    return out


def _disjoint(spans: list[Span]) -> list[Span]:
    """Sort spans and resolve overlaps: an earlier-starting span keeps the overlap."""
    out: list[Span] = []
    for start, end, reason in sorted(s for s in spans if s[1] > s[0]):
        if out and start < out[-1][1]:
            if end <= out[-1][1]:
                continue
            start = out[-1][1]
        if out and start == out[-1][1] and reason == out[-1][2]:
            out[-1] = (out[-1][0], end, reason)
        else:
            out.append((start, end, reason))
    return out


def apply_cuts(raw: str, spans: list[Span]) -> str:
    """``raw`` without the (sorted, disjoint) spans."""
    parts, pos = [], 0
    for start, end, _ in spans:
        parts.append(raw[pos:start])
        pos = end
    parts.append(raw[pos:])
    return "".join(parts)


def body_to_raw(spans: list[Span], offset: int) -> int:
    """The raw offset of body offset ``offset``, given the sorted disjoint cuts."""
    shift = 0
    for start, end, _ in spans:
        if start <= offset + shift:
            shift += end - start
        else:
            break
    return offset + shift
