"""The command line: ``oped-analysis compare PATH...``, ``oped-analysis analyze INPUT... --out DIR``,
and the coding loop ``sample``, ``agreement``, ``validate``, ``estimate`` (also ``python -m oped_analysis``).

User mistakes (a missing file, a bad option) print one line on stderr and exit with
status 2; no traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import warnings

from . import __version__
from .errors import OpedAnalysisError
from .vocab import DEFAULT_METHOD, EVAL_METHODS

BOOK_DESCRIPTION = ("Analyse the articles once, then build the same book as the seed book for them "
                    "(DIR/_build/html/index.html). Any number of articles: with many, per-article "
                    "panels become distributions and per-outlet or per-month views.")


#: ``--published-column`` holds the publication date ("the article's published" reads wrong).
COLUMN_WORDS = {"published": "publication date"}


#: The loader's table columns (``load.DEFAULT_COLUMNS``, not imported: ``--help`` stays fast).
COLUMN_KEYS = ("text", "id", "title", "author", "outlet", "published")


def _add_column_options(parser: argparse.ArgumentParser) -> None:
    """--text-column and the other table columns (the loader's errors name these options)."""
    for key in COLUMN_KEYS:
        parser.add_argument(f"--{key}-column", default=None, metavar="NAME",
                            help=f"column holding the article's {COLUMN_WORDS.get(key, key)} in "
                                 f"CSV/JSONL/Parquet inputs (default: {key})")


def _columns(args: argparse.Namespace) -> dict | None:
    named = {key: getattr(args, f"{key}_column") for key in COLUMN_KEYS}
    return {key: name for key, name in named.items() if name} or None


def _corpus(args: argparse.Namespace):
    """The corpus of the coding commands (``sample``, ``validate``, ``estimate``), read with
    their column options, once. These stop at the first unreadable file, naming it, where
    ``compare``, ``analyze`` and ``book`` go on and list it: a sheet's sampling weights and the
    estimates refer to the whole corpus, which a file left out would change without notice."""
    from .load import load_corpus

    return load_corpus(args.paths, columns=_columns(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oped-analysis",
        description="Measure how opinion articles frame the US, China and Russia.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    cmp = sub.add_parser("compare", help="one row per article x actor: mentions, share, mean polarity",
                         description="Compare how each article treats each actor.")
    cmp.add_argument("paths", nargs="+", metavar="PATH",
                     help="article files (.txt, .html, .md), folders, globs, or CSV/JSONL/Parquet corpora")
    cmp.add_argument("--format", choices=["table", "csv", "json"], default="table",
                     help="output format (default: table)")
    _add_column_options(cmp)
    cmp.add_argument("--encoding", default=None, help="text encoding of the inputs (default: detect)")
    _add_scoring_options(cmp)
    cmp.set_defaults(run=run_compare)

    ana = sub.add_parser(
        "analyze", help="analyze a corpus of any size into tidy Parquet + CSV tables",
        description="Stream every article of INPUT through sentences, mentions and scores, "
                    "writing articles, sentences, mentions, scores and comparison tables "
                    "(Parquet and CSV) and problems.csv to DIR.")
    _add_inputs(ana, "inputs", "INPUT")
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
    _add_column_options(ana)
    ana.add_argument("--encoding", default=None, help="text encoding of the inputs (default: detect)")
    _add_scoring_options(ana)
    bar = ana.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="always show the progress bar (default: only on a terminal, not in CI)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    ana.set_defaults(run=run_analyze)
    _add_coding_commands(sub)

    book = sub.add_parser("book", help="build the book (a website of chapters) for your own articles",
                          description=BOOK_DESCRIPTION)
    _add_inputs(book, "corpus", "CORPUS")
    for flag, metavar, text in (
            ("--out", "DIR", "folder for the book's sources and HTML (required)"),
            ("--title", "TEXT", "the book's title"),
            ("--lexicon", "TOML", "an actor lexicon file extending the default one"),
            ("--question", "TEXT", "a paragraph stating the question, for the introduction")):
        book.add_argument(flag, metavar=metavar, help=text, required=flag == "--out",
                          default="" if flag == "--question" else None)
    book.add_argument("--coding", nargs="+", metavar="SHEET",
                      help="coding sheets filled from `oped-analysis sample` (one per coder; the one whose "
                           "coder column says 'adjudicated', else the first, is the coding; the first two "
                           "coders' agreement is the ceiling), or a coding folder like data/gold/: "
                           "adds the validation chapter")
    _add_column_options(book)
    book.add_argument("--jobs", type=_positive, default=2, metavar="N",
                      help="worker processes for the analysis (default 2)")
    book.set_defaults(run=run_book)
    return parser


def _add_coding_commands(sub) -> None:
    """``sample``, ``agreement``, ``validate`` and ``estimate``: checking the numbers with human coding."""
    smp = sub.add_parser("sample", help="a random sample of sentence-power pairs as a coding sheet",
                         description="Draw sentence-power pairs at random into a coding sheet (CSV, or TSV "
                                     "for .tsv) and write the codebook beside it. Existing files are never "
                                     "overwritten.")
    smp.add_argument("paths", nargs="+", metavar="CORPUS", help="article files, folders, globs or tables")
    smp.add_argument("--n", type=_positive, default=200, help="pairs to draw (default 200)")
    smp.add_argument("--out", required=True, metavar="SHEET", help="the sheet to write (.csv or .tsv)")
    smp.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    smp.add_argument("--strata", choices=["actor", "article", "outlet", "month"], default=None,
                     help="draw the same number from each stratum (weights record it)")
    smp.add_argument("--codebook", default=None, metavar="MD",
                     help="codebook to copy (default: the shipped one)")
    smp.add_argument("--lexicon", default=None, metavar="TOML", help="an actor lexicon extending the default")
    _add_column_options(smp)
    smp.set_defaults(run=run_sample)

    agr = sub.add_parser("agreement",
                         help="two coders' sheets: Krippendorff's alpha, Cohen's kappa, disagreements",
                         description="Compare two coders' sheets of the same pairs: agreement per field, "
                                     "confusion tables, and the rows they disagree on, ready to adjudicate.")
    agr.add_argument("sheets", nargs=2, metavar="SHEET")
    agr.add_argument("--out", default=None, metavar="CSV",
                     help="write the disagreements here to adjudicate (never overwritten)")
    agr.add_argument("--common-only", action="store_true",
                     help="compare the pairs both sheets hold instead of stopping at a mismatch")
    agr.set_defaults(run=run_agreement)

    val = sub.add_parser("validate", help="every method scored against your coding sheet",
                         description="Score each method against a coded sheet of CORPUS: accuracy, "
                                     "macro-F1 and Cohen's kappa overall and per power, and confusion "
                                     "tables.")
    val.add_argument("paths", nargs="+", metavar="CORPUS")
    val.add_argument("--coding", required=True, metavar="SHEET", help="a coded sheet from `sample`")
    val.add_argument("--methods", default=None,
                     help=f"comma-separated methods (default: {','.join(EVAL_METHODS)})")
    val.add_argument("--adapt", action="store_true",
                     help=f"also re-train the default method's model ({DEFAULT_METHOD}) with the coded pairs "
                          "(cross-fitted) and report macro-F1 before and after")
    val.add_argument("--lexicon", default=None, metavar="TOML")
    _add_column_options(val)
    val.set_defaults(run=run_validate)

    est = sub.add_parser("estimate", help="prediction-powered mean stance per power with 95%% intervals",
                         description="Mean stance and shares favourable/unfavourable per power: "
                                     "prediction-powered estimates from a coded sheet and a method's "
                                     "predictions, "
                                     "beside the human-only and classifier-only estimates.")
    est.add_argument("paths", nargs="+", metavar="CORPUS")
    est.add_argument("--coding", required=True, metavar="SHEET", help="a coded sheet from `sample`")
    est.add_argument("--by", choices=["article", "outlet", "month"], default=None, help="also group by this")
    est.add_argument("--method", default=DEFAULT_METHOD,
                     help=f"the method whose predictions are corrected (default {DEFAULT_METHOD})")
    est.add_argument("--adapt", action="store_true",
                     help=f"predict with the default method's model ({DEFAULT_METHOD}) re-trained with the "
                          "coded pairs (cross-fitted) instead of --method")
    est.add_argument("--level", type=float, default=0.95, help="confidence level (default 0.95)")
    est.add_argument("--format", choices=["table", "csv", "json"], default="table")
    est.add_argument("--lexicon", default=None, metavar="TOML")
    _add_column_options(est)
    est.set_defaults(run=run_estimate)


def _add_inputs(parser: argparse.ArgumentParser, dest: str, metavar: str) -> None:
    parser.add_argument(dest, nargs="+", metavar=metavar,
                        help="folders, globs, .txt/.html/.md files, or CSV/TSV/JSONL/Parquet corpora")


def _add_scoring_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--methods", default=None,
                        help="comma-separated scoring methods (default: textblob,vader,roles)")
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

    methods = _methods(args)
    if args.scheduler and args.engine != "dask":
        raise OpedAnalysisError("--scheduler needs --engine dask")
    summary = analyze(args.inputs, args.out, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
                      chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE, columns=_columns(args),
                      methods=methods, lexicon=args.lexicon, actors="all" if args.all_actors else None,
                      encoding=args.encoding, progress=args.progress,
                      overwrite=args.overwrite)
    print(summary)
    if summary.articles == 0:
        print("oped-analysis: error: no article could be read; see the problems above", file=sys.stderr)
        return 2
    return 0


def run_book(args: argparse.Namespace) -> int:
    from .book import make_book

    make_book(args.corpus, args.out, title=args.title, coding=args.coding, lexicon=args.lexicon,
              question=args.question, columns=_columns(args), jobs=args.jobs, progress=False)
    return 0


def run_compare(args: argparse.Namespace) -> int:
    import pandas as pd

    from .actors import load_lexicon
    from .article import Corpus
    from .comparison import compare, signed
    from .load import iter_articles, skipped_files

    methods = _methods(args)
    lexicon = load_lexicon(args.lexicon) if args.lexicon else None
    skipped = skipped_files(args.paths)
    found: list = []
    corpus = Corpus(iter_articles(args.paths, columns=_columns(args), encoding=args.encoding,
                                  on_error=found.append), found)
    problems = [str(p) for p in corpus.problems]
    if not len(corpus):
        # nothing to compare: the problems are the error (one file: just its message)
        raise OpedAnalysisError("; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)"
                                                           if len(problems) > 3 else ""))
    problems += [f"{a.source or a.id}: {w}" for a in corpus for w in a.extra.get("warnings", ())]
    _report_inputs(skipped, problems)
    table = compare(corpus, methods=methods, lexicon=lexicon, actors="all" if args.all_actors else None)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, float_format="%.4f", lineterminator="\n")
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", double_precision=4, indent=1) + "\n")
    else:
        with pd.option_context("display.width", 200, "display.max_columns", 50):
            # polarities carry their sign; the share of sentences is a plain proportion
            formatters = {c: (lambda v: f"{v:.3f}") if c == "share" else (lambda v: signed(v, 3))
                          for c in table.columns if table[c].dtype.kind == "f"}
            sys.stdout.write(table.to_string(index=False, formatters=formatters, na_rep="–") + "\n")
    return 0


def _report_inputs(skipped: list, problems: list[str], shown: int = 5) -> None:
    """On stderr: the files skipped as not articles and the inputs that could not be read
    (the first few of each, then a count), like ``analyze``'s problems summary."""
    if skipped:
        names = ", ".join(str(p) for p in skipped[:shown]) + (f" and {len(skipped) - shown} more"
                                                              if len(skipped) > shown else "")
        print(f"oped-analysis: skipped {len(skipped)} file(s) that are not articles: {names}",
              file=sys.stderr)
    if problems:
        print(f"oped-analysis: {len(problems)} problem(s); the other articles are compared:", file=sys.stderr)
        for problem in problems[:shown]:
            print(f"  problem: {_cli_words(problem)}", file=sys.stderr)
        if len(problems) > shown:
            print(f"  ... and {len(problems) - shown} more", file=sys.stderr)


#: Python keyword arguments named in messages, and the command-line options that set them.
CLI_WORDS = {"Pass encoding=...": "Pass --encoding ENCODING", "encoding=...": "--encoding ENCODING",
             "columns={'text': ...} or --text-column": "--text-column NAME"}


def _cli_words(message: str) -> str:
    for python, flag in CLI_WORDS.items():
        message = message.replace(python, flag)
    return message


def _print_table(table, fmt: str = "table", title: str | None = None) -> None:
    """A result table on stdout: CSV, JSON, or aligned text under a title."""
    import pandas as pd

    if fmt == "csv":
        table.to_csv(sys.stdout, index=False, float_format="%.4f", lineterminator="\n")
    elif fmt == "json":
        sys.stdout.write(table.to_json(orient="records", double_precision=4, indent=1) + "\n")
    else:
        if title:
            sys.stdout.write(f"\n{title}\n")
        with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_colwidth", 80):
            text = table.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="–")
            sys.stdout.write(text + "\n")


