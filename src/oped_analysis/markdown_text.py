"""Read a Markdown article (a static site's export: Hugo, Jekyll, Pelican ...) as text and metadata.

:func:`markdown_to_text` gives the article's plain text, which the cleaner then reads like any
page, and what its front matter says. The rules, chosen so that no word of the article is lost:

* **Front matter**: YAML between ``---`` lines (Jekyll, Hugo) or TOML between ``+++`` lines
  (Hugo) at the top of the file gives ``title``, ``author`` (``author`` or ``authors``: a name, a
  list of names or ``{name: ...}``), ``published`` (``published``, ``date``, ``publishDate`` ...)
  and ``outlet`` (``outlet``, ``site``, ``publication``, ``source``, ``publisher``; a URL is not a
  name), and ``description`` (``description``, ``subtitle``, ``dek``, ``standfirst``: the
  cleaner cuts the article's first paragraph where it only repeats it). Other keys (tags, draft,
  slug, layout) are not article text and are not read. Front
  matter that is not valid YAML/TOML, is not a set of keys, or is never closed is an
  :class:`~oped_analysis.errors.InputError` naming the file and the line.
* **Title**: the front matter's; else a first-level heading (``# Title`` or ``Title`` over
  ``===``) that opens the document. That heading is then not body text, nor is an opening
  heading repeating the front matter's title. Other headings stay as lines of text.
* **Body**: paragraphs, headings, list items, block quotes and table rows become paragraphs of
  plain text, separated by blank lines; a paragraph's soft line breaks are spaces (Markdown
  joins them: a hard-wrapped source is one paragraph). Links keep their text, not their target;
  emphasis, strong, strikethrough and code markers, list bullets and numbers, and quote markers
  go, their words stay; code blocks keep their lines as text. Raw HTML loses its tags, comments
  and scripts, not its text. Hugo shortcodes (``{{< ... >}}``, ``{{% ... %}}``) and Liquid tags
  (``{% ... %}``, ``{{ ... }}``) are template code, not words of the article: they go, listed
  in ``metadata["template_code"]``.
* **Images**: an image inside a sentence keeps its alt text (the sentence reads on through it);
  an image that stands alone is a picture, and its alt text describes it rather than being part
  of the prose: it is left out of the text and listed in ``metadata["image_alt"]``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import reprlib
import tomllib

from .errors import InputError

#: Front-matter keys read for each field, first found first (Jekyll's and Hugo's documented
#: variables: ``title``, ``author``/``authors``, ``date``, ``publishDate``; the rest are the
#: names exporters use for the site and publication). Matched in any case.
FRONT_MATTER_KEYS = {
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline"),
    "published": ("published", "publishdate", "publish_date", "pubdate", "date_published", "date"),
    "outlet": ("outlet", "site", "publication", "source", "publisher", "site_name", "sitename"),
    # the standfirst, which the cleaner cuts where the text repeats it (Hugo's ``description``)
    "description": ("description", "subtitle", "dek", "standfirst"),
}
#: The lines that open and close front matter, and its language.
FENCES = {"---": "YAML", "+++": "TOML"}
#: Hugo shortcodes and Liquid (Jekyll) tags and outputs: template code in the source.
TEMPLATE_CODE = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|li|h[1-6]|blockquote|figure|figcaption|tr)\b[^>]*>",
                        re.IGNORECASE)
HTML_TAG = re.compile(r"<[^>]+>")


def markdown_to_text(source: str, name: str) -> tuple[str, dict]:
    """``(text, metadata)`` of a Markdown article (see the module docstring for the rules);
    ``name`` names the file in errors."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    front, body = split_front_matter(source, name)
    meta = front_matter_metadata(front, name)
    template_code = [m.group() for m in TEMPLATE_CODE.finditer(body)]
    blocks, images = _blocks(TEMPLATE_CODE.sub("", body))
    if blocks and blocks[0][0] == "h1":
        heading = blocks[0][1]
        if "title" not in meta:
            meta["title"] = heading
            blocks = blocks[1:]
        elif _squash_name(heading) == _squash_name(meta["title"]):
            blocks = blocks[1:]
    text = "\n\n".join(block for _, block in blocks)
    if not text.strip():
        raise InputError(f"{name}: no article text in this Markdown file (only front matter or markup)")
    if images:
        meta["image_alt"] = images
    if template_code:  # not words of the article, but nothing goes unrecorded
        meta["template_code"] = template_code
    return text + "\n", meta


