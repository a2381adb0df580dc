"""Figures: matplotlib, one colour-blind-safe colour per actor in every figure.

Colours are the Okabe-Ito palette. Every function takes a tidy DataFrame from the
library and returns a :class:`matplotlib.figure.Figure` with a title, labelled axes and
units, sized for a book page (about 7 inches wide). ``labels`` maps article ids to the
names shown in the figure (see :func:`article_labels`). Figure functions are one family,
``textplot_*`` (after quanteda), named for what they show.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .vocab import ACTOR_COLORS, METHOD_NAMES, OTHER_COLOR

#: A book page is about 7 inches wide.
BOOK_WIDTH = 7.0
#: Small multiples wrap after this many panels per row (a 7-inch page, readable on a phone).
PANELS_PER_ROW = 3
#: Marker per scope, so the sentence and the clause can be told apart without colour.
SCOPE_MARKERS = {"sentence": "o", "clause": "D", "target": "s"}


def actor_color(actor: str) -> str:
    """The actor's colour (grey for actors outside the default palette)."""
    return ACTOR_COLORS.get(actor, OTHER_COLOR)


def style() -> None:
    """The house style: no top/right spines, light grid, readable font sizes."""
    plt.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 110, "font.size": 10, "axes.titlesize": 11,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
        "grid.alpha": 0.3, "legend.frameon": False, "svg.hashsalt": "oped-analysis",
    })


def article_labels(corpus, width: int | None = 28) -> dict[str, str]:
    """Readable labels per article id: the title (wrapped at ``width``; None: one line), else the id."""
    return {a.id: textwrap.fill(a.title or a.id, width) if width else (a.title or a.id) for a in corpus}


def _thin_color(row, actor: str) -> str:
    """The actor's colour, or grey for a result on too few sentences (``too_few``, see
    :data:`oped_analysis.compare.MIN_SENTENCES`): shown, never highlighted."""
    return OTHER_COLOR if bool(row.get("too_few", False)) else actor_color(actor)


def _label(labels, article: str) -> str:
    return (labels or {}).get(article, article)


#: Characters of a 9-point title that fit one line of a panel in a row of :data:`PANELS_PER_ROW`
#: (measured on the book's 7-inch figures: 40 characters of DejaVu Sans ran into the next panel).
PANEL_TITLE_CHARS = 30


def _panel_title(labels, article: str, panels: int) -> str:
    """An article's label as the title of a small multiple: wrapped to the panel's width and
    cut to two lines (ending "…"), so titles of neighbouring panels never run into each other."""
    width = max(12, PANEL_TITLE_CHARS * PANELS_PER_ROW // max(1, panels))
    lines = textwrap.wrap(" ".join(_label(labels, article).split()), width)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return "\n".join(lines)


def _order(values, preferred=None) -> list:
    """Distinct values in ``preferred`` order (default: the palette's actor order), then the rest."""
    seen = list(dict.fromkeys(values))
    preferred = list(ACTOR_COLORS) if preferred is None else list(preferred)
    return [v for v in preferred if v in seen] + [v for v in seen if v not in preferred]


def textplot_mentions(table: pd.DataFrame, labels=None, actors=None) -> plt.Figure:
    """How much each article talks about each actor, from :func:`oped_analysis.compare`.

    One bar per article x actor: the share of the article's sentences that name the
    actor (%), written at the bar's end with the number of those sentences.
    """
    articles = _order(table["article"], [])
    actors = _order(table["actor"], actors)
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 1.0 + 1.1 * len(articles)))
    height = 0.8 / len(actors)
    for i, actor in enumerate(actors):
        rows = table[table["actor"] == actor].set_index("article").reindex(articles)
        y = np.arange(len(articles)) + (i - (len(actors) - 1) / 2) * height
        share = 100 * rows["share"].fillna(0).to_numpy()
        ax.barh(y, share, height=height * 0.9, color=actor_color(actor), label=actor)
        for yy, s, n in zip(y, share, rows["sentences"].fillna(0).astype(int)):
            ax.text(s + 0.8, yy, f"{s:.0f}% ({n} sentence{'s' if n != 1 else ''})", va="center", fontsize=8)
    ax.set_yticks(np.arange(len(articles)), [_label(labels, a) for a in articles])
    ax.invert_yaxis()
    ax.set_xlim(0, min(100, 100 * table["share"].max() * 1.25 + 5))
    ax.set_xlabel("sentences naming the actor (% of the article's sentences)")
    ax.grid(axis="y", visible=False)
    ax.set_title("How much attention each article gives each power")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=len(actors))
    fig.tight_layout()
    return fig


