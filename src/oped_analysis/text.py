"""Offline sentence splitting with character offsets, and the clause around a mention.

Sentences come from `sentencex` (a maintained, rule-based splitter that needs no
downloaded models), chosen by measurement on the reference split of the seeds
(``data/gold/sentences.tsv``: sentencex matched 67/67 and 32/33 sentences exactly;
pysbd 65/67 and 32/33). Two rules are added on top:

* line breaks: a blank line always ends a sentence; a single line break ends one too
  unless the paragraph looks hard-wrapped (three or more lines, none over 100 chars),
  so headings and list items do not run into the next sentence;
* quotations: a quotation holding several sentences is split at its inner sentence
  ends (``insisted that X is "a key player. Putting pressure ..."``), as the
  reference split does.
* length: a "sentence" longer than ``MAX_SENTENCE_CHARS`` (text without sentence
  punctuation) is cut into pieces at clause marks or spaces, so the work stays linear.

Every sentence is returned with ``start``/``end`` offsets into the body, so
``body[start:end] == text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import sentencex

from .actors import FOLDS_TO_ASCII
from .clean import SPACES

#: ``clean.SPACES`` (every space but the line break) less the plain space, which needs no
#: replacing: the same result, and fast on text with few other spaces (should SPACES change
#: form, the replace finds nothing and SPACES itself is used).
OTHER_SPACES = re.compile(SPACES.pattern.replace("\\n]", "\\n ]"))
#: An inner sentence end: a lower-case word of 3+ letters, terminal punctuation, space,
#: then a capitalised word. Used only inside quotations, which sentencex keeps whole.
INNER_END = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[\"“‘']?[A-Z][a-z])")
OPEN_QUOTE = re.compile(r"[“\"]")


def split_sentences(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``body``, in order, trimmed of spaces."""
    spans = []
    for block_start, block_end in _blocks(body):
        block = _plain(body[block_start:block_end])
        pos = 0
        for piece in _segment(block):
            piece = piece.strip()
            found = block.find(piece, pos) if piece else -1
            if found < 0:
                continue
            if block[pos:found].strip():  # text the splitter skipped is kept as its own sentence
                spans.append((block_start + pos, block_start + found))
            end = found + len(piece)
            for a, b in _split_quotes(block, found, end):
                spans.append((block_start + a, block_start + b))
            pos = end
        if block[pos:].strip():
            spans.append((block_start + pos, block_end))
    return [piece for span in _trim(body, spans) for piece in _bounded(body, *span)]


#: The longest "sentence" passed on (characters). Real sentences stay far below it (a
#: 250-word sentence is about 1,500 characters); text without sentence punctuation (a
#: table, a scraped list, an adversarial file) is cut into pieces of at most this size,
#: so scoring and clause finding, which grow faster than linearly with a sentence's
#: length, stay linear in the article's length.
MAX_SENTENCE_CHARS = 2000
#: Where an over-long sentence is preferably cut: after a clause mark, else at a space.
_SOFT_CUT = re.compile(r"[,;:)\]]\s+|\s+")


