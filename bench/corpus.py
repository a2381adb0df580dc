"""A seeded synthetic corpus: sentences of the seeds and the repo's datasets, recombined.

Each article is a title line and 4-10 paragraphs of 2-5 sentences drawn (with a fixed
seed) from every sentence the repository holds: the seeds (split by the library),
``data/gold/sentences.tsv`` and every ``data/*/`` JSONL/TSV dataset with a text column
(NewsMTSC and the NYT editorials).
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sentence_pool(files: list[Path] | None = None) -> list[str]:
    """Every sentence of more than three words in the repo's seeds and datasets,
    de-duplicated, in a stable order.

    ``files``: the dataset files to draw from (default: every one, :func:`dataset_files`);
    a fixed list keeps the pool, and so the corpus, the same when datasets are added.
    """
    import oped_analysis as oa

    pool = list(oa.sentences(oa.load_corpus(ROOT / "seeds"))["text"])
    pool += [t for t in dataset_texts(files) if len(t.split()) > 3]
    return sorted(dict.fromkeys(" ".join(s.split()) for s in pool))


def dataset_texts(files: list[Path] | None = None) -> list[str]:
    """The texts of the repo's datasets as they are (TSV ``text`` or ``sentence`` column, JSONL
    ``sentence`` or ``text`` field), file after file (``files``: as for :func:`sentence_pool`)."""
    texts = []
    for path in (dataset_files() if files is None else files):
        if path.suffix == ".tsv":
            with path.open(encoding="utf-8", newline="") as f:
                texts += [row.get("text") or row.get("sentence") for row in csv.DictReader(f, delimiter="\t")]
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            rows = [json.loads(line) for line in lines if line.strip()]
            texts += [row.get("sentence") or row.get("text") for row in rows if isinstance(row, dict)]
    return [t for t in texts if isinstance(t, str) and t]


def dataset_files() -> list[Path]:
    """The repo's dataset files (TSV and JSONL under ``data/``), in a stable order."""
    return sorted(p for p in (ROOT / "data").rglob("*") if p.suffix in (".tsv", ".jsonl"))


def make_corpus(folder: Path, n: int, seed: int = 0, files: list[Path] | None = None) -> Path:
    """Write ``n`` synthetic articles as ``folder/NNN/article-NNNNNN.txt``; returns ``folder``.

    The same ``n``, ``seed`` and ``files`` always give the same bytes.
    """
    pool = sentence_pool(files)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = [" ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
                 for _ in range(rng.randint(4, 10))]
        title = " ".join(rng.choice(pool).split()[:8]).rstrip(".,;:")
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        text = title + "\n\n" + "\n\n".join(paras) + "\n"
        (sub / f"article-{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder
