"""Cutting page furniture (clean.py, through Article.from_text / load_article): titles,
bylines, teasers, footers, with a reason for every cut and no loss of text."""

import datetime as dt
import json
from pathlib import Path

import pytest

import oped_analysis as oa

PAGES = Path(__file__).resolve().parent / "pages"


def rebuild(article):
    """raw from body + removed spans: the invariant every article must satisfy."""
    parts, body_pos, raw_pos = [], 0, 0
    for start, end, reason in article.removed:
        assert reason, "every cut has a reason"
        take = start - raw_pos
        parts.append(article.body[body_pos:body_pos + take])
        parts.append(article.raw[start:end])
        body_pos += take
        raw_pos = end
    parts.append(article.body[body_pos:])
    return "".join(parts)


@pytest.mark.parametrize("name", ["000_7e72c071a9cad5df.txt", "004_8ab31b7c5fbbd9ce.txt"])
def test_every_raw_character_is_in_body_or_a_reasoned_cut(seeds, name):
    path = seeds / name
    art = oa.load_article(path)
    assert art.raw == path.read_text(encoding="utf-8")
    assert rebuild(art) == art.raw
    spans = list(art.removed)
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_seed_000_title_teaser_and_footer(seed_000):
    art = oa.load_article(seed_000)
    assert art.id == "000_7e72c071a9cad5df"
    assert art.title == "Regional balance to counter US influence"
    assert art.author is None and art.published is None and art.outlet is None
    reasons = [r for *_, r in art.removed]
    assert "teaser repeating the opening" in reasons
    assert "[…]" not in art.body
    assert "You may also like" not in art.body
    # the opening is kept once, the end of the article is kept
    assert art.body.count("Over the past few years, an alteration") == 1
    assert art.body.startswith("Over the past few years")
    assert art.body.endswith("further development can be expected.")


def test_seed_004_metadata_bio_and_feed_are_cut(seed_004):
    art = oa.load_article(seed_004)
    assert art.title == "Pak-Russia relations and Trump’s strategy"
    assert art.author == "Babar Ali Bhatti"
    assert art.outlet == "Daily Times"
    assert art.published == dt.date(2018, 1, 12)
    assert art.extra["author_bio"].startswith("The writer is associated with Strategic Vision Institute")
    for furniture in ("Author:", "The writer is", "Published in", "Share", "Leave a Comment",
                      "Recent Posts", "seconds ago", "Afiniti", "Ligue 1"):
        assert furniture not in art.body, furniture
    assert art.body.endswith("independent of its relationships with other countries.")


def test_pull_quote_is_not_counted_twice(seed_004):
    art = oa.load_article(seed_004)
    assert "deteriorating bilateral ties" not in art.body
    assert "undesirable recent events between the US and Pakistan." in art.body
    assert any(r == "pull quote repeating the body" for *_, r in art.removed)


def test_removed_text_table_sums_to_the_cut_characters(seed_004):
    art = oa.load_article(seed_004)
    table = art.removed_text()
    assert table["chars"].sum() == len(art.raw) - len(art.body)
    assert set(table["reason"]) >= {"title", "byline", "author bio", "publication line",
                                     "page furniture after the article"}


def test_general_rules_work_on_other_page_shapes():
    page = ("Why the summit failed\n\nBy Jane Q. Doe\n\nPublished: 3 March 2021\n\n"
            "Washington and Beijing met again. Advertisement\nNothing moved.\n\nAdvertisement\n\n"
            "The talks ended early.\n\nRelated Articles\nSomething else entirely.\n")
    art = oa.Article.from_text(page, id="x")
    assert (art.title, art.author, art.published) == ("Why the summit failed", "Jane Q. Doe",
                                                      dt.date(2021, 3, 3))
    assert "Related Articles" not in art.body and "Something else" not in art.body
    assert "The talks ended early." in art.body
    assert "\n\nAdvertisement\n\n" not in art.body
    assert rebuild(art) == art.raw


BUSES = [
    "Every morning, thousands of commuters wait at stops that have no shelter and no timetable. The "
    "council's answer is another flyover, which will fill with cars within a year of opening.",
    "Buses are cheaper, cleaner and fairer. A dedicated lane on the main road would cost a fraction of "
    "the flyover and serve ten times as many people.",
    "The council should also publish its traffic data. Residents deserve to see the numbers behind "
    "decisions that shape their lives.",
    "Good transport is not a luxury. It is how a city keeps its promise to the people who keep it running.",
]


