"""Human coding of your own articles: sample a coding sheet, read it back, measure agreement.

The unit is a *pair*: one sentence and one power the library found in it (the detected
mentions of :func:`oped_analysis.mentions`). :func:`sample` draws pairs at random
(optionally stratified) into a sheet that opens in a spreadsheet, with the codebook
beside it; :func:`read_sheet` checks a filled-in sheet (columns, labels, duplicates, and
that it matches the corpus); :func:`agreement` compares two coders' sheets;
:func:`validate_coding` scores every method against a sheet. Prediction-powered
estimates from a sheet are in :mod:`oped_analysis.ppi`.

Every sheet records how it was drawn (``stratum``, ``stratum_size``,
``inclusion_probability``, ``weight`` = 1 / inclusion probability), so estimates from it
stay unbiased (Horvitz & Thompson 1952).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError, MissingInputError, OpedAnalysisError

KEY = ["article", "sentence", "actor"]
STANCES = (-1, 0, 1)
FRAMES = ("security", "economic", "diplomatic", "other")
#: The columns of a coding sheet, in the order written. ``start``/``end`` locate the
#: actor's first mention in the (unmarked) sentence, for re-training a model on the sheet.
SHEET_COLUMNS = ["article", "sentence", "actor", "text", "stance", "frame", "coder", "note",
                 "start", "end", "stratum", "stratum_size", "inclusion_probability", "weight"]
#: How a mention is marked in the sheet's ``text`` column.
MARK = ("[[", "]]")


def default_codebook() -> Path:
    """The shipped codebook (``data/gold/CODEBOOK.md``)."""
    from .resources import data_path

    return data_path("gold", "CODEBOOK.md")


# --- the population of pairs -----------------------------------------------------------

def coding_pairs(corpus, lexicon=None, actors=None) -> pd.DataFrame:
    """Every (article, sentence, power) pair the library detects: the population to sample.

    Columns: article, sentence, actor, text (the sentence with every mention of the actor
    marked ``[[...]]``), sentence_text (unmarked), start, end (the first mention in the
    sentence), outlet, month (``YYYY-MM`` of the publication date, where known).
    ``actors`` defaults to the lexicon's powers.
    """
    from .actors import as_lexicon
    from .tables import chain

    lex = as_lexicon(lexicon)
    wanted = set(lex.powers if actors is None else actors)
    rows = []
    for done in chain(corpus, lexicon=lex, until="mentions"):
        art = done.article
        by_number = {s["sentence"]: s for s in done.sentences}
        spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for m in done.mentions:
            if m["actor"] in wanted:
                offset = by_number[m["sentence"]]["start"]
                span = (m["start"] - offset, m["end"] - offset)
                spans.setdefault((m["sentence"], m["actor"]), []).append(span)
        month = art.published.strftime("%Y-%m") if art.published else None
        for (number, actor), where in spans.items():
            text = by_number[number]["text"]
            rows.append({"article": art.id, "sentence": number, "actor": actor,
                         "text": mark(text, where), "sentence_text": text,
                         "start": where[0][0], "end": where[0][1], "outlet": art.outlet, "month": month})
    columns = ["article", "sentence", "actor", "text", "sentence_text", "start", "end", "outlet", "month"]
    out = pd.DataFrame(rows, columns=columns).astype({"sentence": "int64", "start": "int64", "end": "int64"})
    return out.sort_values(KEY, kind="stable", ignore_index=True)


def mark(text: str, spans) -> str:
    """``text`` with each ``(start, end)`` span wrapped in ``[[ ]]`` (overlaps merged)."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:           # overlapping mentions: extend the previous mark
            continue
        out += [text[last:start], MARK[0], text[start:end], MARK[1]]
        last = end
    return "".join(out + [text[last:]])


def unmark(text: str) -> str:
    """The sentence without the ``[[ ]]`` marks."""
    return text.replace(MARK[0], "").replace(MARK[1], "")


# --- sampling ---------------------------------------------------------------------------

