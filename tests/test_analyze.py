"""oa.analyze and `oped-analysis analyze`: chunks, workers, Dask, bad inputs, the CLI."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import oped_analysis as oa
from oped_analysis.cli import main
from oped_analysis.pipeline import TABLES


@pytest.fixture(scope="module")
def jsonl_corpus(tmp_path_factory, seed_sentences):
    """Twelve articles made of the seeds' sentences, as JSONL with metadata columns."""
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    texts = seed_sentences["text"].tolist()
    with path.open("w", encoding="utf-8") as f:
        for i in range(12):
            body = "\n\n".join(" ".join(texts[(i * 7 + k * 3) % len(texts)] for k in range(j, j + 3))
                               for j in range(0, 9, 3))
            f.write(json.dumps({"doc": f"a{i:02d}", "headline": f"Article {i}", "body": body,
                                "published": f"2020-01-{i + 1:02d}"}) + "\n")
    return path


COLUMNS = {"text": "body", "id": "doc", "title": "headline"}


def read_all(out):
    return {name: (out / f"{name}.csv").read_bytes() for name in TABLES}


def test_seeds_match_the_library_tables(seeds, tmp_path, corpus):
    summary = oa.analyze(seeds, tmp_path, progress=False)
    assert (summary.articles, len(summary.problems)) == (2, 0)
    sents = pd.read_parquet(tmp_path / "sentences.parquet")
    pd.testing.assert_frame_equal(sents, oa.sentences(corpus), check_dtype=False)
    ments = pd.read_parquet(tmp_path / "mentions.parquet")
    pd.testing.assert_frame_equal(ments, oa.mentions(corpus), check_dtype=False)
    comp = pd.read_parquet(tmp_path / "comparison.parquet")
    pd.testing.assert_frame_equal(comp, oa.compare(corpus)[comp.columns], check_dtype=False)
    scores = pd.read_parquet(tmp_path / "scores.parquet")
    expected = oa.score(corpus)
    assert len(scores) == len(expected) == summary.scores
    key = ["article", "sentence", "actor", "method", "scope"]
    pd.testing.assert_frame_equal(scores.sort_values(key, ignore_index=True), expected, check_dtype=False)
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert articles["sentences"].sum() == summary.sentences == len(sents)
    assert pd.read_csv(tmp_path / "sentences.csv")["text"].tolist() == sents["text"].tolist()


def test_chunk_size_and_jobs_do_not_change_the_output(seeds, tmp_path, jsonl_corpus, monkeypatch):
    from oped_analysis import pipeline

    monkeypatch.setattr(pipeline, "ROW_GROUP_ROWS", 1)  # a row group per chunk, to see the streaming
    runs = {}
    for name, kwargs in {"one": dict(chunk_size=100), "chunks": dict(chunk_size=1),
                         "jobs": dict(chunk_size=2, jobs=2)}.items():
        summary = oa.analyze([seeds, jsonl_corpus], tmp_path / name, columns=COLUMNS, progress=False,
                             **kwargs)
        assert summary.articles == 14 and not summary.problems
        runs[name] = read_all(tmp_path / name)
    assert runs["one"] == runs["chunks"] == runs["jobs"]
    arts = pd.read_parquet(tmp_path / "chunks" / "articles.parquet")
    assert arts["article"].tolist()[:3] == ["000_7e72c071a9cad5df", "004_8ab31b7c5fbbd9ce", "a00"]
    assert arts.loc[2, "title"] == "Article 0" and str(arts.loc[2, "published"]) == "2020-01-01"
    # one Parquet row group per non-empty chunk (ROW_GROUP_ROWS=1): written as it went
    import pyarrow.parquet as pq
    assert pq.ParquetFile(tmp_path / "chunks" / "sentences.parquet").num_row_groups == 14


def test_dask_engine_gives_identical_tables(tmp_path, jsonl_corpus):
    oa.analyze(jsonl_corpus, tmp_path / "local", columns=COLUMNS, chunk_size=3, progress=False)
    oa.analyze(jsonl_corpus, tmp_path / "threads", columns=COLUMNS, chunk_size=3, engine="dask",
               scheduler="threads", jobs=2, progress=False)
    assert read_all(tmp_path / "local") == read_all(tmp_path / "threads")


