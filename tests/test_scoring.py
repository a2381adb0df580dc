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
    # textblob and vader at two scopes each, roles (the default stance method) at one
    assert len(scores) == len(pairs) * (2 * 2 + 1)
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


@pytest.mark.parametrize("name", ["textblob", "vader", "rules", "model", "roles"])
def test_methods_return_the_scopes_and_columns_they_declare(name):
    method = oa.METHODS[name]
    rows = method.score_target("Russia attacked the convoy, and China condemned it.", 0, 6)
    assert tuple(r["scope"] for r in rows) == method.scopes
    assert all(list(r) == list(method.columns) for r in rows)


def test_tuning_constants_are_constructor_arguments_not_globals():
    from oped_analysis.scoring import RulesMethod

    sentence, (start, end) = "China helped Pakistan a little.", (0, 5)
    default = RulesMethod().score_target(sentence, start, end)[0]
    strict = RulesMethod(threshold=5.0).score_target(sentence, start, end)[0]
    assert default["polarity"] == strict["polarity"] and strict["stance"] == 0
    assert oa.METHODS["rules"].threshold == RulesMethod.params["threshold"]  # the shared one is untouched
    with pytest.raises(oa.OpedAnalysisError, match="no parameter.*'treshold'"):
        RulesMethod(treshold=0.2)


def test_score_accepts_a_configured_method(corpus):
    from oped_analysis.scoring import VaderMethod

    strict = oa.score(corpus, methods=[VaderMethod(stance_threshold=0.99)])
    assert set(strict["method"]) == {"vader"} and (strict["stance"].abs() <= 1).all()
    assert (strict["stance"] != 0).sum() < (oa.score(corpus, methods=["vader"])["stance"] != 0).sum()
