"""Where the wall-clock seconds of a parallel ``analyze`` go: a timeline of one run.

    python bench/dask_timeline.py --articles 3000                # Dask, two local workers
    python bench/dask_timeline.py --articles 3000 --engine pool  # the same with --jobs 2
    python bench/dask_timeline.py --articles 3000 --engine own   # analyze starts its own cluster
    python bench/dask_timeline.py --articles 3000 --sample --json t.json  # + stack samples, intervals

Runs as ``bench/run.py`` does (``dask``: a LocalCluster of two single-threaded worker
processes made before the clock starts, and a warm-up run on the seeds; ``pool``: the
warm-up run; ``own``: nothing off the clock) and prints:

* the cluster's start, until its workers are ready;
* every chunk on every worker (timestamps taken in ``_Work.__call__`` on the worker): its
  thread's CPU seconds, the part in the garbage collector, the time it waited, runnable, for
  a CPU held by another thread or process (Linux schedstat) and other waits (the GIL,
  disk); each worker's idle time before its first chunk, between chunks and after its
  last (the tail);
* what the main thread did: reading the next chunk, submitting it, waiting for a result
  (``Client.gather``), writing it; how many workers computed while it wrote;
* CPU seconds and waits for a CPU of every thread of this process (main thread, the event
  loop of the client, scheduler and nannies) and of every Dask worker, by thread.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "src"), str(HERE)]


class Recorder:
    """Intervals ``(start, end)`` of the main thread's activities, by name (``time.time``,
    comparable across the processes of this machine)."""

    def __init__(self):
        self.spans: dict[str, list[tuple[float, float]]] = defaultdict(list)

    def wrap(self, name: str, fn):
        spans = self.spans[name]

        def timed(*args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                return fn(*args, **kwargs)
            t = time.time()
            try:
                return fn(*args, **kwargs)
            finally:
                spans.append((t, time.time()))
        return timed

    def wrap_iterator(self, name: str, make):
        """``make(...)`` returns an iterator: time each ``next`` (what producing an item costs)."""
        spans = self.spans[name]

        def timed(*args, **kwargs):
            it = iter(make(*args, **kwargs))
            while True:
                t = time.time()
                try:
                    item = next(it)
                except StopIteration:
                    spans.append((t, time.time()))
                    return
                spans.append((t, time.time()))
                yield item
        return timed


TASK_LOG = Path(tempfile.gettempdir()) / "dask_timeline_tasks"


def log_tasks(dask_worker=None) -> None:
    """Make this process's chunk work append ``pid start end thread-CPU`` per chunk to a file
    of :data:`TASK_LOG` (run on Dask workers by ``client.run``; before the fork for a pool)."""
    import gc

    from oped_analysis import pipeline

    call = pipeline._Work.__call__
    if getattr(call, "logged", False):
        return
    in_gc = [0.0, 0.0]  # thread CPU seconds in the garbage collector; when the pass started

    def gc_clock(phase, info):
        if phase == "start":
            in_gc[1] = time.thread_time()
        else:
            in_gc[0] += time.thread_time() - in_gc[1]
    gc.callbacks.append(gc_clock)

    def logged(self, chunk):
        t, c, g, w = time.time(), time.thread_time(), in_gc[0], runqueue_wait()
        try:
            return call(self, chunk)
        finally:
            with open(TASK_LOG / str(os.getpid()), "a") as f:
                f.write(f"{os.getpid()} {t} {time.time()} {time.thread_time() - c} {in_gc[0] - g} "
                        f"{runqueue_wait() - w}\n")
    logged.logged = True
    pipeline._Work.__call__ = logged


def runqueue_wait() -> float:
    """Seconds this thread has waited, runnable, for a CPU (Linux schedstat)."""
    return int(Path("/proc/thread-self/schedstat").read_text().split()[1]) / 1e9


def read_task_log() -> dict[str, list[tuple[float, float, float]]]:
    out: dict[str, list] = defaultdict(list)
    for path in TASK_LOG.iterdir():
        for line in path.read_text().splitlines():
            pid, *values = line.split()
            out[pid].append(tuple(map(float, values)))
    return out


class Sampler(threading.Thread):
    """Samples the stack of every other thread of this process every ``interval`` seconds
    and counts, per thread name, the innermost frame of this project or a package (statistical
    attribution of a thread's time, busy or waiting)."""

    def __init__(self, interval=0.005):
        super().__init__(daemon=True, name="sampler")
        self.interval, self.counts, self.stop = interval, defaultdict(lambda: defaultdict(int)), False

    def run(self):
        while not self.stop:
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                name = names.get(ident, "?")
                if name == self.name:
                    continue
                where = []
                while frame is not None and len(where) < 3:
                    code = frame.f_code
                    path = code.co_filename.split("site-packages/")[-1].split("/src/")[-1]
                    where.append(f"{path}:{code.co_name}")
                    frame = frame.f_back
                self.counts[name][" < ".join(where)] += 1
            time.sleep(self.interval)

    def report(self, top=12, who="this process"):
        for name, counts in self.counts.items():
            n = sum(counts.values())
            print(f"samples of thread {name} of {who} ({n}):")
            for where, k in sorted(counts.items(), key=lambda kv: -kv[1])[:top]:
                print(f"  {k / n:6.1%}  {where}")


def start_worker_sampler(dask_worker=None) -> None:
    """Run on a Dask worker: sample its threads' stacks until :func:`stop_worker_sampler`."""
    dask_worker.timeline_sampler = Sampler(interval=0.002)
    dask_worker.timeline_sampler.start()


def stop_worker_sampler(dask_worker=None) -> dict:
    dask_worker.timeline_sampler.stop = True
    return {name: dict(counts) for name, counts in dask_worker.timeline_sampler.counts.items()}


def thread_times(dask_worker=None) -> dict[str, float]:
    """Seconds each thread of this process ran (``name``) and waited, runnable, for a CPU
    (``name wait``: the CPU was busy with other threads or processes), by thread name, from
    ``/proc/self/task/*/schedstat``; runs in this process or on a Dask worker (``client.run``)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    out: dict[str, float] = defaultdict(float)
    for task in Path("/proc/self/task").iterdir():
        try:
            ran, waited, _ = map(int, (task / "schedstat").read_text().split())
        except (OSError, ValueError):
            continue
        name = names.get(int(task.name), "other (C or ended)")
        if name.startswith("Dask-Default-Threads"):
            name = "task thread"
        out[name] += ran / 1e9
        out[f"{name} wait"] += waited / 1e9
    return dict(out)


def minus(after: dict, before: dict) -> dict:
    return {k: v - before.get(k, 0.0) for k, v in after.items()}


def covered(span: tuple[float, float], intervals: list[tuple[float, float]]) -> float:
    """Seconds of ``span`` covered by (non-overlapping) ``intervals``."""
    a, b = span
    return sum(max(0.0, min(b, e) - max(a, s)) for s, e in intervals)


def total(intervals) -> float:
    return sum(e - s for s, e in intervals)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="corpus size (made if missing)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, help="articles per chunk (default: analyze's)")
    parser.add_argument("--engine", choices=["dask", "own", "pool"], default="dask",
                        help="dask: a LocalCluster made first, as bench/run.py does (default); own: the "
                        "LocalCluster analyze starts, on the clock; pool: --jobs with the process pool")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--sample", action="store_true", help="sample this process's threads' stacks")
    parser.add_argument("--json", type=Path, help="write the intervals here")
    args = parser.parse_args(argv)

    import shutil

    import distributed
    from corpus import make_corpus

    import oped_analysis as oa
    from oped_analysis import pipeline

    corpus = args.work / f"corpus-fresh-{args.articles}"
    if not (corpus / ".complete").exists():
        make_corpus(corpus, args.articles, seed=0, fresh=True)
        (corpus / ".complete").write_text("ok")

    rec = Recorder()
    pipeline._chunks = rec.wrap_iterator("read", pipeline._chunks)
    pipeline._TableWriter.write = rec.wrap("write", pipeline._TableWriter.write)
    distributed.Client.submit = rec.wrap("submit", distributed.Client.submit)
    distributed.Client.gather = rec.wrap("gather", distributed.Client.gather)
    distributed.Client.scatter = rec.wrap("scatter", distributed.Client.scatter)
    distributed.Client.run = rec.wrap("run", distributed.Client.run)
    kwargs = dict(jobs=args.workers, engine="local" if args.engine == "pool" else "dask", progress=False)
    if args.chunk_size:
        kwargs["chunk_size"] = args.chunk_size

    cluster_start, client, wcpu0, wcpu1 = None, None, {}, {}
    if args.engine == "dask":
        t = time.perf_counter()
        client = distributed.Client(distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                                             processes=True, dashboard_address=None))
        client.wait_for_workers(args.workers)
        cluster_start = time.perf_counter() - t
    if args.engine != "own":
        with tempfile.TemporaryDirectory() as warm:
            oa.analyze(ROOT / "seeds", warm, **kwargs)
    shutil.rmtree(TASK_LOG, ignore_errors=True)
    TASK_LOG.mkdir()
    if client is not None:
        client.run(log_tasks)
        wcpu0 = client.run(thread_times)
    elif args.engine == "pool":
        log_tasks()  # the pool's workers are forked after this
    for spans in rec.spans.values():
        spans.clear()
    sampler = Sampler() if args.sample else None
    if sampler:
        sampler.start()
        if client is not None:
            client.run(start_worker_sampler)
    cpu0, children0 = thread_times(), os.times()
    with tempfile.TemporaryDirectory() as out:
        t0 = time.time()
        summary = oa.analyze(corpus, Path(out) / "o", **kwargs)
        t1 = time.time()
    cpu1, children1 = thread_times(), os.times()
    main_spans = {name: [s for s in v if s[0] < t1] for name, v in rec.spans.items()}
    if sampler:
        sampler.stop = True
        worker_samples = client.run(stop_worker_sampler) if client is not None else {}
    if client is not None:
        wcpu1 = client.run(thread_times)
    tasks = read_task_log()

    wall = t1 - t0
    print(f"{args.engine}: {summary.articles:,} articles, {summary.sentences:,} sentences; analyze: "
          f"{summary.seconds:.2f} s wall; load average {os.getloadavg()[0]:.2f}")
    if cluster_start is not None:
        print(f"cluster start until {args.workers} workers ready: {cluster_start:.2f} s (off the clock)")

    # -- workers: tasks, idle gaps, tail ----------------------------------------------------
    ends, task_cpu = [], 0.0
    for i, (pid, spans) in enumerate(sorted(tasks.items())):
        spans.sort()
        gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:])]
        head, tail = spans[0][0] - t0, t1 - spans[-1][1]
        ends.append(spans[-1][1])
        busy, cpu = sum(e - s for s, e, *_ in spans), sum(c for _, _, c, *_ in spans)
        wait = sum(x[4] for x in spans)
        task_cpu += cpu
        big = sorted(gaps, reverse=True)[:3]
        print(f"worker {i} (pid {pid}): {len(spans)} tasks, in tasks {busy:.2f} s, "
              f"thread CPU {cpu:.2f} s "
              f"(mean {cpu / len(spans):.3f} s, in the garbage collector {sum(x[3] for x in spans):.2f} s), "
              f"waiting for a CPU {wait:.2f} s, other waits (GIL, disk) {busy - cpu - wait:.2f} s; "
              f"idle {head:.2f} s before the first, "
              f"{sum(gaps):.2f} s between tasks (mean gap {sum(gaps) / max(1, len(gaps)) * 1e3:.0f} ms, "
              f"largest {', '.join(f'{g * 1e3:.0f}' for g in big)} ms), {tail:.2f} s after the last")
    if ends:
        print(f"tail: the first worker to finish waits {max(ends) - min(ends):.2f} s for the last; "
              f"after the last task the main process takes {t1 - max(ends):.2f} s to finish")

    # -- the main thread --------------------------------------------------------------------
    spans = main_spans
    first = {name: (s[0][0] - t0, s[0][1] - t0) for name, s in spans.items() if s}
    print("main thread, first of each (from the start): " + ", ".join(
        f"{name} {a:.3f}-{b:.3f} s" for name, (a, b) in sorted(first.items(), key=lambda kv: kv[1])))
    busy = {name: total(s) for name, s in spans.items() if s}
    rest = wall - sum(busy.values())
    print("main thread: " + ", ".join(f"{name} {busy[name]:.2f} s ({len(spans[name])}x)" for name in busy)
          + f", other (waiting for a pool result, opening, closing) {rest:.2f} s")
    all_compute = sorted((s, e) for v in tasks.values() for s, e, *_ in v)
    if all_compute and spans["write"]:
        during = sum(covered(s, all_compute) for s in spans["write"]) / busy["write"]
        print(f"while the main thread wrote, {during:.2f} of {len(tasks)} workers were in a task on average")

    # -- CPU by thread ----------------------------------------------------------------------
    main_cpu = minus(cpu1, cpu0)
    print(f"CPU s: tasks {task_cpu:.2f}; this process " + ", ".join(
        f"{k} {v:.2f}" for k, v in sorted(main_cpu.items(), key=lambda kv: -kv[1]) if v >= 0.01))
    if args.engine == "pool":
        print(f"CPU s of the pool's processes: {sum(children1[2:4]) - sum(children0[2:4]):.2f} "
              f"(tasks {task_cpu:.2f})")
    for addr in sorted(wcpu1):
        d = minus(wcpu1[addr], wcpu0.get(addr, {}))
        print(f"CPU s of worker {addr} by thread: " + ", ".join(
            f"{k} {v:.2f}" for k, v in sorted(d.items(), key=lambda kv: -kv[1]) if v >= 0.01))
    if sampler:
        sampler.report()
        for addr, counts in worker_samples.items():
            remote = Sampler()
            remote.counts = {name: c for name, c in counts.items() if "Dask-Default-Threads" not in name}
            remote.report(who=f"worker {addr}")
    if args.json:
        args.json.write_text(json.dumps({"t0": t0, "t1": t1, "main": spans, "tasks": tasks,
                                         "cpu_main": main_cpu}, default=list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
