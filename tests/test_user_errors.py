"""User mistakes (malformed lexicons, bad command lines, broken table corpora) get one clear
line naming the file and the problem, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import oped_analysis as oa
from oped_analysis.errors import InputError

# -- malformed lexicons and command-line mistakes --------------------------------------

def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "oped_analysis", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


LEXICONS = {
    "broken.toml": ("[US\nnames = [\"USA\"]\n", r"broken\.toml: not a valid TOML lexicon .*actors\.toml"),
    "string.toml": ('[US]\nnames = "USA"\n', r"string\.toml: actor \[US\]: names must be a list"),
    "unknown.toml": ('[US]\nnames = ["USA"]\nnickname = ["Uncle Sam"]\n',
                     r"unknown\.toml: actor \[US\]: unknown key\(s\) \['nickname'\]; allowed"),
    "noalias.toml": ('[Iran]\nlabel = "Iran"\n', r"noalias\.toml: actor \[Iran\] has no aliases; give"),
    "role.toml": ('[Iran]\nnames = ["Iran"]\nrole = "villain"\n',
                  r"role\.toml: actor \[Iran\]: role must be"),
    "empty-alias.toml": ('[Iran]\nnames = ["Iran", " "]\n', r"empty-alias\.toml: actor \[Iran\]: names"),
    "latin1.toml": ('[Iran]\nnames = ["Ir\xe1n"]\n'.encode("latin-1"), r"latin1\.toml: not a valid TOML"),
    "folder.toml": (None, r"folder\.toml: cannot read the lexicon .*actors\.toml"),
    "missing.toml": (..., r"missing\.toml: no such lexicon file; a lexicon is"),
}


@pytest.mark.parametrize("name", LEXICONS)
def test_malformed_lexicons_name_the_file_and_entry_with_a_hint(name, tmp_path):
    content, message = LEXICONS[name]
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif content is not ...:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(oa.LexiconError, match=message):
        oa.load_lexicon(path)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # a PNG header
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.toml").write_text("[US\n", encoding="utf-8")
    (folder / "cp1252.txt").write_bytes("Russia’s envoy met the US.".encode("cp1252"))
    (folder / "lexicon-dir").mkdir()
    return folder


CLI_MISTAKES = {
    "no command": ([], "the following arguments are required: COMMAND"),
    "no path": (["compare"], "the following arguments are required: PATH"),
    "unknown option": (["compare", "{seeds}", "--bogus"], "unrecognized arguments: --bogus"),
    "bad format": (["compare", "{seeds}", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    "bad method": (["compare", "{seeds}", "--methods", "nope"], "unknown scoring method 'nope'; available"),
    "missing file": (["compare", "{d}/missing.txt"], "missing.txt: no such file or folder"),
    "empty glob": (["compare", "{d}/*.nomatch"], "*.nomatch: the pattern matches no files"),
    "binary file": (["compare", "{d}/image.txt"], "image.txt: looks like a binary file"),
    "empty file": (["compare", "{d}/empty.txt"], "empty.txt: is empty"),
    "broken lexicon": (["compare", "{seeds}", "--lexicon", "{d}/broken.toml"],
                       "broken.toml: not a valid TOML lexicon"),
    "missing lexicon": (["compare", "{seeds}", "--lexicon", "{d}/nope.toml"],
                        "nope.toml: no such lexicon file"),
    "lexicon is a folder": (["compare", "{seeds}", "--lexicon", "{d}/lexicon-dir"],
                            "lexicon-dir: cannot read the lexicon"),
}


def run_main(args) -> tuple[int, str, str]:
    """Run the CLI in-process: exit status, stdout, stderr (argparse exits via SystemExit)."""
    import contextlib
    import io

    from oped_analysis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CLI_MISTAKES)
def test_cli_mistakes_get_one_line_naming_the_culprit_and_no_traceback(seeds, case, bad_inputs):
    args, message = CLI_MISTAKES[case]
    status, out, err = run_main([a.format(seeds=seeds, d=bad_inputs) for a in args])
    assert status == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("oped-analysis")


@pytest.mark.parametrize("case", ["bad format", "broken lexicon", "binary file"])
def test_cli_mistakes_in_a_real_process(seeds, case, bad_inputs):
    args, message = CLI_MISTAKES[case]
    run = cli(*[a.format(seeds=seeds, d=bad_inputs) for a in args])
    assert run.returncode == 2 and run.stdout == ""
    assert message in run.stderr and "Traceback" not in run.stderr


def test_cli_decoding_warning_is_one_line_and_output_still_comes(bad_inputs):
    status, out, err = run_main(["compare", bad_inputs / "cp1252.txt", "--format", "csv"])
    assert status == 0, err
    assert err == (f"oped-analysis: warning: {bad_inputs / 'cp1252.txt'}: not valid UTF-8; "
                   "decoded as cp1252. Pass --encoding ENCODING if that is wrong.\n")
    assert "cp1252,Russia,1," in out


def test_cli_unreadable_file_is_named_without_traceback(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Russia is a friend.", encoding="utf-8")
    real = Path.open

    def denied(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    status, _, err = run_main(["compare", path])
    assert status == 2
    assert err == (f"oped-analysis: error: {path}: cannot read the file (Permission denied); "
                   "check its permissions\n")


TABLE_PROBLEMS = {
    "no-text-column.csv": (b"id,body\n1,Russia\n", "no column 'text' with the article text"),
    "unterminated.csv": (b'id,text\na,"Russia\n', "cannot read as CSV"),
    "array.jsonl": (b'[1, 2]\n{"text": "Russia"}\n', "line 1: not a JSON object"),
    "not-json.jsonl": (b'{"text": "Russia"\n', "line 1: not valid JSON"),
    "number.jsonl": (b'{"text": 5}\n', "line 1: the 'text' column holds int '5', not text"),
    "blank-row.csv": (b"id,text\na,\n", "line 2: the 'text' column is empty"),
    "corrupt.parquet": (b"PAR1garbage", "cannot read as PARQUET"),
    "bad-date.csv": (b"id,text,published\na,Russia is here.,not a date\n",
                     "cannot read the date 'not a date'"),
}


@pytest.mark.parametrize("name", TABLE_PROBLEMS)
def test_malformed_table_corpora_name_the_file_and_row(name, tmp_path):
    data, message = TABLE_PROBLEMS[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.jsonl").write_text('{"id": "ok", "text": "Russia and \\u0000 the US."}\n',
                                         encoding="utf-8")
    with pytest.raises(InputError, match=name):
        oa.load_corpus(tmp_path / name)
    corpus = oa.load_corpus(tmp_path, errors="collect")  # the rest still loads; the problem is listed
    # a JSONL file's good lines still load beside its bad one
    # a bad date leaves the date empty (listed), the article is still read
    expected = {"array.jsonl": ["array-2", "ok"], "bad-date.csv": ["a", "ok"]}.get(name, ["ok"])
    assert corpus.ids == expected and corpus["ok"].body == "Russia and  the US."
    assert [message in str(p) and name in str(p) for p in corpus.problems] == [True]
