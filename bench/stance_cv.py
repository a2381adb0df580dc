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

:func:`evaluate` takes hooks for experiments that change training or the decision rather than
the model's settings (``bench/stance_experiments.py``).
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


def evaluate(train_map=None, fold_weights=None, decide=None, **settings) -> dict[str, float]:
    """Macro-F1 of a :class:`RoleStanceModel` with ``settings`` on synth CV, dev_rw and dev_mt.

    Hooks (all optional): ``train_map(feats, from_synth)``, the features a training row is
    trained with (the features of prediction stay those of :meth:`RoleStanceModel.features`);
    ``fold_weights(weights)``, the weights the fitted model predicts with (before calibration);
    ``decide(proba, table, feats)``, the class index of each row from its calibrated
    probabilities (rows x 3), its table (sentence, start, end) and features (default: argmax).
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    model = stance.RoleStanceModel(**settings)
    data = stance.training_data()
    labels = np.array(stance.CLASSES)
    from_synth = data["source"].to_numpy() == "opeds_synth"
    weight = np.where(from_synth, stance.SYNTH_WEIGHT, 1.0)
    feats = [model.features(s, a, b)[0] for s, a, b in zip(data["sentence"], data["start"], data["end"])]
    train_feats = feats if train_map is None else [train_map(f, s) for f, s in zip(feats, from_synth)]
    y = data["polarity"].to_numpy()
    dev = {split: read_newsmtsc(split) for split in ("dev_rw", "dev_mt")}
    dev_feats = {k: [model.features(s, a, b)[0] for s, a, b in zip(d["sentence"], d["start"], d["end"])]
                 for k, d in dev.items()}

    def fitted(rows):
        m = stance.RoleStanceModel(**settings)
        m.fit_features([train_feats[i] for i in rows], y[rows], weight[rows])
        if fold_weights is not None:
            m.weights = fold_weights(m.weights)
        return m.calibrate_features(dev_feats["dev_rw"], dev["dev_rw"]["polarity"])

    def predict(m, fs, table):
        proba = np.array([m._proba(m.logits(f)) for f in fs]).reshape(-1, len(labels))
        return labels[proba.argmax(axis=1) if decide is None else decide(proba, table, fs)]

    synth = np.flatnonzero(from_synth)
    news = np.flatnonzero(~from_synth)
    pred = np.zeros(len(synth), dtype=int)
    for train, test in GroupKFold(FOLDS).split(synth, groups=data["sentence"].to_numpy()[synth]):
        m = fitted(np.concatenate([news, synth[train]]))
        pred[test] = predict(m, [feats[i] for i in synth[test]], data.iloc[synth[test]])
    out = {"synth_cv": f1_score(y[synth], pred, average="macro")}
    full = fitted(np.arange(len(y)))
    for k, fs in dev_feats.items():
        out[k] = f1_score(dev[k]["polarity"], predict(full, fs, dev[k]), average="macro")
    for k, fs in dev_feats.items():
        # the best macro-F1 over the calibration's prior shifts on the split itself: how well the
        # model ranks, apart from the noise of fitting the shifts on 343 dev_rw rows
        z = np.array([full.logits(f) for f in fs]) / full.temperature
        grid = stance.SHIFT_GRID
        out[k + "_best"] = max(f1_score(dev[k]["polarity"], labels[(z + [0, d0, d1]).argmax(axis=1)],
                                        average="macro") for d0 in grid for d1 in grid)
    return out


def line(scores: dict[str, float]) -> str:
    """The scores of :func:`evaluate` on one line."""
    return "  ".join(f"{k} {v:.3f}" for k, v in scores.items())


if __name__ == "__main__":
    t0 = time.time()
    print(line(evaluate()), f"({time.time() - t0:.0f} s)")
