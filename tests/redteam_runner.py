"""Run ``oped-analysis`` CLI commands in forked children of one warmed-up process and kill
them at given moments; used by test_redteam_runs.py (one import instead of one per run).

Reads one JSON job per line on stdin, ``{"argv": [...], "signal": "SIGINT"|"SIGTERM"|
"SIGKILL"|null, "delay": seconds}``, and answers each with one JSON line ``{"rc", "stderr",
"seconds"}``, so the caller can inspect the folders between runs.
"""

import json
import os
import signal
import sys
import tempfile
import time

import oped_analysis.pipeline  # noqa: F401  (imported before forking: children start warm)
from oped_analysis import cli
from oped_analysis.scoring import score_target

score_target("China is a friend.", 0, 5, method="vader")  # load the method's lexicon once


def run(job: dict) -> dict:
    err = tempfile.TemporaryFile()  # noqa: SIM115 - read after the child exits
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: one CLI run, as from a shell (SIGINT raises KeyboardInterrupt)
        os.dup2(err.fileno(), 2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            code = cli.main(job["argv"])
        except BaseException:  # noqa: BLE001 - anything escaping main is a bug the test must see
            import traceback

            traceback.print_exc()
            code = 99
        sys.stderr.flush()
        os._exit(code)
    if job.get("signal"):
        time.sleep(job["delay"])
        try:
            os.kill(pid, getattr(signal, job["signal"]))
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    err.seek(0)
    rc = os.waitstatus_to_exitcode(status)
    return {"rc": rc, "stderr": err.read().decode("utf-8", "replace"), "seconds": time.perf_counter() - start}


if __name__ == "__main__":
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps(run(json.loads(line))), flush=True)
