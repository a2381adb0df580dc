"""Aggregate tidy tables into per-article x actor comparisons, with uncertainty."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .actors import as_lexicon
from .checks import has_columns
from .columnar import comparison_columns_of
from .load import as_corpus
from .scoring import DEFAULT_METHODS, get_method
from .tables import score_tables
from .vocab import FRAMES, TARGET_METHODS, choose_actors, mean_column, method_labels

#: The thin-evidence rule, one for the whole library: a mean over fewer sentences than this
#: is reported as "too few" (``too_few`` column), drawn grey and never ranked. Five is the
#: smallest group whose percentile bootstrap interval has more than a handful of distinct
#: resamples to draw on, and one or two sentences flip such a mean from one end of the
#: scale to the other (the seeds' China, named once in an article, is the case in point).
MIN_SENTENCES = 5


def bootstrap_ci(values, *, stat=np.mean, n_boot: int = 2000, level: float = 0.95,
                 seed: int = 0, weights=None) -> tuple[float, float, float]:
    """``(estimate, low, high)``: a statistic and its percentile bootstrap interval.

    Resamples the values (sentences) with replacement, ``n_boot`` times, with a fixed
    ``seed`` so reruns give the same interval. Fewer than two values give NaN bounds.
    With ``weights`` the statistic is the weighted mean (value and weight resampled together).
    """
    values = np.asarray(values, dtype=float)
    weights = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    keep = ~np.isnan(values)
    values, weights = values[keep], weights[keep]
    if len(values) == 0 or weights.sum() <= 0:
        return (float("nan"),) * 3
    weighted = not np.all(weights == 1)
    estimate = float(np.average(values, weights=weights)) if weighted else float(stat(values))
    if len(values) < 2:
        return estimate, float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    samples = values[idx]
    if weighted:
        w = weights[idx]
        boot = (samples * w).sum(axis=1) / np.maximum(w.sum(axis=1), 1e-12)
    else:
        boot = np.apply_along_axis(stat, 1, samples) if stat is not np.mean else samples.mean(axis=1)
    alpha = (1 - level) / 2
    return estimate, float(np.quantile(boot, alpha)), float(np.quantile(boot, 1 - alpha))


def summarize(scores: pd.DataFrame, value: str = "polarity",
              by=("article", "actor", "method", "scope"), **bootstrap) -> pd.DataFrame:
    """Mean of ``value`` per group with a bootstrap CI: columns n, mean, ci_low, ci_high, and
    too_few (n below :data:`MIN_SENTENCES`: report, but do not rank)."""
    rows = []
    for key, group in scores.groupby(list(by), sort=True, dropna=False):
        est, lo, hi = bootstrap_ci(group[value], **bootstrap)
        n = int(group[value].notna().sum())
        rows.append({**dict(zip(by, key)), "n": n, "mean": est, "ci_low": lo, "ci_high": hi,
                     "too_few": n < MIN_SENTENCES})
    return pd.DataFrame(rows, columns=[*by, "n", "mean", "ci_low", "ci_high", "too_few"])


def compare(corpus, methods=None, lexicon=None, actors=None) -> pd.DataFrame:
    """One row per article x actor: how much and how favourably each article treats it.

    Columns: article, actor, mentions, sentences (mentioning the actor), share (of the
    article's sentences), and one mean-polarity column per method and scope
    (``textblob_sentence``, ``textblob_clause``, ``vader_sentence``, ...). ``actors``
    defaults to the lexicon's powers; an actor an article never names gets a row with
    zero mentions and empty means.
    """
    corpus = as_corpus(corpus)
    lex = as_lexicon(lexicon)
    actors = choose_actors(lex, actors)
    tables = score_tables(corpus, methods=methods, lexicon=lex)
    return comparison_table(corpus.ids, tables["sentences"], tables["mentions"], tables["scores"], actors,
                            methods=DEFAULT_METHODS if methods is None else methods)


#: The comparison table's first columns, before the means.
COUNT_COLUMNS = ("article", "actor", "mentions", "sentences", "share")


def comparison_columns(methods) -> list[str]:
    """The comparison table's columns: counts, then one mean per method x scope, in the order
    of ``methods`` (names or Method objects) and of each method's declared scopes."""
    scopes = [mean_column(get_method(m).name, scope) for m in methods for scope in get_method(m).scopes]
    return [*COUNT_COLUMNS, *dict.fromkeys(scopes)]


def comparison_table(ids, sents: pd.DataFrame, ments: pd.DataFrame, scores: pd.DataFrame,
                     actors, methods=None) -> pd.DataFrame:
    """:func:`compare`'s table from already computed sentence, mention and score tables.

    Every article of ``ids`` gets a row per actor of ``actors``; pipelines that stream a
    corpus in chunks call this once per chunk (each row depends on one article only). The
    counting and the means are :func:`oped_analysis.columnar.comparison_columns_of`, which
    ``analyze`` runs on its rows. The mean columns are those with a value, in the order of
    ``methods`` as in ``analyze``'s comparison table (:func:`comparison_columns`; ``analyze``
    keeps every declared column, so that its chunks share one schema), or sorted without them.
    """
    ids, actors = list(ids), list(actors)
    wanted = set(actors)
    score_rows = (scores[["article", "actor", "method", "scope", "polarity"]].to_dict("records")
                  if len(scores) else [])
    valued = {mean_column(r["method"], r["scope"]) for r in score_rows
              if r["actor"] in wanted and r["polarity"] is not None and r["polarity"] == r["polarity"]}
    declared = (comparison_columns(methods)[len(COUNT_COLUMNS):] if methods is not None
                else sorted(valued))
    means = [name for name in declared if name in valued]
    names = [*COUNT_COLUMNS, *means]
    columns = comparison_columns_of(ids, sents[["article"]].to_dict("records"),
                                    ments[["article", "actor", "sentence"]].to_dict("records"),
                                    score_rows, actors, names, mean_column)
    dtypes = {"article": "str", "actor": "str", "mentions": "int64", "sentences": "int64"}
    return pd.DataFrame({name: pd.Series(values, dtype=dtypes.get(name, "float64"))
                         for name, values in columns.items()}, columns=names)


def cooccurrence(mentions: pd.DataFrame, actors=None) -> pd.DataFrame:
    """How many sentences of each article name both of two actors.

    Takes :func:`oped_analysis.mentions` output; returns one row per article x actor x
    other (both in ``actors``, default: every actor found), with ``sentences``: the number
    of sentences naming both. The table is symmetric, and where actor == other it counts
    the sentences naming that actor at all.
    """
    actors = list(dict.fromkeys(mentions["actor"])) if actors is None else list(actors)
    pairs = mentions.loc[mentions["actor"].isin(actors), ["article", "sentence", "actor"]].drop_duplicates()
    both = pairs.merge(pairs, on=["article", "sentence"], suffixes=("", "_other"))
    counts = both.groupby(["article", "actor", "actor_other"]).size()
    articles = list(dict.fromkeys(mentions["article"]))
    grid = pd.MultiIndex.from_product([articles, actors, actors], names=["article", "actor", "other"])
    counts.index = counts.index.set_names(["article", "actor", "other"])
    return counts.reindex(grid, fill_value=0).rename("sentences").reset_index()


def signed(x: float, digits: int = 2) -> str:
    """``x`` with its sign (``"+0.30"``, ``"-0.12"``), and zero as ``"0.00"`` (never ``"-0.00"``)."""
    text = f"{x:+.{digits}f}"
    return text if float(text) != 0 else f"{0:.{digits}f}"


def format_interval(mean: float, low: float, high: float, digits: int = 2) -> str:
    """``"+0.30 [+0.16, +0.44]"``; a lone value without bounds reads ``"+0.90 (n=1, no interval)"``."""
    if mean != mean:
        return "–"
    if low != low or high != high:
        return f"{signed(mean, digits)} (no interval)"
    return f"{signed(mean, digits)} [{signed(low, digits)}, {signed(high, digits)}]"


def side_by_side(table: pd.DataFrame, summary: pd.DataFrame, method: str = "vader",
                 scope: str = "sentence", labels: dict | None = None) -> pd.DataFrame:
    """The articles next to each other: one row per actor, one column group per article.

    ``table`` comes from :func:`compare`, ``summary`` from :func:`summarize`. Columns per
    article: mentions, % of sentences naming the actor, and the mean polarity of
    ``method`` at ``scope`` with its 95% interval (as text, for reading). ``labels``
    renames the articles.
    """
    chosen = summary[(summary["method"] == method) & (summary["scope"] == scope)]
    merged = table.merge(chosen[["article", "actor", "n", "mean", "ci_low", "ci_high"]],
                         on=["article", "actor"], how="left")
    polarity = f"{method} {scope} polarity [95% CI]"
    merged[polarity] = [format_interval(m, lo, hi) for m, lo, hi in
                        zip(merged["mean"], merged["ci_low"], merged["ci_high"])]
    merged["% of sentences"] = (100 * merged["share"]).round(0).astype("Int64")
    articles = list(dict.fromkeys(table["article"]))
    actors = list(dict.fromkeys(table["actor"]))
    out = (merged.set_index(["actor", "article"])[["mentions", "% of sentences", polarity]]
           .unstack("article").swaplevel(axis=1)
           .reindex(columns=pd.MultiIndex.from_product(
               [articles, ["mentions", "% of sentences", polarity]]))
           .reindex(actors))
    if labels:
        out = out.rename(columns=labels, level=0)
    out.columns.names = ["article", None]
    return out


# --- stance: uncertainty, frames and robustness ------------------------------------------

def _labelled(scores: pd.DataFrame) -> pd.DataFrame:
    """Scores with a ``label`` column (method, or method:scope for polarity baselines)."""
    return scores if "label" in scores.columns else method_labels(scores)


def stance_summary(scores: pd.DataFrame, by=("article", "actor", "label"), min_confidence: float = 0.0,
                   weighted: bool = False, **bootstrap) -> pd.DataFrame:
    """Per group (article x actor x method): n sentences, mean stance and the shares of
    favourable (+1) and unfavourable (-1) sentences, each with a seeded bootstrap 95% CI
    (resampling the group's sentences; see :func:`bootstrap_ci`).

    ``scores`` is :func:`oped_analysis.score` output with a ``stance`` column. Methods with
    a calibrated ``confidence`` (the ``roles`` method) can abstain: pairs below
    ``min_confidence`` are dropped (``n_dropped`` counts them), and ``weighted=True``
    weights the remaining ones by their confidence. Rows without a confidence (other
    methods) are always kept at weight 1. ``too_few`` marks groups under
    :data:`MIN_SENTENCES` sentences.
    """
    needed = [c for c in by if c != "label" or "method" not in getattr(scores, "columns", ())]
    has_columns(scores, [*needed, "stance"], "scores",
                "pass oa.score(corpus) output (with a stance column: methods such as 'rules', 'model')")
    if scores.empty:
        return pd.DataFrame(columns=[*by, "n", *(f"{n}{s}" for n in ("mean", "favourable", "unfavourable")
                                                 for s in ("", "_low", "_high")), "too_few"])
    data = _labelled(scores).dropna(subset=["stance"])
    dropped = pd.Series(False, index=data.index)
    if "confidence" in data.columns:
        dropped = data["confidence"].notna() & (data["confidence"] < min_confidence)
    n_dropped = dropped.groupby([data[c] for c in by]).sum()
    data = data[~dropped]
    rows = []
    for key, group in data.groupby(list(by), sort=True):
        stance = group["stance"].astype(float).to_numpy()
        weight = np.ones(len(stance))
        if weighted and "confidence" in group.columns:
            weight = group["confidence"].fillna(1.0).to_numpy(dtype=float)
        row = {**dict(zip(by, key)), "n": len(stance), "n_dropped": int(n_dropped.get(key, 0))}
        for name, values in (("mean", stance), ("favourable", stance > 0), ("unfavourable", stance < 0)):
            est, lo, hi = bootstrap_ci(values.astype(float), weights=weight if weighted else None,
                                       **bootstrap)
            row.update({name: est, f"{name}_low": lo, f"{name}_high": hi})
        rows.append({**row, "too_few": row["n"] < MIN_SENTENCES})
    return pd.DataFrame(rows)



def frame_shares(scores: pd.DataFrame, by=("actor",), label: str | None = None) -> pd.DataFrame:
    """Share of each frame (security, economic, diplomatic, other) per group, from one
    method's rows (``label``; default the first target-aware method present).

    Frames do not depend on the stance method, so one method's rows suffice.
    """
    data = _labelled(scores).dropna(subset=["frame"])
    label = label or next((m for m in TARGET_METHODS if m in set(data["label"])), data["label"].iloc[0])
    data = data[data["label"] == label]
    counts = pd.crosstab([data[c] for c in by], data["frame"]).reindex(columns=list(FRAMES), fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares.columns.name = None
    return shares.assign(n=counts.sum(axis=1)).reset_index()


def robustness(scores: pd.DataFrame, actors=None, min_sentences: int = MIN_SENTENCES) -> pd.DataFrame:
    """Which actor each article portrays most and least favourably, under each method.

    One row per article x method label: ``most``, ``least`` (by mean stance over the
    actor's sentences; ties broken by actor name) and per-actor means. Columns
    ``most_agree`` / ``least_agree`` say whether every method names the same actor for
    that article; where they are False the conclusion depends on the method. Actors on
    fewer than ``min_sentences`` sentences are not ranked (:data:`MIN_SENTENCES`); an
    article with fewer than two ranked actors has no row.
    """
    data = _labelled(scores).dropna(subset=["stance"])
    if actors is not None:
        data = data[data["actor"].isin(actors)]
    means = data.groupby(["article", "label", "actor"])["stance"].agg(["mean", "size"]).reset_index()
    means = means[means["size"] >= min_sentences]
    rows = []
    for (article, label), group in means.groupby(["article", "label"], sort=True):
        if len(group) < 2:
            continue
        ordered = group.sort_values(["mean", "actor"], ascending=[False, True], kind="stable")
        rows.append({"article": article, "label": label, "most": ordered["actor"].iloc[0],
                     "least": ordered.sort_values(["mean", "actor"], kind="stable")["actor"].iloc[0],
                     **{f"mean_{a}": m for a, m in zip(group["actor"], group["mean"])}})
    out = pd.DataFrame(rows, columns=["article", "label", "most", "least"] if not rows else None)
    for col in ("most", "least"):
        out[f"{col}_agree"] = out.groupby("article")[col].transform("nunique") == 1
    return out
