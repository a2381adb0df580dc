"""Actor mentions: the lexicon's rules, user lexicons, and agreement with human coding."""

import pytest

import oped_analysis as oa
from oped_analysis import validate


def found(text, lexicon=None):
    lex = lexicon or oa.Lexicon.default()
    return [(m.actor, m.alias) for m in lex.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("anti-US sentiments grew", [("US", "US")]),
    ("the US-Pak relations", [("US", "US"), ("Pakistan", "Pak")]),
    ("China-Pakistan ties and Indo-Russia relations", [("China", "China"), ("Pakistan", "Pakistan"),
                                                       ("India", "Indo"), ("Russia", "Russia")]),
    ("Sino-American trade", [("China", "Sino"), ("US", "American")]),
    ("Trump's tirade and Putin’s strategy", [("US", "Trump"), ("Russia", "Putin")]),
    ("the trump administration and Mike pence", [("US", "trump administration"), ("US", "Mike pence")]),
    ("let us go, thus the US went", [("US", "US")]),
    ("the U.S. and the USA", [("US", "U.S."), ("US", "USA")]),
    ("Russians and Americans", [("Russia", "Russians"), ("US", "Americans")]),
    ("Latin America and the South China Sea", []),
    ("Moscow, Beijing and Washington", [("Russia", "Moscow"), ("China", "Beijing"), ("US", "Washington")]),
    ("Xinjiang is not Xi; the Kremlin and the Pentagon", [("China", "Xi"), ("Russia", "Kremlin"),
                                                         ("US", "Pentagon")]),
])
def test_aliases(text, expected):
    assert found(text) == expected


def test_mentions_table(seed_mentions, seed_sentences):
    assert list(seed_mentions.columns) == ["article", "sentence", "actor", "alias", "kind", "start", "end"]
    merged = seed_mentions.merge(seed_sentences, on=["article", "sentence"], suffixes=("", "_s"))
    assert (merged["start"] >= merged["start_s"]).all() and (merged["end"] <= merged["end_s"]).all()


def test_recall_and_precision_against_human_coding(gold, seed_sentences, seed_mentions):
    ref_sentences, coding = validate.read_gold(gold)
    alignment = validate.align_sentences(seed_sentences, ref_sentences)
    predicted = validate.mention_pairs(seed_mentions, alignment)
    scores = validate.detection_scores(predicted, coding[coding["mention"] == "explicit"])
    for row in scores.itertuples():
        assert row.recall >= 0.95 and row.precision >= 0.95, row


def test_user_lexicon_extends_the_default(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[Russia]\nleaders = ["Nebenzya"]\n\n'
                    '[EU]\nlabel = "European Union"\nnames = ["EU", "Brussels"]\n')
    lex = oa.load_lexicon(path)
    assert found("Nebenzya met Brussels and the US", lex) == [("Russia", "Nebenzya"), ("EU", "Brussels"),
                                                              ("US", "US")]
    only = oa.load_lexicon(path, extend=False)
    assert found("Putin and the EU", only) == [("EU", "EU")]


@pytest.mark.parametrize("content, message", [
    ('[US]\nnames = "America"\n', r"actor \[US\]: names must be a list"),
    ('[US]\nnicknames = ["Uncle Sam"]\n', r"actor \[US\]: unknown key"),
    ('[US]\nrole = "hero"\nnames = ["US"]\n', "role must be one of"),
    ('[US]\nlabel = "United States"\n', "has no aliases"),
    ('[US\nnames = ["US"]\n', "not a valid TOML"),
])
def test_malformed_lexicon_errors_name_the_file_and_entry(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(oa.LexiconError, match=message) as info:
        oa.load_lexicon(path)
    assert str(path) in str(info.value)


def test_normalization_by_replacing_equals_the_character_by_character_reading(monkeypatch):
    """Text whose every character reads as one is normalized by a ``str.replace`` per character
    to change, with its offsets unchanged: the same text and the same offsets as read character
    by character."""
    import random

    from oped_analysis import actors

    rng = random.Random(0)
    alphabet = list("ab AZ.-'") + ["\u00a0", "\u2019", "\u201c", "\u2014", "\t", "\u200b", "é", "Ｕ", "ﬁ",
                                   "С", "\u3000", "\u2028", "ſ", "\u00ad", "\n", "\u2007", "\u0301", "½"]
    texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 12))) for _ in range(20_000)]
    texts += ["The US’s “deal” — with China — in Zürich", "Сhina and the U.S.", "US\u00a0 and China"]
    fast = [actors.normalize_for_matching(t) for t in texts]
    monkeypatch.setattr(actors, "_one_for_one", lambda text: None)
    for text, (norm, starts, ends, odd) in zip(texts, fast):
        slow = actors.normalize_for_matching(text)
        assert (norm, odd) == (slow[0], slow[3])
        assert (starts or list(range(len(text)))) == (slow[1] or list(range(len(text))))
        assert (ends or list(range(1, len(text) + 1))) == (slow[2] or list(range(1, len(text) + 1)))
