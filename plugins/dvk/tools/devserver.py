"""``invoke serve``: the editors' local preview.

Builds a preview of the site (drafts and scheduled posts included, with the
“Bản nháp — chưa đăng” banner), serves it on http://localhost:8000/, rebuilds
whenever a file under ``content/``, ``data/``, ``theme/`` or ``plugins/``
changes (``watchfiles``), and reloads the open pages. When a change breaks
validation the server keeps serving the last good build and shows the
problems, in Vietnamese, at the top of every page (and at ``/__dvk/loi/``)
until the file is fixed.

Builds run in a Python process of their own (``--worker``), so a crashing
build cannot take the server down. That process stays between saves and keeps
the last build in memory; an edit to the site's code (``plugins/``) starts a
new one, so such edits are picked up too (templates and settings are read at
every build). When the saved files are model records already on the site, the
worker first renders the saved record's own page into the site at once (its
neighbours and the posts naming it as the last build found them), the open
pages reload, and the rebuild that brings every other page up to date follows
(at 20,000 records: the page a tenth of a second after the save, the rest
about 5 s later). A record with a problem shows its problems at once the same
way, and no rebuild is started for it. Hugo's server does alike ("fast render":
the pages being looked at first). The page reload uses a tiny script and a
server-sent events endpoint that exist only in this server's responses: the
built files are untouched and nothing is loaded from another host.

With ``cms=True`` (``invoke serve --cms``) it also serves the web editor at ``/quan-tri/`` (``dvk.tools.cms``:
Decap CMS with its local backend, decap-server on 127.0.0.1, writing into this project's files), so an editor
can try the form without any account; the preview rebuilds after each save like after any other.
"""
from __future__ import annotations

import argparse
import html
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field as dc_field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dvk import PROJECT
from dvk.model.usererror import UserError

PROJECT_DIR = PROJECT
PREFIX = "/__dvk/"

LIVE_RELOAD_JS = """// Dev server only: reload this page when the preview has been rebuilt.
(function () {
  var tag = document.querySelector("script[data-dvk-version]");
  var version = tag ? tag.getAttribute("data-dvk-version") : null;
  if (!window.EventSource) { return; }
  var events = new EventSource("/__dvk/events");
  events.addEventListener("build", function (e) {
    if (e.data !== version) { events.close(); window.location.reload(); }
  });
})();
"""


@dataclass
class BuildState:
    """The outcome of the latest build; ``version`` grows with every finished build, and with every quick page."""

    version: int = 0
    ok: bool | None = None               # None until the first build finishes
    good_build: bool = False             # a successful build exists in the output folder
    problems: list = dc_field(default_factory=list)   # [{"path", "line", "field", "message", "text"}]
    error: str | None = None
    pages: int = 0
    seconds: float = 0.0
    changed: list = dc_field(default_factory=list)
    building: bool = False               # the saved record's page is shown; the rest of the site is being rebuilt
    quick: list = dc_field(default_factory=list)      # the addresses of the latest quick pages


def _problems(problems) -> list[dict]:
    """Problems as the server keeps and shows them (JSON)."""
    return [{"path": p.path, "line": p.line, "field": p.field, "message": p.message, "text": str(p)}
            for p in problems]


def build_once(root, output, settings_file=None, content=None, data=None, keep: dict | None = None) -> dict:
    """Build the preview in this process; a JSON-able outcome (used by the child process). With ``keep`` (a
    dict), the last good build's context is kept in ``keep["context"]`` for ``quick_pages`` (``build``)."""
    from dvk.site.build import BuildFailed, build
    from dvk.model.problems import InvalidContent
    started = time.perf_counter()
    try:
        result = build(root, output, settings_file=settings_file, content=content, data=data, preview=True,
                       keep=keep)
    except InvalidContent as exc:
        return {"ok": False, "problems": _problems(exc.problems), "seconds": time.perf_counter() - started}
    except BuildFailed as exc:
        return {"ok": False, "error": str(exc), "seconds": time.perf_counter() - started}
    return {"ok": True, "pages": result.pages, "seconds": result.seconds}