def textplot_positions(mentions: pd.DataFrame, sentences: pd.DataFrame, labels=None,
                  actors=None) -> plt.Figure:
    """Where in each article each actor is named: one tick per sentence naming it.

    The x axis is the sentence's position from the start (0 %) to the end (100 %) of
    its article, so long and short articles line up; one panel per article.
    """
    articles = _order(sentences["article"], [])
    actors = _order(mentions["actor"], actors) if actors is None else list(actors)
    totals = sentences.groupby("article")["sentence"].max()
    fig, axes = plt.subplots(len(articles), 1, figsize=(BOOK_WIDTH, 0.6 + 0.55 * len(actors) * len(articles)),
                             sharex=True, squeeze=False)
    for ax, article in zip(axes[:, 0], articles):
        m = mentions[(mentions["article"] == article)].drop_duplicates(["sentence", "actor"])
        for j, actor in enumerate(actors):
            s = m.loc[m["actor"] == actor, "sentence"].to_numpy()
            pos = 100 * (s - 0.5) / totals[article]
            ax.scatter(pos, np.full(len(pos), j), marker="|", s=220, linewidths=2,
                       color=actor_color(actor))
        ax.set_yticks(range(len(actors)), actors)
        ax.set_ylim(len(actors) - 0.5, -0.5)
        ax.set_xlim(0, 100)
        ax.grid(axis="y", visible=False)
        ax.set_title(f"{_label(labels, article).replace(chr(10), ' ')}  ({totals[article]} sentences)",
                     fontsize=10, loc="left")
    axes[-1, 0].set_xlabel("position in the article (% of its sentences, start to end)")
    fig.suptitle("Where in each article each power is named (one tick per sentence)", fontsize=11)
    fig.tight_layout()
    return fig


def textplot_cooccurrence(table: pd.DataFrame, labels=None, actors=None) -> plt.Figure:
    """Which actors share sentences, from :func:`oped_analysis.cooccurrence`.

    One panel per article; a cell counts the sentences naming both its row and its
    column actor (the diagonal: sentences naming the actor at all).
    """
    articles = _order(table["article"], [])
    actors = _order(table["actor"], actors)
    vmax = max(1, int(table["sentences"].max()))
    ncols = min(len(articles), PANELS_PER_ROW)
    nrows = -(-len(articles) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(BOOK_WIDTH, (1.6 + 0.45 * len(actors)) * nrows),
                             squeeze=False, layout="constrained")
    for ax in axes.flat[len(articles):]:
        ax.set_visible(False)
    for ax, article in zip(axes.flat, articles):
        grid = (table[table["article"] == article]
                .pivot(index="actor", columns="other", values="sentences")
                .reindex(index=actors, columns=actors).fillna(0).to_numpy())
        im = ax.imshow(grid, cmap="Greys", vmin=0, vmax=vmax * 1.6)
        for (i, j), v in np.ndenumerate(grid):
            ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=9,
                    fontweight="bold" if i == j else "normal")
        ax.set_xticks(range(len(actors)), actors, rotation=45, ha="right")
        ax.set_yticks(range(len(actors)), actors)
        for tick, actor in zip(ax.get_xticklabels(), actors):
            tick.set_color(actor_color(actor))
        for tick, actor in zip(ax.get_yticklabels(), actors):
            tick.set_color(actor_color(actor))
        ax.grid(False)
        ax.set_xlabel("named in the same sentence as")
        ax.set_title(_panel_title(labels, article, ncols), fontsize=9)
    axes[0, 0].set_ylabel("actor")
    fig.colorbar(im, ax=axes.ravel().tolist(), shrink=0.8, label="sentences naming both")
    fig.suptitle("Which actors are named in the same sentence", fontsize=11)
    return fig


