"""VADER's rule-and-lexicon sentiment: the compound score of any text.

:class:`FastVader` gives the same ``compound``/``pos``/``neg``/``neu`` as
``vaderSentiment.SentimentIntensityAnalyzer().polarity_scores(text)`` (vaderSentiment 3.3.2;
bit for bit: ``tests/test_vader_fast.py`` checks a sample of the bundled sentences and
clauses, ``bench/vader_identity.py`` all of them) several times faster. Profiling showed
where VADER's time goes: every negation and idiom check lower-cases the whole sentence
again (work quadratic in its length), ``negated`` scans a 60-word list per word, and
every word is stripped of punctuation anew. This class reads the analyzer's own loaded
lexicon, emoji table and constants (``B_INCR``, ``C_INCR``, ``N_SCALAR``, ``NEGATE``,
``BOOSTER_DICT``, ``SPECIAL_CASES`` of ``vaderSentiment.vaderSentiment``), calls its functions
where they run once per text or per booster (``scalar_inc_dec``, ``_least_check``,
``_but_check``, ``score_valence``, ``normalize``, ``_punctuation_emphasis``), and replays
the per-word rules of ``sentiment_valence``, ``_negation_check`` and ``_special_idioms_check``
on a list of the text's words lower-cased once, with each distinct word split and stripped
once, doing the same arithmetic in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress

from .base import Method


class FastVader:
    """VADER's ``polarity_scores`` (and its ``compound`` alone), fast and bit-identical."""

    def __init__(self):
        from vaderSentiment import vaderSentiment as vs

        self.reference = vs.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = self.reference.lexicon
        self.emojis: dict[str, str] = self.reference.emojis
        # polarity_scores replaces emojis character by character: only one-character keys can match
        self.emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        self.boosters = vs.BOOSTER_DICT
        self.negations = frozenset(vs.NEGATE)
        self.n_scalar, self.c_incr = vs.N_SCALAR, vs.C_INCR
        # multi-word keys as word tuples: the joined words of the text equal a key exactly when
        # the word tuples are equal, as no word of ``str.split`` holds a space
        self.special = {tuple(k.split(" ")): v for k, v in vs.SPECIAL_CASES.items() if " " in k}
        self.booster_ngrams = {tuple(k.split(" ")): v for k, v in vs.BOOSTER_DICT.items() if " " in k}
        self.scalar_inc_dec, self.normalize = vs.scalar_inc_dec, vs.normalize
        self.but_check = vs.SentimentIntensityAnalyzer._but_check
        self.words_cache: dict[str, tuple[str, str, bool, bool, bool]] = {}
        #: the words that may change the valence of a lexicon word within three words before it or
        #: two after it (:meth:`_valence`): negations, "no", "never ... so", "without doubt", "least",
        #: "kind of", boosters, and one word of each of VADER's idioms (the longest: an idiom lies
        #: whole in that window, and "the", "of", "to" of "the bomb", "kiss of death", "to die for"
        #: would be triggers near most words); with none near, and no ALL CAPS emphasis, a word's
        #: valence is its lexicon value (:meth:`valences`)
        self.triggers = frozenset(self.negations | set(self.boosters) | {
            "never", "without", "doubt", "so", "this", "least", "no", "kind"} | {
            max(key, key=len) for key in (*self.special, *self.booster_ngrams)})
        self._strip = vs.SentiText._strip_punc_if_word
        #: (text, emoji-free, words, valences before _but_check) of the last text scored
        self._last: tuple | None = None

    # -- the text's words --------------------------------------------------------------

    def demoji(self, text: str) -> str:
        """The text with each emoji replaced by its description (``polarity_scores``' first loop,
        replayed: it is inline in the library)."""
        out, prev_space = [], True
        for ch in text:
            if ch in self.emojis:
                if not prev_space:
                    out.append(" ")
                out.append(self.emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    def words(self, text: str) -> tuple[tuple, ...]:
        """``SentiText.words_and_emoticons`` of the (de-emojied) text, their lower-case forms,
        whether each is ALL CAPS, whether it is in the lexicon and whether it is a trigger (may
        change a lexicon word's valence nearby: :attr:`triggers`, or holding "n't"), as five
        tuples; each distinct word is stripped and looked up once (cache cleared past 200,000)."""
        cache = self.words_cache
        if len(cache) > 200_000:
            cache.clear()
        known = [cache.get(token) or self._learn(token) for token in text.split()]
        return tuple(zip(*known)) if known else ((), (), (), (), ())

    def _learn(self, token: str) -> tuple[str, str, bool, bool, bool]:
        word = self._strip(token)
        lower = word.lower()
        known = self.words_cache[token] = (word, lower, word.isupper(), lower in self.lexicon,
                                           lower in self.triggers or "n't" in lower)
        return known

    # -- scoring -----------------------------------------------------------------------

    def valences(self, words: tuple, lower: tuple, upper: tuple, scored: tuple, triggers: tuple,
                 indices: Iterable[int] | None = None, base: list | None = None) -> list:
        """The per-word valences of ``polarity_scores`` before ``_but_check`` (``0`` for words
        outside the lexicon, boosters and "kind of"): of every lexicon word, or of those at
        ``indices`` only, written into a copy of ``base``.

        A lexicon word with no trigger from three words before it to two after it, and not
        emphasised by ALL CAPS, keeps its lexicon value: every rule of :meth:`_valence` needs a
        trigger there. That skips the rules for 86% of the lexicon words, and took VADER's
        ``score_mentions`` over the 12,506 sentence x actor pairs of ``bench/stages.py`` from 0.42
        to 0.36 CPU s (median of 9 alternating runs)."""
        n = len(lower)
        caps = sum(upper)
        is_cap_diff = 0 < n - caps < n  # allcap_differential: some but not all words ALL CAPS
        out = [0] * n if base is None else list(base)
        lexicon = self.lexicon
        for i in compress(range(n), scored) if indices is None else indices:
            if not scored[i]:
                out[i] = 0
            elif True in triggers[i - 3 if i > 3 else 0:i + 3] or (upper[i] and is_cap_diff):
                out[i] = self._valence(i, words, lower, upper, scored, is_cap_diff)
            else:
                out[i] = lexicon[lower[i]]
        return out

    def _valence(self, i: int, words: tuple, lower: tuple, upper: tuple, scored: tuple,
                 is_cap_diff: bool) -> float:
        """The valence of the lexicon word ``i``: ``polarity_scores``' booster and "kind of"
        skips, then ``sentiment_valence``. ``scalar_inc_dec`` is 0.0 for a word that is no
        booster and ``_least_check`` changes nothing unless the word before is "least": both
        are called only where they may act (calls that changed nothing took 0.04 of the 0.27
        CPU s VADER spent on the 9,529 sentences with a mention of ``bench/stages.py``)."""
        lexicon, n_scalar, n, boosters = self.lexicon, self.n_scalar, len(lower), self.boosters
        item = lower[i]
        if item in self.boosters or (item == "kind" and i < n - 1 and lower[i + 1] == "of"):
            return 0
        valence = lexicon[item]
        if item == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if ((i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no")
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))):
            valence = lexicon[item] * n_scalar
        if upper[i] and is_cap_diff:
            if valence > 0:
                valence += self.c_incr
            else:
                valence -= self.c_incr
        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and not scored[j]:
                s = self.scalar_inc_dec(words[j], valence, is_cap_diff) if lower[j] in boosters else 0.0
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._negation_check(valence, lower, start_i, i)
                if start_i == 2:
                    valence = self._special_idioms_check(valence, lower, i)
        if i > 0 and lower[i - 1] == "least":
            return self.reference._least_check(valence, lower, i)
        return valence

    def sentiments(self, text: str) -> tuple[str, list]:
        """The de-emojied text and its per-word valences after ``_but_check``.

        A text that lies within the last text scored (a clause of the sentence scored before
        it) takes the valences of its inner words from that sentence: a word's valence depends
        on the three words before it and the two after it, and on whether some but not all
        words are ALL CAPS. Only the words near its ends are scored again. Any other text
        becomes the last text scored.
        """
        last = self._last
        shared = self._within(text, last) if last is not None else None
        if shared is not None:
            words, raw = shared
        else:
            plain = text.isascii() or self.emoji_chars.isdisjoint(text)  # every emoji is non-ASCII
            if not plain:
                text = self.demoji(text)
            words = self.words(text)
            raw = self.valences(*words)
            self._last = (text, plain, words, raw)
        lower = words[1]
        sentiments = self.but_check(lower, list(raw)) if "but" in lower else raw
        return text.strip(), sentiments

    def _within(self, text: str, last: tuple) -> tuple[tuple, list] | None:
        """The words and valences (before ``_but_check``) of ``text`` from the ``last`` text
        scored, if ``text`` lies within it; else None.

        The words strictly inside ``text`` are whole words of the sentence (all of them are when
        ``text`` cuts no word: a slice); the first and the last may be parts of one. A lexicon
        word keeps the sentence's valence when the three words before it and the two after it
        are whole words of the sentence, and ``text`` has some but not all words in capitals
        exactly when the sentence has.
        """
        sentence, plain, words, raw = last
        if not plain:
            return None
        if text == sentence:
            return words, raw
        p = sentence.find(text)
        if p < 0 or not text.strip():
            return None
        starts_word = p == 0 or sentence[p - 1].isspace() or text[0].isspace()
        a = len(sentence[:p].split()) - (0 if starts_word else 1)  # the sentence's word at clause word 0
        q = p + len(text)
        if starts_word and (q == len(sentence) or sentence[q].isspace() or text[-1].isspace()):
            m = len(text.split())  # whole words of the sentence: their slice
            clause = tuple(column[a:a + m] for column in words)
        else:
            clause = self.words(text)
            m = len(clause[0])
        n, caps = len(words[2]), sum(words[2])
        if (0 < n - caps < n) != (0 < m - sum(clause[2]) < m):
            return clause, self.valences(*clause)
        first = 3 if clause[0][0] == words[0][a] else 4
        last_inner = m - 3 if clause[0][m - 1] == words[0][a + m - 1] else m - 4
        edges = [i for i in range(m) if not first <= i <= last_inner]
        return clause, self.valences(*clause, indices=edges, base=raw[a:a + m])

    def _negation_check(self, valence: float, lower: list[str], start_i: int, i: int) -> float:
        """``SentimentIntensityAnalyzer._negation_check`` on already lower-cased words; ``negated``
        of one word is: in ``NEGATE``, or containing "n't"."""
        def negated(word):
            return word in self.negations or "n't" in word

        if start_i == 0 and negated(lower[i - 1]):
            valence = valence * self.n_scalar
        if start_i == 1:
            if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                pass
            elif negated(lower[i - 2]):
                valence = valence * self.n_scalar
        if start_i == 2:
            if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")
                    or (lower[i - 1] == "so" or lower[i - 1] == "this")):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                pass
            elif negated(lower[i - 3]):
                valence = valence * self.n_scalar
        return valence

    def _special_idioms_check(self, valence: float, lower: list[str], i: int) -> float:
        """``SentimentIntensityAnalyzer._special_idioms_check`` with word tuples for joined strings."""
        special = self.special
        w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
        for seq in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
            if seq in special:
                valence = special[seq]
                break
        if len(lower) - 1 > i:
            seq = (w0, lower[i + 1])
            if seq in special:
                valence = special[seq]
        if len(lower) - 1 > i + 1:
            seq = (w0, lower[i + 1], lower[i + 2])
            if seq in special:
                valence = special[seq]
        for seq in ((w3, w2, w1), (w3, w2), (w2, w1)):
            if seq in self.booster_ngrams:
                valence = valence + self.booster_ngrams[seq]
        return valence

    def polarity_scores(self, text: str) -> dict[str, float]:
        """``{"neg", "neu", "pos", "compound"}`` as ``SentimentIntensityAnalyzer.polarity_scores``."""
        text, sentiments = self.sentiments(text)
        return self.reference.score_valence(sentiments, text)

    def compound(self, text: str) -> float:
        """``polarity_scores(text)["compound"]`` without the pos/neg/neu shares (the compound
        branch of ``score_valence``, replayed)."""
        text, sentiments = self.sentiments(text)
        if not sentiments:
            return 0.0
        sum_s = float(sum(sentiments))
        if sum_s > 0:
            sum_s += self.reference._punctuation_emphasis(text)
        elif sum_s < 0:
            sum_s -= self.reference._punctuation_emphasis(text)
        return round(self.normalize(sum_s), 4)