def split_front_matter(source: str, name: str) -> tuple[dict, str]:
    """The parsed front matter (``{}`` if none) and the Markdown after it."""
    lines = source.split("\n")
    fence = lines[0].lstrip("\ufeff").strip()
    if fence not in FENCES:
        return {}, source
    for end in range(1, len(lines)):
        if lines[end].strip() == fence or (fence == "---" and lines[end].strip() == "..."):
            break
    else:
        raise InputError(f"{name}: the front matter opened by {fence!r} on line 1 is never closed; "
                         f"end it with a {fence!r} line (or remove the first line if it is not front matter)")
    text = "\n".join(lines[1:end])
    language = FENCES[fence]
    try:
        if language == "TOML":
            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # yaml.YAMLError, tomllib.TOMLDecodeError, nesting too deep
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{name}: {where}the front matter (lines 2-{end}) is not valid {language} "
                         f"({detail}); fix it or remove it") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{name}: the front matter (lines 2-{end}) is a {type(data).__name__}, "
                         f"not a set of 'key: value' lines (if line 1 is a horizontal rule, not the start "
                         f"of front matter, remove it)")
    return data, "\n".join(lines[end + 1:])


def front_matter_metadata(front: dict, name: str) -> dict:
    """Title, author, published and outlet from parsed front matter (see the module docstring)."""
    keys = {str(k).lower(): v for k, v in front.items()}
    meta: dict = {}
    for field, names in FRONT_MATTER_KEYS.items():
        for key in names:
            value = keys.get(key)
            if value is None or value == "" or value == []:
                continue
            if field == "published":
                if not isinstance(value, (str, dt.date)):
                    raise InputError(f"{name}: the front matter's {key!r} holds {_shown(value)}, not a date")
                meta[field] = value
            elif field == "author":
                meta[field] = _names(value, key, name)
            else:
                text = _text(value, key, name)
                if field == "title":
                    text = _inline_markdown(text)  # "Russia's *quiet* return": a title may hold markup
                if field == "outlet" and re.match(r"(?i)https?://|www\.", text):
                    continue  # a link to the source, not its name
                meta[field] = text
            break
    return meta


def _text(value, key: str, name: str) -> str:
    """A front-matter value as one line of text: a string, a number, or ``{name: ...}``."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        value = value["name"]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{name}: the front matter's {key!r} holds {type(value).__name__} "
                         f"{_shown(value)}, not text")
    return " ".join(str(value).split())


def _shown(value) -> str:
    """A short repr of a front-matter value: YAML aliases can make a small file a huge value."""
    shown = reprlib.Repr()  # attributes, not arguments: Python 3.11
    shown.maxlevel, shown.maxlist, shown.maxstring, shown.maxother = 2, 3, 40, 40
    return shown.repr(value)


def _names(value, key: str, name: str) -> str:
    """One author, or several joined as they are written in a byline ("A, B and C")."""
    names = [_text(v, key, name) for v in (value if isinstance(value, list) else [value])]
    names = [n for n in names if n]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _inline_markdown(text: str) -> str:
    """The words of one line of Markdown, without its markup."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("strikethrough").parseInline(text)
    return " ".join(_inline(tokens[0].children or ()).split()) if tokens else text


def _squash_name(text: str) -> str:
    return re.sub(r"\W", "", text).lower()


def _blocks(body: str) -> tuple[list[tuple[str, str]], list[str]]:
    """``(kind, text)`` of each block of text (kind: the heading's tag, or "text") and the alt
    texts of images standing alone."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(body)
    blocks: list[tuple[str, str]] = []
    images: list[str] = []
    heading = None
    row: list[str] | None = None
    for token in tokens:
        if token.type == "heading_open":
            heading = token.tag
        elif token.type == "heading_close":
            heading = None
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if any(row):
                blocks.append(("text", " | ".join(row)))
            row = None
        elif token.type == "inline":
            alone = [c for c in token.children or () if c.type not in ("softbreak", "link_open", "link_close")
                     and not (c.type == "text" and not c.content.strip())]
            if alone and all(c.type == "image" for c in alone):
                images += [_inline(c.children or ()) for c in alone if c.children]
                continue
            text = _inline(token.children or ())
            if row is not None:
                row.append(text.strip())
            elif text.strip():
                blocks.append((heading or "text", text.strip()))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(("text", token.content.strip("\n")))
        elif token.type == "html_block":
            text = _html_text(token.content)
            if text:
                blocks.append(("text", text))
    return blocks, images


def _inline(children) -> str:
    """The words of a paragraph's inline tokens, without their markup."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline(child.children or ()))
        elif child.type == "html_inline":
            parts.append("\n" if HTML_BREAK.fullmatch(child.content.strip()) and "br" in child.content.lower()
                         else "")
    return "".join(parts)


def _html_text(block: str) -> str:
    """The text of a raw HTML block: its tags, comments and scripts gone, one line per block."""
    text = HTML_SCRIPT.sub("", HTML_COMMENT.sub("", block))
    text = html.unescape(HTML_TAG.sub("", HTML_BREAK.sub("\n", text)))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