@pytest.mark.parametrize("width", [50, 60, 72, 80, 100])
@pytest.mark.parametrize("byline", ["", "By Aisha Rahman\n"])
def test_a_hard_wrapped_article_keeps_its_paragraphs(width, byline):
    """Text wrapped at a fixed width (plain-text exports, e-mail) breaks sentences across lines;
    the lines a sentence is wrapped over are the article, not page furniture, also a last
    paragraph none of whose lines reads as prose on its own (at width 100 here)."""
    import textwrap

    raw = ("Our City Needs Better Buses, Not Another Flyover\n" + byline + "\n"
           + "\n\n".join(textwrap.fill(p, width) for p in BUSES) + "\n")
    art = oa.Article.from_text(raw, id="buses")
    assert art.title == "Our City Needs Better Buses, Not Another Flyover"
    assert " ".join(art.body.split()) == " ".join(BUSES)


def test_one_hard_wrapped_paragraph_under_a_title_is_kept():
    raw = ("Uncle Sam, the Bear and the Panda\n\n"
           "Pakistan has spent seventy years balancing between great powers. The Chinese built the CPEC\n"
           "corridor, and the debts that came with it. Beijing's interest is steadier but narrower: it\n"
           "wants Gwadar. China remains the largest lender, and Beijing does not lecture Islamabad.\n")
    art = oa.Article.from_text(raw, id="triangle")
    assert art.title == "Uncle Sam, the Bear and the Panda"
    assert art.body.startswith("Pakistan has spent") and art.body.endswith("lecture Islamabad.")


WRAPPED_PAGES = [e for e in json.loads((PAGES / "index.json").read_text(encoding="utf-8")) if e["wrapped"]]


@pytest.mark.parametrize("entry", WRAPPED_PAGES, ids=lambda e: e["page"])
def test_hard_wrapped_pages_keep_their_whole_body_and_lose_their_furniture(entry):
    """The hard-wrapped pages of tests/pages (widths 60-100, with and without header lines, a
    "Related:" list, a copyright line, a newsletter prompt or a bio after the article): the body
    is exactly the article's paragraphs and the header gives the title, author and date."""
    raw = (PAGES / "txt" / f"{entry['page']}.txt").read_text(encoding="utf-8")
    art = oa.Article.from_text(raw, id=entry["page"])
    want = raw[entry["body_start"]:entry["body_end"]]
    assert " ".join(art.body.split()) == " ".join(want.split())
    assert rebuild(art) == art.raw and "warnings" not in art.extra
    got = {"title": art.title, "author": art.author,
           "published": str(art.published) if art.published else None}
    assert got == {k: entry[k] for k in got}


def test_stacked_link_labels_after_a_wrapped_article_stay_furniture():
    """A list of headline links (one per line, no sentence punctuation) after a hard-wrapped
    article is not joined into a paragraph, even where its lines are as long as wrapped ones."""
    import textwrap

    links = ("Most read this week\nWhy the council keeps building flyovers in every district\n"
             "How other cities made their bus lanes work for commuters\n"
             "The hidden cost of free parking in the old town\n")
    for width in (60, 72, 100):
        raw = "Buses First\n\n" + "\n\n".join(textwrap.fill(p, width) for p in BUSES) + "\n\n" + links
        art = oa.Article.from_text(raw, id="links")
        assert " ".join(art.body.split()) == " ".join(BUSES), width


def test_a_large_cut_in_a_wrapped_article_is_refused_with_a_warning():
    """The half-the-prose guard counts the characters of wrapped paragraphs: an end marker after
    the first of seven wrapped paragraphs is not believed, and the refusal is recorded."""
    import textwrap

    para = textwrap.fill(" ".join(BUSES[:2]), 72)
    art = oa.Article.from_text("Buses First\n\n" + para + "\n\nComments\n\n" + "\n\n".join([para] * 6))
    assert art.body.count("Every morning") == 7
    assert any("more than half" in w for w in art.extra["warnings"])


