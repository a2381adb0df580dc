"""Read articles from files: plain page text, Markdown, HTML, and CSV/JSONL/Parquet corpora.

Everything funnels through :func:`iter_articles`, a generator, so a caller can stream
a large collection; :func:`load_corpus` collects it into a :class:`Corpus`.
Decoding: UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are; UTF-16
without a BOM (every other byte NUL) and other bytes, which fall back to cp1252 (then
latin-1), are read with a :class:`DecodingWarning` naming the file. Binary files and
empty files are refused with an error naming the file.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import math
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article, Corpus, RawArticle
from .clean import load_rules, same_name, title_suffix, without_outlet
from .errors import DecodingWarning, InputError, MissingInputError, OpedAnalysisError

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
EMAIL_SUFFIXES = {".eml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES | EMAIL_SUFFIXES
#: Notes that sit beside articles in folders, matched on a text or Markdown file's name before
#: its extension (any case): a repository's conventional files (GitHub's README, LICENSE,
#: CHANGELOG, CONTRIBUTING, CODE_OF_CONDUCT, SECURITY, CITATION; GNU's AUTHORS, NEWS-style
#: CHANGES, HISTORY, COPYING, NOTICE, TODO; a data folder's ATTRIBUTION) and Hugo's ``_index.md``
#: (a section's list page). A folder or glob skips them, listed with the reason; name one
#: directly to read it as an article.
NOTE_FILES = {
    "readme*": "a project note (README)", "license*": "a licence", "licence*": "a licence",
    "copying*": "a licence", "notice": "a licence notice", "changelog*": "a change log",
    "changes": "a change log", "history": "a change log", "contributing*": "a project note (CONTRIBUTING)",
    "code_of_conduct*": "a project note (code of conduct)", "security": "a project note (SECURITY)",
    "authors": "a project note (AUTHORS)", "todo": "a project note (TODO)",
    "attribution*": "a note on data sources (ATTRIBUTION)", "citation*": "a note on citing (CITATION)",
    "_index": "a Hugo section's list page",
}

#: Refuse single articles larger than this (bytes): a 50 MB "article" is not one.
MAX_BYTES = 20_000_000
#: Refuse CSV/TSV/JSONL corpus files larger than this (bytes): they are read into memory whole;
#: split bigger corpora into several files (a folder or glob of them streams).
MAX_TABLE_BYTES = 2_000_000_000

BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff",
                b"\x7fELF", b"BZh", b"\xfd7zXZ")

#: Default column names read from table corpora; override with ``columns=``.
DEFAULT_COLUMNS = {"text": "text", "id": "id", "title": "title", "author": "author",
                   "outlet": "outlet", "published": "published"}


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, with where it came from and why.

    ``message`` never repeats ``source`` (an error's text naming the file is cut to the
    reason), so a problems table does not name each file twice; ``str()`` gives both."""

    source: str
    message: str

    def __post_init__(self) -> None:
        prefix = f"{self.source}: "
        if self.message.startswith(prefix):
            object.__setattr__(self, "message", self.message[len(prefix):])

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes to text, refusing binary data; see the module docstring for the rules."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"{name}: cannot decode as {encoding}: {exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: starts with a UTF-16 mark but is not UTF-16: {exc}") from None
    if data.startswith(BINARY_MAGIC) or _looks_binary(data[:65536]):
        text = None if data.startswith(BINARY_MAGIC) else _utf16_without_bom(data, name)
        if text is None:
            raise InputError(f"{name}: looks like a binary file, not text; "
                             "give articles as .txt, .md, .html, .csv, .jsonl or .parquet")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        warnings.warn(f"{name}: not valid UTF-8; decoded as {fallback}. "
                      "Pass encoding=... if that is wrong.", DecodingWarning, stacklevel=3)
        return text
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _utf16_without_bom(data: bytes, name: str) -> str | None:
    """Text of UTF-16 without a byte-order mark (every other byte NUL, as in mostly-Latin
    text), with a warning; None if ``data`` is not that."""
    head = data[:65536]
    even, odd = head[0::2], head[1::2]
    if len(data) % 2 or len(head) < 4:
        return None
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        guess = "utf-16-le"
    elif even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        guess = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(guess)
    except UnicodeDecodeError:
        return None
    if _looks_binary(text[:32768].encode("utf-8", "replace")):
        return None
    warnings.warn(f"{name}: no byte-order mark; decoded as {guess}. "
                  "Pass encoding=... if that is wrong.", DecodingWarning, stacklevel=4)
    return text


#: Control bytes (tab, line feed, form feed and carriage return are text).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(head: bytes) -> bool:
    """Binary if NULs or control bytes are more than a stray few (UTF-16 without BOM too).

    The control bytes are counted as the bytes ``translate`` deletes: one C pass instead of a
    Python loop over every byte (0.1 CPU s per 1,000 articles of 5 kB, ``bench/stages.py``)."""
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05 or head.count(0) > 0.01 * len(head) + 4


def read_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    """A file's text, decoded (see :func:`decode`), refusing empty and oversized files."""
    path = Path(path)
    if not path.exists():
        raise MissingInputError(f"{display_path(path)}: no such file")
    if path.is_dir():
        raise InputError(f"{display_path(path)}: is a folder; use load_corpus() for folders")
    data = read_bounded(path, MAX_BYTES)
    text = decode(data, display_path(path), encoding)
    if not text.strip():
        raise InputError(f"{display_path(path)}: is empty" + (" (only whitespace)" if text else ""))
    return text


def load_article(path: str | os.PathLike, *, id: str | None = None,
                 encoding: str | None = None, clean: bool = True, **metadata) -> Article:
    """Load one article from a text, HTML, Markdown or saved e-mail (.eml) file (the id defaults to the
    file's stem)."""
    return _prepare_article(path, id=id, encoding=encoding, clean=clean, **metadata).article()


def _prepare_article(path: str | os.PathLike, *, id: str | None = None, encoding: str | None = None,
                     clean: bool = True, **metadata) -> RawArticle:
    """:func:`load_article` up to the cleaning (:meth:`Article.prepare`)."""
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES:
        raise InputError(f"{path}: is a table of articles; use load_corpus()")
    text = read_text(path, encoding)
    if path.suffix.lower() in HTML_SUFFIXES:
        text, found = html_to_text(text, str(path))
        metadata = {**found, **metadata}
    elif path.suffix.lower() in MARKDOWN_SUFFIXES:
        from .markdown_text import markdown_to_text

        text, found = markdown_to_text(text, display_path(path))
        metadata = {**found, **metadata}
    elif path.suffix.lower() in EMAIL_SUFFIXES:
        from .email_text import email_to_text

        text, found = email_to_text(text, display_path(path), html_to_text)
        metadata = {**found, **metadata}
    return Article.prepare(text, id=id or _file_id(path), source=display_path(path), clean=clean,
                           **metadata)


def _file_id(path: Path) -> str:
    """An article file's own id: its name without the extension (:func:`_named`)."""
    return display_path(_named(path).name)


def _named(path: Path) -> Path:
    """What names the article of an article file: the file without its extension, or the
    folder of a Hugo page bundle (``posts/my-op-ed/index.md`` is ``posts/my-op-ed``)."""
    if path.suffix.lower() in MARKDOWN_SUFFIXES and path.stem.lower() == "index" and path.parent.name:
        return path.parent
    return path.with_suffix("")


def file_ids(paths: Iterable[Path]) -> dict[Path, str]:
    """The article id of each article file of ``paths`` (tables give their rows' own ids).

    An id is the file's name without its extension (:func:`_file_id`), as long as no other file
    of ``paths`` has the same: files that do (``dawn/2018-05-01.html`` and
    ``tribune/2018-05-01.html``, a layout by outlet and date) are each named with as many of
    their folders as tell them apart (``dawn/2018-05-01``, ``tribune/2018-05-01``), or by
    their extension where only that differs (``a.txt``, ``a.html``). Otherwise the second
    would be refused as a repeated id, and a book of such a folder could not be built."""
    files = [p for p in paths if p.suffix.lower() not in TABLE_SUFFIXES]
    ids = {p: _file_id(p) for p in files}
    groups: dict[str, list[Path]] = {}
    for p in files:
        groups.setdefault(ids[p], []).append(p)
    taken = set(ids.values())
    for group in (g for g in groups.values() if len(g) > 1):
        names = _told_apart(group, taken)
        if names is not None:  # else the repeated id is refused, as a table's would be
            ids.update(names)
            taken.update(names.values())
    return ids


def _told_apart(group: list[Path], taken: set[str]) -> dict[Path, str] | None:
    """The shortest names that tell the files of ``group`` (which share a name) apart and are
    no other article's: their last 2, 3, ... folders and name, then their paths with the
    extension; None if even their whole paths do not."""
    longest = max(len(p.parts) for p in group)
    spellings = ([lambda p, k=k: _named(p).parts[-k:] for k in range(2, longest + 1)]
                 + [lambda p, k=k: p.parts[-k:] for k in range(1, longest + 1)])
    for spell in spellings:
        names = {p: display_path("/".join(spell(p))) for p in group}
        if len(set(names.values())) == len(group) and taken.isdisjoint(names.values()):
            return names
    return None


def _note_reason(path: Path) -> str | None:
    """The skip reason of a note (:func:`_note`), naming how to read it anyway."""
    what = _note(path)
    return f"{what}, not an article; name the file to read it as one" if what else None


def _note(path: Path) -> str | None:
    """Why a text or Markdown file is a note rather than an article (:data:`NOTE_FILES`), or None."""
    import fnmatch

    if path.suffix.lower() not in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        return None
    stem = path.name.split(".")[0].lower()
    return next((what for pattern, what in NOTE_FILES.items() if fnmatch.fnmatchcase(stem, pattern)), None)


def html_to_text(html: str, name: str) -> tuple[str, dict]:
    """Extract the main text and metadata of an HTML page with trafilatura (offline).

    Metadata: trafilatura reads the page's ``<meta>`` tags and markup; the page's own lines
    (headline, byline, dateline, as :func:`~oped_analysis.clean.clean` reads them) fill what
    the tags lack and correct bylines that the markup runs together ("Name; City; Updated").
    Text: trafilatura's, unless it holds under ``MIN_EXTRACTED_PROSE`` of the page's prose (the
    article taken for furniture): then the page's own lines, with a warning in ``warnings``.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True,
                                          date_extraction_params={"extensive_search": False,
                                                                  "original_date": True})
    except (ValueError, TypeError, AttributeError, LookupError, IndexError, RecursionError) as exc:
        # a malformed page must be one listed problem, not the end of a long run
        raise InputError(f"{name}: the HTML extractor failed on this page "
                         f"({type(exc).__name__}: {exc})") from None
    page, lines = _page_metadata(html)
    text = doc.text if doc is not None else ""
    kept = _prose_share(text, lines)
    notes = []
    if kept < MIN_EXTRACTED_PROSE:
        # the extractor took the article for furniture (a body inside an element it drops, such
        # as class="comment-article"): the page's own lines, which the cleaner reads as any page
        text = "\n".join(lines)
        notes.append(f"the HTML extractor kept {kept:.0%} of the page's prose; "
                     "the page's own lines were read instead")
    if not text.strip():
        raise InputError(f"{name}: no article text found in this HTML page")
    title = _pick_title(doc and doc.title, page.get("title"))
    meta = {"title": title, "author": _pick_author(doc and doc.author, page.get("author")),
            "outlet": _pick_outlet(page, title, doc and doc.sitename),
            "published": (doc and doc.date) or page.get("published"),
            "description": doc and doc.description,  # the standfirst, cut where the text repeats it
            "warnings": notes}
    meta["title"] = without_outlet(title, meta["outlet"])
    return text, {k: v for k, v in meta.items() if v}


#: The least share of a page's prose (its visible lines that read as sentences) the HTML
#: extractor must keep; below it the page's own lines are read instead. A page's comments or
#: teasers may outweigh its article, rarely fourfold; an article lost whole keeps none.
MIN_EXTRACTED_PROSE = 0.25


def _prose_share(text: str, lines: list[str]) -> float:
    """The share of the characters of ``lines`` that read as prose (sentences of 12 or more
    words, as the cleaner counts prose) found in ``text``; 1.0 for a page without prose."""
    from .clean import PROSE_END, PROSE_WORDS

    prose = [line for line in lines if len(line.split()) >= PROSE_WORDS and PROSE_END.search(line)]
    total = sum(len(line) for line in prose)
    if not total:
        return 1.0
    found = " ".join(text.split())
    return sum(len(line) for line in prose if line in found) / total


def _pick_outlet(page: dict, title: str | None, extracted: str | None) -> str | None:
    """The outlet, first found first: the site's name in the page's metadata (``og:site_name``,
    publisher tags, JSON-LD ``publisher``), the suffix of its ``<title>`` ("Headline | Outlet",
    where the part before it is the headline), what the page's lines say (a publication line,
    "Special to X", a site name above the headline, a copyright line), and last trafilatura's
    ``sitename`` guess (a dotted part of the title, a Twitter handle, the URL's domain)."""
    split = title_suffix(page.get("html_title"))
    from_title = split[1] if split and (title is None or same_name(split[0], title)) else None
    return page.get("site_name") or from_title or page.get("outlet") or extracted


#: Elements whose text stands on a line of its own when a page is read as lines.
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "span", "a", "time", "figcaption",
              "blockquote", "td", "th", "dt", "dd", "header", "footer", "aside", "section", "article",
              "address", "small", "strong", "em", "b"}


