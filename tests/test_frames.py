"""The frame of a mention (security, economic, diplomatic, other) and the keyword file behind it."""

import tomllib
from importlib import resources

import pytest

from oped_analysis.errors import OpedAnalysisError
from oped_analysis.scoring import cues
from oped_analysis.vocab import FRAMES as FRAME_NAMES


def frame_of(sentence: str, target: str) -> str:
    start = sentence.index(target)
    return cues.frame(sentence, start, start + len(target))[0]


@pytest.mark.parametrize("sentence, target, expected", [
    # the Pacific: naval force is security, aid and embassies diplomacy, ports trade
    ("Chinese coastguard ships rammed a Philippine supply boat near Second Thomas Shoal on Monday.",
     "Chinese", "security"),
    ("Washington sent two more destroyers through the Taiwan Strait this year, and Beijing noticed.",
     "Washington", "security"),
    ("Washington reopened its embassy in Honiara and promised the islands more aid.", "Washington",
     "diplomatic"),
    ("A Chinese state firm will run the new deep-water port at Chancay for the next thirty years.",
     "Chinese", "economic"),
    # the Arctic
    ("Moscow is reopening Soviet-era airfields and submarine bases along its Arctic coast.", "Moscow",
     "security"),
    ("Beijing calls itself a near-Arctic state because it wants the region's shipping lanes and minerals.",
     "Beijing", "economic"),
    # energy
    ("Russia now sells most of its crude to India at a discount, with Indian refineries the winners.",
     "Russia", "economic"),
    ("China installed more solar capacity last year than America has in a decade.", "China", "economic"),
    # sanctions restrict trade and finance
    ("The latest US sanctions freeze the assets of Russian banks and tanker owners.", "US", "economic"),
    ("Europe has sanctioned the Chinese suppliers of chips found in Russian drones.", "Chinese",
     "economic"),   # sanctioned, suppliers, chips outweigh the drones
    ("Europe has sanctioned the Chinese makers of Russia's drones.", "Chinese",
     "security"),   # one each: the codebook's order breaks the tie in favour of security
])
def test_frames_of_op_ed_sentences_beyond_the_seeds(sentence, target, expected):
    assert frame_of(sentence, target) == expected


@pytest.mark.parametrize("sentence, target", [
    ("China's population is shrinking faster than its demographers expected.", "China"),
    ("America's universities still draw the brightest students from across Asia.", "America"),
    ("Beijing says its emissions will peak before 2030.", "Beijing"),   # climate: no codebook frame
])
def test_other_when_no_frame_word_is_near(sentence, target):
    start = sentence.index(target)
    assert cues.frame(sentence, start, start + len(target)) == ("other", ())


def test_the_deciding_keywords_are_returned_in_their_inflected_form():
    sentence = "Russia's navy patrolled the Baltic while its tankers carried oil to India."
    name, words = cues.frame(sentence, 0, 6)
    assert name == "security" and "patrolled" in words and "navy" in words


def test_a_tie_goes_to_the_codebook_order():
    assert cues.FRAME_ORDER == FRAME_NAMES[:-1] == ("security", "economic", "diplomatic")
    assert frame_of("Elbonia talks trade.", "Elbonia") == "economic"   # trade (economic) = talks (diplomatic)
    assert frame_of("Elbonia's navy and trade.", "Elbonia") == "security"


def test_the_clause_of_the_target_counts_double():
    sentence = "While its trade with Europe shrank, Elbonia kept its troops in the north and its navy at sea."
    assert frame_of(sentence, "Elbonia") == "security"
    sentence = "Elbonia's exports grew and its investments doubled, although rebels attacked the capital."
    assert frame_of(sentence, "Elbonia") == "economic"


def test_the_shortcuts_give_the_frame_of_the_full_weighing(seed_sentences):
    """Whether a sentence's frame is decided before its clause is computed, the answer is that of
    weighing every keyword by clause (2 inside, 1 outside; ties in the codebook's order)."""
    from oped_analysis.text import clause_span

    table = cues._frames_of_word()

    def weighed(sentence, start, end):
        lo, hi = clause_span(sentence, start, end)
        weight = dict.fromkeys(cues.FRAME_ORDER, 0.0)
        words = {f: [] for f in cues.FRAME_ORDER}
        for word, s, _ in cues.tokens(sentence):
            for f in table.get(word, ()):
                weight[f] += 2.0 if lo <= s < hi else 1.0
                words[f].append(word)
        best = max(cues.FRAME_ORDER, key=weight.__getitem__)
        return (best, tuple(words[best])) if weight[best] else ("other", ())

    checked = 0
    for sentence in seed_sentences["text"]:
        for _, start, end in cues.tokens(sentence)[::3]:   # a target at every third token
            assert cues.frame(sentence, start, end) == weighed(sentence, start, end), (sentence, start)
            assert cues.frame_by(table, sentence, start, end) == cues.frame(sentence, start, end)
            checked += 1
    assert checked > 500


