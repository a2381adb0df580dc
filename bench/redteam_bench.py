"""Slow red-team checks of issue 10, kept out of ``make test``.

    PYTHONPATH=src python bench/redteam_bench.py            # all
    PYTHONPATH=src python bench/redteam_bench.py kills      # many random kills, 1 and 2 jobs
    PYTHONPATH=src python bench/redteam_bench.py big        # 1M characters without punctuation, 20 MB article
    PYTHONPATH=src python bench/redteam_bench.py concurrent # two real processes into one --out

Prints one line per measurement (seconds, goal, met or not).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 30


def _text(n: int, punctuated: bool) -> str:
    """``n`` characters of seed words: sentences of 8-30 words, or one run without punctuation."""
    rng = random.Random(n)
    seed = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    vocab = re.findall(r"[A-Za-z]+", seed)
    if not punctuated:
        return " ".join(rng.choice(vocab) for _ in range(n // 5))[:n]
    paras, size = [], 0
    while size < n:
        para = " ".join(" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 30))).capitalize() + "."
                        for _ in range(4))
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)


def big() -> None:
    import oped_analysis as oa

    with tempfile.TemporaryDirectory() as tmp:
        for name, n, punctuated in [("1M characters without punctuation", 1_000_000, False),
                                    ("20 MB article (JSONL)", 19_900_000, True)]:
            path = Path(tmp) / "big.jsonl"
            path.write_text(json.dumps({"id": "big", "text": _text(n, punctuated)}) + "\n", encoding="utf-8")
            for methods in (["vader"], ["textblob", "vader"], None):
                start, cpu = time.perf_counter(), time.process_time()
                summary = oa.analyze(path, Path(tmp) / "out", methods=methods, progress=False)
                took, cpu = time.perf_counter() - start, time.process_time() - cpu
                label = "+".join(methods) if methods else "default methods"
                print(f"{name}, {label}: {took:.1f} s ({cpu:.1f} CPU s, load average "
                      f"{os.getloadavg()[0]:.1f}) for {summary.sentences} sentences "
                      f"(goal < {GOAL_SECONDS} s: {'met' if took < GOAL_SECONDS else 'NOT met'})")


def kills() -> None:
    for args, n in [("", 12), ("--jobs 2", 24)]:
        env = {**os.environ, "OA_KILLS": "6", "OA_KILL_ARTICLES": str(n), "OA_KILL_ARGS": args,
               "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT / 'tests'}"}
        start = time.perf_counter()
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              str(ROOT / "tests" / "test_redteam_runs.py"), "-k", "killed_at_random"],
                             env=env)
        print(f"random kills ({args or '1 job'}, 12 kills + 2 completions): "
              f"{'passed' if rc == 0 else 'FAILED'} in {time.perf_counter() - start:.0f} s")


def concurrent() -> None:
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        seed = (ROOT / "seeds" / "000_7e72c071a9cad5df.txt").read_text(encoding="utf-8")
        (Path(tmp) / "in").mkdir()
        pd.DataFrame({"id": [f"a{i}" for i in range(40)], "text": [seed + f" Note {i}." for i in range(40)]}
                     ).to_csv(Path(tmp) / "in" / "a.csv", index=False)
        cmd = [sys.executable, "-m", "oped_analysis", "analyze", "in", "--out", "out", "--methods", "vader"]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        procs = [subprocess.Popen(cmd, cwd=tmp, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  text=True) for _ in range(2)]
        results = [(p.wait(), p.stderr.read().strip()) for p in procs]
        manifest = json.loads((Path(tmp) / "out" / "run.json").read_text())
        rows = len(pd.read_csv(Path(tmp) / "out" / "articles.csv"))
        print(f"two processes into one --out: exit codes {[r for r, _ in results]}, "
              f"messages {[e for _, e in results if e]}, output {manifest['status']} with {rows} articles")


if __name__ == "__main__":
    chosen = sys.argv[1:] or ["big", "kills", "concurrent"]
    for name in chosen:
        {"big": big, "kills": kills, "concurrent": concurrent}[name]()