def _page_metadata(html: str) -> tuple[dict, list[str]]:
    """Title, author, date and outlet read from the page's visible lines, as for a text page,
    and those lines (the text of its innermost blocks, spaces squashed)."""
    from lxml import etree
    from lxml import html as lxml_html

    from .clean import clean

    try:
        # the text is decoded already: its bytes are UTF-8, whatever a <meta charset> says (without
        # one, lxml would read them as Latin-1: "China’s" as "Chinaâ\x80\x99s")
        tree = lxml_html.fromstring(html.encode("utf-8", "replace"),
                                    parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return {}, []
    head = _head_names(tree)
    etree.strip_elements(tree, "script", "style", "noscript", "template", "svg", with_tail=False)
    lines = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        if any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
            continue  # only innermost blocks, so no text is read twice
        text = " ".join(el.text_content().split())
        if text:
            lines.append(text)
    if not lines:
        return head, lines
    _, found = clean("\n".join(lines))
    found.pop("warnings", None)  # about the lines read for metadata, not the article's text
    return {**found, **head}, lines


def _head_names(tree) -> dict:
    """``site_name`` (the first ``[outlet] meta`` tag of the furniture rules with a name, not a
    URL, else JSON-LD's ``publisher``) and ``html_title`` (the ``<title>``) of a parsed page."""
    rules = load_rules()
    found = {}
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found["html_title"] = " ".join(title.text_content().split())
    tags = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        value = " ".join((el.get("content") or "").split())
        if key in rules.outlet_meta and value and not re.match(r"(?i)https?://|www\.", value):
            tags.setdefault(key, value)
    names = [tags[k] for k in rules.outlet_meta if k in tags] + _json_ld_publishers(tree)
    if names:
        found["site_name"] = names[0]
    return found


def _json_ld_publishers(tree) -> list[str]:
    """The ``publisher`` names of a page's JSON-LD blocks (schema.org NewsArticle), in order."""
    names: list[str] = []

    def visit(node) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            publisher = node.get("publisher")
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and name.strip():
                names.append(" ".join(name.split()))
            for key in ("@graph", "mainEntity"):
                visit(node.get(key))

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                visit(json.loads(script.text))
            except (ValueError, RecursionError):
                continue  # a broken block names no publisher; the page is still read
    return names


def _pick_title(extracted: str | None, page: str | None) -> str | None:
    """The page's headline line if the extractor's title holds it ("Headline | Site"), else the
    extractor's title (from the page's meta tags), else the headline line."""
    if extracted and page and (page in extracted or extracted in page):
        return page
    return extracted or page


def _pick_author(extracted: str | None, page: str | None) -> str | None:
    """The byline's name as the page writes it; the extractor's, cut at its first ";" (markup
    run together: "Name; New Delhi; Updated June") and without a leading "Author"/"By"."""
    import re

    if extracted:
        extracted = re.sub(r"^(?:author|by|written by)\s*:?\s+", "", extracted.split(";")[0].strip(),
                           flags=re.IGNORECASE)
    if page and extracted:
        same = re.sub(r"\W", "", page).lower() == re.sub(r"\W", "", extracted).lower()
        return page if same or page in extracted else extracted
    return page or extracted


#: Why a file in a folder is not read (listed as a problem, never dropped silently).
SKIP_REASONS = {".json": "a JSON file; give one article per line as .jsonl",
                ".gz": "a compressed file; decompress it first", ".zip": "a compressed file; unpack it first",
                ".bz2": "a compressed file; decompress it first",
                ".xz": "a compressed file; decompress it first",
                ".pdf": "a PDF; convert it to text first", ".docx": "a Word file; save it as text first"}


LINKED_FOLDER = "a link to a folder, not followed (links could loop)"


def expand_paths(sources: str | os.PathLike | Iterable[str | os.PathLike],
                 on_skip: Callable[[Problem], None] | None = None) -> list[Path]:
    """Folders, globs and files to a sorted, de-duplicated list of article files.

    Folders and globs are walked without following symlinked folders (no loops); files in
    them that are not articles (hidden, an unknown extension, devices, FIFOs) are passed to
    ``on_skip`` as a :class:`Problem` naming the reason. A device, FIFO or socket named
    directly is an error: reading one would never end (``/dev/zero``) or block (a FIFO).
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    skip = on_skip or (lambda problem: None)
    paths: list[Path] = []
    for src in sources:
        src_s = os.fspath(src)
        if not src_s.strip():
            raise MissingInputError(f"an input is an empty path ({src_s!r}); is a shell variable unset?")
        if glob.has_magic(src_s):
            found = []
            for p in sorted(_glob(src_s)):
                reason = _not_a_file(p) or _note_reason(p)
                if reason:
                    if reason != "a folder":
                        skip(Problem(display_path(p), f"skipped: {reason}"))
                else:
                    found.append(p)
            if not found:
                raise MissingInputError(f"{src_s}: the pattern matches no files")
            paths += found
            continue
        path = Path(src_s)
        if path.is_dir():
            found = []
            for p in _walk(path):
                reason = ("hidden" if _hidden(p, path) else
                          LINKED_FOLDER if p.is_symlink() and p.is_dir() else _not_a_file(p)
                          or _note_reason(p)
                          or (None if p.suffix.lower() in ARTICLE_SUFFIXES else
                              SKIP_REASONS.get(p.suffix.lower(),
                                               f"unknown extension {p.suffix or '(none)'!r}; articles are "
                                               f"{', '.join(sorted(ARTICLE_SUFFIXES))}")))
                if reason:
                    skip(Problem(display_path(p), f"skipped: {reason}"))
                else:
                    found.append(p)
            if not found:
                raise MissingInputError(
                    f"{path}: no articles in this folder (looked for {', '.join(sorted(ARTICLE_SUFFIXES))})")
            paths += found
        elif path.exists():
            reason = _not_a_file(path)
            if reason:
                raise InputError(f"{display_path(path)}: is {reason}, not a file of articles")
            paths.append(path)
        else:
            raise MissingInputError(f"{display_path(path)}: no such file or folder")
    return list(dict.fromkeys(paths))


def _walk(root: Path) -> list[Path]:
    """Every file under ``root``, sorted, plus the symlinked and hidden folders, which are
    not entered (a symlink loop would never end; ``.git`` is not articles)."""
    out = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        out += [Path(folder) / f for f in files]
        out += [Path(folder) / d for d in dirs
                if os.path.islink(os.path.join(folder, d)) or d.startswith(".")]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    return sorted(out)


def skipped_files(sources: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Files in the given folders and globs that are not read as articles (notes, images, PDFs,
    hidden files, FIFOs ...), so a caller can list them instead of dropping them silently
    (the reasons are :func:`expand_paths`')."""
    found: list[Problem] = []
    expand_paths(sources, on_skip=found.append)
    return [Path(p.source) for p in found]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _glob(pattern: str) -> list[Path]:
    """``glob`` with ``**``, without entering symlinked folders (a loop would never end)."""
    if "**" not in pattern:
        return [Path(p) for p in glob.glob(pattern)]
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    matches = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        for name in files + dirs:
            path = Path(folder) / name
            if _glob_match(path.relative_to(root).parts, parts[fixed:]):
                matches.append(path)
    return matches


def _glob_match(parts: tuple, pattern: tuple) -> bool:
    """Path parts against glob pattern parts; ``**`` stands for any number of folders."""
    import fnmatch

    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_glob_match(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _glob_match(parts[1:], pattern[1:])


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a folder, device, FIFO, socket, broken link), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken link or unreadable entry"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return kind


def display_path(path) -> str:
    """A path as text that can be written anywhere: undecodable bytes in file names become U+FFFD."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refusing non-regular files and counting the size while reading
    (a device reports size 0, a growing file more than its stat said)."""
    reason = _not_a_file(path)
    if reason:
        raise InputError(f"{display_path(path)}: is {reason}, not a file of articles")
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{display_path(path)}: {size / 1e6:.0f} MB is too large for one article "
                         f"(limit {limit / 1e6:.0f} MB); split it or give it as a CSV/JSONL corpus")
    try:
        with path.open("rb") as f:
            data = f.read(size + 1)  # the size stat says; a device or growing file gives more
            if len(data) > size:
                parts, total = [data], len(data)
                while total <= limit and (block := f.read(1 << 20)):
                    parts.append(block)
                    total += len(block)
                data = b"".join(parts)
    except OSError as exc:
        raise InputError(f"{display_path(path)}: cannot read the file ({exc.strerror or exc}); "
                         "check its permissions") from None
    if len(data) > limit:
        raise InputError(f"{display_path(path)}: more than {limit / 1e6:.0f} MB read and more coming: "
                         "too large for one article; split it or give it as a CSV/JSONL corpus")
    return data


