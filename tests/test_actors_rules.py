"""The exclusion rules of actor mentions: exclude phrases and their derived forms, person names,
idioms and brands; on real sentences (the bundled data sets and the brief's examples)."""

import re
import sys
from pathlib import Path

import pytest

import oped_analysis as oa
from oped_analysis import actors
from oped_analysis.mention_rules import derived_phrases

ROOT = Path(__file__).resolve().parents[1]


def powers(text):
    lexicon = oa.Lexicon.default()
    return [(m.actor, m.alias) for m in lexicon.find(text) if m.actor in lexicon.powers]


def dropped(text):
    return [(m.alias, rule) for m, rule in oa.Lexicon.default().dropped(text)]


@pytest.mark.parametrize("text, rule", [
    # an exclude phrase's demonym forms (opeds_synth, NewsMTSC, NYT editorials)
    ("Reviving memories of gunboat diplomacy that Latin Americans had hoped were buried.", "derived exclude"),
    ("A spike in Central American migrants attempting to enter the U.S. through Mexico.", "derived exclude"),
    ("South American nations have refused to take sides.", "derived exclude"),
    ("Noraid, the I.R.A.'s North American fund-raising group.", "derived exclude"),
    # a capital after an honorific or a given name (NYT editorials, NewsMTSC)
    ("Mr. Washington captured about 25 percent of the white vote.", "honorific"),
    ("Harold Washington won't be assured a second term until he wins a general election.", "given name"),
    ("Denzel Washington starred in the film.", "given name"),
    ("Booker T. Washington founded the Tuskegee Institute.", "given name"),
    ("Tolls on the George Washington Bridge, the Bayonne Bridge and the Goethals Bridge.", "given name"),
    # a leader's surname after a given name not the leader's own
    ("The issue features a sober essay on perestroika by Roy Medvedev, an underground historian.",
     "other person"),
    ("First lady Melania Trump is bringing together tech giants to talk about safety.", "other person"),
    ("Jill Biden will continue to teach at Northern Virginia Community College.", "other person"),
    ("Mrs. Trump and the president joined Vice President Mike Pence and Second Lady Karen Pence.",
     "other person"),
    ("Bilawal Bhutto Zardari addressed the rally.", "other person"),
    # idioms, brands, institutions and places (listed phrases)
    ("Last week 700 members of the Mystery Writers of America met in New York.", "exclude"),
    ("At Washington Square Park in Manhattan, it's not unusual to see smokers.", "exclude"),
    ("She studied at the University of Washington.", "exclude"),
    ("Playing Russian roulette with the economy.", "exclude"),
    ("The message was garbled like a game of Chinese whispers.", "exclude"),
    ("Captain America returns to the screen.", "exclude"),
    ("He ordered a Moscow Mule.", "exclude"),
    ("A meeting with the president-elect at Trump Tower on Monday.", "exclude"),
    ("The American Civil Liberties Union initially filed a suit against Davis.", "exclude"),
])
def test_each_rule_drops_a_match_that_is_not_the_state(text, rule):
    assert [r for _, r in dropped(text)] == [rule]


@pytest.mark.parametrize("text, expected", [
    ("Mr. Putin has no interest in a long war.", [("Russia", "Putin")]),
    ("President Xi met the delegation.", [("China", "President Xi")]),
    ("Officials in Washington, D.C. disagree.", [("US", "Washington")]),
    ("Moscow's response was swift.", [("Russia", "Moscow")]),
    ("Trump's tariffs hurt exporters.", [("US", "Trump")]),
    ("Washington said it would respond.", [("US", "Washington")]),
    ("When Washington acts, Islamabad listens.", [("US", "Washington")]),
    ("Both Washington and Beijing want calm.", [("US", "Washington"), ("China", "Beijing")]),
    ("Neither Moscow nor Beijing objected.", [("Russia", "Moscow"), ("China", "Beijing")]),
    ("Pak-Russia ties have grown.", [("Russia", "Russia")]),
    ("Sino-US rivalry is the backdrop.", [("China", "Sino"), ("US", "US")]),
    # titles are no given names; the leader's own given names, with or without an initial
    ("Foreign Minister Lavrov and Premier Li Qiang spoke.", [("Russia", "Lavrov"), ("China", "Li Qiang")]),
    ("General Mattis and Secretary Pompeo disagreed.", [("US", "Mattis"), ("US", "Pompeo")]),
    ("Tsar Putin, as his critics call him, won again.", [("Russia", "Putin")]),
    ("Vladimir V. Putin signed the decree.", [("Russia", "Putin")]),
    ("Vice President Joseph R. Biden Jr. visited Kabul.", [("US", "Joseph R. Biden")]),
    ("Defense Secretary Jim Mattis resigned.", [("US", "Jim Mattis")]),
    # a common word at a sentence's or headline's start is no given name
    ("On Friday Washington imposed new sanctions.", [("US", "Washington")]),
    ("Referencing Trump's description of Obama, Schiff spoke.", [("US", "Trump"), ("US", "Obama")]),
    ("CNN's Kate Bolduan Rips Trump Over Franken Tweets", [("US", "Trump")]),
    ("Communist Beijing and Tsarist Moscow", [("China", "Beijing"), ("Russia", "Moscow")]),
    # another leader's surname is no given name
    ("The Biden Putin summit in Geneva", [("US", "Biden"), ("Russia", "Putin")]),
    ("A Modi Trump rally in Houston", [("US", "Trump")]),
    # a capital of a phrase before the alias must be one in the text
    ("It says something about how central American diplomacy remains.", [("US", "American")]),
    # a place before a capital is no given name (CAMEO's one-word places)
    ("The Berlin Washington rift is older than Trump.", [("US", "Washington"), ("US", "Trump")]),
    ("Analysts speak of a Tehran Moscow axis.", [("Russia", "Moscow")]),
    ("The Tokyo Washington alliance has held for seventy years.", [("US", "Washington")]),
])
def test_mentions_that_stay(text, expected):
    assert powers(text) == expected


