"""Target-aware rules: cue words, the target's role towards them, negation and contrast.

The stance towards a target is the sum of the effects of the cues around it
(:func:`oped_analysis.scoring.cues.cues`): acts of cooperation or conflict count for the
actor doing them and not against their victim; praise and criticism count for the judge
and the judged; a relationship's trend (improving / deteriorating) counts for each party;
a negation just before a cue flips it; cues beyond a contrast marker do not count.
The sum is mapped to a stance with the threshold :data:`THRESHOLD`, chosen on NewsMTSC's
training split (never on the seed gold).
"""

from __future__ import annotations

from .base import Method, polarity_stance, target_row
from .cues import LEXICON_REACH, VADER_MIN, cues

#: |sum of effects| needed for a non-neutral stance. Chosen with cues.VADER_MIN and
#: cues.LEXICON_REACH as the best of a grid on NewsMTSC train (bench/tune_rules.py).
THRESHOLD = 0.1


def rule_score(sentence: str, start: int, end: int, more: tuple[tuple[int, int], ...] = (), *,
               lexicon_reach: int = LEXICON_REACH, vader_min: float = VADER_MIN) -> tuple[float, list]:
    """The summed cue effect on the target and the cues that fired.

    ``more`` are further mentions of the same actor in the sentence: each cue then counts
    once, with its strongest effect on any of the mentions.
    """
    strongest: dict[int, object] = {}
    for s, e in ((start, end), *more):
        for c in cues(sentence, s, e, lexicon_reach=lexicon_reach, vader_min=vader_min):
            stronger = c.position not in strongest or abs(c.effect) > abs(strongest[c.position].effect)
            if c.effect != 0 and stronger:
                strongest[c.position] = c
    found = [strongest[p] for p in sorted(strongest)]
    return sum(c.effect for c in found), found


class RulesMethod(Method):
    name = "rules"
    description = "target-aware cue rules (agent/victim, negation, contrast, relation trend)"
    scopes = ("target",)
    params = {"threshold": THRESHOLD, "lexicon_reach": LEXICON_REACH, "vader_min": VADER_MIN}

    def score_target(self, sentence: str, start: int, end: int, memo: dict | None = None) -> list[dict]:
        return self.score_mentions(sentence, [(start, end)])

    def score_mentions(self, sentence: str, spans: list[tuple[int, int]],
                       memo: dict | None = None) -> list[dict]:
        (start, end), *more = spans
        value, found = rule_score(sentence, start, end, tuple(more), lexicon_reach=self.lexicon_reach,
                                  vader_min=self.vader_min)
        explanation = "; ".join(c.describe() for c in found) or "no cue"
        return [target_row(sentence, start, end, max(-1.0, min(1.0, value)),
                           polarity_stance(value, self.threshold), explanation)]
