"""The book for any corpus: one configuration every chapter reads, and the command that builds it.

Every chapter starts with ``book = oa.book.setup()``. ``setup`` reads ``book.toml`` (the
file named by ``$OPED_ANALYSIS_BOOK``, else the first ``book.toml`` in the working folder or
one of its parents): which articles, which actor lexicon, which human coding (if any) and
where precomputed tables are. The seed book is the ``book.toml`` at the repository root;
``oped-analysis book CORPUS... --out DIR`` writes its own ``book.toml`` beside a copy of the
chapters, analyses the corpus once into ``DIR/tables/`` and builds ``DIR/_build/html``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .errors import InputError, MissingInputError, OpedAnalysisError
from .vocab import TARGET_METHODS

CONFIG_ENV = "OPED_ANALYSIS_BOOK"
CONFIG_NAME = "book.toml"
#: The repository holding the chapters (``notebooks/``, ``_config.yml``, ``_toc.yml``).
REPO = Path(__file__).resolve().parents[2]
#: Up to this many articles each gets its own panel (12 panels still fit a 7-inch page two
#: or three to a row); beyond it chapters show distributions over articles and per-outlet or
#: per-month views instead.
SMALL_MULTIPLES_MAX = 12
#: Every stance method the book reports (the sentiment baselines and the target-aware ones).
BOOK_METHODS = ("textblob", "vader", *TARGET_METHODS)
#: The chapter that needs a human coding; left out of the table of contents without one.
VALIDATION_CHAPTER = "notebooks/06_validation"
#: In the coder column of a sheet, this marks the adjudicated coding (see :func:`coding_folder_from_sheets`).
ADJUDICATED = "adjudicated"
#: Chapters about the seeds only (a worked example of coding them by hand): not in other books.
SEED_ONLY_CHAPTERS = ("notebooks/08_own_coding",)
DEFAULT_TITLE = "How these articles frame the US, China and Russia"
#: A :class:`~oped_analysis.errors.DecodingWarning` (``load.decode``): the file, then what was guessed.
_GUESSED_ENCODING = re.compile(r"(.*?): ((?:not valid UTF-8|no byte-order mark); decoded as [\w-]+\.)")


@dataclass
class BookConfig:
    """What a book is built from; paths are absolute or relative to ``root``."""

    corpus: list[str]
    title: str = DEFAULT_TITLE
    question: str = ""
    coding: str | None = None
    lexicon: str | None = None
    tables: str | None = None
    #: Table columns of CSV/JSONL/Parquet inputs (``{"text": "body"}``), as ``load_corpus`` takes them.
    columns: dict[str, str] | None = None
    root: Path = field(default_factory=Path.cwd)

    @classmethod
    def read(cls, path: str | os.PathLike) -> BookConfig:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise MissingInputError(f"{path}: no such book configuration") from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path}: not valid TOML ({exc})") from None
        corpus = data.get("corpus")
        if isinstance(corpus, str):
            corpus = [corpus]
        if not corpus or not all(isinstance(c, str) for c in corpus):
            raise InputError(f"{path}: `corpus` must name the article files or folders, "
                             'e.g. corpus = ["articles/"]')
        unknown = set(data) - {"corpus", "title", "question", "coding", "lexicon", "tables", "columns"}
        if unknown:
            raise InputError(f"{path}: unknown keys {sorted(unknown)}")
        from .load import DEFAULT_COLUMNS

        columns = data.get("columns")
        if columns is not None and not (isinstance(columns, dict) and set(columns) <= set(DEFAULT_COLUMNS)
                                        and all(isinstance(v, str) for v in columns.values())):
            raise InputError(f"{path}: `columns` must map some of {sorted(DEFAULT_COLUMNS)} to column "
                             'names, e.g. columns = {text = "body"}')
        return cls(corpus=list(corpus), title=data.get("title", DEFAULT_TITLE),
                   question=data.get("question", ""), coding=data.get("coding"),
                   lexicon=data.get("lexicon"), tables=data.get("tables"), columns=columns,
                   root=path.resolve().parent)

    def path(self, value: str | None) -> Path | None:
        return None if value is None else (self.root / value).resolve()

    def write(self, path: str | os.PathLike) -> Path:
        """Write as TOML (strings as JSON-escaped basic strings, which TOML reads the same)."""
        lines = ["# Written by `oped-analysis book`; the chapters read it through oa.book.setup()."]
        for key in ("title", "question", "coding", "lexicon", "tables"):
            value = getattr(self, key)
            if value:
                lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        if self.columns:  # an inline table; JSON strings are TOML basic strings
            pairs = ", ".join(f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}"
                              for k, v in self.columns.items())
            lines.append(f"columns = {{{pairs}}}")
        lines.append(f"corpus = {json.dumps(self.corpus, ensure_ascii=False)}")
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return Path(path)


def find_config(start: str | os.PathLike | None = None) -> Path:
    """``$OPED_ANALYSIS_BOOK``, else the nearest ``book.toml`` from ``start`` (cwd) upwards."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    raise MissingInputError(f"no {CONFIG_NAME} in {here} or its parents, and ${CONFIG_ENV} is not set; "
                            "build a book with `oped-analysis book CORPUS --out DIR`")


