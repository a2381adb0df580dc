"""TextBlob's pattern-lexicon sentiment: polarity and subjectivity of any text.

Only ``.sentiment`` is used: it needs no NLTK corpora, so it works offline.

:class:`FastPattern` gives the same numbers as ``TextBlob(text).sentiment`` (bit for bit:
``tests/test_textblob_fast.py`` checks every sentence and clause of the seeds and the
repo's datasets) about four times as fast (``bench/run.py`` measures both). Profiling the
corpus pipeline showed TextBlob's per-call overhead dominating: ``PatternAnalyzer.analyze``
builds a new namedtuple class on every call, the lexicon lookups go through Python-level
``lazydict`` methods, and the tokenizer runs a dozen regex substitutions, splits every word
anew and walks every token to find sentence ends. This class uses TextBlob's loaded lexicon
(``en-sentiment.xml`` plus the adverbs TextBlob derives from it) and constants, replays
pattern's ``find_tokens`` (:class:`FastTokens`: literal replacements as ``str.replace``,
words by ``str.split``, each distinct word split once, only the sentence ends visited, the
emoticon pattern run only where a quick test finds one may match) and
``Sentiment.assessments`` rules with plain dictionaries (skipping words that change
nothing), and does the same arithmetic in the same order.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
import types
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from .base import Method


@lru_cache(maxsize=1)
def pattern_modules():
    """TextBlob's ``_text`` module (pattern's rules and constants) and its English sentiment
    lexicon (``textblob.en.sentiment``), without running ``textblob/__init__``.

    That package import pulls in NLTK and SciPy, over a second of CPU in every process and
    worker, while ``_text`` and ``textblob.en`` need only the standard library. They are
    loaded under a bare stand-in package, which is then taken out of ``sys.modules`` with
    them, so a later ``import textblob`` (TextBlob itself) loads the whole package as usual.
    Where TextBlob is imported already, its own modules are used.
    """
    if "textblob" in sys.modules:
        from textblob import _text
        from textblob.en import sentiment

        return _text, sentiment
    spec = importlib.util.find_spec("textblob")
    with _IMPORTING:
        before = set(sys.modules)
        package = types.ModuleType("textblob")
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules["textblob"] = package
        try:
            _text = importlib.import_module("textblob._text")
            english = importlib.import_module("textblob.en")
        finally:
            for name in set(sys.modules) - before:
                if name == "textblob" or name.startswith("textblob."):
                    del sys.modules[name]
    return _text, english.sentiment


_IMPORTING = threading.Lock()

#: pattern's sentence ends, and the closing marks a sentence end takes with it (``find_tokens``)
_ENDS = frozenset(("...", ".", "!", "?", "END-OF-SENTENCE"))
_CLOSERS = frozenset(("”", "’", "...", ".", "!", "?", ")", "END-OF-SENTENCE"))


class FastTokens:
    """pattern's ``find_tokens`` (TextBlob's sentiment tokenizer): the same sentences of tokens.

    The splitting of each whitespace-separated word into punctuation and word depends on
    the word alone, so it is remembered per distinct word (cleared past 200,000 words).
    """

    def __init__(self):
        _text, _ = pattern_modules()
        self.replace = dict(_text.replacements)
        # literal patterns (as in TextBlob 0.18-0.19): re.sub(a, b, s) == s.replace(a, b)
        self.literal = all(re.escape(a) == a and "\\" not in b for a, b in self.replace.items())
        self.punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
        self.trailing = self.punctuation + (".",)
        self.abbreviations = _text.ABBREVIATIONS
        self.abbr = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        self.eos = _text.EOS
        self.linebreak = re.compile(r"\n{2,}")
        if _text.EOS != "END-OF-SENTENCE" or _text.TOKEN.pattern != r"(\S+)\s":
            raise RuntimeError("textblob's tokenizer changed: oped_analysis.scoring.textblob needs updating")
        self.sarcasm, self.emoticons = _text.RE_SARCASM, _text.RE_EMOTICONS
        self.maybe_emoticon = _emoticon_hint(_text.TEMP_RE_EMOTICONS)
        self.split_cache = {}
        #: the characters :meth:`replaced` spaces out, and whether every replacement holds one (an
        #: apostrophe): a token without them is left as it is
        self.quotes = frozenset("“”‘’'\"")
        self.unquoted = self.literal and all(not self.quotes.isdisjoint(a) for a in self.replace)
        #: whether a word of letters is left whole: every replaced string holds a character that is no
        #: letter, and no punctuation mark is a letter
        self.alpha_whole = (all(not a.isalpha() for a in self.replace)
                            and not any(c.isalpha() for c in self.trailing))

    def _split(self, t):
        punctuation, replace = self.punctuation, self.replace
        tokens, tail = [], []
        while t.startswith(punctuation) and t not in replace:
            if t.startswith(punctuation):
                tokens.append(t[0])
                t = t[1:]
        while t.endswith(self.trailing) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in self.abbreviations or self.abbr[0].match(t) is not None
                        or self.abbr[1].match(t) is not None or self.abbr[2].match(t) is not None):
                    break
                else:
                    tail.append(t[-1])
                    t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
        return tuple(tokens)

    def _learn(self, t: str) -> tuple[str, ...]:
        parts = self.split_cache[t] = self._split(t)
        return parts

    def replaced(self, string: str) -> str:
        """pattern's replacements (contractions split, quotes spaced): each acts within a run
        of non-whitespace, so a run's result depends on that run alone."""
        for a, b in self.replace.items():
            string = string.replace(a, b) if self.literal else re.sub(a, b, string)
        return (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ")
                .replace("’", " ’ ").replace("'", " ' ").replace('"', ' " '))

    def parts(self, token: str) -> tuple[str, ...]:
        """The tokens of one whitespace-free string after :meth:`replaced` (cached split)."""
        get = self.split_cache.get
        if self.unquoted and self.quotes.isdisjoint(token):  # nothing to replace: the token is split as it is
            return get(token) or self._learn(token)
        return tuple(chain.from_iterable([get(t) or self._learn(t) for t in self.replaced(token).split()]))

    def __call__(self, string):
        string = self.replaced(str(string))
        string = string.replace("\r\n", "\n")
        if "\n\n" in string:
            string = self.linebreak.sub(f" {self.eos} ", string)
        cache = self.split_cache
        if len(cache) > 200_000:
            cache.clear()
        # pattern collapses whitespace runs to " " and finds TOKEN, (\S+)\s, in string + " ": the
        # maximal runs of non-whitespace, which is str.split (both use Unicode's whitespace)
        get = cache.get
        tokens = list(chain.from_iterable([get(t) or self._learn(t) for t in string.split()]))
        # pattern's sentence loop, visiting only the sentence ends: after one it takes the closing
        # marks that follow (a quote always stops them: pattern counts it in a sentence that is
        # still empty, so finds it balanced) and skips the token after them, never an end
        EOS, n = self.eos, len(tokens)
        sentences, i, j = [], 0, 0
        for e in [k for k, t in enumerate(tokens) if t in _ENDS]:
            if e < j:
                continue
            j = e
            while j < n and tokens[j] in _CLOSERS:
                j += 1
            sentences.append([t for t in tokens[i:j] if t != EOS])
            i = j
            j += 1
        sentences.append(tokens[i:])
        sentences = (" ".join(s) for s in sentences if len(s) > 0)
        sentences = (self.sarcasm.sub("(!)", s) if "(" in s else s for s in sentences)
        hint = self.maybe_emoticon.search
        return [self.emoticons.sub(_join_emoticon, s) if hint(s) else s for s in sentences]


