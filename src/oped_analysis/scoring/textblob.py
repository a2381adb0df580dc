"""TextBlob's pattern-lexicon sentiment: polarity and subjectivity of any text.

Only ``.sentiment`` is used: it needs no NLTK corpora, so it works offline.

:class:`FastPattern` gives the same numbers as ``TextBlob(text).sentiment`` (bit for bit:
``tests/test_textblob_fast.py`` checks every sentence and clause of the seeds and the
repo's datasets) about twice as fast. Profiling the corpus pipeline showed TextBlob's
per-call overhead dominating: ``PatternAnalyzer.analyze`` builds a new namedtuple class on
every call, the lexicon lookups go through Python-level ``lazydict`` methods, and the
tokenizer runs a dozen regex substitutions and splits every word anew. This class uses
TextBlob's loaded lexicon (``en-sentiment.xml`` plus the adverbs TextBlob derives from it)
and constants, replays pattern's ``find_tokens`` (:class:`FastTokens`: literal replacements
as ``str.replace``, each distinct word split once) and ``Sentiment.assessments`` rules with
plain dictionaries, and does the same arithmetic in the same order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Method


class FastTokens:
    """pattern's ``find_tokens`` (TextBlob's sentiment tokenizer): the same sentences of tokens.

    The splitting of each whitespace-separated word into punctuation and word depends on
    the word alone, so it is remembered per distinct word (cleared past 200,000 words).
    """

    def __init__(self):
        from textblob import _text

        self.replace = dict(_text.replacements)
        # literal patterns (as in TextBlob 0.18-0.19): re.sub(a, b, s) == s.replace(a, b)
        self.literal = all(re.escape(a) == a and "\\" not in b for a, b in self.replace.items())
        self.punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
        self.trailing = self.punctuation + (".",)
        self.abbreviations = _text.ABBREVIATIONS
        self.abbr = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        self.eos = _text.EOS
        self.linebreak = re.compile(r"\n{2,}")
        self.spaces = re.compile(r"\s+")
        self.token = _text.TOKEN
        self.sarcasm, self.emoticons = _text.RE_SARCASM, _text.RE_EMOTICONS
        self.split_cache = {}

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

    def __call__(self, string):
        string = str(string)
        for a, b in self.replace.items():
            string = string.replace(a, b) if self.literal else re.sub(a, b, string)
        string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ")
                  .replace("’", " ’ ").replace("'", " ' ").replace('"', ' " '))
        string = string.replace("\r\n", "\n")
        string = self.linebreak.sub(f" {self.eos} ", string)
        string = self.spaces.sub(" ", string)
        cache = self.split_cache
        if len(cache) > 200_000:
            cache.clear()
        tokens = []
        for t in self.token.findall(string + " "):
            if len(t) > 0:
                parts = cache.get(t)
                if parts is None:
                    parts = cache[t] = self._split(t)
                tokens.extend(parts)
        EOS = self.eos
        sentences, i, j = [[]], 0, 0
        while j < len(tokens):
            if tokens[j] in ("...", ".", "!", "?", EOS):
                while j < len(tokens) and tokens[j] in ("'", '"', "”", "’", "...", ".", "!", "?", ")", EOS):
                    if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                        break
                    j += 1
                sentences[-1].extend(t for t in tokens[i:j] if t != EOS)
                sentences.append([])
                i = j
            j += 1
        sentences[-1].extend(tokens[i:j])
        sentences = (" ".join(s) for s in sentences if len(s) > 0)
        sentences = (self.sarcasm.sub("(!)", s) for s in sentences)
        return [self.emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in sentences]


class FastPattern:
    """pattern/TextBlob sentiment of a string: ``(polarity, subjectivity)``."""

    def __init__(self):
        from textblob import _text
        from textblob.en import sentiment

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

    def __call__(self, text: str) -> tuple[float, float]:
        polarity, subjectivity, _ = self.assess(text)
        return polarity, subjectivity

    def assess(self, text: str) -> tuple[float, float, list[str]]:
        """``(polarity, subjectivity, cue words)``: the cue words are the lexicon words (with
        their negations and modifiers) that scored ``text``, as pattern's assessments."""
        a = self._assess([w.lower() for w in " ".join(self.tokenize(text)).split()])
        polarity = _avg([x["p"] * -0.5 if x["n"] < 0 else x["p"] for x in a])
        return polarity, _avg([x["s"] for x in a]), [" ".join(x["w"]) for x in a]

    def _assess(self, words: list[str]) -> list[dict]:
        """The assessments as pattern builds them: words ``w``, polarity ``p``, subjectivity
        ``s``, intensity ``i`` and negation ``n`` of each scored phrase."""
        scores, negations, modifies = self.scores, self.negations, self.modifies
        a: list[dict] = []
        m = n = None
        for w in words:
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
        polarity, subjectivity, words = analyzer().assess(text)
        return {"polarity": float(polarity), "subjectivity": float(subjectivity)}, words