@pytest.mark.parametrize("last", ["A port serves a hinterland or it serves\nno one.",
                                  "Short and final\nwords."])
def test_a_short_wrapped_last_paragraph_is_kept(last):
    """A closing sentence wrapped over lines none of which is prose, the last of them under
    three words, still ends the article (a one-line sentence of three words already does)."""
    import textwrap

    raw = ("Buses First\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in BUSES[:3]) + "\n\n" + last
           + "\n\n© 2024 City Voice\n")
    art = oa.Article.from_text(raw, id="short-last")
    assert " ".join(art.body.split()) == " ".join(BUSES[:3] + [" ".join(last.split())])
    assert "City Voice" not in art.body


BIO = ("The writer is a former ambassador to China and the United Nations, and teaches international "
       "relations at a university in Islamabad.")
DISCLAIMER = ("Disclaimer: The opinions expressed within this article are the personal opinions of the "
              "author. The facts and opinions appearing in the article do not reflect the views of the "
              "newspaper.")
EDITORS_NOTE = ("Editor's Note: Ayesha Rahman Malik is a former diplomat and the author of a book on Chinese "
                "foreign policy. The views expressed in this commentary are her own.")


@pytest.mark.parametrize("width", [40, 50, 60, 72])
@pytest.mark.parametrize("where, furniture", [("after", [BIO]), ("after", [DISCLAIMER]),
                                              ("after", [BIO, DISCLAIMER]), ("before", [EDITORS_NOTE]),
                                              ("before", [DISCLAIMER])])
def test_a_hard_wrapped_bio_or_disclaimer_is_cut_whole(width, where, furniture):
    """A bio, disclaimer or editor's note wrapped over several lines is judged as the paragraph
    it is: its lines alone read as sentences of the body ("The facts and opinions appearing in
    the article do not reflect ..."), joined they are furniture, cut whole with their reason."""
    import textwrap

    body = "\n\n".join(textwrap.fill(p, width) for p in BUSES)
    notes = "\n\n".join(textwrap.fill(p, width) for p in furniture)
    raw = ("Our City Needs Better Buses\nBy Aisha Rahman\n\n"
           + (notes + "\n\n" + body if where == "before" else body + "\n\n" + notes) + "\n")
    art = oa.Article.from_text(raw, id="wrapped-furniture")
    assert " ".join(art.body.split()) == " ".join(BUSES)
    assert rebuild(art) == art.raw and "warnings" not in art.extra
    cut = " ".join(" ".join(art.raw[s:e].split()) for s, e, _ in art.removed)
    for paragraph in furniture:
        assert paragraph in cut
    if BIO in furniture:
        assert BIO.startswith(art.extra["author_bio"]) and len(art.extra["author_bio"]) > 60


@pytest.mark.parametrize("width", [None, 60, 72])
@pytest.mark.parametrize("last", [
    "What Washington says in public does not necessarily reflect what its diplomats tell Beijing in "
    "private, and the council's buses will not wait for either of them.",
    "The writer is right about one thing: the council has never published its traffic data, and its "
    "flyover has never been tested against buses.",
])
def test_a_last_paragraph_with_a_bio_or_disclaimer_phrase_stays_in_the_body(width, last):
    """Body text is never cut for sounding like furniture: "does not necessarily reflect" without
    a column's views, or "The writer is" without a word of a bio, wrapped or not."""
    import textwrap

    paras = BUSES + [last]
    raw = "Our City Needs Better Buses\n\n" + "\n\n".join(textwrap.fill(p, width) if width else p
                                                          for p in paras) + "\n"
    art = oa.Article.from_text(raw, id="body-phrases")
    assert " ".join(art.body.split()) == " ".join(paras)


