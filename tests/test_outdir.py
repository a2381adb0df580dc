"""The overlap check of --out with the inputs, reading each folder's real path once."""

import os

import pytest

from oped_analysis import outdir


def test_real_paths_read_through_the_folder_are_those_of_realpath(tmp_path, monkeypatch):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("y")
    (tmp_path / "in" / "b.txt").symlink_to(tmp_path / "elsewhere" / "b.txt")   # a file that is a link
    (tmp_path / "linked").symlink_to(tmp_path / "in")                          # a folder that is a link
    monkeypatch.chdir(tmp_path)
    paths = ["in/a.txt", "in/b.txt", "linked/a.txt", "linked/b.txt", "in/sub/..", "in/../in/a.txt",
             "a.txt", "in/missing.txt", str(tmp_path / "linked" / "sub"), "."]
    folders = {}
    for p in map(outdir.Path, paths):
        assert outdir._real_in(p, folders) == outdir.Path(os.path.realpath(p)), p


def test_inside_compares_whole_folder_names(tmp_path):
    P = outdir.Path
    assert outdir._inside(P("/a/b/c"), P("/a/b")) and outdir._inside(P("/a/b"), P("/a/b"))
    assert not outdir._inside(P("/a/bc"), P("/a/b")) and not outdir._inside(P("/a"), P("/a/b"))
    assert outdir._inside(P("/a"), P("/"))


def test_out_reached_through_a_linked_input_file_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "in" / "a.txt").symlink_to(tmp_path / "out" / "a.txt")
    with pytest.raises(outdir.OutputError, match="contains the input"):
        outdir.check_overlap(tmp_path / "out" / "..", [tmp_path / "in"], [tmp_path / "in" / "a.txt"])
    with pytest.raises(outdir.OutputError, match="is the input"):
        outdir.check_overlap(tmp_path / "out" / "a.txt", [tmp_path / "in"], [tmp_path / "in" / "a.txt"])
    outdir.check_overlap(tmp_path / "other", [tmp_path / "in"], [tmp_path / "in" / "a.txt"])
