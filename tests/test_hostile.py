"""Hostile and messy input: encodings, degenerate articles, binary and huge files, and
deterministic output whatever the file order or process. Escaping: test_escaping.py; user
mistakes: test_user_errors.py."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tracemalloc
import warnings
from pathlib import Path

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis.errors import DecodingWarning, InputError, MissingInputError

SEED_TEXTS = {p.name: p.read_text(encoding="utf-8")
              for p in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))}
FAST = ["textblob", "vader"]


def write_seeds(folder: Path, transform=lambda text: text.encode("utf-8"), names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or SEED_TEXTS:
        (folder / name).write_bytes(transform(SEED_TEXTS[name]))
    return folder


def load_quietly(source, **kwargs) -> tuple[oa.Corpus, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = oa.load_corpus(source, **kwargs)
    return corpus, caught


# -- encodings and line ends ------------------------------------------------------------

#: Byte-level variants that must give exactly the same body, sentences and mentions.
SAME_TEXT = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16 with BOM": lambda t: t.encode("utf-16"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "cp1252": lambda t: t.encode("cp1252"),
    "CRLF line ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "CR line ends": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "mixed line ends": lambda t: t.replace("\n\n", "\r\n\r").encode("utf-8"),
    "zero-width characters": lambda t: t.replace("Russia", "Rus\u200bsia").replace("US", "U\u2060S")
    .replace(" the ", " \u200bthe\ufeff ").encode("utf-8"),
    "NUL bytes": lambda t: t.replace("China", "Ch\x00ina").replace(". ", ".\x00 ").encode("utf-8"),
    "soft hyphens": lambda t: t.replace("Pakistan", "Paki\u00adstan").encode("utf-8"),
}
WARNS = {"cp1252", "utf-16-le without BOM"}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    corpus = oa.load_corpus(write_seeds(tmp_path_factory.mktemp("utf8")))
    return corpus, oa.sentences(corpus), oa.mentions(corpus)


@pytest.mark.parametrize("variant", SAME_TEXT)
def test_every_encoding_and_line_end_gives_the_same_sentences_and_mentions(variant, reference, tmp_path):
    ref_corpus, ref_sents, ref_ments = reference
    corpus, caught = load_quietly(write_seeds(tmp_path, SAME_TEXT[variant]))
    assert [a.body for a in corpus] == [a.body for a in ref_corpus]
    pd.testing.assert_frame_equal(oa.sentences(corpus), ref_sents)
    pd.testing.assert_frame_equal(oa.mentions(corpus), ref_ments)
    messages = [str(w.message) for w in caught if issubclass(w.category, DecodingWarning)]
    if variant in WARNS:  # one warning per file, naming the file and the encoding used
        assert len(messages) == len(SEED_TEXTS)
        for name, message in zip(sorted(SEED_TEXTS), sorted(messages)):
            assert str(tmp_path / name) in message and variant.split()[0] in message
    else:
        assert messages == []


#: Same-length character variants: offsets must not move; text differs only by them.
SAME_LENGTH = {
    "no-break spaces": str.maketrans({" ": "\u00a0"}),
    "thin and ideographic spaces": str.maketrans({" ": "\u2009", "\t": "\u3000"}),
    "ASCII quotes": str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}),
    "typographic quotes and dashes": str.maketrans({"'": "’", "-": "‐", "—": "–"}),
}


@pytest.mark.parametrize("variant", SAME_LENGTH)
def test_spaces_quotes_and_dashes_do_not_change_splitting_or_actors(variant, reference, tmp_path):
    _, ref_sents, ref_ments = reference
    table = SAME_LENGTH[variant]
    corpus, _ = load_quietly(write_seeds(tmp_path, lambda t: t.translate(table).encode("utf-8")))
    sents, ments = oa.sentences(corpus), oa.mentions(corpus)
    pd.testing.assert_frame_equal(sents.drop(columns="text"), ref_sents.drop(columns="text"))
    assert sents["text"].tolist() == [t.translate(table) for t in ref_sents["text"]]
    if variant == "typographic quotes and dashes":  # "Pak-Russia" -> "Pak‐Russia" still names both
        assert ments["actor"].tolist() == ref_ments["actor"].tolist()
    else:
        pd.testing.assert_frame_equal(ments.drop(columns="alias"), ref_ments.drop(columns="alias"))


def test_latin1_fallback_warns_naming_the_file_and_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café talk: Russia and the U.S. disagree.\n".encode("latin-1") + b"\x81 end.\n")
    with pytest.warns(DecodingWarning, match=r"latin\.txt.*latin-1"):
        art = oa.load_article(path)
    assert "Café" in art.body and "\x81" not in art.body  # a C1 control is cut as invisible
    assert oa.mentions(art)["actor"].tolist() == ["Russia", "US"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # naming the encoding silences the guess
        assert oa.load_article(path, encoding="latin-1").body == art.body


def test_sentence_splitting_survives_multibyte_spaces_after_abbreviations():
    # sentencex (Rust) panicked on "U.S\u00a0." (found by tests/test_fuzz.py)
    body = "a U.S\u00a0. b. Mr.\u00a0Smith went home. Then\u2009U.S\u2009. left."
    spans = oa.text.split_sentences(body)
    assert [body[a:b] for a, b in spans] == ["a U.S\u00a0. b. Mr.\u00a0Smith went home.",
                                             "Then\u2009U.S\u2009. left."]
    plain = body.replace("\u00a0", " ").replace("\u2009", " ")
    assert oa.text.split_sentences(plain) == spans  # no-break spaces split like spaces


def test_mixed_unicode_forms_of_actor_names_are_found():
    text = ("The U.S.\u00a0and “China” met; Russia’s envoy, Russia's ally and anti‐US voices "
            "spoke of Sino–Pak ties,\u2009the Pak-Russia' axis and Washington—Moscow rows.")
    found = oa.mentions(oa.Article.from_text(text))
    assert found["actor"].tolist() == ["US", "China", "Russia", "Russia", "US", "China", "Pakistan",
                                       "Pakistan", "Russia", "US", "Russia"]


# -- degenerate articles ---------------------------------------------------------------

DEGENERATE = {
    "empty": "",
    "whitespace only": " \n\t\r\n\u00a0\u3000\n",
    "invisible only": "\u200b\ufeff\x00\u2060",
    "title only": "Regional balance to counter US influence",
    "title and furniture only": "Regional balance\n\nAuthor: Babar Ali Bhatti\n\nShare\n",
    "one sentence": "Russia is a friend.",
    "no actor mentions": "A headline\n\nThe weather was fine. Nobody came to the meeting.",
    "markup only": "<script></script>",
}
TABLES = {"sentences": oa.sentences, "mentions": oa.mentions,
          "score": lambda c: oa.score(c, methods=FAST), "compare": lambda c: oa.compare(c, methods=FAST),
          "kwic": oa.kwic, "keyness": oa.keyness}


@pytest.mark.parametrize("name", DEGENERATE)
def test_degenerate_articles_give_empty_or_zero_tables(name):
    text = DEGENERATE[name]
    art = oa.Article.from_text(text, id=name)
    assert art.raw == text.replace("\r\n", "\n")
    out = {key: fn(art) for key, fn in TABLES.items()}
    n_mentions = len(out["mentions"])
    assert len(out["kwic"]) == n_mentions
    assert out["compare"]["mentions"].sum() == out["mentions"]["actor"].isin(["US", "China", "Russia"]).sum()
    assert out["compare"]["mentions"].dtype == "int64" and out["compare"]["mentions"].notna().all()
    if not n_mentions:
        for key in ("mentions", "score", "kwic", "keyness"):
            assert out[key].empty and list(out[key].columns)  # empty, but with its columns
        assert set(out["compare"].columns) >= {"article", "actor", "mentions", "sentences", "share"}
        assert (out["compare"][["mentions", "sentences"]] == 0).all().all()
    if not art.body.strip():
        assert out["sentences"].empty and list(out["sentences"].columns) == oa.tables.SENTENCE_COLUMNS
    scores = out["score"]
    assert scores["polarity"].notna().all()
    # the tables also survive a corpus mixing the degenerate article with a real one
    mixed = oa.Corpus([art, oa.Article.from_text(SEED_TEXTS[sorted(SEED_TEXTS)[1]], id="seed")])
    cmp = oa.compare(mixed, methods=FAST)
    assert sorted(cmp["article"].unique()) == sorted([name, "seed"])


def test_empty_and_whitespace_files_are_refused_naming_the_file(tmp_path):
    for name, data in {"empty.txt": b"", "blank.txt": b" \r\n\t\n", "bom.txt": b"\xef\xbb\xbf"}.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError, match=name):
            oa.load_article(tmp_path / name)
    (tmp_path / "good.txt").write_text("Russia is a friend.", encoding="utf-8")
    corpus = oa.load_corpus(tmp_path, errors="collect")
    assert corpus.ids == ["good"]
    assert sorted(Path(p.source).name for p in corpus.problems) == ["blank.txt", "bom.txt", "empty.txt"]


BINARY = {
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "document.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "archive.html": b"PK\x03\x04" + os.urandom(512),
    "noise.md": bytes(range(256)) * 16,
    "nuls.txt": b"Russia\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" * 50,
    "int16.txt": b"".join(n.to_bytes(2, "little") for n in range(1, 31)) * 40,  # not UTF-16 text
}


@pytest.mark.parametrize("name", BINARY)
def test_binary_files_are_refused_naming_the_file(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(BINARY[name])
    with pytest.raises(InputError, match=rf"{name}: looks like a binary file"):
        oa.load_article(path)


def test_a_50_mb_file_is_refused_quickly_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        line = b"Russia and the US talk again. " * 33 + b"\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"huge\.txt: 50 MB is too large .*split it"):
            oa.load_article(path)
        too_large = r"no readable articles \(.*huge\.txt: 50 MB is too large"
        with pytest.raises(MissingInputError, match=too_large):
            oa.load_corpus(tmp_path, errors="collect")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # refused from the file size, without reading it


def test_a_50_mb_table_row_is_refused_naming_the_row(tmp_path):
    path = tmp_path / "huge.csv"
    pd.DataFrame({"id": ["small", "big"],
                  "text": ["Russia is a friend.", "China. " * 7_200_000]}).to_csv(path, index=False)
    tracemalloc.start()
    try:
        corpus = oa.load_corpus(path, errors="collect")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * path.stat().st_size  # measured: about 6x the file (bytes, text, table)
    assert corpus.ids == ["small"]
    assert [p.source for p in corpus.problems] == [f"{path}:line 3"]
    assert "too large" in corpus.problems[0].message


# -- determinism -----------------------------------------------------------------------

def table_bytes(corpus) -> dict[str, bytes]:
    """Every output table as CSV bytes (floats in full precision)."""
    return {name: fn(corpus).to_csv(index=False, lineterminator="\n").encode("utf-8")
            for name, fn in TABLES.items()}


def test_output_tables_are_byte_identical_run_after_run_and_whatever_the_file_order(tmp_path):
    names = sorted(SEED_TEXTS)
    forward = write_seeds(tmp_path / "a", names=names)
    backward = write_seeds(tmp_path / "b", names=names[::-1])  # created in the other order
    for name in names[::-1]:  # and touched so mtimes and inode order differ too
        os.utime(backward / name, (1, 1 + names.index(name)))
    first = table_bytes(oa.load_corpus(forward))
    assert table_bytes(oa.load_corpus(forward)) == first
    assert table_bytes(oa.load_corpus(backward)) == first
    assert table_bytes(oa.load_corpus(str(backward / "*.txt"))) == first
    assert table_bytes(oa.load_corpus([backward])) == first
    reversed_ids = [Path(n).stem for n in names[::-1]]
    assert oa.load_corpus([backward / names[1], backward / names[0]]).ids == reversed_ids


DIGEST_SCRIPT = """
import hashlib, sys, oped_analysis as oa
fast = ["textblob", "vader"]
corpus = oa.load_corpus(sys.argv[1])
tables = {"sentences": oa.sentences(corpus), "mentions": oa.mentions(corpus),
          "score": oa.score(corpus, methods=fast), "compare": oa.compare(corpus, methods=fast),
          "kwic": oa.kwic(corpus), "keyness": oa.keyness(corpus)}
print(sorted((k, hashlib.sha256(v.to_csv(index=False, lineterminator="\\n").encode()).hexdigest())
             for k, v in tables.items()))
"""


def test_output_tables_are_identical_across_processes_with_different_hash_seeds(root, seeds):
    runs = [subprocess.Popen([sys.executable, "-c", DIGEST_SCRIPT, str(seeds)], cwd=root,
                             env={**os.environ, "PYTHONHASHSEED": seed}, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for seed in ("1", "4242")]  # side by side: two fresh interpreters, two hash seeds
    outputs = set()
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        outputs.add(out)
    here = sorted((k, hashlib.sha256(v).hexdigest()) for k, v in table_bytes(oa.load_corpus(seeds)).items())
    assert outputs == {f"{here}\n"}
