"""Red-team suite, output safety (issue 10): a run never destroys its inputs or the previous
output, never leaves tables that read as complete when it was interrupted, refuses unsafe
output folders with one line, and re-running gives byte-identical tables."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SEED_000, SEED_004

import oped_analysis as oa
from oped_analysis import cli, outdir, pipeline
from oped_analysis.errors import OpedAnalysisError

FAST = ["vader"]
TEXTS = [SEED_000.read_text(encoding="utf-8"), SEED_004.read_text(encoding="utf-8")]


def corpus_csv(folder: Path, n: int = 4, name: str = "articles.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    pd.DataFrame({"id": [f"a{i}" for i in range(n)],
                  "text": [TEXTS[i % 2] + f"\n\nNote {i}." for i in range(n)]}).to_csv(path, index=False)
    return path


def digest(folder: Path) -> dict[str, str]:
    """Hashes of every table (run.json holds times, so it is compared by its counts)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.name != "run.json"}


def status(folder: Path) -> str | None:
    try:
        return json.loads((folder / "run.json").read_text())["status"]
    except (OSError, ValueError):
        return None


# -- killed at random moments --------------------------------------------------------------

class Runner:
    """One warmed-up process that forks a CLI run per job (see redteam_runner.py)."""

    def __init__(self, cwd: Path):
        path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        env = {**os.environ, "PYTHONPATH": path}
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "redteam_runner.py")], cwd=cwd,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert json.loads(self.proc.stdout.readline()) == {"ready": True}

    def run(self, argv, sig=None, delay=0.0) -> dict:
        self.proc.stdin.write(json.dumps({"argv": argv, "signal": sig, "delay": delay}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def test_runs_killed_at_random_moments_never_look_complete_and_reruns_are_byte_identical(tmp_path):
    seed = int(os.environ.get("OA_KILL_SEED", random.SystemRandom().randrange(10**6)))
    rng = random.Random(seed)
    corpus_csv(tmp_path / "in", n=int(os.environ.get("OA_KILL_ARTICLES", "6")))
    argv = ["analyze", "in", "--methods", "vader", "--chunk-size", "1", "--no-progress",
            *os.environ.get("OA_KILL_ARGS", "").split()]
    runner = Runner(tmp_path)
    try:
        ref = runner.run([*argv, "--out", "ref"])
        assert ref["rc"] == 0, ref
        expected = digest(tmp_path / "ref")
        kills = int(os.environ.get("OA_KILLS", "2"))  # bench/redteam_bench.py runs many more
        plan = [rng.choice(["SIGINT", "SIGTERM", "SIGKILL"]) for _ in range(kills)] + [None] + \
               [rng.choice(["SIGINT", "SIGTERM", "SIGKILL"]) for _ in range(kills)] + [None]
        completed = False
        for sig in plan:
            delay = rng.uniform(0, ref["seconds"])
            got = runner.run([*argv, "--out", "out"], sig, delay)
            where = f"(seed {seed}, {sig} after {delay:.2f} s: {got})"
            out = tmp_path / "out"
            if got["rc"] == 0:  # the signal came after the run had finished, or none was sent
                completed = True
                assert digest(out) == expected and status(out) == "complete", where
            else:
                assert got["rc"] == {"SIGINT": 130, "SIGTERM": 143, "SIGKILL": -9}[sig], where
                if sig != "SIGKILL":
                    assert got["stderr"].count("\n") == 1 and "Traceback" not in got["stderr"], where
                if completed:  # the previous complete output is untouched
                    assert digest(out) == expected and status(out) == "complete", where
                else:
                    assert not out.exists(), where
            for partial in tmp_path.glob(".out.partial-*"):  # partial work never reads as complete
                assert status(partial) in (None, "running", "interrupted", "replaced"), \
                    f"{where}: {partial.name} says {status(partial)}"
            assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["articles.csv"]
        assert completed and digest(tmp_path / "out") == expected
    finally:
        runner.close()


# -- where the output may go ---------------------------------------------------------------

def test_out_containing_the_input_file_is_refused_and_the_input_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = corpus_csv(tmp_path / "mycorpus")
    before = path.read_bytes()
    assert cli.main(["analyze", "mycorpus/articles.csv", "--out", "mycorpus"]) == 2
    assert path.read_bytes() == before and sorted(os.listdir("mycorpus")) == ["articles.csv"]


@pytest.mark.parametrize("inputs,out,how", [
    (["in"], "in", "is the input"),
    (["in"], "in/out", "is inside the input"),
    (["in/articles.csv"], "in", "contains the input"),
    (["in/articles.csv"], "in/articles.csv", "exists and is not a folder"),
    (["in/*.csv"], "in", "is the input"),
    (["in/**/*.csv"], "in/sub", "is inside the input"),
    (["in"], ".", "current folder"),
    (["in"], "..", "current folder"),
    (["in"], "/", "root"),
    (["in"], "in/../in", "is the input"),
])
def test_out_overlapping_an_input_is_refused(tmp_path, monkeypatch, inputs, out, how):
    monkeypatch.chdir(tmp_path)
    corpus_csv(tmp_path / "in")
    before = digest(tmp_path / "in")
    with pytest.raises(OpedAnalysisError, match=how):
        oa.analyze(inputs, out, methods=FAST)
    assert digest(tmp_path / "in") == before and not (tmp_path / "in" / "out").exists()


def test_out_reached_through_a_symlink_into_the_input_is_refused(tmp_path):
    corpus_csv(tmp_path / "in")
    (tmp_path / "link").symlink_to(tmp_path / "in")
    with pytest.raises(OpedAnalysisError, match="is the input"):
        oa.analyze(tmp_path / "in", tmp_path / "link", methods=FAST)


def test_out_in_the_home_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    corpus_csv(tmp_path / "in")
    with pytest.raises(OpedAnalysisError, match="your home"):
        oa.analyze(tmp_path / "in", tmp_path / "home", methods=FAST, overwrite=True)


@pytest.mark.parametrize("inputs,out,what", [("", "out", "an input is an empty path"),
                                             ("in", "", "--out is an empty path"),
                                             ("in", "  ", "--out is an empty path"),
                                             ([], "out", "no inputs given"),
                                             ("in", None, "--out must be a path"),
                                             (["in", ""], "out", "an input is an empty path")])
def test_empty_paths_are_errors(tmp_path, monkeypatch, inputs, out, what):
    monkeypatch.chdir(tmp_path)
    corpus_csv(tmp_path / "in")
    with pytest.raises(OpedAnalysisError, match=what):
        oa.analyze(inputs, out, methods=FAST)
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_cli_empty_input_is_one_line(tmp_path, capsys):
    assert cli.main(["analyze", "", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_an_existing_folder_that_is_not_ours_is_refused_unless_overwrite(tmp_path):
    corpus_csv(tmp_path / "in")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.docx").write_text("years of work")
    with pytest.raises(OpedAnalysisError, match="not an earlier complete oped-analysis output.*--overwrite"):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    assert (tmp_path / "out" / "thesis.docx").read_text() == "years of work"
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST, overwrite=True)
    assert status(tmp_path / "out") == "complete" and not (tmp_path / "out" / "thesis.docx").exists()


def test_an_empty_existing_folder_is_used(tmp_path):
    corpus_csv(tmp_path / "in")
    (tmp_path / "out").mkdir()
    assert oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST).articles == 4


def test_a_previous_output_with_a_users_file_added_is_refused(tmp_path):
    corpus_csv(tmp_path / "in")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    (tmp_path / "out" / "my-notes.txt").write_text("keep me")
    with pytest.raises(OpedAnalysisError, match="--overwrite"):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    assert (tmp_path / "out" / "my-notes.txt").read_text() == "keep me"


def test_a_previous_output_is_replaced_with_identical_bytes(tmp_path):
    corpus_csv(tmp_path / "in")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    first = digest(tmp_path / "out")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST, jobs=2, chunk_size=5)
    assert digest(tmp_path / "out") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no lock or partial left


def test_symlinks_inside_out_are_never_followed_for_writing(tmp_path):
    corpus_csv(tmp_path / "in")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out" / "problems.csv").unlink()
    (tmp_path / "out" / "problems.csv").symlink_to(victim)
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    assert victim.read_text() == "precious" and not (tmp_path / "out" / "problems.csv").is_symlink()


def test_out_that_is_a_file_is_refused(tmp_path):
    corpus_csv(tmp_path / "in")
    (tmp_path / "out").write_text("x")
    with pytest.raises(OpedAnalysisError, match="not a folder"):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    assert (tmp_path / "out").read_text() == "x"


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_runs(tmp_path):
    corpus_csv(tmp_path / "in")
    with outdir.OutputFolder(tmp_path / "out", sources=[tmp_path / "in"]), \
            pytest.raises(OpedAnalysisError, match="in use by another oped-analysis run"):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    assert oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST).articles == 4  # lock released


