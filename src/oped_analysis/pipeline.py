"""Analyze a corpus of any size: stream articles in chunks, in parallel, into tidy files.

:func:`analyze` reads articles lazily (:func:`oped_analysis.load.iter_articles`), cuts the
stream into chunks of ``chunk_size`` articles, runs the chain
(:func:`oped_analysis.tables.analyze_many`) on the articles of a chunk, and appends each chunk's
rows to Parquet and CSV files as soon as it is done. Only a bounded number of chunks is in
flight at once, so memory does not grow with the corpus.

Chunks run in this process (``jobs=1``), in ``jobs`` worker processes, or on Dask
(``engine="dask"``: a local cluster, or a real one with ``scheduler="tcp://host:8786"``).
Results come back in input order, so the files are identical whatever the engine, the
number of workers or the chunk size. Workers start once with everything loaded: the main
process warms up (lexicon, every method's lexicons and models) and then forks the pool,
which gets the work (lexicon, methods, schemas) once, at its start; on Dask the work is
scattered to every worker once and warmed up there. Each chunk then carries only its
articles, read and checked but not cleaned (the workers cut the furniture, so the main
process only reads and writes), a window of ``2 x workers`` chunks (``3 x`` on Dask) keeps
the workers busy while the main process writes, and warnings a worker finds are shown by
the main process (one line each in the CLI). When the articles are files (a known number), the
last chunks of a parallel run shrink so the workers finish together. On Dask, results come
straight from workers on this machine, and a cluster on this machine runs with its dashboard
feeds slowed while the run borrows it (:data:`QUIET_FEEDS`). A chunk's tables are built as
columns and rendered to Arrow and CSV without pandas (:mod:`oped_analysis.columnar`).

Inputs that cannot be read, and articles whose analysis fails, are listed (source, row or
line, reason) in ``problems.csv`` and in the summary; the run goes on.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd

from .actors import Lexicon, as_lexicon
from .article import Article, RawArticle
from .checks import method_names
from .columnar import article_columns, columns_of, comparison_columns_of, csv_text
from .comparison import comparison_columns
from .errors import OpedAnalysisError
from .load import TABLE_SUFFIXES, Problem, expand_paths, iter_articles
from .outdir import MANIFEST, OutputError, OutputFolder, check_path, describe_os_error
from .scoring import DEFAULT_METHODS, get_method
from .tables import (
    MENTION_COLUMNS,
    SCORE_COLUMNS,
    SENTENCE_COLUMNS,
    ArticleTables,
    analyze_many,
    resolve_methods,
)
from .vocab import choose_actors, mean_column

TABLES = ("articles", "sentences", "mentions", "scores", "comparison")
ARTICLE_COLUMNS = ["article", "title", "author", "outlet", "published", "body_chars",
                   "removed_chars", "sentences", "mentions", "source"]
PROBLEM_COLUMNS = ["source", "message"]
ENGINES = ("local", "dask")
#: Articles per work unit: small enough that two or more workers stay evenly loaded.
DEFAULT_CHUNK_SIZE = 100
#: The smallest of the shrinking last chunks of a parallel run (:func:`_chunks`): about 50 ms
#: of work, several times what sending a chunk to a worker and back costs. Measured with
#: ``bench/dask_timeline.py`` (3,000 articles, Dask, six alternating pairs on a shared 2-core
#: machine): the first worker to finish waited 0.02-0.18 s (mean 0.07) for the last, against
#: 0.03-0.59 s (mean 0.24) with chunks of 100 to the end.
MIN_TAIL_CHUNK = 10
#: Rows buffered per Parquet row group: few row groups, yet bounded memory.
ROW_GROUP_ROWS = 20_000
#: Write failures reported as one line (full, read-only or forbidden disk), not a traceback.
WRITE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM}


@dataclass
class Summary:
    """What :func:`analyze` did: counts, problems, time, and where the tables are."""

    out_dir: Path
    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    scores: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    engine: str = "local"
    jobs: int = 1
    files: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds else float("nan")

    def __str__(self) -> str:
        lines = [f"articles:   {self.articles}",
                 f"sentences:  {self.sentences}",
                 f"mentions:   {self.mentions}",
                 f"scores:     {self.scores}",
                 f"problems:   {len(self.problems)}" + (f" (listed in {self.out_dir / 'problems.csv'})"
                                                        if self.problems else ""),
                 f"time:       {self.seconds:.1f} s ({self.sentences_per_second:,.0f} sentences/s, "
                 f"engine {self.engine}, {self.jobs} job{'s' if self.jobs != 1 else ''})",
                 f"tables in:  {self.out_dir}/ ({', '.join(TABLES)} as .parquet and .csv)"]
        for p in self.problems[:5]:
            lines.append(f"  problem: {p}")
        if len(self.problems) > 5:
            lines.append(f"  ... and {len(self.problems) - 5} more")
        return "\n".join(lines)


# -- the work on one chunk (runs in workers) ------------------------------------------------

def analyze_articles(articles: list[Article | RawArticle], lexicon: Lexicon, methods: list[str],
                     actors: list[str]) -> dict:
    """All tables for a list of articles, plus the problems of articles that failed.

    Returns ``{"articles": columns, "sentences": columns, ..., "problems": [Problem]}``,
    each table as ``{column: [values]}`` (:mod:`oped_analysis.columnar`); rows keep the
    order of ``articles``.
    """
    chosen = resolve_methods(methods)
    rows = {"sentences": [], "mentions": [], "scores": []}
    problems, done, counts = [], [], []
    cleaned = []  # each article cleaned, or the problem that stopped it
    for art in articles:
        try:
            cleaned.append(art.article() if isinstance(art, RawArticle) else art)  # the furniture is cut here
        except Exception as exc:  # one bad article must not stop a million-article run
            cleaned.append(_failure(art, exc))
    results = iter(analyze_many([a for a in cleaned if not isinstance(a, Problem)], lexicon, chosen))
    for art in cleaned:
        result = art if isinstance(art, Problem) else next(results)
        if not isinstance(result, ArticleTables):
            problems.append(result if isinstance(result, Problem) else _failure(art, result))
            continue
        done.append(art)
        # a cut the cleaner refused (it would have lost most of the prose) is listed for the user
        problems += [Problem(art.source or art.id, w) for w in art.extra.get("warnings", ())]
        rows["sentences"] += result.sentences
        rows["mentions"] += result.mentions
        rows["scores"] += result.scores
        counts.append((len(result.sentences), len(result.mentions)))
    ids = [a.id for a in done]
    return {"articles": article_columns(done, counts, ARTICLE_COLUMNS),
            "sentences": columns_of(rows["sentences"], SENTENCE_COLUMNS),
            "mentions": columns_of(rows["mentions"], MENTION_COLUMNS),
            "scores": columns_of(rows["scores"], score_columns(methods)),
            "comparison": comparison_columns_of(ids, rows["sentences"], rows["mentions"], rows["scores"],
                                                actors, comparison_columns(methods), mean_column),
            "problems": problems}


def _failure(art: Article | RawArticle, exc: Exception) -> Problem:
    """The problem listed for an article whose cleaning or analysis raised ``exc``."""
    return Problem(art.source or art.id,
                   f"article {art.id!r} could not be analyzed: {type(exc).__name__}: {exc}")


def score_columns(methods: list[str]) -> list[str]:
    """The scores table's columns: the fixed ones, then the ones the methods declare, in order."""
    extra = {k: None for m in methods for k in get_method(m).columns if k not in SCORE_COLUMNS}
    return SCORE_COLUMNS + list(extra)


