"""Keyword-in-context rows (escaped HTML) and keyness."""

import oped_analysis as oa


def test_kwic_rows_rebuild_the_sentence(corpus, seed_sentences):
    rows = oa.kwic(corpus, actor="China", width=1000)
    assert set(rows["actor"]) == {"China"} and len(rows) > 10
    texts = seed_sentences.set_index(["article", "sentence"])["text"]
    for r in rows.itertuples():
        assert r.left + r.match + r.right == texts[(r.article, r.sentence)]


def test_kwic_html_escapes_article_text_and_marks_the_alias():
    art = oa.Article.from_text('Body <script>alert(1)</script> says "Russia" is <b>" onclick="x.', id="evil")
    html = oa.kwic(art)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'onclick="x' not in html and "&quot; onclick=&quot;x" in html
    assert "<mark><b>Russia</b></mark>" in html


def test_kwic_unknown_actor_is_a_clear_error(corpus):
    import pytest

    with pytest.raises(oa.OpedAnalysisError, match="unknown actor"):
        oa.kwic(corpus, actor="Narnia")


def test_keyness_finds_words_of_the_actor_sentences(corpus):
    table = oa.keyness(corpus, top=5)
    assert list(table.columns) == ["article", "actor", "word", "count", "z"]
    assert not table["word"].isin(["russia", "china", "us", "moscow", "the"]).any()
    us_004 = table[(table["article"].str.startswith("004")) & (table["actor"] == "US")]
    assert "strategy" in set(us_004["word"])  # "Trump's strategy" runs through the US sentences
    assert (table.groupby(["article", "actor"]).size() <= 5).all()
