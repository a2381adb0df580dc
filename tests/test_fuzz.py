"""Fuzzing: generated hostile texts never crash loading, splitting, mention finding or
scoring, and every offset the library returns indexes the text it claims to.

Texts mix random Unicode (controls, NUL, zero-width, no-break spaces, line separators),
page furniture ("Share", "Author: X", "Published in X, January 1st 2018.", teasers
ending in "[…]") and actor aliases in odd places ("anti-US", "Pak-Russia'", "U.S.",
mixed case). Runs are derandomized, so CI sees the same 12,400 examples every time.
"""

from __future__ import annotations

import os
import random
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oped_analysis as oa
from oped_analysis.errors import DecodingWarning, InputError
from oped_analysis.scoring import get_method
from oped_analysis.tables import article_mentions, article_scores, article_sentences

#: Example counts per test; their sum is the size of the fuzz suite (>= 10,000).
N_PIPELINE, N_ALIASES, N_SCORE, N_FILES, N_HTML = 6000, 2500, 2000, 1500, 400


#: For a deeper hunt: OPED_FUZZ_SCALE=10 multiplies the counts, OPED_FUZZ_RANDOM=1 draws
#: fresh examples instead of CI's fixed ones.
SCALE = float(os.environ.get("OPED_FUZZ_SCALE", "1"))
RANDOM = os.environ.get("OPED_FUZZ_RANDOM", "") not in ("", "0")


