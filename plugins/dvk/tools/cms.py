"""The web editor's local backend: ``decap-server`` for ``invoke serve --cms`` and the tests.

``LocalBackend`` runs ``decap-server`` on 127.0.0.1 (its ``BIND_HOST``) against a working copy, in its
file-system mode: saves are written as files, the editor commits them with git as usual. The pinned
versions, the install and the ``/quan-tri/`` page are ``dvk.site.cms`` (re-exported here).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from dvk.model.usererror import UserError
from dvk.site.cms import *  # noqa: F401,F403  (the editor's versions, install and page, for tasks and tests)
from dvk.site.cms import INSTALL_HINT, _require_installed, cache_dir

GUARD_JS = Path(__file__).resolve().parent / "cms-guard.js"   # decap-server answers only 127.0.0.1 or localhost


# ------------------------------------------------------------------ the local backend


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    """In the child, before node starts: on Linux, end it when the server that started it ends, however it ends
    (Ctrl+C, kill, a crash), so no editor backend is left listening."""
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)    # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class LocalBackend:
    """``decap-server`` on 127.0.0.1 in file-system mode, writing into ``repo`` only (it refuses paths that
    leave it, ``..`` and symbolic links included: ``resolveNewRepoPath`` in its source), answering only requests
    whose ``Host:`` is 127.0.0.1 or localhost (``cms-guard.js``: no DNS rebinding)."""

    def __init__(self, repo, port: int | None = None, log=None, mode: str = "fs"):
        self.repo = Path(repo).resolve()
        self.mode = mode      # "fs": saves are files; "git": commits, and the editorial workflow as local branches
        self.port = port or free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> "LocalBackend":
        _require_installed()
        node = shutil.which("node") or shutil.which("nodejs")
        if not node:
            raise UserError(f"Chưa có Node.js để chạy máy chủ soạn bài cục bộ. Cài bằng lệnh: {INSTALL_HINT}")
        script = cache_dir() / "node_modules" / "decap-server" / "dist" / "index.js"
        env = {**os.environ, "PORT": str(self.port), "BIND_HOST": "127.0.0.1", "MODE": self.mode,
               "GIT_REPO_DIRECTORY": str(self.repo), "LOG_LEVEL": "warn"}
        # cwd: the install folder, not the repository (decap-server reads a .env file from its cwd).
        self.process = subprocess.Popen([node, "--require", str(GUARD_JS), str(script)], cwd=cache_dir(), env=env,
                                        stdin=subprocess.DEVNULL,
                                        stdout=self.log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                        preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise UserError(f"Máy chủ soạn bài cục bộ (decap-server) dừng ngay khi chạy, mã {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise UserError(f"Máy chủ soạn bài cục bộ không mở được cổng {self.port} sau 20 giây")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