def textplot_keyness(table: pd.DataFrame, labels=None, actors=None) -> plt.Figure:
    """The words that most distinguish each actor's sentences, from :func:`oped_analysis.keyness`.

    One panel per article x actor, bars of the weighted log-odds z-score (|z| > 1.96
    is the usual threshold for a notable difference).
    """
    title = "Words that distinguish each power's sentences (dotted line: z = 1.96)"
    if not len(table):  # a small corpus: no power named in enough sentences to compare words
        return _no_data(title, "No power is named in enough sentences to compare the words around it.")
    articles = _order(table["article"], [])
    actors = _order(table["actor"], actors)
    top = int(table.groupby(["article", "actor"]).size().max())
    fig, axes = plt.subplots(len(articles), len(actors),
                             figsize=(BOOK_WIDTH, 0.8 + (0.22 * top + 0.6) * len(articles)),
                             sharex=True, squeeze=False)
    for i, article in enumerate(articles):
        for j, actor in enumerate(actors):
            ax = axes[i, j]
            rows = table[(table["article"] == article) & (table["actor"] == actor)]
            ax.barh(range(len(rows)), rows["z"], color=actor_color(actor))
            ax.set_yticks(range(len(rows)), rows["word"], fontsize=8)
            ax.set_ylim(top - 0.5, -0.5)
            ax.axvline(1.96, color="black", linewidth=0.8, linestyle=":")
            ax.grid(axis="y", visible=False)
            if not len(rows):
                ax.text(0.5, 0.5, "too few sentences", transform=ax.transAxes, ha="center", fontsize=8)
            if i == 0:
                ax.set_title(actor, color=actor_color(actor))
            if j == 0:
                ax.set_ylabel(_label(labels, article), fontsize=8)
            if i == len(articles) - 1:
                ax.set_xlabel("log-odds z-score")
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig


def _no_data(title: str, message: str) -> plt.Figure:
    """A figure that says, under its title, why it has nothing to show."""
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 1.4))
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="0.3", transform=ax.transAxes)
    fig.suptitle(title, fontsize=11)
    return fig


