"""Coding sheets: sampling design, reading checks, two-coder agreement, methods against a sheet."""

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import GOLD, SEEDS
from sklearn.metrics import cohen_kappa_score

from oped_analysis import coding, validate
from oped_analysis.cli import main
from oped_analysis.errors import InputError, OpedAnalysisError


@pytest.fixture(scope="module")
def pairs(corpus):
    return coding.coding_pairs(corpus)


@pytest.fixture(scope="module")
def gold_sheet(corpus):
    return coding.sheet_from_gold(corpus, GOLD / "coding.tsv")


# --- the population and the draw ---------------------------------------------------------

def test_pairs_are_the_detected_power_mentions(pairs, seed_mentions):
    powers = seed_mentions[seed_mentions["actor"].isin(["US", "China", "Russia"])]
    assert len(pairs) == len(powers[["article", "sentence", "actor"]].drop_duplicates())
    assert not pairs.duplicated(coding.KEY).any()
    for row in pairs.itertuples():
        assert "[[" in row.text and coding.unmark(row.text) == row.sentence_text
        assert row.sentence_text[row.start:row.end] in row.text.split("[[")[1]


def test_mark_wraps_every_span_and_unmark_undoes_it():
    text = "The US and the United States differ."
    marked = coding.mark(text, [(15, 28), (4, 6)])
    assert marked == "The [[US]] and the [[United States]] differ."
    assert coding.unmark(marked) == text


@pytest.mark.parametrize("sizes, n, expected", [
    ({"a": 50, "b": 10, "c": 100}, 60, {"a": 25, "b": 10, "c": 25}),
    ({"a": 5, "b": 5, "c": 5}, 7, {"a": 3, "b": 2, "c": 2}),
    ({"a": 2, "b": 3}, 99, {"a": 2, "b": 3}),
])
def test_equal_allocation_caps_small_strata(sizes, n, expected):
    assert coding.allocate(sizes, n) == expected


def test_simple_random_draw_records_its_design(pairs):
    sheet = coding.draw(pairs, 30, seed=3)
    assert len(sheet) == 30 and not sheet.duplicated(coding.KEY).any()
    assert np.allclose(sheet["weight"], len(pairs) / 30)
    assert np.allclose(sheet["inclusion_probability"] * sheet["weight"], 1)
    assert sheet["weight"].sum() == pytest.approx(len(pairs))
    again, other = coding.draw(pairs, 30, seed=3), coding.draw(pairs, 30, seed=4)
    assert again[coding.KEY].equals(sheet[coding.KEY]) and not other[coding.KEY].equals(sheet[coding.KEY])


def test_stratified_draw_weights_sum_to_each_stratum(pairs):
    sheet = coding.draw(pairs, 30, seed=1, strata="actor")
    sizes = pairs["actor"].value_counts()
    assert sorted(sheet["actor"].value_counts().to_list()) == [10, 10, 10]
    for actor, group in sheet.groupby("actor"):
        assert group["weight"].sum() == pytest.approx(sizes[actor])
        assert set(group["stratum"]) == {f"actor={actor}"}


def test_draw_refuses_a_bad_strata_column(pairs):
    with pytest.raises(OpedAnalysisError, match="cannot stratify by 'colour'"):
        coding.draw(pairs, 10, strata="colour")


def test_sample_writes_sheet_and_codebook_and_never_overwrites(corpus, tmp_path):
    out = tmp_path / "sheet.csv"
    sheet = coding.sample(corpus, 25, out=out, strata="actor")
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == coding.SHEET_COLUMNS and len(written) == len(sheet) == 25
    assert (written["stance"] == "").all() and (written["coder"] == "").all()
    assert coding.codebook_path(out).read_text() == coding.default_codebook().read_text()
    out.write_text("my coding\n")
    with pytest.raises(OpedAnalysisError, match="already exists"):
        coding.sample(corpus, 25, out=out)
    assert out.read_text() == "my coding\n"


# --- reading a sheet --------------------------------------------------------------------------

def _sheet(tmp_path, rows, name="s.csv", columns=("article", "sentence", "actor", "stance", "frame")):
    path = tmp_path / name
    pd.DataFrame(rows, columns=list(columns)).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("rows, message", [
    ([], "has no rows"),
    ([("a", 1, "US", "2", "")], r"line 2: stance '2' is not a label"),
    ([("a", 1, "US", "1", ""), ("a", 2, "US", "yes", "")], r"line 3: stance 'yes'"),
    ([("a", 1, "US", "1", "war")], r"line 2: frame 'war' is not a label"),
    ([("a", 1, "US", "1", ""), ("a", 1, "US", "0", "")], r"lines 2, 3: the pair .* is coded more than once"),
    ([("a", "one", "US", "1", "")], r"line 2: sentence 'one' is not a sentence number"),
])
def test_bad_sheets_name_the_file_and_line(tmp_path, rows, message):
    path = _sheet(tmp_path, rows)
    with pytest.raises(InputError, match=message) as err:
        coding.read_sheet(path)
    assert str(path) in str(err.value)


