"""How far a method's stated confidence can be trusted: reliability-diagram data.

A calibrated method is right about 80% of the time when it says 0.8. :func:`reliability`
bins predictions by their confidence and compares each bin's mean confidence with its
accuracy (DeGroot & Fienberg 1983; Guo et al. 2017 for the expected calibration error).
:func:`abstention_curve` shows what dropping low-confidence pairs costs and gains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def reliability(truth, predicted, confidence, bins: int = 10) -> pd.DataFrame:
    """One row per confidence bin (equal width on [1/3, 1], the range of a 3-class maximum
    probability): low, high, n, confidence (mean), accuracy, gap (accuracy - confidence)."""
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    confidence = np.asarray(confidence, dtype=float)
    edges = np.linspace(1 / 3, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        k = which == b
        rows.append({"low": edges[b], "high": edges[b + 1], "n": int(k.sum()),
                     "confidence": float(confidence[k].mean()) if k.any() else float("nan"),
                     "accuracy": float((truth[k] == predicted[k]).mean()) if k.any() else float("nan")})
    table = pd.DataFrame(rows)
    table["gap"] = table["accuracy"] - table["confidence"]
    return table


def expected_calibration_error(table: pd.DataFrame) -> float:
    """The bins' |accuracy - confidence| weighted by their share of predictions."""
    used = table[table["n"] > 0]
    return float((used["n"] * used["gap"].abs()).sum() / used["n"].sum())


def abstention_curve(truth, predicted, confidence, thresholds=(0.0, 0.4, 0.5, 0.6, 0.7, 0.8)) -> pd.DataFrame:
    """For each ``min_confidence``: the share of pairs kept and the macro-F1 on them (over the
    three stances, :func:`oped_analysis.validate.agreement`: a stance neither side has there
    counts 0, without the warning that would fail a book built from a small coding)."""
    from .validate import STANCES, agreement

    truth, predicted = np.asarray(truth), np.asarray(predicted)
    confidence = np.asarray(confidence, dtype=float)
    rows = []
    for t in thresholds:
        k = confidence >= t
        f1 = agreement(truth[k], predicted[k], labels=STANCES)["macro_f1"] if k.any() else float("nan")
        rows.append({"min_confidence": t, "kept": float(k.mean()), "n": int(k.sum()), "macro_f1": float(f1)})
    return pd.DataFrame(rows)