def _join_emoticon(match: re.Match) -> str:
    return match.group(1).replace(" ", "") + match.group(2)


def _emoticon_hint(alternatives: list[str]) -> re.Pattern:
    """A quick test that ``RE_EMOTICONS`` may match: the first two characters of one of its
    emoticons (``: ?\\-`` of ``: ?\\- ?D``) or a one-character emoticon. Every match of the full
    pattern contains one, and the test scans a sentence many times faster than the full one."""
    pairs: dict[str, set[str]] = {}
    single = []
    for alt in alternatives:
        parts = alt.split(" ?")
        if len(parts) == 1:
            single.append(parts[0])
        else:
            pairs.setdefault(parts[0], set()).add(parts[1])
    branches = [f"{first} ?[{''.join(sorted(seconds))}]" for first, seconds in pairs.items()]
    return re.compile("|".join(branches + single))


class FastPattern:
    """pattern/TextBlob sentiment of a string: ``(polarity, subjectivity)``."""

    def __init__(self):
        _text, sentiment = pattern_modules()
        sentiment.load() if dict.__len__(sentiment) == 0 else None
        #: word -> (polarity, subjectivity, intensity) for untagged text (pos None)
        self.scores = {w: tuple(pos[None]) for w, pos in dict.items(sentiment) if None in pos}
        self.modifies = {w for w, pos in dict.items(sentiment)
                         if None in pos and any(m in pos for m in sentiment.modifiers)}
        self.labels = dict(sentiment.labeler)
        self.negations = tuple(sentiment.negations)
        self.modifier = sentiment.modifier
        self.modifier_tags = tuple(sentiment.modifiers)
        self.tokenize = FastTokens()
        self.punctuation = _text.PUNCTUATION
        self.irony, self.mood = _text.IRONY, _text.MOOD
        emoticons: dict[str, float] = {}
        for (_type, p), faces in _text.EMOTICONS.items():  # first matching type wins, as in pattern
            for face in faces:
                emoticons.setdefault(face.lower(), p)
        self.emoticons = emoticons
        #: word -> whether it changes the assessments when nothing is pending (cleared past 200,000)
        self.active: dict[str, bool] = {}
        #: whitespace-separated token -> its tokens and their lower-case forms (:meth:`token_words`)
        self.token_cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def __call__(self, text: str) -> tuple[float, float]:
        polarity, subjectivity, _ = self.assess(text)
        return polarity, subjectivity

    def assess(self, text: str) -> tuple[float, float, list[str]]:
        """``(polarity, subjectivity, cue words)``: the cue words are the lexicon words (with
        their negations and modifiers) that scored ``text``, as pattern's assessments."""
        found = self.token_words(text)
        return self.assess_words(found[0] if found is not None else self.words(text))

    def words(self, text: str) -> list[str]:
        """The lower-cased words pattern's sentiment reads in ``text`` (its tokenizer's output)."""
        return [w.lower() for w in " ".join(self.tokenize(text)).split()]

    def token_words(self, text: str) -> tuple[list[str], list[int]] | None:
        """:meth:`words` found token by token, and how many words each whitespace-separated
        token of ``text`` gives, so the words of a run of whole tokens (a clause) are a slice;
        None for a text that needs the whole tokenizer.

        The tokenizer's replacements and splits act within a token, and its sentence
        boundaries change the words only through the emoticon and "(!)" joins and line breaks:
        text without those is read token by token, each distinct token once (cleared past
        200,000). A join needs a match of ``RE_EMOTICONS`` or ``RE_SARCASM`` in one of the
        tokenizer's sentences, each a run of the tokens joined by spaces, so a match in all of
        them joined; the emoticons are searched for only where the quick
        test finds an emoticon's first characters (common: "o ." of "also ." is one); the quick
        test alone sent half of the 692 sentences (of 9,529 with a mention in
        ``bench/stages.py``) that took the whole tokenizer there, with all their clauses.
        """
        if "\n" in text or "\r" in text or self.tokenize.eos in text:
            return None
        cache = self.token_cache
        if len(cache) > 200_000:
            cache.clear()
        tokens = text.split()
        known = list(map(cache.get, tokens))
        if None in known:
            known = [k or self._learn_token(t) for k, t in zip(known, tokens)]
        joined = " ".join(chain.from_iterable(map(_PARTS, known)))
        if "(" in joined and self.tokenize.sarcasm.search(joined):
            return None
        if self.tokenize.maybe_emoticon.search(joined) and self.tokenize.emoticons.search(joined):
            return None
        lowered = list(map(_LOWERED, known))
        return list(chain.from_iterable(lowered)), list(map(len, lowered))

    def _learn_token(self, token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # a word of letters is one token: pattern's replacements all hold an apostrophe or a quote,
        # and its splits cut off punctuation (half the distinct tokens of bench/stages.py's text)
        parts = (token,) if token.isalpha() and self.tokenize.alpha_whole else self.tokenize.parts(token)
        known = self.token_cache[token] = (parts, tuple(t.lower() for t in parts))
        return known

    def assess_words(self, words: list[str]) -> tuple[float, float, list[str]]:
        """:meth:`assess` of the lower-cased words of a text (:meth:`words`)."""
        a = self._assess(words)
        polarity = _avg([x["p"] * -0.5 if x["n"] < 0 else x["p"] for x in a])
        return polarity, _avg([x["s"] for x in a]), [" ".join(x["w"]) for x in a]

    def _assess(self, words: list[str]) -> list[dict]:
        """The assessments as pattern builds them: words ``w``, polarity ``p``, subjectivity
        ``s``, intensity ``i`` and negation ``n`` of each scored phrase."""
        scores, negations, modifies = self.scores, self.negations, self.modifies
        active = self.active
        if len(active) > 200_000:
            active.clear()
        a: list[dict] = []
        m = n = None
        for w in words:
            if m is None and n is None:  # nothing pending: most words change nothing
                acts = active.get(w)
                if acts is None:
                    acts = active[w] = self._acts(w)
                if not acts:
                    continue
            psi = scores.get(w)
            if psi is not None:
                p, s, i = psi
                if m is None:
                    a.append({"w": [w], "p": p, "s": s, "i": i, "n": 1})
                if m is not None:
                    last = a[-1]
                    last["w"].append(w)
                    last["p"] = max(-1.0, min(p * last["i"], +1.0))
                    last["s"] = max(-1.0, min(s * last["i"], +1.0))
                    last["i"] = i
                if n is not None:
                    last = a[-1]
                    last["w"].insert(0, n)
                    last["i"] = 1.0 / last["i"]
                    last["n"] = -1
                m = n = None
                if w in modifies:
                    m = w
                if w in negations:
                    n = w
            else:
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and self.modifier(m):
                    a[-1]["w"].append(n)
                    a[-1]["n"] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1]["w"].append("!")
                    a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
                if w == "(!)":
                    a.append({"w": [w], "p": 0.0, "s": 1.0, "i": 1.0, "n": 1})
                if w.isalpha() is False and len(w) <= 5 and w not in self.punctuation:
                    p = self.emoticons.get(w)
                    if p is not None:
                        a.append({"w": [w], "p": p, "s": 1.0, "i": 1.0, "n": 1})
        return a

    def _acts(self, w: str) -> bool:
        """Whether word ``w`` changes the assessments when no modifier or negation is pending
        (the branches of :meth:`_assess` for that state)."""
        return (w in self.scores or w in self.negations or w in ("!", "(!)")
                or (w.isalpha() is False and len(w) <= 5 and w not in self.punctuation
                    and w in self.emoticons))


