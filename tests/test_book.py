"""The book for any corpus: configuration, the report helpers and the thin-evidence rule."""

import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis import book as oabook
from oped_analysis import cli, report, validate
from oped_analysis.comparison import MIN_SENTENCES

OUTLETS = ["The Karachi Review", "Daily Horizon", "Frontier Post Weekly"]


@pytest.fixture(scope="module")
def seed_book(root):
    return oabook.setup(root / "book.toml")


@pytest.fixture(scope="module")
def many_book(tmp_path_factory, seeds):
    """More articles than small multiples hold, from three outlets, written from the seeds' sentences."""
    folder = tmp_path_factory.mktemp("many")
    sentences = list(oa.sentences(oa.load_corpus(seeds))["text"])
    n = oabook.SMALL_MULTIPLES_MAX + 3
    for i in range(n):
        body = " ".join(sentences[(7 * i + k) % len(sentences)] for k in range(12))
        (folder / f"a{i:02d}.txt").write_text(
            f"Article number {i}\n\n{body}\n\nFirst published in {OUTLETS[i % 3]}, {i + 1} March 2024.\n",
            encoding="utf-8")
    return oabook.Book(oabook.BookConfig(corpus=[str(folder)]))


def test_config_round_trips_and_rejects_mistakes(tmp_path, seeds, gold):
    config = oabook.BookConfig(corpus=[str(seeds)], title='A "quoted" title', coding=str(gold),
                               question="Why?\nBecause.", root=tmp_path)
    read = oabook.BookConfig.read(config.write(tmp_path / "book.toml"))
    assert (read.corpus, read.title, read.coding, read.question) == (config.corpus, config.title,
                                                                      config.coding, config.question)
    (tmp_path / "bad.toml").write_text('title = "x"\n', encoding="utf-8")
    with pytest.raises(oa.InputError, match="bad.toml: `corpus` must name"):
        oabook.BookConfig.read(tmp_path / "bad.toml")
    (tmp_path / "typo.toml").write_text('corpus = ["x"]\ncodng = "y"\n', encoding="utf-8")
    with pytest.raises(oa.InputError, match="unknown keys \\['codng'\\]"):
        oabook.BookConfig.read(tmp_path / "typo.toml")


