"""Figures: matplotlib, one colour-blind-safe colour per actor in every figure.

Colours are the Okabe-Ito palette. Every function takes a tidy DataFrame from the
library and returns a :class:`matplotlib.figure.Figure` with a title, labelled axes and units.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
import matplotlib.pyplot as plt  # noqa: E402

#: Okabe-Ito colours, one per actor, used by every figure.
ACTOR_COLORS = {
    "US": "#0072B2",          # blue
    "China": "#D55E00",       # vermillion
    "Russia": "#009E73",      # bluish green
    "Pakistan": "#E69F00",    # orange
    "India": "#CC79A7",       # reddish purple
    "Afghanistan": "#56B4E9",  # sky blue
}
OTHER_COLOR = "#999999"
#: A book page is about 7 inches wide.
BOOK_WIDTH = 7.0


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


# --- stance and validation figures ---

def stance_intervals(summary, value: str = "mean", title: str | None = None):
    """Dot-and-interval chart of :func:`oped_analysis.stance_summary` output for one method:
    one row per article, one coloured dot per actor with its bootstrap 95% CI."""
    import numpy as np

    style()
    articles = sorted(summary["article"].unique())
    actors = list(dict.fromkeys(summary["actor"]))
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 0.6 + 0.55 * len(articles) * max(len(actors), 1) / 2))
    offsets = np.linspace(-0.25, 0.25, max(len(actors), 1))
    for off, actor in zip(offsets, actors):
        rows = summary[summary["actor"] == actor].set_index("article").reindex(articles)
        y = np.arange(len(articles)) + off
        est = rows[value].to_numpy(dtype=float)
        err = np.vstack([est - rows[f"{value}_low"].to_numpy(dtype=float),
                         rows[f"{value}_high"].to_numpy(dtype=float) - est])
        ax.errorbar(est, y, xerr=np.nan_to_num(err), fmt="o", color=actor_color(actor), label=actor, capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(range(len(articles)), [a[:12] for a in articles])
    ax.set_xlabel({"mean": "mean stance (-1 unfavourable … +1 favourable)"}.get(value, f"share of sentences {value}"))
    ax.set_title(title or "Stance towards each actor, with bootstrap 95% intervals")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    return fig


def frame_share_bars(shares, title: str | None = None):
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


def validation_bars(table, metric: str = "macro_f1", ceiling: float | None = None, title: str | None = None):
    """Bars of one agreement ``metric`` per method (``label`` column), sorted, with the
    human inter-coder value as a dashed line where given."""
    style()
    data = table.sort_values(metric, kind="stable")
    fig, ax = plt.subplots(figsize=(BOOK_WIDTH, 0.6 + 0.35 * len(data)))
    ax.barh(data["label"], data[metric], color=OTHER_COLOR)
    for y, v in enumerate(data[metric]):
        ax.text(v + 0.01, y, f"{v:.2f}", va="center", fontsize=8)
    if ceiling is not None:
        ax.axvline(ceiling, color="black", ls="--", lw=1, label=f"human coders ({ceiling:.2f})")
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12))
    ax.set_xlabel(metric.replace("_", "-"))
    ax.set_xlim(min(0, data[metric].min()), 1)
    ax.set_title(title or f"{metric.replace('_', '-')} against the human coding")
    fig.tight_layout()
    return fig


def confusion_heatmaps(matrices: dict, title: str | None = None):
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
    fig.suptitle(title or "Stance confusion matrices (seed gold)")
    fig.tight_layout()
    return fig
