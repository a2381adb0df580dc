"""Keyword in context: each actor mention with the words around it, safely rendered.

:func:`kwic` returns a :class:`KwicFrame`, a DataFrame whose HTML rendering (in
JupyterLab and in the book) highlights the alias. Article text is always escaped with
:func:`html.escape`: a page can never inject markup through it.
"""

from __future__ import annotations

import html

import pandas as pd

from .actors import as_lexicon
from .errors import OpedAnalysisError
from .tables import chain, score

KWIC_COLUMNS = ["article", "sentence", "actor", "alias", "left", "match", "right"]


class KwicFrame(pd.DataFrame):
    """A DataFrame of KWIC rows that renders as an escaped HTML table with the match highlighted."""

    @property
    def _constructor(self):
        return KwicFrame

    def _repr_html_(self) -> str:  # noqa: D401 - Jupyter hook
        if not {"left", "match", "right"} <= set(self.columns):
            return pd.DataFrame(self)._repr_html_()
        return kwic_html(self)


def kwic(corpus, actor: str | list[str] | None = None, lexicon=None, width: int = 60) -> KwicFrame:
    """One row per mention: ``left`` context, the ``match`` as written, ``right`` context.

    Context stays within the sentence and is cut to ``width`` characters (at a word
    boundary, with "…"). ``actor`` selects one actor or a list (default: all).
    """
    from .checks import actor_keys, positive_int

    width = positive_int(width, "width")
    lex = as_lexicon(lexicon)
    wanted = None if actor is None else set(actor_keys(actor, lex))
    rows = []
    for done in chain(corpus, lexicon=lex, until="mentions"):
        starts = {s["sentence"]: s for s in done.sentences}
        for m in done.mentions:
            if wanted and m["actor"] not in wanted:
                continue
            s = starts[m["sentence"]]
            a, b = m["start"] - s["start"], m["end"] - s["start"]
            rows.append({"article": m["article"], "sentence": m["sentence"], "actor": m["actor"],
                         "alias": m["alias"], "left": _clip_left(s["text"][:a], width),
                         "match": s["text"][a:b], "right": _clip_right(s["text"][b:], width)})
    return KwicFrame(pd.DataFrame(rows, columns=KWIC_COLUMNS))


def _clip_left(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[-width:]
    return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut


def _clip_right(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[:width]
    return cut[:cut.rfind(" ")] + "…" if " " in cut else cut + "…"


def kwic_html(frame: pd.DataFrame, columns: list[str] | None = None) -> str:
    """An HTML table of KWIC rows: every cell escaped, the match in ``<mark>``.

    ``columns``: further columns to show before the context (default: article, sentence,
    actor, and any score columns the frame has).
    """
    extra = columns if columns is not None else [
        c for c in frame.columns if c not in ("left", "match", "right", "alias")]
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in extra)
    body = []
    for _, r in frame.iterrows():
        cells = "".join(f"<td>{html.escape(_fmt(r[c]))}</td>" for c in extra)
        context = (f'<td style="text-align:right">{html.escape(str(r["left"]))}</td>'
                   f'<td style="text-align:center"><mark><b>{html.escape(str(r["match"]))}</b></mark></td>'
                   f'<td style="text-align:left">{html.escape(str(r["right"]))}</td>')
        body.append(f"<tr>{cells}{context}</tr>")
    return ('<table class="kwic dataframe">'
            f'<thead><tr>{head}<th style="text-align:right">left</th><th>match</th>'
            f'<th style="text-align:left">right</th></tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _fmt(value) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:+.2f}"
    return str(value)


def extremes(corpus, scores: pd.DataFrame | None = None, *, method: str = "vader",
             scope: str = "sentence", n: int = 2, actor: str | list[str] | None = None,
             lexicon=None, width: int = 60) -> KwicFrame:
    """The ``n`` most favourable and ``n`` most unfavourable sentences per article x actor.

    Joins :func:`kwic` (the actor's first mention in each sentence, as scoring uses it)
    with ``scores`` from :func:`oped_analysis.score` (computed when not given) for one
    ``method`` and ``scope``. Columns: article, actor, side ("favourable" /
    "unfavourable"), sentence, polarity, alias, left, match, right. Ties break by
    sentence order; each sentence shows on one side only (an actor with fewer than
    ``2 * n`` sentences has them split between the sides, the middle one by its sign).
    """
    lex = as_lexicon(lexicon)
    if scores is None:
        scores = score(corpus, methods=[method], lexicon=lex)
    chosen = scores[(scores["method"] == method) & (scores["scope"] == scope)]
    if chosen.empty:
        raise OpedAnalysisError(f"no scores for method {method!r} at scope {scope!r}; the scores have "
                                f"{sorted(set(zip(scores['method'], scores['scope'])))}")
    rows = kwic(corpus, actor=actor, lexicon=lex, width=width)
    rows = pd.DataFrame(rows).drop_duplicates(["article", "sentence", "actor"])
    joined = rows.merge(chosen[["article", "sentence", "actor", "polarity"]],
                        on=["article", "sentence", "actor"], how="inner")
    parts = []
    ordered = joined.sort_values(["polarity", "sentence"], ascending=[False, True], kind="stable")
    for _, group in ordered.groupby(["article", "actor"], sort=False):
        k = len(group)
        if k >= 2 * n:
            high, low = group.head(n), group.tail(n).iloc[::-1]
        else:  # too few to fill both sides: split them, the middle one goes by its sign
            half = k // 2 + (k % 2 if group["polarity"].iloc[k // 2] >= 0 else 0)
            high, low = group.head(half), group.iloc[half:].iloc[::-1]
        parts += [high.assign(side="favourable"), low.assign(side="unfavourable")]
    out = pd.concat(parts, ignore_index=True) if parts else joined.assign(side=pd.Series(dtype="str"))
    order = {a: i for i, a in enumerate(lex.actors)}
    out = out.sort_values(["article", "actor", "side"],
                          key=lambda c: c.map(order) if c.name == "actor" else c, kind="stable",
                          ignore_index=True)
    columns = ["article", "actor", "side", "sentence", "polarity", "alias", "left", "match", "right"]
    return KwicFrame(out[columns])