def test_a_guessed_encoding_is_listed_not_printed_in_a_chapter(tmp_path):
    """A warning printed in a cell fails a book's build (stderr is an error there): the corpus
    chapter lists a file read as cp1252 with the other problems instead."""
    (tmp_path / "cafe.txt").write_bytes("Les cafés de Moscou\n\nRussia and the United States expelled "
                                        "their envoys. China’s diplomats stayed.\n".encode("cp1252"))
    (tmp_path / "empty.txt").write_text("")
    book = oabook.Book(oabook.BookConfig(corpus=[str(tmp_path)]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = report.problems_table(book)
    assert book.ids == ["cafe"] and book.corpus["cafe"].title == "Les cafés de Moscou"
    assert dict(zip(table["source"], table["problem"])) == {
        str(tmp_path / "cafe.txt"): "not valid UTF-8; decoded as cp1252. Check its accents and quotes.",
        str(tmp_path / "empty.txt"): "is empty"}


def test_chapters_find_the_nearest_book_toml(tmp_path, monkeypatch, root):
    monkeypatch.delenv(oabook.CONFIG_ENV, raising=False)
    assert oabook.find_config(root / "notebooks") == root / "book.toml"
    monkeypatch.setenv(oabook.CONFIG_ENV, str(tmp_path / "other.toml"))
    assert oabook.find_config(root / "notebooks") == tmp_path / "other.toml"


def test_titles_name_articles_and_repeated_titles_stay_distinct():
    meta = pd.DataFrame({"article": ["a", "b", "c"], "title": ["Same", "Same", None]})
    assert oabook.article_titles(meta) == {"a": "Same (a)", "b": "Same (b)", "c": "c"}


def test_seed_book_reads_the_seeds_with_their_coding(seed_book):
    assert not seed_book.many and seed_book.has_coding
    assert set(seed_book.titles.values()) == {a.title for a in seed_book.corpus}
    assert set(seed_book.scores["method"]) == set(oabook.BOOK_METHODS)
    assert set(seed_book.scores["actor"]) <= set(seed_book.powers)


def test_overview_uses_the_human_coding_and_flags_thin_evidence(seed_book):
    ov = report.overview(seed_book, n_boot=200)
    assert len(ov) == len(seed_book.ids) * len(seed_book.powers)
    assert set(ov["source"]) == {report.HUMAN}
    coded = seed_book.coding.groupby(["article", "actor"])["stance"].agg(["mean", "size"])
    for _, row in ov.iterrows():
        mean, n = coded.loc[(row["unit"], row["actor"])]
        assert row["mean"] == pytest.approx(mean) and row["n"] == n
        assert row["too_few"] == (n < MIN_SENTENCES)
    assert ov["too_few"].any(), "the second seed names China once: too few to judge"
    shares = seed_book.comparison.set_index(["article", "actor"])["share"]
    assert list(ov["share"]) == pytest.approx([shares[(u, a)] for u, a in zip(ov["unit"], ov["actor"])])


def test_ranking_and_findings_never_rank_thin_results(seed_book):
    ov = report.overview(seed_book, n_boot=200)
    thin = ov[ov["too_few"]]
    ranks = report.ranking(ov)
    for _, r in thin.iterrows():
        row = ranks[ranks["unit"] == r["unit"]].iloc[0]
        assert r["actor"] not in (row["most"], row["least"])
    text = report.findings(ov, seed_book.titles)
    for _, r in thin.iterrows():
        assert f"{r['actor']} (n={r['n']})" in text
    for rank in ranks.dropna(subset=["most"]).itertuples():  # every interval quoted comes from the table
        for actor in (rank.most, rank.least):
            row = ov[(ov["unit"] == rank.unit) & (ov["actor"] == actor)].iloc[0]
            assert f"{actor} ({report.stance_text(row)})" in text


PACIFIC = """The Pacific Gamble Is Running Out of Road

For two decades, Washington has treated the Pacific as a stage on which it could always return to \
the lead role. That assumption is fraying. The United States still fields the largest navy in the \
region, but its diplomats arrive late and leave early. Beijing, by contrast, has learned patience. \
American officials complain that the islands are being bought. The US did not lose influence because \
it was outbid; it lost influence because it stopped showing up. If Washington wants its partners \
back, it must offer them something other than warnings.
"""
BUSES = """Our City Needs Better Buses

Every morning, thousands of commuters wait at stops that have no shelter and no timetable. Buses are \
cheaper, cleaner and fairer. The council should also publish its traffic data.
"""


def test_findings_judge_a_lone_power_and_say_when_no_power_is_named(tmp_path):
    """One power with enough sentences has its stance told (nothing to rank it against); an
    article naming no power says so, instead of "most attention to the US (0%)"."""
    (tmp_path / "pacific.txt").write_text(PACIFIC, encoding="utf-8")
    (tmp_path / "buses.txt").write_text(BUSES, encoding="utf-8")
    book = oabook.Book(oabook.BookConfig(corpus=[str(tmp_path)]))
    ov = report.overview(book, n_boot=200)
    lines = dict(line.split(".** ", 1) for line in report.findings(ov, report.unit_labels(book)).splitlines())
    assert lines["* **Our City Needs Better Buses"] == "Names none of the powers."
    us = ov[(ov["unit"] == "pacific") & (ov["actor"] == "US")].iloc[0]
    assert not us["too_few"] and ov[(ov["unit"] == "pacific") & (ov["actor"] != "US")]["too_few"].all()
    pacific = lines["* **The Pacific Gamble Is Running Out of Road"]
    assert f"Stance towards the US: {report.stance_text(us)}." in pacific


TRIANGLE = """Uncle Sam, the Bear and the Panda: A Triangle Without Trust

Pakistan has spent seventy years balancing between great powers. The Chinese built the CPEC \
corridor, and the debts that came with it. Beijing's interest is steadier but narrower: it wants \
Gwadar. China remains the largest lender. Chinese engineers stay when others leave. Beijing does not \
lecture Islamabad, and Islamabad likes that.
"""


@pytest.fixture(scope="module")
def three_book(tmp_path_factory):
    """Three short op-eds: one power judged in one, none named in another, a long title."""
    folder = tmp_path_factory.mktemp("three")
    for name, text in {"pacific": PACIFIC, "buses": BUSES, "triangle": TRIANGLE}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return oabook.Book(oabook.BookConfig(corpus=[str(folder)]))


def test_overview_figure_keeps_headings_in_their_panel_and_shares_below_100(three_book):
    ov = report.overview(three_book, n_boot=200)
    assert ov.groupby("unit")["share"].max().max() > 0.6  # the attention axis runs past 100
    fig = report.overview_figure(ov, report.unit_labels(three_book))
    fig.canvas.draw()
    left, right = fig.axes
    headings = [t for t in left.texts if t.get_fontweight() == "bold"]
    assert "Uncle Sam, the Bear and the Panda" in " ".join(t.get_text() for t in headings)
    edge = right.get_window_extent().x0
    assert all(t.get_window_extent().x1 < edge for t in headings)
    assert 0 < max(right.get_xticks()) <= 100


def test_articles_table_shows_unstated_fields_as_a_dash(three_book):
    """The chapter says fields a page does not state stay empty: not "NaN" or "None"."""
    table = report.articles_table(three_book)
    assert list(table.loc["The Pacific Gamble Is Running Out of Road", ["author", "outlet", "published"]]) \
        == ["–", "–", "–"]
    assert "NaN" not in table.to_string() and "None" not in table.to_string()


def test_uncertainties_count_articles_not_the_pooled_row(three_book):
    """"In 1 of 1 articles the intervals overlap" was the row for all articles, not an article."""
    ov = report.overview(three_book, n_boot=200)
    pooled = ov[ov["unit"] == report.all_label(three_book)]
    assert (~pooled["too_few"]).sum() == 2  # the US and China, pooled, are ranked
    assert report.ranking(ov).dropna(subset=["most"])["unit"].tolist() == [report.all_label(three_book)]
    text = report.uncertainties(three_book, ov)
    assert "Overlapping intervals" not in text
    own = ov[ov["unit"] != report.all_label(three_book)]
    assert f"{int(own['too_few'].sum())} of the 9 article–power results" in text  # 3 articles x 3 powers


def test_uncertainties_say_none_rather_than_zero_of(seed_book):
    """"0 of 3 group–power results rest on ..." and "In 0 of 1 groups ..." were seen in a book of
    1,000 articles: a count of none, or of one group, reads as words."""
    ov = report.overview(seed_book, n_boot=200)
    text = report.uncertainties(seed_book, ov)
    assert " 0 of " not in text and " of 1 " not in text
    own = ov[ov["unit"] != report.all_label(seed_book)]
    if not own["too_few"].any():
        assert f"None of the {len(own)} article–power results rests on fewer than" in text


def test_library_summaries_mark_and_robustness_skips_thin_groups(seed_book):
    scores = seed_book.scores
    summary = oa.summarize(scores[scores["method"] == "vader"], n_boot=100)
    assert (summary["too_few"] == (summary["n"] < MIN_SENTENCES)).all()
    stance = oa.stance_summary(scores[scores["method"] == "rules"], n_boot=100)
    assert (stance["too_few"] == (stance["n"] < MIN_SENTENCES)).all()
    thin = stance[stance["too_few"]][["article", "actor"]].drop_duplicates()
    robust = oa.robustness(scores)
    for article, actor in thin.itertuples(index=False):
        ranked = robust[robust["article"] == article]
        assert actor not in set(ranked["most"]) | set(ranked["least"])


def test_many_articles_become_groups_with_article_level_intervals(many_book):
    assert many_book.many
    assert set(many_book.groups) == set(OUTLETS)
    ov = report.overview(many_book, n_boot=200)
    assert set(ov["unit"]) == set(OUTLETS) and set(ov["source"]) <= {report.STANCE_METHOD, "–"}
    rows = report.stance_rows(many_book)
    for _, r in ov[ov["n"] > 0].iterrows():
        part = rows[(rows["article"].map(many_book.groups) == r["unit"]) & (rows["actor"] == r["actor"])]
        assert r["mean"] == pytest.approx(part.groupby("article")["stance"].mean().mean())
    assert report.attention_figure(many_book).axes
    assert set(report.keyness_table(many_book)["article"]) <= set(OUTLETS)
    spread = report.attention_table(many_book)        # articles per group are counted, not measured
    assert spread["articles"].dtype == "int64"
    assert spread.groupby(level="article")["articles"].first().sum() == len(many_book.ids)


def test_keyness_from_tables_matches_keyness_on_the_corpus(seed_book):
    assert report.keyness_table(seed_book).equals(oa.keyness(seed_book.corpus, top=8))


def test_plain_explanations_name_the_words_and_the_direction():
    rules = "killed(conflict,agent)-0.80; fresh relations(relation+,party)+1.00 | frame: killed, army"
    text = report.plain_explanation(rules, "the US")
    assert "“killed” (an act of conflict; the US does it) counts against the US" in text
    assert "“fresh relations”" in text and "counts for the US" in text and "frame words: killed, army" in text
    model = "p=0.62 for -1: word:drone+0.40, near:R:strike+0.21, cue:rules+0.10 | frame: drone"
    text = report.plain_explanation(model)
    assert text.startswith("the model is 62% sure it is unfavourable") and "“drone”, “strike”" in text
    assert "p=0" not in text and "word:" not in text and "near:" not in text and "cue:" not in text


def test_close_reading_quotes_each_powers_extremes_with_codes(seed_book):
    table = report.close_reading(seed_book)
    assert set(table["actor"]) == set(seed_book.powers)
    for _, part in table.groupby("actor"):
        assert list(part["side"]) == ["most favourable", "most unfavourable"]
        assert part["text"].nunique() == 2
        best, worst = part.iloc[0], part.iloc[1]
        assert (best["human"], best["method"]) >= (worst["human"], worst["method"])
    assert table["human"].notna().all(), "every quoted seed sentence has its human code"
    text = report.close_reading_markdown(table)
    assert all(f"> {t}" in text for t in table["text"]) and "p=" not in text


def test_prepare_writes_a_book_without_validation_when_there_is_no_coding(tmp_path, seeds):
    folder = tmp_path / "articles"
    folder.mkdir()
    for src in sorted(seeds.iterdir()):
        (folder / src.name).write_bytes(src.read_bytes())
    out = oabook.prepare([str(folder)], tmp_path / "out", title="Mine", jobs=1, progress=False)
    toc = (out / "_toc.yml").read_text(encoding="utf-8")
    assert oabook.VALIDATION_CHAPTER not in toc and "notebooks/07_conclusions" in toc
    assert not any(chapter in toc for chapter in oabook.SEED_ONLY_CHAPTERS)
    assert re.search(r'^title: "Mine"$', (out / "_config.yml").read_text(encoding="utf-8"), flags=re.M)
    book = oabook.setup(out / "book.toml")
    assert not book.has_coding and (out / "tables" / "scores.parquet").exists()
    assert len(book.scores) and set(book.scores["method"]) == set(oabook.BOOK_METHODS)
    assert all((out / "notebooks" / f"{f.split('/')[-1]}.ipynb").exists() for f in oabook.chapters(False))


def test_plain_explanation_reads_a_method_that_gives_its_reasons():
    reason = "US does something hostile ('killed')"
    text = report.plain_explanation(f"unfavourable (p=0.67): {reason} | frame: no keyword")
    assert text == f"the method is 67% sure it is unfavourable: {reason}; no frame word"
    certain = report.plain_explanation(f"favourable (p=0.998): {reason}")
    assert certain.startswith("the method is over 99% sure")    # a fitted model never claims 100%


def test_many_articles_show_the_spread_of_article_means(many_book, seed_book):
    means = report.article_means(many_book)
    assert set(means["article"]) <= set(many_book.ids)
    assert (means["too_few"] == (means["n"] < MIN_SENTENCES)).all()
    fig = report.spread_figure(many_book)
    assert len(fig.axes) == len(many_book.powers)
    kept = means[~means["too_few"]]
    for ax, actor in zip(fig.axes, many_book.powers):
        assert sum(p.get_height() for p in ax.patches) == (kept["actor"] == actor).sum()
    assert report.spread_figure(seed_book) is None, "a few articles: the overview already shows each"


def _filled_sheets(folder, articles):
    """An 'adjudicated' sheet and two coders' sheets of ``articles``, filled from the rules' stances
    with every fifth (coder 1) and seventh (coder 2) stance flipped: mechanics, not accuracy."""
    sheet = oa.sample(articles, n=40, seed=2)
    key = ["article", "sentence", "actor"]
    rules = oa.score(articles, methods=["rules"])[key + ["stance", "frame"]].drop_duplicates(key)
    coded = sheet.drop(columns=["stance", "frame"]).merge(rules, on=key, how="left")
    stance = coded["stance"].fillna(0).astype(int)
    paths = []
    for name, every in (("adjudicated", 0), ("coder 1", 5), ("coder 2", 7)):
        flipped = [(-s if s else 1) if every and i % every == 0 else s for i, s in enumerate(stance)]
        filled = sheet.assign(stance=flipped, frame=coded["frame"].fillna("other"), coder=name)
        paths.append(oa.coding.write_table(filled, folder / f"{name.replace(' ', '_')}.csv"))
    return paths


def test_book_takes_coding_sheets_and_validates_every_method_against_them(tmp_path, root):
    articles = [str(root / "examples" / "articles")]
    adjudicated, coder_1, coder_2 = _filled_sheets(tmp_path, articles)
    folder = oabook.coding_folder_from_sheets(articles, [coder_1, adjudicated, coder_2], tmp_path / "coding")
    coded = pd.read_csv(folder / "coding.tsv", sep="\t", dtype={"article": str})
    assert len(coded) == 40 and not (folder / "coder_3.tsv").exists()
    human = validate.intercoder_agreement(folder)
    assert human.loc[0, "n"] == 40 and 0 < human.loc[0, "accuracy"] < 1   # the flips differ
    preds = validate.seed_predictions(oa.load_corpus(articles), folder, methods=("vader", "rules"))
    overall = validate.agreement_table(preds).set_index("label")
    assert overall.loc["rules", "n"] == 40 and overall.loc["rules", "accuracy"] == 1.0
    assert {"vader:sentence", "always-neutral", "actor-prior"} <= set(overall.index)
    reference, gold = validate.read_gold(folder)
    alignment = validate.align_sentences(oa.sentences(articles), reference)
    found = validate.mention_pairs(oa.mentions(articles), alignment)
    assert validate.detection_scores(found, gold).iloc[-1]["recall"] == 1.0   # sheet pairs are detected pairs


def test_one_sheet_has_no_ceiling_and_bad_sheets_name_file_and_line(tmp_path, root, monkeypatch):
    """``prepare`` (the analysis stubbed out: it is tested elsewhere) turns one sheet into the coding."""
    articles = [str(root / "examples" / "articles")]
    sheet = _filled_sheets(tmp_path, articles)[1]
    def analyzed(inputs, out, **options):  # what the book reads of the analysis before building
        Path(out).mkdir(parents=True)
        pd.DataFrame({"actor": ["US"]}).to_parquet(Path(out) / "mentions.parquet")
        return type("S", (), {"articles": 12})()

    monkeypatch.setattr("oped_analysis.pipeline.analyze", analyzed)
    out = oabook.prepare(articles, tmp_path / "book", coding=str(sheet))
    config = oabook.BookConfig.read(out / "book.toml")
    assert config.coding == str(out / "coding")
    assert oabook.VALIDATION_CHAPTER in (out / "_toc.yml").read_text()
    human = validate.intercoder_agreement(config.path(config.coding))
    assert (human["n"] == 0).all() and human["kappa"].isna().all()
    assert len(oabook.Book(config).coding) == len(pd.read_csv(sheet))   # the report's human coding
    # a sample of the library's own mentions cannot measure its mention detection: said, not scored
    assert (out / "coding" / oabook.SAMPLED_NOTE).is_file()
    view = report.detection_view(oabook.Book(config), None, None)
    assert "detection is not scored here" in view.data
    bad = pd.read_csv(sheet).astype({"stance": str})
    bad.loc[3, "stance"] = "2"
    bad_path = oa.coding.write_table(bad, tmp_path / "bad.csv")
    with pytest.raises(oa.InputError, match=r"bad.csv, line 5: stance '2'"):
        oabook.coding_folder_from_sheets(articles, [bad_path], tmp_path / "c2")


def test_a_coding_folder_must_code_the_corpus(tmp_path, root, seeds):
    """A coding folder is checked against the corpus before the book is built: the wrong folder
    fails before the analysis, a coding of other articles fails after it, a partial one warns."""
    gold = root / "data" / "gold"
    with pytest.raises(oa.InputError, match=r"--coding .*seeds: not a coding folder \(no sentences.tsv"):
        oabook.prepare([str(seeds)], tmp_path / "b1", coding=str(seeds))
    sentences = oa.sentences(oa.load_corpus(seeds))
    with pytest.raises(oa.InputError, match=r"none of its \d+ coded sentences .* is in the corpus"):
        oabook.check_coding_folder(gold, sentences.assign(article="other-article"))
    one = sentences[sentences["article"] == sentences["article"].iloc[0]]
    with pytest.warns(UserWarning, match=r"\d+ of \d+ coded sentences are not in the corpus"):
        oabook.check_coding_folder(gold, one)
    oabook.check_coding_folder(gold, sentences)     # the seeds' own coding: silent


def test_a_book_of_articles_that_name_no_power_is_refused_before_it_is_built(tmp_path):
    """Articles in another language, or about other actors: the build used to fail deep in a
    chapter's figure (zero rows of panels); now the book says why before Jupyter Book runs.
    The same articles with a lexicon that adds the names they use are a book."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "urdu.txt").write_text("پاکستان کی خارجہ پالیسی\n\nامریکہ اور چین کے درمیان "
                                              "پاکستان کو توازن رکھنا ہوگا۔\n", encoding="utf-8")
    (tmp_path / "in" / "water.txt").write_text("Water talks\n\nIndia and Pakistan met in Lahore.\n",
                                               encoding="utf-8")
    with pytest.raises(oa.OpedAnalysisError, match=r"none of the 2 article\(s\) names US, China, Russia"):
        oabook.prepare([str(tmp_path / "in")], tmp_path / "book", jobs=1, progress=False)
    (tmp_path / "urdu.toml").write_text('[US]\nnames = ["امریکہ"]\n', encoding="utf-8")
    oabook.prepare([str(tmp_path / "in")], tmp_path / "book2", jobs=1, progress=False,
                   lexicon=str(tmp_path / "urdu.toml"))


def test_a_book_of_no_readable_article_says_why(tmp_path):
    """The reasons were only in tables/problems.csv; the error said just "no article could be read"."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "export.csv").write_text(
        'id,body\nd1,"Russia has reopened Soviet bases along its northern coast."\n', encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("")
    with pytest.raises(oa.OpedAnalysisError) as error:
        oabook.prepare([str(tmp_path / "in")], tmp_path / "book", jobs=1, progress=False)
    message = str(error.value)
    assert message.startswith(f"no article could be read from {tmp_path / 'in'}: ")
    assert f"{tmp_path / 'in' / 'export.csv'}: no column 'text'" in message
    assert f"{tmp_path / 'in' / 'empty.txt'}: is empty" in message


def test_a_table_corpus_with_its_own_text_column_makes_a_book_and_a_sheet(tmp_path, seeds, monkeypatch):
    """``--text-column`` (the loader's errors name it) works for ``book`` and ``sample`` too: the
    columns go into book.toml, so the chapters load the corpus as the analysis did."""
    sentences = list(oa.sentences(oa.load_corpus(seeds))["text"])
    table = pd.DataFrame({"headline": [f"Op-ed {i}" for i in range(3)],
                          "body": [" ".join(sentences[10 * i:10 * i + 10]) for i in range(3)]})
    table.to_csv(tmp_path / "opeds.csv", index=False)
    columns = {"text": "body", "title": "headline"}
    out = oabook.prepare([str(tmp_path / "opeds.csv")], tmp_path / "book", columns=columns, jobs=1,
                         progress=False)
    config = oabook.BookConfig.read(out / "book.toml")
    assert config.columns == columns
    book = oabook.Book(config)
    assert list(book.corpus.metadata()["title"]) == list(table["headline"])
    assert len(book.corpus) == pd.read_parquet(out / "tables" / "articles.parquet").shape[0] == 3
    (tmp_path / "typo.toml").write_text('corpus = ["x"]\ncolumns = {txt = "body"}\n', encoding="utf-8")
    with pytest.raises(oa.InputError, match="typo.toml: `columns` must map"):
        oabook.BookConfig.read(tmp_path / "typo.toml")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["sample", "opeds.csv", "--text-column", "body", "--n", "4", "--out", "sheet.csv"]) == 0
    sheet = pd.read_csv(tmp_path / "sheet.csv")
    assert len(sheet) == 4
    oa.coding.write_table(sheet.assign(stance=0, coder="me"), tmp_path / "coded.csv")
    assert cli.main(["validate", "opeds.csv", "--text-column", "body", "--coding", "coded.csv",
                     "--methods", "rules"]) == 0


def test_findings_show_an_untitled_article_by_its_id_as_written(tmp_path):
    """A CSV row without a title is labelled by its id, which the findings must not re-case."""
    pd.DataFrame({"id": ["j-3"], "title": [""], "text": [TRIANGLE.split("\n", 2)[2]]}).to_csv(
        tmp_path / "rows.csv", index=False)
    book = oabook.Book(oabook.BookConfig(corpus=[str(tmp_path / "rows.csv")]))
    text = report.findings(report.overview(book, n_boot=200), report.unit_labels(book))
    assert "* **j-3.** Most attention to China" in text


def test_findings_do_not_add_a_full_stop_to_a_headline_ending_in_a_question_mark(tmp_path):
    """"**Whose ports are these?.**" was seen in a user's book: a headline keeps its own ending."""
    pd.DataFrame({"id": ["q-1", "s-2"], "title": ["Whose ports are these?", "Ports and loans"],
                  "text": [TRIANGLE.split("\n", 2)[2]] * 2}).to_csv(tmp_path / "rows.csv", index=False)
    book = oabook.Book(oabook.BookConfig(corpus=[str(tmp_path / "rows.csv")]))
    text = report.findings(report.overview(book, n_boot=200), report.unit_labels(book))
    assert "* **Whose ports are these?** Most attention" in text
    assert "* **Ports and loans.** Most attention" in text


def test_alias_table_keeps_the_books_order_of_articles_and_powers(seed_book):
    """Like the book's other tables: articles as the corpus lists them, powers in the lexicon's
    order (US, China, Russia), not sorted by name."""
    for by_kind in (True, False):
        table = report.alias_table(seed_book, by_kind=by_kind)
        titles = list(report.unit_labels(seed_book).values())
        assert list(table.columns) == [t for t in titles if t in set(table.columns)]
        assert list(dict.fromkeys(table.index.get_level_values("actor"))) == seed_book.powers
        mentions = seed_book.mentions
        assert table.to_numpy().sum() == mentions["actor"].isin(seed_book.powers).sum()