def test_derived_phrases_replace_a_final_name_by_the_demonyms():
    assert derived_phrases(("Latin America", "Washington Post"), ("United States", "America"),
                           ("American",)) == ["Latin American"]
    assert derived_phrases(("Indochina", "South China Sea"), ("China",), ("Chinese",)) == ["Indochinese"]
    assert derived_phrases(("America",), ("America",), ("American",)) == []  # the name itself: no phrase


def test_given_names_come_from_the_pattern_lexicon_not_from_capitals():
    rule = oa.Lexicon.default()._rules.persons
    assert all(rule.given_name(w) for w in ["Roy", "Daniil", "Harold", "Denzel", "Melania", "Ivanka"])
    assert not any(rule.given_name(w) for w in ["President", "Premier", "General", "Foreign", "Minister",
                                                "When", "Both", "Neither", "Today", "Communist", "Tsarist",
                                                "Rips", "Referencing", "Friday", "Russian", "Kremlin"])


def test_user_lexicon_person_names_table_is_validated_and_merged(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[EU]\nnames = ["EU"]\n\n[person_names]\nhonorifics = ["Begum"]\n')
    lexicon = oa.load_lexicon(path)
    assert [m.alias for m in lexicon.find("Begum Moscow and Mr. Moscow and Moscow")] == ["Moscow"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[person_names]\nhonourifics = ["Begum"]\n')
    with pytest.raises(oa.LexiconError, match=r"bad.toml: \[person_names\]: unknown key"):
        oa.load_lexicon(bad)


def test_pickled_lexicon_keeps_its_person_names(tmp_path):
    import pickle

    path = tmp_path / "mine.toml"
    path.write_text('[EU]\nnames = ["EU"]\n\n[person_names]\nhonorifics = ["Begum"]\n')
    lexicon = pickle.loads(pickle.dumps(oa.load_lexicon(path)))
    assert lexicon.find("Begum Moscow") == []


def _bundled_sentences():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from mentions_eval import sentence_sets
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return [t for texts in sentence_sets(ROOT).values() for t in texts]


def _phrase_pattern(phrase: str) -> str:
    """The regex an ``exclude`` phrase stood for when phrases were searched as patterns: its words
    with any spaces between, either apostrophe, a plural s, whole words (the reference)."""
    core = r"\s+".join(re.escape(w) for w in phrase.split()).replace("'", "['’]").replace("’", "['’]")
    tail = r"(?![\w])" if not phrase.endswith(".") else r"(?![A-Za-z])"
    return rf"(?<![\w.]){core}s?{tail}"


def test_exclusion_by_strings_agrees_with_phrase_patterns_on_every_bundled_sentence():
    """Each exclude phrase is compared as a string around a match: a match is dropped by a phrase
    exactly where the phrase's pattern (whole words, any case, plural s) matches around it, the
    phrase's capitals before the alias being capitals in the text."""
    lexicon = oa.Lexicon.default()
    texts = _bundled_sentences() + ["the SOUTH CHINA SEA", "South China Sea-based", "Latin America's",
                                    "the latin american view", "Latin Americans and latin Americans"]
    patterns = {}
    for a in lexicon.actors.values():
        phrases = a.exclude + tuple(derived_phrases(a.exclude, a.aliases.get("names", ()),
                                                    a.aliases.get("demonyms", ())))
        patterns[a.key] = [(re.compile(_phrase_pattern(p), re.IGNORECASE), p)
                           for p in phrases]
    checked = 0
    for text in texts:
        if actors.normalize_for_matching(text)[0] != text:
            continue  # offsets of the text and of what the matcher sees differ
        expected = []
        for start, end, actor, _kind in lexicon._matcher.find(text):
            for rx, phrase in patterns.get(actor, []):
                if any(e.start() <= start and end <= e.end()
                       and all(e.group()[i].isupper() for i, c in enumerate(phrase[:start - e.start()])
                               if c.isupper())
                       for e in rx.finditer(text)):
                    expected.append((start, end))
                    break
        got = [(m.start, m.end) for m, rule in lexicon.dropped(text) if rule.endswith("exclude")]
        assert got == expected, text
        checked += bool(expected)
    assert checked > 50