def test_a_stray_separator_is_named_not_shifted(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("article,sentence,actor,stance\na,1,US,1\na,2,US,,1\n")
    with pytest.raises(InputError, match="line 3: 5 fields where the header has 4"):
        coding.read_sheet(path)


def test_missing_columns_and_files_are_named(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("article,sentence,stance\na,1,1\n")
    with pytest.raises(InputError, match="missing column.*actor"):
        coding.read_sheet(path)
    with pytest.raises(OpedAnalysisError, match="does not exist"):
        coding.read_sheet(tmp_path / "nope.csv")


def test_uncoded_rows_are_left_out_with_a_warning(tmp_path):
    path = _sheet(tmp_path, [("a", 1, "US", "1", "security"), ("a", 2, "US", "", "")])
    with pytest.warns(UserWarning, match="1 of 2 rows have no stance"):
        sheet = coding.read_sheet(path)
    assert len(sheet) == 1 and sheet["stance"].dtype == "int64"
    empty = _sheet(tmp_path, [("a", 1, "US", "", "")], "e.csv")
    with pytest.raises(InputError, match="no row has a stance"):
        coding.read_sheet(empty)


def test_a_sheet_from_another_corpus_is_refused(pairs, tmp_path):
    first = pairs.iloc[0]
    wrong_actor = "China" if first["actor"] != "China" else "US"
    cases = [((first["article"], 999, first["actor"]), "no mention of"),
             (("nosuch", 1, "US"), "has no article 'nosuch'"),
             ((first["article"], first["sentence"], wrong_actor), "no mention of")]
    for (art, sent, actor), message in cases:
        path = _sheet(tmp_path, [(art, sent, actor, "1", "")])
        if (art, sent, actor) in set(map(tuple, pairs[coding.KEY].values)):
            continue
        with pytest.raises(InputError, match=message):
            coding.read_sheet(path, pairs)
    row = (first["article"], first["sentence"], first["actor"], "1", "", "Other words.")
    changed = _sheet(tmp_path, [row],
                     columns=("article", "sentence", "actor", "stance", "frame", "text"))
    with pytest.raises(InputError, match="sentence text differs"):
        coding.read_sheet(changed, pairs)


def test_a_written_sample_reads_back_against_its_corpus(corpus, pairs, tmp_path):
    out = tmp_path / "s.tsv"
    coding.sample(corpus, 12, out=out, seed=5)
    table = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    table["stance"] = "0"
    table.to_csv(out, sep="\t", index=False)
    sheet = coding.read_sheet(out, pairs)
    assert len(sheet) == 12 and set(sheet["stance"]) == {0}


# --- two coders ---------------------------------------------------------------------------------

def test_krippendorff_alpha_on_a_hand_computed_case():
    # values 1,1 | 1,0 | 0,0 | 0,0: n = 8 pairable values, n1 = 3, n0 = 5, 2 disagreeing
    # ordered pairs; alpha = 1 - (n - 1) * 2 / (2 * n1 * n0) = 1 - 14/30
    assert coding.krippendorff_alpha([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(1 - 14 / 30)
    assert coding.krippendorff_alpha([1, 0, -1], [1, 0, -1]) == pytest.approx(1.0)


def test_agreement_of_the_gold_coders_matches_their_readme():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = coding.agreement(GOLD / "coder_1.tsv", GOLD / "coder_2.tsv", common_only=True)
    table = result.table.set_index("field")
    assert table.loc["stance", "n"] == 119
    assert table.loc["stance", "kappa"] == pytest.approx(0.82, abs=0.006)
    assert table.loc["frame", "kappa"] == pytest.approx(0.80, abs=0.006)
    assert len(result.only_a) == 1 and len(result.only_b) == 5
    both = pd.read_csv(GOLD / "coder_1.tsv", sep="\t", dtype={"article": str}).merge(
        pd.read_csv(GOLD / "coder_2.tsv", sep="\t", dtype={"article": str}), on=coding.KEY)
    differ = (both["stance_x"] != both["stance_y"]) | (both["frame_x"] != both["frame_y"])
    assert len(result.disagreements) == differ.sum()
    assert result.confusion["stance"].to_numpy().sum() == 119
    assert {"stance", "frame"} <= set(result.disagreements.columns)


def test_agreement_of_two_hand_made_sheets(tmp_path):
    rows = lambda stances: [("x", i, "US", s, "security") for i, s in enumerate(stances, 1)]  # noqa: E731
    a = _sheet(tmp_path, rows([1, 1, 0, 0, -1, -1]), "a.csv")
    b = _sheet(tmp_path, rows([1, 0, 0, 0, -1, 1]), "b.csv")
    result = coding.agreement(a, b)
    row = result.table.set_index("field").loc["stance"]
    assert row["kappa"] == pytest.approx(cohen_kappa_score([1, 1, 0, 0, -1, -1], [1, 0, 0, 0, -1, 1]))
    assert row["accuracy"] == pytest.approx(4 / 6)
    assert list(result.disagreements["sentence"]) == [2, 6]


def test_sheets_of_different_pairs_are_refused(tmp_path):
    a = _sheet(tmp_path, [("x", 1, "US", 1, ""), ("x", 2, "US", 0, "")], "a.csv")
    b = _sheet(tmp_path, [("x", 1, "US", 1, ""), ("x", 3, "US", 0, "")], "b.csv")
    with pytest.raises(InputError, match=r"a.csv, line 3: the pair \(article x, sentence 2, US\) is not in"):
        coding.agreement(a, b)


# --- methods against a sheet -------------------------------------------------------------------

def test_gold_sheet_holds_the_detected_coded_pairs(gold_sheet, pairs):
    assert set(map(tuple, gold_sheet[coding.KEY].values)) <= set(map(tuple, pairs[coding.KEY].values))
    assert 90 <= len(gold_sheet) <= len(pairs)
    assert set(gold_sheet["stance"]) <= {-1, 0, 1}


def test_validating_against_the_gold_sheet_agrees_with_the_seed_validation(corpus, gold_sheet):
    result = coding.validate_coding(corpus, gold_sheet, methods=("vader", "rules"))
    seeds = validate.seed_predictions(corpus, GOLD, methods=("vader", "rules"))
    detected = seeds[seeds["detected"] & seeds["label"].isin(result.scores["label"])]
    expected = validate.agreement_table(detected, labels=coding.STANCES).set_index("label")
    got = result.scores.set_index("label")
    for label in got.index:   # the seed table keeps two gold sentences the library splits as one
        assert got.loc[label, "n"] == len(gold_sheet) and 0 <= expected.loc[label, "n"] - len(gold_sheet) <= 1
        assert got.loc[label, "macro_f1"] == pytest.approx(expected.loc[label, "macro_f1"], abs=0.02)
    assert set(result.by_power["actor"]) == {"US", "China", "Russia"}
    assert result.confusion["rules"].to_numpy().sum() == len(gold_sheet)


def test_validate_coding_scores_the_evaluation_methods_by_default(corpus, gold_sheet):
    result = coding.validate_coding(corpus, gold_sheet)
    assert {label.split(":")[0] for label in result.scores["label"]} == set(validate.EVAL_METHODS)
    assert {"roles", "model"} <= set(result.scores["label"])


# --- the command line -----------------------------------------------------------------------------

def test_cli_sample_then_agreement(tmp_path, capsys):
    out = tmp_path / "sheet.csv"
    assert main(["sample", str(SEEDS), "--n", "20", "--out", str(out), "--strata", "actor"]) == 0
    assert "wrote 20 pairs" in capsys.readouterr().out
    assert main(["sample", str(SEEDS), "--n", "20", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    sheet.assign(stance="1", frame="security").to_csv(a, index=False)
    sheet.assign(stance=["1"] * 19 + ["0"], frame="security").to_csv(b, index=False)
    assert main(["agreement", str(a), str(b), "--out", str(tmp_path / "adj.csv")]) == 0
    printed = capsys.readouterr().out
    assert "alpha" in printed and "1 disagreements written" in printed
    assert len(pd.read_csv(tmp_path / "adj.csv")) == 1


def test_cli_agreement_reports_a_mismatch_without_traceback(capsys):
    assert main(["agreement", str(GOLD / "coder_1.tsv"), str(GOLD / "coder_2.tsv")]) == 2
    err = capsys.readouterr().err
    assert "is not in" in err and "Traceback" not in err


def test_cli_validate_on_a_coded_sheet(gold_sheet, tmp_path, capsys):
    path = coding.write_table(gold_sheet, tmp_path / "coded.csv")
    assert main(["validate", str(SEEDS), "--coding", str(path), "--methods", "vader,rules"]) == 0
    printed = capsys.readouterr().out
    assert "macro_f1" in printed and "rules (rows: coding" in printed
    bad = tmp_path / "bad.csv"
    gold_sheet.assign(stance="maybe").to_csv(bad, index=False)
    assert main(["validate", str(SEEDS), "--coding", str(bad), "--methods", "vader"]) == 2
    assert "line 2: stance 'maybe'" in capsys.readouterr().err
