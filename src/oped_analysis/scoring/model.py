"""A supervised target-dependent stance model, trained offline on NewsMTSC.

Logistic regression over three feature groups of each (sentence, target) pair:

* the sentence's words and bigrams with the target replaced by a placeholder
  (``TGT``), so the model learns how things are said, not who is named;
* the words in a window of :data:`WINDOW` tokens left and right of the target,
  marked by side (``L:killed``, ``R:praised``);
* the cue effects of :mod:`oped_analysis.scoring.cues` summed by kind and role
  (agent of conflict, praised, party of a deteriorating relationship, ...) and the
  VADER compound of the target's clause and of the sentence.

It is trained on ``data/newsmtsc/train.jsonl`` (8,739 targets) at first use, in a few
seconds, kept in memory and cached on disk (:func:`trained_model`); training is
deterministic (newton-cg, no random state).
``C`` was chosen by 5-fold cross-validation on the training split only (macro-F1 0.620,
0.626, 0.627, 0.627 for C = 0.25, 0.5, 1, 2). The explanation lists the
features that pushed the predicted class most.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .base import Method, target_row
from .cues import cues, tokens

WINDOW = 5
C = 1.0
CLASSES = (-1, 0, 1)
DENSE = ["agent+", "agent-", "patient+", "patient-", "judged+", "judged-", "near+", "near-",
         "relation+", "relation-", "negated", "rules", "vader_clause", "vader_sentence"]


def masked_text(sentence: str, start: int, end: int) -> str:
    """The sentence with the target replaced by the placeholder ``TGT``."""
    return f"{sentence[:start]} TGT {sentence[end:]}"


def window_text(sentence: str, start: int, end: int, width: int = WINDOW) -> str:
    """Side-marked words around the target: ``L:word`` before it, ``R:word`` after it."""
    toks = [(w, s, e) for w, s, e in tokens(sentence) if w.isalpha() or "-" in w or "'" in w]
    left = [w for w, s, e in toks if e <= start][-width:]
    right = [w for w, s, e in toks if s >= end][:width]
    return " ".join([f"L:{w}" for w in left] + [f"R:{w}" for w in right])


def dense_features(sentence: str, start: int, end: int) -> list[float]:
    """Cue effects by kind and role, the rule sum, and VADER on the clause and sentence."""
    from ..text import clause_span

    out = dict.fromkeys(DENSE, 0.0)
    total = 0.0
    for c in cues(sentence, start, end):
        sign = "+" if c.valence * (-1 if c.negated else 1) > 0 else "-"
        if c.kind.startswith("relation"):
            key = "relation+" if c.effect > 0 else "relation-"
        elif c.kind in ("praise", "criticism") and c.role == "patient":
            key = "judged" + sign
        else:
            key = {"party": "near", "sentence": "agent"}.get(c.role, c.role) + sign
        out[key] += abs(c.valence) * c.weight
        out["negated"] += float(c.negated)
        total += c.effect
    out["rules"] = total
    lo, hi = clause_span(sentence, start, end)
    out["vader_clause"] = _compound(sentence[lo:hi])
    out["vader_sentence"] = _compound(sentence)
    return [out[k] for k in DENSE]


@lru_cache(maxsize=8192)
def _compound(text: str) -> float:
    """VADER's compound score, cached: sentences with several targets recur."""
    from .vader import analyzer

    return analyzer().polarity_scores(text)["compound"]


class StanceModel:
    """Vectorisers + logistic regression; ``fit`` and ``predict_proba`` take a DataFrame
    with columns sentence, start, end (and polarity for ``fit``)."""

    def __init__(self, C: float = C, class_weight: str | None = "balanced"):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.text = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                    token_pattern=r"(?u)\b\w[\w'-]*\b")
        self.window = TfidfVectorizer(min_df=2, token_pattern=r"\S+", lowercase=False)
        self.clf = LogisticRegression(C=C, class_weight=class_weight, solver="newton-cg", max_iter=1000)
        self.scale = None
        self._names: list[str] | None = None

    def _parts(self, data: pd.DataFrame):
        rows = list(zip(data["sentence"], data["start"], data["end"]))
        return ([masked_text(*r) for r in rows], [window_text(*r) for r in rows],
                np.array([dense_features(*r) for r in rows], dtype=float))

    def _matrix(self, parts, fit: bool):
        from scipy import sparse

        text, window, dense = parts
        if fit:
            self.scale = np.maximum(np.abs(dense).max(axis=0), 1e-9)
            a, b = self.text.fit_transform(text), self.window.fit_transform(window)
        else:
            a, b = self.text.transform(text), self.window.transform(window)
        return sparse.hstack([a, b, sparse.csr_matrix(dense / self.scale)]).tocsr()

    def fit(self, data: pd.DataFrame) -> StanceModel:
        from .base import one_blas_thread

        with one_blas_thread():     # the same bits on every machine
            self.clf.fit(self._matrix(self._parts(data), fit=True), data["polarity"].to_numpy())
        return self

    def predict_proba(self, data: pd.DataFrame) -> np.ndarray:
        return self.clf.predict_proba(self._matrix(self._parts(data), fit=False))

    def predict(self, data: pd.DataFrame) -> np.ndarray:
        return self.clf.classes_[self.predict_proba(data).argmax(axis=1)]

    def feature_names(self) -> list[str]:
        return ([f"word:{w}" for w in self.text.get_feature_names_out()]
                + [f"near:{w}" for w in self.window.get_feature_names_out()]
                + [f"cue:{d}" for d in DENSE])

    def explain(self, sentence: str, start: int, end: int, top: int = 4) -> tuple[int, np.ndarray, str]:
        """``(stance, probabilities, explanation)``: the features that pushed the prediction most."""
        data = pd.DataFrame({"sentence": [sentence], "start": [start], "end": [end]})
        x = self._matrix(self._parts(data), fit=False)
        proba = self.clf.predict_proba(x)[0]
        k = int(proba.argmax())
        stance = int(self.clf.classes_[k])
        contrib = x.multiply(self.clf.coef_[k]).tocsr()
        idx, vals = contrib.indices, contrib.data
        order = np.argsort(-vals, kind="stable")[:top]
        names = self._names or self.feature_names()
        self._names = names
        pushed = ", ".join(f"{names[idx[i]]}{vals[i]:+.2f}" for i in order if vals[i] > 0)
        return stance, proba, f"p={proba[k]:.2f} for {stance:+d}: {pushed or 'intercept only'}"