def test_dask_distributed_local_cluster_of_two_workers(tmp_path, jsonl_corpus):
    distributed = pytest.importorskip("distributed")
    oa.analyze(jsonl_corpus, tmp_path / "local", columns=COLUMNS, chunk_size=4, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        summary = oa.analyze(jsonl_corpus, tmp_path / "cluster", columns=COLUMNS, chunk_size=4,
                             engine="dask", scheduler=client, progress=False)
        assert summary.articles == 12
        # the same cluster by address, as the CLI's --scheduler gives it
        summary = oa.analyze(jsonl_corpus, tmp_path / "address", columns=COLUMNS, chunk_size=4,
                             engine="dask", scheduler=cluster.scheduler_address, progress=False)
    assert read_all(tmp_path / "local") == read_all(tmp_path / "cluster") == read_all(tmp_path / "address")


def test_the_local_cluster_analyze_starts_runs_without_dashboard_feeds(tmp_path, jsonl_corpus, monkeypatch):
    """analyze's own LocalCluster starts with LOCAL_CLUSTER_CONFIG (no profiler, system
    monitor or work stealing to feed a dashboard it does not have); the user's configuration
    is put back afterwards. Workers in this process here, to keep the test light."""
    distributed = pytest.importorskip("distributed")
    import dask

    from oped_analysis.pipeline import LOCAL_CLUSTER_CONFIG

    seen = {}

    class Recording(distributed.LocalCluster):
        def __init__(self, *args, **kwargs):
            seen.update({key: dask.config.get(key) for key in LOCAL_CLUSTER_CONFIG})
            super().__init__(*args, **{**kwargs, "processes": False})

    monkeypatch.setattr(distributed, "LocalCluster", Recording)
    before = dask.config.get("distributed.worker.profile.enabled")
    summary = oa.analyze(jsonl_corpus, tmp_path / "own", columns=COLUMNS, chunk_size=4, engine="dask",
                         jobs=2, progress=False)
    assert summary.articles == 12 and seen == LOCAL_CLUSTER_CONFIG
    assert dask.config.get("distributed.worker.profile.enabled") == before


def test_results_come_straight_from_dask_workers_on_this_machine_only():
    pytest.importorskip("distributed")
    from oped_analysis.pipeline import _on_this_machine

    assert _on_this_machine("tcp://127.0.0.1:40331") and _on_this_machine("inproc://10.1.2.3/77/4")
    assert not _on_this_machine("tcp://203.0.113.7:8786")  # TEST-NET-3: another machine


@pytest.mark.slow  # about 8 s on a quiet machine, 20 s on a busy one
def test_dask_real_scheduler_and_two_worker_processes_by_address(tmp_path, jsonl_corpus):
    """A real distributed scheduler on 127.0.0.1 with two worker processes, named by its
    tcp:// address as ``--scheduler`` gives it: the same tables as one local job, and a
    warning found in a worker process is shown by the main process."""
    distributed = pytest.importorskip("distributed")
    spoofed = tmp_path / "spoofed.jsonl"
    spoofed.write_text(jsonl_corpus.read_text(encoding="utf-8") + json.dumps(
        {"doc": "z", "headline": "Spoofed", "body": "Сhina met Russia. Both spoke of trade."}) + "\n",
        encoding="utf-8")
    with pytest.warns(oa.LookalikeWarning):
        oa.analyze(spoofed, tmp_path / "local", columns=COLUMNS, chunk_size=4, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        with pytest.warns(oa.LookalikeWarning, match="look-alike"):
            summary = oa.analyze(spoofed, tmp_path / "tcp", columns=COLUMNS, chunk_size=4, engine="dask",
                                 scheduler=cluster.scheduler_address, progress=False)
    assert summary.articles == 13
    assert read_all(tmp_path / "local") == read_all(tmp_path / "tcp")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_get_the_work_once_not_with_every_chunk(seeds, tmp_path, monkeypatch):
    """The lexicon, methods and schemas reach forked workers at their start, never per chunk."""
    from oped_analysis import pipeline

    pickled = []
    monkeypatch.setattr(pipeline._Work, "__getstate__", lambda self: pickled.append(1) or self.__dict__,
                        raising=False)
    summary = oa.analyze(seeds, tmp_path / "out", jobs=2, chunk_size=1, progress=False)
    assert summary.articles == 2 and not summary.problems
    assert pickled == []


def test_worker_warnings_are_shown_once_as_one_line_by_the_cli(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"a{i}.txt").write_text(f"Note {i}. Сhina met Russia. Both spoke of trade.\n",
                                          encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "oped_analysis", "analyze", str(folder), "--out",
                          str(tmp_path / "out"), "--jobs", "2", "--chunk-size", "1", "--no-progress"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stderr.splitlines() if "look-alike" in line]
    assert len(lines) == 1 and lines[0].startswith("oped-analysis: warning: the mention")
    assert "Traceback" not in run.stderr and "warnings.warn" not in run.stderr


def test_bad_rows_and_files_are_listed_and_do_not_stop_the_run(seeds, tmp_path):
    good = (seeds / "004_8ab31b7c5fbbd9ce.txt").read_text(encoding="utf-8")
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(good, encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in good.split("\n\n")[3:9])
    (folder / "page.html").write_text("<html><head><title>Pak-Russia ties</title></head><body>"
                                      "<nav>Home | World</nav><article><h1>Pak-Russia ties</h1>"
                                      f"{paragraphs}</article>"
                                      "<footer>Copyright 2018</footer></body></html>", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    pd.DataFrame({"text": ["The US and China met.", "", "Russia said no."],
                  "id": ["c1", "c2", "c3"]}).to_csv(folder / "rows.csv", index=False)
    (folder / "nocol.csv").write_text("body\nChina grows.\n", encoding="utf-8")
    (folder / "lines.jsonl").write_text('{"text": "Moscow waits.", "id": "j1"}\n{broken\n'
                                        '{"text": "   ", "id": "j3"}\n'
                                        '{"text": "Beijing acts.", "id": "j4"}\n',
                                        encoding="utf-8")
    out = tmp_path / "out"
    summary = oa.analyze(folder, out, progress=False)
    assert summary.articles == 6  # good, page, c1, c3, j1, j4
    problems = pd.read_csv(out / "problems.csv")
    assert len(problems) == len(summary.problems) == 6
    text = "\n".join(problems["source"] + " | " + problems["message"])
    assert f"{folder / 'rows.csv'}:line 3" in text  # the empty row: header is line 1
    assert f"{folder / 'lines.jsonl'}:line 2 | not valid JSON" in text  # the file named once
    assert f"{folder / 'lines.jsonl'}:line 3" in text
    assert "empty.txt" in text and "image.html" in text and "binary" in text
    assert "nocol.csv" in text and "no column 'text'" in text
    ids = pd.read_parquet(out / "articles.parquet")["article"].tolist()
    assert ids == ["good", "j1", "j4", "page", "c1", "c3"]  # files in name order, rows in file order
    sents = pd.read_parquet(out / "sentences.parquet")
    page = sents[sents["article"] == "page"]["text"].tolist()
    assert len(page) > 5 and not any("Copyright" in t or "Home | World" in t for t in page)


def test_duplicate_ids_across_chunks_are_listed(tmp_path):
    rows = pd.DataFrame({"text": ["China rose.", "Russia fell."], "id": ["x", "x"]})
    rows.to_csv(tmp_path / "d.csv", index=False)
    summary = oa.analyze(tmp_path / "d.csv", tmp_path / "out", chunk_size=1, progress=False)
    assert summary.articles == 1 and "already used" in str(summary.problems[0])


def test_cli_analyze_prints_a_summary_and_writes_tables(seeds, tmp_path, jsonl_corpus, capsys):
    code = main(["analyze", str(seeds), str(jsonl_corpus), "--out", str(tmp_path / "o"),
                 "--text-column", "body", "--id-column", "doc", "--title-column", "headline",
                 "--jobs", "2", "--chunk-size", "5"])
    assert code == 0
    out = capsys.readouterr()
    assert "articles:   14" in out.out and "problems:   0" in out.out and "sentences/s" in out.out
    assert out.err == ""  # not a terminal: no progress bar
    for name in TABLES:
        assert (tmp_path / "o" / f"{name}.parquet").exists() and (tmp_path / "o" / f"{name}.csv").exists()


def test_cli_user_errors_are_one_line_exit_2(seeds, tmp_path, jsonl_corpus, capsys):
    out = str(tmp_path / "o")
    for args, message in [((str(seeds), "--out", out, "--engine", "local", "--scheduler", "x"),
                           "--scheduler needs --engine dask"),
                          ((str(jsonl_corpus), "--out", str(tmp_path / "o")), "no article could be read")]:
        assert main(["analyze", *args]) == 2
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    result = subprocess.run([sys.executable, "-m", "oped_analysis", "analyze", str(tmp_path / "nope"),
                             "--out", str(tmp_path / "o2")], capture_output=True, text=True)
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "o2").exists()


def test_an_article_a_method_fails_on_is_listed_and_the_others_are_written(seeds, corpus, tmp_path,
                                                                           monkeypatch):
    """Each method scores a run of articles at a time: one that fails on an article takes
    only that article with it, listed in problems.csv, in input order among the others."""
    from oped_analysis.scoring import METHODS, VaderMethod

    lexicon = oa.Lexicon.default()
    first = oa.tables.analyze_article(corpus[0], lexicon, until="mentions")
    named = {m["sentence"] for m in first.mentions}
    word = next(w for s in first.sentences if s["sentence"] in named for w in s["text"].split()
                if len(w) > 6 and w not in corpus[1].body)

    class FailsOnOneArticle(VaderMethod):
        name = "vader"

        def score_mentions(self, sentence, spans, memo=None):
            if word in sentence:
                raise RuntimeError("broken scorer")
            return super().score_mentions(sentence, spans, memo)

    monkeypatch.setitem(METHODS, "vader", FailsOnOneArticle())
    summary = oa.analyze(seeds, tmp_path, methods=["textblob", "vader"], progress=False)
    assert summary.articles == 1 and len(summary.problems) == 1
    failed = f"article {corpus[0].id!r} could not be analyzed: RuntimeError: broken scorer"
    assert failed in str(summary.problems[0])
    assert set(pd.read_csv(tmp_path / "scores.csv")["article"]) == {corpus[1].id}


def test_chunks_run_with_fewer_gc_passes_and_the_setting_comes_back(seeds, tmp_path):
    """The collector's threshold is raised while chunks run (by several threads too) and put
    back by the last to leave."""
    import gc

    from oped_analysis.pipeline import GC_YOUNG_THRESHOLD, fewer_gc_passes

    before = gc.get_threshold()
    oa.analyze(seeds, tmp_path, progress=False)
    assert gc.get_threshold() == before
    first, second = fewer_gc_passes(), fewer_gc_passes()  # two threads' chunks, overlapping
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold() == (max(GC_YOUNG_THRESHOLD, before[0]), *before[1:])
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
