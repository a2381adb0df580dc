"""Where the project's data sets live, and readers for them.

The data sets (``data/newsmtsc``, ``data/nyt_editorials``, ``data/gold``, ``data/opeds_synth``,
``data/cameo``) sit in the
repository next to ``src/``, so an editable install finds them relative to this file.
Set ``OPED_ANALYSIS_DATA`` to a folder holding the same sub-folders to use another copy
(for example a non-editable install).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd

from .errors import MissingInputError

#: The repository's data folder, as seen from an editable install (``src/oped_analysis``).
REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The data folder: ``$OPED_ANALYSIS_DATA`` if set, else the repository's ``data/``."""
    env = os.environ.get("OPED_ANALYSIS_DATA")
    return Path(env) if env else REPO_DATA


def data_path(*parts: str) -> Path:
    """The path of a data file, with a clear error naming the fix when it is missing."""
    path = data_dir().joinpath(*parts)
    if not path.exists():
        raise MissingInputError(
            f"data file {path} not found: the stance model and the validation need the "
            f"repository's data/ folder; install the package editable from a checkout "
            f"(pip install -e .) or set OPED_ANALYSIS_DATA to a folder holding {parts[0]}/")
    return path


NEWSMTSC_SPLITS = ("train", "dev_rw", "dev_mt")


def read_newsmtsc(split: str = "train") -> pd.DataFrame:
    """One NewsMTSC split: one row per target (sentence, mention, start, end, polarity, id)."""
    if split not in NEWSMTSC_SPLITS:
        raise MissingInputError(f"unknown NewsMTSC split {split!r}; available: {list(NEWSMTSC_SPLITS)}")
    path = data_path("newsmtsc", f"{split}.jsonl")
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    frame = pd.DataFrame(rows).rename(columns={"from": "start", "to": "end"})
    return frame[["id", "sentence", "mention", "start", "end", "polarity"]].astype(
        {"start": "int64", "end": "int64", "polarity": "int64"})


def read_nyt(split: str = "dev") -> pd.DataFrame:
    """NYT editorial snippets with their mean human rating (-4..4): id, mean_rating, sentence."""
    path = data_path("nyt_editorials", f"{split}.tsv")
    return pd.read_csv(path, sep="\t", dtype={"id": str}, keep_default_na=False, quoting=3)


def read_opeds_synth() -> pd.DataFrame:
    """The synthetic op-ed stance data (``data/opeds_synth``): one row per sentence x power
    (id, text, actor, alias, start, end, stance, frame, construction); see its README."""
    path = data_path("opeds_synth", "opeds_synth.tsv")
    frame = pd.read_csv(path, sep="\t", dtype={"id": str, "frame": str}, keep_default_na=False, quoting=3)
    return frame.astype({"start": "int64", "end": "int64", "stance": "int64"})


#: A one-word entry of the CAMEO country-actor dictionary ("+BERLIN_", "GERMANY_ [DEU]"): a place
#: (a country, a city, a region, in several languages) or a one-word name such as "ERDOGAN_".
_CAMEO_ONE_WORD = re.compile(r"^\+?([A-Z][A-Z'\-]*)_\s*(?:\[|#|$)")


def read_cameo_places() -> frozenset[str]:
    """The one-word entries, upper case, of the CAMEO country-actor dictionary
    (``data/cameo/Phoenix.Countries.actors.txt``): places such as "BERLIN", "TEHRAN", "NAIROBI"."""
    path = data_path("cameo", "Phoenix.Countries.actors.txt")
    with open(path, encoding="utf-8", errors="replace") as fh:
        return frozenset(m.group(1) for line in fh if (m := _CAMEO_ONE_WORD.match(line.strip())))


_CAMEO_BLOCK = re.compile(r"^---\s+(\S+)\s+\[(\S+)\]\s+---")
_CAMEO_CODE = re.compile(r"\[(\d{3})\]")


def read_cameo_verbs() -> pd.DataFrame:
    """Single-word verbs of the CAMEO dictionary (``data/cameo/CAMEO.2.0.txt``) with their
    event code: one row per (verb form, code, root). A verb line's own code wins over its
    block's; blocks without a code (``[---]``) are skipped; forms in braces (irregular
    inflections) are listed too. Multi-word phrases and synonym-set references are left out."""
    path = data_path("cameo", "CAMEO.2.0.txt")
    rows, block_code = [], None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        head = _CAMEO_BLOCK.match(line)
        if head:
            block_code = head.group(2) if head.group(2).isdigit() else None
            continue
        body = line.split("#", 1)[0].strip()
        if not body or block_code is None or body[0] in "-+&~":
            continue
        own = _CAMEO_CODE.search(body)
        code = own.group(1) if own else block_code
        words = re.sub(r"\[[^\]]*\]", " ", body).replace("{", " ").replace("}", " ").split()
        for word in words:
            if word.isalpha():
                rows.append({"verb": word.lower(), "code": code, "root": int(code[:2])})
    return pd.DataFrame(rows, columns=["verb", "code", "root"]).drop_duplicates("verb", ignore_index=True)