def serve_builds(root, output, settings_file, content, data, requests, answer) -> None:
    """The build process (``--worker``): for each request (``{"paths": [saved files]}``), the quick pages
    when there are any (``quick_pages``), then the build; each outcome passed to ``answer``. The last good
    build's context is kept for the next request's quick pages; ``build`` lets it go before it reads anew.
    (Nothing here holds it meanwhile: at national scale it is most of a gigabyte.)"""
    from dvk.site.quickpage import quick_pages
    keep: dict = {}
    for request in requests:
        quick = quick_pages(keep.get("context"), Path(output), request.get("paths") or [])
        if quick is not None and not quick["ok"]:
            # Only saved records changed since the last good build, and these have problems: the build
            # would stop at them. Reported as the build's outcome; the last good build's context is kept,
            # so that the fix gets its quick page too.
            answer({"ok": False, "problems": _problems(quick["problems"]), "seconds": quick["seconds"]})
            continue
        if quick is not None:
            answer(quick)
        answer(build_once(root, output, settings_file, content, data, keep=keep))


class BuildWorker:
    """The server's side of the build process: started at first use and again after it stopped or the site's
    code changed; one request at a time (``build`` yields its outcomes: the quick pages, if any, then the
    build's). A process that dies mid-build gives a failed outcome with the end of what it printed."""

    def __init__(self, root: Path, output: Path, settings_file, content, data):
        self.args = [sys.executable, "-m", "dvk.tools.devserver", "--worker", "--root", str(root),
                     "--output", str(output)]
        for flag, value in (("--settings", settings_file), ("--content", content), ("--data", data)):
            if value:
                self.args += [flag, str(value)]
        self.cwd = str(root)
        self.proc = None
        self.tail: list[str] = []

    def _start(self):
        self.tail = []
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8", errors="replace", cwd=self.cwd, bufsize=1)
        self.drain = threading.Thread(target=self._drain, args=(self.proc.stderr,), daemon=True)
        self.drain.start()

    def _drain(self, stream):
        for line in stream:
            self.tail = (self.tail + [line.rstrip("\n")])[-15:]

    def build(self, paths=(), restart: bool = False):
        if restart:
            self.stop()
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        try:
            self.proc.stdin.write(json.dumps({"paths": [str(p) for p in paths]}) + "\n")
            self.proc.stdin.flush()
            for line in self.proc.stdout:
                if line.startswith("{"):
                    outcome = json.loads(line)
                    yield outcome
                    if "quick" not in outcome:
                        return
        except (OSError, ValueError):
            pass
        code = self.proc.wait()
        self.drain.join(timeout=5)        # what it printed last, read to the end
        self.proc = None
        tail = "\n".join(self.tail)
        yield {"ok": False, "error": f"Tiến trình dựng trang dừng bất thường (mã {code}):\n{tail}"}

    def stop(self):
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()


# ------------------------------------------------------------------ pages the server adds


def _problem_items(state: BuildState) -> str:
    if state.problems:
        return "".join(f"<li style=\"margin:.25rem 0\"><code>{html.escape(p['path'])}"
                       f"{':' + str(p['line']) if p.get('line') else ''}</code> — "
                       f"{html.escape(p['text'].split(' — ', 1)[-1])}</li>" for p in state.problems)
    return f"<li><pre style=\"white-space:pre-wrap;margin:0\">{html.escape(state.error or '')}</pre></li>"


def _headline(state: BuildState) -> str:
    if state.problems:
        files = len({p["path"] for p in state.problems})
        return f"tìm thấy {len(state.problems)} lỗi trong {files} tệp"
    return "lỗi khi dựng trang"


def error_panel(state: BuildState) -> str:
    """The notice at the top of every page while the latest build has failed."""
    return (
        "<div id=\"dvk-loi\" role=\"alert\" style=\"background:#fdecea;border:4px solid #b3261e;color:#410e0b;"
        "padding:1rem 1.25rem;margin:0;font:1rem/1.5 system-ui,sans-serif;position:relative;z-index:1000\">"
        f"<p style=\"margin:0 0 .5rem;font-size:1.25rem\"><strong>Chưa dựng lại được trang: {_headline(state)}</strong></p>"
        "<p style=\"margin:0 0 .5rem\">Bạn đang xem bản dựng thành công gần nhất. Sửa các lỗi dưới đây rồi lưu tệp: "
        "trang sẽ tự dựng lại và tải lại.</p>"
        f"<ul style=\"margin:0;padding-left:1.25rem\">{_problem_items(state)}</ul></div>"
    )


def error_page(state: BuildState) -> str:
    """A whole page listing the problems (when no good build exists yet, and at /__dvk/loi/)."""
    if state.ok is not False:
        body = "<h1>Không có lỗi</h1><p>Bản xem trước mới nhất đã dựng thành công. <a href=\"/\">Về trang chủ</a></p>"
    else:
        body = (f"<h1>Chưa dựng được trang: {_headline(state)}</h1>"
                "<p>Sửa các lỗi dưới đây rồi lưu tệp: trang sẽ tự dựng lại và tải lại.</p>"
                f"<ul>{_problem_items(state)}</ul>")
    return (f"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Lỗi nội dung – bản xem trước</title></head>"
            f"<body style=\"font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem\">"
            f"{body}{_script(state)}</body></html>")