def textplot_polarity(summary: pd.DataFrame, labels=None, actors=None) -> plt.Figure:
    """Mean polarity per actor with 95% bootstrap intervals, from :func:`oped_analysis.summarize`.

    One panel per method (column) and article (row); within a panel one line per
    actor, a circle for the whole sentence and a diamond for the actor's own clause.
    """
    articles = _order(summary["article"], [])
    methods = _order(summary["method"], list(METHOD_NAMES))
    actors = _order(summary["actor"], actors)
    scopes = _order(summary["scope"], list(SCOPE_MARKERS))
    fig, axes = plt.subplots(len(articles), len(methods),
                             figsize=(BOOK_WIDTH, 0.9 + 0.5 * len(actors) * len(articles) + 0.4),
                             squeeze=False)
    offsets = np.linspace(-0.18, 0.18, len(scopes)) if len(scopes) > 1 else [0.0]
    for i, article in enumerate(articles):
        for j, method in enumerate(methods):
            ax = axes[i, j]
            ax.axvline(0, color="black", linewidth=0.8)
            for k, actor in enumerate(actors):
                for off, scope in zip(offsets, scopes):
                    row = summary[(summary["article"] == article) & (summary["method"] == method)
                                  & (summary["actor"] == actor) & (summary["scope"] == scope)]
                    if not len(row) or pd.isna(row["mean"].iloc[0]):
                        continue
                    r = row.iloc[0]
                    lo = r["mean"] - r["ci_low"] if pd.notna(r["ci_low"]) else 0
                    hi = r["ci_high"] - r["mean"] if pd.notna(r["ci_high"]) else 0
                    color = _thin_color(r, actor)
                    ax.errorbar(r["mean"], k + off, xerr=[[lo], [hi]], color=color,
                                marker=SCOPE_MARKERS.get(scope, "o"), capsize=2,
                                markerfacecolor=color if scope == "sentence" else "white")
            counts = (summary[(summary["article"] == article) & (summary["method"] == method)]
                      .groupby("actor")["n"].max())
            ax.set_yticks(range(len(actors)), [f"{a} (n={int(counts.get(a, 0))})" if j == 0 else ""
                                               for a in actors])
            ax.set_ylim(len(actors) - 0.5, -0.5)
            ax.set_xlim(-1, 1)
            ax.grid(axis="y", visible=False)
            if i == 0:
                ax.set_title(METHOD_NAMES.get(method, method))
            if j == 0:
                ax.set_ylabel(_label(labels, article), fontsize=8)
            if i == len(articles) - 1:
                ax.set_xlabel("mean polarity (−1 to +1), 95% CI")
    handles = [plt.Line2D([], [], color="black", marker=SCOPE_MARKERS.get(s, "o"), linestyle="",
                          markerfacecolor="black" if s == "sentence" else "white") for s in scopes]
    handles.append(plt.Line2D([], [], color=OTHER_COLOR, marker="o", linestyle=""))
    fig.legend(handles, [f"{s} scope" for s in scopes] + ["grey: too few sentences"], loc="lower center",
               ncol=len(scopes) + 1)
    fig.suptitle("How favourably each article writes about each power", fontsize=11)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def textplot_polarity_strip(scores: pd.DataFrame, method: str = "vader", scope: str = "sentence", labels=None,
               actors=None, seed: int = 0) -> plt.Figure:
    """Every scored sentence as a dot, per article and actor, from :func:`oped_analysis.score`.

    Dots are jittered vertically (seeded) so ties stay visible; a black bar marks the mean.
    """
    data = scores[(scores["method"] == method) & (scores["scope"] == scope)]
    articles = _order(scores["article"], [])
    actors = _order(data["actor"], actors) if actors is None else list(actors)
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(len(articles), 1, figsize=(BOOK_WIDTH, 0.8 + 0.55 * len(actors) * len(articles)),
                             sharex=True, squeeze=False)
    for ax, article in zip(axes[:, 0], articles):
        ax.axvline(0, color="black", linewidth=0.8)
        for k, actor in enumerate(actors):
            vals = data.loc[(data["article"] == article) & (data["actor"] == actor), "polarity"].dropna()
            jitter = rng.uniform(-0.22, 0.22, len(vals))
            ax.scatter(vals, k + jitter, s=18, alpha=0.7, color=actor_color(actor), edgecolors="none")
            if len(vals):
                ax.plot([vals.mean()] * 2, [k - 0.32, k + 0.32], color="black", linewidth=2)
        ax.set_yticks(range(len(actors)), actors)
        ax.set_ylim(len(actors) - 0.5, -0.5)
        ax.set_xlim(-1.05, 1.05)
        ax.grid(axis="y", visible=False)
        ax.set_title(_label(labels, article).replace("\n", " "), fontsize=10, loc="left")
    axes[-1, 0].set_xlabel(f"{METHOD_NAMES.get(method, method)} polarity of the {scope} "
                           "(−1 to +1; black bar: mean)")
    fig.suptitle(f"Every sentence naming a power, scored by {METHOD_NAMES.get(method, method)}",
                 fontsize=11)
    fig.tight_layout()
    return fig


# --- stance and validation figures ---

METHOD_MARKERS = {"rules": "o", "model": "s", "human coding": "D"}


