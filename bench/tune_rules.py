"""Choose the rules method's two constants on NewsMTSC *train* (never on the seed gold).

Grid: VADER_MIN (smallest |VADER valence| a fallback word needs) x THRESHOLD (|sum|
needed for a non-neutral stance); prints macro-F1 on train for each pair.
Run: .venv/bin/python bench/tune_rules.py
"""

from sklearn.metrics import f1_score

from oped_analysis.resources import read_newsmtsc
from oped_analysis.scoring import cues, rules

train = read_newsmtsc("train")
for vmin in (0.5, 1.0, 1.5, 2.0):
    cues.VADER_MIN = vmin
    values = [rules.rule_score(r.sentence, r.start, r.end)[0] for r in train.itertuples()]
    for threshold in (0.1, 0.2, 0.3, 0.4, 0.5, 0.7):
        pred = [rules.to_stance(v, threshold) for v in values]
        print(f"VADER_MIN={vmin} THRESHOLD={threshold}: macro-F1 {f1_score(train.polarity, pred, average='macro'):.3f}")