@pytest.mark.parametrize("first, footer, title, outlet", [
    ("Why the buses matter", "© 2024 The Daily Star. All rights reserved.", "Why the buses matter",
     "The Daily Star"),
    ("Why the buses matter | City Times", "", "Why the buses matter", "City Times"),
    ("Why the buses matter | City Times", "Copyright 2019 Metro Media Group", "Why the buses matter",
     "City Times"),
    ("Opinion | Why the buses matter", "", "Opinion | Why the buses matter", None),
    ("Why the buses matter - a view from the stops", "", "Why the buses matter - a view from the stops",
     None),
])
def test_outlet_of_a_text_page_from_its_title_or_copyright_line(first, footer, title, outlet):
    """A copied page names its outlet in a "Headline | Outlet" first line (a word of outlet names
    after the last separator) or in a copyright line after the article; the headline loses only a
    suffix that is the outlet, and the copyright line is not body."""
    raw = f"{first}\nBy Aisha Rahman\n\n" + "\n\n".join(BUSES) + "\n\nShare\n" + (footer and footer + "\n")
    art = oa.Article.from_text(raw, id="outlet")
    assert (art.title, art.outlet) == (title, outlet)
    assert " ".join(art.body.split()) == " ".join(BUSES)


@pytest.mark.parametrize("width", range(40, 101, 4))
def test_a_body_paragraph_run_together_with_a_wrapped_note_is_not_cut_with_it(width):
    """No blank line between an editor's note and the first paragraph: the wrapped lines run on
    from one to the other, and only the note's own sentences are cut, never the body's."""
    import textwrap

    note = ("Editor's Note: Ayesha Rahman Malik is a former diplomat. The views expressed in this "
            "commentary are her own.")
    first = "Buses are cheaper, cleaner and fairer for the city's poorest commuters. " + BUSES[0]
    raw = ("Our City Needs Better Buses\nBy Aisha Rahman\n\n" + textwrap.fill(note, width) + "\n"
           + "\n\n".join(textwrap.fill(p, width) for p in [first, *BUSES[1:]]) + "\n")
    art = oa.Article.from_text(raw, id="note-and-body")
    assert " ".join(art.body.split()) == " ".join([first, *BUSES[1:]])


#: A headline as sites write them (a two-word one reads as a person's name).
HEADLINE = "Why the city needs buses, not another flyover"


@pytest.mark.parametrize("kind", ["txt", "html", "md"])
def test_no_page_of_the_corpus_loses_body_text(kind):
    """Nothing may be lost: every page of tests/pages (each round, hard-wrapped or not) keeps
    every character of its article on the text, HTML and Markdown paths."""
    import sys

    sys.path.insert(0, str(PAGES.parents[1] / "bench"))
    from pages_eval import evaluate

    for held_out, wrapped in ((None, False), (None, True)):
        r = evaluate(kind, held_out=held_out, wrapped=wrapped)
        assert r["body_recall"] == 1.0, [m for m in r["misses"] if "body" in m]


def test_live_blog_entries_are_all_kept_and_their_times_and_writers_cut():
    """A live blog: each entry under its own time and writer. The entries are the article (the
    start falls back to the first prose when the run found would leave most prose before it)."""
    writers = ["Hannah Osei", "Marcus Feld", "Lin Yao", "Hannah Osei"]
    entries = "".join(f"3 Dec 2026 {16 - n}:{10 + n} GMT\n{w}\n{p}\n\n"
                      for n, (w, p) in enumerate(zip(writers, BUSES)))
    raw = ("LIVE\nBuses First: our writers on the council's plan\nUpdated 4 hours ago\n" + entries
           + "Most viewed\n")
    art = oa.Article.from_text(raw, id="live")
    assert " ".join(art.body.split()) == " ".join(BUSES)
    assert art.title == "Buses First: our writers on the council's plan"
    assert not art.extra.get("warnings")


@pytest.mark.parametrize("marker", ["You May Also Like", "Related", "Read more"])
def test_a_box_of_links_between_paragraphs_is_not_the_articles_end(marker):
    """An end marker heading a box of headlines, with the article going on to the writer's bio
    after it: the box is cut, the paragraph after it kept."""
    box = f"{marker}\nWhy the council keeps building flyovers\nThe hidden cost of free parking\n\n"
    raw = ("Buses First\nBy Aisha Rahman\n\n" + "\n\n".join(BUSES[:3]) + "\n\n" + box + BUSES[3]
           + "\nAisha Rahman is a transport researcher based in Lahore.\nTags: transport, city\n")
    art = oa.Article.from_text(raw, id="box")
    assert " ".join(art.body.split()) == " ".join(BUSES)