def run_sample(args: argparse.Namespace) -> int:
    from .coding import codebook_path, sample

    sheet = sample(_corpus(args), args.n, seed=args.seed, strata=args.strata, out=args.out,
                   codebook=args.codebook, lexicon=args.lexicon)
    print(f"wrote {len(sheet)} pairs to {args.out} and the codebook to {codebook_path(args.out)}; "
          "fill in stance (-1, 0, 1), frame and coder")
    return 0


def run_agreement(args: argparse.Namespace) -> int:
    from .coding import agreement, write_table

    result = agreement(*args.sheets, common_only=args.common_only)
    _print_table(result.table, title="agreement per field")
    for field, matrix in result.confusion.items():
        heading = f"{field} (rows: {args.sheets[0]}, columns: {args.sheets[1]})"
        sys.stdout.write(f"\n{heading}\n{matrix.to_string()}\n")
    if args.out:
        write_table(result.disagreements, args.out)
        print(f"\n{len(result.disagreements)} disagreements written to {args.out}: fill in stance and frame")
    else:
        _print_table(result.disagreements, title=f"{len(result.disagreements)} disagreements to adjudicate")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from .coding import validate_coding

    corpus = _corpus(args)
    result = validate_coding(corpus, args.coding, methods=_methods(args), lexicon=args.lexicon)
    _print_table(result.scores, title="each method against the coding (stance)")
    _print_table(result.by_power, title="per power")
    for label, matrix in result.confusion.items():
        sys.stdout.write(f"\n{label} (rows: coding, columns: method)\n{matrix.to_string()}\n")
    if args.adapt:
        from .adapt import adapt_report

        _say_adapting()
        _print_table(adapt_report(corpus, args.coding, lexicon=args.lexicon),
                     title=f"the {DEFAULT_METHOD} model re-trained with the coded pairs (cross-fitted)")
    return 0