def textplot_stance(summary, labels=None, value: str = "mean", title: str | None = None):
    """Mean stance per power with bootstrap 95% intervals, one panel per article.

    Takes :func:`oped_analysis.stance_summary` output; one row per actor (coloured as
    everywhere), one marker per method ``label`` (circle rules, square model, diamond
    human coding, ...), so methods can be compared at a glance. ``labels`` names the articles.
    """
    style()
    articles = _order(summary["article"], [])
    actors = _order(summary["actor"])
    methods = list(dict.fromkeys(summary["label"]))
    ncols = min(len(articles), PANELS_PER_ROW)
    nrows = -(-len(articles) // ncols)
    height = (0.9 + 0.45 * len(actors) * len(methods)) * nrows + 0.5
    fig, axes = plt.subplots(nrows, ncols, figsize=(BOOK_WIDTH, height), sharey=True, squeeze=False)
    for ax in axes.flat[len(articles):]:
        ax.set_visible(False)
    offsets = np.linspace(-0.25, 0.25, len(methods)) if len(methods) > 1 else [0.0]
    for ax, article in zip(axes.flat, articles):
        rows = summary[summary["article"] == article]
        for off, method in zip(offsets, methods):
            for j, actor in enumerate(actors):
                r = rows[(rows["label"] == method) & (rows["actor"] == actor)]
                if r.empty:
                    continue
                est, lo, hi = (float(r[c].iloc[0]) for c in (value, f"{value}_low", f"{value}_high"))
                err = [[est - lo], [hi - est]] if lo == lo and hi == hi else None
                ax.errorbar(est, j + off, xerr=err, fmt=METHOD_MARKERS.get(method, "^"), capsize=3,
                            color=_thin_color(r.iloc[0], actor),
                            markerfacecolor="white" if method == "human coding" else None)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlim(-1.05, 1.05)
        ax.set_title(_panel_title(labels, article, ncols), fontsize=9)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("mean stance (−1 … +1), 95% CI", fontsize=8)
    axes[0][0].set_yticks(range(len(actors)), actors)
    axes[0][0].set_ylim(len(actors) - 0.5, -0.5)
    handles = [plt.Line2D([], [], ls="", marker=METHOD_MARKERS.get(m, "^"), color="#444444",
                          markerfacecolor="white" if m == "human coding" else "#444444", label=m)
               for m in methods]
    fig.legend(handles=handles, loc="lower center", ncol=len(methods), bbox_to_anchor=(0.5, -0.01))
    fig.suptitle(title or "Stance towards each power: mean over its sentences, bootstrap 95% CI", fontsize=11)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def textplot_frames(shares, title: str | None = None):
    """Stacked horizontal bars: the share of each frame among each actor's sentences
    (:func:`oped_analysis.frame_shares` output grouped by actor)."""
    style()
    frames = [c for c in ("security", "economic", "diplomatic", "other") if c in shares.columns]
    greys = {"security": "#333333", "economic": "#777777", "diplomatic": "#AAAAAA", "other": "#DDDDDD"}
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 1.4 + 0.5 * len(shares)))
    left = [0.0] * len(shares)
    labels = list(shares["actor"])
    for f in frames:
        ax.barh(labels, shares[f], left=left, color=greys[f], label=f, edgecolor="white")
        left = [a + b for a, b in zip(left, shares[f])]
    for tick, actor in zip(ax.get_yticklabels(), labels):
        tick.set_color(actor_color(actor))
    ax.set_xlabel("share of the actor's sentences")
    ax.set_xlim(0, 1)
    ax.set_title(title or "Dominant frame of the sentences about each actor")
    ax.legend(ncol=len(frames), loc="upper center", bbox_to_anchor=(0.5, -0.3))
    fig.tight_layout()
    return fig


def textplot_agreement(table, metric: str = "macro_f1", ceiling: float | None = None,
                       title: str | None = None):
    """Bars of one agreement ``metric`` per method (``label`` column), sorted, with the
    human inter-coder value as a dashed line where given (not NaN: a coding with one coder)."""
    style()
    data = table.sort_values(metric, kind="stable")
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 0.6 + 0.35 * len(data)))
    ax.barh(data["label"], data[metric], color=OTHER_COLOR)
    for y, v in enumerate(data[metric]):
        ax.text(v + 0.01, y, f"{v:.2f}", va="center", fontsize=8)
    if ceiling is not None and not np.isnan(ceiling):
        ax.axvline(ceiling, color="black", ls="--", lw=1, label=f"human coders ({ceiling:.2f})")
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12))
    ax.set_xlabel(metric.replace("_", "-"))
    ax.set_xlim(min(0, data[metric].min()), 1)
    ax.set_title(title or f"{metric.replace('_', '-')} against the human coding")
    fig.tight_layout()
    return fig


