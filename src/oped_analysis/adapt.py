"""Adapt the default stance method to your articles: re-train its model with your coded
pairs, cross-fitted.

The default method (:data:`oped_analysis.vocab.DEFAULT_METHOD`, ``roles``) is trained on
synthetic op-ed sentences and news (NewsMTSC); op-eds on other topics phrase stance
differently. Adding the user's coded pairs to its training data adapts it, but
a pair must never be scored by a model that saw its own label (its accuracy, and any
prediction-powered interval built on it, would be too optimistic). So the coded pairs
are split into ``folds``; each fold is scored by a model trained on the base data and
the other folds, and the uncoded pairs by the average of the fold models (cross-
prediction, Zrnic & Candès, *PNAS* 2024).

The estimator is anything with ``fit(frame)`` and ``predict_proba(frame)`` over a tidy
frame of text, start, end, stance (probabilities in the order -1, 0, 1);
:func:`training_frame` also carries the names the trained models read (``sentence`` for
the text, ``polarity`` for the stance). The default estimator brings its own training
data and calibration (:func:`oped_analysis.scoring.stance.fitted_model`), so ``fit`` gets
only the coded rows; another estimator may be given ``base`` rows to train on besides them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .coding import KEY
from .vocab import DEFAULT_METHOD

#: Times each coded pair is repeated in the training data: a few hundred coded pairs beside
#: the default model's ~10,500 training targets (NewsMTSC train, opeds_synth) would otherwise
#: barely move the model. A round number, not tuned on the seeds.
REPEAT = 5
FOLDS = 5
CLASSES = (-1, 0, 1)


def training_frame(text, start, end, stance) -> pd.DataFrame:
    """The tidy training table: text, start, end, stance (plus ``sentence``/``polarity`` aliases)."""
    frame = pd.DataFrame({"text": list(text), "start": list(start), "end": list(end), "stance": list(stance)})
    return frame.assign(sentence=frame["text"], polarity=frame["stance"]).astype(
        {"start": "int64", "end": "int64", "stance": "int64", "polarity": "int64"})


class DefaultEstimator:
    """The default method's model as a :func:`cross_fit` estimator: ``fit(rows)`` re-trains it
    on its own training data plus ``rows`` and calibrates it as usual
    (:func:`oped_analysis.scoring.stance.fitted_model`)."""

    def fit(self, rows: pd.DataFrame) -> DefaultEstimator:
        from .scoring.stance import fitted_model

        self.model = fitted_model(extra=rows)
        return self

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        return self.model.proba_table(frame)


def default_estimator() -> DefaultEstimator:
    """A fresh, unfitted copy of the default stance method's model."""
    return DefaultEstimator()


def _proba(estimator, frame: pd.DataFrame) -> np.ndarray:
    """Probabilities in the order -1, 0, 1, whatever order the estimator keeps its classes in."""
    proba = np.asarray(estimator.predict_proba(frame), dtype=float)
    classes = getattr(estimator, "classes_", None)
    if classes is None and hasattr(estimator, "clf"):
        classes = estimator.clf.classes_
    if classes is None:
        return proba
    order = [list(classes).index(c) for c in CLASSES]
    return proba[:, order]


def fold_labels(n: int, folds: int = FOLDS, seed: int = 1) -> np.ndarray:
    """A random fold (0 .. folds-1) for each of ``n`` coded pairs, balanced in size."""
    rng = np.random.default_rng(seed)
    return rng.permutation(np.arange(n) % min(folds, max(n, 1)))


def cross_fit(pairs: pd.DataFrame, sheet: pd.DataFrame, *, folds: int = FOLDS, seed: int = 1,
              repeat: int = REPEAT, make_estimator=default_estimator, base: pd.DataFrame | None = None,
              progress=None) -> pd.DataFrame:
    """Probabilities for every pair from models re-trained with the coded pairs, cross-fitted.

    ``pairs``: the population (:func:`oped_analysis.coding.coding_pairs`); ``sheet``: the
    coded pairs (article, sentence, actor, stance); ``base``: training rows given to
    ``make_estimator``'s ``fit`` besides the coded ones (none for the default estimator,
    which has its own). Returns ``pairs`` with a ``fold`` column
    (-1 for uncoded pairs) and :func:`oped_analysis.ppi.pair_predictions`' columns.
    """
    from .ppi import method_frame, with_probabilities

    base = training_frame([], [], [], []) if base is None else base
    coded = pairs.drop(columns=["stance"], errors="ignore").merge(sheet[KEY + ["stance"]], on=KEY, how="left")
    is_coded = coded["stance"].notna().to_numpy()
    fold = np.full(len(coded), -1)
    fold[is_coded] = fold_labels(int(is_coded.sum()), folds, seed)
    frame = method_frame(coded)
    proba = np.zeros((len(coded), 3))
    k_folds = sorted(set(fold[is_coded]))
    for k in k_folds:
        train = coded[is_coded & (fold != k)]
        extra = training_frame(train["sentence_text"], train["start"], train["end"],
                               train["stance"].astype(int))
        model = make_estimator().fit(pd.concat([base] + [extra] * repeat, ignore_index=True))
        proba[fold == k] = _proba(model, frame[fold == k])
        proba[~is_coded] += _proba(model, frame[~is_coded]) / len(k_folds) if (~is_coded).any() else 0
        if progress:
            progress(k)
    return with_probabilities(pairs.assign(fold=fold), proba)


def adapt_report(corpus, coding, *, folds: int = FOLDS, seed: int = 1, repeat: int = REPEAT,
                 lexicon=None, method: str = DEFAULT_METHOD, **fit) -> pd.DataFrame:
    """Macro-F1 (and accuracy, kappa) on the coded pairs of ``method`` (the default method)
    before, and of the default method's model after, adding the coded pairs to its training
    data (each pair scored by a model that did not see it).
    ``fit``: ``make_estimator`` and ``base`` of :func:`cross_fit`."""
    from . import validate
    from .coding import coding_pairs, read_sheet
    from .ppi import pair_predictions

    pairs = coding_pairs(corpus, lexicon=lexicon)
    sheet = coding if isinstance(coding, pd.DataFrame) else read_sheet(coding, pairs)
    coded = pairs.merge(sheet[KEY + ["stance"]], on=KEY)
    before = pair_predictions(coded, method)
    after = cross_fit(coded.drop(columns=["stance"]), sheet, folds=folds, seed=seed, repeat=repeat, **fit)
    rows = [{"model": method, **validate.agreement(coded["stance"], before["predicted"], CLASSES)},
            {"model": f"re-trained with the coded pairs ({folds}-fold cross-fitted)",
             **validate.agreement(coded["stance"], after["predicted"], CLASSES)}]
    return pd.DataFrame(rows)