class Book:
    """One corpus as the chapters see it: articles, titles, tables, the coding if any.

    Tables are computed on first use (or read from the precomputed ``tables`` folder) and
    kept, so a chapter asking twice pays once.
    """

    def __init__(self, config: BookConfig):
        self.config = config

    @cached_property
    def lexicon(self):
        from .actors import as_lexicon, load_lexicon

        path = self.config.path(self.config.lexicon)
        return load_lexicon(path) if path else as_lexicon(None)

    @property
    def powers(self) -> list[str]:
        return list(self.lexicon.powers)

    @cached_property
    def corpus(self):
        """The articles, with every file that could not be read, or was read with a guessed
        encoding, in ``corpus.problems``: a chapter shows them in a table, as a warning
        printed in a cell would fail the build (stderr in a cell is an error)."""
        from .errors import DecodingWarning
        from .load import Problem, load_corpus

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DecodingWarning)
            corpus = load_corpus([self.config.path(c) for c in self.config.corpus],
                                 columns=self.config.columns, errors="collect")
        for warning in caught:
            if not issubclass(warning.category, DecodingWarning):
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
                continue
            source, message = _GUESSED_ENCODING.match(str(warning.message)).groups()
            corpus.problems.append(Problem(source, message + " Check its accents and quotes."))
        return corpus

    @property
    def ids(self) -> list[str]:
        return self.corpus.ids

    @property
    def many(self) -> bool:
        """More articles than a page of small multiples holds: show distributions instead."""
        return len(self.ids) > SMALL_MULTIPLES_MAX

    @cached_property
    def titles(self) -> dict[str, str]:
        """Article id -> its title (the id where there is none; repeated titles get the id added)."""
        return article_titles(self.corpus.metadata())

    def labels(self, width: int | None = 28) -> dict[str, str]:
        """Titles wrapped at ``width`` characters for figure labels."""
        import textwrap

        return {a: textwrap.fill(t, width) if width else t for a, t in self.titles.items()}

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        folder = self.config.path(self.config.tables)
        if folder is not None and (folder / "scores.parquet").exists():
            return {name: pd.read_parquet(folder / f"{name}.parquet")
                    for name in ("sentences", "mentions", "scores")}
        from .tables import score_tables

        return score_tables(self.corpus, methods=list(BOOK_METHODS), lexicon=self.lexicon)

    @property
    def sentences(self) -> pd.DataFrame:
        return self._tables["sentences"]

    @property
    def mentions(self) -> pd.DataFrame:
        return self._tables["mentions"]

    @property
    def scores(self) -> pd.DataFrame:
        """Every method's scores for the powers (context actors left out)."""
        scores = self._tables["scores"]
        return scores[scores["actor"].isin(self.powers)].reset_index(drop=True)

    @cached_property
    def comparison(self) -> pd.DataFrame:
        from .comparison import comparison_table

        return comparison_table(self.ids, self.sentences, self.mentions,
                                self._tables["scores"].iloc[0:0], self.powers)

    @property
    def has_coding(self) -> bool:
        return self.config.coding is not None

    @cached_property
    def coding(self) -> pd.DataFrame | None:
        """The human coding as score rows (label "human coding"), or None without one."""
        if not self.has_coding:
            return None
        from .validate import gold_scores

        return gold_scores(self.corpus, self.config.path(self.config.coding))

    @property
    def coding_folder(self) -> Path | None:
        return self.config.path(self.config.coding)

    @cached_property
    def metadata(self) -> pd.DataFrame:
        """One row per article: title (as shown), author, outlet, published, sentences."""
        meta = self.corpus.metadata().drop(columns="source")
        meta["title"] = meta["article"].map(self.titles)
        counts = self.sentences.groupby("article").size()
        return meta.assign(sentences=meta["article"].map(counts).fillna(0).astype("int64"))

    @cached_property
    def groups(self) -> pd.Series:
        """Article id -> the group a many-article book compares: outlet or month when the
        articles carry several (at most :data:`SMALL_MULTIPLES_MAX`), else one group."""
        return article_groups(self.metadata)

    def __repr__(self) -> str:
        coding = f", coding {self.config.coding}" if self.has_coding else ""
        return f"Book({self.config.title!r}: {len(self.ids)} articles{coding})"


