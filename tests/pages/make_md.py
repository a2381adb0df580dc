"""Write md/NAME.md for each page of txt/: the article as a static site exports it (Hugo, Jekyll).

Three styles, in turn: YAML front matter (title, author or a list of authors, date, site);
TOML front matter (title, author, date, publication); no front matter, a ``# Title`` heading and
the page's header lines (byline, date) as paragraphs. The body's words are the page's, with
Markdown markup put on them: emphasis, a link, strong, a block quote, by paragraph; every
fifth page hard-wraps its paragraphs (soft line breaks). Furniture inside the body (an "Also
read" link) is kept on every other page, as a link; the writer's bio after the article, on
every other page, as an italic paragraph. Lines that Markdown would read as a list or a
heading are escaped, as exporters do.
"""

import json
import re
import textwrap
from pathlib import Path

here = Path(__file__).parent


def escape(line: str) -> str:
    """A line of text that Markdown reads as text (not a list item, heading or quote)."""
    return re.sub(r"^(\d+)([.)])(\s)|^([-+*#>])(\s)", lambda m: (m[1] + "\\" + m[2] + m[3]) if m[1]
                  else "\\" + m[4] + m[5], line)


def markup(line: str, k: int) -> str:
    """Markdown on a paragraph's words, by its position: emphasis, a link, strong, a quote."""
    words = line.split(" ")
    if len(words) < 8:
        return line
    if k % 4 == 0:
        return "*" + " ".join(words[:3]) + "* " + " ".join(words[3:])
    if k % 4 == 1:
        return " ".join(words[:-4]) + f" [{' '.join(words[-4:-1])}](https://example.org/{k}) " + words[-1]
    if k % 4 == 2:
        return " ".join(words[:4]) + " **" + words[4] + "** " + " ".join(words[5:])
    return "> " + line


def page_md(n: int, entry: dict, raw: str) -> str:
    start, end = entry["body_start"], entry["body_end"]
    head_lines = [ln.strip() for ln in raw[:start].splitlines() if ln.strip()]
    body = [ln.strip() for ln in raw[start:end].splitlines() if ln.strip()]
    if entry["wrapped"]:  # a hard-wrapped page's paragraph is one paragraph of Markdown
        body = [" ".join(block.split()) for block in re.split(r"\n\s*\n", raw[start:end]) if block.strip()]
    tail = [ln.strip() for ln in raw[end:].splitlines() if ln.strip()]
    style = n % 3
    out = []
    if style == 0:
        out.append("---")
        if entry["title"]:
            out.append("title: " + json.dumps(entry["title"], ensure_ascii=False))
        if entry["author"]:
            out.append("authors:\n  - " + json.dumps(entry["author"], ensure_ascii=False) if n % 2
                       else "author: " + json.dumps(entry["author"], ensure_ascii=False))
        if entry["published"]:
            out.append(f"date: {entry['published']}")
        if entry["outlet"]:
            out.append("site: " + json.dumps(entry["outlet"], ensure_ascii=False))
        out += ["tags: [opinion]", "draft: false", "---", ""]
    elif style == 1:
        out.append("+++")
        for key, field in (("title", "title"), ("author", "author"), ("publication", "outlet")):
            if entry[field]:
                out.append(f"{key} = " + json.dumps(entry[field], ensure_ascii=False))
        if entry["published"]:
            out.append(f"date = {entry['published']}T08:00:00Z")
        out += ["+++", ""]
    else:
        if entry["title"]:
            out += ["# " + entry["title"], ""]
        out += [escape(ln) + "\n" for ln in head_lines if ln != entry["title"]]
    for k, line in enumerate(body):
        if line in entry["inside"]:
            if n % 2:
                out += [f"[{escape(line)}](https://example.org/related)", ""]
            continue
        text = markup(escape(line), k)
        wrap = n % 5 == 0
        out += [textwrap.fill(text, 72, break_long_words=False, break_on_hyphens=False) if wrap else text, ""]
    if n % 2 and tail:
        out += [f"*{tail[0]}*", ""]
    return "\n".join(out)


if __name__ == "__main__":
    from make_html import write_pages

    print(write_pages("md", page_md), "markdown pages")
