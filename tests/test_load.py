"""Loading files and tables into Articles: metadata, corpora, bad inputs with clear errors."""

import datetime as dt
import warnings
from pathlib import Path

import pytest

import oped_analysis as oa


def test_metadata_given_explicitly_wins():
    art = oa.Article.from_text("Headline\n\nText of it.", id="a", title="Given", published="2020-05-01")
    assert art.title == "Given" and art.published == dt.date(2020, 5, 1)


def test_corpus_from_folder_glob_and_list(seeds, seed_000, seed_004):
    by_folder = oa.load_corpus(seeds)
    assert by_folder.ids == ["000_7e72c071a9cad5df", "004_8ab31b7c5fbbd9ce"]
    assert oa.load_corpus(str(seeds / "*.txt")).ids == by_folder.ids
    assert oa.load_corpus([seed_004, seed_000]).ids == ["004_8ab31b7c5fbbd9ce", "000_7e72c071a9cad5df"]
    assert by_folder["004_8ab31b7c5fbbd9ce"].author == "Babar Ali Bhatti"
    meta = by_folder.metadata()
    assert list(meta["outlet"].fillna("-")) == ["-", "Daily Times"]


def test_csv_and_jsonl_corpora(seed_004, tmp_path):
    body = seed_004.read_text(encoding="utf-8")
    import pandas as pd

    pd.DataFrame({"id": ["a", "b"], "text": [body, "China and Russia met."],
                  "outlet": ["Daily Times", "X"]}).to_csv(tmp_path / "c.csv", index=False)
    corpus = oa.load_corpus(tmp_path / "c.csv")
    assert corpus.ids == ["a", "b"]
    assert corpus["a"].author == "Babar Ali Bhatti" and corpus["b"].outlet == "X"
    (tmp_path / "d.jsonl").write_text('{"body": "The US spoke."}\n\n{"body": "Russia replied."}\n')
    corpus = oa.load_corpus(tmp_path / "d.jsonl", columns={"text": "body"})
    assert corpus.ids == ["d-1", "d-2"] and corpus["d-2"].body == "Russia replied."


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\n ", "is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    (b"\x00\x01\x02\x03" * 200, "binary"),
])
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(oa.InputError, match=message) as info:
        oa.load_article(path)
    assert str(path) in str(info.value)


