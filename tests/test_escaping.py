"""Article text and ids are always escaped in HTML renderings (kwic, tables, the book's side by side)."""

from __future__ import annotations

import pytest

import oped_analysis as oa

FAST = ["textblob", "vader"]
TABLES = {"sentences": oa.sentences, "mentions": oa.mentions,
          "compare": lambda c: oa.compare(c, methods=FAST), "keyness": oa.keyness}


# -- escaping ------------------------------------------------------------------------

PAYLOADS = ['<script>alert("x")</script>', '" onmouseover="alert(1)', "' onfocus='alert(2)",
            "<img src=x onerror=alert(3)>", "</td></tr></table><b>", "&lt;script&gt;"]
HOSTILE_TEXT = "\n\n".join(f"Russia said {p} to the US and China {p}." for p in PAYLOADS)


def assert_escaped(html: str) -> None:
    lower = html.lower()
    for tag in ("<script", "<img", "</table><b>", "onmouseover=\"", "onfocus='"):
        assert tag not in lower, tag
    assert "&lt;script&gt;" in html and "&amp;lt;script&amp;gt;" in html


@pytest.mark.parametrize("actor", [None, "Russia", ["US", "China"]])
def test_kwic_html_escapes_article_text_and_ids(actor):
    art = oa.Article.from_text(HOSTILE_TEXT, id='<i id="x">evil</i>')
    frame = oa.kwic(art, actor=actor, width=200)
    context = frame["left"] + frame["right"]
    assert len(frame) and context.str.contains("<script>").any() and context.str.contains("onerror").any()
    html = frame._repr_html_()
    assert_escaped(html)
    assert "<i id=" not in html and "&lt;i id=&quot;x&quot;&gt;" in html
    assert html.count("<mark>") == len(frame)
    assert_escaped(oa.kwic_html(frame, columns=["article", "actor"]))
    # a selection (as a notebook or the book does) keeps the escaping renderer
    one_actor = frame[frame["actor"] == frame["actor"].iloc[0]]
    assert_escaped(frame.head(3)._repr_html_() + one_actor._repr_html_())


def test_html_pages_with_script_text_stay_text(tmp_path):
    page = ("<html><head><title>T</title><script>alert(1)</script></head><body><article>"
            "<p>Russia said &lt;script&gt;alert(1)&lt;/script&gt; to the US today, and the "
            "world listened carefully to every word of it.</p><p>China replied &quot; "
            "onmouseover=&quot;alert(2) at once, and the talks went on for a long time.</p>"
            "</article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    art = oa.load_article(tmp_path / "page.html")
    assert "alert(1)" in art.body  # the page's words are kept as text ...
    html = oa.kwic(art, width=200)._repr_html_()
    assert "<script" not in html.lower() and "&lt;script&gt;" in html  # ... and shown escaped


@pytest.mark.parametrize("table", ["sentences", "mentions", "compare", "keyness"])
def test_table_html_escapes_article_text(table):
    text = HOSTILE_TEXT + " Russia Russia hostile hostile <script>x</script> <script>y</script>."
    art = oa.Article.from_text(text, id="<script>id</script>")
    frame = TABLES[table](art)
    assert len(frame)
    html = frame._repr_html_()
    assert "<script" not in html.lower() and "&lt;script&gt;" in html


def test_book_side_by_side_table_escapes_article_ids_and_labels():
    from oped_analysis.comparison import side_by_side

    art = oa.Article.from_text(HOSTILE_TEXT, id='<script>alert("id")</script>')
    table, summary = oa.compare(art, methods=FAST), oa.summarize(oa.score(art, methods=FAST))
    for labels in (None, {art.id: "<img src=x onerror=alert(1)>"}):
        html = side_by_side(table, summary, labels=labels)._repr_html_()
        assert "<script" not in html and "<img" not in html and "&lt;" in html
