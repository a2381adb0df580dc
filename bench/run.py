"""Benchmark the default pipeline against bare TextBlob and VADER; write ``bench/RESULTS.md``.

    make bench                     # 1,000 and 10,000 articles (several minutes on 2 cores)
    python bench/run.py --quick    # 200 and 1,000 articles, one run of each (about a minute)
    python bench/run.py --runs large_1,large_dask   # only these runs, one line each

Measures, in one run, on seeded synthetic corpora (:mod:`corpus`):

* the full default pipeline, ``oa.analyze`` with the default methods (load, clean, split,
  mentions, every default method with its frames, writing Parquet + CSV), against bare
  ``TextBlob(s).sentiment.polarity`` and bare ``SentimentIntensityAnalyzer().polarity_scores(s)``
  over the same sentences on one core;
* 1 vs 2 worker processes, and Dask with two local workers;
* peak memory (summed RSS of the process tree, sampled every 20 ms) at the small and the
  large size, and a linear projection of time and output size for 1,000,000 articles;
* the start-up: ``import oped_analysis`` and ``oped-analysis --help`` in a fresh process;
* a profile (cProfile, top 10 by own time) of the one-job run on the small corpus.

Each pipeline run is a fresh process; imports, the methods' first calls and (for Dask)
the cluster's start are off the clock (a warm-up run on the seeds); the clock is
``Summary.seconds``. CPU seconds (user + system of the process and its finished workers)
are given beside wall-clock seconds, as other work on a shared machine distorts the latter.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The pipeline runs: key -> (corpus, jobs, engine); the first is also profiled and timed bare.
RUNS = {"small_1": ("small", 1, "local"), "small_2": ("small", 2, "local"),
        "small_dask": ("small", 2, "dask"), "large_1": ("large", 1, "local"),
        "large_2": ("large", 2, "local"), "large_dask": ("large", 2, "dask")}
GOALS = {"pipeline_vs_textblob": 1.0, "jobs2": 1.8, "dask2": 1.6, "memory": 1.2, "help_s": 0.3}

PIPELINE = """
import json, os, sys, tempfile, time
args = json.loads(sys.argv[1])
import oped_analysis as oa
startup = 0.0
if args["engine"] == "dask":  # the cluster starts off the clock; analyze uses it as the default client
    from distributed import Client, LocalCluster
    t = time.perf_counter()
    client = Client(LocalCluster(n_workers=args["jobs"], threads_per_worker=1, processes=True,
                                 dashboard_address=None))
    startup = time.perf_counter() - t
run = dict(jobs=args["jobs"], engine=args["engine"], progress=False)
with tempfile.TemporaryDirectory() as warm:  # imports and first calls, off the clock
    oa.analyze(args["seeds"], warm, **run)
def workers_cpu():  # Dask's worker processes outlive the run: their CPU seconds so far
    import psutil
    return sum(sum(p.cpu_times()[:2]) for p in psutil.Process().children(recursive=True))
w0, t0 = workers_cpu(), os.times()
s = oa.analyze(args["corpus"], args["out"], **run)
t1, w1 = os.times(), workers_cpu()
cpu = sum(b - a for a, b in zip(t0[:4], t1[:4])) + w1 - w0
main_cpu = sum(b - a for a, b in zip(t0[:2], t1[:2]))  # this process: reading, checking, writing
size = sum(p.stat().st_size for p in __import__("pathlib").Path(args["out"]).iterdir())
print(json.dumps({"articles": s.articles, "sentences": s.sentences, "mentions": s.mentions,
                  "scores": s.scores, "problems": len(s.problems), "seconds": s.seconds, "cpu": cpu,
                  "main_cpu": main_cpu,
                  "startup": startup, "out_bytes": size}))
"""

PROFILE = """
import cProfile, json, pstats, sys, tempfile, time
import oped_analysis as oa
with tempfile.TemporaryDirectory() as warm:
    oa.analyze(sys.argv[2], warm, progress=False)
profile = cProfile.Profile(time.process_time)  # CPU time: other load on the machine does not count
with tempfile.TemporaryDirectory() as out:
    profile.runcall(oa.analyze, sys.argv[1], out, progress=False)
stats = pstats.Stats(profile).stats
rows = sorted(((tt, ct, nc, f"{path.split('site-packages/')[-1].split('/src/')[-1]}:{line}({name})")
               for (path, line, name), (_, nc, tt, ct, _) in stats.items()), reverse=True)
print(json.dumps({"total": sum(r[0] for r in rows), "top": rows[:10]}))
"""

BARE = """
import json, sys, time
import pandas as pd
texts = pd.read_parquet(sys.argv[1], columns=["text"])["text"].tolist()
out = {"sentences": len(texts)}