def allocate(sizes: dict, n: int) -> dict:
    """Split ``n`` draws equally over strata of the given sizes; a stratum smaller than its
    share is taken whole and the rest goes to the others (equal allocation, so that a
    rarely named power still gets enough coded pairs for its own estimate)."""
    alloc = dict.fromkeys(sizes, 0)
    left = min(n, sum(sizes.values()))
    while left:
        room = sorted((s for s in sizes if alloc[s] < sizes[s]), key=str)
        share = left // len(room)
        for i, s in enumerate(room):
            take = min(sizes[s] - alloc[s], share if share else int(i < left))
            alloc[s] += take
            left -= take
    return alloc


def draw(pairs: pd.DataFrame, n: int, seed: int = 1, strata: str | None = None) -> pd.DataFrame:
    """A simple random sample of ``n`` pairs (stratified by the column ``strata`` with
    :func:`allocate`), without replacement, with its design columns: stratum,
    stratum_size, inclusion_probability, weight. Sorted by article, sentence, actor."""
    if n < 1:
        raise OpedAnalysisError(f"the sample size must be at least 1, not {n}")
    if pairs.empty:
        raise OpedAnalysisError("the corpus has no sentence that names a power: nothing to sample")
    if strata is not None and strata not in pairs.columns:
        raise OpedAnalysisError(f"cannot stratify by {strata!r}; "
                                "choose one of: actor, article, outlet, month")
    rng = np.random.default_rng(seed)
    labels = pairs[strata].fillna("unknown").astype(str) if strata else pd.Series("all", index=pairs.index)
    sizes = labels.value_counts().to_dict()
    alloc = allocate(sizes, n) if strata else {"all": min(n, len(pairs))}
    parts = []
    for stratum in sorted(sizes, key=str):
        members = pairs[labels == stratum]
        k = alloc[stratum]
        if k == 0:
            continue
        chosen = members.iloc[np.sort(rng.choice(len(members), size=k, replace=False))]
        size = len(members)
        parts.append(chosen.assign(stratum=f"{strata}={stratum}" if strata else "all", stratum_size=size,
                                   inclusion_probability=k / size, weight=size / k))
    return pd.concat(parts).sort_values(KEY, kind="stable", ignore_index=True)


def sample(corpus, n: int = 200, *, seed: int = 1, strata: str | None = None, out=None,
           codebook=None, lexicon=None) -> pd.DataFrame:
    """A coding sheet: ``n`` random sentence-power pairs of ``corpus`` to code by hand.

    ``strata`` (``"actor"``, ``"article"``, ``"outlet"`` or ``"month"``) draws the same
    number from each stratum (:func:`allocate`); the ``weight`` column undoes it in
    :func:`oped_analysis.ppi.estimate`. With ``out`` (a ``.csv`` or ``.tsv`` path),
    the sheet is written there and the codebook (``codebook``, default
    :func:`default_codebook`) beside it as ``<name>.codebook.md``; existing files are never
    overwritten. The ``stance`` (-1, 0, 1), ``frame`` and ``coder`` columns are left empty.
    """
    pairs = coding_pairs(corpus, lexicon=lexicon)
    sheet = draw(pairs, n, seed=seed, strata=strata)
    if n > len(pairs):
        warnings.warn(f"the corpus has only {len(pairs)} sentence-power pairs; the sheet holds all of them",
                      stacklevel=2)
    sheet = sheet.assign(stance="", frame="", coder="", note="")[SHEET_COLUMNS]
    if out is not None:
        write_sheet(sheet, out, codebook=codebook)
    return sheet


def codebook_path(sheet_path) -> Path:
    """Where :func:`sample` writes the codebook for a sheet: ``sheet.codebook.md``."""
    path = Path(sheet_path)
    return path.with_name(path.stem + ".codebook.md")


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise OpedAnalysisError(f"{path} already exists; it may hold someone's coding, so it is never "
                                "overwritten: choose another name or move the file")
    if not path.parent.is_dir():
        raise MissingInputError(f"folder {path.parent} does not exist")


