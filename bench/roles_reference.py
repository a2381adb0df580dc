"""Record what the ``roles`` stance method says at a git revision, as the reference its faster
inference is checked against (``tests/test_roles_fast.py``).

    python bench/roles_reference.py [REVISION]   # default main; writes tests/golden/roles_reference.json.gz

The package and its data at ``REVISION`` are exported (``git archive``) into a temporary folder
and run there in a new process, so the reference is that revision's own code path, not the
code being tested. For every target of real text (each mention of a power in the seeds, every
row of ``data/opeds_synth`` and NewsMTSC ``dev_rw`` / ``dev_mt``, every case of the behavioural
suite) it records the role features and the words behind them (``roles.role_features``; the
word features show in the probabilities), the probabilities, stance and explanation
(``RoleStanceModel.explain``), and per sentence x power of the seeds the row of
``RoleStanceMethod.score_mentions``. Re-record (from the revision before a deliberate change of
features or training) as the golden checksums are re-recorded.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "golden" / "roles_reference.json.gz"


def targets() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """``(source, sentence, spans)`` for every target: one span per row of the data sets, every
    mention of a power in a seed sentence together (as the chain passes them)."""
    import oped_analysis as oa
    from oped_analysis.behaviour import suite
    from oped_analysis.resources import read_newsmtsc, read_opeds_synth

    out = []
    corpus = oa.load_corpus(ROOT / "seeds")
    sentences = oa.sentences(corpus).set_index(["article", "sentence"])
    mentions = oa.mentions(corpus)
    for (article, number, _), group in mentions.groupby(["article", "sentence", "actor"], sort=False):
        row = sentences.loc[(article, number)]
        out.append(("seeds", row["text"], [(a - row["start"], b - row["start"])
                                           for a, b in zip(group["start"], group["end"])]))
    synth = read_opeds_synth()
    out += [("opeds_synth", s, [(a, b)]) for s, a, b in zip(synth["text"], synth["start"], synth["end"])]
    for split in ("dev_rw", "dev_mt"):
        news = read_newsmtsc(split)
        out += [(split, s, [(a, b)]) for s, a, b in zip(news["sentence"], news["start"], news["end"])]
    cases = suite().drop_duplicates(["text", "start", "end"])
    out += [("behaviour", s, [(a, b)]) for s, a, b in zip(cases["text"], cases["start"], cases["end"])]
    return [(source, str(s), [(int(a), int(b)) for a, b in spans]) for source, s, spans in out]


def record(path: Path) -> None:
    """Write the reference of the code on the path (run inside the exported revision)."""
    from oped_analysis.scoring import get_method
    from oped_analysis.scoring.roles import role_features
    from oped_analysis.scoring.stance import trained_model

    model, method = trained_model(), get_method("roles")
    rows = []
    for source, sentence, spans in targets():
        scored = []
        for a, b in spans:
            feats, why = role_features(sentence, a, b)
            stance, confidence, p, explanation = model.explain(sentence, a, b)
            scored.append({"features": feats, "why": why, "p": [float(x) for x in p], "stance": stance,
                           "explanation": explanation})
        row = {"source": source, "sentence": sentence, "spans": spans, "targets": scored}
        if source == "seeds":
            row["row"] = method.score_mentions(sentence, spans)[0]
        rows.append(row)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(rows, fh)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--record"]:
        record(Path(argv[1]))
        return 0
    revision = argv[0] if argv else "main"
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src", "data", "seeds"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src"),
               "OPED_ANALYSIS_DATA": str(Path(tmp) / "data")}
        # this file's targets() reads the seeds relative to ROOT: run a copy inside the export
        script = Path(tmp) / "bench" / "roles_reference.py"
        script.parent.mkdir()
        script.write_text(Path(__file__).read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run([sys.executable, str(script), "--record", str(REFERENCE)], check=True, env=env)
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", revision], check=True, capture_output=True,
                         text=True).stdout.strip()
    print(f"{REFERENCE.relative_to(ROOT)}: recorded at {revision} ({sha[:10]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
