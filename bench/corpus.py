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


def sentence_pool() -> list[str]:
    """Every sentence of more than three words in the repo's seeds and datasets,
    de-duplicated, in a stable order."""
    import oped_analysis as oa

    pool = list(oa.sentences(oa.load_corpus(ROOT / "seeds"))["text"])
    pool += [t for t in dataset_texts() if len(t.split()) > 3]
    return sorted(dict.fromkeys(" ".join(s.split()) for s in pool))


def dataset_texts() -> list[str]:
    """The texts of the repo's datasets as they are (TSV ``text`` or ``sentence`` column, JSONL
    ``sentence`` or ``text`` field), file after file."""
    texts = []
    for path in dataset_files():
        if path.suffix == ".tsv":
            with path.open(encoding="utf-8", newline="") as f:
                texts += [row.get("text") or row.get("sentence") for row in csv.DictReader(f, delimiter="\t")]
        else:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            texts += [row.get("sentence") or row.get("text") for row in rows if isinstance(row, dict)]
    return [t for t in texts if isinstance(t, str) and t]


def dataset_files() -> list[Path]:
    """The repo's dataset files (TSV and JSONL under ``data/``), in a stable order."""
    return sorted(p for p in (ROOT / "data").rglob("*") if p.suffix in (".tsv", ".jsonl"))


def make_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` synthetic articles as ``folder/NNN/article-NNNNNN.txt``; returns ``folder``."""
    pool = sentence_pool()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = [" ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
                 for _ in range(rng.randint(4, 10))]
        title = " ".join(rng.choice(pool).split()[:8]).rstrip(".,;:")
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{i:06d}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return folder
