"""Every output of ``oped-analysis analyze`` and ``compare`` stays byte-identical.

Checksums of each output file (and of ``compare`` in every format) on the seeds and on a
200-article generated corpus (``bench/corpus.py``, fixed seed and fixed source files) are
recorded in ``tests/golden/outputs.json``. A refactor must keep them; a deliberate change of
results (a new method, a better splitter) re-records them with
``OPED_UPDATE_GOLDEN=1 pytest tests/test_regression.py`` and says so in its commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from oped_analysis.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "outputs.json"
#: The dataset files the generated corpus draws from: fixed, so new datasets do not change it.
POOL_FILES = ["data/gold/sentences.tsv", "data/newsmtsc/train.jsonl", "data/nyt_editorials/dev.tsv"]
#: Method sets: the default, and every method (target-aware ones add stance and frame columns).
METHOD_SETS = {"default": [], "all": ["--methods", "textblob,vader,rules,model,roles"]}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generated = make_corpus(tmp_path_factory.mktemp("generated"), 200, seed=0,
                            files=[ROOT / f for f in POOL_FILES])
    return {"seeds": ROOT / "seeds", "generated": generated}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _outputs(inputs, tmp_path, capsys) -> dict[str, str]:
    """Checksums of every output, keyed ``input/methods/command/file``."""
    sums = {}
    for name, path in inputs.items():
        sums[f"{name}/input"] = _digest(b"".join(p.read_bytes() for p in sorted(Path(path).rglob("*.txt"))))
        for label, methods in METHOD_SETS.items():
            for fmt in ("table", "csv", "json"):
                assert main(["compare", str(path), "--format", fmt, *methods]) == 0
                sums[f"{name}/{label}/compare.{fmt}"] = _digest(capsys.readouterr().out.encode())
            out = tmp_path / name / label
            assert main(["analyze", str(path), "--out", str(out), "--no-progress", *methods]) == 0
            capsys.readouterr()  # the summary carries timings
            for file in sorted(out.iterdir()):
                if file.suffix in (".csv", ".parquet"):
                    data = _canonical(file).replace(str(path).encode(), b"<input>")
                    sums[f"{name}/{label}/analyze/{file.name}"] = _digest(data)
    return sums


def _canonical(file: Path) -> bytes:
    """A CSV's bytes; a Parquet file's schema and rows (its footer names the writer's version).

    The caller replaces the input folder (in the ``source`` column) by a placeholder."""
    if file.suffix == ".csv":
        return file.read_bytes()
    import pyarrow.parquet as pq

    table = pq.read_table(file)
    schema = table.schema.remove_metadata()
    return str(schema).encode() + table.to_pandas().to_csv(index=False).encode()


def test_outputs_match_the_recorded_checksums(inputs, tmp_path, capsys):
    sums = _outputs(inputs, tmp_path, capsys)
    if os.environ.get("OPED_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(sums, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = sorted(k for k in recorded.keys() | sums.keys() if recorded.get(k) != sums.get(k))
    assert not changed, f"outputs differ from tests/golden/outputs.json: {changed}"
