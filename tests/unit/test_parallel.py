"""dvk.parallel: the same results as a serial loop, child exceptions raised in the parent, min_items."""
from __future__ import annotations

import os

import pytest

from dvk.parallel import map_items, map_ranges


def test_map_ranges_equals_a_serial_loop_and_keeps_order():
    parts = map_ranges(lambda a, b: list(range(a, b)), 1000, min_items=10, workers=3)
    assert len(parts) > 1
    assert [x for part in parts for x in part] == list(range(1000))


def test_map_items_equals_a_serial_loop():
    words = [f"xã số {i}" for i in range(500)]
    assert map_items(str.upper, words, min_items=10, workers=4) == [w.upper() for w in words]


def test_work_runs_in_children_from_min_items_on():
    pids = map_ranges(lambda a, b: os.getpid(), 100, min_items=100, workers=2)
    assert os.getpid() not in pids and len(pids) > 1


def test_below_min_items_the_job_runs_here_once():
    calls = []
    parts = map_ranges(lambda a, b: calls.append((a, b)) or os.getpid(), 99, min_items=100, workers=4)
    assert parts == [os.getpid()] and calls == [(0, 99)]
    assert map_ranges(lambda a, b: 1, 0) == []


def test_an_exception_in_a_child_is_raised_in_the_parent():
    def job(start, stop):
        if start <= 50 < stop:
            raise ValueError("hồ sơ số 50 hỏng")
        return stop - start

    with pytest.raises(ValueError, match="hồ sơ số 50 hỏng"):
        map_ranges(job, 200, min_items=10, workers=2)


def test_progress_hears_every_slice():
    heard = []
    map_ranges(lambda a, b: b - a, 300, min_items=10, workers=2, on_result=lambda a, b, v: heard.append((a, b, v)))
    assert sorted(heard)[0][0] == 0 and sum(v for _, _, v in heard) == 300
    assert all(b - a == v for a, b, v in heard)


def test_each_child_does_its_own_slices_then_ends_and_no_more_run_at_once_than_workers():
    """A child per ``slices_per_child`` slices (what one child makes is let go when it ends), at most
    ``workers`` alive at a time; the results in order all the same."""
    import time

    def job(start, stop):
        began = time.monotonic()
        time.sleep(0.05)
        return os.getpid(), began, time.monotonic(), list(range(start, stop))

    for per_child in (1, 3):
        parts = map_ranges(job, 240, min_items=10, workers=2, chunks_per_worker=6, slices_per_child=per_child)
        assert len(parts) == 12 and [x for *_, xs in parts for x in xs] == list(range(240))
        by_child = {}
        for pid, began, ended, _ in parts:
            by_child.setdefault(pid, []).append((began, ended))
        assert os.getpid() not in by_child and sorted(map(len, by_child.values())) == [per_child] * (12 // per_child)
        spans = [(min(b for b, _ in v), max(e for _, e in v)) for v in by_child.values()]
        for moment, _ in spans:
            assert sum(1 for b, e in spans if b <= moment < e) <= 2


def test_a_background_job_runs_in_a_child_and_its_error_and_logged_errors_come_back(tmp_path, caplog):
    import logging
    import time
    from dvk.parallel import Background

    out = tmp_path / "pid"
    job = Background(lambda: out.write_text(str(os.getpid())))
    job.wait()
    assert int(out.read_text()) != os.getpid()

    def fails():
        logging.getLogger("dvk.thu").error("tệp du-lieu/mo-hinh.csv không ghi được")
        raise OSError(28, "ổ đĩa đầy")
    job = Background(fails)
    with caplog.at_level(logging.ERROR), pytest.raises(OSError, match="ổ đĩa đầy"):
        job.wait()
    assert [(r.name, r.getMessage()) for r in caplog.records] == [("dvk.thu", "tệp du-lieu/mo-hinh.csv không ghi được")]

    here = []
    Background(lambda: here.append(os.getpid()), run_here=True).wait()
    assert here == [os.getpid()]

    slow = Background(lambda: (time.sleep(30), out.write_text("muộn")))
    started = time.monotonic()
    slow.stop()
    assert time.monotonic() - started < 10 and out.read_text() != "muộn"
