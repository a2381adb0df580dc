"""Library helpers the book's chapters use: co-occurrence, KWIC extremes, figures."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis import plots

POWERS = ["US", "China", "Russia"]


@pytest.fixture(scope="module")
def scores(corpus):
    return oa.score(corpus)


def test_cooccurrence_is_symmetric_and_its_diagonal_counts_sentences(corpus, seed_mentions):
    table = oa.cooccurrence(seed_mentions, actors=POWERS)
    assert len(table) == len(corpus) * 3 * 3
    grid = table.set_index(["article", "actor", "other"])["sentences"]
    counts = oa.compare(corpus).set_index(["article", "actor"])["sentences"]
    for (article, actor, other), n in grid.items():
        assert n == grid[(article, other, actor)]
        if actor == other:
            assert n == counts[(article, actor)]
        else:
            both = (seed_mentions[seed_mentions["article"] == article]
                    .groupby("sentence")["actor"].agg(set))
            assert n == sum({actor, other} <= s for s in both)


def test_extremes_pick_the_highest_and_lowest_scored_sentences(corpus, scores):
    table = oa.extremes(corpus, scores, method="vader", scope="sentence", n=2, actor=POWERS)
    assert isinstance(table, oa.KwicFrame)
    chosen = scores[(scores["method"] == "vader") & (scores["scope"] == "sentence")]
    for (article, actor), rows in table.groupby(["article", "actor"]):
        pool = chosen[(chosen["article"] == article) & (chosen["actor"] == actor)]["polarity"]
        fav, unfav = rows[rows["side"] == "favourable"], rows[rows["side"] == "unfavourable"]
        assert not set(fav["sentence"]) & set(unfav["sentence"])
        if len(pool) >= 4:
            assert sorted(fav["polarity"], reverse=True) == sorted(pool, reverse=True)[:2]
            assert sorted(unfav["polarity"]) == sorted(pool)[:2]
    # an actor named in one sentence only shows once, on the side of its sign
    lone = table[table["article"].str.startswith("004") & (table["actor"] == "China")]
    assert len(lone) == 1 and lone["side"].iloc[0] == ("favourable" if lone["polarity"].iloc[0] >= 0
                                                      else "unfavourable")


def test_extremes_html_is_escaped_with_scores(scores):
    art = oa.Article.from_text("Russia is a wonderful <script>x()</script> friend. Russia is awful & cruel.",
                               id="evil")
    html = oa.extremes(art, method="textblob", n=1)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; cruel" in html
    assert "<mark><b>Russia</b></mark>" in html and "favourable" in html


def test_extremes_unknown_method_scope_is_a_clear_error(corpus, scores):
    with pytest.raises(oa.OpedAnalysisError, match="no scores for method 'vader' at scope 'target'"):
        oa.extremes(corpus, scores, scope="target")


def test_figures_have_titles_labels_and_one_colour_per_actor(corpus, seed_mentions, seed_sentences, scores):
    labels = plots.article_labels(corpus)
    table = oa.compare(corpus)
    figures = [
        plots.textplot_mentions(table, labels),
        plots.textplot_positions(seed_mentions[seed_mentions["actor"].isin(POWERS)], seed_sentences, labels,
                                 POWERS),
        plots.textplot_cooccurrence(oa.cooccurrence(seed_mentions, POWERS), labels),
        plots.textplot_keyness(oa.keyness(corpus, top=5), labels),
        plots.textplot_polarity(oa.summarize(scores[scores["actor"].isin(POWERS)], n_boot=200), labels),
        plots.textplot_polarity_strip(scores[scores["actor"].isin(POWERS)], labels=labels),
    ]
    palette = {matplotlib.colors.to_hex(plots.actor_color(a)) for a in POWERS}
    for fig in figures:
        assert fig.get_figwidth() == pytest.approx(plots.BOOK_WIDTH)
        assert (fig._suptitle and fig._suptitle.get_text()) or fig.axes[0].get_title()
        assert any(ax.get_xlabel() for ax in fig.axes)
        used = set()
        for ax in fig.axes:
            for p in ax.patches:
                used.add(matplotlib.colors.to_hex(p.get_facecolor()))
            for c in ax.collections:
                used |= {matplotlib.colors.to_hex(fc) for fc in c.get_facecolors()}
            for line in ax.lines:
                used.add(matplotlib.colors.to_hex(line.get_color()))
            for tick in ax.get_yticklabels():
                if tick.get_text() in POWERS and tick.get_color() != "black":
                    expected = plots.actor_color(tick.get_text()).lower()
                    assert matplotlib.colors.to_hex(tick.get_color()) == expected
                    used.add(matplotlib.colors.to_hex(tick.get_color()))
        assert used & palette, fig
        matplotlib.pyplot.close(fig)


def test_side_by_side_puts_articles_next_to_each_other(corpus, scores):
    table = oa.compare(corpus)
    summary = oa.summarize(scores, n_boot=200)
    wide = oa.side_by_side(table, summary, method="vader", scope="sentence")
    assert list(wide.index) == POWERS
    assert list(wide.columns.get_level_values(0).unique()) == corpus.ids
    col = "vader sentence polarity [95% CI]"
    for r in table.itertuples():
        assert wide.loc[r.actor, (r.article, "mentions")] == r.mentions
        assert wide.loc[r.actor, (r.article, "% of sentences")] == round(100 * r.share)
        s = summary[(summary["article"] == r.article) & (summary["actor"] == r.actor)
                    & (summary["method"] == "vader") & (summary["scope"] == "sentence")].iloc[0]
        assert wide.loc[r.actor, (r.article, col)] == oa.format_interval(s["mean"], s["ci_low"], s["ci_high"])


def test_format_interval_reads_plainly():
    assert oa.format_interval(0.3, 0.16, 0.435) == "+0.30 [+0.16, +0.43]"
    assert oa.format_interval(0.9, float("nan"), float("nan")) == "+0.90 (no interval)"
    assert oa.format_interval(float("nan"), float("nan"), float("nan")) == "–"
    assert oa.format_interval(-0.002, -0.215, 0.004) == "0.00 [-0.21, 0.00]"


def test_keyness_figure_of_a_corpus_too_small_to_compare_says_so(corpus):
    """A book of two one-line articles failed to build: no power had enough sentences for
    keyness, and the figure asked matplotlib for zero rows of panels."""
    empty = oa.keyness(corpus).iloc[0:0]
    fig = plots.textplot_keyness(empty, actors=POWERS)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("enough sentences" in t for t in texts) and fig._suptitle.get_text().startswith("Words")


def test_method_agreement_of_constant_scores_is_nan_without_a_warning():
    """A book of one short article: every TextBlob score the same. The rank correlation is
    undefined; SciPy's warning about it, on stderr, failed the book's build."""
    import warnings

    import pandas as pd

    from oped_analysis import report

    rows = [{"article": "a", "sentence": s, "actor": "US", "scope": scope, "method": m,
             "polarity": 0.0 if m == "textblob" else 0.1 * s}
            for s in range(3) for scope in ("sentence", "clause") for m in ("textblob", "vader")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = report.method_agreement(pd.DataFrame(rows))
    assert table["Spearman rho"].isna().all() and (table["same sign (share)"] <= 1).all()


def test_counted_says_one_article_and_many_articles():
    """The introduction said "The book reads 1 articles" for a book of one article."""
    from oped_analysis.report import counted

    assert (counted(1, "article"), counted(2, "article"), counted(1204, "sentence")) == \
        ("1 article", "2 articles", "1,204 sentences")


def test_long_titles_of_neighbouring_panels_do_not_run_into_each_other():
    """Three articles with long headlines in one row: each panel title stays inside its own
    column (found on a user's folder, where two 40-character titles overlapped)."""
    titles = {"a": "Whose ports are these, and who pays for the berths they built?",
              "b": "The border is not a wall, it is a market",
              "c": "Alliance fatigue is a luxury Seoul cannot afford in a dangerous decade"}
    rows = [{"article": a, "actor": actor, "label": "roles", "mean": 0.2, "mean_low": -0.1,
             "mean_high": 0.5, "too_few": False} for a in titles for actor in ("US", "China")]
    summary = pd.DataFrame(rows)
    cooc = pd.DataFrame([{"article": a, "actor": x, "other": y, "sentences": 1}
                         for a in titles for x in ("US", "China") for y in ("US", "China")])
    for fig in (plots.textplot_stance(summary, labels=titles), plots.textplot_cooccurrence(cooc, titles)):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = sorted((ax.title.get_window_extent(renderer) for ax in fig.axes if ax.get_title()),
                       key=lambda b: b.x0)
        assert len(boxes) == 3
        assert all(left.x1 < right.x0 for left, right in zip(boxes, boxes[1:]))
        assert all(ax.get_title().count("\n") <= 1 for ax in fig.axes if ax.get_title())
        plt.close(fig)
