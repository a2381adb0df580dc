"""The fast TextBlob scorer gives TextBlob's own numbers, bit for bit, on every sentence we have."""

import csv
import json

import pytest
from textblob.en.sentiments import PatternAnalyzer

import oped_analysis as oa
from oped_analysis.scoring.textblob import analyzer
from oped_analysis.text import clause_span

TRICKY = ["not good", "very very good!", "not really good", "really not good", "It is not a good idea!!!",
          ":) great (!)", "I love it <3", "xD", "never bad", "", "   ", "isn't it nice",
          "U.S. policy is bad...",
          "“Wonderful,” she said. ‘Awful.’", "Not bad at all; extremely poor, hardly helpful."]


def repo_sentences(root, seed_sentences) -> list[str]:
    """The seeds' sentences and every sentence of the datasets under data/ (whatever is there)."""
    texts = list(seed_sentences["text"])
    for path in sorted((root / "data").rglob("*")):
        if path.suffix == ".tsv":
            with path.open(encoding="utf-8", newline="") as f:
                texts += [r.get("text") or r.get("sentence") or "" for r in csv.DictReader(f, delimiter="\t")]
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            rows = [json.loads(line) for line in lines if line.strip()]
            texts += [r.get("sentence") or r.get("text") or "" for r in rows if isinstance(r, dict)]
    return list(dict.fromkeys(t for t in texts if isinstance(t, str)))


def test_fast_textblob_equals_textblob_on_every_sentence_and_clause(root, seed_sentences):
    lexicon = oa.Lexicon.default()
    texts = repo_sentences(root, seed_sentences) + TRICKY
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
