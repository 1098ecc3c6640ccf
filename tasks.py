"""Project commands (invoke). ``invoke --list`` shows them; ``invoke --help NAME`` explains one."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))


def _exit(code: int):
    if code:
        sys.exit(code)


@task(help={"output": "thư mục kết quả (mặc định output/)"})
def build(c, output=None):
    """Dựng trang web vào output/ sau khi kiểm tra toàn bộ nội dung (build the site)."""
    from dvk.build import main
    _exit(main(["--output", output] if output else []))


@task
def validate(c):
    """Kiểm tra content/ và data/, không dựng trang (validate content and data)."""
    from dvk.build import main
    _exit(main(["--check"]))


@task(help={"port": "cổng (mặc định 8000)", "no_build": "không dựng lại trước khi chạy"})
def serve(c, port=8000, no_build=False):
    """Dựng rồi mở trang tại http://localhost:8000 (build and serve locally)."""
    if not no_build:
        build(c)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    print(f"Trang web đang chạy tại http://localhost:{port}/ — nhấn Ctrl+C để dừng.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nĐã dừng.")


def _ensure_chromium(c):
    """Headless Chromium for the browser tests, from Debian's package (no browser download)."""
    if shutil.which("chromium") or os.environ.get("CHROMIUM_PATH"):
        return
    if os.geteuid() != 0:
        sys.exit("Cần Chromium cho các kiểm thử trình duyệt: sudo apt-get install -y chromium")
    c.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null")


@task(help={"k": "chỉ chạy các kiểm thử khớp biểu thức này (pytest -k)"})
def test(c, k=None):
    """Cài Chromium nếu thiếu rồi chạy toàn bộ kiểm thử (install Chromium if needed, run every test)."""
    _ensure_chromium(c)
    args = [sys.executable, "-m", "pytest", "-q", "-n", "2"] + (["-k", k] if k else [])
    _exit(subprocess.call(args, cwd=ROOT))


@task(name="demo-data", help={"models": "số hồ sơ mô hình", "posts": "số bài tin tức", "docs": "số văn bản",
                              "out": "thư mục ghi bộ dữ liệu", "seed": "hạt giống ngẫu nhiên"})
def demo_data(c, out, models=20000, posts=2000, docs=200, seed=42):
    """Ghi bộ dữ liệu tổng hợp, cố định theo seed (write a deterministic synthetic corpus)."""
    from dvk.synthetic import write_corpus
    counts = write_corpus(out, int(models), int(posts), int(docs), int(seed))
    print(f"Đã ghi {counts} vào {out}")


@task(help={"models": "số hồ sơ mô hình", "posts": "số bài tin tức", "docs": "số văn bản",
            "workdir": "thư mục làm việc (mặc định: thư mục tạm)", "no_anchor": "bỏ qua Hugo và Pelican gốc"})
def bench(c, models=20000, posts=2000, docs=200, workdir=None, no_anchor=False):
    """Đo tốc độ dựng trang với bộ dữ liệu tổng hợp, so với Hugo và Pelican gốc (benchmark)."""
    args = [sys.executable, str(ROOT / "tests" / "benchmarks" / "bench_build.py"),
            "--models", str(models), "--posts", str(posts), "--docs", str(docs)]
    if workdir:
        args += ["--workdir", workdir]
    if no_anchor:
        args.append("--no-anchor")
    _exit(subprocess.call(args, cwd=ROOT))
