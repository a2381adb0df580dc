"""Prediction-powered estimates: a small random human-coded sample corrects a classifier.

A classifier's mean stance per power is biased wherever its errors are not symmetric;
a mean of the human-coded sample alone is unbiased but wide. Prediction-powered
inference (Angelopoulos et al., *Science* 2023; PPI++: Angelopoulos, Duchi & Zrnic 2023)
combines them: the classifier's mean over every pair of the corpus, corrected by the
mean error it makes on the coded sample,

    theta = lam * mean_N(f) + mean_n(y - lam * f),

with ``lam`` in [0, 1] chosen from the coded pairs to make the interval as narrow as
possible (``lam = 0`` is the human-only estimate). Its interval is valid whatever the
classifier's accuracy: a poor classifier only makes it wider, up to the human-only one.

The corpus is the population (every detected sentence-power pair, with a prediction for
each), and the coded pairs a simple or stratified random sample of it
(:func:`oped_analysis.coding.sample`). The variance is therefore the design-based one of
the difference estimator (Särndal, Swensson & Wretman 1992, ch. 6): the stratified
variance of the residuals ``y - lam * f`` with the finite-population correction, and a
Student t quantile (the coded sample per power is often small).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .coding import KEY, coding_pairs, read_sheet
from .errors import OpedAnalysisError

#: The measures estimated per power: (name, coded value from the stance, prediction column).
MEASURES = (("mean stance", lambda s: s.astype(float), "expected_stance"),
            ("share favourable", lambda s: (s == 1).astype(float), "p_favourable"),
            ("share unfavourable", lambda s: (s == -1).astype(float), "p_unfavourable"))
ESTIMATORS = ("prediction-powered", "human only", "classifier only")
GROUPS = ("article", "outlet", "month")


@dataclass(frozen=True)
class MeanEstimate:
    """A mean with its interval; ``lam`` the weight given to the predictions."""

    estimate: float
    low: float
    high: float
    se: float
    lam: float
    n: int
    N: int


def _strata(labels, n: int) -> np.ndarray:
    return np.zeros(n, dtype=int) if labels is None else np.asarray(labels)


def ppi_mean(y, yhat, yhat_population, *, strata=None, strata_population=None, lam=None,
             level: float = 0.95, finite_population: bool = True, dist: str = "t") -> MeanEstimate:
    """The prediction-powered mean of ``y`` over a population and its ``level`` interval.

    ``y``, ``yhat``: the coded units' labels and predictions; ``yhat_population``: the
    predictions of every population unit (the coded ones included). ``strata`` and
    ``strata_population`` label each unit's sampling stratum (a stratified sample is
    weighted by stratum size over coded count, N_h / n_h). ``lam``: None tunes it
    (PPI++, clipped to [0, 1]); 1 is plain PPI; 0 the classical (human-only) estimate.
    ``finite_population``: the population is the corpus (the finite-population
    correction applies and the predictions' mean carries no sampling error); False treats
    the population as an i.i.d. draw from a larger one, as ``ppi_py.ppi_mean_ci`` does.
    ``dist``: ``"t"`` (n - 1 degrees of freedom) or ``"normal"``.
    """
    y, yhat = np.asarray(y, dtype=float), np.asarray(yhat, dtype=float)
    pop = np.asarray(yhat_population, dtype=float)
    n, N = len(y), len(pop)
    if n == 0:
        nan = float("nan")
        return MeanEstimate(nan, nan, nan, nan, nan, 0, N)
    h, h_pop = _strata(strata, n), _strata(strata_population, N)
    levels = sorted(set(h_pop.tolist()) | set(h.tolist()), key=str)
    size = {s: int(np.sum(h_pop == s)) for s in levels}
    coded = {s: np.flatnonzero(h == s) for s in levels}
    if any(size[s] < len(coded[s]) for s in levels):
        raise OpedAnalysisError("a stratum has more coded units than population units")
    share = {s: size[s] / N for s in levels}
    w = np.array([share[s] / len(coded[s]) for s in h])           # weight of each coded unit, sums to 1
    if lam is None:
        lam = _tuned_lambda(y, yhat, w, pop, finite_population)
    resid = y - lam * yhat
    pooled = float(np.sum(w * resid))
    estimate, var = lam * pop.mean(), 0.0
    for s in levels:
        r = resid[coded[s]]
        mean_r = r.mean() if len(r) else pooled                     # a stratum nobody coded: pooled mean
        estimate += share[s] * mean_r
        s2 = r.var(ddof=1) if len(r) > 1 else (resid.var(ddof=1) if n > 1 else np.nan)
        fpc = 1 - len(r) / size[s] if finite_population else 1.0
        var += share[s] ** 2 * fpc * s2 / max(len(r), 1)
    if not finite_population:
        var += lam ** 2 * pop.var(ddof=1) / N if N > 1 else 0.0
    se = float(np.sqrt(var))
    q = stats.t.ppf(0.5 + level / 2, df=n - 1) if dist == "t" and n > 1 else stats.norm.ppf(0.5 + level / 2)
    return MeanEstimate(float(estimate), float(estimate - q * se), float(estimate + q * se), se, float(lam), n, N)


def _tuned_lambda(y, yhat, w, pop, finite_population: bool) -> float:
    """The ``lam`` minimising the variance: cov(y, f) / var(f) (the regression estimator's
    slope; with an infinite population divided by 1 + n/N, as in PPI++ eq. 6), in [0, 1]."""
    n, N = len(y), len(pop)
    if n < 2:
        return 0.0
    my, mf = np.sum(w * y), np.sum(w * yhat)
    cov = np.sum(w * (y - my) * (yhat - mf))
    var = np.sum(w * (yhat - mf) ** 2)
    if var <= 0:
        return 0.0
    lam = cov / var if finite_population else cov / (var * (1 + n / N))
    return float(np.clip(lam, 0.0, 1.0))


# --- predictions for every pair ------------------------------------------------------------

def method_frame(pairs: pd.DataFrame) -> pd.DataFrame:
    """The table a stance estimator reads: text, start, end (and ``sentence`` holding the text,
    for estimators written against NewsMTSC's column names)."""
    return pd.DataFrame({"text": pairs["sentence_text"].to_numpy(), "sentence": pairs["sentence_text"].to_numpy(),
                         "start": pairs["start"].to_numpy(), "end": pairs["end"].to_numpy()})


def pair_predictions(pairs: pd.DataFrame, method: str = "model") -> pd.DataFrame:
    """``pairs`` with each pair's predicted class probabilities from ``method``:
    p_unfavourable, p_neutral, p_favourable, expected_stance (p_favourable - p_unfavourable)
    and predicted (the most likely stance). A method without probabilities (the rules, the
    sentiment baselines) gives its stance with probability 1."""
    from .scoring import get_method

    m = get_method(method)
    frame = method_frame(pairs)
    if hasattr(m, "predict_proba"):
        proba = np.asarray(m.predict_proba(frame), dtype=float)
    else:
        if hasattr(m, "stances"):
            labels = np.asarray(m.stances(frame)["stance"], dtype=int)
        else:
            labels = np.array([next(r for r in m.score_target(t, a, b) if r["scope"] in ("target", "clause"))["stance"]
                               for t, a, b in zip(frame["text"], frame["start"], frame["end"])], dtype=int)
        proba = np.stack([labels == -1, labels == 0, labels == 1], axis=1).astype(float)
    return with_probabilities(pairs, proba)


def with_probabilities(pairs: pd.DataFrame, proba: np.ndarray) -> pd.DataFrame:
    """``pairs`` with the prediction columns of class probabilities ``proba`` (order -1, 0, 1)."""
    proba = np.asarray(proba, dtype=float)
    return pairs.assign(p_unfavourable=proba[:, 0], p_neutral=proba[:, 1], p_favourable=proba[:, 2],
                        expected_stance=proba[:, 2] - proba[:, 0],
                        predicted=np.array([-1, 0, 1])[proba.argmax(axis=1)])


# --- the estimates table ------------------------------------------------------------------

def stratum_labels(pairs: pd.DataFrame, labels: pd.Series) -> np.ndarray:
    """Each population pair's stratum, in the sheet's notation (``actor=US``, ``all``)."""
    out = np.full(len(pairs), "all", dtype=object)
    for label in set(labels):
        if label == "all" or "=" not in str(label):
            continue
        column, value = str(label).split("=", 1)
        if column not in pairs.columns:
            raise OpedAnalysisError(f"the sheet's stratum {label!r} names no column of the pairs table")
        hit = pairs[column].fillna("unknown").astype(str).to_numpy() == value
        out[hit] = label
    return out


def estimate_table(predictions: pd.DataFrame, sheet: pd.DataFrame, by: str | None = None,
                   level: float = 0.95) -> pd.DataFrame:
    """Per power (and ``by`` group) and measure: the prediction-powered, human-only and
    classifier-only estimates with their intervals (the classifier alone has none: its
    error is not random and no interval can show it).

    ``predictions``: every pair of the population with :func:`pair_predictions`' columns;
    ``sheet``: the coded pairs (article, sentence, actor, stance; ``stratum`` if stratified).
    """
    if by is not None and by not in predictions.columns:
        raise OpedAnalysisError(f"cannot group by {by!r}; choose one of {', '.join(GROUPS)}")
    strata = sheet["stratum"] if "stratum" in sheet.columns else pd.Series("all", index=sheet.index)
    pop = predictions.assign(_stratum=stratum_labels(predictions, strata), _group="all" if by is None else
                             predictions[by].fillna("unknown").astype(str))
    coded = pop.merge(sheet[KEY + ["stance"]], on=KEY, how="inner")
    rows = []
    for (group, actor), domain in pop.groupby(["_group", "actor"], sort=True):
        sample = coded[(coded["_group"] == group) & (coded["actor"] == actor)]
        for measure, human, column in MEASURES:
            y = human(sample["stance"])
            args = (y, sample[column], domain[column])
            kw = {"strata": sample["_stratum"], "strata_population": domain["_stratum"], "level": level}
            ppi, classical = ppi_mean(*args, **kw), ppi_mean(*args, lam=0.0, **kw)
            head = {**({by: group} if by else {}), "actor": actor, "measure": measure,
                    "n_coded": len(sample), "n_pairs": len(domain)}
            rows.append({**head, "estimator": "prediction-powered", "estimate": ppi.estimate,
                         "low": ppi.low, "high": ppi.high, "lam": ppi.lam})
            rows.append({**head, "estimator": "human only", "estimate": classical.estimate,
                         "low": classical.low, "high": classical.high, "lam": 0.0})
            rows.append({**head, "estimator": "classifier only", "estimate": float(domain[column].mean()),
                         "low": np.nan, "high": np.nan, "lam": 1.0})
    columns = [*([by] if by else []), "actor", "measure", "estimator", "estimate", "low", "high",
               "n_coded", "n_pairs", "lam"]
    return pd.DataFrame(rows, columns=columns)


def estimate(corpus, coding, *, by: str | None = None, method: str = "model", level: float = 0.95,
             lexicon=None, adapt: bool = False) -> pd.DataFrame:
    """Mean stance and shares favourable / unfavourable per power (and ``by``: article,
    outlet or month) of ``corpus``: prediction-powered from the coding sheet ``coding`` (a
    path or table from :func:`oped_analysis.coding.sample`, filled in) and ``method``'s
    predictions for every pair, beside the human-only and classifier-only estimates.

    ``adapt``: predict with the default model re-trained with the coded pairs, cross-fitted
    (:func:`oped_analysis.adapt.cross_fit`) instead of ``method``.
    """
    from .load import as_corpus

    corpus = as_corpus(corpus)
    pairs = coding_pairs(corpus, lexicon=lexicon)
    sheet = coding if isinstance(coding, pd.DataFrame) else read_sheet(coding, pairs)
    if sheet.empty:
        raise OpedAnalysisError("the coding has no coded pair")
    if adapt:
        from .adapt import cross_fit

        predictions = cross_fit(pairs, sheet)
    else:
        predictions = pair_predictions(pairs, method)
    return estimate_table(predictions, sheet, by=by, level=level)