@lru_cache(maxsize=1)
def trained_model() -> StanceModel:
    """The model trained on ``data/newsmtsc/train.jsonl``, built once per process and
    cached on disk (:func:`cached`)."""
    from ..resources import data_path, read_newsmtsc

    return cached("stance-model", [data_path("newsmtsc", "train.jsonl")], ["model.py", "cues.py"],
                  f"C={C} window={WINDOW}", lambda: StanceModel().fit(read_newsmtsc("train")))


def cached(name: str, inputs, sources, params: str, build):
    """``build()``'s result, kept on disk (:func:`cache_path`) so a new process (a notebook,
    a test run) loads it instead of training again. The key hashes the training files, the
    feature code and the scikit-learn version; training is deterministic, so the cached and
    a fresh model are the same. A stale or truncated cache is rebuilt, never trusted."""
    import pickle

    path = cache_path(name, inputs, sources, params)
    if path is not None and path.exists():
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except Exception:
            path.unlink(missing_ok=True)
    model = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(model, fh)
            tmp.replace(path)
        except OSError:
            pass  # a read-only home only costs the retraining
    return model


def cache_path(name: str, inputs, sources, params: str):
    """Where a fitted model is cached: ``$OPED_ANALYSIS_CACHE`` (``off`` disables it), else
    ``~/.cache/oped-analysis``; the file name is a hash of everything it depends on
    (``inputs`` data files, ``sources`` module files of this package, ``params``)."""
    import hashlib
    import os
    from importlib.metadata import version
    from pathlib import Path

    root = os.environ.get("OPED_ANALYSIS_CACHE", str(Path.home() / ".cache" / "oped-analysis"))
    if root.lower() == "off":
        return None
    digest = hashlib.sha256()
    for data_file in inputs:
        digest.update(Path(data_file).read_bytes())
    here = Path(__file__).resolve().parent
    for source in [here / s for s in sources] + [here.parent / "text.py"]:
        digest.update(source.read_bytes())
    # the installed version, read without importing scikit-learn (0.8 s): the roles model
    # is a plain-Python pickle, so loading it from the cache needs no scikit-learn at all
    digest.update(f"{version('scikit-learn')} {params}".encode())
    return Path(root) / f"{name}-{digest.hexdigest()[:16]}.pkl"


class ModelMethod(Method):
    name = "model"
    description = "logistic regression on NewsMTSC train (masked target, window, cue features)"
    scopes = ("target",)
    params: dict[str, object] = {}
    batch = True

    def score_target(self, sentence: str, start: int, end: int, memo: dict | None = None) -> list[dict]:
        model = trained_model()
        stance, proba, explanation = model.explain(sentence, start, end)
        classes = list(model.clf.classes_)
        polarity = float(proba[classes.index(1)] - proba[classes.index(-1)])
        return [target_row(sentence, start, end, polarity, stance, explanation)]

    def predict_proba(self, data: pd.DataFrame) -> np.ndarray:
        """P(-1), P(0), P(+1) for each row of a table with sentence, start, end (in that order)."""
        model = trained_model()
        proba = model.predict_proba(data)
        return proba[:, [list(model.clf.classes_).index(c) for c in CLASSES]]

    def stances(self, data: pd.DataFrame) -> pd.DataFrame:
        """Batch scoring for evaluation: ``stance`` and ``polarity`` for each row of a
        table with sentence, start, end (much faster than one :meth:`score_target` per row)."""
        model = trained_model()
        proba = model.predict_proba(data)
        classes = list(model.clf.classes_)
        return pd.DataFrame({"stance": model.clf.classes_[proba.argmax(axis=1)].astype(int),
                             "polarity": proba[:, classes.index(1)] - proba[:, classes.index(-1)]})
