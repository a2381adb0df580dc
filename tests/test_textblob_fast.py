"""The fast TextBlob scorer gives TextBlob's own numbers, bit for bit, on every sentence we have."""

import pytest
from textblob.en.sentiments import PatternAnalyzer

import oped_analysis as oa
from oped_analysis.scoring.textblob import analyzer
from oped_analysis.text import clause_span

TRICKY = ["not good", "very very good!", "not really good", "really not good", "It is not a good idea!!!",
          ":) great (!)", "I love it <3", "xD", "never bad", "", "   ", "isn't it nice",
          "U.S. policy is bad...",
          "“Wonderful,” she said. ‘Awful.’", "Not bad at all; extremely poor, hardly helpful."]


def repo_sentences(bench_module, seed_sentences) -> list[str]:
    """The seeds' sentences and every text of the datasets under data/ (whatever is there)."""
    return list(dict.fromkeys(list(seed_sentences["text"]) + bench_module("corpus").dataset_texts()))


def test_fast_textblob_equals_textblob_on_every_sentence_and_clause(bench_module, seed_sentences):
    lexicon = oa.Lexicon.default()
    texts = repo_sentences(bench_module, seed_sentences) + TRICKY
    for s in list(texts):
        for m in lexicon.find(s):
            lo, hi = clause_span(s, m.start, m.end)
            texts.append(s[lo:hi])
    assert len(texts) > 150
    reference, fast = PatternAnalyzer(), analyzer()
    mismatches = [(t, fast(t), tuple(reference.analyze(t))) for t in texts
                  if fast(t) != tuple(reference.analyze(t))]
    assert mismatches == []


@pytest.mark.parametrize("text", TRICKY)
def test_textblob_method_returns_the_same_floats(text):
    from textblob import TextBlob

    row = oa.METHODS["textblob"].polarity(text)
    assert (row["polarity"], row["subjectivity"]) == tuple(TextBlob(text).sentiment)


def test_fast_tokenizer_equals_textblobs_on_random_punctuation_soup():
    import random

    from textblob.en import sentiment

    rng = random.Random(0)
    pieces = list("abc .,;:!?()[]'\"“”‘’\n") + ["\n\n", "...", ":)", ":-D", "<3", "xD", "U.S.", "Mr.", "e.g.",
                                                "n't", "'s", "(!)", "good", "not", "very"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    fast = analyzer()
    for text in texts:
        assert fast.tokenize(text) == sentiment.tokenizer(text), text
        assert fast(text) == tuple(PatternAnalyzer().analyze(text)), text


def test_fast_tokenizer_equals_textblobs_on_emoticon_soup():
    """Every emoticon of pattern's list, with and without inner spaces, among words and marks."""
    import random

    from textblob import _text
    from textblob.en import sentiment

    rng = random.Random(1)
    faces = [f for faces in _text.EMOTICONS.values() for f in faces]
    pieces = faces + [" ".join(f) for f in faces] + ["good", "also", "to", ".", "o", "x", "(", "!", ")", "'",
                                                     "\n"]
    fast = analyzer()
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 12)))
        assert fast.tokenize(text) == sentiment.tokenizer(text), text
        assert fast(text) == tuple(PatternAnalyzer().analyze(text)), text


def test_fast_textblob_loads_without_nltk_and_textblob_still_imports_whole_afterwards(root):
    """The lexicon loads without TextBlob's package import (NLTK, SciPy); TextBlob imported
    afterwards is complete and scores the same."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from oped_analysis.scoring.textblob import analyzer\n"
            "texts = ['China is not a good friend :) (!)', 'A very bad, cruel war. Hardly helpful!']\n"
            "fast = [analyzer()(t) for t in texts]\n"
            "assert 'nltk' not in sys.modules and 'textblob' not in sys.modules\n"
            "import textblob.en\n"
            "from textblob import TextBlob\n"
            "assert textblob.en.sentiment is not None\n"
            "assert fast == [tuple(TextBlob(t).sentiment) for t in texts], fast\n")
    env = {"PYTHONPATH": str(root / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


def test_clause_scored_on_the_sentences_words_equals_textblob_on_the_clause(bench_module, seed_sentences):
    """A clause of whole tokens is scored on its slice of the sentence's words (read once per
    sentence): TextBlob's numbers for the clause itself, and the same cue words."""
    lexicon = oa.Lexicon.default()
    method, reference, fast = oa.METHODS["textblob"], PatternAnalyzer(), analyzer()
    checked, mismatches = 0, []
    for s in repo_sentences(bench_module, seed_sentences):
        memo: dict = {}
        for m in lexicon.find(s):
            lo, hi = clause_span(s, m.start, m.end)
            scores, cues = method.scope_scores(s, lo, hi, memo)
            polarity, subjectivity, words = fast.assess(s[lo:hi])
            checked += memo.get(("textblob", "words")) != ()
            if (scores["polarity"], scores["subjectivity"]) != tuple(reference.analyze(s[lo:hi])) \
                    or cues != words:
                mismatches.append(s[lo:hi])
    assert checked > 1000
    assert mismatches == []


def test_each_token_is_learned_as_the_tokenizer_splits_it(bench_module, seed_sentences):
    """The shortcuts for a token of letters alone and for one without quotes or apostrophes (no
    replacement can touch them) give the parts of pattern's replacements and splits, for every
    token of the bundled text and a few of other scripts and marks."""
    from itertools import chain

    from oped_analysis.scoring.textblob import FastPattern

    fast = FastPattern()
    tokenize = fast.tokenize
    assert tokenize.alpha_whole and tokenize.unquoted

    def replayed(token):
        return tuple(chain.from_iterable(tokenize._split(t) for t in tokenize.replaced(token).split()))

    tokens = {w for s in repo_sentences(bench_module, seed_sentences) for w in s.split()}
    tokens |= {"naïve", "Ωmega", "ʼtis", "ﬁne", "ǅemal", "ß", "U.S.", "Mr.", "(!)", "isn't", "“Yes,”", "'90s",
               "trade...", "e.g.,", ":-)", "rock'n'roll", '"no"', "‘fine’"}
    assert len(tokens) > 20_000
    assert [w for w in tokens if fast._learn_token(w)[0] != replayed(w)] == []
