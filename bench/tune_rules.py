"""How the rules method's two constants were chosen, and how sensitive the seeds are to them.

1. NewsMTSC *train* (the choice): macro-F1 for each LEXICON_REACH (how many tokens from
   the target a general VADER word may be) x VADER_MIN (smallest |VADER valence| a
   fallback word needs) x THRESHOLD (|sum| needed for a non-neutral stance).
2. Leave-one-article-out on the seeds (a check, not the choice): pick the pair that is
   best on one seed article, score the other with it; compare with the NewsMTSC choice.

Run: .venv/bin/python bench/tune_rules.py
"""

from pathlib import Path

from sklearn.metrics import f1_score

import oped_analysis as oa
from oped_analysis import validate
from oped_analysis.resources import read_newsmtsc
from oped_analysis.scoring import RulesMethod, polarity_stance
from oped_analysis.scoring.rules import rule_score

ROOT = Path(__file__).resolve().parents[1]
GRID_REACH = (5, 8, 12, 1000)
GRID_VMIN = (0.5, 1.0, 1.5, 2.0)
GRID_THRESHOLD = (0.1, 0.2, 0.3, 0.4, 0.5, 0.7)
DEFAULTS = RulesMethod.params
CHOSEN = (DEFAULTS["lexicon_reach"], DEFAULTS["vader_min"], DEFAULTS["threshold"])

train = read_newsmtsc("train")
print("NewsMTSC train, macro-F1")
results = {}
for reach in GRID_REACH:
    for vmin in GRID_VMIN:
        values = [rule_score(r.sentence, r.start, r.end, lexicon_reach=reach, vader_min=vmin)[0]
                  for r in train.itertuples()]
        for threshold in GRID_THRESHOLD:
            pred = [polarity_stance(v, threshold) for v in values]
            results[(reach, vmin, threshold)] = f1_score(train.polarity, pred, average="macro")
            score = results[(reach, vmin, threshold)]
            print(f"  REACH={reach} VADER_MIN={vmin} THRESHOLD={threshold}: {score:.3f}")
best = max(results, key=results.get)
print(f"best {best}: {results[best]:.3f}; in use {CHOSEN}: {results.get(CHOSEN, float('nan')):.3f}")

corpus = oa.load_corpus(ROOT / "seeds")
per_article = {}
for vmin in GRID_VMIN:
    for threshold in GRID_THRESHOLD:
        method = RulesMethod(lexicon_reach=CHOSEN[0], vader_min=vmin, threshold=threshold)
        preds = validate.seed_predictions(corpus, ROOT / "data" / "gold", methods=[method])
        preds = preds[preds["label"] == "rules"]
        for article, group in preds.groupby("article"):
            agreement = validate.agreement(group["gold_stance"], group["stance"])
            per_article[(vmin, threshold, article)] = agreement["macro_f1"]
articles = sorted({k[2] for k in per_article})
print("Seeds, leave-one-article-out")
for held in articles:
    other = [a for a in articles if a != held][0]
    best = max(((v, t) for v in GRID_VMIN for t in GRID_THRESHOLD), key=lambda p: per_article[(*p, other)])
    print(f"  tuned on {other} -> {best}: {held} macro-F1 {per_article[(*best, held)]:.3f}"
          f" (NewsMTSC choice {CHOSEN[1:]}: {per_article[(*CHOSEN[1:], held)]:.3f})")
