"""The chain (tables.py): each step from the previous step's rows, one pass per article."""

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis import tables
from oped_analysis.scoring import VaderMethod


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


class _FailsOn(VaderMethod):
    """VADER, but raising on sentences that name a given word (a method that breaks on one article)."""

    name = "vader_fails"

    def __init__(self, word: str):
        super().__init__()
        self.word = word

    def score_mentions(self, sentence, spans, memo=None):
        if self.word in sentence:
            raise RuntimeError(f"cannot score {self.word!r}")
        return super().score_mentions(sentence, spans, memo)


def test_many_articles_scored_a_run_at_a_time_give_each_articles_rows(corpus, monkeypatch):
    """The pipeline's batch (each method over a run of articles) gives the same rows as the
    chain article by article, whatever the length of the runs."""
    lexicon, methods = oa.Lexicon.default(), tables.resolve_methods(["textblob", "vader", "roles"])
    one_by_one = [tables.analyze_article(art, lexicon, methods) for art in corpus]
    for run in (1, 5, 10_000):
        monkeypatch.setattr(tables, "SCORING_RUN", run)
        many = tables.analyze_many(list(corpus) * 2, lexicon, methods)
        assert [repr(t.scores) for t in many] == [repr(t.scores) for t in one_by_one] * 2
        assert [t.mentions for t in many] == [t.mentions for t in one_by_one] * 2


def test_an_article_a_method_fails_on_gets_the_error_and_the_others_their_rows(corpus):
    lexicon = oa.Lexicon.default()
    first = tables.analyze_article(corpus[0], lexicon, until="mentions")
    named = {m["sentence"] for m in first.mentions}
    only_first = next(w for s in first.sentences if s["sentence"] in named for w in s["text"].split()
                      if len(w) > 6 and w not in corpus[1].body)
    methods = [oa.METHODS["textblob"], _FailsOn(only_first)]
    many = tables.analyze_many(list(corpus), lexicon, methods)
    assert isinstance(many[0], RuntimeError) and only_first in str(many[0])
    assert repr(many[1].scores) == repr(tables.analyze_article(corpus[1], lexicon, methods).scores)
    with pytest.raises(RuntimeError, match="cannot score"):
        tables.analyze_article(corpus[0], lexicon, methods)