@pytest.mark.parametrize("width", [64, 72, 80])
@pytest.mark.parametrize("spaced", [False, True])
def test_a_pdf_copy_keeps_every_page_and_loses_running_heads_footnotes_and_broken_words(width, spaced):
    """Text pasted from a PDF: hard-wrapped lines (or each line its own paragraph, as an editor
    makes of them), a word broken over two lines with a hyphen, a footnote mark and note, and a
    running footer and page number between the pages: the article whole, the words whole."""
    import textwrap

    first = BUSES[0] + " Its engineers call the plan a transformation of the city's transport."
    lines = textwrap.wrap(first, width) + ["1 Council minutes, March 2024."]
    lines[-2] += "1"  # the footnote's mark after the sentence
    footer = ["City Transport Institute | Working Paper No. 3", "Page 1 of 2"]
    rest = [line for p in BUSES[1:] for line in textwrap.wrap(p, width)]
    k = next(n for n, line in enumerate(rest) if len(line.split()[-1]) >= 6 and n + 1 < len(rest))
    word = rest[k].split()[-1]
    rest[k] = rest[k][: -len(word)] + word[:3] + "-"
    rest[k + 1] = word[3:] + " " + rest[k + 1]
    page = lines + footer + rest + [footer[0], "Page 2 of 2"]
    raw = (f"WORKING PAPER\n{HEADLINE}\nAisha Rahman\n" + ("\n\n" if spaced else "\n").join(page) + "\n")
    art = oa.Article.from_text(raw, id="pdf")
    assert " ".join(art.body.split()) == " ".join([first + "1", *BUSES[1:]])
    assert (art.title, art.author) == (HEADLINE, "Aisha Rahman")


def test_e_mail_headers_are_no_headline():
    raw = ("From: The City Letter <letters@example.org>\nTo: reader@example.org\n"
           f"Date: Mon, 1 Dec 2026 06:30:12 +0000\nSubject: {HEADLINE}\n"
           f"View this email in your browser\n\n{HEADLINE}\nBy Aisha Rahman\n\n" + "\n\n".join(BUSES)
           + "\n\nForward this email to a friend. Were you forwarded this? Sign up here.\n"
           "You are receiving this email because you subscribed at example.org.\nUnsubscribe\n")
    art = oa.Article.from_text(raw, id="mail")
    assert (art.title, art.author, art.published) == (HEADLINE, "Aisha Rahman", dt.date(2026, 12, 1))
    assert " ".join(art.body.split()) == " ".join(BUSES)


@pytest.mark.parametrize("menu", ["صفحہ اول | پاکستان | دنیا | کالم", "Главная / Мнения / Колонки"])
def test_a_menu_in_another_script_is_not_the_headline_of_an_english_page(menu):
    raw = f"{menu}\nOpinion\nBuses First for Our City\nAisha Rahman\nDecember 3, 2026\n" + "\n\n".join(BUSES)
    art = oa.Article.from_text(raw, id="script")
    assert art.title == "Buses First for Our City"
    assert " ".join(art.body.split()) == " ".join(BUSES)


def test_a_first_line_repeating_the_pages_description_is_the_standfirst():
    """HTML extractors keep a standfirst the markup gives as og:description; a text with no
    description keeps the same line as body (nothing is cut on a guess)."""
    summary = "The flyover will fill. Buses will not."
    raw = summary + "\n\n" + "\n\n".join(BUSES)
    art = oa.Article.from_text(raw, id="dek", description=summary)
    assert " ".join(art.body.split()) == " ".join(BUSES)
    assert summary in oa.Article.from_text(raw, id="dek").body


@pytest.mark.parametrize("after", ["", "Tags: transport, city\nComments\n"])
def test_the_last_paragraph_after_a_read_more_box_is_kept_without_a_bio(after):
    raw = (f"{HEADLINE}\nBy Aisha Rahman\n\n" + "\n\n".join(BUSES[:3])
           + "\n\nRead more\nWhy the council keeps building flyovers\n\n" + BUSES[3] + "\n" + after)
    art = oa.Article.from_text(raw, id="box")
    assert " ".join(art.body.split()) == " ".join(BUSES)


