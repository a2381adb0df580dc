"""Per-actor TextBlob and VADER scores on real sentences."""

import math

import pytest

import oped_analysis as oa


@pytest.fixture(scope="module")
def scores(corpus):
    return oa.score(corpus)


def test_one_row_per_sentence_actor_method_scope(scores, seed_mentions):
    assert list(scores.columns[:7]) == ["article", "sentence", "actor", "method", "scope", "polarity",
                                        "subjectivity"]
    pairs = seed_mentions[["article", "sentence", "actor"]].drop_duplicates()
    assert len(scores) == len(pairs) * 2 * 2
    assert not scores.duplicated(["article", "sentence", "actor", "method", "scope"]).any()
    assert scores["polarity"].between(-1, 1).all()


def row(scores, key, sentence_start, actor, method, scope):
    sel = scores[(scores["article"].str.startswith(key)) & (scores["actor"] == actor)
                 & (scores["method"] == method) & (scores["scope"] == scope)]
    return sel, sel["polarity"]


def test_scores_on_real_sentences(corpus):
    s = "Russia echoed sentiments in favour of Pakistan."
    textblob = oa.score_target(s, 0, 6, method="textblob")
    vader = oa.score_target(s, 0, 6, method="vader")
    assert textblob["polarity"] == 0.0  # TextBlob's lexicon has none of these words
    assert vader["polarity"] > 0.3      # VADER reads "favour" as positive
    hostile = "A few days later US drone killed two dozen civilians which served as revenge."
    a = hostile.index("US")
    assert oa.score_target(hostile, a, a + 2, method="vader")["polarity"] < -0.5


def test_clause_scope_isolates_the_actor():
    s = "China is a true partner of Pakistan, but the US halted military aid and attacked a check-post."
    us = s.index("US")
    whole = oa.score_target(s, us, us + 2, method="vader")
    from oped_analysis.scoring import get_method

    sentence, clause = get_method("vader").score_target(s, us, us + 2)
    china_clause = get_method("vader").score_target(s, 0, 5)[1]
    assert clause["polarity"] < 0 < china_clause["polarity"]
    assert whole["polarity"] == clause["polarity"] and sentence["scope"] == "sentence"


def test_vader_has_no_subjectivity(scores):
    vader = scores[scores["method"] == "vader"]
    assert vader["subjectivity"].map(math.isnan).all()


def test_unknown_method_is_a_clear_error(corpus):
    with pytest.raises(oa.OpedAnalysisError, match="unknown scoring method 'bert'.*available"):
        oa.score(corpus, methods=["bert"])
