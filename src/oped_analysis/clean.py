"""Separate an article's body from page furniture, keeping a trace of every cut.

Text copied from a news page carries more than the article: the headline, a byline,
a teaser that repeats the opening, pull quotes, the author's bio, a "Published in"
line, share buttons and lists of unrelated headlines. :func:`clean` finds these with
general rules (line shapes and repetition, not strings of one outlet) and returns

* ``removed``: ``(start, end, reason)`` spans of ``raw``, sorted and disjoint,
* ``metadata``: what the furniture told (title, author, outlet, published, bio).

The body is ``raw`` with the removed spans taken out (:func:`apply_cuts`), so the
invariant ``raw == body + removed spans, character for character`` holds by
construction and nothing disappears without a reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .vocab import word_set

Span = tuple[int, int, str]

#: Characters that carry no text and break matching ("Rus\u200bsia"): zero-width
#: space, word joiner, BOM, soft hyphen and C0/C1 controls other than tab and newline.
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")

#: Lines after which nothing belongs to the article (share bars, comments, feeds).
END_MARKERS = re.compile(
    r"^(you may also like|you might also like|related( posts| articles| stories| news)?|"
    r"recent posts|more (stories|from .{1,40})|read (more|next)|share( this( article| story)?)?|"
    r"leave a (comment|reply)|comments?( \(\d+\))?|most (popular|read)|trending( now)?|"
    r"also read|latest news|popular posts|tags?:.*|filed under:?.*)\s*:?$",
    re.IGNORECASE,
)

#: Single lines of furniture inside an article, cut on their own.
INLINE_FURNITURE = re.compile(
    r"^(advertisement|sponsored|scroll to continue|continue reading( below)?|"
    r"story continues below( advertisement)?|click here to .{1,60})\s*$",
    re.IGNORECASE,
)

NAME = r"[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|bin|ibn|al|de|van|von|ul|ud)){0,5}"
BYLINE = re.compile(
    rf"^\s*(?:(?:author|writer|written by|posted by|reported by)\s*[:\-–—]\s*|by\s+)(?P<name>{NAME})\s*$",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    r"^\s*(?:(?:first\s+)?published\s+in\s+(?P<outlet>[^,.\n]{2,60}?)\s*,\s*|"
    r"(?:published|posted|updated)\s*(?:on|:)?\s*)(?P<date>[^\n]{4,40}?)\s*\.?\s*$",
    re.IGNORECASE,
)
BIO = re.compile(
    r"^\s*(?:the\s+)?(?:writer|author|columnist|contributor)s?\s+(?:is|are|was|has|have|teaches|"
    r"works|tweets|heads|can be reached)\b",
    re.IGNORECASE,
)
TEASER_END = re.compile(r"(\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*$")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9


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


def split_lines(raw: str) -> list[Line]:
    """Lines of ``raw`` with character offsets; the line break belongs to its line.

    A line's ``text`` is what the rules read: without its line break and invisible
    characters, and with every kind of space as " ", so "You\u00a0may also like" and
    "Rus\u200bsia" look as they read. Cuts are made with the offsets, never the text.
    """
    lines, pos = [], 0
    for chunk in raw.splitlines(keepends=True):
        text = chunk.splitlines()[0] if chunk.splitlines() else ""
        lines.append(Line(pos, pos + len(chunk), SPACES.sub(" ", INVISIBLE.sub("", text))))
        pos += len(chunk)
    return lines


def parse_date(text: str) -> dt.date | None:
    """Parse the common written date forms ("January 12th 2018", "12 Jan 2018", ISO)."""
    text = text.strip().rstrip(".")
    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    month_first = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", text)
    day_first = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if month_first and month_first[1].lower() in MONTHS:
            return dt.date(int(month_first[3]), MONTHS[month_first[1].lower()], int(month_first[2]))
        if day_first and day_first[2].lower() in MONTHS:
            return dt.date(int(day_first[3]), MONTHS[day_first[2].lower()], int(day_first[1]))
    except ValueError:
        return None
    return None


def _words(text: str) -> set[str]:
    return {w for w in word_set(text) if len(w) > 2}


def _is_repeat(candidate: str, others: list[str], threshold: float = 0.6) -> bool:
    """True if most of ``candidate``'s words stand together in one of ``others``."""
    words = _words(candidate)
    if len(words) < 5:
        return False
    return any(len(words & _words(o)) / len(words) >= threshold for o in others)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def clean(raw: str) -> tuple[list[Span], dict]:
    """Find the page furniture in ``raw``.

    Returns ``(removed, metadata)``: disjoint sorted spans ``(start, end, reason)``
    and a dict with any of ``title``, ``author``, ``outlet``, ``published``,
    ``author_bio`` found in the furniture.
    """
    lines = split_lines(raw)
    cuts: list[Span] = []
    meta: dict = {}
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    if not content:
        return _finish(raw, cuts), meta

    def cut_line(i: int, reason: str) -> None:
        # a line goes with the blank lines after it, so paragraphs stay separated once
        end = lines[i].end
        j = i + 1
        while j < len(lines) and lines[j].blank:
            end = lines[j].end
            j += 1
        cuts.append((lines[i].start, end, reason))

    taken: set[int] = set()

    # 1. The end of the article: the first end marker after some body text, and all after it.
    end_index = len(lines)
    for i in content[1:]:
        if END_MARKERS.match(lines[i].text.strip()):
            end_index = i
            break
    if end_index < len(lines):
        cuts.append((lines[end_index].start, len(raw), "page furniture after the article"))
    content = [i for i in content if i < end_index]

    # 2. Headline: a short first line without sentence-final punctuation.
    first = content[0]
    head = lines[first].text.strip()
    if len(content) > 1 and len(head) <= 200 and not SENTENCE_END.search(head):
        meta["title"] = head
        cut_line(first, "title")
        taken.add(first)

    # 3. Bylines, datelines and the author's bio.
    for i in content:
        if i in taken:
            continue
        text = lines[i].text.strip()
        if (m := BYLINE.match(text)) and len(text) <= 80 and "author" not in meta:
            meta["author"] = _squash(m["name"])
            cut_line(i, "byline")
            taken.add(i)
        elif (m := PUBLISHED.match(text)) and len(text) <= 120 and (date := parse_date(m["date"])):
            meta.setdefault("published", date)
            if m["outlet"]:
                meta.setdefault("outlet", _squash(m["outlet"]))
            cut_line(i, "publication line")
            taken.add(i)
        elif INLINE_FURNITURE.match(text):
            cut_line(i, "page furniture")
            taken.add(i)
    tail = [i for i in content if i not in taken][-3:]
    for i in tail:
        if BIO.match(lines[i].text) and i != tail[0]:
            meta["author_bio"] = lines[i].text.strip()
            cut_line(i, "author bio")
            taken.add(i)

    body_lines = [i for i in content if i not in taken]

    # 4. A teaser paragraph ending in "[…]" that repeats the text after it.
    for n, i in enumerate(body_lines[:-1]):
        text = lines[i].text.strip()
        m = TEASER_END.search(text)
        if not m:
            continue
        stem = _squash(text[: m.start()])
        following = _squash(" ".join(lines[j].text for j in body_lines[n + 1:n + 4]))
        if len(stem) >= 40 and following.startswith(stem):
            cut_line(i, "teaser repeating the opening")
            taken.add(i)

    # 5. Pull quotes: a lone unpunctuated paragraph repeating a sentence of the body.
    body_lines = [i for i in content if i not in taken]
    for i in body_lines:
        text = lines[i].text.strip()
        if SENTENCE_END.search(text) or len(text.split()) < 6:
            continue
        others = [s for j in body_lines if j != i
                  for s in re.split(r"(?<=[.!?])\s+", lines[j].text)]
        if _is_repeat(text, others):
            cut_line(i, "pull quote repeating the body")
            taken.add(i)

    return _finish(raw, cuts), meta


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
