"""A chunk's tables as columns of plain Python values, rendered without pandas.

:func:`oped_analysis.pipeline.analyze` turns the chain's rows into Arrow tables and CSV
text for every chunk of a corpus. Building a DataFrame per table and chunk, aggregating
the comparison with ``pivot_table`` and writing CSV with ``DataFrame.to_csv`` took about a
fifth of the pipeline's CPU time (profiled at 1,000 generated articles); this module does
the same work on lists:

* :func:`columns_of` reads rows (dicts) into one list per column;
* :func:`comparison_columns_of` counts mentions and sentences and averages the polarities
  per article x actor, for the pipeline and for :func:`oped_analysis.comparison.comparison_table`
  alike; the means are summed in row order with pandas' compensated (Kahan) summation, so
  they are the floats a pandas group mean gives;
* :func:`csv_text` writes the CSV lines ``DataFrame.to_csv(index=False, header=False,
  lineterminator="\\n")`` writes for the same values (each column converted as pandas
  converts its dtype, quoted as Python's ``csv.writer`` quotes it). Where a column holds
  values whose pandas dtype this module does not reproduce (mixed types, a "\\r" in a
  text cell), it returns None and the caller takes the pandas route.

``tests/test_columnar.py`` checks every function against pandas doing the same work.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import repeat
from numbers import Integral

NAN = float("nan")


def columns_of(rows: list[dict], names: list[str]) -> dict[str, list]:
    """``{name: [row.get(name) for row in rows]}`` for each of ``names`` (None where missing)."""
    return {name: list(map(dict.get, rows, repeat(name))) for name in names}


def article_columns(articles: list, counts: list[tuple[int, int]], names: list[str]) -> dict[str, list]:
    """The articles table: each article's metadata (as ``Corpus.metadata``), characters kept
    and cut, and its ``(sentences, mentions)`` counts."""
    values = {"article": [a.id for a in articles], "title": [a.title for a in articles],
              "author": [a.author for a in articles], "outlet": [a.outlet for a in articles],
              "published": [a.published for a in articles],
              "body_chars": [len(a.body) for a in articles],
              "removed_chars": [sum(e - s for s, e, _ in a.removed) for a in articles],
              "sentences": [n for n, _ in counts], "mentions": [m for _, m in counts],
              "source": [a.source for a in articles]}
    return {name: values[name] for name in names}


def comparison_columns_of(ids: list[str], sentence_rows: list[dict], mention_rows: list[dict],
                          score_rows: list[dict], actors: list[str], names: list[str],
                          mean_name) -> dict[str, list]:
    """:func:`~oped_analysis.comparison.comparison_table` from row lists: one row per article
    of ``ids`` x actor of ``actors`` with mentions, sentences, share, and the mean polarity of
    each ``mean_name(method, scope)`` column of ``names`` (NaN where none)."""
    wanted = set(actors)
    total: dict[str, int] = {}
    for s in sentence_rows:
        total[s["article"]] = total.get(s["article"], 0) + 1
    mentions: dict[tuple, int] = {}
    sentences: dict[tuple, set] = {}
    for m in mention_rows:
        if m["actor"] in wanted:
            key = (m["article"], m["actor"])
            mentions[key] = mentions.get(key, 0) + 1
            sentences.setdefault(key, set()).add(m["sentence"])
    sums: dict[tuple, list] = {}  # (article, actor, column) -> [sum, compensation, count]
    column: dict[tuple[str, str], str] = {}  # (method, scope) -> its column: named once, not per row
    for r in score_rows:
        if r["actor"] not in wanted:
            continue
        value = r.get("polarity")
        if value is None or value != value:
            continue
        method_scope = (r["method"], r["scope"])
        name = column.get(method_scope) or column.setdefault(method_scope, mean_name(*method_scope))
        acc = sums.setdefault((r["article"], r["actor"], name), [0.0, 0.0, 0])
        # pandas' group mean: Kahan summation, a NaN compensation (an infinite value) reset to 0
        y = value - acc[1]
        t = acc[0] + y
        acc[1] = t - acc[0] - y
        if acc[1] != acc[1]:
            acc[1] = 0.0
        acc[0] = t
        acc[2] += 1
    out: dict[str, list] = {name: [] for name in names}
    fixed = ("article", "actor", "mentions", "sentences", "share")
    means = [name for name in names if name not in fixed]
    for article in ids:
        denom = total.get(article, 0)
        for actor in actors:
            key = (article, actor)
            n_sent = len(sentences.get(key, ()))
            out["article"].append(article)
            out["actor"].append(actor)
            out["mentions"].append(mentions.get(key, 0))
            out["sentences"].append(n_sent)
            out["share"].append(n_sent / denom if denom > 0 else NAN)
            for name in means:
                acc = sums.get((article, actor, name))
                out[name].append(acc[0] / acc[2] if acc else NAN)
    return out


def csv_text(columns: dict[str, list], kinds: list[str]) -> str | None:
    """The CSV lines (no header) pandas writes for these columns, their Arrow types' names in
    ``kinds`` ("string", "int64", "double", "date32[day]", "bool"); None where a column's
    values would take another pandas dtype than its kind, or a text cell holds a "\\r".

    pandas converts each column to strings by its dtype and hands the rows to ``csv.writer``
    (``QUOTE_MINIMAL``): a field is quoted, its quotes doubled, when it holds the delimiter,
    the quote character or the line terminator. The same is done here column by column, so
    a column without such characters is joined as it is.
    """
    if len(columns) < 2:
        return None  # csv.writer quotes an empty lone field: not worth copying
    cells = []
    for values, kind in zip(columns.values(), kinds):
        converted = _cells(values, kind)
        if converted is None:
            return None
        cells.append(converted)
    if not cells[0]:
        return ""
    return "\n".join(map(",".join, zip(*cells))) + "\n"


NONE = type(None)
#: What makes ``csv.writer`` quote a field (QUOTE_MINIMAL, delimiter ",", quote '"', line end "\n").
NEEDS_QUOTES = re.compile('[,"\n]')


def _cells(values: list, kind: str) -> list[str] | None:
    """A column's values as the strings pandas writes, quoted as ``csv.writer`` quotes them."""
    types = set(map(type, values))
    if kind == "string":
        if not types <= {str, NONE}:
            return None
        text = [v or "" for v in values]
        joined = "\0".join(text)
        if "\r" in joined:
            return None
        search = NEEDS_QUOTES.search
        if search(joined) is None:
            return text
        if '"' not in joined and "\n" not in joined:  # commas only (explanations): a plain test per value
            return [f'"{v}"' if "," in v else v for v in text]
        return ['"' + v.replace('"', '""') + '"' if search(v) else v for v in text]
    if kind == "int64":
        if types <= {int} or all(isinstance(v, Integral) and not isinstance(v, bool) for v in values):
            return list(map(str, values))  # pandas' astype(str) of an int64 column
        return None
    if kind == "double":
        if types <= {float, NONE} or all(v is None or isinstance(v, float) for v in values):
            # numpy's astype(str) of a float64 column is Python's repr of each value (checked
            # on millions of values in tests/test_columnar.py); NaN (and None: pandas' NaN) is ""
            return ["" if v is None or v != v else float.__repr__(v) for v in values]
        return None
    if kind == "date32[day]":
        if types <= {dt.date, NONE}:
            return ["" if v is None else v.isoformat() for v in values]  # csv.writer's str(date)
        return None
    if kind == "bool":
        return list(map(str, values)) if types == {bool} else None
    return None

