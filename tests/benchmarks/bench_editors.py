"""Benchmark (not a test): editors' and publishers' commands on the demo content or a synthetic corpus.

Prints, for each measure, the best and the spread of several runs:
- dev server: from saving a post to the rebuilt page being served;
- dev server: from saving a record to its page served with the change (the quick page), and to every other
  page rebuilt;
- import-models: a generated spreadsheet of N rows, dry run;
- publish --dry-run: production build, fingerprinting and pre-compression (no deploy).

    python tests/benchmarks/bench_editors.py [--rows 20000] [--models 0] [--runs 3] [--only devserver] [--site DIR]
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def figures(name, times):
    print(f"{name}: best {min(times):.2f} s, spread {max(times) - min(times):.2f} s over {len(times)} runs "
          f"({', '.join(f'{t:.2f}' for t in times)})")


def project(tmp: Path, models: int) -> Path:
    site = tmp / "site"
    if models:
        from dvk.bench.synthetic import write_corpus
        write_corpus(site, models, max(1, models // 10), max(1, models // 100), 42)
    else:
        for part in ("content", "data"):
            shutil.copytree(ROOT / part, site / part)
    return site


def bench_devserver(site: Path, runs: int):
    import json
    import re
    import yaml
    from dvk.tools.devserver import DevServer
    post = sorted((site / "content" / "tin-tuc").glob("*.md"))[0]
    original = post.read_text(encoding="utf-8")
    dev = DevServer(site, site / "preview", settings_file=ROOT / "pelican.conf.py", port=0,
                    watch=[site / "content", site / "data"], log=lambda *a: None).start()
    times = []
    try:
        for i in range(runs):
            version = dev.state.version
            started = time.perf_counter()
            title = re.search(r"^title: *(.*)$", original, re.M)
            text = yaml.safe_load(title.group(1))
            post.write_text(original[:title.start(1)] + json.dumps(f"Sửa {i} — {text}", ensure_ascii=False)
                            + original[title.end(1):], encoding="utf-8")
            while dev.state.version == version:
                time.sleep(0.02)
            assert dev.state.ok, dev.state
            urllib.request.urlopen(f"http://127.0.0.1:{dev.port}/").read()
            times.append(time.perf_counter() - started)
    finally:
        dev.stop()
        post.write_text(original, encoding="utf-8")
    figures(f"dev server, save → page rebuilt ({dev.state.pages} pages)", times)


def bench_devserver_record(site: Path, runs: int):
    """A record saved, as an editor does: the seconds until its page is served with the change (what the open
    page reloads to), and until the rebuild of every other page is done."""
    import yaml
    from dvk.tools.devserver import DevServer
    record = sorted((site / "data" / "models").rglob("*.yaml"))[len(list((site / "data" / "models").rglob("*.yaml"))) // 2]
    original = record.read_text(encoding="utf-8")
    url = f"/mo-hinh/{record.stem}/"
    dev = DevServer(site, site / "preview", settings_file=ROOT / "pelican.conf.py", port=0,
                    watch=[site / "content", site / "data"], log=lambda *a: None).start()
    shown, done = [], []
    try:
        base = f"http://127.0.0.1:{dev.port}"
        for i in range(runs):
            time.sleep(2)                 # the folders of the site before last are emptied meanwhile
            marker = f"Đã sửa lần {i} {time.time_ns()}"
            version = dev.state.version
            started = time.perf_counter()
            data = yaml.safe_load(original)
            data["summary"] = f"{marker}. {data.get('summary') or ''}"
            record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            while marker not in urllib.request.urlopen(base + url).read().decode("utf-8"):
                time.sleep(0.02)
            shown.append(time.perf_counter() - started)
            while dev.state.version == version or dev.state.building:
                time.sleep(0.02)
            done.append(time.perf_counter() - started)
            assert dev.state.ok, dev.state
    finally:
        dev.stop()
        record.write_text(original, encoding="utf-8")
    figures(f"dev server, record saved → its page served with the change ({dev.state.pages} pages)", shown)
    figures("dev server, record saved → every page rebuilt", done)


def bench_import(site: Path, rows: int, runs: int):
    import openpyxl

    from dvk.tools.importer import import_models
    path = site.parent / "danh-sach.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Năm công nhận",
               "Cấp công nhận", "Nội dung"])
    for i in range(rows):
        ws.append([i + 1, f"Mô hình thử số {i}", f"Chi bộ thôn {i}", "Tập thể", "Kinh tế", "Đắk Nông", 2024,
                   "Cấp huyện", f"Nội dung của mô hình số {i}. Kết quả rõ rệt."])
    wb.save(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = import_models(site, path, dry_run=True)
        times.append(time.perf_counter() - started)
    assert len(result.planned) == rows
    figures(f"import-models --dry-run, {rows} rows", times)


def bench_publish(site: Path, runs: int):
    from dvk.tools.publish import Config, publish
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = publish(site, Config("https://danvankheo.example.vn", "rsync", str(site.parent / "www")),
                         settings_file=ROOT / "pelican.conf.py", deploy=False, log=lambda *a: None)
        times.append(time.perf_counter() - started)
    c = result.compressed
    figures(f"publish --dry-run ({result.pages} pages, {c.files} text files, "
            f"{c.bytes_before / 1e6:.1f} MB → br {c.bytes_brotli / 1e6:.1f} MB)", times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--models", type=int, default=0, help="synthetic records (0: the demo content)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["devserver"], help="only the dev server's figures")
    parser.add_argument("--site", type=Path, help="an existing project folder (content/, data/) to use as it is, "
                                                  "for example the corpus of `invoke bench --workdir`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else project(Path(tmp), args.models)
        bench_devserver(site, args.runs)
        bench_devserver_record(site, args.runs)
        if args.only != "devserver":
            bench_import(site, args.rows, args.runs)
            bench_publish(site, args.runs)


if __name__ == "__main__":
    main()