@lru_cache(maxsize=1)
def analyzer() -> FastVader:
    """The one VADER analyzer of the package (``polarity_scores`` and ``lexicon`` as VADER's
    own; its lexicon also feeds the rules' cues)."""
    return FastVader()


class VaderMethod(Method):
    name = "vader"
    description = "VADER compound score (-1..1); blind to the target"

    def polarity(self, text: str) -> dict:
        return {"polarity": float(analyzer().compound(text)), "subjectivity": float("nan")}

    def cue_words(self, text: str) -> list[str]:
        lexicon = analyzer().lexicon
        return [w for w in _words(text.lower()) if w in lexicon]


#: the words :meth:`VaderMethod.cue_words` looks up in VADER's lexicon
_WORD = re.compile(r"[a-z']+")
#: every byte but those of ``_WORD``'s characters made a space
_NOT_WORD_TO_SPACE = bytes(b if chr(b) in "abcdefghijklmnopqrstuvwxyz'" else 32 for b in range(256))


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)`` in half the time: the text's UTF-8 bytes with every byte that is
    not one of ``_WORD``'s ASCII characters made a space, split (a character beyond ASCII is
    bytes above 127 only, so it parts words as it does for the pattern; tests/test_vader_fast.py)."""
    return text.encode("utf-8", "surrogatepass").translate(_NOT_WORD_TO_SPACE).decode("ascii").split()