def write_table(table: pd.DataFrame, out) -> Path:
    """Write a sheet-like table (CSV, or TSV for ``.tsv``); an existing file is never overwritten."""
    out = Path(out)
    _refuse_existing(out)
    sep = "\t" if out.suffix.lower() in (".tsv", ".tab") else ","
    with open(out, "x", encoding="utf-8", newline="") as fh:   # "x": never overwrite, even racing
        table.to_csv(fh, sep=sep, index=False, lineterminator="\n")
    return out


def write_sheet(sheet: pd.DataFrame, out, codebook=None) -> tuple[Path, Path]:
    """Write a sheet and its codebook beside it (:func:`codebook_path`); refuse to overwrite either."""
    out, source = Path(out), Path(codebook) if codebook is not None else default_codebook()
    book = codebook_path(out)
    for path in (out, book):
        _refuse_existing(path)
    if not source.is_file():
        raise MissingInputError(f"codebook {source} does not exist")
    write_table(sheet, out)
    with open(book, "x", encoding="utf-8") as fh:
        fh.write(source.read_text(encoding="utf-8"))
    return out, book


# --- reading a filled-in sheet ------------------------------------------------------------

def _line(index) -> int:
    """Spreadsheet line of a 0-based data row (line 1 is the header)."""
    return int(index) + 2


def _stance_value(value):
    text = str(value).strip()
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        return "bad"
    return int(number) if number in STANCES else "bad"


def read_sheet(path, corpus_pairs: pd.DataFrame | None = None, *, fields=("stance", "frame"),
               coded_only: bool = True) -> pd.DataFrame:
    """A coding sheet (``.csv``, or ``.tsv``/``.tab`` separated by tabs), checked.

    Errors name the file and the line: missing columns, no rows, duplicated pairs,
    stances other than -1/0/1, frames outside the codebook's, and (with ``corpus_pairs``
    from :func:`coding_pairs`) pairs the corpus does not hold or whose sentence text
    differs from the corpus's. Rows whose stance is empty are not coded yet: with
    ``coded_only`` they are left out with a warning. ``stance`` comes back as an integer.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(f"coding sheet {path} does not exist")
    sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    _check_widths(path, sep)
    try:
        sheet = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                            index_col=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        kind = "TSV" if sep == "\t" else "CSV"
        raise InputError(f"{path}: cannot be read as a {kind} sheet ({exc})") from None
    sheet.columns = [c.strip() for c in sheet.columns]
    missing = [c for c in KEY + ["stance"] if c not in sheet.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; a coding sheet needs "
                         f"{', '.join(KEY)} and stance (write one with `oped-analysis sample`)")
    if sheet.empty:
        raise InputError(f"{path}: the sheet has no rows")
    for col in KEY:
        sheet[col] = sheet[col].str.strip()
    bad_number = sheet.index[~sheet["sentence"].str.fullmatch(r"\d+")]
    if len(bad_number):
        i = bad_number[0]
        raise InputError(f"{path}, line {_line(i)}: sentence {sheet.at[i, 'sentence']!r} "
                         "is not a sentence number")
    sheet["sentence"] = sheet["sentence"].astype("int64")
    dup = sheet.duplicated(KEY, keep=False)
    if dup.any():
        lines = [_line(i) for i in sheet.index[dup]]
        first = sheet.loc[sheet.index[dup][0]]
        raise InputError(f"{path}, lines {', '.join(map(str, lines[:6]))}: the pair (article "
                         f"{first['article']}, sentence {first['sentence']}, {first['actor']}) is coded more "
                         "than once; keep one row")
    stance = sheet["stance"].map(_stance_value)
    bad = stance.index[stance.astype(str) == "bad"]
    if len(bad):
        i = bad[0]
        raise InputError(f"{path}, line {_line(i)}: stance {sheet.at[i, 'stance']!r} is not a label; "
                         "use -1 (unfavourable), 0 (neutral or mixed) or 1 (favourable)")
    if "frame" in fields and "frame" in sheet.columns:
        frame = sheet["frame"].str.strip().str.lower()
        bad = frame.index[(frame != "") & ~frame.isin(FRAMES)]
        if len(bad):
            i = bad[0]
            raise InputError(f"{path}, line {_line(i)}: frame {sheet.at[i, 'frame']!r} is not a label; "
                             f"use one of {', '.join(FRAMES)}")
        sheet["frame"] = frame
    if corpus_pairs is not None:
        _check_against_corpus(path, sheet, corpus_pairs)
    sheet["stance"] = stance.astype("Int64")
    if coded_only:
        empty = sheet["stance"].isna()
        if empty.all():
            raise InputError(f"{path}: no row has a stance yet; fill in the stance column (-1, 0, 1)")
        if empty.any():
            warnings.warn(f"{path}: {int(empty.sum())} of {len(sheet)} rows have no stance yet "
                          "and are left out",
                          stacklevel=2)
        sheet = sheet[~empty].astype({"stance": "int64"})
    return sheet.reset_index(drop=True)


def _check_widths(path: Path, sep: str) -> None:
    """Every row has as many fields as the header: a stray separator would shift the columns."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=sep)
            header = next(reader, [])
            for fields in reader:
                if fields and len(fields) != len(header):
                    raise InputError(f"{path}, line {reader.line_num}: {len(fields)} fields where the header "
                                     f"has {len(header)}; a stray {'tab' if sep != ',' else 'comma'}?")
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot be read as a coding sheet ({exc})") from None


