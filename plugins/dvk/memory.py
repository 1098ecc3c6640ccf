"""A national build's memory: Python's cycle collector kept off the corpus, and freed memory handed back.

A build at 100,000 records holds millions of objects (records, cached search entries and open-data rows)
that live until it ends. Python's cycle collector walks every tracked object at each full collection, and
reading those objects sets off one full collection after another: ``no_collection`` pauses it while they
are read, ``frozen`` keeps them out of its reach while the build runs. ``give_back`` returns to the system
the memory a large value freed, which the C library would otherwise keep. No Pelican import.
"""
from __future__ import annotations

import contextlib
import ctypes
import gc


_frozen = 0        # how many ``frozen`` blocks are open


@contextlib.contextmanager
def no_collection():
    """The cycle collector paused while a large value is read: at 100,000 records, reading the build's
    caches took 10 s with it running, under 3 s without (the search entries' cache alone: 5.9 → 0.5 s).
    The collector is given back as it was, on an exception too. Inside ``frozen``, what was read is frozen
    too before the collector runs again: else its first collection walks every object just read (the
    corpus of a national site: half a second)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _frozen:
            gc.freeze()
        if was:
            gc.enable()


@contextlib.contextmanager
def frozen():
    """Every object alive now, and what ``no_collection`` reads meanwhile, kept out of the cycle collector's
    reach until the block ends (``gc.freeze``), then given back to it, so that a process building many times
    (the tests) keeps nothing."""
    global _frozen
    gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


def give_back() -> None:
    """Hand the memory a large value just freed back to the system. CPython frees it, but the C library
    keeps it for later: the open-data rows of 100,000 records (130 MiB) stayed in the build's memory while
    the search index took more. ``malloc_trim`` of the GNU C library; elsewhere nothing is done."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):     # no such function (musl, macOS), no C library by name (Windows)
        return
    trim(0)