#: a token's tokenizer parts and their lower-case forms in :attr:`FastPattern.token_cache`
_PARTS, _LOWERED = itemgetter(0), itemgetter(1)


def _avg(values: list[float]) -> float:
    """pattern's average: a running sum of ``1 * v`` over a count, in the same order."""
    s, n = 0, 0
    for v in values:
        s += 1 * v
        n += 1
    return s / float(n or 1)


@lru_cache(maxsize=1)
def analyzer() -> FastPattern:
    return FastPattern()


class TextBlobMethod(Method):
    name = "textblob"
    description = "TextBlob pattern lexicon (polarity -1..1, subjectivity 0..1); blind to the target"

    def polarity(self, text: str) -> dict:
        return self.polarity_and_cues(text)[0]

    def cue_words(self, text: str) -> list[str]:
        return self.polarity_and_cues(text)[1]

    def polarity_and_cues(self, text: str) -> tuple[dict, list[str]]:
        return _scores(analyzer().assess(text))

    def scope_scores(self, sentence: str, lo: int, hi: int,
                     memo: dict | None = None) -> tuple[dict, list[str]]:
        """A clause of whole tokens is scored on its slice of the sentence's words (read once per
        sentence, kept in ``memo``), the same words the tokenizer finds in the clause itself."""
        pattern = analyzer()
        found = memo.get((self.name, "words")) if memo is not None else None
        if found is None:
            found = pattern.token_words(sentence) or ()
            if memo is not None:
                memo[(self.name, "words")] = found
        if found and lo == 0 and hi == len(sentence):
            return _scores(pattern.assess_words(found[0]))
        if found and lo < hi and _whole_tokens(sentence, lo, hi):
            words, counts = found
            first = len(sentence[:lo].split())
            start = sum(counts[:first])
            end = start + sum(counts[first:first + len(sentence[lo:hi].split())])
            return _scores(pattern.assess_words(words[start:end]))
        return self.polarity_and_cues(sentence[lo:hi])


def _whole_tokens(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` cuts no whitespace-separated token of ``text`` in two."""
    return ((lo == 0 or text[lo - 1].isspace() or text[lo].isspace())
            and (hi == len(text) or text[hi].isspace() or text[hi - 1].isspace()))


def _scores(assessed: tuple[float, float, list[str]]) -> tuple[dict, list[str]]:
    polarity, subjectivity, words = assessed
    return {"polarity": float(polarity), "subjectivity": float(subjectivity)}, words
