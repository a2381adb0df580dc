"""How analyze cuts a corpus into chunks: the last chunks of a parallel run shrink, so the
workers finish nearly together; nothing is lost, reordered or changed in the outputs."""

import oped_analysis as oa
from oped_analysis.pipeline import MIN_TAIL_CHUNK, TABLES, _chunks


def sizes(*args):
    return [len(c) for c in _chunks(*args)]


def test_last_chunks_shrink_when_the_total_is_known_and_workers_share_it():
    cut = list(_chunks(range(1000), 100, 1000, 2))
    assert [x for c in cut for x in c] == list(range(1000))
    lengths = [len(c) for c in cut]
    assert lengths[:6] == [100] * 6  # full chunks while much is left
    assert lengths[6:] == sorted(lengths[6:], reverse=True) and lengths[-2] == MIN_TAIL_CHUNK
    assert max(lengths[-4:]) <= MIN_TAIL_CHUNK  # the last chunk is small: a short tail


def test_chunks_keep_their_size_with_one_worker_or_an_unknown_total():
    assert sizes(range(250), 100, 250, 1) == [100, 100, 50]
    assert sizes(range(250), 100, None, 2) == [100, 100, 50]
    assert sizes(range(7), 2, 7, 2) == [2, 2, 2, 1]  # chunks already smaller than the tail's floor
    assert sum(sizes(range(300), 100, 200, 2)) == 300  # more items than said: none is lost


def test_a_folder_of_article_files_gives_the_same_tables_with_two_jobs(tmp_path, seed_sentences):
    texts = seed_sentences["text"].tolist()
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(23):
        body = [" ".join(texts[(i * 5 + k) % len(texts)] for k in range(j, j + 3)) for j in (0, 3)]
        paras = [f"Title of article {i}", *body]
        (folder / f"a{i:02d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    one = oa.analyze(folder, tmp_path / "one", chunk_size=12, progress=False)  # chunks of 12 and 11
    two = oa.analyze(folder, tmp_path / "two", chunk_size=12, jobs=2, progress=False)  # 10, 10 and 3
    assert one.articles == two.articles == 23
    for name in TABLES:
        one_csv, two_csv = (tmp_path / run / f"{name}.csv" for run in ("one", "two"))
        assert one_csv.read_bytes() == two_csv.read_bytes(), name
