"""The project's one process pool: work split over every core in forked children.

Model pages, YAML parsing and pre-compression are independent per item, so a
national site does them on every core. Children are forked, so they inherit
everything the parent has loaded (templates, records, caches) and the job may be
any function, a closure included: only results and exceptions cross back.
Below ``min_items`` (or on one core) the job runs in this process, where
forking would cost more than it saves.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import queue
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 2000      # below this, forking workers costs more than it saves


class WorkerDied(RuntimeError):
    """A child ended without an answer (killed, out of memory)."""


def _work(job, group, tasks, results):
    """A child: the slices ``tasks`` (``(number, (start, stop))``), each answered on ``results``; then it ends."""
    for number, (start, stop) in tasks:
        try:
            results.put((group, number, True, job(start, stop)))
        except BaseException as exc:   # sent back and raised in the parent
            try:
                pickle.dumps(exc)
            except Exception:
                exc = RuntimeError(f"{type(exc).__name__}: {exc}")
            results.put((group, number, False, exc))
            return


def map_ranges(job: Callable[[int, int], R], count: int, *, min_items: int | None = None,
               workers: int | None = None, chunks_per_worker: int = 4, slices_per_child: int = 1,
               on_result: Callable[[int, int, R], None] | None = None) -> list[R]:
    """``[job(start, stop) for each slice of range(count)]`` in order, on every core once ``count`` reaches
    ``min_items``. ``on_result(start, stop, value)`` hears each slice as it finishes (progress).
    An exception in a child is raised here; the other children are stopped.

    ``range(count)`` is cut into ``workers * chunks_per_worker`` slices; a child is forked for each
    ``slices_per_child`` of them, at most ``workers`` at a time, and ends once they are done. A child holds
    what its own slices made (cards rendered, memory the C library keeps): a child per slice keeps a national
    build's largest process near the size of the parent, where children that lived through the whole
    range grew by a third of a gigabyte."""
    workers = workers or os.cpu_count() or 1
    min_items = MIN_ITEMS if min_items is None else min_items
    if count <= 0:
        return []
    if count < min_items or workers < 2:
        value = job(0, count)
        if on_result:
            on_result(0, count, value)
        return [value]
    step = math.ceil(count / (workers * chunks_per_worker))
    bounds = [(i, min(i + step, count)) for i in range(0, count, step)]
    numbered = list(enumerate(bounds))
    groups = [numbered[i:i + slices_per_child] for i in range(0, len(numbered), slices_per_child)]
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    running: dict[int, tuple] = {}          # group -> (process, slices not answered yet)
    values: dict[int, R] = {}
    started = 0

    def start_next():
        nonlocal started
        child = ctx.Process(target=_work, args=(job, started, groups[started], results), daemon=True)
        child.start()
        running[started] = (child, len(groups[started]))
        started += 1

    try:
        while started < len(groups) and len(running) < workers:
            start_next()
        while len(values) < len(bounds):
            try:
                group, number, ok, value = results.get(timeout=0.5)
            except queue.Empty:
                if any(c.exitcode not in (None, 0) for c, _ in running.values()):
                    raise WorkerDied("một tiến trình con đã dừng giữa chừng (hết bộ nhớ hoặc bị tắt)") from None
                continue
            if not ok:
                raise value
            values[number] = value
            child, left = running[group]
            if left == 1:                    # its last slice: it ends, and the next child starts
                child.join()
                del running[group]
                if started < len(groups):
                    start_next()
            else:
                running[group] = (child, left - 1)
            if on_result:
                on_result(*bounds[number], value)
    finally:
        for child, _ in running.values():
            if child.is_alive():
                child.terminate()
            child.join()
        results.close()
    return [values[n] for n in range(len(bounds))]


def map_items(func: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None,
              workers: int | None = None) -> list[R]:
    """``[func(x) for x in items]``, in order, on every core once there are ``min_items`` items."""
    parts = map_ranges(lambda start, stop: [func(x) for x in items[start:stop]], len(items),
                       min_items=min_items, workers=workers)
    return [value for part in parts for value in part]


# From this many records, the open data and the search index are each written by a forked child while this
# process goes on with the rest of the site (``Background``): on two cores, an edit's two seconds of them
# overlap the feeds, the pages set aside and each other.
BACKGROUND_MIN = MIN_ITEMS


class Background:
    """``job()`` run in a forked child while this process goes on; ``wait()`` waits for it to end and returns
    what it returned (pickled), or raises what it raised (an exception that cannot be sent back, as a
    ``RuntimeError`` naming it). Errors the child
    logs (level ERROR and above) are logged again here by ``wait()``, so that a build that collects logged
    errors (``dvk.site.build``) sees them. ``stop()`` ends a child no longer waited for (a build that failed
    meanwhile). Without ``os.fork`` (or with ``run_here``), ``job`` runs at once, here."""

    def __init__(self, job: Callable[[], object], run_here: bool = False):
        import logging
        import sys
        self.pid, self.value = None, None
        if run_here or not hasattr(os, "fork"):
            self.value = job()
            return
        for stream in (sys.stdout, sys.stderr):     # nothing buffered here is written twice by the child
            stream.flush()
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:                     # the child: never returns
            os.close(reader)
            logged = []
            handler = logging.Handler(logging.ERROR)
            handler.emit = lambda record: logged.append((record.name, record.getMessage()))
            logging.getLogger().addHandler(handler)
            error = value = None
            try:
                value = job()
            except BaseException as exc:
                error = exc
            try:
                try:
                    payload = pickle.dumps((error, logged, value))
                except Exception:
                    payload = pickle.dumps((RuntimeError(f"{type(error).__name__}: {error}"), logged, None))
                with os.fdopen(writer, "wb") as fh:
                    fh.write(payload)
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(0)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def wait(self):
        import logging
        if self.pid is None:
            return self.value
        with os.fdopen(self.reader, "rb") as fh:
            payload = fh.read()
        os.waitpid(self.pid, 0)
        self.pid = None
        try:
            error, logged, self.value = pickle.loads(payload)
        except Exception:
            error, logged = WorkerDied("một tiến trình con đã dừng mà không trả lời"), []
        for name, message in logged:
            logging.getLogger(name).error(message)
        if error is not None:
            raise error
        return self.value

    def stop(self) -> None:
        import signal
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.reader)
        self.pid = None