def iter_articles(sources, *, columns: dict | None = None, encoding: str | None = None,
                  on_error: Callable[[Problem], None] | None = None,
                  prepared: bool = False) -> Iterator[Article | RawArticle]:
    """Yield articles from files, folders, globs and table corpora, in a stable order.

    ``columns`` maps ``text``, ``id``, ``title``, ``author``, ``outlet``, ``published`` to
    the column names of table corpora. With ``on_error`` given, a file or row that cannot
    be read is passed to it as a :class:`Problem` and loading goes on; without it, the
    first one raises. ``prepared=True`` yields :class:`~oped_analysis.article.RawArticle`
    (read and checked; ``.article()`` cuts the furniture, left to the pipeline's workers).
    """
    cols = {**DEFAULT_COLUMNS, **(columns or {})}
    paths = expand_paths(sources)
    ids = file_ids(paths)
    for path in paths:
        try:
            if path.suffix.lower() in TABLE_SUFFIXES:
                for art in _table_articles(path, cols, encoding, on_error):
                    yield art if prepared else art.article()
            else:
                art = _prepare_article(path, id=ids[path], encoding=encoding)
                yield art if prepared else art.article()
        except OpedAnalysisError as exc:
            if on_error is None:
                raise
            on_error(Problem(display_path(path), str(exc)))


