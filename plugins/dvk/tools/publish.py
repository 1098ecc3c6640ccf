"""``invoke publish``: one safe command from the repository to the public site.

1. Validate everything and build with production settings (the public
   address from ``--siteurl``, the ``SITEURL`` environment variable or
   ``publish.yaml``; drafts and scheduled posts left out). Any problem stops
   here and nothing is published.
2. Fingerprint CSS and JS and pre-compress text files (``dvk.render.assets``).
3. Deploy to the configured target:
   - ``rsync``: a folder on this machine or on a server over SSH
     (``user@host:/var/www/site/``); new assets go first, pages next, files
     that are gone are deleted last, so no reader gets a page whose
     stylesheet is missing;
   - ``git``: a branch (``gh-pages``) of a git remote, for GitHub Pages,
     written by ``ghp-import``.

Settings, each overriding the one after: command options, environment
(``SITEURL``, ``PUBLISH_METHOD``, ``PUBLISH_TO``, ``PUBLISH_BRANCH``,
``PUBLISH_CNAME``), ``publish.yaml`` at the project root.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dvk.model.usererror import UserError

CONFIG_FILE = "publish.yaml"
METHODS = {"rsync": "đồng bộ một thư mục bằng rsync (máy này hoặc máy chủ qua SSH)",
           "git": "một nhánh git cho GitHub Pages (ghp-import)"}
ENV = {"siteurl": "SITEURL", "method": "PUBLISH_METHOD", "to": "PUBLISH_TO", "branch": "PUBLISH_BRANCH",
       "cname": "PUBLISH_CNAME", "precompress": "PUBLISH_PRECOMPRESS"}


@dataclass
class Config:
    siteurl: str
    method: str
    to: str
    branch: str = "gh-pages"
    cname: str | None = None
    precompress: bool = True     # GitHub Pages compresses by itself: off by default for the git method


def load_config(root, **options) -> Config:
    """The publishing settings: options, then environment, then ``publish.yaml``."""
    root = Path(root)
    values: dict = {}
    path = root / CONFIG_FILE
    if path.is_file():
        from dvk.load.yamlsrc import Source, YamlSyntaxError, read_text
        try:
            values = Source(read_text(path)).load() or {}
        except YamlSyntaxError as exc:
            raise UserError(f"{CONFIG_FILE}:{exc.line or ''} — {exc.message}") from None
        if not isinstance(values, dict):
            raise UserError(f"{CONFIG_FILE} cần các dòng dạng “tên: giá trị”")
    for key, var in ENV.items():
        if os.environ.get(var):
            values[key] = os.environ[var]
    for key, value in options.items():
        if value not in (None, ""):
            values[key] = value
    siteurl = str(values.get("siteurl") or "").strip().rstrip("/")
    if not siteurl:
        raise UserError("Chưa có địa chỉ trang web công khai: đặt “siteurl” trong publish.yaml, biến môi trường "
                        "SITEURL, hoặc tùy chọn --siteurl, ví dụ --siteurl https://danvankheo.example.vn")
    if not siteurl.startswith(("http://", "https://")):
        raise UserError(f"Địa chỉ trang “{siteurl}” cần bắt đầu bằng https:// (hoặc http://)")
    method = str(values.get("method") or "rsync").strip()
    if method not in METHODS:
        raise UserError(f"Cách đăng “{method}” không hợp lệ; cần một trong: "
                        + "; ".join(f"{k} ({v})" for k, v in METHODS.items()))
    to = str(values.get("to") or ("origin" if method == "git" else "")).strip()
    if not to:
        raise UserError("Chưa có nơi đăng: đặt “to” trong publish.yaml, biến PUBLISH_TO, hoặc tùy chọn --to, "
                        "ví dụ --to deploy@may-chu:/var/www/danvankheo/ hoặc --to /srv/www/danvankheo/")
    precompress = values.get("precompress")
    if isinstance(precompress, str):
        precompress = precompress.strip().lower() in ("1", "true", "yes", "có", "co")
    return Config(siteurl=siteurl, method=method, to=to, branch=str(values.get("branch") or "gh-pages"),
                  cname=str(values["cname"]) if values.get("cname") else None,
                  precompress=(method == "rsync") if precompress in (None, "") else bool(precompress))


@dataclass
class PublishResult:
    output: Path
    pages: int
    fingerprinted: dict
    compressed: object
    seconds: float
    deployed: bool


class _Steps:
    """Progress on the terminal: a spinner for the build, bars for per-file work (quiet when not a terminal)."""

    def __init__(self, log):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        self.console = Console(stderr=True)
        self.log = log
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=self.console, transient=True,
                                 disable=not self.console.is_terminal)

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def task(self, description, total=None):
        self.current = task = self.progress.add_task(description, total=total)
        return lambda n=1: self.progress.advance(task, n)

    def done(self, message):
        total = self.progress.tasks[-1].total or 1
        self.progress.update(self.current, total=total, completed=total)
        self.log(message)


def _run(args, cwd=None, what=""):
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise UserError(f"{what} thất bại (mã {proc.returncode}): " + " / ".join(detail))
    return proc.stdout


def _is_remote(dest: str) -> bool:
    """``host:path`` or ``user@host:path`` (rsync's remote forms), not a local path."""
    head = dest.split("/", 1)[0]
    return ":" in head and not (len(head) == 2 and head[1] == ":")


def deploy_rsync(output: Path, dest: str, log=print):
    if shutil.which("rsync") is None:
        raise UserError("Chưa có rsync trên máy này: cài bằng “sudo apt-get install rsync” rồi chạy lại")
    remote = _is_remote(dest)
    if not remote:
        Path(dest).mkdir(parents=True, exist_ok=True)
    dest = dest if dest.endswith("/") else dest + "/"
    base = ["rsync", "--recursive", "--links", "--times", "--chmod=Du=rwx,Dgo=rx,Fu=rw,Fgo=r"]
    if remote:
        base.append("--compress")
    pages = ["--exclude=*.html", "--exclude=*.html.gz", "--exclude=*.html.br"]
    # 1. everything but pages (new fingerprinted assets among them); 2. pages, then deletions
    _run(base + pages + [f"{output}/", dest], what="Đồng bộ tệp tĩnh bằng rsync")
    _run(base + ["--delete-after", "--delay-updates", f"{output}/", dest], what="Đồng bộ các trang bằng rsync")
    log(f"Đã đồng bộ sang {dest}")


def deploy_git(root: Path, output: Path, remote: str, branch: str, cname: str | None, log=print):
    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True).returncode != 0:
        raise UserError(f"Thư mục dự án {root} không phải kho git: cách đăng “git” cần một kho git có remote "
                        f"“{remote}” (git remote add {remote} <địa chỉ kho>)")
    remotes = _run(["git", "remote"], cwd=root, what="Đọc danh sách remote").split()
    if remote not in remotes:
        raise UserError(f"Kho git không có remote “{remote}”; các remote: {', '.join(remotes) or 'không có'}. "
                        f"Thêm bằng: git remote add {remote} <địa chỉ kho>")
    # Continue the branch's history when the remote has it (ghp-import starts from <remote>/<branch>).
    subprocess.run(["git", "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"],
                   cwd=root, capture_output=True)
    before = subprocess.run(["git", "rev-parse", "--quiet", "--verify", f"refs/heads/{branch}"], cwd=root,
                            capture_output=True, text=True).stdout.strip()
    env = dict(os.environ)
    for var, key, fallback in (("GIT_COMMITTER_NAME", "user.name", "Dân vận khéo — invoke publish"),
                               ("GIT_COMMITTER_EMAIL", "user.email", "publish@localhost")):
        if not env.get(var) and not subprocess.run(["git", "config", key], cwd=root, capture_output=True,
                                                   text=True).stdout.strip():
            env[var] = fallback
    message = f"Đăng trang web {time.strftime('%Y-%m-%d %H:%M')}"
    args = [sys.executable, "-c", "import sys, ghp_import; sys.argv[0] = 'ghp-import'; ghp_import.main()",
            "--no-jekyll", "--push", "--remote", remote, "--branch", branch, "--message", message]
    if cname:
        args += ["--cname", cname]
    proc = subprocess.run(args + [str(output)], cwd=root, capture_output=True, text=True, env=env)
    after = subprocess.run(["git", "rev-parse", "--quiet", "--verify", f"refs/heads/{branch}"], cwd=root,
                           capture_output=True, text=True).stdout.strip()
    if proc.returncode != 0 or not after or after == before or "Failed" in proc.stdout:
        detail = " / ".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise UserError(f"Không đẩy được trang lên nhánh {branch} của remote {remote}: {detail}")
    log(f"Đã đẩy trang lên nhánh {branch} của remote {remote} ({after[:10]})")


