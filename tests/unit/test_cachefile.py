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


# ------------------------------------------------------------------ a large dict: whole file plus a journal

def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_few_changes_are_written_to_a_journal_and_read_back_with_the_whole_file(tmp_path):
    path = tmp_path / "records.pickle"
    first = {f"m{n:03d}": ("Tổ hòa giải", n) for n in range(100)}
    assert cachefile.Journaled(path, "v1").save(first) is True
    assert _files(tmp_path) == ["records.pickle"]
    whole = path.read_bytes()

    kept = cachefile.Journaled(path, "v1")
    assert kept.value == first
    second = dict(kept.value)                       # the values read, kept as they are ...
    second["m007"] = ("Mẹ đỡ đầu", 7)              # ... but one changed, one added, one removed
    second["m100"] = ("Dân vận khéo", 100)
    del second["m050"]
    assert kept.save(second) is True
    assert _files(tmp_path) == ["records.pickle", "records.pickle.journal"]
    assert path.read_bytes() == whole              # the whole file was not written again

    again = cachefile.Journaled(path, "v1")
    assert again.value == second
    third = dict(again.value)
    third["m008"] = ("Camera an ninh", 8)           # changes since the whole file: the journal holds them all
    assert again.save(third) is True
    assert path.read_bytes() == whole
    assert cachefile.Journaled(path, "v1").value == third
    assert cachefile.Journaled(path, "v2").value == {}             # made by other code: nothing kept


def test_many_changes_write_the_whole_file_again_and_remove_the_journal(tmp_path):
    path = tmp_path / "records.pickle"
    kept = cachefile.Journaled(path, "v1")
    kept.save({f"m{n}": n for n in range(80)})
    kept = cachefile.Journaled(path, "v1")
    kept.save({**kept.value, "m1": -1})
    assert _files(tmp_path) == ["records.pickle", "records.pickle.journal"]
    kept = cachefile.Journaled(path, "v1")
    changed = {**kept.value, **{f"m{n}": -n for n in range(20)}}    # 20 of 80: more than an eighth
    kept.save(changed)
    assert _files(tmp_path) == ["records.pickle"]
    assert cachefile.Journaled(path, "v1").value == changed


def test_a_journal_is_applied_only_to_the_whole_file_it_was_written_for(tmp_path):
    path = tmp_path / "records.pickle"
    kept = cachefile.Journaled(path, "v1")
    kept.save({f"m{n}": n for n in range(40)})
    kept = cachefile.Journaled(path, "v1")
    kept.save({**kept.value, "m3": "sửa"})
    journal = (tmp_path / "records.pickle.journal").read_bytes()
    assert cachefile.Journaled(None, "v1").save({"m1": 1}) is False   # (no path: nothing read, nothing kept)
    other = {f"m{n}": -n for n in range(40)}
    cachefile.Journaled(path, "v1").save(other)                      # the whole file written again (all changed)
    assert _files(tmp_path) == ["records.pickle"]
    (tmp_path / "records.pickle.journal").write_bytes(journal)       # the old journal put back beside it
    assert cachefile.Journaled(path, "v1").value == other
    cachefile.Journaled(path, "v2").save({"m1": "khác"})            # another whole file, by other code
    (tmp_path / "records.pickle.journal").write_bytes(journal)
    assert cachefile.Journaled(path, "v2").value == {"m1": "khác"}
    cachefile.Journaled(path, "v1").save({"m1": 1})
    (tmp_path / "records.pickle.journal").write_bytes(b"not a pickle")
    assert cachefile.Journaled(path, "v1").value == {"m1": 1}       # a damaged journal: the whole file alone
