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
