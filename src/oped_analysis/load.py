"""Read articles from files: plain page text, HTML, and CSV/JSONL/Parquet corpora.

Everything funnels through :func:`iter_articles`, a generator, so a caller can stream
a large collection; :func:`load_corpus` collects it into a :class:`Corpus`.
Decoding: UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are; UTF-16
without a BOM (every other byte NUL) and other bytes, which fall back to cp1252 (then
latin-1), are read with a :class:`DecodingWarning` naming the file. Binary files and
empty files are refused with an error naming the file.
"""

from __future__ import annotations

import glob
import json
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article, Corpus
from .errors import DecodingWarning, InputError, MissingInputError, OpedAnalysisError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
#: What a folder is searched for: Markdown files there are notes (README.md), not articles;
#: give one by name to load it.
FOLDER_SUFFIXES = ARTICLE_SUFFIXES - {".md"}

#: Refuse single articles larger than this (bytes): a 50 MB "article" is not one.
MAX_BYTES = 20_000_000

BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff",
                b"\x7fELF", b"BZh", b"\xfd7zXZ")

#: Default column names read from table corpora; override with ``columns=``.
DEFAULT_COLUMNS = {"text": "text", "id": "id", "title": "title", "author": "author",
                   "outlet": "outlet", "published": "published"}


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, with where it came from and why."""

    source: str
    message: str

    def __str__(self) -> str:
        return self.message if self.message.startswith(self.source) else f"{self.source}: {self.message}"


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
                             "give articles as .txt, .html, .csv, .jsonl or .parquet")
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


def _looks_binary(head: bytes) -> bool:
    """Binary if NULs or control bytes are more than a stray few (UTF-16 without BOM too)."""
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05 or head.count(0) > 0.01 * len(head) + 4


def read_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    """A file's text, decoded (see :func:`decode`), refusing empty and oversized files."""
    path = Path(path)
    if not path.exists():
        raise MissingInputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; use load_corpus() for folders")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size / 1e6:.0f} MB is too large for one article "
                         f"(limit {MAX_BYTES / 1e6:.0f} MB); split it or give it as a CSV/JSONL corpus")
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError(f"{path}: cannot read the file ({reason}); check its permissions") from None
    text = decode(data, str(path), encoding)
    if not text.strip():
        raise InputError(f"{path}: is empty" + (" (only whitespace)" if text else ""))
    return text


def load_article(path: str | os.PathLike, *, id: str | None = None,
                 encoding: str | None = None, clean: bool = True, **metadata) -> Article:
    """Load one article from a text or HTML file (the id defaults to the file's stem)."""
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES:
        raise InputError(f"{path}: is a table of articles; use load_corpus()")
    text = read_text(path, encoding)
    if path.suffix.lower() in HTML_SUFFIXES:
        text, found = html_to_text(text, str(path))
        metadata = {**found, **metadata}
    return Article.from_text(text, id=id or path.stem, source=str(path), clean=clean, **metadata)


def html_to_text(html: str, name: str) -> tuple[str, dict]:
    """Extract the main text and metadata of an HTML page with trafilatura (offline).

    Metadata: trafilatura reads the page's ``<meta>`` tags and markup; the page's own lines
    (headline, byline, dateline, as :func:`~oped_analysis.clean.clean` reads them) fill what
    the tags lack and correct bylines that the markup runs together ("Name; City; Updated").
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
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{name}: no article text found in this HTML page")
    page = _page_metadata(html)
    meta = {"title": _pick_title(doc.title, page.get("title")),
            "author": _pick_author(doc.author, page.get("author")),
            "outlet": doc.sitename or page.get("outlet"),
            "published": doc.date or page.get("published")}
    return doc.text, {k: v for k, v in meta.items() if v}


#: Elements whose text stands on a line of its own when a page is read as lines.
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "span", "a", "time", "figcaption",
              "blockquote", "td", "th", "dt", "dd", "header", "footer", "aside", "section", "article",
              "address", "small", "strong", "em", "b"}


def _page_metadata(html: str) -> dict:
    """Title, author, date and outlet read from the page's visible lines, as for a text page."""
    from lxml import etree
    from lxml import html as lxml_html

    from .clean import clean

    try:
        tree = lxml_html.fromstring(html.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return {}
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
        return {}
    _, found = clean("\n".join(lines))
    return found


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


def expand_paths(sources: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Folders, globs and files to a sorted, de-duplicated list of article files."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    paths: list[Path] = []
    for src in sources:
        src_s = os.fspath(src)
        if glob.has_magic(src_s):
            found = sorted(Path(p) for p in glob.glob(src_s, recursive=True) if Path(p).is_file())
            if not found:
                raise MissingInputError(f"{src_s}: the pattern matches no files")
            paths += found
            continue
        path = Path(src_s)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in FOLDER_SUFFIXES and not _hidden(p, path))
            if not found:
                raise MissingInputError(
                    f"{path}: no articles in this folder (looked for {', '.join(sorted(FOLDER_SUFFIXES))})")
            paths += found
        elif path.exists():
            paths.append(path)
        else:
            raise MissingInputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(paths))


