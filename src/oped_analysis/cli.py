"""The command line: ``oped-analysis compare PATH...`` (also ``python -m oped_analysis``).

User mistakes (a missing file, a bad option) print one line on stderr and exit with
status 2; no traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings

import pandas as pd

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
    cmp.add_argument("--methods", default=None,
                     help="comma-separated scoring methods (default: textblob,vader)")
    cmp.add_argument("--lexicon", default=None, metavar="TOML",
                     help="an actor lexicon file extending the default one")
    cmp.add_argument("--all-actors", action="store_true",
                     help="include context actors (Pakistan, India, ...), not only the powers")
    cmp.set_defaults(run=run_compare)
    return parser


def run_compare(args: argparse.Namespace) -> int:
    from .actors import load_lexicon
    from .compare import compare

    methods = [m.strip() for m in args.methods.split(",") if m.strip()] if args.methods else None
    lexicon = load_lexicon(args.lexicon) if args.lexicon else None
    table = compare(args.paths, methods=methods, lexicon=lexicon,
                    actors="all" if args.all_actors else None)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, float_format="%.4f", lineterminator="\n")
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", double_precision=4, indent=1) + "\n")
    else:
        with pd.option_context("display.width", 200, "display.max_columns", 50):
            sys.stdout.write(table.to_string(index=False, float_format=lambda v: f"{v:+.3f}") + "\n")
    return 0


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"oped-analysis: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _print_warning  # one line, not a source excerpt
            return args.run(args)
    except OpedAnalysisError as exc:
        print(f"oped-analysis: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