def article_titles(metadata: pd.DataFrame) -> dict[str, str]:
    """Article id -> title, falling back to the id; a title two articles share gets its id."""
    titles = metadata.set_index("article")["title"].fillna("").astype(str).str.strip()
    titles = titles.where(titles != "", titles.index.to_series())
    repeated = titles.duplicated(keep=False)
    titles[repeated] = [f"{t} ({a})" for a, t in titles[repeated].items()]
    return titles.to_dict()


#: The one group of a many-article book whose articles name no outlets or months to compare.
ONE_GROUP = "All articles"


def article_groups(metadata: pd.DataFrame) -> pd.Series:
    """Outlet where articles name 2-12 outlets, else the month of publication, else one group."""
    by = metadata.set_index("article")
    outlets = by["outlet"].dropna()
    if len(outlets) == len(by) and 2 <= outlets.nunique() <= SMALL_MULTIPLES_MAX:
        return outlets.rename("group")
    dates = pd.to_datetime(by["published"], errors="coerce")
    months = dates.dt.strftime("%Y-%m")
    if dates.notna().all() and 2 <= months.nunique() <= SMALL_MULTIPLES_MAX:
        return months.rename("group")
    return pd.Series(ONE_GROUP, index=by.index, name="group")


_BOOKS: dict[Path, Book] = {}


def setup(config: str | os.PathLike | None = None) -> Book:
    """The book every chapter reads: its configuration, with the house style for tables and figures."""
    from . import plots

    plots.style()
    # A title in a script the figure font lacks (Urdu's letters beyond DejaVu Sans) draws boxes
    # for those letters; matplotlib's warning about it, on stderr, would fail the whole build.
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_colwidth", 240)  # tables wrap their cells; never cut an explanation
    path = Path(config) if config else find_config()
    key = path.resolve()
    if key not in _BOOKS:
        _BOOKS[key] = Book(BookConfig.read(path))
    return _BOOKS[key]


# --- building ----------------------------------------------------------------------------

def chapters(with_validation: bool) -> list[str]:
    """The chapter files of ``_toc.yml`` (root first) for a book of other articles: without the
    seed-only chapters, and without validation where there is no coding."""
    text = (REPO / "_toc.yml").read_text(encoding="utf-8")
    files = re.findall(r"^\s*(?:root|-\s*file)\s*:\s*(\S+)", text, flags=re.M)
    return [f for f in files if (with_validation or f != VALIDATION_CHAPTER) and f not in SEED_ONLY_CHAPTERS]


