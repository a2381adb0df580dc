"""Write html/NAME.html for each page of txt/: the same page as a site would serve it.

Header lines go into <header>/<nav>, the headline into <h1>, body paragraphs into <p>
inside <article>, furniture inside the body into <aside>/<figure>, the rest into <footer>.
Three head styles, in turn: full Open Graph and article metadata; only a "<title>Headline |
Site</title>"; no metadata at all (the extractor must read the page itself).
"""

import html
import json
from pathlib import Path

here = Path(__file__).parent


#: Pages whose HTML was written by hand, in shapes this generator does not make (an AMP page,
#: <main> of <section>s with "Read more" boxes, a Substack post with comments): left alone.
HAND_WRITTEN = {"55_in_amp_page", "56_us_main_sections", "67_substack_post"}


def esc(text):
    return html.escape(text, quote=True)


def page_html(n, entry, raw):
    start, end = entry["body_start"], entry["body_end"]
    head_lines = [ln for ln in raw[:start].splitlines() if ln.strip()]
    body_lines = [ln for ln in raw[start:end].splitlines() if ln.strip()]
    tail_lines = [ln for ln in raw[end:].splitlines() if ln.strip()]
    style = n % 3
    meta = []
    site = entry["outlet"] or "News"
    if style == 0:
        meta.append(f'<meta property="og:title" content="{esc(entry["title"])}">')
        meta.append(f'<meta property="og:site_name" content="{esc(site)}">')
        if entry["author"]:
            meta.append(f'<meta name="author" content="{esc(entry["author"])}">')
        if entry["published"]:
            meta.append(
                f'<meta property="article:published_time" content="{entry["published"]}T08:00:00+00:00">'
            )
        meta.append(f"<title>{esc(entry['title'])} | {esc(site)}</title>")
    elif style == 1:
        meta.append(f"<title>{esc(entry['title'])} | {esc(site)}</title>")
    header = []
    for ln in head_lines:
        if ln.strip() == entry["title"]:
            header.append(f"<h1>{esc(ln)}</h1>")
        elif entry["author"] and entry["author"] in ln:
            header.append(f'<div class="byline"><span class="author">{esc(ln)}</span></div>')
        else:
            header.append(f'<div class="meta">{esc(ln)}</div>')
    article = []
    for ln in body_lines:
        if ln.strip() in entry["inside"]:
            article.append(f'<aside class="related">{esc(ln)}</aside>' if n % 4 < 2 else f"<p>{esc(ln)}</p>")
        elif ln.strip() == entry["title"]:
            article.append(f"<h1>{esc(ln)}</h1>")
        else:
            article.append(f"<p>{esc(ln)}</p>")
    footer = [f"<p>{esc(ln)}</p>" for ln in tail_lines]
    if n % 2:
        # as on many sites: headline, byline and share bar inside <article>, and the
        # writer's bio and disclaimer as its last paragraphs
        article = header + article + footer[:2]
        header, footer = [], footer[2:]
    nav = (
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
        "<li><a href='/opinion'>Opinion</a></li></ul></nav>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        + "\n".join(meta)
        + "\n</head><body>\n"
        + nav
        + "\n<header>\n"
        + "\n".join(header)
        + "\n</header>\n<main><article>\n"
        + "\n".join(article)
        + '\n</article></main>\n<footer class="site-footer">\n'
        + "\n".join(footer)
        + "\n</footer>\n</body></html>\n"
    )


def write_pages(kind: str, render) -> int:
    """Write ``kind/NAME.kind`` for each page of the index, ``render(n, entry, raw)`` of its text
    page; the position ``n`` picks the page's style, so pages added last leave the others alone."""
    index = json.loads((here / "index.json").read_text(encoding="utf-8"))
    (here / kind).mkdir(exist_ok=True)
    for n, entry in enumerate(index):
        if kind == "html" and entry["page"] in HAND_WRITTEN:
            continue
        raw = (here / "txt" / f"{entry['page']}.txt").read_text(encoding="utf-8")
        (here / kind / f"{entry['page']}.{kind}").write_text(render(n, entry, raw), encoding="utf-8")
    return len(index)


if __name__ == "__main__":
    print(write_pages("html", page_html), "html pages")
