"""The chain (tables.py): each step from the previous step's rows, one pass per article."""

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis import tables


def test_one_pass_gives_the_same_tables_as_each_step_alone(corpus):
    together = oa.score_tables(corpus)
    pd.testing.assert_frame_equal(together["sentences"], oa.sentences(corpus))
    pd.testing.assert_frame_equal(together["mentions"], oa.mentions(corpus))
    pd.testing.assert_frame_equal(together["scores"], oa.score(corpus))


def test_each_step_works_on_the_previous_steps_rows(corpus):
    art = corpus[1]
    done = tables.analyze_article(art, oa.Lexicon.default(), tables.resolve_methods(["vader"]))
    for m in done.mentions:  # mention offsets index the body, inside their sentence
        s = done.sentences[m["sentence"] - 1]
        assert s["start"] <= m["start"] < m["end"] <= s["end"] and art.body[m["start"]:m["end"]] == m["alias"]
    keys = {(m["sentence"], m["actor"]) for m in done.mentions}
    assert {(r["sentence"], r["actor"]) for r in done.scores} == keys


def test_sentence_scores_are_shared_by_the_actors_of_a_sentence(corpus):
    scores = oa.score(corpus, methods=["vader"])
    sentence_scope = scores[scores["scope"] == "sentence"]
    assert (sentence_scope.groupby(["article", "sentence"])["polarity"].nunique() == 1).all()
    assert not hasattr(oa.METHODS["vader"], "_last")  # no cache on the shared method


def test_stopping_early_and_unknown_steps(corpus):
    assert [len(d.mentions) for d in tables.chain(corpus, until="sentences")] == [0, 0]
    with pytest.raises(ValueError, match="until must be one of"):
        list(tables.chain(corpus, until="words"))
