"""Shared fixtures of the three kinds of tests (tests/unit, tests/site, tests/browser).

- Small sites built into temporary folders (``site``), and the demo site built once per session
  (``demo_output``) with its image and search-index cache in a temporary folder, never the repository's.
- One headless Chromium per session (``browser``) and the demo site served on localhost (``server``).
- ``artifacts``: where screenshots and printouts go (``DVK_TEST_ARTIFACTS``, or a pytest temporary folder).
- Hygiene: the session fails if it left a new or changed file in the repository (``git status --ignored``).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

from dvk.site.build import build  # noqa: E402
from dvk.load.corpus import load_corpus  # noqa: E402

VALID_MODEL = {
    "name": "Mẹ đỡ đầu",
    "kind": "collective",
    "owner": "Công an tỉnh Đắk Nông",
    "field": "culture-society",
    "topics": ["children"],
    "province": "Đắk Nông",
    "status": "recognized",
    "recognized": {"year": 2024, "level": "province"},
    "summary": "Cán bộ, chiến sĩ nhận đỡ đầu trẻ em có hoàn cảnh khó khăn.",
}

VALID_POST = {
    "title": "Đắk Nông nâng cao chất lượng phong trào",
    "date": "2024-07-22 09:40",
    "category": "Phong trào thi đua",
    "summary": "Mười năm qua, tỉnh có 697 mô hình được công nhận.",
    "province": "Đắk Nông",
}


class Site:
    """A throwaway project: content/ and data/ in a temporary folder, built with the real settings."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True)
        (root / "data" / "models").mkdir(parents=True)
        shutil.copy(ROOT / "data" / "fields.yaml", root / "data" / "fields.yaml")
        self.output = root / "output"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def model(self, record_id: str, folder: str = "", **changes) -> Path:
        data = {**VALID_MODEL, **changes}
        data = {k: v for k, v in data.items() if v is not None}
        rel = f"data/models/{folder + '/' if folder else ''}{record_id}.yaml"
        return self.write(rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def post(self, name: str, body: str = "Nội dung bài viết.", **changes) -> Path:
        meta = {k: v for k, v in {**VALID_POST, **changes}.items() if v is not None}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return self.write(f"content/tin-tuc/{name}.md", f"---\n{front}---\n\n{body}\n")

    def build(self):
        return build(self.root, self.output, settings_file=ROOT / "pelican.conf.py")

    def problems(self):
        return load_corpus(self.root).problems

    def page(self, url: str) -> str:
        return (self.output / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path / "site")


@pytest.fixture(scope="session")
def _built_site_template(tmp_path_factory) -> Path:
    from dvk.site.build import main
    template = Site(tmp_path_factory.mktemp("built-site") / "site")
    template.model("tot")
    assert main(["--root", str(template.root), "--output", str(template.output)]) == 0
    return template.root


@pytest.fixture
def built_site(tmp_path, _built_site_template) -> Site:
    """A site with one valid model record (``tot``), already built with ``build --output``: a copy of one
    build made once per session, for tests that break the input and check that the last good site is kept.
    ``output`` stays a relative link into the copy's own ``.output.versions/``."""
    root = tmp_path / "site"
    shutil.copytree(_built_site_template, root, symlinks=True)
    site = Site.__new__(Site)
    site.root, site.output = root, root / "output"
    return site


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The repository's own demo content, built once for the whole session: with pytest-xdist, the first
    worker to need it builds it into the session's shared temporary folder and the others wait and read it.
    Its image and search-index cache is a temporary folder too, never the repository's .cache/."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        out = tmp_path_factory.mktemp("demo") / "output"
        build(ROOT, out, cache=tmp_path_factory.mktemp("demo-cache"))
        return out
    import fcntl
    shared = tmp_path_factory.getbasetemp().parent / "demo-shared"     # this session's folder, all workers
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            build(ROOT, shared / "output", cache=shared / "cache")
            (shared / "built").touch()
    return shared / "output"


def read_page(output: Path, url: str) -> str:
    return (output / url.strip("/") / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """Visible text, tags removed and whitespace folded, for assertions on what a reader sees."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def records():
    """(id, record) of every model record of the demo content, read independently of the code under test."""
    for path in sorted((ROOT / "data" / "models").rglob("*.yaml")):
        yield path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ where tests may write

@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Screenshots and printouts for a human to look at: $DVK_TEST_ARTIFACTS, or a pytest temporary folder."""
    folder = Path(os.environ["DVK_TEST_ARTIFACTS"]) if os.environ.get("DVK_TEST_ARTIFACTS") \
        else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


from dvk.cachefile import user_cache  # noqa: E402,F401  (for the tests: this project's folder in the user's cache: vnu, Decap)


# ------------------------------------------------------------------ the browser

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def static_server(directory):
    """A built site served on 127.0.0.1 (a free port), as a static host would; yields its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=str(directory))
    from dvk.tools.devserver import QuietServer      # no traceback when a browser goes away mid-answer
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(demo_output):
    """The demo site on localhost, for the whole session."""
    with static_server(demo_output) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; each test opens its own context or page."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `invoke test`, which installs it")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# ------------------------------------------------------------------ the repository is left as it was

def _repo_state() -> dict[str, int] | None:
    """What ``git status --porcelain --ignored`` lists (changed, untracked or ignored paths): {path: its
    modification time, or -1 for a changed tracked file}, untracked and ignored folders walked; None when this
    is not a git work tree. .venv and byte code are left out: they are Python's, not the tests'."""
    try:
        run = subprocess.run(["git", "status", "--porcelain", "--ignored", "-z"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if run.returncode:
        return None
    state = {}
    for entry in run.stdout.split("\0"):
        status, rel = entry[:2], entry[3:].rstrip("/")
        parts = rel.split("/")
        if not rel or parts[0] in (".venv", "venv") or "__pycache__" in parts or rel.endswith(".pyc"):
            continue
        if status not in ("??", "!!"):
            state[rel] = -1        # a tracked file changed: only a new change counts (an editor's save is not ours)
            continue
        path = ROOT / rel
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                for name in files + dirs:
                    p = os.path.join(folder, name)
                    with contextlib.suppress(OSError):
                        state[os.path.relpath(p, ROOT)] = os.lstat(p).st_mtime_ns
        with contextlib.suppress(OSError):
            state[rel] = os.lstat(path).st_mtime_ns
    return state


def _is_controller(config) -> bool:
    return not hasattr(config, "workerinput")        # pytest-xdist: only the controller checks


def pytest_sessionstart(session):
    if _is_controller(session.config):
        session.config._dvk_repo_before = _repo_state()


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_dvk_repo_before", None)
    if before is None or os.environ.get("DVK_SKIP_REPO_CHECK"):
        return
    after = _repo_state() or {}
    written = sorted(p for p, t in after.items() if before.get(p) != t)
    if written:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (f"The tests wrote into the repository ({len(written)} paths new or changed); "
                   f"write under tmp_path instead: {', '.join(written[:20])}")
        if reporter:
            reporter.ensure_newline()
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