# -- writing ------------------------------------------------------------------------------

def _schemas(methods: list[str]):
    import pyarrow as pa

    known = {"article": pa.string(), "sentence": pa.int64(), "start": pa.int64(), "end": pa.int64(),
             "text": pa.string(), "actor": pa.string(), "alias": pa.string(), "kind": pa.string(),
             "method": pa.string(), "scope": pa.string(), "polarity": pa.float64(),
             "subjectivity": pa.float64(), "title": pa.string(), "author": pa.string(),
             "outlet": pa.string(), "published": pa.date32(), "body_chars": pa.int64(),
             "removed_chars": pa.int64(), "sentences": pa.int64(), "mentions": pa.int64(),
             "source": pa.string(), "share": pa.float64()}
    arrow = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    declared = {k: arrow[v] for m in methods for k, v in get_method(m).columns.items()}

    def kind(col):
        return known.get(col) or declared.get(col) or pa.float64()  # else: a comparison mean

    columns = {"articles": ARTICLE_COLUMNS, "sentences": SENTENCE_COLUMNS, "mentions": MENTION_COLUMNS,
               "scores": score_columns(methods), "comparison": comparison_columns(methods)}
    return {name: pa.schema([(c, kind(c)) for c in cols]) for name, cols in columns.items()}


@dataclass(frozen=True)
class Rendered:
    """One chunk of one table, ready to append: an Arrow table and its CSV lines."""

    table: object
    csv: str
    rows: int