# -- interrupted and failed runs -----------------------------------------------------------

def interrupt_after(monkeypatch, n_chunks: int, exc: BaseException):
    real = pipeline._TableWriter.write
    calls = {"n": 0}

    def write(self, chunk):
        calls["n"] += 1
        if calls["n"] > n_chunks * 5:
            raise exc
        return real(self, chunk)

    monkeypatch.setattr(pipeline._TableWriter, "write", write)


@pytest.mark.parametrize("exc,state", [(KeyboardInterrupt(), "interrupted"), (SystemExit(1), "interrupted"),
                                       (RuntimeError("bug"), "failed")])
def test_an_interrupted_run_leaves_the_previous_output_and_marks_its_own(tmp_path, monkeypatch, exc, state):
    corpus_csv(tmp_path / "in")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    before = digest(tmp_path / "out")
    interrupt_after(monkeypatch, 3, exc)
    with pytest.raises(type(exc)):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST, chunk_size=1)
    assert digest(tmp_path / "out") == before and status(tmp_path / "out") == "complete"
    [partial] = tmp_path.glob(".out.partial-*")
    manifest = json.loads((partial / "run.json").read_text())
    assert manifest["status"] == state and "INCOMPLETE" in manifest["note"]
    assert manifest["counts"]["articles"] == 3
    monkeypatch.undo()
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)  # the next run cleans up
    assert not list(tmp_path.glob(".out.partial-*")) and digest(tmp_path / "out") == before


