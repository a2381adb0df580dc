"""Role features: who does what to whom, read from the words around a target.

For a target span of a sentence (a power's mention), :func:`role_features` finds every
evaluative word (*cue*) of the sentence and names the target's role towards it:

* ``agent``: the target does it ("Russia threatens", "aid from China", "Pakistan, which
  the US bombed", "the US, which helps");
* ``patient``: it is done to the target ("was attacked", "sanctions on the US",
  "criticised China");
* ``owner``: the target's thing does it ("China's loans are a trap");
* ``reported``: the target only says it ("..., warns the US", "according to Russia"): a
  speaker is not the target of what it reports, so such cues give one unsigned feature
  ``reported`` and no score (and the model keeps only the words next to a speaker);
* ``than``: the target is the standard of a comparison ("more reliable than China");
* ``near``: none of these, nearby;
* ``across``: beyond a contrast marker ("but", "while", "unlike").

A cue's class comes from the cue lists of :mod:`oped_analysis.scoring.cues` (acts of
cooperation/conflict, praise/criticism), then the CAMEO verb dictionary (cooperation
roots 02-07, conflict roots 10-20; Schrodt 2012), then VADER's general lexicon. Its sign
is flipped by an odd number of negations before it ("never fails to support" stays
positive), by "halted / suspended / cut" before an act of cooperation, and by "less".
Relationship trends ("ties with X deteriorated"), scare quotes, questions and hedges
are features of their own; a cue after a modal ("may be considering new investment")
counts :data:`HEDGED` as much, and the one named after "by" in a passive ("X was attacked
by terrorists") is only ``near`` X. The features are counts (by role, cue class and sign); a
linear model (:mod:`oped_analysis.scoring.stance`) weighs them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import compress

from .cues import (
    CONTRAST,
    DETERIORATING,
    IMPROVING,
    NEGATORS,
    RELATION,
    REVERSERS,
    VADER_MIN,
    VADER_SCALE,
    _lexicon,
    _vader_lexicon,
    tokens,
)

#: Verbs and phrases by which someone reports rather than acts.
SPEECH = set("""
say says said saying warn warns warned warning claim claims claimed claiming argue argues argued
insist insists insisted allege alleges alleged note notes noted tell tells told assert asserts
asserted suggest suggests suggested believe believes believed maintain maintains maintained
contend contends contended complain complains complained announce announces announced
""".split())
#: Acts that undo a following act of cooperation ("halted aid", "suspended assistance").
STOPPERS = set("""
halt halts halted halting suspend suspends suspended suspending cut cuts cutting withhold withholds
withheld withdraw withdraws withdrew withdrawn freeze freezes froze frozen stop stops stopped end ends
ended cancel cancels cancelled canceled scrap scrapped slash slashed reduce reduced curtail curtailed
abandon abandoned abandons
""".split())
#: Words that negate what follows within a few words, beyond :data:`cues.NEGATORS`.
NEGATING = NEGATORS | {"fail", "fails", "failed", "failing", "less", "nothing", "none", "nobody", "deny",
                       "denies", "denied", "refuse", "refuses", "refused", "refusing", "miss", "misses",
                       "missed"} - {"lack", "lacks", "lacking"}
#: Forms of "to be": a past participle after them makes the subject the patient.
BE = {"is", "was", "were", "are", "been", "being", "be", "get", "got", "gets"}
RELATIVE = {"which", "who", "that"}
HEDGES = set("""
may might could perhaps possibly reportedly allegedly apparently unclear whether arguably
seemingly likely unlikely rumoured rumored speculation if
""".split())
AGENT_PREPOSITIONS = {"by", "from"}
PATIENT_PREPOSITIONS = {"on", "against", "at", "upon", "towards", "toward", "into", "over", "to",
                        "with", "for", "of"}
SKIP = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "'s", "s"}
BARRIERS = {";", ":"}
#: CAMEO roots (first two digits of the event code) read as cooperation / conflict.
#: 01 statements, 04 consultations, 08 yielding and 09 investigations are left out: they
#: are not favourable or unfavourable to the actor in themselves.
#: Of the rest, only aid (07) and the conflict roots that are unfavourable to their actor
#: in an op-ed (11 disapprove, 12 reject, 13 threaten, 16 reduce relations, 17 coerce,
#: 18 assault, 19 fight, 20 mass violence) are kept; the others (02 appeal, 05 diplomatic
#: cooperation, 10 demand, 14 protest, 15 force posture) are too often neutral in news.
CAMEO_COOPERATION = {7}
CAMEO_CONFLICT = {11, 12, 13, 16, 17, 18, 19, 20}
#: CAMEO verb forms that are mostly something else in news prose (hold talks, break
#: ground, contain, counter terrorism, express, claim, a fine friend, ...): left to the other lexicons.
CAMEO_AMBIGUOUS = set("""
hold holds holding held ring rings ringing rang rung break breaks breaking broke broken master circle
counter contain contains contained bill catch catches catching capture crack beat beats tend express
expressed claim claims claimed fill compete contrast differ moderate force forces reinforce overcome
overcomes overcame surround blow blew blowing hang hangs hung order ordered object objects check bar
bars demonstrate march rally rallies parade patrol issue lend guard enforce constrain constrains fine
""".split())
#: How far (in tokens) a cue may be from the target and still be ``near``.
REACH = 10


def _inflections(verb: str) -> set[str]:
    """The regular forms of an English verb (base, -s, -ed, -ing)."""
    stem = verb[:-1] if verb.endswith("e") else verb
    consonant_y = verb.endswith("y") and verb[-2] not in "aeiou"
    past = verb + "d" if verb.endswith("e") else (verb[:-1] + "ied" if consonant_y else verb + "ed")
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else (
        verb[:-1] + "ies" if consonant_y else verb + "s")
    return {verb, past, third, stem + "ing"}


@lru_cache(maxsize=1)
def cue_table() -> dict[str, tuple[str, float]]:
    """word -> (cue class, valence): the cue lists first, then CAMEO verbs, then VADER."""
    from ..resources import read_cameo_verbs

    _CUE_OF.clear()
    table: dict[str, tuple[str, float]] = {}
    for word, value in _vader_lexicon().items():
        if abs(value) >= VADER_MIN and word.isalpha():
            table[word] = ("lex", value / VADER_SCALE)
    try:
        verbs = read_cameo_verbs()
    except Exception:  # the data folder is missing: the cue lists and VADER still work
        verbs = None
    if verbs is not None:
        for verb, root in zip(verbs["verb"], verbs["root"]):
            kind = "act" if root in CAMEO_COOPERATION or root in CAMEO_CONFLICT else None
            if kind is None or len(verb) < 4 or verb in CAMEO_AMBIGUOUS:
                continue
            sign = 1.0 if root in CAMEO_COOPERATION else -1.0
            for form in _inflections(verb) - CAMEO_AMBIGUOUS:
                if form not in table or table[form][0] == "lex":
                    table[form] = (kind, sign)
    for word, (kind, value) in _lexicon().items():
        table[word] = ("act" if kind in ("cooperation", "conflict") else "judge", value)
    for word in SPEECH | NEGATING | BE:
        table.pop(word, None)
    for word in STOPPERS:
        table[word] = ("act", -1.0)
    for word in UNFAVOURABLE_TRAITS:
        table[word] = ("judge", -1.0)
    return table


#: word -> its cue (:func:`_lookup` in :func:`cue_table`) or None, filled as words are met:
#: one dictionary look-up per token instead of up to four.
_CUE_OF: dict[str, tuple[str, float] | None] = {}


def _cue_of(word: str):
    """:func:`_lookup` of ``word`` in :func:`cue_table`, remembered (relation words are no cue)."""
    try:
        return _CUE_OF[word]
    except KeyError:
        entry = None if word in PURE_RELATION else _lookup(cue_table(), word)
        _CUE_OF[word] = entry
        return entry


@lru_cache(maxsize=4096)
def analyse(sentence: str) -> tuple:
    """Per-sentence work shared by every target of the sentence: tokens, cue classes and
    signs (after negation), scare-quoted spans, question and hedge flags, each token's
    start and end (to find a target's tokens by bisection), :func:`_debunkers`, and whether
    a relationship word occurs (for :func:`_trend`).

    A cue is ``(token index, word, class, signed value, negated, ironic, hedged)``; hedged:
    after a modal (:data:`MODALS`) within five words; then what :func:`role_features` reads
    of it for every target: the word as shown (``not`` before a negated one), its strength
    (:data:`HEDGED` applied) and ``class±``."""
    toks = tokens(sentence)
    words, starts, ends = zip(*toks) if toks else ((), (), ())
    table = cue_table()
    quoted = _quoted(words)
    try:                                  # one C-level look-up per token in the memo
        entries = list(map(_CUE_OF.__getitem__, words))
    except KeyError:                      # a word met for the first time: remembered
        for w in set(words).difference(_CUE_OF):
            _cue_of(w)
        try:
            entries = list(map(_CUE_OF.__getitem__, words))
        except KeyError:                  # the memo was cleared meanwhile (cue_table rebuilt)
            entries = list(map(_cue_of, words))
    if "by" in words:
        for i in range(1, len(words)):
            if words[i] == "by" and words[i - 1] in STAND:
                entries[i] = ("act", 1.0)     # "stands by", "stood by": support
    found = []
    # most sentences have no negation at all: then no cue is negated (:func:`_negations`)
    negations = not NEGATING.isdisjoint(words) or "n't " in " ".join(words) + " "
    for i in compress(range(len(words)), entries):  # the tokens that are cues (most are not)
        w = words[i]
        kind, value = entries[i]
        if w in STOPPERS and any(table.get(x, ("", 0))[1] > 0 for x in words[i + 1:i + 4]):
            continue                      # "halted aid": the stopped act carries the sign
        flips = _negations(words, i) if negations else 0
        before = words[i - 3 if i > 3 else 0:i]
        if value < 0 and not REVERSERS.isdisjoint(before):
            flips += 1
        stopped = value > 0 and kind == "act" and not STOPPERS.isdisjoint(before)
        found.append((i, w, kind, value * (-1) ** (flips + stopped), bool(flips % 2) or stopped))
    zones = _zones(words)
    ironic = quoted | _ironic(words, found, zones)
    cues = []
    for i, w, kind, value, negated in found:
        hedged = not MODALS.isdisjoint(words[max(0, i - 5):i])
        cues.append((i, w, kind, value, negated, i in ironic, hedged, "not " + w if negated else w,
                     abs(value) * HEDGED if hedged else abs(value), kind + ("+" if value > 0 else "-")))
    return (words, tuple(cues), sentence.rstrip().endswith("?"),
            sum(map(HEDGES.__contains__, words)), zones, starts, ends, _debunkers(words),
            not RELATION_WORDS.isdisjoint(words))


#: Markers that open a subordinate contrast at the start of a sentence ("Unlike X, ...").
OPENING_CONTRAST = {"unlike", "while", "whereas", "although", "though", "despite"}


def _zones(words: list[str]) -> tuple[int, ...]:
    """A contrast zone per token: a new zone starts at each contrast marker; an opening
    "Unlike X, (which ...,) ..." ends at the first comma not followed by a relative pronoun."""
    opening = bool(words) and words[0] in OPENING_CONTRAST
    if not opening and ZONE_MARKERS.isdisjoint(words[1:]):
        return (0,) * len(words)          # no marker: one zone (most sentences)
    zones, zone = [], 0
    for i, w in enumerate(words):
        if w in ZONE_MARKERS and i > 0:
            zone += 1
        elif opening and w == "," and (i + 1 >= len(words) or words[i + 1] not in RELATIVE):
            zone += 1
            opening = False
        zones.append(zone)
    return tuple(zones)


#: Traits of a state as a partner that general lexicons miss (judgements of the one described).
UNFAVOURABLE_TRAITS = set("""
unreliable untrustworthy treacherous duplicitous hypocritical belligerent expansionist predatory
imperialist irresponsible fickle unpredictable
""".split())
#: Words by which the author rejects a claim ("the claim that X helped is a myth").
DEBUNK = set("""
myth myths fiction fantasy lie lies false falsehood nonsense propaganda illusion delusion untrue
otherwise hollow
""".split())
#: Nouns introducing a claim the author may reject.
CLAIM = {"claim", "claims", "notion", "idea", "talk", "story", "narrative", "pretence", "pretense"}
#: Trend words beyond :data:`cues.IMPROVING` / :data:`cues.DETERIORATING`.
IMPROVING_MORE = {"stronger", "strong", "warmer", "warm", "closer", "thriving", "blossomed", "flourished"}
DETERIORATING_MORE = {"tense", "colder", "cold", "frayed", "fraught", "sour", "rocky", "plummeted", "hit"}
#: Contrast markers that separate zones (cues.CONTRAST plus "while", which in op-eds mostly
#: sets one party against another).
ZONE_MARKERS = CONTRAST | {"while", "whereas"}

#: "stand by X" is support; the "by" carries the cue.
STAND = {"stand", "stands", "stood", "standing"}
#: Relationship words with no valence of their own (unlike cooperation, friendship, ...).
PURE_RELATION = {"relation", "relations", "relationship", "relationships", "ties", "tie", "bond", "bonds"}


def _lookup(table: dict, word: str):
    """A word's cue, trying its singular / uninflected form ("offers", "bullies", "China's")."""
    entry = table.get(word)
    if entry is None and word.endswith("'s"):
        entry = table.get(word[:-2])
    if entry is None and word.endswith("ies"):
        entry = table.get(word[:-3] + "y")
    if entry is None and len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        entry = table.get(word[:-1])
    return entry


#: Words by which a later zone refutes what came before ("..., but the record shows otherwise").
REFUTING = {"otherwise", "untrue", "false", "wrong"}


def _debunked(zones, i: int, where: tuple) -> bool:
    """The author rejects the claim holding the cue: a claim noun before the target and a
    debunking word after the cue ("The claim that X helped ... is a myth"), or "but ...
    otherwise / untrue" after the cue's zone ("Critics say X bombed ..., but the record
    shows otherwise"). ``where``: whether a claim noun stands before the target, and
    :func:`_debunkers` of the sentence."""
    claimed, debunking, refuting = where
    if claimed and any(j > i for j in debunking):
        return True
    return any(j > i and zones[j] > zones[i] for j in refuting)


def _debunkers(words) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the debunking and refuting words of a sentence are (for :func:`_debunked`)."""
    if DEBUNK.isdisjoint(words) and REFUTING.isdisjoint(words):
        return (), ()
    return (tuple(j for j, w in enumerate(words) if w in DEBUNK),
            tuple(j for j, w in enumerate(words) if w in REFUTING))


#: Words that present the next ones as a label the author rejects ("so-called aid").
SO_CALLED = {"so-called", "supposed", "self-styled", "self-proclaimed", "vaunted"}
#: Openings of an exclamation ("What a fine friend X has been, ...").
EXCLAMATIONS = {("what", "a"), ("what", "an"), ("such", "a")}


def _ironic(words: list[str], found: list[tuple], zones: tuple[int, ...]) -> set[int]:
    """Indices of cues read as irony beyond scare quotes: the two words after "so-called"
    (:data:`SO_CALLED`), and the praise in an exclamation's opening clause when the rest
    of the sentence, on the same side of any contrast, tells of a hostile act ("What a fine
    friend X has been, bullying ...": the act contradicts the praise; not "..., despite
    sanctions by Y")."""
    ironic = set() if SO_CALLED.isdisjoint(words) else {
        j for k, w in enumerate(words) if w in SO_CALLED for j in (k + 1, k + 2)}
    if tuple(words[:2]) not in EXCLAMATIONS or words[-1] == "?":
        return ironic
    opening = words.index(",") if "," in words else len(words)
    if any(kind == "act" and value < 0 and i > opening and zones[i] == 0 for i, _, kind, value, _ in found):
        ironic.update(i for i, _, _, value, _ in found if i < opening and value > 0)
    return ironic


QUOTE_MARKS = {"'", '"', "‘", "’", "“", "”"}


def _quoted(words: list[str]) -> set[int]:
    """Indices of words inside quotation marks of at most four words (scare quotes), and
    the word right after the closing mark."""
    if QUOTE_MARKS.isdisjoint(words):
        return set()
    marks = [i for i, w in enumerate(words) if w in QUOTE_MARKS]
    inside = set()
    for a, b in zip(marks, marks[1:]):
        if 0 < b - a - 1 <= 4:
            inside.update(range(a + 1, b))
            if b + 1 < len(words) and words[b + 1].isalpha():
                inside.add(b + 1)         # the head noun of a scare-quoted adjective: "'generous' aid"
    return inside


def _negations(words: list[str], i: int, window: int = 7) -> int:
    """How many negations stand in the ``window`` words before token ``i``, within its phrase.
    A negation extends the search by three words, so chained ones ("no one can deny that",
    "never fails to") are counted together and cancel."""
    count, j, lowest = 0, i - 1, max(0, i - window)
    while j >= lowest:
        w = words[j]
        if w in {",", ";", ":", "but", "."}:
            break
        if w in NEGATING or w.endswith("n't"):
            count += 1
            lowest = max(0, min(lowest, j - 3))
        j -= 1
    return count


def _role(words, zones, i: int, t0: int, t1: int, prep: str) -> str:
    """The target's role towards the cue at token ``i`` (see the module's docstring); ``prep``:
    :func:`_preposition` of the target."""
    lo, hi = (t1 + 1, i) if i > t1 else (i + 1, t0)
    between = words[lo:hi]
    if not BARRIERS.isdisjoint(between):
        return ""
    if zones[i] != zones[t0]:
        # "X talks of partnership, but it bombs ...": the pronoun continues the target
        start_of_zone = zones.index(zones[i])     # zones never decrease
        if i > t1 and start_of_zone + 1 < len(words) and words[start_of_zone + 1] in {"it", "they"}:
            return "agent"
        return "across"
    if i > t1:
        if not SPEECH.isdisjoint(between) or prep == "to" and t0 >= 2 and words[t0 - 2] == "according":
            return "reported"
        if between and between[0] in ("'s", "s") or t1 + 1 < len(words) and words[t1].endswith("'s"):
            return "owner" if len(between) > 1 else "agent"
        if words[t1].endswith("'s") and len(between) >= 1:
            return "owner"
        if not BE.isdisjoint(between[-3:]) and words[i].endswith(("ed", "en")):
            return "patient"
        if "by" in between and not BE.isdisjoint(between[:between.index("by")]):
            return "near"       # "X was attacked by terrorists": the one after "by" acts, not X
        if tuple(between[:2]) in ((",", "which"), (",", "who")) or tuple(between[:1]) == ("which",):
            return "agent"
        if prep == "than":
            return "than"
        if prep in PATIENT_PREPOSITIONS or prep in cue_table():
            return "near" if len(between) > 2 else "patient"
        return "agent" if len(between) <= REACH else "near"
    # the cue comes before the target
    speaks_after = not SPEECH.isdisjoint(words[t1 + 1:t1 + 3]) and len(between) > 1
    if speaks_after or not SPEECH.isdisjoint(between):
        return "reported"
    if prep == "than" or "than" in between:
        return "than"
    if prep in AGENT_PREPOSITIONS:
        return "agent"
    if not RELATIVE.isdisjoint(between) and len(between) <= 4:
        return "agent"          # "Pakistan, which the US bombed": the target is the relative's subject
    if len(between) <= 3 or prep in PATIENT_PREPOSITIONS:
        return "patient"
    return "near" if len(between) <= REACH else ""


def _preposition(words, t0: int) -> str:
    """The word before the target (token ``t0``), articles and possessives skipped (three words back)."""
    for w in reversed(words[max(0, t0 - 3):t0]):
        if w not in SKIP:
            return w
    return ""


RELATION_WORDS = frozenset(RELATION)
IMPROVING_SET = frozenset(IMPROVING) | IMPROVING_MORE
DETERIORATING_SET = frozenset(DETERIORATING) | DETERIORATING_MORE


def _trend(words, t0: int, t1: int) -> tuple[float, str]:
    """A relationship the target is party to, qualified by a trend word: (+1/-1, words) or (0, '')."""
    rel = [j for j in range(max(0, t0 - 5), min(len(words), t1 + 6)) if words[j] in RELATION_WORDS]
    if not rel:
        return 0.0, ""
    j = rel[0]
    up, down = IMPROVING_SET, DETERIORATING_SET
    trends = [k for k in range(max(0, j - 8), min(len(words), j + 9)) if words[k] in up or words[k] in down]
    if not trends:
        return 0.0, ""
    k = min(trends, key=lambda x: abs(x - j))
    sign = 1.0 if words[k] in up else -1.0
    sign *= (-1) ** _negations(words, k, 3)
    return sign, f"{words[k]} {words[j]}"


#: What a cue says about the target, by the target's role and the cue's class (the
#: codebook: acts count for their actor, not against their victim; praise and criticism
#: count for the one judged; a speaker is not the target of what they report; the
#: standard of a comparison gets the opposite; general words nearby count a little).
ROLE_EFFECT = {
    ("agent", "act"): 1.0, ("agent", "judge"): 0.5, ("agent", "lex"): 0.6,
    ("owner", "act"): 0.8, ("owner", "judge"): 0.5, ("owner", "lex"): 0.6,
    ("patient", "judge"): 1.0, ("patient", "lex"): 0.4,
    ("near", "lex"): 0.25, ("near", "judge"): 0.25, ("near", "act"): 0.25,
    ("than", "act"): -0.8, ("than", "judge"): -0.8, ("than", "lex"): -0.8,
}
#: A cue in scare quotes ("'generous' aid") is read as irony: its effect reversed.
QUOTED = -1.0
#: Words that make what follows a possibility rather than a fact, and how much such a cue counts.
MODALS = {"may", "might", "could", "perhaps", "possibly", "whether", "if", "considering", "mulling"}
HEDGED = 0.3
#: After "but" the author's own view comes: an act of the target there counts more.
BUT_EMPHASIS = 1.5
AUXILIARIES = {"has", "have", "had", "did", "does", "do", "is", "was", "are", "were", "can", "could",
               "will", "would", "should"}
#: A victim is not portrayed badly by a hostile act done to it, but being helped says a little.
PATIENT_ACT = {1: 0.3, -1: 0.0}


def role_effect(role: str, kind: str, value: float) -> float:
    """The signed contribution of one cue to the target's stance (:data:`ROLE_EFFECT`)."""
    if role == "patient" and kind == "act":
        return value * PATIENT_ACT[1 if value > 0 else -1]
    return value * ROLE_EFFECT.get((role, kind), 0.0)


def role_features(sentence: str, start: int, end: int) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The features of the target ``sentence[start:end]`` and the words behind each.

    Keys: ``{role}:{class}{sign}`` (classes ``act`` for cooperation/conflict, ``judge`` for
    praise/criticism, ``lex`` for general sentiment words; sign ``+``/``-`` after negation),
    the same prefixed ``q:`` in a question and ``quoted:`` in scare quotes, ``neg:`` for
    negated cues, ``trend+``/``trend-``, ``hedge``, ``question``, ``subject`` (the target
    opens its clause), ``none`` (no cue at all).
    """
    words, found, question, hedges, zones, starts, ends, (debunking, refuting), related = analyse(sentence)
    # the target's tokens: those with s < end and e > start (tokens are ordered and disjoint)
    t0, t1 = bisect_right(ends, start), bisect_left(starts, end) - 1
    if t0 > t1:
        return {"none": 1.0}, {}
    feats: dict[str, float] = {}
    why: dict[str, list[str]] = {}
    get = feats.get

    def add(key: str, value: float, word: str = "") -> None:
        feats[key] = get(key, 0.0) + value
        if word:
            why.setdefault(key, []).append(word)

    if debunking or refuting:
        # a claim noun before the target, and the sentence's debunking and refuting words
        debunkers = (not CLAIM.isdisjoint(words[max(0, t0 - 4):t0]), debunking, refuting)
    prep = _preposition(words, t0)
    # add() written out for the features of every cue (the same keys in the same order)
    for i, word, kind, value, negated, quoted, hedged, shown, strength, signed_kind in found:
        if t0 <= i <= t1:
            continue
        role = _role(words, zones, i, t0, t1, prep)
        if not role:
            continue
        if (debunking or refuting) and _debunked(zones, i, debunkers):
            value = -value
            signed_kind = kind + ("+" if value > 0 else "-")
            add("debunked", 1.0, word)
        if kind == "lex" and role in ("near", "across") and abs(i - t0) > REACH:
            continue
        if role == "reported":
            # a speaker is not the target of what it reports: one unsigned feature, no score
            add("reported", 1.0, shown)
            continue
        key = role + ":" + signed_kind
        feats[key] = get(key, 0.0) + strength           # strength: HEDGED if hedged ("may be
        why.setdefault(key, []).append(shown)           # considering new investment": not yet an act)
        key_word = role + "=" + shown
        feats[key_word] = get(key_word, 0.0) + 1.0
        effect = role_effect(role, kind, value) * (QUOTED if quoted else 1.0)
        if hedged:
            effect *= HEDGED
        if role == "agent" and zones[i] > zones[t0]:
            effect *= BUT_EMPHASIS
        if effect:
            feats["score"] = get("score", 0.0) + effect
        if negated:
            add("neg:" + key, strength)
        if question:
            add("q:" + key, strength)
        if quoted:
            add("quoted:" + key, strength, word)
    sign, trend_words = _trend(words, t0, t1) if related else (0.0, "")
    if sign:
        add("trend+" if sign > 0 else "trend-", 1.0, trend_words)
        add("score", sign)
    if hedges:
        add("hedge", float(hedges))
    if question:
        add("question", 1.0)
    if t0 == 0 or words[t0 - 1] in {",", ";", "the"} and t0 <= 1:
        add("subject", 1.0)
    if not found:
        add("none", 1.0)
    total = feats.get("score", 0.0)
    if question and words and words[0] in AUXILIARIES and "ever" in words:
        total = -total                    # "Has X ever helped ...?" expects the answer no
        add("yes-no question", 1.0)
    if hedges:
        add("hedge:score", total)
    feats["score"] = max(-2.0, min(2.0, total))
    feats["score+" if total > 0 else "score-"] = 1.0 if abs(total) >= 0.2 else 0.0
    return feats, why


STOP = set("""
the a an of to in and or for on at by with from as is was were are be been it its this that these
those their his her they he she we our us i you your , . ; : ' " ( ) - 's
""".split())


@lru_cache(maxsize=4096)
def _content_words(sentence: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """The words of ``sentence`` not in :data:`STOP`, with their starts and ends."""
    kept = [t for t in tokens(sentence) if t[0] not in STOP]
    return tuple(zip(*kept)) if kept else ((), (), ())


def word_sides(sentence: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content words left of the target ``[start, end)`` and right of it (the target's own left out)."""
    words, starts, ends = _content_words(sentence)
    return words[:bisect_right(ends, start)], words[bisect_left(starts, end):]


#: How many words left and right of the target give ``L:`` / ``R:`` features.
WINDOW = 4


def word_features(sentence: str, start: int, end: int, window: int = WINDOW) -> dict[str, float]:
    """The words of the sentence (``w:``) and those within ``window`` tokens left (``L:``)
    and right (``R:``) of the target, the target itself left out: how things are said."""
    feats: dict[str, float] = {}
    left, right = word_sides(sentence, start, end)
    for w in left + right:
        feats["w:" + w] = 1.0
    for w in left[-window:]:
        feats["L:" + w] = 1.0
    for w in right[:window]:
        feats["R:" + w] = 1.0
    return feats