def clock(name, score):
    score("warm up")
    t, c = time.perf_counter(), time.process_time()
    for s in texts:
        score(s)
    out[name] = {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c}

from textblob import TextBlob
clock("textblob", lambda s: TextBlob(s).sentiment.polarity)
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
vader = SentimentIntensityAnalyzer()
clock("vader", lambda s: vader.polarity_scores(s)["compound"])
from oped_analysis.scoring.textblob import analyzer
clock("textblob_fast", analyzer())
from oped_analysis.scoring.vader import FastVader
clock("vader_fast", FastVader().compound)
print(json.dumps(out))
"""


def child(code: str, *args: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh Python; its JSON answer and the peak RSS (MB) of its process tree."""
    import psutil

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    text = proc.stdout.read()
    if proc.returncode:
        raise SystemExit(f"benchmark child failed (exit {proc.returncode})")
    return json.loads(text.strip().splitlines()[-1]), peak / 2**20


def pipeline(corpus: Path, out: Path, jobs: int, engine: str = "local") -> dict:
    args = {"corpus": str(corpus), "out": str(out), "jobs": jobs, "engine": engine,
            "seeds": str(ROOT / "seeds")}
    result, peak = child(PIPELINE, json.dumps(args))
    import pyarrow.parquet as pq

    methods = pq.read_table(out / "scores.parquet", columns=["method"]).column("method").unique().to_pylist()
    return {**result, "peak_mb": peak, "jobs": jobs, "engine": engine, "methods": methods}