@pytest.mark.parametrize("code,reason", [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"),
                                         (errno.EACCES, "permission denied"), (errno.EDQUOT, "quota")])
def test_a_full_or_read_only_disk_is_one_line_and_keeps_the_previous_output(tmp_path, monkeypatch, capsys,
                                                                           code, reason):
    corpus_csv(tmp_path / "in")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    before = digest(tmp_path / "out")
    interrupt_after(monkeypatch, 2, OSError(code, os.strerror(code)))
    assert cli.main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--methods", "vader",
                     "--chunk-size", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err and "previous output is untouched" in err
    assert digest(tmp_path / "out") == before and not list(tmp_path.glob(".out.partial-*"))


def test_a_read_only_parent_folder_is_one_line(tmp_path, monkeypatch):
    corpus_csv(tmp_path / "in")

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(outdir.tempfile, "mkdtemp", refuse)
    with pytest.raises(OpedAnalysisError, match="read-only"):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)


@pytest.mark.parametrize("exc,code,word", [(KeyboardInterrupt(), 130, "interrupted"),
                                           (cli.Terminated(), 143, "terminated")])
def test_cli_ctrl_c_and_sigterm_are_one_line(tmp_path, monkeypatch, capsys, exc, code, word):
    """One line, and true: an earlier output is left as it was; a new --out is not written at all."""
    corpus_csv(tmp_path / "in")
    earlier = tmp_path / "earlier"
    assert cli.main(["analyze", str(tmp_path / "in"), "--out", str(earlier), "--methods", "vader"]) == 0
    before = digest(earlier)
    capsys.readouterr()
    interrupt_after(monkeypatch, 1, exc)
    for out, what in [(tmp_path / "out", f"nothing was written to {tmp_path / 'out'}"),
                      (earlier, f"{earlier} was left as it was")]:
        assert cli.main(["analyze", str(tmp_path / "in"), "--out", str(out), "--methods", "vader",
                         "--chunk-size", "1"]) == code
        assert capsys.readouterr().err == f"oped-analysis: {word}; {what}\n"
    assert not (tmp_path / "out").exists() and digest(earlier) == before