def _script(state: BuildState) -> str:
    return f'<script src="{PREFIX}livereload.js" data-dvk-version="{state.version}"></script>'


def inject(page: str, state: BuildState) -> str:
    """A built page as the dev server sends it: the live-reload script, and the problems if the last build failed."""
    panel = error_panel(state) if state.ok is False else ""
    lower = page.lower()
    start = lower.find("<body")
    if panel and start != -1:
        end = page.find(">", start) + 1
        page = page[:end] + panel + page[end:]
    close = page.lower().rfind("</body>")
    return page[:close] + _script(state) + page[close:] if close != -1 else page + _script(state)


# ------------------------------------------------------------------ the server


def watched_paths(root: Path) -> list[Path]:
    """What a save in rebuilds the preview: the site's content and data, the theme and the site's code."""
    return [root / "content", root / "data", PROJECT / "theme", PROJECT / "plugins"]


class QuietServer(http.server.ThreadingHTTPServer):
    """The preview's HTTP server. A browser that goes away in the middle of an answer (a reload, a closed tab,
    an image no longer needed) is no error: nothing is printed for it. Anything else is printed as before."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


class DevServer:
    def __init__(self, root, output=None, *, settings_file=None, host: str = "127.0.0.1", port: int = 8000,
                 watch=None, content=None, data=None, log=print, cms: bool = False):
        self.root = Path(root).resolve()
        self.output = Path(os.path.abspath(output or self.root / "output.preview"))   # a link (dvk.site.build): not resolved
        self.settings_file = settings_file or self.root / "pelican.conf.py"
        self.content, self.data = content, data
        self.watch = [Path(p) for p in (watch or watched_paths(self.root))]
        self.host, self.port, self.log = host, int(port), log
        self.state = BuildState()
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.watching = threading.Event()
        self._build_lock = threading.Lock()
        self.worker = BuildWorker(self.root, self.output, self.settings_file, self.content, self.data)
        self.httpd = None
        self._threads: list[threading.Thread] = []
        self.cms = cms                    # also serve the web editor at /quan-tri/, with its local backend
        self.cms_dir: Path | None = None  # the editor's files, in a temporary folder (never the repository)
        self.cms_backend = None

    @property
    def url(self) -> str:
        host = "localhost" if self.host in ("127.0.0.1", "localhost") else self.host
        return f"http://{host}:{self.port}/"

    # builds

    def rebuild(self, changed=(), paths=()):
        """Build after ``changed`` (names to show) were saved; ``paths``: the saved files (absolute)."""
        with self._build_lock:
            return self._rebuild(changed, paths)

    def _rebuild(self, changed, paths=()):
        self.log("Đang dựng bản xem trước…" if not changed else
                 f"Có thay đổi ({', '.join(sorted(changed)[:3])}{'…' if len(changed) > 3 else ''}); đang dựng lại…")
        code = str(PROJECT / "plugins") + os.sep
        restart = any(os.path.abspath(p).startswith(code) for p in paths)     # the site's code: a new process
        outcome = None
        for outcome in self.worker.build(paths, restart=restart):
            if "quick" in outcome:
                self._quick(outcome, changed)
        return self._record(outcome, changed)

    def _quick(self, outcome, changed):
        """The saved records' pages are in place (or their problems known): the open pages reload now; the
        state says the rest is being rebuilt. Over a failed build's notice, only when every problem it lists
        was in the files just saved, which now pass (the fix of a record reported at once); else the notice
        stays until the rebuild."""
        with self.changed:
            s = self.state
            if outcome["ok"] and s.ok is False:
                if s.error or not s.problems or any(p["path"] not in changed for p in s.problems):
                    return
                s.ok, s.problems = True, []
            if outcome["ok"]:
                s.quick = outcome["quick"]
            else:
                s.ok, s.problems, s.error, s.quick = False, outcome.get("problems", []), None, []
            s.building, s.changed = True, sorted(changed)
            s.version += 1
            self.changed.notify_all()
        if outcome["ok"]:
            self.log(f"Đã cập nhật trang {', '.join('/' + u for u in outcome['quick'])} trong "
                     f"{outcome.get('seconds', 0.0):.1f} giây; đang dựng lại các trang khác…")

    def _record(self, outcome, changed):
        with self.changed:
            s = self.state
            s.ok = outcome["ok"]
            s.good_build = s.good_build or s.ok
            s.problems = outcome.get("problems", []) if not s.ok else []
            s.error = outcome.get("error") if not s.ok else None
            s.pages, s.seconds = outcome.get("pages", s.pages), outcome.get("seconds", 0.0)
            s.changed = sorted(changed)
            s.building = False
            s.version += 1
            self.changed.notify_all()
        if s.ok:
            self.log(f"Đã dựng {s.pages} trang trong {s.seconds:.1f} giây.")
        else:
            self.log(f"Chưa dựng lại được trang: {_headline(s)}. Trang web vẫn hiện bản dựng tốt gần nhất.")
            for p in s.problems:
                self.log(f"  {p['text']}")
            if s.error:
                self.log(s.error)
        return outcome

    def _watch_loop(self):
        import watchfiles
        paths = [str(p) for p in self.watch if p.exists()]
        if isinstance(self.settings_file, (str, Path)) and Path(self.settings_file).is_file():
            paths.append(str(self.settings_file))
        for changes in watchfiles.watch(*paths, stop_event=self.stopping, debounce=300, step=50, rust_timeout=200,
                                        yield_on_timeout=True, watch_filter=watchfiles.DefaultFilter(),
                                        raise_interrupt=False):
            self.watching.set()         # the first (empty) batch comes once the watcher is in place
            if not changes:
                continue
            names = set()
            existing = [p for _, p in changes if Path(p).exists()] or [p for _, p in changes]
            for path in existing:       # an editor's temporary file, created and gone, is not worth naming
                try:
                    names.add(Path(path).resolve().relative_to(self.root).as_posix())
                except ValueError:
                    names.add(Path(path).name)
            if self.stopping.is_set():
                break
            self.rebuild(names, [os.path.abspath(p) for p in existing])

    # serving

    def start(self):
        """Watch, build once, then serve; watching and serving go on in background threads.

        The watcher is in place before the first build, so a file saved meanwhile is not missed.
        """
        try:
            self.httpd = QuietServer((self.host, self.port), _handler(self))
        except OSError as exc:
            raise UserError(f"Không mở được cổng {self.port} ({exc.strerror}); chọn cổng khác, "
                            f"ví dụ: invoke serve --port {self.port + 1}") from None
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        if self.cms:
            self._start_cms()
        self._spawn(self._watch_loop)
        self.watching.wait(timeout=10)
        self.rebuild()
        self._spawn(self.httpd.serve_forever)
        return self

    def _start_cms(self):
        """decap-server on a free port of 127.0.0.1 writing into this project, and /quan-tri/ made for it
        (``dvk.tools.cms``): saves land in content/ and data/ as files, and the preview rebuilds."""
        import tempfile
        from dvk.tools import cms
        self.cms_backend = cms.LocalBackend(self.root).start()
        self.cms_dir = Path(tempfile.mkdtemp(prefix="dvk-cms-"))
        cms.write_admin(self.cms_dir, self.root, {"publish_mode": "simple"}, local_backend=self.cms_backend.url)
        self.cms_dir = self.cms_dir / cms.ADMIN_DIR

    def _spawn(self, target):
        t = threading.Thread(target=target, daemon=True)
        t.start()
        self._threads.append(t)

    def stop(self):
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
        for t in self._threads:
            t.join(timeout=5)
        with self._build_lock:
            self.worker.stop()
        if self.cms_backend:
            self.cms_backend.stop()
        if self.cms_dir:
            import shutil
            shutil.rmtree(self.cms_dir.parent, ignore_errors=True)

    def serve_forever(self):
        if threading.current_thread() is threading.main_thread():    # `kill` stops it as Ctrl+C does, cleanly
            import signal
            signal.signal(signal.SIGTERM, lambda *args: self.stopping.set())
        self.start()
        self.log(f"Bản xem trước (có cả bản nháp) đang chạy tại {self.url} — lưu tệp là trang tự dựng lại; "
                 "nhấn Ctrl+C để dừng.")
        if self.cms:
            self.log(f"Trang soạn bài: {self.url}quan-tri/ — bấm “Đăng nhập” (không cần tài khoản). Mỗi lần lưu, "
                     "tệp được ghi thẳng vào content/ hoặc data/ của thư mục này; kiểm tra rồi commit bằng git như thường lệ.")
        try:
            while not self.stopping.wait(0.5):
                pass
        except KeyboardInterrupt:
            self.log("\nĐã dừng.")
        finally:
            self.stop()


LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


def host_allowed(header: str | None, bound: str, port: int) -> bool:
    """Whether a request's ``Host:`` names this server: localhost, 127.0.0.1 or ::1 (with our port or none),
    or the address it was explicitly bound to (``--host 192.168.1.5`` to preview from a phone)."""
    if not header:
        return False
    header = header.strip().lower()
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port_text = header.partition(":")
    if port_text and port_text != str(port):
        return False
    allowed = LOCAL_NAMES | ({bound.lower()} if bound not in ("0.0.0.0", "::", "") else set())
    return name in allowed


def _handler(dev: DevServer):
    class Handler(http.server.SimpleHTTPRequestHandler):
        server_version = "DanVanKheoPreview/1"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(dev.output), **kwargs)

        def log_message(self, *args):   # the terminal shows builds, not every request
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def _send(self, status: int, body: str, content_type: str):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _cms(self, path: str):
            """A file of the web editor (one folder, no sub-folders, no hidden files)."""
            if path == "/quan-tri":
                self.send_response(301)
                self.send_header("Location", "/quan-tri/")
                self.end_headers()
                return
            name = path[len("/quan-tri/"):] or "index.html"
            target = dev.cms_dir / name
            if "/" in name or name.startswith(".") or not target.is_file():
                return self._send(404, "Không có tệp này.", "text/plain; charset=utf-8")
            types = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                     ".yml": "text/yaml; charset=utf-8", ".wasm": "application/wasm"}
            data = target.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", types.get(target.suffix, "text/plain; charset=utf-8"))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _events(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.end_headers()
            if self.command == "HEAD":
                return
            last = None
            while not dev.stopping.is_set():
                with dev.changed:
                    if dev.state.version == last:
                        dev.changed.wait(timeout=10)
                    version = dev.state.version
                try:
                    if version != last:
                        self.wfile.write(f"event: build\ndata: {version}\n\n".encode())
                        last = version
                    else:
                        self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    return

        def do_GET(self):
            if not host_allowed(self.headers.get("Host"), dev.host, dev.port):
                # DNS rebinding: a page on another site whose name now points at this machine must not read
                # the preview (drafts included).
                return self._send(403, "Bản xem trước chỉ mở được tại http://localhost:"
                                       f"{dev.port}/ trên chính máy này.", "text/plain; charset=utf-8")
            path = unquote(urlsplit(self.path).path)
            state = dev.state
            if path.startswith(PREFIX):
                name = path[len(PREFIX):].strip("/")
                if name == "events":
                    return self._events()
                if name == "livereload.js":
                    return self._send(200, LIVE_RELOAD_JS, "text/javascript; charset=utf-8")
                if name == "trang-thai.json":
                    return self._send(200, json.dumps(asdict(state), ensure_ascii=False), "application/json")
                if name == "loi":
                    return self._send(200, error_page(state), "text/html; charset=utf-8")
                return self._send(404, "Không có trang này.", "text/plain; charset=utf-8")
            if dev.cms_dir and (path == "/quan-tri" or path.startswith("/quan-tri/")):
                return self._cms(path)
            if not state.good_build:
                return self._send(500, error_page(state), "text/html; charset=utf-8")
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                if not path.endswith("/"):
                    return super().do_GET()          # redirect to the address with a slash
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self._send(200, inject(target.read_text(encoding="utf-8"), state), "text/html; charset=utf-8")
            if not target.exists():
                missing = dev.output / "404.html"
                page = missing.read_text(encoding="utf-8") if missing.is_file() else "<html><body>404</body></html>"
                return self._send(404, inject(page, state), "text/html; charset=utf-8")
            return super().do_GET()

        do_HEAD = do_GET

    return Handler


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dvk.tools.devserver", description="Bản xem trước tự dựng lại.")
    parser.add_argument("--worker", action="store_true",
                        help="tiến trình dựng của máy chủ xem trước: mỗi dòng JSON đọc vào là một lần dựng")
    parser.add_argument("--root", default=str(PROJECT_DIR))
    parser.add_argument("--output")
    parser.add_argument("--settings")
    parser.add_argument("--content")
    parser.add_argument("--data")
    args = parser.parse_args(argv)
    if args.worker:
        import logging
        logging.basicConfig(level=logging.ERROR)
        answers = os.fdopen(os.dup(1), "w", encoding="utf-8")      # outcomes only: anything printed goes to stderr
        os.dup2(2, 1)
        sys.stdout = sys.stderr

        def answer(outcome):
            answers.write(json.dumps(outcome, ensure_ascii=False) + "\n")
            answers.flush()
        requests = (json.loads(line) for line in sys.stdin if line.strip())
        serve_builds(args.root, args.output, args.settings, args.content, args.data, requests, answer)
        return 0
    DevServer(args.root, args.output, settings_file=args.settings).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