def skipped_files(sources: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Files in the given folders that are not read as articles (notes, images, PDFs ...),
    so a caller can list them instead of dropping them silently."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    skipped = []
    for src in sources:
        path = Path(os.fspath(src))
        if path.is_dir() and not glob.has_magic(os.fspath(src)):
            skipped += sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() not in FOLDER_SUFFIXES and not _hidden(p, path))
    return skipped


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_articles(sources, *, columns: dict | None = None, encoding: str | None = None,
                  on_error: Callable[[Problem], None] | None = None) -> Iterator[Article]:
    """Yield articles from files, folders, globs and table corpora, in a stable order.

    ``columns`` maps ``text``, ``id``, ``title``, ``author``, ``outlet``, ``published`` to
    the column names of table corpora. With ``on_error`` given, a file or row that cannot
    be read is passed to it as a :class:`Problem` and loading goes on; without it, the
    first one raises.
    """
    cols = {**DEFAULT_COLUMNS, **(columns or {})}
    for path in expand_paths(sources):
        try:
            if path.suffix.lower() in TABLE_SUFFIXES:
                yield from _table_articles(path, cols, encoding, on_error)
            else:
                yield load_article(path, encoding=encoding)
        except OpedAnalysisError as exc:
            if on_error is None:
                raise
            on_error(Problem(str(path), str(exc)))


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
    articles = list(iter_articles(sources, columns=columns, encoding=encoding,
                                  on_error=problems.append if errors == "collect" else None))
    if not articles:
        detail = "; ".join(str(p) for p in problems[:3])
        raise MissingInputError(f"{sources}: no readable articles" + (f" ({detail})" if detail else ""))
    return Corpus(articles, problems)


def read_table(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A CSV/TSV/JSONL/Parquet file as a DataFrame of strings, with clear errors."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        text = decode(path.read_bytes(), str(path), encoding)
        if not text.strip():
            raise InputError(f"{path}: is empty")
        if suffix in (".jsonl", ".ndjson"):
            rows = []
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:  # reported by _table_articles; the rest is read
                    row = {"_error": f"not valid JSON ({exc.msg})"}
                if not isinstance(row, dict):
                    row = {"_error": "not a JSON object"}
                rows.append({**row, "_line": n})
            return pd.DataFrame(rows)
        import io
        sep = "\t" if suffix == ".tsv" else ","
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        frame["_line"] = range(2, len(frame) + 2)  # 1-based, after the header
        return frame
    except OpedAnalysisError:
        raise
    except Exception as exc:  # parser errors from pandas/pyarrow, named with the file
        raise InputError(f"{path}: cannot read as {suffix[1:].upper()}: {exc}") from None


def _table_articles(path: Path, cols: dict, encoding, on_error) -> Iterator[Article]:
    frame = read_table(path, encoding)
    if cols["text"] not in frame.columns:
        if "_error" in frame.columns and frame["_error"].notna().all():
            raise InputError(f"{path}: no line is a JSON object with the article text "
                             f"(line {frame['_line'].iloc[0]}: {frame['_error'].iloc[0]})")
        shown = [c for c in frame.columns if c not in ("_line", "_error")]
        raise InputError(f"{path}: no column {cols['text']!r} with the article text "
                         f"(columns: {shown}); name it with columns={{'text': ...}} or --text-column")
    has_line = "_line" in frame.columns
    for n, row in enumerate(frame.to_dict("records"), start=1):
        where = f"{path}:{'line ' + str(row['_line']) if has_line else 'row ' + str(n)}"
        raw_id = row.get(cols["id"]) if cols["id"] in frame.columns else None
        art_id = str(raw_id) if raw_id not in (None, "") and raw_id == raw_id else f"{path.stem}-{n}"
        text = row[cols["text"]]
        try:
            if isinstance(row.get("_error"), str):
                raise InputError(f"{where}: {row['_error']}")
            if text is not None and text == text and not isinstance(text, str):
                raise InputError(f"{where}: the {cols['text']!r} column holds {type(text).__name__} "
                                 f"{str(text)[:40]!r}, not text")
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{where}: the {cols['text']!r} column is empty")
            if len(text) > MAX_BYTES:
                raise InputError(f"{where}: {len(text) / 1e6:.0f} million characters is too large for "
                                 f"one article (limit {MAX_BYTES / 1e6:.0f} million); split it")
            meta = {k: row.get(cols[k]) for k in ("title", "author", "outlet", "published")
                    if cols[k] in frame.columns}
            yield Article.from_text(text, id=art_id, source=where, **meta)
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
