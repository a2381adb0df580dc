"""Cross-validated check of the ``roles`` stance model on train/dev data only.

Run from the repository root:  PYTHONPATH=src python bench/stance_cv.py

Used to decide whether a change to the role features or the model's settings helps,
without looking at the seed gold (a test set) or at the behavioural suite:

* ``synth_cv``: grouped 5-fold cross-validation on ``data/opeds_synth`` (folds by
  sentence, so the powers of one sentence stay together): each fold trains on the other
  folds plus NewsMTSC train and is calibrated on NewsMTSC dev_rw, as the shipped model is;
* ``dev_rw``: the full model on NewsMTSC dev_rw (its calibration set, so optimistic);
* ``dev_mt``: the full model on NewsMTSC dev_mt (used by nothing);
* ``dev_rw_best``, ``dev_mt_best``: the best macro-F1 over the calibration's prior shifts on
  the split itself, to compare feature sets apart from the noise of the shifts' fit.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from oped_analysis.resources import read_newsmtsc  # noqa: E402
from oped_analysis.scoring import stance  # noqa: E402

FOLDS = 5


def evaluate(**settings) -> dict[str, float]:
    """Macro-F1 of a :class:`RoleStanceModel` with ``settings`` on synth CV, dev_rw and dev_mt."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    model = stance.RoleStanceModel(**settings)
    data = stance.training_data()
    labels = np.array(stance.CLASSES)
    weight = np.where(data["source"] == "opeds_synth", stance.SYNTH_WEIGHT, 1.0)
    feats = [model.features(s, a, b)[0] for s, a, b in zip(data["sentence"], data["start"], data["end"])]
    y = data["polarity"].to_numpy()
    dev = {split: read_newsmtsc(split) for split in ("dev_rw", "dev_mt")}
    dev_feats = {k: [model.features(s, a, b)[0] for s, a, b in zip(d["sentence"], d["start"], d["end"])]
                 for k, d in dev.items()}

    def predict(m, fs):
        return labels[[int(m._proba(m.logits(f)).argmax()) for f in fs]]

    synth = np.flatnonzero(data["source"].to_numpy() == "opeds_synth")
    news = np.flatnonzero(data["source"].to_numpy() != "opeds_synth")
    pred = np.zeros(len(synth), dtype=int)
    for train, test in GroupKFold(FOLDS).split(synth, groups=data["sentence"].to_numpy()[synth]):
        rows = np.concatenate([news, synth[train]])
        m = stance.RoleStanceModel(**settings).fit_features([feats[i] for i in rows], y[rows], weight[rows])
        m.calibrate_features(dev_feats["dev_rw"], dev["dev_rw"]["polarity"])
        pred[test] = predict(m, [feats[i] for i in synth[test]])
    out = {"synth_cv": f1_score(y[synth], pred, average="macro")}
    full = stance.RoleStanceModel(**settings).fit_features(feats, y, weight)
    full.calibrate_features(dev_feats["dev_rw"], dev["dev_rw"]["polarity"])
    for k, fs in dev_feats.items():
        out[k] = f1_score(dev[k]["polarity"], predict(full, fs), average="macro")
    for k, fs in dev_feats.items():
        # the best macro-F1 over the calibration's prior shifts on the split itself: how well the
        # model ranks, apart from the noise of fitting the shifts on 343 dev_rw rows
        z = np.array([full.logits(f) for f in fs]) / full.temperature
        grid = stance.SHIFT_GRID
        out[k + "_best"] = max(f1_score(dev[k]["polarity"], labels[(z + [0, d0, d1]).argmax(axis=1)],
                                        average="macro") for d0 in grid for d1 in grid)
    return out


if __name__ == "__main__":
    t0 = time.time()
    scores = evaluate()
    print("  ".join(f"{k} {v:.3f}" for k, v in scores.items()), f"({time.time() - t0:.0f} s)")
