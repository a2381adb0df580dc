"""Which words distinguish the sentences about an actor: weighted log-odds with a prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words": the log-odds ratio of a word in the
actor's sentences against the article's other sentences, smoothed by an informative
Dirichlet prior from the whole corpus, divided by its standard error (a z-score).
Stop words and the actors' own alias words are left out, so the list shows how an actor
is talked about, not that it is named.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .actors import as_lexicon
from .tables import chain
from .vocab import choose_actors, word_tokens


def _alias_words(lex) -> set[str]:
    return {t for actor in lex.actors.values() for kind in actor.aliases.values()
            for alias in kind for t in word_tokens(alias)}


def keyness(corpus, actors=None, lexicon=None, top: int = 10, prior_strength: float = 100.0,
            min_count: int = 2) -> pd.DataFrame:
    """Top words per article x actor by weighted log-odds z-score.

    Columns: article, actor, word, count (in the actor's sentences), z. Words used fewer
    than ``min_count`` times in the actor's sentences are skipped; ``prior_strength`` is
    the prior's total pseudo-count (α0).
    """
    lex = as_lexicon(lexicon)
    actors = choose_actors(lex, actors)
    skip = ENGLISH_STOP_WORDS | _alias_words(lex)
    per_article = []
    background: Counter = Counter()
    for done in chain(corpus, lexicon=lex, until="mentions"):
        toks = {s["sentence"]: [t for t in word_tokens(s["text"]) if t not in skip and len(t) > 2]
                for s in done.sentences}
        about = {}
        for m in done.mentions:
            about.setdefault(m["actor"], set()).add(m["sentence"])
        per_article.append((done.article.id, toks, about))
        for ts in toks.values():
            background.update(ts)
    total = sum(background.values()) or 1
    rows = []
    for art_id, toks, about in per_article:
        for actor in actors:
            inside = Counter(t for n in sorted(about.get(actor, ())) for t in toks[n])
            outside = Counter(t for n, ts in toks.items() if n not in about.get(actor, ()) for t in ts)
            n_in, n_out = sum(inside.values()), sum(outside.values())
            if not n_in:
                continue
            for word, y_in in inside.items():
                if y_in < min_count:
                    continue
                alpha = prior_strength * background[word] / total
                y_out = outside.get(word, 0)
                d = (np.log((y_in + alpha) / (n_in + prior_strength - y_in - alpha))
                     - np.log((y_out + alpha) / (n_out + prior_strength - y_out - alpha)))
                z = d / np.sqrt(1 / (y_in + alpha) + 1 / (y_out + alpha))
                rows.append({"article": art_id, "actor": actor, "word": word, "count": y_in, "z": float(z)})
    frame = pd.DataFrame(rows, columns=["article", "actor", "word", "count", "z"])
    frame = frame.sort_values(["article", "actor", "z", "word"], ascending=[True, True, False, True],
                              kind="stable")
    return frame.groupby(["article", "actor"], sort=False).head(top).reset_index(drop=True)
