"""What the benchmarks share: a fresh synthetic corpus, and the project's build timed in a child process."""
from __future__ import annotations

import os
import pathlib
import tempfile
import shutil
import subprocess
import sys
import time

from dvk import PROJECT


def run_timed(cmd) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process: its own peak (that of its largest process: the
    build or one of its forked workers), not the largest of every child this process ran so far."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            out.seek(0)
            sys.exit(f"build failed:\n{out.read().decode('utf-8', 'replace')}")
    return wall, usage.ru_maxrss / 1024


def remove_site(out: pathlib.Path) -> None:
    """Remove a built site: the ``out`` link and every folder under ``.<out>.versions`` (earlier sites and the
    folders a build keeps for the next one), so that the next build starts from nothing, as a first build."""
    if out.is_symlink() or out.is_file():
        out.unlink()
    elif out.exists():
        shutil.rmtree(out)
    shutil.rmtree(out.parent / f".{out.name}.versions", ignore_errors=True)


def fresh_corpus(work: pathlib.Path, models: int, posts: int, docs: int) -> tuple[pathlib.Path, dict]:
    """Write the synthetic corpus anew under ``work/corpus``; its folder and a figures row."""
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    from dvk.bench.synthetic import write_corpus
    t0 = time.perf_counter()
    counts = write_corpus(corpus, models, posts, docs)
    return corpus, {"step": "demo-data", **counts, "wall_s": round(time.perf_counter() - t0, 2)}


def build_in_child(corpus: pathlib.Path, out: pathlib.Path, *extra: str) -> tuple[float, float]:
    """Build ``corpus`` into ``out`` with the project's own build in a fresh process: wall seconds, peak MiB.
    ``extra``: more arguments for ``python -m dvk.site.build`` (``--full``, ``--theme``)."""
    return run_timed([sys.executable, "-m", "dvk.site.build", "--root", str(corpus), "--output", str(out),
                      "--settings", str(PROJECT / "pelican.conf.py"), *extra])