def test_non_utf8_text_is_decoded_with_a_warning_naming_the_file(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Headline\n\nRussia’s “offer” was cited by Moscow — again.".encode("cp1252"))
    with pytest.warns(oa.DecodingWarning, match="cp1252") as record:
        art = oa.load_article(path)
    assert str(path) in str(record[0].message)
    assert "Russia’s “offer”" in art.body


def test_folder_without_articles_and_missing_paths(tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    with pytest.raises(oa.MissingInputError, match="no articles in this folder"):
        oa.load_corpus(tmp_path)
    with pytest.raises(oa.MissingInputError, match="nope.txt"):
        oa.load_corpus(tmp_path / "nope.txt")


def test_collect_mode_lists_unreadable_files_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Russia spoke. China listened.")
    (tmp_path / "empty.txt").write_text("")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = oa.load_corpus(tmp_path, errors="collect")
    assert corpus.ids == ["good"]
    assert [p.source for p in corpus.problems] == [str(tmp_path / "empty.txt")]
    assert "is empty" in corpus.problems[0].message


def test_a_problem_names_its_file_once(tmp_path):
    """problems.csv has a source and a message column: the message gives the reason only."""
    (tmp_path / "good.txt").write_text("Moscow and Washington traded envoys again.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "feed.jsonl").write_text('{"id": "a", "text": "Beijing waits."}\n{"id": "b", "text": oops\n')
    problems = {p.source: p for p in oa.load_corpus(tmp_path, errors="collect").problems}
    assert problems[str(tmp_path / "empty.txt")].message == "is empty"
    broken = problems[f"{tmp_path / 'feed.jsonl'}:line 2"]
    assert broken.message.startswith("not valid JSON")
    assert str(broken) == f"{tmp_path / 'feed.jsonl'}:line 2: {broken.message}"


def test_csv_without_text_column_names_file_and_columns(tmp_path):
    (tmp_path / "c.csv").write_text("headline,content\nA,B\n")
    with pytest.raises(oa.InputError, match=r"c\.csv: no column 'text'.*headline"):
        oa.load_corpus(tmp_path / "c.csv")


def test_prepared_articles_become_the_same_articles(tmp_path, root):
    """The pipeline reads articles prepared (checked, furniture not yet cut) and its workers cut
    them: the same articles, and the same problems, as loading them whole."""
    from oped_analysis.load import iter_articles

    table = tmp_path / "opeds.csv"
    table.write_text("id,text,title,published\n"
                     "a,\"Washington and Beijing met.\n\nShare this article\",A title,2020-01-02\n"
                     "b,Moscow spoke.,,not a date\n"
                     "c,,Empty,\n", encoding="utf-8")
    sources = [root / "seeds", table]
    problems = {True: [], False: []}
    prepared = list(iter_articles(sources, prepared=True, on_error=problems[True].append))
    whole = list(iter_articles(sources, on_error=problems[False].append))
    assert [p.article() for p in prepared] == whole
    assert [(a.id, a.source) for a in prepared] == [(a.id, a.source) for a in whole]
    assert problems[True] == problems[False] and len(problems[True]) == 2
    assert [a.published for a in whole[-2:]] == [dt.date(2020, 1, 2), None]


OPED = [
    "Pakistan's foreign policy has always been made in the space between larger powers. The United States "
    "supplied the weapons of the 1980s, China built the roads and ports of the last decade, and Russia has "
    "lately offered oil and wheat on easier terms than either.",
    "None of these partners is a charity. Washington wants help on Afghanistan, Beijing wants security for "
    "its workers and investments, and Moscow wants a market and a voice in South Asia that it lost in 1971.",
    "The sensible course is the dull one: take what each offers on its own merits, refuse what would shut "
    "the door on the others, and never mistake a loan for a friendship.",
]


def page(head: str, footer: str = "", headline: str = "Between the powers, again") -> str:
    """A news page: <head> tags as given, the headline, the op-ed and a site footer."""
    paras = "".join(f"<p>{p}</p>\n" for p in OPED)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/opinion'>Opinion</a></nav>"
            f"<article><h1>{headline}</h1><p class='byline'>By Sara Khan Durrani</p>{paras}</article>"
            f"<footer><p>{footer}</p></footer></body></html>")


@pytest.mark.parametrize("head, footer, outlet", [
    ("<meta property='og:site_name' content='The Express Tribune'>"
     "<title>Between the powers, again | Tribune</title>", "© 2024 Express Media. All rights reserved.",
     "The Express Tribune"),
    ("<meta property='article:publisher' content='https://www.facebook.com/dawndotcom'>"
     "<title>Between the powers, again :: Dawn</title>", "Copyright 2019 Dawn Media Group", "Dawn"),
    ("<title>Between the powers, again — The Daily Star</title>", "© 2024 TDS Media", "The Daily Star"),
    ("<title>Between the powers, again</title>", "Copyright 2019 Dawn Media Group", "Dawn Media Group"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"publisher": {"@type": "Organization", "name": "Arab News"}}</script>'
     "<title>Between the powers, again - AN</title>", "", "Arab News"),
])
def test_outlet_of_an_html_page_in_order_of_trust(tmp_path, head, footer, outlet):
    """The site's name in the page's metadata (og:site_name, publisher, JSON-LD; not a URL), then
    the <title>'s suffix after the headline, then a copyright line; the headline loses the suffix."""
    path = tmp_path / "page.html"
    path.write_text(page(head, footer), encoding="utf-8")
    art = oa.load_article(path)
    assert art.outlet == outlet
    assert art.title == "Between the powers, again"
    assert art.body.startswith("Pakistan's foreign policy") and "©" not in art.body
    assert oa.load_article(path, outlet="Given Outlet").outlet == "Given Outlet"


def test_a_title_suffix_that_is_not_the_headline_s_tail_is_kept(tmp_path):
    """A <title> whose first part is not the headline ("Opinion | ...") names no outlet, and a
    headline with a dash of its own keeps it."""
    path = tmp_path / "page.html"
    path.write_text(page("<title>Opinion | Russia - the long view</title>", "",
                         headline="Russia - the long view"), encoding="utf-8")
    art = oa.load_article(path)
    assert art.title == "Russia - the long view" and art.outlet is None


def markdown(paras: list[str]) -> str:
    """The paragraphs with the markup a static site's export puts on them: emphasis, a link,
    strong, a block quote, inline code, a soft line break."""
    a, b, c, *rest = paras
    words = b.split(" ")
    return "\n\n".join([
        "*" + a.replace(" ", "* ", 1),
        " ".join(words[:3]) + f" [{' '.join(words[3:6])}](https://example.org/a \"t\") "
        + " ".join(words[6:]),
        "> " + c.replace("Moscow", "**Moscow**").replace(", ", ",\n> ", 1),
        *rest,
    ]) + "\n"


def test_markdown_articles_of_a_static_site_are_read_and_its_notes_skipped(tmp_path):
    """A Hugo/Jekyll export: YAML or TOML front matter gives the metadata, a page bundle's
    index.md takes its folder's name, the Markdown's words are the body without its markup, and
    the project's notes beside them are listed as skipped, each with its reason."""
    bundle = tmp_path / "content" / "posts" / "between-the-powers"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(
        "---\ntitle: \"Between the powers, *again*\"\nauthors:\n  - Sara Khan Durrani\n  - name: Ali Raza\n"
        "date: 2023-05-02T09:00:00+05:00\nsite: The Friday Times\ntags: [pakistan, china]\n"
        "draft: false\n---\n\n"
        + markdown(OPED), encoding="utf-8")
    (tmp_path / "content" / "posts" / "second.md").write_text(
        "+++\ntitle = \"A second look\"\nauthor = \"Ali Raza\"\ndate = 2023-06-01\n"
        "publication = \"Dawn\"\n+++\n\n"
        "# A second look\n\n" + markdown(list(reversed(OPED))), encoding="utf-8")
    for note in ("README.md", "LICENSE.md", "CHANGELOG.md", "CONTRIBUTING.md", "content/posts/_index.md"):
        (tmp_path / note).write_text("# Notes\n\nThe build uses Hugo 0.120.\n", encoding="utf-8")
    corpus = oa.load_corpus(tmp_path, errors="collect")
    assert corpus.ids == ["between-the-powers", "second"]
    first, second = corpus
    assert (first.title, first.author, first.published, first.outlet) == (
        "Between the powers, again", "Sara Khan Durrani and Ali Raza", dt.date(2023, 5, 2),
        "The Friday Times")
    assert (second.title, second.author, second.published, second.outlet) == (
        "A second look", "Ali Raza", dt.date(2023, 6, 1), "Dawn")
    assert " ".join(first.body.split()) == " ".join(OPED)
    assert " ".join(second.body.split()) == " ".join(reversed(OPED))
    skipped = {Path(p.source).name: p.message for p in corpus.problems}
    assert set(skipped) == {"README.md", "LICENSE.md", "CHANGELOG.md", "CONTRIBUTING.md", "_index.md"}
    assert all(m.startswith("skipped: ") and "name the file" in m for m in skipped.values())
    assert oa.load_article(tmp_path / "README.md").title == "Notes"  # named, a note is read


@pytest.mark.parametrize("heading", ["# Between the powers, again\n\n", "Between the powers, again\n===\n\n"])
def test_a_markdown_article_s_opening_heading_is_its_title_not_its_body(tmp_path, heading):
    path = tmp_path / "op-ed.md"
    path.write_text(heading + markdown(OPED) + "\n## What next\n\nA last short paragraph.\n",
                    encoding="utf-8")
    art = oa.load_article(path)
    assert art.title == "Between the powers, again" and art.id == "op-ed"
    assert " ".join(art.body.split()) == " ".join(OPED + ["What next", "A last short paragraph."])


def test_markdown_images_keep_alt_text_only_inside_a_sentence(tmp_path):
    """A picture standing alone is described by its alt text, which is not the article's prose:
    it is listed in extra["image_alt"]; an image inside a sentence keeps its words there."""
    path = tmp_path / "op-ed.md"
    path.write_text("# Between the powers, again\n\n![Xi Jinping and Vladimir Putin in Moscow.](a.jpg)\n\n"
                    + OPED[0] + "\n\nThe route runs through ![map of the corridor](m.png) Gwadar to Kashgar."
                    + "\n\n"
                    + "\n\n".join(OPED[1:]) + "\n", encoding="utf-8")
    art = oa.load_article(path)
    assert "Xi Jinping" not in art.body
    assert art.extra["image_alt"] == ["Xi Jinping and Vladimir Putin in Moscow."]
    assert "runs through map of the corridor Gwadar to Kashgar." in art.body


@pytest.mark.parametrize("source, message", [
    ("---\ntitle: Between: the powers\nauthor: [Sara\n---\n\nText of it.\n",
     r"line 2: the front matter .* not valid YAML"),
    ("+++\ntitle = Between the powers\n+++\n\nText of it.\n", "not valid TOML"),
    ("---\n- a list\n- not keys\n---\n\nText of it.\n", "is a list, not a set of 'key: value' lines"),
    ("---\ntitle: Between the powers\n\nText of it, with no closing line.\n", "is never closed"),
    ("---\ntitle: [1, 2]\n---\n\nText of it.\n", "'title' holds list"),
    ("---\ntitle: Between the powers\n---\n", "no article text"),
])
def test_bad_front_matter_is_a_clear_error_naming_the_file(tmp_path, source, message):
    path = tmp_path / "bad.md"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(oa.InputError, match=message) as info:
        oa.load_article(path)
    assert str(info.value).startswith(str(path)) and "Traceback" not in str(info.value)
    (tmp_path / "good.md").write_text("# Fine\n\n" + "\n\n".join(OPED) + "\n", encoding="utf-8")
    corpus = oa.load_corpus(tmp_path, errors="collect")
    assert corpus.ids == ["good"] and [Path(p.source).name for p in corpus.problems] == ["bad.md"]


def test_a_yaml_alias_bomb_in_front_matter_is_refused_quickly(tmp_path):
    """YAML aliases can make a few lines a value of 9**9 items: the error shows a short excerpt."""
    import time

    levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'] + [
        f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefg", "bcdefgh")]
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(levels) + "\ntitle: [" + ", ".join(["*h"] * 9) + "]\n---\n\nText.\n",
                    encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(oa.InputError, match="'title' holds list") as info:
        oa.load_article(path)
    assert time.perf_counter() - started < 5 and len(str(info.value)) < 400


def test_analyze_reads_markdown_articles_and_lists_the_notes_it_skips(tmp_path):
    """`analyze` (and so `book`, which runs it) reads a folder of Markdown op-eds through the same
    loader: their metadata reach articles.csv, a README beside them reaches problems.csv."""
    import pandas as pd

    corpus = tmp_path / "posts"
    corpus.mkdir()
    (corpus / "between-the-powers.md").write_text(
        "---\ntitle: Between the powers, again\nauthor: Sara Khan Durrani\ndate: 2023-05-02\n"
        "publication: The Friday Times\n---\n\n" + markdown(OPED), encoding="utf-8")
    (corpus / "README.md").write_text("# Posts\n\nExported with Hugo.\n", encoding="utf-8")
    oa.analyze(corpus, tmp_path / "out", methods=["vader"], progress=False)
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert list(articles["article"]) == ["between-the-powers"]
    assert list(articles.loc[0, ["title", "author", "outlet", "published"]]) == [
        "Between the powers, again", "Sara Khan Durrani", "The Friday Times", "2023-05-02"]
    problems = (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8")
    assert "README.md" in problems and "skipped: a project note" in problems


GWADAR = [
    "Every few months a minister flies to Gwadar, stands on the quay and announces that the port will soon "
    "rival Dubai. The cranes have been there for a decade; the ships have not come.",
    "China built the port as part of the China-Pakistan Economic Corridor, and Chinese firms run it. The "
    "problem is not the berths but the hinterland: there is little water, little power and only one good "
    "road to the rest of Pakistan.",
    "A port serves a hinterland or it serves no one.",
    "The United States, for its part, sees Gwadar as a possible Chinese naval base, a fear that has done "
    "more for the port's fame than any ship. Until Islamabad fixes the water and the road, the fear and "
    "the promise will both stay on paper.",
]


def test_a_jekyll_export_with_its_furniture_reads_as_the_article():
    """tests/pages/md_export/ (written with the Markdown reader): Jekyll front matter whose
    `source` is a URL (not an outlet name), an excerpt marker, a Hugo figure shortcode, a picture
    with its credit line, a block quote, hard-wrapped paragraphs, a rule, the writer's bio in
    italics and a "Related" list: the body is the four paragraphs, the rest is cut or metadata."""
    art = oa.load_article(Path(__file__).parent / "pages" / "md_export" / "2023-06-01-gwadar.md")
    assert (art.title, art.author, art.published, art.outlet) == (
        "Gwadar is a port, not a promise", "Salman Haider Baloch", dt.date(2023, 6, 1), "Balochistan Voice")
    assert " ".join(art.body.split()) == " ".join(GWADAR)
    assert art.extra["author_bio"].startswith("The writer is a former planning officer")
    assert {r for *_, r in art.removed} >= {"photo caption", "author bio", "page furniture after the article"}


def test_files_that_share_a_name_are_told_apart_by_their_folders(tmp_path):
    """A corpus laid out by outlet and date (dawn/2018-05-01.txt, tribune/2018-05-01.txt) used to
    lose its second file as a repeated id, and a book of it failed to build. Such files are now
    named by as many folders as tell them apart, or by their extension when only that differs;
    every other file keeps its stem, and analyze and load_corpus give the same ids."""
    texts = {"dawn/2018-05-01.txt": "Dawn view\n\nChina and the US talked about trade.\n",
             "tribune/2018-05-01.txt": "Tribune view\n\nThe US warned China about its loans.\n",
             "tribune/notes/a.txt": "A view\n\nRussia offered more arms to Pakistan.\n",
             "tribune/notes/a.html": "<html><body><h1>A page</h1><p>Russia sold arms to India.</p>"
                                     "</body></html>",
             "solo.txt": "Solo\n\nRussia waited for China to act.\n"}
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = oa.load_corpus(tmp_path)
    assert sorted(corpus.ids) == ["a.html", "a.txt", "dawn/2018-05-01", "solo", "tribune/2018-05-01"]
    assert corpus["tribune/2018-05-01"].source.endswith("tribune/2018-05-01.txt")
    assert "loans" in corpus["tribune/2018-05-01"].body and corpus["a.html"].title == "A page"
    summary = oa.analyze(tmp_path, tmp_path.parent / "out", progress=False)
    assert summary.articles == 5 and not summary.problems
    import pandas as pd

    written = pd.read_csv(tmp_path.parent / "out" / "articles.csv")["article"]
    assert sorted(written) == sorted(corpus.ids)


def test_markdown_template_code_goes_but_is_listed(tmp_path):
    """Hugo shortcodes and Liquid tags are the site's code, not the article's words: they are
    left out of the text, and listed in extra["template_code"] so nothing goes unrecorded."""
    path = tmp_path / "op-ed.md"
    path.write_text("# Between the powers, again\n\n" + OPED[0] + "\n\n"
                    + '{{< figure src="port.jpg" caption="The port at Gwadar" >}}\n\n'
                    + "{% include related.html %}\n\n" + "\n\n".join(OPED[1:]) + "\n", encoding="utf-8")
    art = oa.load_article(path)
    assert "figure" not in art.body and "include" not in art.body
    assert art.extra["template_code"] == ['{{< figure src="port.jpg" caption="The port at Gwadar" >}}',
                                         "{% include related.html %}"]
    assert " ".join(art.body.split()) == " ".join(OPED)


#: An essay as a newsletter sends it (curly apostrophes, lines longer than quoted-printable's 76).
LETTER = [
    "Every few months a Western report warns that China is coming for the Arctic. Beijing calls itself a "
    "near-Arctic state and sends research icebreakers north, and that is enough for the headlines.",
    "The reality is more modest. China has no Arctic coastline, no bases in the region and no vote on the "
    "Arctic Council; Russia, which guards the route, accepts China\u2019s money because the West\u2019s "
    "has gone.",
]


def _saved_email(path, html: bool, plain: bool = True):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "The Eurasia Letter <letters@example.org>"
    msg["Date"] = "Mon, 1 Dec 2026 06:30:12 +0000"
    msg["Subject"] = "China\u2019s Arctic ambitions are smaller than they look"
    text = ("China\u2019s Arctic ambitions are smaller than they look\nBy Tomasz Kerr\n\n"
            + "\n\n".join(LETTER))
    if plain:
        msg.set_content(text + "\n\nUnsubscribe | Update your preferences\n", cte="quoted-printable")
    if html:
        markup = "".join(f"<p>{p}</p>" for p in LETTER)
        page = (f"<html><body><h1>China\u2019s Arctic ambitions</h1><article>{markup}</article>"
                "</body></html>")
        if plain:
            msg.add_alternative(page, subtype="html", cte="base64")
        else:
            msg.set_content(page, subtype="html", cte="base64")
    path.write_bytes(bytes(msg))
    return path


@pytest.mark.parametrize("plain,html", [(True, False), (True, True), (False, True)])
def test_a_saved_email_is_decoded_not_read_as_raw_text(tmp_path, plain, html):
    """A .eml newsletter: quoted-printable or base64 decoded (read raw, words break at "=" and "’"
    is "=E2=80=99"), the plain part preferred, the HTML part read when it is the only one; the
    header lines are furniture, the Date line the date. A folder's .eml files are articles."""
    path = _saved_email(tmp_path / "letter.eml", html=html, plain=plain)
    art = oa.load_article(path)
    assert " ".join(art.body.split()) == " ".join(LETTER)
    assert art.published == dt.date(2026, 12, 1)
    assert oa.load_corpus(tmp_path).ids == ["letter"]


def test_an_email_without_text_is_a_clear_error(tmp_path):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "someone@example.org"
    msg.set_content(b"\x89PNG...", maintype="image", subtype="png")
    (tmp_path / "pic.eml").write_bytes(bytes(msg))
    with pytest.raises(oa.InputError, match=r"pic\.eml: the e-mail has no text or HTML part"):
        oa.load_article(tmp_path / "pic.eml")
    (tmp_path / "plain.eml").write_text("Just some words, no headers at all.\n", encoding="utf-8")
    with pytest.raises(oa.InputError, match=r"plain\.eml: no e-mail headers"):
        oa.load_article(tmp_path / "plain.eml")


def test_an_email_whose_base64_body_is_damaged_is_a_clear_error_not_gibberish(tmp_path):
    """The standard library hands back the undecoded characters as the text; they must not
    become the article's body."""
    path = _saved_email(tmp_path / "letter.eml", html=True, plain=False)
    raw = path.read_bytes()
    head, body = raw.split(b"\n\n", 1)
    path.write_bytes(head + b"\n\n" + body[:-7])  # cut, as an interrupted download leaves it
    with pytest.raises(oa.InputError, match=r"letter\.eml: the e-mail's text/html part is not valid base64"):
        oa.load_article(path)


def test_a_newsletters_receiving_notice_is_furniture(tmp_path):
    path = _saved_email(tmp_path / "letter.eml", html=False, plain=True)
    text = path.read_text().replace("Unsubscribe | Update your preferences",
                                    "You are receiving this because you subscribed to The Eurasia Letter.")
    path.write_text(text)
    art = oa.load_article(path)
    assert " ".join(art.body.split()) == " ".join(LETTER)


def test_an_article_the_html_extractor_drops_is_read_from_the_pages_own_lines(tmp_path):
    """trafilatura drops elements whose class names comments ("comment-article"): an article
    inside one would be lost whole. Under a quarter of the page's prose kept, the page's own lines
    are read instead (the cleaner cuts their furniture) and a warning says so; a page whose
    comments the extractor drops as it should keeps the extractor's text."""
    paras = LETTER
    body = "".join(f"<p>{p}</p>" for p in paras)
    page = ("<html><head><title>Arctic ambitions | The Letter</title></head><body><nav>Home | News</nav>"
            "<div class='{cls}'><h1>Arctic ambitions</h1>" + body + "</div>{comments}"
            "<footer>© 2026 The Letter</footer></body></html>")
    lost = tmp_path / "lost.html"
    lost.write_text(page.format(cls="comment-article", comments=""), encoding="utf-8")
    art = oa.load_article(lost)
    assert " ".join(art.body.split()) == " ".join(paras)
    assert any("extractor kept 0%" in w for w in art.extra["warnings"])
    comment = ("<div class='comments'><p>Good piece, but the writer underrates how much Beijing gains from a "
               "Russia that has nowhere else to go.</p></div>")
    fine = tmp_path / "fine.html"
    fine.write_text(page.format(cls="article-body", comments=comment), encoding="utf-8")
    art = oa.load_article(fine)
    assert " ".join(art.body.split()) == " ".join(paras) and not art.extra.get("warnings")