def fuzz_settings(n: int):
    return settings(max_examples=int(n * SCALE), deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


NASTY = ["\x00", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u202f", "\u3000",
         "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\r", "\r\n", "\n", "\x7f",
         "“", "”", "‘", "’", "—", "–", "‐", "…", "[…]", "<script>", "\"'", "&amp;", "é", "👍🏽", "ﬁ"]
ALIASES = ["US", "U.S.", "U.S", "u.s.", "us", "USA", "United States", "united states", "America",
           "American", "Americans", "anti-US", "Pak-US", "Pak-Russia'", "Pak-Russia", "Russia’s",
           "Russia's", "RUSSIA", "russia", "Russian", "China", "Chinese", "CHINA", "Beijing",
           "Moscow", "Washington", "Trump", "Trump’s", "Putin", "Xi", "Xi Jinping", "Sino-",
           "Sino-Pak", "Sino-US", "U.S.-China", "trump administration", "Kremlin", "(Russia)",
           "“China”", "Russia-Pakistan", "Islamabad", "Pakistan", "India", "CPEC", "Pentagon",
           "US-", "-US", "U.S.A.", "Soviet", "USSR"]
WORDS = ["the", "relations", "with", "and", "is", "a", "friend", "of", "against", "not", "but",
         "while", "which", "because", "hostile", "good", "bad", "threat", "support", "ties", ",",
         ";", ":", "(", ")", "-", "“", "”", "\"", "'", "Mr.", "Dr.", "e.g.", "etc.", "No.", "1.5"]
FURNITURE = ["Share", "Share this article", "Author: X", "Author: Babar Ali Bhatti", "By John Smith",
             "Published in X, January 1st 2018.", "Published in Daily Times, January 12th 2018.",
             "Posted on 12 Jan 2018", "Advertisement", "You may also like", "Related",
             "Tags: Russia, China", "The writer is a lecturer at X.", "Comments (3)",
             "Continue reading", "Read more", "Filed under: US"]
ENDS = [".", "!", "?", "", "…", " […]", "”.", ".”", "?!", "...", ". ", "\u00a0."]

SEPARATORS = [" ", " ", " ", " ", ", ", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\n \n", "\u2028"]
#: The pieces texts are glued from; flat, so hypothesis draws them cheaply.
TOKENS = ALIASES + WORDS * 2 + NASTY + ENDS + SEPARATORS * 4 + [f"\n{f}\n" for f in FURNITURE]

random_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def _glue(seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choices(TOKENS, k=rnd.randint(0, 60)))


#: Up to 60 tokens from one drawn seed: far cheaper than drawing each token, so the
#: suite affords many more texts (a failure still reproduces from the seed).
tokens = st.integers(0, 2**32).map(_glue)
mixed = st.lists(st.one_of(st.sampled_from(TOKENS), random_text), max_size=12).map("".join)


def _page(seed: int, noise: str) -> str:
    """Furniture, a teaser line ending in "[…]" that repeats the start of the paragraph
    after it, the paragraph, more text with random Unicode ``noise``, and furniture."""
    rnd = random.Random(seed)
    para = _glue(rnd.getrandbits(32))
    teaser = para[:rnd.randint(0, len(para))] + rnd.choice([" […]", "[…]", "…", " [...]", ""])
    rest = _glue(rnd.getrandbits(32))
    at = rnd.randint(0, len(rest))
    parts = [*rnd.choices(FURNITURE + [""], k=rnd.randint(0, 3)), teaser, para,
             rest[:at] + noise + rest[at:], *rnd.choices(FURNITURE + [""], k=rnd.randint(0, 3))]
    return rnd.choice(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r"]).join(parts)


page = st.builds(_page, st.integers(0, 2**32), random_text)
any_text = st.one_of(page, tokens, page, mixed, random_text)


def check_article(art: oa.Article, text: str) -> None:
    """raw is the text with line ends normalised; raw == body + removed spans exactly."""
    assert art.raw == text.replace("\r\n", "\n").replace("\r", "\n")
    pos, kept = 0, []
    for start, end, reason in art.removed:
        assert pos <= start < end <= len(art.raw), (art.removed, len(art.raw))
        assert reason and isinstance(reason, str)
        kept.append(art.raw[pos:start])
        pos = end
    kept.append(art.raw[pos:])
    assert "".join(kept) == art.body
    assert len(art.body) + sum(e - s for s, e, _ in art.removed) == len(art.raw)
    for n in range(0, len(art.body), max(1, len(art.body) // 7)):  # body offsets map back to raw
        assert art.raw[art.to_raw(n)] == art.body[n]


def check_tables(art: oa.Article, lexicon: oa.Lexicon) -> tuple[list[dict], list[dict]]:
    """Sentences index the body, in order, without overlap; mentions lie in their sentence."""
    sents = article_sentences(art)
    prev_end = 0
    for n, s in enumerate(sents, start=1):
        assert s["sentence"] == n
        assert prev_end <= s["start"] < s["end"] <= len(art.body)
        assert art.body[s["start"]:s["end"]] == s["text"]
        assert s["text"] == s["text"].strip()
        prev_end = s["end"]
    outside, pos = [], 0  # nothing is lost: what no sentence covers is whitespace
    for s in sents:
        outside.append(art.body[pos:s["start"]])
        pos = s["end"]
    assert not "".join(outside + [art.body[pos:]]).strip()
    by_no = {s["sentence"]: s for s in sents}
    ments = article_mentions(sents, lexicon)
    for m in ments:
        s = by_no[m["sentence"]]
        assert s["start"] <= m["start"] < m["end"] <= s["end"]
        assert art.body[m["start"]:m["end"]] == m["alias"]
        assert m["actor"] in lexicon.actors
    return sents, ments


LEXICON = oa.Lexicon.default()


@fuzz_settings(N_PIPELINE)
@given(any_text)
def test_loading_splitting_and_mentions_never_raise_and_offsets_hold(text):
    art = oa.Article.from_text(text, id="fuzz")
    check_article(art, text)
    check_tables(art, LEXICON)


@fuzz_settings(N_ALIASES)
@given(st.lists(st.one_of(st.sampled_from(ALIASES), st.sampled_from(NASTY), st.sampled_from(WORDS)),
                max_size=20),
       st.sampled_from(["", " ", "-", "'", "’", ".", "\u00a0", "\u200b"]))
def test_aliases_glued_in_odd_places(parts, glue):
    text = glue.join(parts)
    art = oa.Article.from_text(text, id="aliases", clean=False)
    check_article(art, text)
    check_tables(art, LEXICON)
    # the lexicon finds the same aliases in the bare text as the pipeline does per sentence
    for m in LEXICON.find(art.body):
        assert art.body[m.start:m.end] == m.alias


FAST_METHODS = [get_method("textblob"), get_method("vader")]


@fuzz_settings(N_SCORE)
@given(st.one_of(page, tokens))
def test_scoring_never_raises_and_gives_bounded_numbers(text):
    art = oa.Article.from_text(text, id="score")
    sents, ments = check_tables(art, LEXICON)
    rows = article_scores(sents, ments, FAST_METHODS)
    pairs = {(m["sentence"], m["actor"]) for m in ments}
    assert {(r["sentence"], r["actor"]) for r in rows} == pairs
    for r in rows:
        assert -1.0 <= r["polarity"] <= 1.0


@fuzz_settings(N_FILES)
@given(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_files_load_or_are_refused_with_a_named_error(tmp_path_factory, text, encoding):
    path = tmp_path_factory.getbasetemp() / "fuzz article.txt"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
        encoding = "utf-8"
    path.write_bytes(data)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            art = oa.load_article(path)
    except InputError as exc:
        assert str(path) in str(exc)
        return
    for w in caught:
        assert issubclass(w.category, DecodingWarning) and str(path) in str(w.message)
    if encoding in ("utf-8", "utf-8-sig", "utf-16") and not caught:
        expected = text[1:] if text.startswith("\ufeff") and encoding == "utf-8" else text
        check_article(art, expected)
    else:
        check_article(art, art.raw)
    check_tables(art, LEXICON)


HTML_BITS = ["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<article>",
             "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&lt;", "<title>", "</title>",
             "<meta charset='utf-16'>", "<p style=\"", "<br>", "<table><tr><td>", "</td></tr></table>",
             "<h1>", "</h1>", "<", ">", "\"", "'"]


def _html(seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choices(HTML_BITS * 3 + TOKENS, k=rnd.randint(0, 80)))


@fuzz_settings(N_HTML)
@given(st.integers(0, 2**32).map(_html))
def test_html_pages_load_or_are_refused_with_a_named_error(tmp_path_factory, page):
    path = tmp_path_factory.getbasetemp() / "fuzz page.html"
    path.write_text(page, encoding="utf-8")
    try:
        art = oa.load_article(path)
    except InputError as exc:
        assert str(path) in str(exc)
        return
    check_article(art, art.raw)
    check_tables(art, LEXICON)