def startup_seconds(argv: list[str], repeat: int = 3) -> float:
    """Best wall-clock seconds of ``argv`` in a fresh process (the least disturbed of ``repeat``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t)
    return best


def corpus_of(n: int, work: Path) -> Path:
    from corpus import make_corpus

    folder = work / f"corpus-fresh-{n}"   # no sentence string twice (corpus.make_corpus)
    stamp = folder / ".complete"
    if not stamp.exists():
        make_corpus(folder, n, seed=0, fresh=True)
        stamp.write_text("ok")
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 articles, one run each")
    parser.add_argument("--small", type=int, help="articles in the small corpus (default 1,000)")
    parser.add_argument("--large", type=int, help="articles in the large corpus (default 10,000)")
    parser.add_argument("--repeat", type=int,
                        help="alternating 1- and 2-job runs of the small corpus (default 2)")
    parser.add_argument("--work", type=Path, default=HERE / "out",
                        help="corpora and outputs (default bench/out)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--runs", help="only these pipeline runs, comma-separated, of "
                        f"{', '.join(RUNS)} (one line each; RESULTS.md is not written)")
    args = parser.parse_args(argv)
    small = args.small or (200 if args.quick else 1000)
    large = args.large or (1000 if args.quick else 10000)
    repeat = args.repeat or (1 if args.quick else 2)
    sys.path.insert(0, str(HERE))
    args.work.mkdir(parents=True, exist_ok=True)
    corpora = {"small": corpus_of(small, args.work), "large": corpus_of(large, args.work)}
    load_start = os.getloadavg()[0]

    def log(name, value):
        print(f"{name}: {value}", flush=True)

    if args.runs:
        return only_runs(args.runs.split(","), corpora, args.work)

    start = {"import": startup_seconds([sys.executable, "-c", "import oped_analysis"]),
             "help": startup_seconds([sys.executable, "-m", "oped_analysis", "--help"])}
    log("start-up", start)
    runs = {}
    runs["small_1"] = pipeline(corpora["small"], args.work / "out-small_1", *RUNS["small_1"][1:])
    log("small_1", runs["small_1"])
    bare, _ = child(BARE, str(args.work / "out-small_1" / "sentences.parquet"))
    log("bare", bare)
    profile, _ = child(PROFILE, str(corpora["small"]), str(ROOT / "seeds"))
    log("profile", profile["top"][:3])
    for key in list(RUNS)[1:]:
        size, jobs, engine = RUNS[key]
        runs[key] = pipeline(corpora[size], args.work / f"out-{key}", jobs, engine)
        log(key, runs[key])
    # Worker scaling is a wall-clock ratio, which other load on the machine distorts: repeat the
    # small 1- and 2-job runs, alternating, and compare the best (least disturbed) of each.
    best = {1: [runs["small_1"]["seconds"]], 2: [runs["small_2"]["seconds"]]}
    for _ in range(repeat - 1):
        for jobs in (1, 2):
            best[jobs].append(pipeline(corpora["small"], args.work / f"out-rep-{jobs}", jobs)["seconds"])
    log("repeats", best)
    text = report(runs, bare, start, best, profile, small, large, load_start, os.getloadavg()[0])
    args.results.write_text(text, encoding="utf-8")
    print(text)
    return 0


def only_runs(keys: list[str], corpora: dict, work: Path) -> int:
    """Measure the pipeline runs named in ``keys`` (of ``RUNS``), one line each, with the load."""
    unknown = [k for k in keys if k not in RUNS]
    if unknown:
        raise SystemExit(f"unknown runs {unknown}; use some of {', '.join(RUNS)}")
    for key in keys:
        size, jobs, engine = RUNS[key]
        load = os.getloadavg()[0]
        r = pipeline(corpora[size], work / f"out-{key}", jobs, engine)
        print(f"{key}: {r['articles']:,} articles, {r['seconds']:.2f} s, CPU {r['cpu']:.1f} s (main process "
              f"{r['main_cpu']:.1f} s), peak {r['peak_mb']:.0f} MB; load {load:.2f} before, "
              f"{os.getloadavg()[0]:.2f} after", flush=True)
    return 0


def report(runs: dict, bare: dict, start: dict, best: dict, profile: dict, small: int, large: int,
           load_start: float, load_end: float) -> str:
    """``RESULTS.md``: the runs, the bare scorers, the goals and whether each is met."""
    from corpus import dataset_files, sentence_pool

    def rate(r):
        return r["sentences"] / r["seconds"]

    def cpu_rate(r):
        return r["sentences"] / r["cpu"] if r.get("cpu") else float("nan")

    def ok(flag):
        return "**met**" if flag else "**not met**"

    n = bare["sentences"]
    tb_rate, tb_cpu_rate = n / bare["textblob"]["seconds"], n / bare["textblob"]["cpu"]
    vs_textblob = rate(runs["small_1"]) / tb_rate
    vs_textblob_cpu = cpu_rate(runs["small_1"]) / tb_cpu_rate
    vs_textblob_large = cpu_rate(runs["large_1"]) / tb_cpu_rate
    jobs2_large = runs["large_1"]["seconds"] / runs["large_2"]["seconds"]
    jobs2_small = min(best[1]) / min(best[2])
    dask_large = runs["large_1"]["seconds"] / runs["large_dask"]["seconds"]
    dask_small = runs["small_1"]["seconds"] / runs["small_dask"]["seconds"]
    memory = {k: runs[f"large_{k}"]["peak_mb"] / runs[f"small_{k}"]["peak_mb"] for k in ("1", "2", "dask")}
    per_article = {k: runs[f"large_{k}"]["seconds"] / runs[f"large_{k}"]["articles"]
                   for k in ("1", "2", "dask")}
    bytes_per_article = runs["large_1"]["out_bytes"] / runs["large_1"]["articles"]
    cores = os.cpu_count() or 1
    busy = max(load_start, load_end) > 0.6 * cores
    methods = ", ".join(runs["small_1"]["methods"])  # as found in the scores table
    sources = ", ".join(str(p.relative_to(ROOT)) for p in dataset_files())
    lines = [
        "# Benchmark: the default pipeline against bare TextBlob and VADER",
        "",
        (f"Written by `bench/run.py` on {time.strftime('%Y-%m-%d %H:%M %Z')}; {cores} cores, "
        f"Python {platform.python_version()}, {platform.machine()}. Default methods: {methods}."),
        "",
        (f"Corpus: seeded (seed 0) recombinations of {len(sentence_pool()):,} distinct sentences (the seeds "
        f"and {sources}); each article is a title and 4-10 paragraphs of 2-5 sentences, one `.txt` "
        "file per article. No sentence string comes twice: once the pool is dealt out it is dealt "
        "again with an opener (\"Moreover, ...\"; `corpus.make_corpus(fresh=True)`), so the library's "
        "per-sentence caches hit no more often than on real text. Each pipeline run is a fresh process; "
        "its time is `Summary.seconds` (reading, "
        "cleaning, splitting, mentions, every default method and its frames, writing Parquet + CSV) "
        "after a warm-up run on the seeds (imports, first calls; for Dask the cluster's start)."),
        "",
        (f"Other work shared the machine (load average {load_start:.1f} at the start, {load_end:.1f} at "
         f"the end, on {cores} cores): wall-clock rates are pessimistic and speed-ups uncertain; " if busy
         else "") + "CPU seconds (user + system of the process and its workers; for Dask the client "
        "process, which also runs the LocalCluster's scheduler and nannies, and the worker processes) "
        "are less affected by other load. The main process reads, checks and writes; its share of the "
        "CPU seconds (with workers) is given.",
        "",
        ("| run | articles | sentences | mentions | jobs | seconds | sentences/s | CPU s | sentences/CPU s "
        "| main process CPU share | peak RSS (MB) |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, r in runs.items():
        size, _, kind = key.partition("_")
        label = f"{size}, " + ("Dask LocalCluster" if kind == "dask" else "local")
        cpu = f"{r['cpu']:.1f} | {cpu_rate(r):,.0f}"
        share = f"{r['main_cpu'] / r['cpu']:.0%}" if r["jobs"] > 1 and r.get("cpu") else ""
        lines.append(f"| {label} | {r['articles']:,} | {r['sentences']:,} | {r['mentions']:,} "
                     f"| {r['jobs']} | {r['seconds']:.1f} | {rate(r):,.0f} | {cpu} | {share} "
                     f"| {r['peak_mb']:.0f} |")
    for key, label in [("textblob", "bare `TextBlob(s).sentiment.polarity`"),
                       ("vader", "bare VADER `polarity_scores(s)`"),
                       ("textblob_fast", "the library's TextBlob scorer (bit-identical)"),
                       ("vader_fast", "the library's VADER scorer (bit-identical)")]:
        b = bare[key]
        lines.append(f"| {label}, the small run's sentences | | {n:,} | | 1 | {b['seconds']:.1f} | "
                     f"{n / b['seconds']:,.0f} | {b['cpu']:.1f} | {n / b['cpu']:,.0f} | | |")
    dask_start = runs["large_dask"]["startup"]
    lines += [
        "",
        "| goal | measured | |",
        "|---|---|---|",
        (f"| full default pipeline >= {GOALS['pipeline_vs_textblob']:.1f}x bare TextBlob's throughput, "
        f"one core | {vs_textblob:.2f}x wall, {vs_textblob_cpu:.2f}x CPU at {small:,} articles; "
        f"{vs_textblob_large:.2f}x CPU at {large:,} | "
        f"{ok(vs_textblob >= GOALS['pipeline_vs_textblob'])} wall, "
        f"{ok(vs_textblob_cpu >= GOALS['pipeline_vs_textblob'])} CPU |"),
        (f"| `--jobs 2` >= {GOALS['jobs2']}x one job at {large:,} articles | {jobs2_large:.2f}x "
        f"({runs['large_1']['seconds']:.1f} s vs {runs['large_2']['seconds']:.1f} s); at {small:,}: "
        f"{jobs2_small:.2f}x, best of {len(best[1])} each ({', '.join(f'{t:.1f}' for t in best[1])} s vs "
        f"{', '.join(f'{t:.1f}' for t in best[2])} s) | {ok(jobs2_large >= GOALS['jobs2'])} |"),
        (f"| Dask, two local workers >= {GOALS['dask2']}x one job at {large:,} articles | {dask_large:.2f}x "
        f"({runs['large_dask']['seconds']:.1f} s; the cluster's start, {dask_start:.1f} s, not counted); "
        f"at {small:,}: {dask_small:.2f}x | {ok(dask_large >= GOALS['dask2'])} |"),
        (f"| peak memory at {large:,} articles <= {GOALS['memory']}x at {small:,} | "
        f"{memory['1']:.2f}x one job, {memory['2']:.2f}x two jobs, {memory['dask']:.2f}x Dask | "
        f"{ok(memory['1'] <= GOALS['memory'])} |"),
        (f"| `oped-analysis --help` < {GOALS['help_s']} s | {start['help']:.2f} s (`import oped_analysis`: "
        f"{start['import']:.2f} s), best of 3 fresh processes | {ok(start['help'] < GOALS['help_s'])} |"),
        "",
        (f"Projection for 1,000,000 articles (linear in articles from the {large:,}-article runs; memory "
        "stays bounded as the corpus is streamed in chunks): "
        f"{per_article['1'] * 1e6 / 3600:.1f} h with one job, "
        f"{per_article['2'] * 1e6 / 3600:.1f} h with two, "
        f"{per_article['dask'] * 1e6 / 3600:.1f} h on two Dask workers; "
        f"{bytes_per_article * 1e6 / 2**30:.0f} GiB of tables (Parquet + CSV)."),
        "",
        (f"Where the one-job run on {small:,} articles spends its CPU time (cProfile, which slows "
        f"Python code down; own time of each function, of {profile['total']:.1f} s in all):"),
        "",
        "| function | calls | own s | with callees s |",
        "|---|---:|---:|---:|",
        *[f"| `{name}` | {calls:,} | {own:.2f} | {cum:.2f} |" for own, cum, calls, name in profile["top"]],
        "",
        ("Peak RSS sums the resident memory of the process and its workers (shared pages of forked "
        "workers count once per process), sampled every 20 ms."),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
