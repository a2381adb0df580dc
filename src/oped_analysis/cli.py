"""The command line: ``oped-analysis compare PATH...`` and ``oped-analysis analyze INPUT... --out DIR``
(also ``python -m oped_analysis``).

User mistakes (a missing file, a bad option) print one line on stderr and exit with
status 2; no traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import warnings

from . import __version__
from .errors import OpedAnalysisError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oped-analysis",
        description="Measure how opinion articles frame the US, China and Russia.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    cmp = sub.add_parser("compare", help="one row per article x actor: mentions, share, mean polarity",
                         description="Compare how each article treats each actor.")
    cmp.add_argument("paths", nargs="+", metavar="PATH",
                     help="article files (.txt, .html), folders, globs, or CSV/JSONL/Parquet corpora")
    cmp.add_argument("--format", choices=["table", "csv", "json"], default="table",
                     help="output format (default: table)")
    _add_scoring_options(cmp)
    cmp.set_defaults(run=run_compare)

    ana = sub.add_parser(
        "analyze", help="analyze a corpus of any size into tidy Parquet + CSV tables",
        description="Stream every article of INPUT through sentences, mentions and scores, "
                    "writing articles, sentences, mentions, scores and comparison tables "
                    "(Parquet and CSV) and problems.csv to DIR.")
    ana.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="folders, globs, .txt/.html files, or CSV/TSV/JSONL/Parquet corpora")
    ana.add_argument("--out", required=True, metavar="DIR",
                     help="folder for the output tables (written beside it, moved in place when complete)")
    ana.add_argument("--overwrite", action="store_true",
                     help="replace --out even if it holds files that are not an earlier oped-analysis output")
    ana.add_argument("--jobs", type=_positive, default=1, metavar="N",
                     help="worker processes (Dask: workers of the local cluster); default 1")
    ana.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="local processes (default) or Dask")
    ana.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="with --engine dask: a running Dask scheduler (tcp://host:8786); "
                          "default: start a local cluster of --jobs workers")
    ana.add_argument("--chunk-size", type=_positive, default=None, metavar="N",
                     help="articles per chunk (default 100); memory grows with it, not with the corpus")
    for key in ("text", "id", "title", "author", "outlet", "published"):
        ana.add_argument(f"--{key}-column", default=None, metavar="NAME",
                         help=f"column holding the article {key} in CSV/JSONL/Parquet inputs "
                              f"(default: {key})")
    ana.add_argument("--encoding", default=None, help="text encoding of the inputs (default: detect)")
    _add_scoring_options(ana)
    bar = ana.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="always show the progress bar (default: only on a terminal, not in CI)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    ana.set_defaults(run=run_analyze)
    return parser


def _add_scoring_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--methods", default=None,
                        help="comma-separated scoring methods (default: textblob,vader)")
    parser.add_argument("--lexicon", default=None, metavar="TOML",
                        help="an actor lexicon file extending the default one")
    parser.add_argument("--all-actors", action="store_true",
                        help="include context actors (Pakistan, India, ...), not only the powers")


def _methods(args: argparse.Namespace) -> list[str] | None:
    if args.methods is None:
        return None
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    if not methods:
        raise OpedAnalysisError(f"--methods {args.methods!r} names no method; "
                                "give a comma-separated list such as textblob,vader,rules,model")
    return methods


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {text!r}")
    return value


def run_analyze(args: argparse.Namespace) -> int:
    from .pipeline import DEFAULT_CHUNK_SIZE, analyze

    columns = {key: getattr(args, f"{key}_column") for key in
               ("text", "id", "title", "author", "outlet", "published") if getattr(args, f"{key}_column")}
    methods = _methods(args)
    if args.scheduler and args.engine != "dask":
        raise OpedAnalysisError("--scheduler needs --engine dask")
    summary = analyze(args.inputs, args.out, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
                      chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE, columns=columns or None,
                      methods=methods, lexicon=args.lexicon, actors="all" if args.all_actors else None,
                      encoding=args.encoding, progress=args.progress,
                      overwrite=args.overwrite)
    print(summary)
    if summary.articles == 0:
        print("oped-analysis: error: no article could be read; see the problems above", file=sys.stderr)
        return 2
    return 0


def run_compare(args: argparse.Namespace) -> int:
    import pandas as pd

    from .actors import load_lexicon
    from .comparison import compare

    methods = _methods(args)
    lexicon = load_lexicon(args.lexicon) if args.lexicon else None
    table = compare(args.paths, methods=methods, lexicon=lexicon,
                    actors="all" if args.all_actors else None)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, float_format="%.4f", lineterminator="\n")
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", double_precision=4, indent=1) + "\n")
    else:
        with pd.option_context("display.width", 200, "display.max_columns", 50):
            # polarities carry their sign; the share of sentences is a plain proportion
            formatters = {c: (lambda v: f"{v:.3f}") if c == "share" else (lambda v: f"{v:+.3f}")
                          for c in table.columns if table[c].dtype.kind == "f"}
            sys.stdout.write(table.to_string(index=False, formatters=formatters, na_rep="–") + "\n")
    return 0


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"oped-analysis: warning: {message}", file=sys.stderr)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the run stops the same careful way."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _print_warning  # one line, not a source excerpt
            return args.run(args)
    except OpedAnalysisError as exc:
        print(f"oped-analysis: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt as exc:
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        where = f"; {args.out} was left as it was" if getattr(args, "out", None) else ""
        print(f"oped-analysis: {what}{where}", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
