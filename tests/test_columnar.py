"""The pipeline's pandas-free tables equal the pandas ones: CSV bytes, Arrow tables, the comparison."""

import csv
import datetime as dt
import io
import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import oped_analysis as oa
from oped_analysis import pipeline
from oped_analysis.columnar import columns_of, comparison_columns_of, csv_text
from oped_analysis.comparison import comparison_columns, comparison_table
from oped_analysis.load import iter_articles
from oped_analysis.tables import score_tables
from oped_analysis.vocab import choose_actors, mean_column

METHODS = ["textblob", "vader", "roles"]


def pandas_csv(columns: dict) -> str:
    return pd.DataFrame(columns).to_csv(index=False, header=False, lineterminator="\n")


def test_csv_text_equals_pandas_on_mixed_columns():
    columns = {"text": ['a, "quoted" one', "line\nbreak", None, "", "plain"],
               "n": [1, 2, 3, np.int64(4), 5],
               "x": [0.1, None, float("nan"), 1e-05, -0.0],
               "day": [dt.date(2018, 1, 2), None, dt.date(1999, 12, 31), None, None],
               "flag": [True, False, True, True, False]}
    kinds = ["string", "int64", "double", "date32[day]", "bool"]
    assert csv_text(columns, kinds) == pandas_csv(columns)


def test_csv_text_quotes_as_the_csv_module_does():
    rng = random.Random(0)
    every = ["a", " ", ",", '"', "\n", "\t", ";", "'", "é", "\x00", "\\", "\u2028", "#", "="]
    commas_only = [c for c in every if c not in '"\n']   # the columns quoted by a test for "," alone
    for alphabet in [every] * 2000 + [commas_only] * 1000:
        n = rng.randint(0, 4)
        columns = {f"c{j}": [rng.choice([None, "".join(rng.choices(alphabet, k=rng.randint(0, 5)))])
                             for _ in range(n)] for j in range(rng.randint(2, 4))}
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(zip(*columns.values()))
        assert csv_text(columns, ["string"] * len(columns)) == out.getvalue()


def test_floats_are_written_as_numpy_writes_them():
    rng = np.random.default_rng(0)
    scaled = rng.uniform(-1, 1, 100_000) * 10.0 ** rng.integers(-9, 20, 100_000)
    values = np.concatenate([rng.uniform(-1, 1, 100_000), scaled,
                             rng.integers(0, 2**63, 100_000, dtype=np.int64).view(np.float64),
                             [0.0, -0.0, 1e-4, 9.999999999999999e-05, 1e16, np.inf, -np.inf, 5e-324]])
    values = values[~np.isnan(values)]
    assert csv_text({"x": values.tolist(), "y": [1] * len(values)}, ["double", "int64"]) == \
        pandas_csv({"x": values, "y": [1] * len(values)})


@pytest.mark.parametrize("column, kind", [([1, 2.5], "int64"), ([0.5, 1], "double"), (["a", 1], "string"),
                                          ([dt.datetime(2020, 1, 1)], "date32[day]"), (["a\rb"], "string"),
                                          ([True, None], "bool")])
def test_csv_text_leaves_other_dtypes_to_pandas(column, kind):
    assert csv_text({"a": column, "b": [0] * len(column)}, [kind, "int64"]) is None


@pytest.fixture(scope="module")
def articles_folder(bench_module, root, tmp_path_factory):
    """The seeds and 40 generated articles (sentences of the repo's data, recombined)."""
    folder = tmp_path_factory.mktemp("articles")
    bench_module("corpus").make_corpus(folder / "generated", 40, seed=3,
                                       files=[root / "data" / "gold" / "sentences.tsv"])
    for seed in (root / "seeds").iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def pandas_comparison(ids, sents, ments, scores, actors) -> pd.DataFrame:
    """The reference: ``compare``'s table as pandas computes it (group counts, a pivot of means)."""
    grid = pd.MultiIndex.from_product([list(ids), list(actors)], names=["article", "actor"])
    out = pd.DataFrame(index=grid)
    m = ments[ments["actor"].isin(actors)]
    out["mentions"] = m.groupby(["article", "actor"]).size()
    out["sentences"] = m.groupby(["article", "actor"])["sentence"].nunique()
    out = out.fillna(0).astype("int64")
    total = sents.groupby("article").size().reindex(list(ids)).fillna(0)
    denom = total.reindex(out.index.get_level_values("article")).to_numpy()
    out["share"] = np.where(denom > 0, out["sentences"] / np.where(denom > 0, denom, 1), np.nan)
    means = (scores[scores["actor"].isin(actors)]
             .assign(column=lambda d: [mean_column(m, s) for m, s in zip(d["method"], d["scope"])])
             .pivot_table(index=["article", "actor"], columns="column", values="polarity",
                          aggfunc="mean", sort=True))
    means.columns.name = None
    return out.join(means).reset_index()


