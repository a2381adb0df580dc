"""Per-article x actor comparisons (comparison.py): counts, shares, means and intervals."""

import math
from pathlib import Path

import pandas as pd

import oped_analysis as oa
from oped_analysis.comparison import comparison_table
from oped_analysis.scoring import DEFAULT_METHODS


def test_compare_one_row_per_article_and_power(corpus):
    table = oa.compare(corpus)
    assert list(table[["article", "actor"]].itertuples(index=False, name=None)) == [
        (a, actor) for a in corpus.ids for actor in ("US", "China", "Russia")]
    china_004 = table[(table["article"].str.startswith("004")) & (table["actor"] == "China")].iloc[0]
    assert china_004["mentions"] == 1 and china_004["sentences"] == 1
    assert {"textblob_sentence", "textblob_clause", "vader_sentence", "vader_clause"} <= set(table.columns)
    russia = table[table["actor"] == "Russia"]
    assert (russia["share"] > 0.35).all()


def test_bootstrap_ci_is_seeded_and_brackets_the_mean():
    values = [0.1, -0.2, 0.4, 0.3, 0.0, 0.5]
    est, lo, hi = oa.bootstrap_ci(values, seed=1)
    assert lo <= est <= hi and (est, lo, hi) == oa.bootstrap_ci(values, seed=1)
    assert math.isnan(oa.bootstrap_ci([0.3])[1])


def test_comparison_table_of_chunks_equals_the_whole(corpus):
    """Each row depends on one article only, so pipelines may compute it chunk by chunk."""
    tables = oa.score_tables(corpus)
    whole = oa.compare(corpus)
    powers = ["US", "China", "Russia"]
    parts = [comparison_table([a], *(t[t["article"] == a] for t in tables.values()), powers,
                              methods=DEFAULT_METHODS)
             for a in corpus.ids]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)


def test_compare_orders_its_means_as_analyze_does(corpus, tmp_path):
    """The same methods give the same mean columns in the same (declared) order, whether the
    table comes from ``compare`` or from ``analyze``'s comparison.csv."""
    methods = ["vader", "roles", "textblob"]
    table = oa.compare(corpus, methods=methods)
    oa.analyze(Path(__file__).parents[1] / "seeds", tmp_path / "out", methods=methods, progress=False)
    written = pd.read_csv(tmp_path / "out" / "comparison.csv")
    assert list(table.columns) == list(written.columns)
    assert list(table.columns).index("vader_sentence") < list(table.columns).index("textblob_sentence")


def test_signed_values_never_read_minus_zero():
    """compare's table printed "-0.000" for a mean of -0.0002; intervals already said "0.00"."""
    from oped_analysis.comparison import signed

    assert (signed(-0.0002, 3), signed(0.25), signed(-0.126), signed(0.0)) == \
        ("0.000", "+0.25", "-0.13", "0.00")
