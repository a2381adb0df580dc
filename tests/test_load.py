"""Loading real pages: metadata, cuts with reasons, and the no-loss invariant."""

import datetime as dt
import warnings

import pytest

import oped_analysis as oa
from conftest import SEED_000, SEED_004, SEEDS


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


@pytest.mark.parametrize("path", [SEED_000, SEED_004])
def test_every_raw_character_is_in_body_or_a_reasoned_cut(path):
    art = oa.load_article(path)
    assert art.raw == path.read_text(encoding="utf-8")
    assert rebuild(art) == art.raw
    spans = list(art.removed)
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_seed_000_title_teaser_and_footer():
    art = oa.load_article(SEED_000)
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


def test_seed_004_metadata_bio_and_feed_are_cut():
    art = oa.load_article(SEED_004)
    assert art.title == "Pak-Russia relations and Trump’s strategy"
    assert art.author == "Babar Ali Bhatti"
    assert art.outlet == "Daily Times"
    assert art.published == dt.date(2018, 1, 12)
    assert art.extra["author_bio"].startswith("The writer is associated with Strategic Vision Institute")
    for furniture in ("Author:", "The writer is", "Published in", "Share", "Leave a Comment",
                      "Recent Posts", "seconds ago", "Afiniti", "Ligue 1"):
        assert furniture not in art.body, furniture
    assert art.body.endswith("independent of its relationships with other countries.")


def test_pull_quote_is_not_counted_twice():
    art = oa.load_article(SEED_004)
    assert "deteriorating bilateral ties" not in art.body
    assert "undesirable recent events between the US and Pakistan." in art.body
    assert any(r == "pull quote repeating the body" for *_, r in art.removed)


def test_removed_text_table_sums_to_the_cut_characters():
    art = oa.load_article(SEED_004)
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


def test_metadata_given_explicitly_wins():
    art = oa.Article.from_text("Headline\n\nText of it.", id="a", title="Given", published="2020-05-01")
    assert art.title == "Given" and art.published == dt.date(2020, 5, 1)


def test_corpus_from_folder_glob_and_list():
    by_folder = oa.load_corpus(SEEDS)
    assert by_folder.ids == ["000_7e72c071a9cad5df", "004_8ab31b7c5fbbd9ce"]
    assert oa.load_corpus(str(SEEDS / "*.txt")).ids == by_folder.ids
    assert oa.load_corpus([SEED_004, SEED_000]).ids == ["004_8ab31b7c5fbbd9ce", "000_7e72c071a9cad5df"]
    assert by_folder["004_8ab31b7c5fbbd9ce"].author == "Babar Ali Bhatti"
    meta = by_folder.metadata()
    assert list(meta["outlet"].fillna("-")) == ["-", "Daily Times"]


def test_csv_and_jsonl_corpora(tmp_path):
    body = SEED_004.read_text(encoding="utf-8")
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


def test_csv_without_text_column_names_file_and_columns(tmp_path):
    (tmp_path / "c.csv").write_text("headline,content\nA,B\n")
    with pytest.raises(oa.InputError, match=r"c\.csv: no column 'text'.*headline"):
        oa.load_corpus(tmp_path / "c.csv")