def textplot_confusion(matrices: dict, title: str | None = None):
    """One small heatmap per method: human stance (rows) against the method's (columns)."""
    style()
    fig, axes = plt.subplots(1, len(matrices), figsize=(BOOK_WIDTH, 2.6), squeeze=False)
    for ax, (name, matrix) in zip(axes[0], matrices.items()):
        ax.imshow(matrix.to_numpy(), cmap="Greys", vmin=0)
        ax.grid(False)
        ax.set_xticks(range(matrix.shape[1]), matrix.columns)
        ax.set_yticks(range(matrix.shape[0]), matrix.index)
        peak = matrix.to_numpy().max() or 1
        for i in range(matrix.shape[0]):
            for j in range(matrix.shape[1]):
                v = matrix.iat[i, j]
                ax.text(j, i, str(v), ha="center", va="center", color="white" if v > peak / 2 else "black")
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("method")
    axes[0][0].set_ylabel("human")
    fig.suptitle(title or "Stance confusion matrices against the human coding")
    fig.tight_layout()
    return fig


ESTIMATOR_MARKERS = {"prediction-powered": "o", "human only": "D", "classifier only": "x"}


def textplot_estimates(table: pd.DataFrame, truth: dict | None = None, measure: str = "mean stance",
                       title: str | None = None) -> plt.Figure:
    """Prediction-powered, human-only and classifier-only estimates per power with their 95%
    intervals, from :func:`oped_analysis.estimate`; ``truth`` (actor -> value) marks a reference
    such as the full human coding with a black bar."""
    rows = table[table["measure"] == measure]
    actors = _order(rows["actor"], list(ACTOR_COLORS))
    estimators = [e for e in ESTIMATOR_MARKERS if e in set(rows["estimator"])]
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 0.8 + 0.7 * len(actors)))
    offsets = np.linspace(-0.22, 0.22, len(estimators)) if len(estimators) > 1 else [0.0]
    for k, actor in enumerate(actors):
        for off, name in zip(offsets, estimators):
            r = rows[(rows["actor"] == actor) & (rows["estimator"] == name)].iloc[0]
            err = [[r["estimate"] - r["low"]], [r["high"] - r["estimate"]]] if pd.notna(r["low"]) else None
            ax.errorbar(r["estimate"], k + off, xerr=err, color=actor_color(actor), capsize=2,
                        marker=ESTIMATOR_MARKERS[name],
                        markerfacecolor="white" if name == "human only" else None)
        if truth is not None and actor in truth:
            ax.plot([truth[actor]] * 2, [k - 0.35, k + 0.35], color="black", linewidth=2)
    ax.set_yticks(range(len(actors)), actors)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.set_xlabel(f"{measure}, 95% interval")
    handles = [plt.Line2D([], [], color="black", marker=ESTIMATOR_MARKERS[e], linestyle="",
                          markerfacecolor="white" if e == "human only" else "black") for e in estimators]
    labels = list(estimators)
    if truth is not None:
        handles.append(plt.Line2D([], [], color="black", linewidth=2))
        labels.append("full human coding")
    ax.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(labels), fontsize=8)
    if title:
        fig.suptitle(title, fontsize=11, y=1.02)
    fig.tight_layout()
    return fig


def textplot_reliability(tables: dict, title: str | None = None):
    """Reliability diagram: per method (``tables``: name -> :func:`oped_analysis.calibration.reliability`),
    each confidence bin's accuracy against its mean confidence; the diagonal is perfect
    calibration, and marker area grows with the bin's number of pairs."""
    style()
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH * 0.6, BOOK_WIDTH * 0.5))
    ax.plot([1 / 3, 1], [1 / 3, 1], color="black", ls="--", lw=1, label="perfectly calibrated")
    for name, table in tables.items():
        used = table[table["n"] > 0]
        ax.plot(used["confidence"], used["accuracy"], marker="o", lw=1, label=name)
        ax.scatter(used["confidence"], used["accuracy"], s=8 + 120 * used["n"] / used["n"].max(), alpha=0.4)
    ax.set_xlabel("stated confidence")
    ax.set_ylabel("accuracy")
    ax.set_xlim(0.3, 1.02)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(title or "Reliability of the stance confidence")
    fig.tight_layout()
    return fig