def _bounded(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``MAX_SENTENCE_CHARS``: at the last clause
    mark or space of the second half of each window, or hard at the limit if there is none."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = None
        for m in _SOFT_CUT.finditer(body, start + MAX_SENTENCE_CHARS // 2, limit):
            if cut is None or m.group()[0] in ",;:)]" or cut[2] not in ",;:)]":
                cut = (m.start(), m.end(), m.group()[0])
        if cut is None:
            pieces.append((start, limit))
            start = limit
        else:
            a = cut[0] + (1 if cut[2] in ",;:)]" else 0)
            pieces.append((start, a))
            start = cut[1]
    pieces.append((start, end))
    return _trim(body, pieces)


def _plain(text: str) -> str:
    """``text`` with every kind of space as " " (same length, so offsets still hold).

    sentencex (Rust) panics on some multi-byte spaces ("U.S\u00a0."), and a no-break
    space should split like a space anyway. Text without a non-printable character holds no
    space but " " (every other space is a separator or control character, which Python counts
    as non-printable: tests/test_text.py) and is returned as it is, found faster than by the
    search (most blocks of ``bench/stages.py``: 0.021 -> 0.008 CPU s for its 7,017 blocks).
    """
    return text if text.isprintable() else OTHER_SPACES.sub(" ", text)


def _segment(block: str) -> list[str]:
    """sentencex's sentences of ``block``; should it still fail (a Rust panic), the
    block is split after sentence-final punctuation instead of crashing."""
    try:
        return list(sentencex.segment("en", block))
    except BaseException as exc:  # a Rust panic arrives as pyo3's PanicException(BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        return re.split(r"(?<=[.!?])\s+", block)


def _blocks(body: str) -> Iterator[tuple[int, int]]:
    """Runs of text between line breaks that end sentences (see module docstring)."""
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", body):
        lines = para.group().split("\n")
        wrapped = len(lines) >= 3 and max(len(x) for x in lines) <= 100
        if wrapped:
            yield para.start(), para.end()
            continue
        pos = para.start()
        for line in lines:
            if line.strip():
                yield pos, pos + len(line)
            pos += len(line) + 1


def _split_quotes(block: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at inner sentence ends that fall inside a quotation."""
    text = block[start:end]
    quote = OPEN_QUOTE.search(text)
    if not quote:
        return [(start, end)]
    cuts = [m for m in INNER_END.finditer(text, quote.end())]
    out, pos = [], 0
    for m in cuts:
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, end))
    return out


def _trim(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        while a < b and body[a].isspace():
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


#: Where a clause ends: strong punctuation, or a comma/space before a conjunction that
#: opens a new clause. Used to find the part of a sentence that concerns an actor.
CLAUSE_BREAK = re.compile(
    r"\s*[;:()\[\]—–]\s*|\s+-\s+|"
    r",?\s+\b(?:but|while|whereas|although|though|however|yet|because|since|as|which|who|whom|"
    r"whose|where|when|whereby|so|and\s+(?:then|also)|while)\b\s*|,\s+(?=(?:and|or|nor)\b)",
    re.IGNORECASE,
)

#: ``CLAUSE_BREAK`` behind a lookahead for the character every match starts with (a space, a
#: comma or a clause mark): the same matches, found in two thirds of the time (the regex engine
#: skips other positions at once; measured on the 24,216 sentences of ``bench/stages.py``).
_CLAUSE_BREAK_FAST = re.compile(r"(?=[\s,;:()\[\]—–])(?:" + CLAUSE_BREAK.pattern + ")", CLAUSE_BREAK.flags)

#: ``_CLAUSE_BREAK_FAST`` case-sensitive, for lower-cased text: the same matches as the
#: case-insensitive pattern in the text itself where lower-casing keeps every character one
#: character and the text holds none of the letters case-insensitive matching pairs with an
#: ASCII one (``FOLDS_TO_ASCII``); lower-casing keeps each character's ``\w`` and ``\s`` class
#: (tests/test_text.py). A fifth less time than matching case-insensitively (0.091 -> 0.068
#: CPU s on the 9,460 sentences with a mention of ``bench/stages.py``).
_CLAUSE_BREAK_LOWER = re.compile(_CLAUSE_BREAK_FAST.pattern, CLAUSE_BREAK.flags & ~re.IGNORECASE)

MIN_CLAUSE_WORDS = 5


@lru_cache(maxsize=1024)
def _clause_breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where ``CLAUSE_BREAK`` matches in ``sentence`` (cached: asked once per actor and method)."""
    low = sentence.lower()
    if len(low) == len(sentence) and (sentence.isascii() or FOLDS_TO_ASCII.isdisjoint(sentence)):
        return tuple(m.span() for m in _CLAUSE_BREAK_LOWER.finditer(low))
    return tuple(m.span() for m in _CLAUSE_BREAK_FAST.finditer(sentence))


@lru_cache(maxsize=4096)
def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` around the mention at ``[start, end)`` (cached: every
    method asks for the clause of each mention).

    The clause runs between the nearest clause breaks (``CLAUSE_BREAK``: ; : dashes
    brackets, and conjunctions such as but/while/which/because) on either side of the
    mention. If it has fewer than five words it is widened by the neighbouring clause on
    the shorter side until it has five or reaches the sentence's ends.
    """
    breaks = [(a, b) for a, b in _clause_breaks(sentence) if b <= start or a >= end]
    left = [b for _, b in breaks if b <= start]
    right = [a for a, _ in breaks if a >= end]
    lo_i, hi_i = len(left) - 1, 0
    lo = left[lo_i] if left else 0
    hi = right[hi_i] if right else len(sentence)
    while len(sentence[lo:hi].split()) < MIN_CLAUSE_WORDS and (lo > 0 or hi < len(sentence)):
        if hi < len(sentence) and (lo == 0 or len(sentence[hi:].split()) <= len(sentence[:lo].split())):
            hi_i += 1
            hi = right[hi_i] if hi_i < len(right) else len(sentence)
        else:
            lo_i -= 1
            lo = left[lo_i] if lo_i >= 0 else 0
    return lo, hi