@pytest.mark.parametrize("exc,code,word", [(KeyboardInterrupt(), 130, "interrupted"),
                                           (cli.Terminated(), 143, "terminated")])
def test_a_signal_while_the_command_line_is_read_is_one_line(monkeypatch, capsys, exc, code, word):
    def interrupted():
        raise exc

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["analyze", "in", "--out", "out"]) == code
    assert capsys.readouterr().err == f"oped-analysis: {word}\n"


def test_an_interrupted_parallel_run_stops_its_workers(tmp_path, monkeypatch):
    import multiprocessing

    corpus_csv(tmp_path / "in", n=20)
    interrupt_after(monkeypatch, 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST, jobs=2, chunk_size=1)
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


# -- the manifest ----------------------------------------------------------------------------

def test_run_json_describes_the_run(tmp_path):
    corpus_csv(tmp_path / "in")
    summary = oa.analyze(tmp_path / "in", tmp_path / "out", methods="vader", chunk_size=4)
    manifest = json.loads((tmp_path / "out" / "run.json").read_text())
    assert manifest["tool"] == "oped-analysis" and manifest["version"] == oa.__version__
    assert manifest["status"] == "complete" and manifest["inputs"] == [str(tmp_path / "in")]
    assert manifest["options"]["methods"] == ["vader"] and manifest["options"]["chunk_size"] == 4
    assert manifest["counts"] == {"articles": 4, "sentences": summary.sentences, "mentions": summary.mentions,
                                  "scores": summary.scores, "comparison": 12, "problems": 0}
    assert summary.files["manifest"] == [tmp_path / "out" / "run.json"]


def test_a_complete_output_is_an_ordinary_folder(tmp_path):
    corpus_csv(tmp_path / "in")
    oa.analyze(tmp_path / "in", tmp_path / "out", methods=FAST)
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o777 & ~umask


def test_a_forked_worker_does_not_keep_out_locked(tmp_path):
    corpus_csv(tmp_path / "in")
    with outdir.OutputFolder(tmp_path / "out", sources=[tmp_path / "in"]):
        pid = os.fork()
        if pid == 0:  # a worker that outlives its run (as after a SIGKILL of the main process)
            time.sleep(3)
            os._exit(0)
    try:
        with outdir.OutputFolder(tmp_path / "out", sources=[tmp_path / "in"]):
            pass  # the lock is free although the worker still runs
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


def test_workers_end_when_the_main_process_is_killed(tmp_path):
    corpus_csv(tmp_path / "in", n=12)
    runner = Runner(tmp_path)
    try:
        got = runner.run(["analyze", "in", "--out", "out", "--methods", "vader", "--jobs", "2",
                          "--chunk-size", "1"], "SIGKILL", 1.0)
        assert got["rc"] in (-9, 0)
        time.sleep(0.5)
        orphans = subprocess.run(["pgrep", "-P", "1", "-f", "redteam_runner"], capture_output=True, text=True)
        assert orphans.stdout == "", "pool workers outlived the killed run"
    finally:
        runner.close()
