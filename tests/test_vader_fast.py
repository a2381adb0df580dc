"""The fast VADER gives vaderSentiment's own scores, bit for bit (a sample here; every sentence
and clause of the repo in ``bench/vader_identity.py``)."""

import random

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import oped_analysis as oa
from oped_analysis.scoring.vader import FastVader

#: one text per rule of VADER: negation, "no", boosters and dampeners, ALL CAPS, "but", "least",
#: idioms, "kind of", emoticons and emojis, punctuation emphasis, empty text
RULES = ["The book was good.", "The book was not good.", "No good deed goes unpunished.", "no no good",
         "It is no longer a safe or good place", "VERY good, but the ending is BAD!!", "kind of good",
         "At least it isn't a horrible book.", "one of the least compelling variations", "the least bad",
         "Sentiment analysis has never been this good!", "Without a doubt, an excellent idea.",
         "He is the shit", "kiss of death for trade", "yeah right, great", "sort of happy",
         "a nice bus stop", "the bomb, great", "good beating heart", "just enough good", "bad ass fine",
         "so good", "this good", "good, the trade of the good",
         "Make sure you :) or :D",
         "Catch emoji such as 💘 and 💋 and😁 today", "Really?? Great!!!!!", "", "   ", "  good  ",
         "but but but good bad good", "GOOD GOOD", "It isn't bad, it's not great, but it's fine.",
         "U.S. sanctions hurt; China's aid helped: 'wonderful', said no one."]


@pytest.fixture(scope="module")
def reference():
    return SentimentIntensityAnalyzer()


def same(a: dict, b: dict) -> bool:
    """Equal floats with equal signs of zero (``repr`` tells -0.0 from 0.0)."""
    return repr(a) == repr(b)


def test_fast_vader_equals_vader_on_a_sample_of_the_repos_sentences_and_clauses(bench_module, reference):
    texts = bench_module("vader_identity").repo_texts()
    assert len(texts) > 10_000
    rng = random.Random(0)
    start = rng.randrange(len(texts) - 2500)
    # a run of sentences each followed by its clauses (scored from the sentence's words), and a random sample
    sample = texts[start:start + 2500] + rng.sample(texts, 1000)
    fast = FastVader()
    bad = [t for t in sample if not same(fast.polarity_scores(t), reference.polarity_scores(t))
           or fast.compound(t) != reference.polarity_scores(t)["compound"]]
    assert bad == []


@pytest.mark.parametrize("text", RULES)
def test_fast_vader_equals_vader_on_each_rule(reference, text):
    fast = FastVader()
    assert same(fast.polarity_scores(text), reference.polarity_scores(text))
    assert repr(fast.compound(text)) == repr(reference.polarity_scores(text)["compound"])


def test_fast_vader_equals_vader_on_random_word_soup(reference):
    rng = random.Random(1)
    pieces = (["not", "no", "never", "so", "this", "without", "doubt", "least", "at", "very", "kind", "of",
               "but", "BUT", "good", "GOOD", "bad", "BAD", "the", "shit", "bomb", "sort", "or", "nor",
               "isn't", "extremely", "EXTREMELY", "hardly", "!", "?", ":)", "💘", "😁x", "...", "great!",
               "(fine)"])
    fast = FastVader()
    for _ in range(2000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert same(fast.polarity_scores(text), reference.polarity_scores(text)), text


def test_fast_vader_scores_parts_of_the_last_sentence_from_its_words(reference):
    rng = random.Random(2)
    words = ["not", "no", "never", "so", "without", "doubt", "least", "at", "very", "kind", "of", "but",
             "good", "GOOD", "bad", "the", "shit", "sort", "or", "extremely", "EXTREMELY", "hardly", "war",
             "peace", "US,", "China's", "(Russia)", "friendly;", "—", "hostile:", "ally", "great!"]
    fast = FastVader()
    for _ in range(500):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        assert same(fast.polarity_scores(sentence), reference.polarity_scores(sentence)), sentence
        for _ in range(4):
            lo = rng.randrange(len(sentence))
            part = sentence[lo:rng.randrange(lo, len(sentence) + 1)]
            assert same(fast.polarity_scores(part), reference.polarity_scores(part)), (sentence, part)


def test_vader_method_scores_with_the_fast_path(reference):
    row = oa.METHODS["vader"].polarity("The talks were a great success, but the deal is NOT good.")
    assert row["polarity"] == reference.polarity_scores(
        "The talks were a great success, but the deal is NOT good.")["compound"]


def test_the_cue_words_are_the_words_of_the_pattern(bench_module):
    """vader._words splits as vader._WORD.findall does, on every text of the repo and on marks,
    letters beyond ASCII and a lone surrogate."""
    from oped_analysis.scoring import vader

    tricky = ["it's ‘fine’—isn't it?", "İ Kk ſ ß naïve", "\ud800ab c", "", "  ", "'''", "a1b_c-d"]
    texts = bench_module("vader_identity").repo_texts() + tricky
    lowered = [t.lower() for t in texts]
    assert [t for t in lowered if vader._words(t) != vader._WORD.findall(t)] == []
