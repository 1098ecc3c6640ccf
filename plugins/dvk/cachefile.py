"""Values kept between runs, one per file: what a build (or ``invoke validate``) need not compute again.

Each file holds ``(version, value)``: ``version`` names what made the value (the code, the libraries), so a
value made by other code is never used. A cache is never trusted for more than speed: a file that is
missing, unreadable, damaged or of another version reads as absent, and a cache that cannot be written
(a read-only home) is simply not kept. Files are replaced whole (written aside, then renamed), so a run
stopped half-way never leaves half a file. No Pelican import.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from dvk.memory import no_collection


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


class Journaled:
    """A large dict kept between runs as a whole file plus a journal of what changed since that file was
    written (``<name>.journal``: the entries added or replaced, and the keys removed). A run that changes a
    few entries of 100,000 rewrites the small journal, not the whole file (at national scale, seconds per
    build); once the journal holds an eighth as many entries as the dict, the whole file is written again
    and the journal removed. The journal names the whole file it belongs to (a random token written in
    both), so a journal is never applied to another file, and either file missing, damaged or of another
    ``version`` reads as nothing kept, as ``load`` does.

    ``value`` is the dict read (empty when nothing is kept). ``save(new)`` keeps ``new``: an entry of ``new``
    that is the very object read from the whole file (``is``) is known to be there already."""

    SHARE = 8

    def __init__(self, path: Path | None, version: str):
        self.path, self.version = path, version
        self.journal = path.with_name(path.name + ".journal") if path else None
        self.token, self.base, self.value, self.pending = None, {}, {}, None
        whole = load(path, version)
        if not (isinstance(whole, tuple) and len(whole) == 2 and isinstance(whole[1], dict)):
            return
        self.token, self.base = whole
        self.value = dict(self.base)
        kept = load(self.journal, version)
        if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == self.token:
            _, changed, removed = kept
            self.value.update(changed)
            for name in removed:
                self.value.pop(name, None)
            self.pending = (changed, removed)

    def save(self, new: dict) -> bool:
        """Keep ``new``; False when it cannot be written."""
        if self.path is None:
            return False
        base = self.base
        changed = {k: v for k, v in new.items() if base.get(k, _ABSENT) is not v}
        removed = [k for k in base if k not in new]
        if self.token is not None and len(changed) + len(removed) <= len(new) // self.SHARE:
            if self.pending is not None and self.pending[0].keys() == changed.keys() and \
                    all(self.pending[0][k] is v for k, v in changed.items()) and self.pending[1] == removed:
                return True                 # the journal read holds exactly these changes
            return save(self.journal, self.version, (self.token, changed, removed))
        token = os.urandom(8).hex()
        if not save(self.path, self.version, (token, new)):
            return False
        try:
            os.unlink(self.journal)
        except OSError:
            pass
        return True


_ABSENT = object()