def _check_against_corpus(path: Path, sheet: pd.DataFrame, pairs: pd.DataFrame) -> None:
    known = pairs.set_index(KEY)["sentence_text"]
    for i, row in sheet.iterrows():
        key = (row["article"], row["sentence"], row["actor"])
        if key not in known.index:
            articles = set(pairs["article"])
            why = (f"the corpus has no article {row['article']!r}" if row["article"] not in articles
                   else f"the corpus has no mention of {row['actor']} in sentence {row['sentence']} of it")
            raise InputError(f"{path}, line {_line(i)}: {why}; was the sheet drawn from another corpus "
                             "(or with another lexicon)?")
        if "text" in sheet.columns and row["text"].strip() and \
                " ".join(unmark(row["text"]).split()) != " ".join(str(known[key]).split()):
            raise InputError(f"{path}, line {_line(i)}: the sentence text differs from sentence "
                             f"{row['sentence']} of {row['article']} in the corpus; the corpus or the "
                             "sentence splitting changed since the sheet was drawn")


# --- two coders --------------------------------------------------------------------------

@dataclass
class Agreement:
    """Two coders compared: ``table`` (per field: n, accuracy, Cohen's kappa, Krippendorff's
    alpha), ``confusion`` (per field, coder A as rows), ``disagreements`` (the rows to
    adjudicate, with empty ``stance`` and ``frame`` columns for the decision)."""

    table: pd.DataFrame
    confusion: dict = field(default_factory=dict)
    disagreements: pd.DataFrame = field(default_factory=pd.DataFrame)
    only_a: pd.DataFrame = field(default_factory=pd.DataFrame)
    only_b: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __repr__(self) -> str:
        table = self.table.to_string(index=False)
        return f"Agreement(\n{table}\n{len(self.disagreements)} rows to adjudicate)"


def krippendorff_alpha(a, b, level: str = "nominal", labels=None) -> float:
    """Krippendorff's alpha of two coders' labels (``krippendorff`` package; Krippendorff 2011)."""
    import krippendorff

    a, b = list(a), list(b)
    labels = list(labels) if labels is not None else sorted(set(a) | set(b), key=str)
    code = {v: i for i, v in enumerate(labels)}
    data = np.array([[code[v] for v in a], [code[v] for v in b]], dtype=float)
    if len(set(a) | set(b)) < 2:
        return float("nan")       # one value only: no variation to agree on
    values = np.array(labels, dtype=float) if level != "nominal" else None
    if values is not None:
        data = np.array([list(map(float, a)), list(map(float, b))])
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level,
                                    value_domain=values))


