"""The command line on the seeds, and its errors."""

import json
import subprocess
import sys

import pytest

from oped_analysis.cli import main


def test_compare_table_csv_json(seeds, capsys):
    assert main(["compare", str(seeds)]) == 0
    out = capsys.readouterr().out
    assert "Russia" in out and "004_8ab31b7c5fbbd9ce" in out
    assert main(["compare", str(seeds), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("article,actor,mentions,sentences,share") and len(lines) == 7
    assert main(["compare", str(seeds), "--format", "json", "--methods", "vader"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6 and "vader_clause" in rows[0] and "textblob_clause" not in rows[0]


def test_user_errors_print_one_line_without_traceback(seeds, tmp_path):
    run = subprocess.run([sys.executable, "-m", "oped_analysis", "compare", str(tmp_path / "missing.txt")],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "missing.txt: no such file" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "oped_analysis", "compare", str(seeds), "--methods", "nope"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "unknown scoring method" in run.stderr and "Traceback" not in run.stderr


def test_sample_stops_at_an_unreadable_file_and_names_it(seeds, tmp_path, capsys):
    """The coding commands refuse a corpus with an unreadable file (its sampling weights would
    change without notice), where compare goes on: one line naming the file, exit 2."""
    for seed in seeds.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert main(["sample", str(tmp_path), "--n", "4", "--out", str(tmp_path / "sheet.csv")]) == 2
    err = capsys.readouterr().err
    assert "broken.txt" in err and "Traceback" not in err
    assert not (tmp_path / "sheet.csv").exists()
    assert main(["compare", str(tmp_path), "--format", "csv", "--methods", "vader"]) == 0


def test_methods_option_naming_no_method_is_an_error(seeds, capsys):
    assert main(["compare", str(seeds), "--methods", " , "]) == 2
    assert "--methods ' , ' names no method" in capsys.readouterr().err


def test_compare_collects_bad_files_lists_skipped_ones_and_names_cli_flags(seeds, tmp_path, capsys):
    """Like analyze: a problems summary, the readable articles compared; a note file in the
    folder is listed as skipped; the decoding hint names --encoding, not a Python argument."""
    for seed in seeds.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "README.md").write_text("# notes on the corpus\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes("Russia’s offer to the US was cited.".encode("cp1252"))
    assert main(["compare", str(tmp_path), "--format", "csv", "--methods", "vader"]) == 0
    out, err = capsys.readouterr()
    assert {row.split(",")[0] for row in out.splitlines()[1:]} == {
        "000_7e72c071a9cad5df", "004_8ab31b7c5fbbd9ce", "latin"}
    assert "skipped 1 file(s) that are not articles" in err and "README.md" in err
    assert "1 problem(s)" in err and "broken.txt: looks like a binary file" in err
    assert "--encoding" in err and "encoding=" not in err


def test_analyze_help_names_what_each_column_option_holds(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "column holding the article's publication date in CSV/JSONL/Parquet inputs (default: published)" \
        in text
    assert "column holding the article's title in" in text and "the article published" not in text


def test_compare_takes_the_column_options_its_error_names(tmp_path, capsys):
    """compare's error for a table without a 'text' column says "--text-column NAME": compare takes it."""
    table = tmp_path / "export.csv"
    table.write_text('doc,headline,body\n'
                     'd1,Thaw in the Arctic,"Russia has reopened Soviet bases along its northern coast. '
                     'The United States has few icebreakers. China calls itself a near-Arctic state."\n',
                     encoding="utf-8")
    assert main(["compare", str(table)]) == 2
    assert "name it with --text-column NAME" in capsys.readouterr().err
    assert main(["compare", str(table), "--text-column", "body", "--id-column", "doc",
                 "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("article,actor,mentions") and len(rows) == 4
    assert {r.split(",")[:3][1] for r in rows[1:]} == {"US", "China", "Russia"}
    assert all(r.startswith("d1,") and r.split(",")[2] == "1" for r in rows[1:])


def test_column_options_are_the_loaders_columns():
    """The CLI names its column options without importing the loader (``--help`` stays fast):
    the two lists must not drift apart."""
    from oped_analysis import cli, load

    assert cli.COLUMN_KEYS == tuple(load.DEFAULT_COLUMNS)
