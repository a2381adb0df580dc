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
from .vocab import DEFAULT_METHOD

#: The measures estimated per power: (name, coded value from the stance, prediction column).
MEASURES = (("mean stance", lambda s: s.astype(float), "expected_stance"),
            ("share favourable", lambda s: (s == 1).astype(float), "p_favourable"),
            ("share unfavourable", lambda s: (s == -1).astype(float), "p_unfavourable"))
#: The range each measure can take; intervals are clipped to it (which keeps their coverage).
BOUNDS = {"mean stance": (-1.0, 1.0), "share favourable": (0.0, 1.0), "share unfavourable": (0.0, 1.0)}
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
    tuned = lam is None
    if tuned:
        lam = tuned_lambda(y, yhat, w, n_population=None if finite_population else N)
    ddof = 2 if tuned and n > 2 else 1      # a fitted lam costs a degree of freedom, as a regression slope
    resid = y - lam * yhat
    pooled = float(np.sum(w * resid))
    estimate, var = lam * pop.mean(), 0.0
    for s in levels:
        r = resid[coded[s]]
        mean_r = r.mean() if len(r) else pooled                     # a stratum nobody coded: pooled mean
        estimate += share[s] * mean_r
        s2 = r.var(ddof=ddof) if len(r) > ddof else (resid.var(ddof=ddof) if n > ddof else np.nan)
        fpc = 1 - len(r) / size[s] if finite_population else 1.0
        if fpc > 0:                     # a stratum coded in full adds no sampling error
            var += share[s] ** 2 * fpc * s2 / max(len(r), 1)
    if not finite_population:
        var += lam ** 2 * pop.var(ddof=1) / N if N > 1 else 0.0
    se = float(np.sqrt(var))
    tail = 0.5 + level / 2
    q = stats.t.ppf(tail, df=n - ddof) if dist == "t" and n > ddof else stats.norm.ppf(tail)
    estimate = float(estimate)
    return MeanEstimate(estimate, estimate - q * se, estimate + q * se, se, float(lam), n, N)


def tuned_lambda(y, yhat, weights=None, *, n_population: int | None = None) -> float:
    """The ``lam`` minimising the estimator's variance, in [0, 1] (PPI++, Angelopoulos, Duchi
    & Zrnic 2023, eq. 6): the (weighted) slope cov(y, f) / var(f) of the labels on the
    predictions, divided by 1 + n/N when ``n_population`` N is given (an infinite
    population whose predictions' mean is itself uncertain). 0 when it cannot be estimated."""
    y, yhat = np.asarray(y, dtype=float), np.asarray(yhat, dtype=float)
    if len(y) < 2:
        return 0.0
    w = np.full(len(y), 1 / len(y)) if weights is None else np.asarray(weights, dtype=float) / np.sum(weights)
    my, mf = np.sum(w * y), np.sum(w * yhat)
    var = np.sum(w * (yhat - mf) ** 2)
    if var <= 0:
        return 0.0
    lam = np.sum(w * (y - my) * (yhat - mf)) / var
    if n_population:
        lam /= 1 + len(y) / n_population
    return float(np.clip(lam, 0.0, 1.0))


# --- predictions for every pair ------------------------------------------------------------

def method_frame(pairs: pd.DataFrame) -> pd.DataFrame:
    """The table a stance estimator reads: text, start, end (and ``sentence`` holding the text,
    for estimators written against NewsMTSC's column names)."""
    text = pairs["sentence_text"].to_numpy()
    return pd.DataFrame({"text": text, "sentence": text, "start": pairs["start"].to_numpy(),
                         "end": pairs["end"].to_numpy()})


def pair_predictions(pairs: pd.DataFrame, method: str = DEFAULT_METHOD) -> pd.DataFrame:
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
            rows = [m.score_target(t, a, b) for t, a, b in zip(frame["text"], frame["start"], frame["end"])]
            labels = np.array([next(r for r in out if r["scope"] in ("target", "clause"))["stance"]
                               for out in rows], dtype=int)
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


def domain_estimates(pop: pd.DataFrame, level: float = 0.95) -> list[dict]:
    """The estimates of every (``_group``, actor) domain of a population table.

    ``pop``: one row per pair with the prediction columns, ``stance`` (missing where not
    coded), ``_stratum`` (the sampling stratum) and ``_group``. ``lam`` is tuned per domain
    (the classifier may serve one power well and another badly); :func:`ppi_mean` charges
    the fitted slope a degree of freedom. (A single ``lam`` pooled over the powers gave
    narrower intervals where the classifier is good but wider ones than the human-only
    where it is not, and lower coverage: ``bench/PPI.md``.)
    """
    rows = []
    for measure, human, column in MEASURES:
        for (group, actor), domain in pop.groupby(["_group", "actor"], sort=True):
            sample = domain[domain["stance"].notna()]
            args = (human(sample["stance"]), sample[column], domain[column])
            kw = {"strata": sample["_stratum"], "strata_population": domain["_stratum"], "level": level}
            head = {"group": group, "actor": actor, "measure": measure, "n_coded": len(sample),
                    "n_pairs": len(domain), "note": _note(args[0], len(domain))}
            for name, result in (("prediction-powered", ppi_mean(*args, **kw)),
                                 ("human only", ppi_mean(*args, lam=0.0, **kw))):
                low, high = BOUNDS[measure]
                rows.append({**head, "estimator": name, "estimate": result.estimate,
                             "low": max(result.low, low), "high": min(result.high, high), "lam": result.lam})
            rows.append({**head, "estimator": "classifier only", "estimate": float(domain[column].mean()),
                         "low": np.nan, "high": np.nan, "lam": 1.0})
    return rows