def prepare(corpus: list[str], out: str | os.PathLike, *, title: str | None = None, coding=None,
            lexicon=None, question: str = "", columns: dict | None = None, jobs: int = 2,
            progress: bool | None = None) -> Path:
    """Write a book's sources to ``out``: book.toml, _config.yml, _toc.yml, the chapters, and
    the corpus analysed once into ``out/tables`` (every chapter reads those tables).

    ``coding`` is a human coding folder like ``data/gold/``, or one or more coding sheets from
    :func:`oped_analysis.coding.sample` (a path or a list of paths), which are checked against
    the corpus and written as such a folder in ``out/coding`` (:func:`coding_folder_from_sheets`).
    ``columns`` names the columns of CSV/JSONL/Parquet inputs (``{"text": "body"}``), as
    ``load_corpus`` takes them; book.toml keeps them for the chapters.
    """
    from .pipeline import analyze

    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    resolved = [str(Path(c).resolve()) for c in corpus]
    sheets = [coding] if isinstance(coding, (str, os.PathLike)) else list(coding or [])
    for name, value in [("coding", s) for s in sheets] + [("lexicon", lexicon)]:
        if value is not None and not Path(value).exists():
            raise MissingInputError(f"--{name} {value}: no such file or folder")
    if len(sheets) > 1 and any(Path(s).is_dir() for s in sheets):
        raise InputError(f"--coding {' '.join(map(str, sheets))}: give one coding folder, "
                         "or coding sheets only")
    coding = None if not sheets else str(Path(sheets[0]).resolve()) if Path(sheets[0]).is_dir() else sheets
    if isinstance(coding, str):
        check_coding_folder(coding)
    files = chapters(with_validation=coding is not None)
    (out / "notebooks").mkdir(exist_ok=True)
    for f in files:
        source = next((REPO / f).parent.glob(Path(f).name + ".*"))
        shutil.copyfile(source, out / "notebooks" / source.name)
    shutil.copyfile(REPO / "notebooks" / "sanitize.cfg", out / "notebooks" / "sanitize.cfg")
    shutil.copytree(REPO / "_static", out / "_static", dirs_exist_ok=True)
    toc = ["# Written by `oped-analysis book`.", "format: jb-book", f"root: {files[0]}", "chapters:"]
    toc += [f"  - file: {f}" for f in files[1:]]
    (out / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    config = (REPO / "_config.yml").read_text(encoding="utf-8")
    title = title or DEFAULT_TITLE
    config = re.sub(r"^title:.*$", "title: " + json.dumps(title, ensure_ascii=False), config,
                    count=1, flags=re.M)
    (out / "_config.yml").write_text(config, encoding="utf-8")
    summary = analyze(resolved, out / "tables", jobs=jobs, methods=list(BOOK_METHODS),
                      lexicon=lexicon, columns=columns, progress=progress)
    if summary.articles == 0:  # say why: the problems are only in tables/problems.csv otherwise
        why = "; ".join(str(p) for p in summary.problems[:3])
        more = f" (and {len(summary.problems) - 3} more)" if len(summary.problems) > 3 else ""
        raise OpedAnalysisError(f"no article could be read from {', '.join(map(str, corpus))}"
                                + (f": {why}{more}" if why else ""))
    _check_powers_named(out / "tables", lexicon, summary.articles)
    if isinstance(coding, list):
        coding = str(coding_folder_from_sheets(resolved, coding, out / "coding", lexicon=lexicon,
                                               columns=columns))
    elif coding is not None:
        check_coding_folder(coding, pd.read_parquet(out / "tables" / "sentences.parquet"))
    BookConfig(corpus=resolved, title=title, question=question, coding=coding,
               lexicon=str(Path(lexicon).resolve()) if lexicon else None,
               tables="tables", columns=columns, root=out).write(out / CONFIG_NAME)
    return out


def _check_powers_named(tables: Path, lexicon, articles: int) -> None:
    """Refuse, before the book is built, a corpus in which no article names any of the
    lexicon's powers: every chapter would chart nothing (articles in another language, or
    about other actors)."""
    from .actors import as_lexicon

    powers = list(as_lexicon(lexicon).powers)
    named = pd.read_parquet(tables / "mentions.parquet", columns=["actor"])["actor"]
    if not named.isin(powers).any():
        raise OpedAnalysisError(
            f"none of the {articles} article(s) names {', '.join(powers)}, the powers the book is "
            "about, so every chapter would chart nothing; the lexicon finds English names "
            "(check the articles' language), or add the names your articles use with --lexicon my.toml")


def check_coding_folder(folder, sentences: pd.DataFrame | None = None) -> None:
    """Refuse a coding folder that does not code these articles, before the book is built.

    The folder needs ``sentences.tsv`` and ``coding.tsv`` (like ``data/gold/``: checked first,
    without ``sentences``, so a wrong folder fails before a long analysis); its sentences
    are found among the corpus's ``sentences`` by word overlap
    (:func:`oped_analysis.validate.align_sentences`). None found is an error naming the folder;
    some missing is a warning with their number, as the validation chapter scores only those found.
    """
    from .validate import align_sentences, read_gold

    folder = Path(folder)
    missing = [n for n in ("sentences.tsv", "coding.tsv") if not (folder / n).is_file()]
    if missing:
        raise InputError(f"--coding {folder}: not a coding folder (no {' or '.join(missing)}); give a "
                         "folder like data/gold/ or coding sheets from `oped-analysis sample`")
    if sentences is None:
        return
    try:
        reference, _ = read_gold(folder)
        found = align_sentences(sentences, reference)["pred_sentence"].notna()
    except (ValueError, KeyError, AttributeError, pd.errors.ParserError) as err:
        raise InputError(f"--coding {folder}/sentences.tsv: cannot be read as article, sentence, text "
                         f"columns ({err})") from None
    if len(reference) and not found.any():
        articles = ", ".join(sorted(reference["article"].astype(str).unique())[:5])
        raise InputError(f"--coding {folder}: none of its {len(reference)} coded sentences (articles "
                         f"{articles}) is in the corpus; a coding folder must code these articles "
                         "(article ids are the file names' part before the first '_')")
    if not found.all():
        warnings.warn(f"--coding {folder}: {int((~found).sum())} of {len(reference)} coded sentences "
                      "are not in the corpus; the validation chapter scores the others", stacklevel=2)


def coding_folder_from_sheets(corpus, sheets, folder, lexicon=None, columns: dict | None = None) -> Path:
    """Filled coding sheets of ``corpus`` as a human coding folder like ``data/gold/``, which
    the validation chapter reads: ``coding.tsv`` (the adjudicated coding), ``coder_1.tsv``
    and ``coder_2.tsv`` (two coders; their agreement is the ceiling) and ``sentences.tsv``.

    The rule: a sheet whose ``coder`` column says ``adjudicated`` in every row is the
    adjudicated coding, else the first sheet is; the coders are the first two other sheets
    (with no adjudicated sheet: the first two sheets). With one sheet there is no second
    coder and so no ceiling. Each sheet is checked against the corpus by
    :func:`oped_analysis.coding.read_sheet` (errors name the file and line); rows without a
    stance are left out. Sheet pairs are detected mentions, so their ``mention`` is explicit.
    """
    from .coding import KEY, coding_pairs, read_sheet
    from .load import load_corpus

    pairs = coding_pairs(load_corpus(corpus, columns=columns, errors="collect"), lexicon=lexicon)
    read = [read_sheet(path, pairs) for path in sheets]
    adjudicated = [i for i, s in enumerate(read)
                   if "coder" in s.columns and s["coder"].str.strip().str.lower().eq(ADJUDICATED).all()]
    if len(adjudicated) > 1:
        raise InputError(f"{sheets[adjudicated[1]]}: a second sheet coded {ADJUDICATED!r}; give one")
    chosen = adjudicated[0] if adjudicated else 0
    coders = [s for i, s in enumerate(read) if i != chosen or not adjudicated][:2]
    reference = {a: str(a).split("_")[0] for a in pairs["article"].unique()}   # the gold folders' ids
    if len(set(reference.values())) < len(reference):
        raise InputError("article ids that share the part before their first '_' cannot be told apart "
                         "in a coding folder; rename the files")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def write(sheet: pd.DataFrame, name: str) -> None:
        frame = sheet["frame"] if "frame" in sheet.columns else ""
        note = sheet["note"] if "note" in sheet.columns else ""
        table = sheet[KEY].assign(article=sheet["article"].map(reference), mention="explicit",
                                  stance=sheet["stance"], frame=frame, note=note)
        table.to_csv(folder / name, sep="\t", index=False)

    write(read[chosen], "coding.tsv")
    for number, sheet in enumerate(coders, start=1):
        write(sheet, f"coder_{number}.tsv")
    coded = pd.concat(read)[["article", "sentence"]].drop_duplicates()
    text = pairs.drop_duplicates(["article", "sentence"]).merge(coded, on=["article", "sentence"])
    text.assign(article=text["article"].map(reference), text=text["sentence_text"])[
        ["article", "sentence", "text"]].sort_values(["article", "sentence"]).to_csv(
        folder / "sentences.tsv", sep="\t", index=False)
    (folder / SAMPLED_NOTE).write_text(
        "# A sample of the library's own mentions\n\nThese pairs were drawn by `oped-analysis sample` "
        "from the mentions the library found, so they measure its stances and frames but not its "
        "mention detection (what it misses or finds wrongly).\n", encoding="utf-8")
    return folder


#: The note a coding folder made from coding sheets holds: its pairs are a sample of the
#: library's own mentions (read by :func:`oped_analysis.report.detection_view`).
SAMPLED_NOTE = "SAMPLED.md"


def build(source: str | os.PathLike) -> Path:
    """Run Jupyter Book on a prepared (or the repository's) book; returns the HTML folder."""
    source = Path(source).resolve()
    jb = Path(sys.executable).with_name("jupyter-book")
    command = [str(jb) if jb.exists() else "jupyter-book", "build", "--all", "-W", "-n", "--keep-going",
               "--path-output", str(source), str(source)]
    for stale in ("html", ".doctrees", "jupyter_execute"):
        shutil.rmtree(source / "_build" / stale, ignore_errors=True)
    env = {**os.environ, CONFIG_ENV: str(source / CONFIG_NAME)}
    src = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    run = subprocess.run(command, cwd=source, env=env)
    if run.returncode != 0:
        raise OpedAnalysisError(f"jupyter-book failed (exit {run.returncode}); see its messages above")
    return source / "_build" / "html"


def make_book(corpus: list[str], out, **options) -> Path:
    """:func:`prepare` then :func:`build`, with the time each took on stderr."""
    start = time.perf_counter()
    folder = prepare(corpus, out, **options)
    analysed = time.perf_counter()
    html = build(folder)
    print(f"book: analysed in {analysed - start:.0f} s, built in {time.perf_counter() - analysed:.0f} s: "
          f"{html / 'index.html'}", file=sys.stderr)
    return html
