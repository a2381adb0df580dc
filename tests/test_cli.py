"""The command line on the seeds, and its errors."""

import json
import subprocess
import sys

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


def test_methods_option_naming_no_method_is_an_error(seeds, capsys):
    assert main(["compare", str(seeds), "--methods", " , "]) == 2
    assert "--methods ' , ' names no method" in capsys.readouterr().err