def publish(root, config: Config, *, output=None, settings_file=None, deploy: bool = True,
            brotli_quality: int | None = None, log=print) -> PublishResult:
    """Build for production, prepare the files, deploy; raise ``UserError`` (nothing published) on any problem."""
    from dvk.render import assets
    from dvk.site.build import BuildFailed, build
    from dvk.model.problems import InvalidContent, report
    started = time.perf_counter()
    root = Path(root).resolve()
    output = Path(os.path.abspath(output or root / "output"))   # a link to the current build (dvk.site.build)
    with _Steps(log) as steps:
        steps.task("Đang kiểm tra nội dung và dựng trang (trang lớn có thể mất vài phút)")
        try:
            result = build(root, output, settings_file=settings_file or root / "pelican.conf.py",
                           overrides={"SITEURL": config.siteurl, "FEED_DOMAIN": config.siteurl})
        except InvalidContent as exc:
            raise UserError(f"Không đăng vì nội dung có lỗi:\n{report(exc.problems)}\n"
                            "Sửa các lỗi trên rồi chạy lại invoke publish; trang đang công khai không thay đổi.") from None
        except BuildFailed as exc:
            raise UserError(f"Không đăng vì dựng trang thất bại: {exc}") from None
        steps.done(f"Đã dựng {result.pages} trang cho {config.siteurl} trong {result.seconds:.1f} giây.")
        files = sum(1 for p in output.rglob("*") if p.suffix in assets.REWRITTEN)
        mapping = assets.fingerprint(output, progress=steps.task("Đang gắn dấu vân tay cho CSS, JS", total=files))
        steps.done(f"Đã gắn dấu vân tay cho {len(mapping)} tệp CSS, JS: "
                   + ", ".join(f"{k} → {v.rsplit('/', 1)[-1]}" for k, v in list(mapping.items())[:3]))
        compressed = None
        if config.precompress:
            texts = len(assets.text_files(output))
            compressed = assets.precompress(output, progress=steps.task("Đang nén sẵn (gzip, brotli)", total=texts),
                                            quality=brotli_quality or assets.BROTLI_QUALITY)
            steps.done(f"Đã nén sẵn {compressed.files} tệp văn bản: {compressed.bytes_before / 1e6:.1f} MB → "
                       f"gzip {compressed.bytes_gzip / 1e6:.1f} MB, brotli {compressed.bytes_brotli / 1e6:.1f} MB.")
        else:
            log("Không nén sẵn: nơi đăng tự nén khi gửi trang (GitHub Pages); đặt precompress: true để bật.")
        if deploy:
            steps.task(f"Đang đăng lên {config.to}")
            if config.method == "rsync":
                deploy_rsync(output, config.to, log)
            else:
                deploy_git(root, output, config.to, config.branch, config.cname, log)
    return PublishResult(output, result.pages, mapping, compressed, time.perf_counter() - started, deploy)