def _note(coded_values: pd.Series, n_pairs: int) -> str:
    """Why an interval understates the uncertainty, if it does."""
    if len(coded_values) == n_pairs:
        return ""                       # a census: no sampling error
    if len(coded_values) < 3:
        return "fewer than 3 coded pairs: no interval"
    if coded_values.nunique() < 2:
        return "every coded pair has the same value: the interval understates the uncertainty"
    return ""


def estimate_table(predictions: pd.DataFrame, sheet: pd.DataFrame, by: str | None = None,
                   level: float = 0.95) -> pd.DataFrame:
    """Per power (and ``by`` group) and measure: the prediction-powered, human-only and
    classifier-only estimates with their intervals (the classifier alone has none: its
    error is not random and no interval can show it). ``note`` flags intervals that
    understate the uncertainty: fewer than 2 coded pairs, or all of them of one value.

    ``predictions``: every pair of the population with :func:`pair_predictions`' columns;
    ``sheet``: the coded pairs (article, sentence, actor, stance; ``stratum`` if stratified).
    """
    if by is not None and by not in predictions.columns:
        raise OpedAnalysisError(f"cannot group by {by!r}; choose one of {', '.join(GROUPS)}")
    strata = sheet["stratum"] if "stratum" in sheet.columns else pd.Series("all", index=sheet.index)
    pop = predictions.drop(columns=["stance"], errors="ignore").merge(
        sheet[KEY + ["stance"]], on=KEY, how="left")
    pop = pop.assign(_stratum=stratum_labels(pop, strata),
                     _group="all" if by is None else pop[by].fillna("unknown").astype(str))
    table = pd.DataFrame(domain_estimates(pop, level))
    table = table.rename(columns={"group": by}) if by else table.drop(columns="group")
    columns = [*([by] if by else []), "actor", "measure", "estimator", "estimate", "low", "high",
               "n_coded", "n_pairs", "lam", "note"]
    return table[columns]


def estimate(corpus, coding, *, by: str | None = None, method: str = DEFAULT_METHOD, level: float = 0.95,
             lexicon=None, adapt: bool = False) -> pd.DataFrame:
    """Mean stance and shares favourable / unfavourable per power (and ``by``: article,
    outlet or month) of ``corpus``: prediction-powered from the coding sheet ``coding`` (a
    path or table from :func:`oped_analysis.coding.sample`, filled in) and ``method``'s
    predictions for every pair, beside the human-only and classifier-only estimates.

    ``adapt``: predict with the default method's model re-trained with the coded pairs, cross-fitted
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


# --- how well the intervals cover: a simulation on a fully coded population ---------------

def simulate_coverage(population: pd.DataFrame, sizes=(40, 80), *, reps: int = 1000, seed: int = 0,
                      strata: str | None = None, level: float = 0.95) -> pd.DataFrame:
    """Coverage and width of prediction-powered and human-only intervals, by simulation.

    ``population``: every pair fully coded (``stance``) with predictions
    (:func:`pair_predictions`' columns). For each sample size, ``reps`` times: draw a
    coded sample as :func:`oped_analysis.coding.sample` would (``strata`` as there), treat
    the rest as uncoded, and check whether each power's interval holds the full coding's
    value. Columns: n, actor, measure, estimator, coverage, mean_width, zero_width (share of
    draws with an interval of zero width), bias (mean estimate minus the true value), reps.
    """
    from .coding import draw

    rng = np.random.default_rng(seed)
    pop = population.reset_index(drop=True)
    truth = pop["stance"].to_numpy()
    expected = {}
    for measure, human, _ in MEASURES:
        for actor, value in pop.assign(_y=human(pop["stance"])).groupby("actor")["_y"].mean().items():
            expected[actor, measure] = value
    rows = []
    for n in sizes:
        results = []
        for _ in range(reps):
            numbered = pop.assign(_row=np.arange(len(pop)))
            sample = draw(numbered, n, seed=int(rng.integers(2**31)), strata=strata)
            chosen = np.zeros(len(pop), dtype=bool)
            chosen[sample["_row"].to_numpy()] = True
            trial = pop.assign(stance=np.where(chosen, truth, np.nan), _group="all",
                               _stratum=stratum_labels(pop, sample["stratum"]))
            results += [r for r in domain_estimates(trial, level) if r["estimator"] != "classifier only"]
        found = pd.DataFrame(results)
        found["truth"] = [expected[a, m] for a, m in zip(found["actor"], found["measure"])]
        tol = 1e-9   # a census gives a zero-width interval; rounding must not count as a miss
        inside = (found["low"] - tol <= found["truth"]) & (found["truth"] <= found["high"] + tol)
        found = found.assign(covered=inside,
                             width=found["high"] - found["low"], error=found["estimate"] - found["truth"])
        summary = found.groupby(["actor", "measure", "estimator"], sort=True).agg(
            coverage=("covered", "mean"), mean_width=("width", "mean"),
            zero_width=("width", lambda w: float((w == 0).mean())), bias=("error", "mean")).reset_index()
        rows.append(summary.assign(n=n, reps=reps))
    out = pd.concat(rows, ignore_index=True)
    return out[["n", "actor", "measure", "estimator", "coverage", "mean_width", "zero_width", "bias", "reps"]]