def test_inflections_are_the_regular_english_endings():
    assert cues.inflections("ally", verb=True) == {"ally", "allies", "ally's", "allied", "allying"}
    assert cues.inflections("trade", verb=True) == {"trade", "trades", "trade's", "traded", "trading"}
    assert cues.inflections("agree", verb=True) == {"agree", "agrees", "agree's", "agreed", "agreeing"}
    assert cues.inflections("tax") == {"tax", "taxes", "tax's"}
    assert cues.inflections("tariff") == {"tariff", "tariffs", "tariff's"}


# --- the keyword file ------------------------------------------------------------------

@pytest.fixture(scope="module")
def frames_file():
    return tomllib.loads(resources.files("oped_analysis").joinpath(cues.FRAMES_FILE).read_text("utf-8"))


def test_the_shipped_file_loads_into_the_frames_api(frames_file):
    assert list(cues.FRAMES) == list(cues.FRAME_ORDER)
    assert all(isinstance(w, str) and w == w.lower() for words in cues.FRAMES.values() for w in words)
    assert "navy" in cues.FRAMES["security"] and "tariffs" in cues.FRAMES["economic"]
    assert "securities" not in cues.FRAMES["security"]   # uninflected: securities are financial assets
    # one lookup per token: the table holds every form with its frames in the tie-breaking order
    table = cues._frames_of_word()
    assert table["allies"] == ("diplomatic",) and table["sanctions"] == ("economic",)


def test_every_word_belongs_to_one_known_frame_or_is_shared(frames_file):
    forms = frames_file["forms"]
    frames_of: dict[str, set[str]] = {}
    listed = []
    for source, table in frames_file.items():
        if source == "forms":
            continue
        assert table.get("about"), f"[{source}] says where its words come from"
        for frame_name, words in table.items():
            if frame_name == "about":
                continue
            assert frame_name in cues.FRAME_ORDER
            listed += words
            for w in words:
                frames_of.setdefault(w, set()).add(frame_name)
    assert not [w for w, fs in frames_of.items() if len(fs) > 1 and w not in forms["shared"]]
    assert len(listed) == len(set(listed)), "each word is listed once"
    assert set(forms["verbs"]) <= set(frames_of) and set(forms["uninflected"]) <= set(frames_of)
    assert not [w for fs in cues._frames_of_word().values() for w in fs if w not in cues.FRAME_ORDER]


@pytest.mark.parametrize("text, message", [
    ('[mine]\nabout = "x"\nsports = ["football"]\n', r"frames.toml: \[mine\].*'sports'.*not a frame"),
    ('[mine]\nsecurity = ["oil"]\neconomic = ["oil"]\n', r"frames.toml: words in two frames.*oil"),
    ('[mine]\nsecurity = "navy"\n', r"\[mine\] security must be a list of words"),
    ('[forms]\nnouns = ["navy"]\n', r"\[forms\] has 'nouns'"),
    ('security = ["navy"]\n', r"\[security\] lists words for ''"),
    ('[mine\nsecurity = ["navy"]\n', r"frames.toml: not a valid TOML file"),
])
def test_a_bad_keyword_file_is_a_clear_error_naming_it(tmp_path, text, message):
    bad = tmp_path / "frames.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(OpedAnalysisError, match=message):
        cues.load_frames(bad)


def test_a_word_of_two_frames_is_allowed_when_shared_and_ties_in_the_codebook_order(tmp_path):
    shared = tmp_path / "frames.toml"
    shared.write_text('[forms]\nshared = ["oil"]\n[mine]\nsecurity = ["oil"]\neconomic = ["oil"]\n',
                      encoding="utf-8")
    table = cues.frame_table(cues.load_frames(shared))
    assert table["oil"] == ("security", "economic") and table["oils"] == ("security", "economic")
    assert cues.frame_by(table, "Elbonia sells oil.", 0, 7) == ("security", ("oil",))
    with pytest.raises(OpedAnalysisError, match="missing.toml"):
        cues.load_frames(tmp_path / "missing.toml")