def test_pipeline_tables_equal_the_pandas_route(articles_folder):
    """Every table of a chunk: the same CSV text and Arrow table as through DataFrames, and the
    comparison equal to pandas' (means summed as pandas sums them)."""
    lexicon = oa.Lexicon.default()
    actors = choose_actors(lexicon, None)
    articles = list(iter_articles([articles_folder], prepared=True))
    tables = pipeline.analyze_articles(articles, lexicon, METHODS, actors)
    schemas = pipeline._schemas(METHODS)
    for name, schema in schemas.items():
        frame = pd.DataFrame(tables[name], columns=schema.names)
        fast = pipeline.render_table(tables[name], schema)
        assert fast.csv == pipeline.csv_rows(frame)
        assert fast.table.equals(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
    done = oa.load_corpus(articles_folder)
    assert len(done) > 40
    frames = score_tables(done, methods=METHODS, lexicon=lexicon)
    expected = pandas_comparison(done.ids, frames["sentences"], frames["mentions"], frames["scores"], actors)
    expected = expected.reindex(columns=comparison_columns(METHODS))
    pd.testing.assert_frame_equal(pd.DataFrame(tables["comparison"]), expected, check_exact=True,
                                  check_dtype=False)


def test_comparison_means_are_pandas_means_on_many_values():
    rng = random.Random(2)
    rows = [{"article": f"a{rng.randint(0, 30)}", "sentence": i, "actor": rng.choice(["US", "China"]),
             "method": "m", "scope": rng.choice(["sentence", "clause"]),
             "polarity": rng.choice([rng.uniform(-1, 1), 0.1, 1 / 3, float("nan"), None])}
            for i in range(5000)]
    ids = sorted({r["article"] for r in rows})
    sentences = [{"article": r["article"], "sentence": r["sentence"]} for r in rows]
    mentions = [{"article": r["article"], "sentence": r["sentence"], "actor": r["actor"]} for r in rows]
    names = ["article", "actor", "mentions", "sentences", "share", "m_clause", "m_sentence"]
    fast = pd.DataFrame(comparison_columns_of(ids, sentences, mentions, rows, ["US", "China"], names,
                                              mean_column))
    slow = pandas_comparison(ids, pd.DataFrame(sentences), pd.DataFrame(mentions), pd.DataFrame(rows),
                             ["US", "China"]).reindex(columns=names)
    pd.testing.assert_frame_equal(fast, slow, check_exact=True, check_dtype=False)


def test_columns_of_fills_missing_keys_with_none():
    assert columns_of([{"a": 1}, {"b": 2}], ["a", "b"]) == {"a": [1, None], "b": [None, 2]}


def test_render_takes_the_pandas_route_for_mixed_values():
    """A method that returns an int polarity in some rows: pandas' float column, written by pandas."""
    schema = pa.schema([("article", pa.string()), ("polarity", pa.float64()), ("note", pa.string())])
    columns = {"article": ["a", "b", "c"], "polarity": [0, 0.5, None], "note": ["x\ry", None, "z"]}
    rendered = pipeline.render_table(columns, schema)
    frame = pd.DataFrame(columns)
    assert rendered.csv == pipeline.csv_rows(frame) and rendered.rows == 3
    assert rendered.table.equals(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))


def test_comparison_table_is_the_pandas_table(articles_folder):
    """``compare``'s table (the same counting as the pipeline's) equals pandas' on real pages,
    for every power, for one, and for a power no article names."""
    done = oa.load_corpus(articles_folder)
    frames = score_tables(done, methods=METHODS, lexicon=oa.Lexicon.default())
    for actors in (["US", "China", "Russia"], ["Russia"], ["Nobody"]):
        pd.testing.assert_frame_equal(comparison_table(done.ids, *frames.values(), actors),
                                      pandas_comparison(done.ids, *frames.values(), actors), check_exact=True)