@pytest.mark.parametrize("marker", ["Related", "You May Also Like"])
def test_a_feed_of_other_articles_after_the_last_paragraph_is_still_cut(marker):
    """A feed alternating headlines and teaser sentences, or comments, after the article: the end."""
    feed = (f"{marker}\nThe flyover that nobody wanted\n"
            "Residents of the old town say the council never asked "
            "them before it signed the contract for the new road last spring.\nParking is not a right\n"
            "A new study finds that free parking costs the city more each year than its whole bus network.\n")
    comments = ("Comments\nBilal Ahmed\nDec 2\nI take the bus every day and the writer is right about the "
                "shelters, but the timetable is the real problem for commuters like me.\nReply\n")
    for tail in (feed, comments):
        raw = f"{HEADLINE}\nBy Aisha Rahman\n\n" + "\n\n".join(BUSES) + "\n" + tail
        art = oa.Article.from_text(raw, id="feed")
        assert " ".join(art.body.split()) == " ".join(BUSES), tail[:20]


@pytest.mark.parametrize("ending", [" Enditem", "", " (END)"])
def test_a_last_paragraph_without_a_full_stop_is_kept(ending):
    """The article's last paragraph ending without a full stop (a wire agency's "Enditem", a
    lost full stop) right under the one before: its sentences are the article's."""
    last = BUSES[3] + " The council meets on Friday to decide" + ending
    raw = f"{HEADLINE}\nBy Aisha Rahman\n\n" + "\n\n".join(BUSES[:3]) + "\n\n" + last + "\n"
    art = oa.Article.from_text(raw, id="last")
    assert " ".join(art.body.split()) == " ".join([*BUSES[:3], last])


def test_a_browsers_print_margins_are_cut_between_pages():
    """A page printed to PDF: "date, time, title" above each page and "URL n/m" below it."""
    head = f"12/3/26, 9:14 PM\t{HEADLINE} | The City Post"
    raw = (f"{head}\n{HEADLINE}\nBy Aisha Rahman\n" + "\n\n".join(BUSES[:2])
           + "\nhttps://www.example.org/opinion/buses\t1/2\n" + head + "\n" + "\n\n".join(BUSES[2:])
           + "\nhttps://www.example.org/opinion/buses\t2/2\n")
    art = oa.Article.from_text(raw, id="print")
    assert " ".join(art.body.split()) == " ".join(BUSES)
    assert art.title == HEADLINE


def test_a_long_paragraph_cut_above_the_byline_is_named_in_a_warning():
    """A paragraph of prose above the byline is cut as the header (a standfirst or teaser), but
    one as long as an article's opening is not cut silently: a warning names its line."""
    lede = BUSES[0] + " The council has had years to fix this and chose instead to pour concrete."
    raw = f"{HEADLINE}\n\n{lede}\n\nBy Aisha Rahman | March 3, 2026\n\n" + "\n\n".join(BUSES[1:]) + "\n"
    art = oa.Article.from_text(raw, id="lede")
    assert any("line 3" in w and "opening" in w for w in art.extra["warnings"])
    short = (f"{HEADLINE}\n\nThe flyover will fill. Buses will not.\n\nBy Aisha Rahman\n\n"
             + "\n\n".join(BUSES))
    assert not oa.Article.from_text(short, id="dek").extra.get("warnings")


@pytest.mark.parametrize("banner", [
    "The Wayback Machine - https://web.archive.org/web/20261203101500/https://www.example.org/buses\n"
    "51 captures\n12 Jan 2018 - 03 Dec 2026\nNOV\tDEC\tJAN\n2025\t2026\t2027\nAbout this capture\n"
    "COLLECTED BY\nOrganization: Archive Team\nTIMESTAMPS\n",
    "This is Google's cache of https://www.example.org/opinion/buses. It is a snapshot of the page as it "
    "appeared on 3 Dec 2026 10:00:00 GMT. The current page could have changed in the meantime. Learn more.\n"
    "Full version\nText-only version\nView source\n",
])
def test_a_web_archives_banner_is_furniture_and_its_capture_date_no_publication_date(banner):
    raw = banner + f"{HEADLINE}\nAisha Rahman\nPublished March 3, 2024\n\n" + "\n\n".join(BUSES) + "\n"
    art = oa.Article.from_text(raw, id="archived")
    assert (art.title, art.author, art.published) == (HEADLINE, "Aisha Rahman", dt.date(2024, 3, 3))
    assert " ".join(art.body.split()) == " ".join(BUSES)