def _filled(values: pd.Series) -> pd.Series:
    return values.notna() & (values.astype(str).str.strip() != "")


def _field_agreement(field_name: str, a: pd.Series, b: pd.Series) -> dict:
    from . import validate

    if field_name == "stance":
        a, b = a.astype(int), b.astype(int)
    labels = STANCES if field_name == "stance" else FRAMES
    ordinal = krippendorff_alpha(a, b, "ordinal", labels) if field_name == "stance" else np.nan
    return {"field": field_name, **validate.agreement(a, b, labels),
            "alpha": krippendorff_alpha(a, b, "nominal", labels), "alpha_ordinal": ordinal,
            "confusion": validate.confusion(a, b, labels).rename_axis(index="coder A", columns="coder B")}


def agreement(sheet_a, sheet_b, *, fields=("stance", "frame"), common_only: bool = False) -> Agreement:
    """Compare two coders' sheets of the same pairs, field by field.

    Per field: n, accuracy, macro-F1 and Cohen's kappa (:func:`oped_analysis.validate.agreement`),
    and Krippendorff's alpha (nominal; for stance also ordinal, as -1 < 0 < 1). Pairs must
    match: a pair in one sheet only is an error, unless ``common_only`` (then they are listed
    in ``only_a``/``only_b``). A field either coder left empty in a row is left out of that
    field's agreement, with a warning.
    """
    a, b = (read_sheet(s, fields=fields, coded_only=False) if not isinstance(s, pd.DataFrame) else s
            for s in (sheet_a, sheet_b))
    name_a, name_b = (str(s) if not isinstance(s, pd.DataFrame) else n
                      for s, n in ((sheet_a, "sheet A"), (sheet_b, "sheet B")))
    keys_a, keys_b = (set(map(tuple, s[KEY].astype(str).values)) for s in (a, b))
    only_a = a[[tuple(k) in keys_a - keys_b for k in a[KEY].astype(str).values]]
    only_b = b[[tuple(k) in keys_b - keys_a for k in b[KEY].astype(str).values]]
    if not common_only and (len(only_a) or len(only_b)):
        side, rows, other = (name_a, only_a, name_b) if len(only_a) else (name_b, only_b, name_a)
        first = rows.iloc[0]
        raise InputError(f"{side}, line {_line(rows.index[0])}: the pair (article {first['article']}, "
                         f"sentence {first['sentence']}, {first['actor']}) is not in {other} "
                         f"({len(only_a)} pairs only in {name_a}, {len(only_b)} only in {name_b}); "
                         "both coders must code the same sheet (or pass common_only / --common-only)")
    both = a.merge(b, on=KEY, suffixes=("_a", "_b"))
    filled = {f: _filled(both[f"{f}_a"]) & _filled(both[f"{f}_b"]) for f in fields
              if f"{f}_a" in both.columns and f"{f}_b" in both.columns}
    present = [f for f in filled if filled[f].any()]
    if not present:
        raise InputError(f"{name_a} and {name_b} have no pair coded by both")
    for f in present:
        if not filled[f].all():
            warnings.warn(f"{int((~filled[f]).sum())} pairs lack a {f} from one coder ({name_a}, {name_b}) "
                          f"and are left out of the {f} agreement", stacklevel=2)
    rows, confusion = [], {}
    with warnings.catch_warnings():   # a field with one label only: kappa is NaN, say nothing more
        warnings.simplefilter("ignore")
        for f in present:
            part = both[filled[f]]
            rows.append(_field_agreement(f, part[f"{f}_a"], part[f"{f}_b"]))
            confusion[f] = rows[-1].pop("confusion")
    differs = np.zeros(len(both), dtype=bool)
    for f in present:
        differs |= filled[f] & (both[f"{f}_a"].astype(str) != both[f"{f}_b"].astype(str))
    context = [c for c in ("text_a", "text") if c in both.columns][:1]
    show = both.loc[differs, KEY + context + [c for f in present for c in (f"{f}_a", f"{f}_b")]]
    show = show.rename(columns={"text_a": "text"}).assign(**{f: "" for f in present}, note="")
    return Agreement(pd.DataFrame(rows), confusion, show.reset_index(drop=True), only_a, only_b)