def _say_adapting() -> None:
    from .adapt import FOLDS

    print(f"oped-analysis: re-training the {DEFAULT_METHOD} model {FOLDS} times with the coded pairs "
          "(one per fold); this takes a few minutes", file=sys.stderr)


def run_estimate(args: argparse.Namespace) -> int:
    from .ppi import estimate

    if not 0 < args.level < 1:
        raise OpedAnalysisError(f"--level must be between 0 and 1, not {args.level}")
    if args.adapt:
        _say_adapting()
    table = estimate(_corpus(args), args.coding, by=args.by, method=args.method, level=args.level,
                     lexicon=args.lexicon, adapt=args.adapt)
    _print_table(table, args.format)
    return 0


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"oped-analysis: warning: {_cli_words(str(message))}", file=sys.stderr)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the run stops the same careful way."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    previous, args = None, None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:                 # a signal while the command line is read ends the same careful way
        args = build_parser().parse_args(argv)
        with warnings.catch_warnings():
            warnings.showwarning = _print_warning  # one line, not a source excerpt
            return args.run(args)
    except OpedAnalysisError as exc:
        print(f"oped-analysis: error: {_cli_words(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt as exc:
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        out = getattr(args, "out", None)
        where = ("" if not out else f"; {out} was left as it was" if os.path.lexists(out)
                 else f"; nothing was written to {out}")
        print(f"oped-analysis: {what}{where}", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
