"""General cue lexicons and the target's grammatical context, shared by stance methods.

The word lists are general, not fitted to any test sentence. They follow two standard
sources: the cooperation/conflict event classes of international-relations event coding
(CAMEO: appeal, cooperate, aid, praise ... versus reject, threaten, sanction, attack,
criticise), and the codebook's frame definitions. Words outside the lists fall back
to VADER's general-purpose valence lexicon (scaled to -1..1), so a method is never blind
to ordinary evaluative words.

:func:`frame` names a mention's frame from keyword lists kept as data
(``data/frames.toml``: the codebook's words, the Comparative Agendas Project's topics and a
few themes, mapped to the codebook's frames; measured by ``bench/frames_eval.py``).

:func:`cues` finds every cue in a sentence and says how it bears on a target span:
the target's *role* towards the cue (agent, patient, party to a relation, or just
nearby), whether a negation flips it, and a weight for distance and contrast. Stance
methods combine these (``rules`` by a fixed rule, ``model`` as features).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..vocab import FRAMES as FRAME_NAMES

# --- lexicons -----------------------------------------------------------------------

#: Acts of cooperation, support and help: favourable to whoever does them.
COOPERATION = """
aid aided aiding assist assisted assisting assistance back backed backing benefit beneficial
collaborate collaborated collaborating collaboration cooperate cooperated cooperates cooperating
cooperation cooperative defend defended defending donate donated engage engaged
engagement facilitate facilitated friend friends friendly friendship generous grant granted help
helped helpful helping invest invested investing investment investments mediate mediated mediation
mutual mutually offer offered partner partners partnership peaceful pledge pledged promote promoted
protect protected reassure reassured reconcile reconciliation respect respected stabilise stabilize
support supported supporting supportive supports sustain trust trusted trustworthy credible
ally allies alliance reliable loyal favour favor goodwill welcome welcomed
""".split()

#: Acts of conflict, coercion and harm: unfavourable to whoever does them, not to their
#: victims (a sanctioned or attacked country is not portrayed badly by that alone).
CONFLICT = """
aggression aggressive annex annexed attack attacked attacking attacks bomb bombed bombing
coerce coerced coercion coercive cut curtail curtailed deny denied destabilise destabilize
embargo expel expelled halt halted halting hostile hostility infiltrate infiltrated interfere
interfered interference intimidate invade invaded invasion kill killed killing killings mercenary
occupation occupied occupy pressure pressured pressuring raid refuse refused reject rejected
retaliate retaliation revenge sanction sanctioned sanctions seize seized spy strike struck suspend
suspended threaten threatened threatening threat threats violate violated violation withhold
withheld withdraw withdrew stop stopped undermine undermined bully bullied bullies bullying hegemony betray
betrayed exploit exploited punish punished coerce harbour harbouring harbor harboring abandon abandoned
abandons
""".split()

#: Judgements: favourable or unfavourable both to the judge (supportive / hostile) and,
#: unlike acts, to the one judged (praised / criticised).
PRAISE = """
admire admired applaud applauded appreciate appreciated appreciates commend commended endorse
endorsed hail hailed laud lauded praise praised salute saluted thank thanked acknowledge
acknowledged recognise recognised recognize recognized
""".split()
CRITICISM = """
accuse accused accuses blame blamed blames censure censured condemn condemned condemns criticise
criticised criticize criticized criticism denounce denounced lambast lambasted rebuke rebuked
slam slammed tirade scold scolded warn warned chastise chastised rant
""".split()

#: Words naming a relationship between states; with a trend word, the trend is the stance
#: towards every party of the relationship (improving -> favourable).
RELATION = """
relation relations relationship relationships ties tie bond bonds cooperation partnership
friendship alliance rapprochement engagement
""".split()
IMPROVING = """
improve improved improving improvement grow grew growing growth strengthen strengthened
strengthening deepen deepened deepening deeper enhance enhanced enhancing expand expanded expanding
boost boosted warm warming renew renewed revive revived upgrade upgraded closer better best good
high cement cemented consolidate consolidated fresh
""".split()
DETERIORATING = """
deteriorate deteriorated deteriorating deterioration decline declined declining weaken weakened
weakening strain strained straining sour soured worsen worsened worsening eclipse eclipsed low
lowest constraint constraints tension tensions frosty rift downturn freeze frozen cooling crisis
breakdown minimise minimize minimised minimized downgrade downgraded undesirable setback troubled
worse bitter rupture
""".split()

#: Words that flip the cue that follows within a few words.
NEGATORS = set("""
not no never neither nor cannot without hardly barely scarcely lack lacks lacking n't nt
""".split())
#: Removing or fighting something bad is good: a negative cue right after these flips.
REVERSERS = set("""
against counter countering combat combating combatting fight fighting lift lifted lifting ease
eased end ended ending curb curbing resolve resolved eliminate eliminating defeat defeating remove
removed prevent preventing tackle tackling
""".split())
#: A contrast marker: what lies beyond it does not describe the target's side.
CONTRAST = {"but", "however", "yet", "whereas", "although", "though", "unlike", "despite"}
#: A target right after these is the object of the phrase (patient), not the actor.
PATIENT_PREPOSITIONS = {"on", "against", "at", "upon", "towards", "toward", "into", "over"}
#: A target right after these is the actor ("support from X", "aid by X").
AGENT_PREPOSITIONS = {"by", "from"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}

#: The frames with keywords, in the codebook's tie-breaking order (without "other").
FRAME_ORDER = FRAME_NAMES[:-1]
#: Where the frame keywords are kept (a TOML file; its header says how it is read).
FRAMES_FILE = "data/frames.toml"


def inflections(word: str, verb: bool = False) -> set[str]:
    """``word``, its plural / third person (-s, -es, -ies) and possessive ('s), and for a verb
    its -ed and -ing forms: the regular English endings, so a list names a word once.
    Irregular forms and doubled consonants (patrolled) are listed as words of their own."""
    consonant_y = word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou"
    if consonant_y:
        plural = word[:-1] + "ies"
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        plural = word + "es"
    else:
        plural = word + "s"
    forms = {word, plural, word + "'s"}
    if verb:
        past = word[:-1] + "ied" if consonant_y else word + "d" if word.endswith("e") else word + "ed"
        stem = word[:-1] if word.endswith("e") and not word.endswith("ee") else word
        forms |= {past, stem + "ing"}
    return forms


def load_frames(path=None, *, sources=None, inflect: bool = True) -> dict[str, list[str]]:
    """Frame -> its keywords (every form, sorted), from ``path`` or the shipped ``data/frames.toml``.

    Each table of the file is one source of words with a list per frame; ``[forms]`` names the
    verbs (which also get -ed and -ing), the words not inflected, and the words allowed in two
    frames. ``sources``: the tables to read (default all), ``inflect=False``: the words as
    written; both to measure what a source or the inflections add (``bench/frames_eval.py``).
    Raises :class:`~oped_analysis.errors.OpedAnalysisError` naming the file on an unreadable
    file, an unknown frame, or a word listed in two frames without being ``shared``.
    """
    import tomllib
    from importlib import resources

    from ..errors import OpedAnalysisError

    if path is None:
        name, text = f"oped_analysis/{FRAMES_FILE}", resources.files("oped_analysis").joinpath(
            FRAMES_FILE).read_text(encoding="utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise OpedAnalysisError(f"{name}: cannot read the frame keywords ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OpedAnalysisError(f"{name}: not a valid TOML file of frame keywords ({exc})") from None
    tables = {source: table if isinstance(table, dict) else {"": table} for source, table in data.items()}
    forms = tables.pop("forms", {})
    lists = [(source, key, words) for source, table in [("forms", forms), *tables.items()]
             for key, words in table.items() if key != "about"]
    for source, key, words in lists:
        if source == "forms" and key not in ("verbs", "uninflected", "shared"):
            raise OpedAnalysisError(f"{name}: [forms] has {key!r}; it takes verbs, uninflected and shared")
        if source != "forms" and key not in FRAME_ORDER:
            raise OpedAnalysisError(f"{name}: [{source}] lists words for {key!r}, which is not a frame; "
                                    f"the frames are {', '.join(FRAME_ORDER)}")
        if not (isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)):
            raise OpedAnalysisError(f"{name}: [{source}] {key} must be a list of words, "
                                    f"e.g. {key} = [\"navy\"]")
    verbs, fixed, shared = ({w.strip().lower() for w in forms.get(key, [])}
                            for key in ("verbs", "uninflected", "shared"))
    frame_of: dict[str, set[str]] = {}
    for source, frame_name, words in lists:
        if source == "forms" or (sources is not None and source not in sources):
            continue
        for word in words:
            frame_of.setdefault(word.strip().lower(), set()).add(frame_name)
    twice = sorted(w for w, fs in frame_of.items() if len(fs) > 1 and w not in shared)
    if twice:
        raise OpedAnalysisError(f"{name}: words in two frames without being [forms].shared: "
                                f"{', '.join(twice)}")
    out: dict[str, set[str]] = {f: set() for f in FRAME_ORDER}
    for word, frame_names in frame_of.items():
        for f in frame_names:
            out[f] |= {word} if word in fixed or not inflect else inflections(word, word in verbs)
    return {f: sorted(words) for f, words in out.items()}


#: The keywords of each frame, every form (see :data:`FRAMES_FILE`, read by :func:`load_frames`).
FRAMES = load_frames()

# --- weights ------------------------------------------------------------------------

#: Strength of a cue from the lists above (VADER's valences are scaled into the same range).
LIST_WEIGHT = 1.0
#: Cues outside the target's clause count this much (0 beyond a contrast marker).
OUTSIDE_CLAUSE = 0.4
#: VADER valences (-4..4) are divided by this; only |valence| >= VADER_MIN counts.
VADER_SCALE = 4.0
#: General (VADER) words count only within this many tokens of the target.
LEXICON_REACH = 12
VADER_MIN = 0.5

TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\w\s]")


@dataclass(frozen=True)
class Cue:
    """One cue word and how it bears on the target."""

    word: str
    kind: str       # cooperation, conflict, praise, criticism, relation+, relation-, lexicon
    valence: float  # sign and strength before role, negation and weight
    role: str       # agent, patient, party, near
    negated: bool
    weight: float   # clause / contrast weight
    effect: float   # the signed contribution to the target's stance
    position: int = -1  # character offset of the cue word in the sentence

    def describe(self) -> str:
        flags = ["not" if self.negated else "", self.role]
        return f"{self.word}({self.kind},{','.join(f for f in flags if f)}){self.effect:+.2f}"


@lru_cache(maxsize=1024)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(lower-cased token, start, end)`` for the words and punctuation of ``text`` (cached:
    the methods read each sentence once per actor)."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # a letter that lower-cases to two: lower each token on its own
        return tuple((m.group().lower().replace("’", "'"), m.start(), m.end()) for m in TOKEN.finditer(text))
    # every character lower-cased to one, so a token lower-cased is the lower-cased text's slice
    # (no token holds the one letter lower-cased by context, the final sigma: tokens are ASCII
    # words, digits, or one non-word character)
    return tuple((low[a:b], a, b) for a, b in map(re.Match.span, TOKEN.finditer(text)))


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    from .vader import analyzer

    return dict(analyzer().lexicon)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, float]]:
    table: dict[str, tuple[str, float]] = {}
    for kind, words, sign in (("cooperation", COOPERATION, 1), ("conflict", CONFLICT, -1),
                              ("praise", PRAISE, 1), ("criticism", CRITICISM, -1)):
        for w in words:
            table[w] = (kind, sign * LIST_WEIGHT)
    return table


def _word_cue(word: str, vader_min: float = VADER_MIN) -> tuple[str, float] | None:
    """The cue class and valence of one word, from the lists or VADER's lexicon."""
    if word in _lexicon():
        return _lexicon()[word]
    base = word[:-2] if word.endswith("'s") else word
    if base in _lexicon():
        return _lexicon()[base]
    valence = _vader_lexicon().get(base)
    if valence is not None and abs(valence) >= vader_min:
        return "lexicon", valence / VADER_SCALE
    return None


def _segments(toks: list[tuple[str, int, int]], lo: int, hi: int) -> list[int]:
    """Index of the clause segment of each token: 0 inside ``[lo, hi)``, else -1/+1 side."""
    return [0 if lo <= s < hi else (-1 if s < lo else 1) for _, s, _ in toks]


def cues(sentence: str, start: int, end: int, *, lexicon_reach: int = LEXICON_REACH,
         vader_min: float = VADER_MIN) -> list[Cue]:
    """Every cue of ``sentence`` and its signed effect on the target ``[start, end)``.

    ``lexicon_reach`` and ``vader_min``: see :data:`LEXICON_REACH` and :data:`VADER_MIN`.

    An empty span (``start == end``) scores the sentence without a target: every cue
    counts at its valence, with negation and reversal (role ``sentence``).
    """
    from ..text import clause_span

    toks = tokens(sentence)
    words = [t[0] for t in toks]
    if start >= end:
        return _sentence_cues(words, vader_min)
    target = [i for i, (_, s, e) in enumerate(toks) if s < end and e > start]
    if not target:
        return []
    t0, t1 = target[0], target[-1]
    lo, hi = clause_span(sentence, start, end)
    side = _segments(toks, lo, hi)
    # the phrase around the target, between commas / contrast markers
    left = t0
    while left > 0 and words[left - 1] not in {",", ";", ":"}:
        left -= 1
    opens_with_contrast = any(w in CONTRAST or (w == "contrast" and i > left and words[i - 1] == "in")
                              for i, w in enumerate(words[left:t0], start=left))
    before = [w for w in words[max(0, t0 - 2):t0] if w not in DETERMINERS]
    prep = before[-1] if before else ""
    # the object of a preceding act ("attacked X and killed ...") is not the subject of what follows
    target_is_patient_pp = (prep in PATIENT_PREPOSITIONS
                            or (prep in _lexicon() and _lexicon()[prep][0] != "lexicon"))
    target_is_agent_pp = prep in AGENT_PREPOSITIONS
    trend = _relation_trend(words, t0, t1, side)
    relation_party = trend is not None

    found: list[Cue] = []
    relation_done = False
    for i, word in enumerate(words):
        if t0 <= i <= t1:
            continue
        weight = 1.0 if side[i] == 0 else OUTSIDE_CLAUSE
        if _contrast_between(words, i, t0, t1) or (opens_with_contrast and _crosses_comma(words, i, t0, t1)):
            weight = 0.0
        if word in RELATION and relation_party and trend and not relation_done:
            relation_done = True
            sign, trend_word, negated = trend
            found.append(Cue(f"{trend_word} {word}", "relation+" if sign > 0 else "relation-", sign,
                             "party", negated, weight, sign * weight * (-1 if negated else 1), toks[i][1]))
            continue
        if relation_party and trend and (word in IMPROVING or word in DETERIORATING):
            continue                  # already counted as the relationship's trend
        cue = _polarised_cue(words, i, vader_min)
        if cue is None:
            continue
        kind, valence, flipped, signed = cue
        role = _role(i, t0, t1, words, target_is_patient_pp, target_is_agent_pp)
        effect = signed * weight
        if role in ("patient", "near") and kind in ("conflict", "cooperation") and signed < 0:
            effect = 0.0              # a victim (or bystander) is not portrayed badly by an act
        elif role in ("patient", "near") and kind in ("cooperation", "lexicon"):
            effect *= 0.5             # receiving help, or a word nearby, says less about the target
        elif role == "near":
            effect *= 0.5
        if kind == "lexicon" and min(abs(i - t0), abs(i - t1)) > lexicon_reach:
            effect = 0.0              # a general sentiment word far from the target describes something else
        found.append(Cue(word, kind, valence, role, flipped, weight, effect, toks[i][1]))
    return found


def _polarised_cue(words: list[str], i: int,
                   vader_min: float = VADER_MIN) -> tuple[str, float, bool, float] | None:
    """The cue at token ``i``: ``(kind, valence, flipped, signed valence)``, or None.

    A negation before it ("not", "never") or a reverser before a negative word ("against
    terrorism") flips its sign.
    """
    entry = _word_cue(words[i], vader_min)
    if entry is None:
        return None
    kind, valence = entry
    negated = _negated(words, i)
    reversed_ = valence < 0 and any(w in REVERSERS for w in words[max(0, i - 3):i])
    return kind, valence, negated or reversed_, valence * (-1 if negated else 1) * (-1 if reversed_ else 1)


def _sentence_cues(words: list[str], vader_min: float = VADER_MIN) -> list[Cue]:
    found = []
    for i, word in enumerate(words):
        cue = _polarised_cue(words, i, vader_min)
        if cue is not None:
            kind, valence, flipped, signed = cue
            found.append(Cue(word, kind, valence, "sentence", flipped, 1.0, signed))
    return found


def _role(i: int, t0: int, t1: int, words: list[str], patient_pp: bool, agent_pp: bool) -> str:
    """The target's role towards the cue at token ``i``."""
    if i > t1:          # cue after the target: the target is usually its subject
        if patient_pp:
            return "near"
        return "agent"
    # cue before the target
    if agent_pp:
        return "agent"
    between = [w for w in words[i + 1:t0] if w not in DETERMINERS]
    if patient_pp or len(between) <= 2:
        return "patient"
    return "near"


def _contrast_between(words: list[str], i: int, t0: int, t1: int) -> bool:
    span = words[i + 1:t0] if i < t0 else words[t1 + 1:i]
    return any(w in CONTRAST for w in span)


def _crosses_comma(words: list[str], i: int, t0: int, t1: int) -> bool:
    span = words[i + 1:t0] if i < t0 else words[t1 + 1:i]
    return "," in span


def _negated(words: list[str], i: int, window: int = 4) -> bool:
    """A negator among the ``window`` words before token ``i``, within the same phrase."""
    for w in reversed(words[max(0, i - window):i]):
        if w in {",", ";", ":", ".", "but"}:
            return False
        if w in NEGATORS or w.endswith("n't"):
            return True
    return False


def _relation_trend(words: list[str], t0: int, t1: int, side: list[int]) -> tuple[int, str, bool] | None:
    """If the target is a party of a relationship (X-Pak relations, relations with X, ties
    between X and Y) and a trend word qualifies it, ``(sign, trend word, negated)``:
    improving +1, deteriorating -1. The relation word must be within 4 words of the
    target, the trend word the one nearest to it in the target's clause."""
    rel = [j for j in range(max(0, t0 - 4), min(len(words), t1 + 5))
           if words[j] in RELATION and side[j] == 0]
    if not rel:
        return None
    j = min(rel, key=lambda k: abs(k - t0))
    trends = [k for k in range(len(words))
              if side[k] == 0 and (words[k] in IMPROVING or words[k] in DETERIORATING)]
    if not trends:
        return None
    k = min(trends, key=lambda x: abs(x - j))
    return (1 if words[k] in IMPROVING else -1), words[k], _negated(words, k, 3)


@lru_cache(maxsize=4096)
def frame(sentence: str, start: int, end: int) -> tuple[str, tuple[str, ...]]:
    """The dominant frame around the target and the keywords that decided it.

    Keywords in the target's clause count 2, elsewhere in the sentence 1; the frame with
    most weight wins (ties in the codebook's order security, economic, diplomatic);
    no keyword gives ``other``. Cached: every method asks it for every mention; the
    sentence's keywords are found once for all its mentions (:func:`_sentence_keywords`).
    """
    return _weigh(*_sentence_keywords(sentence), sentence, start, end)


def frame_by(frames_of: dict[str, tuple[str, ...]], sentence: str, start: int,
             end: int) -> tuple[str, tuple[str, ...]]:
    """:func:`frame` with the keyword table ``frames_of`` (:func:`frame_table`), to compare lists."""
    return _weigh(*_keywords_of(frames_of, sentence), sentence, start, end)


@lru_cache(maxsize=1024)
def _sentence_keywords(sentence: str) -> tuple[tuple, tuple[str, tuple[str, ...]] | None]:
    """:func:`_keywords_of` the sentence with the shipped keywords (cached as :func:`tokens`)."""
    return _keywords_of(_frames_of_word(), sentence)


def _keywords_of(frames_of: dict[str, tuple[str, ...]],
                 sentence: str) -> tuple[tuple, tuple[str, tuple[str, ...]] | None]:
    """The sentence's keywords ``(word, start, frames)``, and its frame with the deciding words
    when no target's clause can change it (else None): no keyword (``other``), one frame, or a
    frame that wins even with all its keywords outside the clause (1 each) and the others'
    inside (2 each). What is left for a mention is then only the clause, the costly part."""
    found = tuple((word, s, fs) for word, s, _ in tokens(sentence) if (fs := frames_of.get(word)) is not None)
    if not found:
        return found, ("other", ())
    kinds = {fs for *_, fs in found}
    if len(kinds) == 1 and len(fs := kinds.pop()) == 1:
        return found, (fs[0], tuple(word for word, *_ in found))
    counts = dict.fromkeys(FRAME_ORDER, 0)
    for *_, fs in found:
        for f in fs:
            counts[f] += 1
    best = max(FRAME_ORDER, key=counts.__getitem__)   # the first of equals: the codebook's order
    if all(_outweighs(best, f, counts[best], 2 * counts[f]) for f in FRAME_ORDER if f != best):
        return found, (best, tuple(word for word, _, fs in found if best in fs))
    return found, None


def _weigh(found: tuple, decided: tuple[str, tuple[str, ...]] | None, sentence: str, start: int,
           end: int) -> tuple[str, tuple[str, ...]]:
    """The frame of the target ``[start, end)``: ``decided``, else the keywords weighed by clause."""
    if decided is not None:
        return decided
    from ..text import clause_span

    lo, hi = clause_span(sentence, start, end)
    weight = dict.fromkeys(FRAME_ORDER, 0.0)
    for _, s, fs in found:
        for f in fs:
            weight[f] += 2.0 if lo <= s < hi else 1.0
    best = max(FRAME_ORDER, key=weight.__getitem__)
    return best, tuple(word for word, _, fs in found if best in fs)


def _outweighs(frame_name: str, other: str, least: float, most: float) -> bool:
    """Whether ``frame_name`` at its ``least`` weight beats ``other`` at its ``most`` (a tie goes
    to the frame first in :data:`FRAME_ORDER`)."""
    return least > most or (least == most and FRAME_ORDER.index(frame_name) < FRAME_ORDER.index(other))


def frame_table(frames: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """word -> the frames whose keyword it is, in :data:`FRAME_ORDER` (one lookup per token)."""
    sets = {f: frozenset(words) for f, words in frames.items()}
    words = {w for f in FRAME_ORDER for w in sets.get(f, ())}
    return {w: tuple(f for f in FRAME_ORDER if w in sets.get(f, ())) for w in words}


@lru_cache(maxsize=1)
def _frames_of_word() -> dict[str, tuple[str, ...]]:
    """word -> the frames of :data:`FRAMES` whose keyword it is (:func:`frame_table`), built once."""
    return frame_table(FRAMES)
