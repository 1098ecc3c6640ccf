"""Values kept between runs, one per file: what a build (or ``invoke validate``) need not compute again.

Each file holds ``(version, value)``: ``version`` names what made the value (the code, the libraries), so a
value made by other code is never used. A cache is never trusted for more than speed: a file that is
missing, unreadable, damaged or of another version reads as absent, and a cache that cannot be written
(a read-only home) is simply not kept. Files are replaced whole (written aside, then renamed), so a run
stopped half-way never leaves half a file. No Pelican import.
"""
from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path
from typing import Any


def user_cache() -> Path:
    """The user's cache folder for this project (outside every repository): ``$XDG_CACHE_HOME/dan-van-kheo``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dan-van-kheo"


def load(path: Path | None, version: str) -> Any:
    """The value saved at ``path`` with this ``version``, else ``None``."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh, no_collection():
            saved, value = pickle.load(fh)
    except Exception:         # absent, unreadable or damaged (pickle raises many kinds): not cached
        return None
    return value if saved == version else None


class no_collection:
    """Python's cycle collector paused while a large value is read. Reading one makes millions of objects,
    none of them garbage: each full collection this sets off walks the whole heap again, and at 100,000
    records reading the build's caches took 10 s with the collector running, under 3 s without."""

    def __enter__(self):
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            gc.enable()


def save(path: Path | None, version: str, value: Any) -> bool:
    """Keep ``value`` at ``path`` with its ``version``; False when it cannot be written."""
    if path is None:
        return False
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickle.dump((version, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
