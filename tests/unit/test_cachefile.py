"""Caches kept between runs (dvk.cachefile): used only when made by the same code, never trusted for more."""
import os

from dvk import cachefile


def test_a_value_comes_back_only_with_the_version_that_made_it(tmp_path):
    path = tmp_path / "sub" / "kept.pickle"
    assert cachefile.save(path, "v1", {"Lâm Đồng": [1, 2]}) is True
    assert cachefile.load(path, "v1") == {"Lâm Đồng": [1, 2]}
    assert cachefile.load(path, "v2") is None                     # made by other code: not used
    assert [p.name for p in path.parent.iterdir()] == ["kept.pickle"]      # no temporary file left


def test_a_missing_or_damaged_file_reads_as_absent(tmp_path):
    path = tmp_path / "kept.pickle"
    assert cachefile.load(path, "v1") is None
    path.write_bytes(b"\x80\x05 not a pickle")
    assert cachefile.load(path, "v1") is None
    path.write_bytes(b"")
    assert cachefile.load(path, "v1") is None


def test_a_folder_that_cannot_be_written_keeps_nothing_and_says_so(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        if os.access(folder, os.W_OK):           # root may write anywhere: a file in the way of a folder instead
            blocked = tmp_path / "file"
            blocked.write_text("x")
            assert cachefile.save(blocked / "kept.pickle", "v1", 1) is False
        else:
            assert cachefile.save(folder / "kept.pickle", "v1", 1) is False
    finally:
        os.chmod(folder, 0o700)


def test_the_user_cache_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cachefile.user_cache() == tmp_path / "dan-van-kheo"
