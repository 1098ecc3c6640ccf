"""A build's memory (dvk.memory): the cycle collector paused and given back, freed memory handed back."""
import gc
import os

from dvk import memory


def test_the_collector_pause_gives_back_the_collector_as_it_was():
    assert gc.isenabled()
    try:
        with memory.no_collection():
            assert not gc.isenabled()
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with memory.no_collection():
            pass
        assert not gc.isenabled()                 # paused by someone else: left paused
    finally:
        gc.enable()


def test_memory_freed_by_a_large_cache_goes_back_to_the_system():
    """150,000 rows of 1 KiB (open-data rows at national scale) freed: the process keeps their memory
    until ``give_back``, then no longer (GNU C library only; elsewhere nothing to check)."""
    import ctypes
    import pytest
    try:
        ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        pytest.skip("no malloc_trim in this C library")

    def resident_mib():
        return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20

    rows = [os.urandom(16) * 64 for _ in range(150_000)]
    pin = [os.urandom(16) * 64 for _ in range(10)]          # allocated after them: the heap's top stays in use
    del rows
    kept = resident_mib()
    memory.give_back()
    assert kept - resident_mib() > 100, (kept, resident_mib())
    assert len(pin) == 10


def test_what_is_frozen_for_a_build_is_given_back_to_the_collector_after_it():
    assert gc.get_freeze_count() == 0
    try:
        with memory.frozen():
            assert gc.get_freeze_count() > 1000       # this process's objects, out of the collector's reach
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.get_freeze_count() == 0


def test_a_build_gives_the_collector_back_as_it_found_it(site):
    """A build pauses the collector while it reads and freezes the corpus while it renders: after it, the
    collector runs and holds everything again, after a build that stopped on an invalid record too."""
    import pytest
    from dvk.model.problems import InvalidContent
    site.model("me-do-dau")
    site.build()
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)
    site.model("sai-tinh-trang", status="da-xong")             # a status the schema refuses
    with pytest.raises(InvalidContent):
        site.build()
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)


def test_what_is_read_while_frozen_is_frozen_before_the_collector_runs_again():
    """Inside ``frozen``, the objects read under ``no_collection`` are out of the collector's reach when it
    is given back (its first collection would otherwise walk them all); nested blocks unfreeze once, at the
    outermost end. Outside ``frozen``, reading freezes nothing."""
    with memory.no_collection():
        outside = [[i] for i in range(20_000)]
    assert gc.get_freeze_count() == 0
    with memory.frozen():
        before = gc.get_freeze_count()
        with memory.no_collection():
            read = [[i] for i in range(50_000)]
        assert gc.get_freeze_count() >= before + 50_000
        with memory.frozen():
            pass
        assert gc.get_freeze_count() >= before + 50_000      # the inner block's end unfreezes nothing
    assert gc.get_freeze_count() == 0 and len(read) == len(outside) + 30_000