# --- methods against a sheet ---------------------------------------------------------------

@dataclass
class Validation:
    """Every method against a coding sheet: ``scores`` (per method: n, accuracy, macro-F1,
    kappa), ``by_power`` (per method and actor), ``confusion`` (per method, human as rows),
    ``predictions`` (each coded pair beside each method's stance)."""

    scores: pd.DataFrame
    by_power: pd.DataFrame
    confusion: dict
    predictions: pd.DataFrame

    def __repr__(self) -> str:
        return f"Validation(\n{self.scores.to_string(index=False)})"


def validate_coding(corpus, coding, methods=None, lexicon=None) -> Validation:
    """Score every method against a coding sheet of ``corpus`` (the same measures and
    tables :mod:`oped_analysis.validate` gives for the seeds' human coding).

    ``coding`` is a sheet path or a table with article, sentence, actor, stance (and frame);
    ``methods`` defaults to :data:`oped_analysis.validate.EVAL_METHODS`.
    """
    from . import validate
    from .load import as_corpus
    from .tables import score

    corpus = as_corpus(corpus)
    pairs = coding_pairs(corpus, lexicon=lexicon)
    sheet = coding if isinstance(coding, pd.DataFrame) else read_sheet(coding, pairs)
    methods = list(methods or validate.EVAL_METHODS)
    scores = validate.method_rows(score(corpus, methods=methods, lexicon=lexicon))
    gold = sheet[KEY + ["stance"] + (["frame"] if "frame" in sheet.columns else [])].rename(
        columns={"stance": "gold_stance", "frame": "gold_frame"})
    preds = gold.merge(scores[KEY + ["label", "stance", "frame"]], on=KEY, how="inner")
    labels = list(dict.fromkeys(preds["label"]))
    table = validate.agreement_table(preds, labels=STANCES)
    per_power = validate.agreement_table(preds, by=("label", "actor"), labels=STANCES)
    matrices = {lab: validate.confusion(g["gold_stance"], g["stance"])
                for lab, g in preds.groupby("label", sort=False)}
    return Validation(table, per_power, {lab: matrices[lab] for lab in labels}, preds.reset_index(drop=True))


# --- the seeds' gold coding as a sheet -----------------------------------------------------

def sheet_from_gold(corpus, coding_file, gold_folder=None, lexicon=None) -> pd.DataFrame:
    """A reference coding (``data/gold/coding.tsv``, ``coder_1.tsv``, ...) as a coding sheet of
    ``corpus``: its pairs renumbered to the library's sentences
    (:func:`oped_analysis.validate.align_sentences`) and kept where the library detects the
    actor there (the sheet's unit). Design columns as for a full census (weight 1)."""
    from . import validate
    from .tables import sentences as split

    coding_file = Path(coding_file)
    folder = Path(gold_folder) if gold_folder is not None else coding_file.parent
    ref_sentences, _ = validate.read_gold(folder)
    coding = read_sheet(coding_file)
    pairs = coding_pairs(corpus, lexicon=lexicon)
    aligned = validate.align_sentences(split(corpus), ref_sentences).dropna(subset=["pred_sentence"])
    keyed = coding.merge(aligned, on=["article", "sentence"])
    keyed = keyed.drop(columns=["article", "sentence"]).rename(
        columns={"pred_article": "article", "pred_sentence": "sentence"}).astype({"sentence": "int64"})
    keyed = keyed.drop_duplicates(KEY)
    keep = [c for c in ("stance", "frame", "note") if c in keyed.columns]
    sheet = pairs.merge(keyed[KEY + keep], on=KEY, how="inner")
    sheet = sheet.assign(coder=coding_file.stem, stratum="all", stratum_size=len(pairs),
                         inclusion_probability=len(sheet) / len(pairs), weight=len(pairs) / len(sheet))
    return sheet[SHEET_COLUMNS].reset_index(drop=True)