def render(tables: dict, schemas: dict) -> dict:
    """Turn a chunk's tables (columns of values) into :class:`Rendered` tables. Runs in the
    workers, so the process that writes the files only appends bytes (the writing stays serial)."""
    out = {"problems": tables["problems"]}
    for name, schema in schemas.items():
        out[name] = render_table(tables[name], schema)
    return out


def render_table(columns: dict[str, list], schema) -> Rendered:
    """One table's Arrow table and CSV lines: straight from the lists, or through pandas where
    a column's values are not of one plain type (:func:`~oped_analysis.columnar.csv_text`)."""
    import pyarrow as pa

    rows = len(next(iter(columns.values()), ()))
    text = csv_text(columns, [str(t) for t in schema.types])
    if text is not None:
        # NaN is a missing value, as pandas has it (checking strings for NaN is slow, and needless)
        arrays = [pa.array(columns[f.name], type=f.type, from_pandas=pa.types.is_floating(f.type))
                  for f in schema]
        return Rendered(pa.Table.from_arrays(arrays, schema=schema), text, rows)
    frame = pd.DataFrame(columns, columns=schema.names)
    return Rendered(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), csv_rows(frame), rows)


def csv_rows(frame: pd.DataFrame) -> str:
    """The CSV lines of ``frame`` (no header). Python's csv module quotes a field holding
    "\n" but not a bare "\r", which readers take as a line end (one article, three rows):
    rows with a "\r" in a text cell are written with every field quoted."""
    import csv

    text_cols = [c for c in frame.columns
                 if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not any(_holds_cr(frame[c].to_numpy()) for c in text_cols):
        return frame.to_csv(index=False, header=False, lineterminator="\n")  # the usual case, found fast
    has_cr = pd.Series(False, index=frame.index)
    for c in text_cols:
        has_cr |= frame[c].astype("string").str.contains("\r", regex=False).fillna(False).astype(bool)
    if not has_cr.any():
        return frame.to_csv(index=False, header=False, lineterminator="\n")
    runs = (has_cr != has_cr.shift()).cumsum()
    return "".join(part.to_csv(index=False, header=False, lineterminator="\n",
                               quoting=csv.QUOTE_ALL if flag.iloc[0] else csv.QUOTE_MINIMAL)
                   for (_, part), (_, flag) in zip(frame.groupby(runs.to_numpy(), sort=False),
                                                   has_cr.groupby(runs.to_numpy(), sort=False)))


def _holds_cr(values) -> bool:
    """Whether a text column's values hold a "\r" (one join of its strings, else one by one)."""
    try:
        return "\r" in "".join(values)
    except TypeError:  # missing values among the strings
        return any("\r" in v for v in values if isinstance(v, str))


class _TableWriter:
    """Appends chunks of one table to ``<name>.parquet`` (row groups of at least
    ``ROW_GROUP_ROWS`` rows) and ``<name>.csv``."""

    def __init__(self, out_dir: Path, name: str, schema):
        import pyarrow.parquet as pq

        self.schema = schema
        self.paths = [out_dir / f"{name}.parquet", out_dir / f"{name}.csv"]
        self.parquet = pq.ParquetWriter(self.paths[0], schema)
        self.csv = open(self.paths[1], "w", encoding="utf-8", newline="")
        pd.DataFrame(columns=schema.names).to_csv(self.csv, index=False, lineterminator="\n")
        self.rows = 0
        self.pending: list = []
        self.pending_rows = 0

    def write(self, chunk: Rendered) -> None:
        if not chunk.rows:
            return
        self.pending.append(chunk.table)
        self.pending_rows += chunk.rows
        if self.pending_rows >= ROW_GROUP_ROWS:
            self._flush()
        self.csv.write(chunk.csv)
        self.rows += chunk.rows

    def _flush(self) -> None:
        """Write the buffered chunks as one Parquet row group (small chunks, few row groups)."""
        import pyarrow as pa

        if self.pending:
            self.parquet.write_table(pa.concat_tables(self.pending))
        self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        self._flush()
        self.parquet.close()
        self.csv.close()


# -- engines ------------------------------------------------------------------------------

def _chunks(items: Iterable, size: int, total: int | None = None, workers: int = 1) -> Iterator[list]:
    """``items`` in chunks of ``size``. When ``total`` items are expected and ``workers`` work
    at once, the last chunks shrink (guided self-scheduling: a ``2 x workers``-th of what is
    left, down to :data:`MIN_TAIL_CHUNK`), so the workers finish nearly together instead of
    one idling while another does a whole last chunk."""
    it = iter(items)
    done = 0
    while True:
        n = size
        if total is not None and workers > 1:
            n = min(size, max(MIN_TAIL_CHUNK, -(-(total - done) // (2 * workers))))
        chunk = list(islice(it, n))
        if not chunk:
            return
        done += len(chunk)
        yield chunk


def _ordered(submit: Callable, chunks: Iterator[list], window: int,
             result: Callable = lambda future: future.result()) -> Iterator:
    """Run ``submit(chunk) -> future`` with at most ``window`` in flight; results in order
    (``result(future)`` waits for one)."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _run_local(chunks_for, work, jobs):
    chunks = chunks_for(jobs)
    if jobs == 1:
        yield from map(work, chunks)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    fork = sys.platform.startswith("linux")
    if fork:
        work.warm()  # forked workers inherit the loaded lexicon, models and word lists
    ctx = mp.get_context("fork" if fork else "spawn")
    # the work (lexicon, methods, schemas) goes to each worker once, at its start, not with every chunk
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_start_worker,
                               initargs=(os.getpid(), work))
    try:
        yield from _ordered(lambda chunk: pool.submit(_worker_chunk, chunk), chunks, 2 * jobs)
    except BaseException:
        # interrupted or failed: stop the workers now rather than finish their chunks
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        for proc in workers:
            proc.join(timeout=5)
        raise
    pool.shutdown()


#: The work of this worker process, set once by :func:`_start_worker`.
_WORKER_WORK = None


def _start_worker(parent: int, work) -> None:
    global _WORKER_WORK
    _quiet_worker(parent)
    work.warm()  # a no-op after fork (the parent warmed up); loads everything once under spawn
    _WORKER_WORK = work


def _worker_chunk(chunk):
    return _WORKER_WORK(chunk)


def _quiet_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the main process (one message, not one traceback per worker),
    and end with it: on Linux they get SIGTERM when it dies (even by SIGKILL), instead of
    waiting forever on a queue that no one feeds."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the main process died before the line above
        os._exit(1)


#: Dask settings of the LocalCluster that ``analyze`` starts itself (a user's own cluster,
#: client or configuration is left as it is). It runs without a dashboard, so what feeds one
#: only costs CPU: the workers' statistical profiler (a stack sample every 10 ms), the system
#: monitor (every 500 ms) and the event-loop tick (every 20 ms); the scheduler's work
#: stealing has little to move in a window of 3 chunks per worker, and memory over the
#: workers' limits is still caught within a second. Measured on 2 cores (2026-12-03): idle,
#: the client process (scheduler, nannies) took 31 ms of CPU a second and each worker 20-30 ms
#: with Dask's defaults, and 8 and 3-4 ms with these; at 10,000 articles (alternating runs on
#: a quiet machine) 31.1 and 31.6 s, 57.5 and 58.3 CPU s, against 32.1 and 33.1 s, 59.3 and
#: 60.8 CPU s with the defaults (``bench/RESULTS.md``, notes of 18:56 UTC).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


def _run_dask(chunks_for, work, jobs, scheduler):
    """Chunks on a Client, a named scheduler or a LocalCluster (a dask.bag a window at a time
    for the named schedulers); ``chunks_for(workers)`` cuts the articles."""
    try:
        import dask.bag as db
    except ImportError:
        raise OpedAnalysisError("engine='dask' needs Dask: pip install 'oped-analysis[dask]'") from None
    if scheduler in ("threads", "synchronous", "sync", "processes", "single-threaded"):
        yield from _run_bags(db, chunks_for(jobs), work, scheduler, jobs)
        return
    from distributed import Client, LocalCluster

    client = cluster = None  # set only when this function creates them (and must close them)
    if scheduler is None:
        try:
            from distributed import default_client
            get = default_client()
        except ValueError:
            import dask

            with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read by the scheduler and nannies at start
                cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                get = client = Client(cluster)
    elif isinstance(scheduler, str):
        try:
            get = client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise OpedAnalysisError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); "
                                    "check the address (tcp://host:8786) and that it runs") from None
    else:
        get = scheduler  # a distributed.Client
    try:
        yield from _run_client(get, chunks_for, work)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _run_client(client, chunks_for, work):
    """Chunks as futures on a distributed ``client``: the work is sent to every worker once
    (``scatter``, broadcast) and warmed up there, then each task carries only its chunk; a
    sliding window of ``3 x workers`` chunks keeps every worker busy while results are
    written, in order (the scheduler queues the third per worker: slack for uneven chunks).

    Results come straight from workers on this machine: a hop less than through the
    scheduler, which with a LocalCluster shares this process's CPU with the writing; from
    other machines they come through the scheduler, which every client can reach. Measured
    at 10,000 articles on 2 cores (``bench/run.py --runs large_1,large_dask``, alternating
    with the previous code): 32.2, 33.3 s against 33.1, 32.5 s, within the noise; one job 54.1 s."""
    nthreads = client.nthreads()
    workers = max(1, sum(nthreads.values()))
    local = all(map(_on_this_machine, nthreads))
    direct = local if client.direct_to_workers is None else client.direct_to_workers
    shared = client.scatter(work, broadcast=True, hash=False)
    client.run(_warm_dask_worker, work)  # load lexicon and models on every worker at once
    with _quiet_feeds(client) if local else nullcontext():
        yield from _ordered(lambda chunk: client.submit(_call_work, shared, chunk, pure=False),
                            chunks_for(workers), 3 * workers,
                            lambda future: client.gather(future, direct=direct))


#: The periodic callbacks of a Dask server that feed only a dashboard or a health log, and
#: how often they run while ``analyze`` borrows a cluster on this machine (milliseconds; None:
#: paused): the worker's statistical profiler (a stack sample every 10 ms), the event-loop
#: tick (20 ms), the system monitor (500 ms) and the memory monitor (100 ms; memory over a
#: worker's limits is still caught within a second). On a machine whose cores the workers
#: share with this process, each wake-up takes the worker's GIL from the chunk it computes.
#: Measured with ``bench/dask_timeline.py`` (3,000 articles on a LocalCluster of two workers made
#: first, as ``bench/run.py`` does; three alternating pairs against the previous code, on a
#: 2-core machine other work kept at load 2-4): the workers' event loops took 0.47-0.50 CPU s
#: instead of 0.86-1.03, this process 1.14-1.32 instead of 1.46-1.53; in all, with the chunks,
#: 14.9-15.1 CPU s instead of 15.2-16.3. (Wall-clock time under that load was not shorter.)
QUIET_FEEDS = {"profile": None, "profile-cycle": None, "tick": 1000, "monitor": 5000, "memory_monitor": 1000}


@contextmanager
def _quiet_feeds(client):
    """Slow down the dashboard feeds (:data:`QUIET_FEEDS`) of the cluster's workers, scheduler
    and (when they live in this process) nannies while the block runs, then put them back as
    they were. Nested or concurrent runs on one cluster share it: the last to leave restores
    it. A server that cannot be reached (a scheduler without this library, say) keeps its
    feeds: the run goes on."""
    nannies = list(getattr(getattr(client, "cluster", None), "workers", {}).values())

    def on_every_server(quiet: bool) -> None:
        calls = [lambda: client.run(_quiet_server, quiet),
                 lambda: client.run_on_scheduler(_quiet_server, quiet)]
        calls += [lambda nanny=nanny: _quiet_server(quiet, nanny=nanny) for nanny in nannies]
        for call in calls:
            try:
                call()
            except Exception:  # unreachable, closing, or an older Dask
                pass

    on_every_server(True)
    try:
        yield
    finally:
        on_every_server(False)


def _quiet_server(quiet: bool, dask_worker=None, dask_scheduler=None, nanny=None) -> None:
    """Apply (``quiet``) or undo :data:`QUIET_FEEDS` on one Dask server: run on a worker or the
    scheduler by ``client.run``, in its event loop, or on a ``nanny`` of this process (whose
    feeds are only slowed, as stopping one belongs to its event loop's thread)."""
    server = dask_worker or dask_scheduler or nanny
    users, saved = getattr(server, "_oped_quiet", (0, {}))
    if quiet and not users:
        for name, ms in QUIET_FEEDS.items():
            callback = server.periodic_callbacks.get(name)
            if callback is None or (ms is None and nanny is not None):
                continue
            saved[name] = (callback.callback_time, callback.is_running())
            if ms is None:
                callback.stop()
            else:
                callback.callback_time = ms
    elif not quiet and users == 1:
        for name, (ms, running) in saved.items():
            callback = server.periodic_callbacks.get(name)
            if callback is not None:
                callback.callback_time = ms
                if running and not callback.is_running():
                    callback.start()
        saved = {}
    server._oped_quiet = (max(0, users + (1 if quiet else -1)), saved)


def _on_this_machine(address: str) -> bool:
    """Whether a Dask worker's address is on this machine: in this process, on loopback, or
    on one of this machine's network interfaces."""
    import psutil
    from distributed.comm import get_address_host, parse_address

    if parse_address(address)[0] == "inproc":
        return True
    host = get_address_host(address)
    if host in ("localhost", "::1") or host.startswith("127."):
        return True
    return any(a.address == host for nic in psutil.net_if_addrs().values() for a in nic)


def _warm_dask_worker(work) -> None:
    work.warm()


def _call_work(work, chunk):
    return work(chunk)


def _run_bags(db, chunks, work, scheduler, workers):
    window: list = []
    for chunk in chunks:
        window.append(chunk)
        if len(window) >= 2 * workers:
            yield from _compute_bag(db, window, work, scheduler)
            window = []
    if window:
        yield from _compute_bag(db, window, work, scheduler)


def _compute_bag(db, chunks, work, scheduler):
    return db.from_sequence(chunks, npartitions=len(chunks)).map(work).compute(scheduler=scheduler)


class _Work:
    """The picklable function workers run on each chunk.

    In another process than the one that made it (a pool or Dask worker), the warnings of
    a chunk are caught and returned with its tables, and the main process shows them as
    its own (one line each in the CLI), whichever process found them.
    """

    def __init__(self, lexicon, methods, actors, schemas):
        self.lexicon, self.methods, self.actors, self.schemas = lexicon, methods, actors, schemas
        self.home = os.getpid()

    def warm(self) -> None:
        """Load everything the chunks need (lexicon matcher, every method's lexicons and
        models, word lists) by analysing one short article; idempotent."""
        if getattr(self, "_warm_in", None) == os.getpid():
            return
        power = self.lexicon.actors[(self.lexicon.powers or list(self.lexicon.actors))[0]]
        name = next(iter(power.aliases.values()))[0]
        text = f"{name} signed a new trade deal, but critics warned that {name} may not keep it."
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            analyze_articles([Article.from_text(text, "warm-up")], self.lexicon, self.methods, self.actors)
        self._warm_in = os.getpid()  # a process it is pickled or forked to warms up again

    def __call__(self, chunk):
        if os.getpid() == self.home:
            with fewer_gc_passes():
                return render(analyze_articles(chunk, self.lexicon, self.methods, self.actors), self.schemas)
        with warnings.catch_warnings(record=True) as caught, fewer_gc_passes():
            warnings.simplefilter("always")
            out = render(analyze_articles(chunk, self.lexicon, self.methods, self.actors), self.schemas)
        out["warnings"] = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
        return out


#: Allocations between the garbage collector's young-generation passes while a run reads,
#: analyses and writes, and while a worker does a chunk (Python's default: 700). A chunk makes
#: hundreds of thousands of small dicts and lists that live until it is rendered, and each pass
#: walks those still alive: with the default the collector took 0.25 CPU s per 1,000 articles
#: of ``bench/stages.py``, with this 0.07. What a chunk drops is still freed at once
#: (reference counting); only reference cycles wait for the next pass.
GC_YOUNG_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_gc_passes():
    """Raise the young-generation threshold of the garbage collector to ``GC_YOUNG_THRESHOLD``
    for the duration (never lower it); the first of several threads to enter sets it, the
    last to leave puts back what it was."""
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            if _gc_saved[0]:  # 0: the user turned collection off, and it stays off
                gc.set_threshold(max(GC_YOUNG_THRESHOLD, _gc_saved[0]), *_gc_saved[1:])
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)


def _show_worker_warnings(found, registry: dict) -> None:
    """Warnings a worker caught, shown in this process (once per place, as Python does)."""
    for message, category, filename, lineno in found:
        warnings.warn_explicit(message, category, filename, lineno, registry=registry)


# -- the entry point ----------------------------------------------------------------------

def analyze(inputs, out_dir, *, jobs: int = 1, engine: str = "local", scheduler=None,
            chunk_size: int = DEFAULT_CHUNK_SIZE, columns: dict | None = None,
            methods: Iterable[str] | None = None, lexicon=None, actors=None,
            encoding: str | None = None, progress: bool | None = None,
            overwrite: bool = False) -> Summary:
    """Analyze every article of ``inputs`` and write tidy tables to ``out_dir``.

    ``inputs``: files, folders, globs (``.txt``, ``.html``, ``.md``, CSV/TSV/JSONL/Parquet with
    ``columns={"text": ..., "id": ..., "title": ...}``). Writes ``articles``,
    ``sentences``, ``mentions``, ``scores`` and ``comparison`` as ``.parquet`` and
    ``.csv``, plus ``problems.csv``. ``jobs``: worker processes (or Dask workers of a
    local cluster); ``engine="dask"`` with ``scheduler`` a Client, an address
    (``"tcp://host:8786"``) or a Dask scheduler name (``"threads"``, ``"synchronous"``).
    ``progress``: a progress bar on stderr (default: only on a terminal, never in CI).
    Returns a :class:`Summary`.

    The tables are written to a temporary folder beside ``out_dir`` and replace it only
    when the run completes, with ``run.json`` describing the run (see
    :mod:`oped_analysis.outdir`): an interrupted run never leaves tables that look complete.
    ``out_dir`` must not overlap an input; an existing folder that is not an earlier output
    is refused unless ``overwrite=True``.
    """
    start = time.perf_counter()
    if engine not in ENGINES:
        raise OpedAnalysisError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if not isinstance(jobs, int) or jobs < 1:
        raise OpedAnalysisError(f"jobs must be a whole number >= 1, not {jobs!r}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise OpedAnalysisError(f"chunk_size must be a whole number >= 1, not {chunk_size!r}")
    methods = method_names(methods, DEFAULT_METHODS)
    for m in methods:
        get_method(m)
    lex = as_lexicon(lexicon)
    actors = choose_actors(lex, actors)
    summary = Summary(out_dir=Path(out_dir) if isinstance(out_dir, (str, os.PathLike)) else Path("."),
                      engine=engine, jobs=jobs)
    problems = summary.problems
    sources = _sources(inputs)
    paths = expand_paths(sources, on_skip=problems.append)  # a missing input is an error before writing
    options = {"inputs": [os.fspath(s) for s in sources], "options": {
        "jobs": jobs, "engine": engine, "chunk_size": chunk_size, "columns": columns, "methods": methods,
        "actors": actors, "lexicon": lex.source, "encoding": encoding}}
    folder = OutputFolder(out_dir, sources=sources, files=paths, overwrite=overwrite, info=options)
    summary.out_dir = folder.out
    try:
        with folder, fewer_gc_passes():
            _write_tables(folder, paths, summary, lex, methods, actors, columns, encoding, jobs, engine,
                          scheduler, chunk_size, progress)
    except OSError as exc:
        if exc.errno in WRITE_ERRNOS or any(w in str(exc) for w in ("No space left", "Read-only")):
            raise OutputError(describe_os_error(exc, folder.out) + "; the previous output is untouched") \
                from None
        raise
    summary.files = {name: [folder.out / f"{name}.parquet", folder.out / f"{name}.csv"] for name in TABLES}
    summary.files["problems"] = [folder.out / "problems.csv"]
    summary.files["manifest"] = [folder.out / MANIFEST]
    summary.seconds = time.perf_counter() - start
    return summary


def _sources(inputs) -> list:
    """``inputs`` as a list of paths, refusing empty ones (an unset shell variable)."""
    sources = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    if not sources:
        raise OpedAnalysisError("no inputs given; name files, folders or globs of articles")
    return [check_path(s, "an input") for s in sources]


def _write_tables(folder, paths, summary, lex, methods, actors, columns, encoding, jobs, engine,
                  scheduler, chunk_size, progress) -> None:
    """Stream the articles of ``paths`` through the chunk work into the tables of ``folder.tmp``."""
    problems = summary.problems
    seen: set[str] = set()

    def unique(articles: Iterator[RawArticle]) -> Iterator[RawArticle]:
        for art in articles:
            if art.id in seen:
                problems.append(Problem(art.source or art.id, f"the id {art.id!r} was already used by "
                                        "an earlier article; skipped (give an id column or distinct names)"))
                continue
            seen.add(art.id)
            yield art

    stream = unique(iter_articles(paths, columns=columns, encoding=encoding, on_error=problems.append,
                                  prepared=True))
    schemas = _schemas(methods)
    work = _Work(lex, methods, actors, schemas)
    # files of one article each: how many articles to expect, so the last chunks can shrink
    total = None if any(p.suffix.lower() in TABLE_SUFFIXES for p in paths) else len(paths)

    def chunks_for(workers: int) -> Iterator[list]:
        return _chunks(stream, chunk_size, total, workers)

    results = (_run_dask(chunks_for, work, jobs, scheduler) if engine == "dask"
               else _run_local(chunks_for, work, jobs))

    writers = {name: _TableWriter(folder.tmp, name, schema) for name, schema in schemas.items()}
    bar = _progress_bar(progress)
    shown: dict = {}  # warnings of worker processes already shown
    try:
        for frames in results:
            for name, writer in writers.items():
                writer.write(frames[name])
            problems.extend(frames["problems"])
            _show_worker_warnings(frames.get("warnings", ()), shown)
            bar.update(frames["articles"].rows)
            folder.counts = _counts(writers, problems)
    finally:
        bar.close()
        results.close()
        for writer in writers.values():
            writer.close()
    listed = pd.DataFrame([{"source": p.source, "message": p.message} for p in problems],
                          columns=PROBLEM_COLUMNS)
    listed.to_csv(folder.tmp / "problems.csv", index=False, lineterminator="\n")
    counts = _counts(writers, problems)
    summary.articles, summary.sentences = counts["articles"], counts["sentences"]
    summary.mentions, summary.scores = counts["mentions"], counts["scores"]
    folder.commit(counts)


def _counts(writers: dict, problems: list) -> dict:
    return {**{name: w.rows for name, w in writers.items()}, "problems": len(problems)}


def _progress_bar(progress: bool | None):
    from tqdm.auto import tqdm

    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(disable=not progress, unit=" articles", desc="analyzing", file=sys.stderr,
                dynamic_ncols=True)
