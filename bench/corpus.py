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


#: Openers that make a sentence drawn again a new string (``fresh=True``): the pool holds about
#: 12,000 sentences and 10,000 articles need 240,000, and a corpus that repeats its sentences
#: lets every per-sentence cache of the library hit, which real text does not.
OPENERS = """Moreover, | Still, | Yet | Indeed, | In short, | Meanwhile, | Even so, | Above all, |
Put simply, | For now, | In practice, | At the same time, | By contrast, | In the end, | Once again, |
As critics note, | To be sure, | In fairness, | Of course, | Even then, | In any case, | So far, |
By and large, | On paper, | In truth, | Last year, | This week, | Since then, | For years, |
Until now,""".replace("\n", " ").split(" | ")


def make_corpus(folder: Path, n: int, seed: int = 0, files: list[Path] | None = None,
                fresh: bool = False) -> Path:
    """Write ``n`` synthetic articles as ``folder/NNN/article-NNNNNN.txt``; returns ``folder``.

    ``fresh=False`` draws each sentence from the pool at random (sentences recur: the
    regression corpus); ``fresh=True`` deals the shuffled pool out and, once it is used up,
    deals it again with an opener before each sentence (:data:`OPENERS`), so no sentence
    string recurs, as in real text (the benchmark corpus). The same arguments always give the
    same bytes.
    """
    pool = sentence_pool(files)
    rng = random.Random(seed)
    draw = _dealt(pool, rng) if fresh else (lambda: rng.choice(pool))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = [" ".join(draw() for _ in range(rng.randint(2, 5)))
                 for _ in range(rng.randint(4, 10))]
        title = " ".join(draw().split()[:8]).rstrip(".,;:")
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        text = title + "\n\n" + "\n\n".join(paras) + "\n"
        (sub / f"article-{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def _dealt(pool: list[str], rng: random.Random):
    """A function giving the sentences of ``pool`` in shuffled rounds, each round's with the
    next opener (two joined once every opener has been used), so no string comes twice."""
    import itertools

    openers = itertools.chain([""], (f"{o} " for o in OPENERS),
                              (f"{a} {b.lower()} " for a in OPENERS for b in OPENERS if a != b))

    def rounds():
        for opener in openers:
            order = pool[:]
            rng.shuffle(order)
            for sentence in order:
                yield opener + sentence
    return rounds().__next__