def load_corpus(sources, *, columns: dict | None = None, encoding: str | None = None,
                errors: str = "raise") -> Corpus:
    """Load articles into a :class:`Corpus`.

    ``sources``: a file, folder, glob, or a list of them; text and HTML files are one
    article each, CSV/TSV/JSONL/Parquet files one article per row. ``errors="collect"``
    goes on past unreadable inputs and lists them in ``corpus.problems``.
    """
    if errors not in ("raise", "collect"):
        raise ValueError("errors must be 'raise' or 'collect'")
    problems: list[Problem] = []
    paths = expand_paths(sources, on_skip=problems.append if errors == "collect" else None)
    articles = list(iter_articles(paths, columns=columns, encoding=encoding,
                                  on_error=problems.append if errors == "collect" else None))
    if not articles:
        detail = "; ".join(str(p) for p in problems[:3])
        raise MissingInputError(f"{sources}: no readable articles" + (f" ({detail})" if detail else ""))
    return Corpus(articles, problems)


def read_table(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A CSV/TSV/JSONL/Parquet file as a DataFrame (CSV/TSV cells as strings), with clear errors.

    Rows that cannot be read (invalid JSON, a CSV row with more or fewer fields than the
    header) are kept as rows with an ``_error`` so they are listed, and the rest is read.
    """
    suffix = path.suffix.lower()
    name = display_path(path)
    try:
        if suffix == ".parquet":
            reason = _not_a_file(path)
            if reason:
                raise InputError(f"{name}: is {reason}, not a file of articles")
            return pd.read_parquet(path)
        text = decode(read_bounded(path, MAX_TABLE_BYTES), name, encoding)
        if not text.strip():
            raise InputError(f"{name}: is empty")
        if suffix in (".jsonl", ".ndjson"):
            rows = []
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except (json.JSONDecodeError, RecursionError) as exc:  # reported by _table_articles
                    row = {"_error": f"not valid JSON ({getattr(exc, 'msg', exc)})"}
                if not isinstance(row, dict):
                    row = {"_error": "not a JSON object"}
                rows.append({**row, "_line": n})
            return pd.DataFrame(rows, dtype=object)  # a cell keeps its JSON type (5 stays int, not 5.0)
        return _read_delimited(text, "\t" if suffix == ".tsv" else ",")
    except OpedAnalysisError:
        raise
    except Exception as exc:  # parser errors from pandas/pyarrow, named with the file
        raise InputError(f"{name}: cannot read as {suffix[1:].upper()}: {exc}") from None


def _read_delimited(text: str, sep: str) -> pd.DataFrame:
    """CSV/TSV rows as strings with their first line number.

    pandas' C parser reads the file (fast, about 6x the file's size in memory); a row with
    more fields than the header (an unquoted comma) would be shifted or cut, so then the
    file is read again with the csv module and such rows get an ``_error`` (listed) instead.
    Rows with fewer fields are padded with empty cells, as CSV readers do.
    """
    import io
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, index_col=False)
    except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
        if "fields" not in str(exc) and "Length of header" not in str(exc):
            raise
        return _read_delimited_rows(text, sep)
    frame["_line"] = range(2, len(frame) + 2)  # 1-based, after the header (rows without line breaks)
    return frame


def _read_delimited_rows(text: str, sep: str) -> pd.DataFrame:
    import csv

    csv.field_size_limit(2**31 - 1)
    lines = (m.group() for m in re.finditer(r"[^\n]*\n|[^\n]+$", text))  # slices: no copy of the text
    reader = csv.reader(lines, delimiter=sep, strict=True)
    header = next(reader, None) or []
    rows, line = [], reader.line_num + 1
    for fields in reader:
        if not any(fields):
            line = reader.line_num + 1
            continue
        if len(fields) <= len(header):
            row = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        else:
            row = {"_error": f"has {len(fields)} fields but the header has {len(header)} "
                             "(an unquoted comma or delimiter?); not read"}
        rows.append({**row, "_line": line})
        line = reader.line_num + 1
    return pd.DataFrame(rows, columns=[*header, "_line", "_error"])


def _missing(value) -> bool:
    """An empty cell: None, NaN or NaT."""
    return value is None or value is pd.NaT or isinstance(value, float) and math.isnan(value)


def _cell(value, field: str, where: str, column: str, problems: list):
    """A metadata cell as text (or a date for ``published``), or None with a listed problem."""
    if _missing(value):
        return None
    if isinstance(value, str) or field == "published" and isinstance(value, (pd.Timestamp, dt.date)):
        return value
    problems.append(Problem(where, f"the {column!r} column holds {type(value).__name__} "
                                   f"{str(value)[:40]!r}, not text; left empty"))
    return None


def _table_articles(path: Path, cols: dict, encoding, on_error) -> Iterator[RawArticle]:
    frame = read_table(path, encoding)
    name = display_path(path)
    if cols["text"] not in frame.columns:
        if "_error" in frame.columns and frame["_error"].notna().all():
            raise InputError(f"{name}: no line is a JSON object with the article text "
                             f"(line {frame['_line'].iloc[0]}: {frame['_error'].iloc[0]})")
        shown = [c for c in frame.columns if c not in ("_line", "_error")]
        raise InputError(f"{name}: no column {cols['text']!r} with the article text "
                         f"(columns: {shown}); name it with columns={{'text': ...}} or --text-column")
    if frame.empty:
        raise InputError(f"{name}: has a header but no rows of articles")
    has_line = "_line" in frame.columns
    stem = display_path(path.stem)
    for n, row in enumerate(frame.to_dict("records"), start=1):
        where = f"{name}:{'line ' + str(row['_line']) if has_line else 'row ' + str(n)}"
        notes: list[Problem] = []
        raw_id = row.get(cols["id"]) if cols["id"] in frame.columns else None
        if isinstance(raw_id, (int, str)) and not isinstance(raw_id, bool) and str(raw_id).strip():
            art_id = str(raw_id)
        else:
            if not _missing(raw_id) and raw_id != "":
                notes.append(Problem(where, f"the {cols['id']!r} column holds {type(raw_id).__name__} "
                                            f"{str(raw_id)[:40]!r}, not an id; used {stem}-{n}"))
            art_id = f"{stem}-{n}"
        text = row[cols["text"]]
        try:
            if isinstance(row.get("_error"), str):
                raise InputError(f"{where}: {row['_error']}")
            if not _missing(text) and not isinstance(text, str):
                raise InputError(f"{where}: the {cols['text']!r} column holds {type(text).__name__} "
                                 f"{str(text)[:40]!r}, not text")
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{where}: the {cols['text']!r} column is empty")
            if len(text) > MAX_BYTES:
                raise InputError(f"{where}: {len(text) / 1e6:.0f} million characters is too large for "
                                 f"one article (limit {MAX_BYTES / 1e6:.0f} million); split it")
            meta = {k: _cell(row.get(cols[k]), k, where, cols[k], notes)
                    for k in ("title", "author", "outlet", "published") if cols[k] in frame.columns}
            try:
                article = Article.prepare(text, id=art_id, source=where, **meta)
            except InputError as exc:
                if meta.get("published") is None:
                    raise
                notes.append(Problem(where, f"{exc}; the date is left empty"))
                article = Article.prepare(text, id=art_id, source=where, **{**meta, "published": None})
            if notes and on_error is None:
                raise InputError(str(notes[0]))
            for note in notes:
                on_error(note)
            yield article
        except OpedAnalysisError as exc:
            if on_error is None:
                raise
            on_error(Problem(where, str(exc)))


def as_corpus(data) -> Corpus:
    """Accept a Corpus, an Article, a list of Articles, or paths, and return a Corpus."""
    if isinstance(data, Corpus):
        return data
    if isinstance(data, Article):
        return Corpus([data])
    if isinstance(data, (list, tuple)) and data and all(isinstance(a, Article) for a in data):
        return Corpus(data)
    if isinstance(data, (str, os.PathLike, list, tuple)):
        return load_corpus(data)
    raise TypeError(f"expected a Corpus, Article(s) or path(s), not {type(data).__name__}")
