"""Incremental builds: a showcase page whose inputs did not change is carried over, not rendered again.

After each build a manifest (``<cache>/build/<output>.manifest``) records, for every
page the showcase writes (models, listings, fields, topics, provinces), a key:
a hash of everything the page is made from — the record(s) it shows, the cards
of related records and posts, its listing position, its charts and reports —
and of the build as a whole (``build_key``: the code, templates, settings,
``fields.yaml``, the province table, preview or not). The next build computes
the same keys; a page whose key is unchanged is hard-linked from the previous
site into the new one instead of being rendered. Anything else (Pelican's
posts, feeds, open data, search, sitemap) is made anew each time.

Correctness rests on the keys naming every input: ``tests/site/test_incremental.py``
applies random edits and compares every file with a cold build. ``--full``
(``build(full=True)``) ignores the manifest.

Before any of that, a build whose inputs did not change at all does nothing (``input_stamp``): the
manifest also records the name, size and modification time of every file the build reads (content,
data, theme, settings, the code, the web editor's bundle), the options, the versions of the libraries
that render pages, and the moment a scheduled post becomes public (``next_change``). When all are the
same and ``output`` still names the site that build made, the site is already what a build would
make, and stays as it is: like ``make``, this trusts modification times.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from dvk import PROJECT
from dvk.model import urls
from dvk.model.visibility import TIMEZONE

MANIFEST_VERSION = 2


def key(*parts) -> str:
    return _hash(*parts)


def _hash(*parts) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        text = p if isinstance(p, bytes) else str(p).encode("utf-8", "surrogatepass")
        if b" object at 0x" in text:      # a memory address would make every key new, every build
            raise ValueError(f"unstable part in a page key: {text[:200]!r}")
        h.update(text)
        h.update(b"\x1f")
    return h.hexdigest()


def _stat(path) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _tree_digest(folder: Path, suffixes=None) -> str:
    """Names and contents of the files below ``folder`` (the code, the templates)."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and (suffixes is None or path.suffix in suffixes):
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def build_key(ctx, settings: dict, settings_file) -> str:
    """What every page depends on: a change here makes every page again."""
    from importlib.metadata import version
    try:
        provinces = version("vietnam-provinces") + version("vietnamadminunits")
    except Exception:     # not installed as a distribution: the code hash still covers our tables
        provinces = "?"
    theme = Path(settings.get("THEME") or PROJECT / "theme")
    plain = {k: v for k, v in settings.items() if k.isupper() and isinstance(v, (str, int, float, bool, type(None)))}
    return _hash(MANIFEST_VERSION, sys.version, _tree_digest(PROJECT / "plugins" / "dvk", {".py"}),
                 _tree_digest(theme / "templates"), Path(settings_file).read_bytes(),
                 json.dumps(plain, sort_keys=True, ensure_ascii=False),
                 (ctx.data / "fields.yaml").read_bytes() if (ctx.data / "fields.yaml").is_file() else b"",
                 provinces, ctx.preview)


_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""")


def _scan(folder, h, newest: list | None = None, stats: dict | None = None) -> None:
    """Feed ``h`` the relative name, kind, size and modification time of everything under ``folder``
    (hidden files included: a build refuses some of them), in a stable order; a link by its target.
    ``newest``, if given, ends holding the latest modification time (``st_mtime``, not following links) of
    the files and links whose path has no hidden part, as ``build.build_date`` reads them. ``stats``, if
    given, ends holding each plain file's ``(size, st_mtime_ns)`` by its path (``folder`` joined with its
    name, as ``os.scandir`` makes it): the loader need not ask the system again for 100,000 records."""
    folder = str(folder)
    stack = [("", False)]
    while stack:
        rel, hidden = stack.pop()
        try:
            entries = sorted(os.scandir(os.path.join(folder, rel) if rel else folder), key=lambda e: e.name)
        except OSError:
            h.update(f"?{rel}\x1e".encode("utf-8", "surrogatepass"))
            continue
        for e in entries:
            name = f"{rel}/{e.name}" if rel else e.name
            visible = newest is not None and not hidden and not e.name.startswith(".")
            try:
                if e.is_symlink():
                    h.update(f"L{name}\x1f{os.readlink(e.path)}\x1e".encode("utf-8", "surrogatepass"))
                    if visible:
                        newest[0] = max(newest[0], e.stat(follow_symlinks=False).st_mtime)
                elif e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        stack.append((name, hidden or e.name.startswith(".")))
                else:
                    st = e.stat(follow_symlinks=False)
                    h.update(f"F{name}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1e".encode("utf-8", "surrogatepass"))
                    if stats is not None:
                        stats[e.path] = (st.st_size, st.st_mtime_ns)
                    if visible:
                        newest[0] = max(newest[0], st.st_mtime)
            except OSError:
                h.update(f"?{name}\x1e".encode("utf-8", "surrogatepass"))


LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe", "cmarkgfm", "pyyaml", "pillow", "nh3",
             "vietnam-provinces", "vietnamadminunits")


def input_stamp(folders, files, options, newest: dict | None = None, stats: dict | None = None) -> str:
    """One hash of everything a build reads, by name, size and modification time (``folders`` scanned
    whole, ``files`` one by one), of ``options`` (the build's arguments and environment) and of the
    libraries' versions: equal stamps, equal sites. ``newest`` (folder -> [0]), if given: for each of its
    folders, the latest modification time seen (``_scan``), so that nobody walks them again for it.
    ``stats`` (folder -> {}), if given: for each of its folders, every plain file's size and modification
    time as ``_scan`` saw them."""
    from importlib.metadata import PackageNotFoundError, version
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((MANIFEST_VERSION, sys.version, options)).encode("utf-8", "surrogatepass"))
    for name in LIBRARIES:
        try:
            h.update(f"{name}={version(name)}\x1e".encode())
        except PackageNotFoundError:
            h.update(f"{name}=-\x1e".encode())
    for folder in folders:
        h.update(f"D{folder}\x1e".encode("utf-8", "surrogatepass"))
        _scan(folder, h, (newest or {}).get(folder), (stats or {}).get(folder))
    for path in files:
        h.update(f"S{path}\x1f{_stat(path)}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def next_change(corpus) -> str | None:
    """When the site would change with no file changed: the first scheduled post's time (Vietnam time,
    ISO), after which it is public; None when no post is scheduled."""
    from dvk.model.visibility import _naive_local, hidden_reason
    times = [_naive_local(e.date) for e in corpus.posts if e.date is not None and hidden_reason(e) == "future"]
    return min(times).isoformat() if times else None


@dataclass
class Digests:
    """Per-build digests of what pages show, computed once each (``ctx.digests``).

    A record, post, document or page is known by its file's size and modification time (and those of its
    pictures and attachments): what a page shows of it is made from those files by the code and
    ``fields.yaml``, which the build key covers. Like ``make``, this trusts modification times; ``--full``
    makes everything again."""

    ctx: object                                       # the BuildContext: paths, post addresses, preview marks
    records: dict = dc_field(default_factory=dict)    # record id -> digest
    posts: dict = dc_field(default_factory=dict)      # source path -> digest

    @property
    def content(self) -> Path:
        return self.ctx.content

    def record(self, m) -> str:
        d = self.records.get(m.id)
        if d is None:     # (one string hashed at once: a national build makes 100,000 of these)
            stamp = getattr(m, "stamp", None)         # as the corpus read it (no second stat of 100,000 files)
            text = f"record\x1f{m.id}\x1f{m.path}\x1f" + (f"{stamp[0]}:{stamp[1]}" if stamp else
                                                           _stat(self.ctx.root / m.path))
            images = m.data.get("images")
            if images:
                text += "".join("\x1f" + _stat(self.content / str(i.get("src", "")).lstrip("/"))
                                for i in images if isinstance(i, dict))
            d = self.records[m.id] = hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                                     digest_size=16).hexdigest()
        return d

    def records_of(self, items) -> str:
        """One digest of the records ``items``, in order (their digests are hex: joined, then hashed once)."""
        record = self.record
        return hashlib.blake2b(" ".join([record(m) for m in items]).encode(), digest_size=16).hexdigest()

    def model_page(self, template: str, url: str, m, related, mentions) -> str:
        """The key of record ``m``'s page (``url``, made with ``template``): the record, its related records in
        order, the posts that name it. One string hashed at once (a national build makes 100,000 of these);
        every part is a name or a hex digest, so none can run into the next."""
        record = self.record
        parts = [template, url, record(m), *[record(r) for r in related], "posts", *[self.post(a) for a in mentions]]
        return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def post(self, item) -> str:
        """A post, document or page as pages show it: its file, address, pictures and attachments."""
        d = self.posts.get(item.source_path)
        if d is None:
            links = self.ctx.posts.get(item.source_path)
            files = [str(getattr(item, "image", "") or "")] + _SRC.findall(getattr(item, "_content", "") or "")
            files += [str(a.get("file", "")) for a in (getattr(item, "attachments", None) or [])
                      if isinstance(a, dict)]
            stats = [_stat(self.content / f.split("}", 1)[-1].lstrip("/")) for f in files if f and "://" not in f]
            d = self.posts[item.source_path] = _hash(
                "post", item.source_path, _stat(item.source_path), links.url if links else item.url, stats,
                getattr(item, "status", ""), self.ctx.preview_marks.get(item.source_path))
        return d


class RecordCache:
    """What a build makes of each record for a file that lists every record (the search index's entries, the
    open data's rows), kept between builds by the record's digest (``Digests.record``: its file and
    pictures) under the build key (the code, settings, ``fields.yaml``, province tables): a one-record edit
    makes one again, not 100,000. Saved only when something was made; never used by ``--full``."""

    def __init__(self, path: Path | None, version: str):
        from dvk import cachefile
        self.path, self.version = path, version
        self.store = cachefile.Journaled(path, version)       # an edit rewrites a journal, not 100,000 values
        self.old = self.store.value
        self.new: dict = {}
        self.made = 0

    def get(self, digest: str, make):
        value = self.old.get(digest)
        if value is None:
            value = make()
            self.made += 1
        self.new[digest] = value
        return value

    def save(self) -> None:
        if self.path and (self.made or len(self.new) != len(self.old)):
            self.store.save(self.new)


def record_cache(ctx, name: str) -> RecordCache:
    """The ``RecordCache`` ``name`` of this build (none kept with ``--full`` or without a manifest)."""
    manifest = ctx.manifest
    keep = manifest is not None and manifest.key and not getattr(manifest, "full", False)
    path = ctx.cache_dir / "build" / f"{name}-{manifest.path.stem}.pickle" if keep else None   # one per output
    return RecordCache(path, manifest.key if keep else "")


class Manifest:
    """Keys of the pages of one site folder: the previous build's (to compare) and this build's (to save)."""

    def __init__(self, path: Path, key: str, previous_site: Path | None, old: dict | None):
        self.path, self.key, self.previous_site = path, key, previous_site
        self.previous_root = str(previous_site) if previous_site else ""
        self.old = old or {}
        self.new: dict[str, str] = {}
        self.carried = self.rendered = 0
        self.stamp: str | None = None        # this build's ``input_stamp``
        self.until: str | None = None        # this build's ``next_change``
        self.counts: list = []               # pages, models, posts, pages not listed: what the build reports
        self.previous_counts: list | None = None
        self.full = False                    # --full: nothing kept from earlier builds is used
        # Pages already in the folder this build writes, left there from the site before last (``take_kept``):
        # name -> key. A page whose key is the same is left as it is; any other is removed before it is
        # written, and those this build does not write are removed before the sitemap (``drop_stale``).
        self.kept: dict[str, str] = {}
        self.dropped: list[str] = []         # of those, the pages this build did not write (removed)
        self.journal: list | None = None     # see ``note``

    @staticmethod
    def path_for(cache: Path, output: Path) -> Path:
        return cache / "build" / (_hash(os.path.abspath(output))[:16] + ".manifest")

    @classmethod
    def dirty_path(cls, cache: Path, output: Path) -> Path:
        return _dirty(cls.path_for(cache, output))

    @classmethod
    def mark_dirty(cls, cache: Path, output: Path, names: list[str]) -> None:
        """Pages about to be written into the site ``output`` names outside a build (the dev server's quick
        page after a save): the next build renders them again, whatever their keys say, as it would after a
        build stopped half-way. Kept in a file of its own, written before the pages, so that a process that
        stops in between leaves nothing stale behind; ``save`` removes it."""
        path = cls.dirty_path(cache, output)
        try:
            marked = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            marked = []
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(sorted(set(marked if isinstance(marked, list) else []) | set(names))),
                       encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def unchanged(cls, cache: Path, output: Path, stamp: str) -> list | None:
        """The counts of the site ``output`` names when the build that made it had this ``stamp``, no
        scheduled post has become public since, no page was written into it since (``mark_dirty``), and the
        site is still there; else None."""
        from dvk.model.visibility import now_local
        if not output.is_symlink() or cls.dirty_path(cache, output).exists():
            return None
        saved = _read(cls.path_for(cache, output), keep=True)
        if not isinstance(saved, dict) or saved.get("stamp") != stamp or not saved.get("counts"):
            return None
        if saved.get("site") != os.path.realpath(output) or not os.path.isdir(saved["site"]):
            return None
        until = saved.get("until")
        if until and now_local().isoformat() >= until:
            return None
        global _last_read
        _last_read = None           # nothing to build: ``open`` will not take it
        return saved["counts"]

    @classmethod
    def open(cls, cache: Path, output: Path, key: str, full: bool) -> "Manifest":
        path = cls.path_for(cache, output)
        site = Path(os.path.realpath(output)) if output.is_symlink() else None
        old, saved = None, {}
        if not full and site is not None and site.is_dir() and path.is_file():
            saved = _read(path)
            if not isinstance(saved, dict):
                saved = {}
            if saved.get("key") == key and saved.get("site") == str(site):
                old = saved.get("pages") or {}
            if old:
                try:
                    dirty = json.loads(cls.dirty_path(cache, output).read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    dirty = []
                for name in dirty if isinstance(dirty, list) else []:
                    old.pop(name, None)          # written since that build: rendered again, never carried
        manifest = cls(path, key, site if old else None, old)
        manifest.previous_counts = saved.get("counts") if old else None
        manifest.full = full
        return manifest

    def carry(self, name: str, key: str, target: str) -> bool:
        """Hard-link the previous build's file ``name`` (its path in the site, ``mo-hinh/x/index.html``) to
        ``target`` when its key is the same. Safe in a forked worker: it changes nothing here (the worker
        reports back, ``note`` records it). A page kept in this build's folder (``kept``) with the same key
        is already there; with another key it is removed first."""
        kept = self.kept.get(name)
        if kept is not None:
            if kept == key:
                return True
            _unlink(target)
        if self.previous_site is None or self.old.get(name) != key:
            return False
        source = os.path.join(self.previous_root, name)
        try:
            try:
                os.link(source, target)     # the usual case: the page's folder kept from an earlier site
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)
        except OSError:
            return False
        return True

    def release(self, name: str, target: str) -> None:
        """Before a file ``name`` is written at ``target`` other than by ``carry``: a page kept there from the
        site before last is removed, never written over. Its file may be a hard link shared with the live
        site, which must not change while this build runs (nor after it, if this build fails)."""
        if name in self.kept:
            _unlink(target)

    def drop_stale(self, root: str) -> None:
        """Remove the pages kept from the site before last that this build did not write (a record deleted, a
        listing now shorter): after every page is written, before the sitemap reads the site."""
        new = self.new
        for name in self.kept:
            if name not in new:
                _unlink(os.path.join(root, name))
                self.dropped.append(name)

    def note(self, written: list[tuple[str, str, bool]]) -> None:
        """Record files written (``(name, key, carried)``), in this process; pages (``.html``) are counted.
        With a ``journal`` (a list: a forked child that writes part of the site), the rows are also kept
        there, for the build's own process to note."""
        if self.journal is not None:
            self.journal += written
        for name, key, carried in written:
            self.new[name] = key
            if not name.endswith(".html"):
                continue
            if carried:
                self.carried += 1
            else:
                self.rendered += 1

    def save(self, site: Path) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _write(self.path, {"key": self.key, "site": str(site), "stamp": self.stamp, "until": self.until,
                           "counts": self.counts, "pages": self.new})
        _dirty(self.path).unlink(missing_ok=True)


def _read(path, keep: bool = False) -> object:
    """A value ``_write`` kept at ``path`` (``marshal``: a national site's manifest, 133,000 names and keys,
    reads and writes several times quicker than as JSON), or None when absent or damaged.

    ``keep``: the value is also kept for the next ``_read`` of the same file, unchanged since (same inode,
    size and modification time), which takes it: a build reads its manifest once to see whether anything
    changed (``Manifest.unchanged``) and once to compare pages (``Manifest.open``), 0.2 s each at national
    scale."""
    global _last_read
    last = _last_read
    if last is not None and last[0][0] == os.fspath(path):
        _last_read = None
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            stamp = (os.fspath(path), st.st_ino, st.st_size, st.st_mtime_ns)
            value = last[1] if last is not None and last[0] == stamp else marshal.load(fh)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if keep:
        _last_read = (stamp, value)
    return value


_last_read = None       # (the file's path and stamp, its value): see ``_read``


def _write(path, value) -> None:
    """Keep ``value`` (plain dicts, lists, strings, numbers) at ``path``: written aside, then renamed."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        marshal.dump(value, fh, 2)
    os.replace(tmp, path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


# ------------------------------------------------------------ the site before last, kept for the next build
#
# A build writes a new folder and links into it every page that did not change (``carry``): at national scale
# 100,000 hard links, seconds of a one-record edit. Instead, the site a build replaces keeps its pages: a
# process of its own (``build.empty_site``) removes every other file of it, the pages written since it was
# made (``Manifest.mark_dirty``) included, and writes beside them ``KEPT``: their names and keys, and the
# folders left without a page (only those can be empty after the next build). The next
# build writes into that folder (``take_kept``): a page whose key did not change since the site before last
# is already there, and costs nothing. The rule that makes this safe: a file kept there may be a hard link
# shared with the live site, so it is never written over in place; it is removed first (``carry``,
# ``release``, the writer's ``_open_w``), then written.

KEPT = ".dvk-kept"                  # (``_read``, ``_write``)
REPLACED_MANIFEST, REPLACED_DIRTY = ".dvk-manifest", ".dvk-dirty.json"


def hand_over(manifest: "Manifest", replaced: str, moved: str) -> None:
    """The site ``replaced`` (now at ``moved``, to be emptied) keeps its pages when this build's manifest
    described it: the manifest file, about to be replaced by this build's, and its mark of pages written
    since are moved into it for ``keep_pages``."""
    if manifest.previous_site is None or str(manifest.previous_site) != replaced or manifest.full:
        return
    for source, name in ((manifest.path, REPLACED_MANIFEST), (_dirty(manifest.path), REPLACED_DIRTY)):
        try:
            os.rename(source, os.path.join(moved, name))
        except OSError:
            pass


def keep_pages(folder: str) -> dict:
    """In a replaced site being emptied: what ``KEPT`` will say (the build key, and the pages to keep: name ->
    key), from the manifest ``hand_over`` moved into it, less the pages written since; nothing when there is
    no such manifest."""
    saved = _read(os.path.join(folder, REPLACED_MANIFEST))
    try:
        pages, key = saved["pages"], saved["key"]
    except (KeyError, TypeError):
        return {}
    try:
        with open(os.path.join(folder, REPLACED_DIRTY), encoding="utf-8") as fh:
            dirty = json.load(fh)
    except (OSError, ValueError):
        dirty = []
    if not isinstance(pages, dict) or not isinstance(key, str):
        return {}
    for name in dirty if isinstance(dirty, list) else []:
        pages.pop(name, None)
    return {"key": key, "pages": {n: k for n, k in pages.items() if _inside(n) and isinstance(k, str)}}


def _inside(name) -> bool:
    """A relative address that stays inside the site (these files are read back, and what they name is
    removed): not absolute, not hidden at its start, no ``..``."""
    return (isinstance(name, str) and name != "" and not name.startswith((".", "/", "\\"))
            and ".." not in name.replace("\\", "/").split("/") and "\0" not in name)


def write_kept(folder: str, kept: dict) -> None:
    """``KEPT`` in ``folder``: what ``take_kept`` reads."""
    _write(os.path.join(folder, KEPT), kept)


def take_kept(folder: Path, key: str, full: bool) -> tuple[dict, list] | None:
    """The pages a reused folder holds (``KEPT``, removed from it): name -> key, every key "" (matching no
    page) unless the build key is this build's; and its folders that hold no page. None when the folder does
    not say what it holds: it is not to be used."""
    path = folder / KEPT
    saved = _read(path)
    try:
        pages, kept_key, bare = saved["pages"], saved["key"], saved["bare"]
        if not isinstance(pages, dict) or not isinstance(bare, list):
            raise TypeError
    except (KeyError, TypeError):
        return None
    path.unlink()
    pages = {n: k for n, k in pages.items() if _inside(n) and isinstance(k, str)}
    bare = [f for f in bare if _inside(f)]
    if kept_key == key and not full:
        return pages, bare
    # Made by another build key: no page there may be kept. Each is removed when its page is written (by
    # the workers that write them), the others before the sitemap (``Manifest.drop_stale``).
    return dict.fromkeys(pages, ""), bare


def _dirty(manifest: Path) -> Path:
    """Beside a manifest, the pages written into its site since (``Manifest.mark_dirty``)."""
    return manifest.with_suffix(".dirty.json")


def leaf_page_folders(ctx) -> set[str]:
    """The folders of the pages this build wrote or carried, as its manifest noted them, below which the
    manifest names nothing: the sitemap need not read them (at national scale, 130,000 of 133,000 folders;
    reading them took most of a one-record edit's second of sitemap). The pages the manifest does not list
    (404, search, the editor) sit directly under the site's root, which is always read."""
    written = ctx.manifest.new if ctx.manifest else {}
    pages, inner = [], {""}
    for name in written:
        folder, _, base = name.rpartition("/")
        if base == "index.html" and folder:
            pages.append(folder)
        parent = folder.rpartition("/")[0] if folder else ""
        while parent not in inner:  # every folder above a file the manifest names is read
            inner.add(parent)
            parent = parent.rpartition("/")[0]
    return {f + "/" for f in pages if f not in inner}


# ------------------------------------------------------------------------ Pelican's pages: posts, lists

DEFER = True          # Pelican's pages set aside and rendered with the showcase's, on every core (False: at once)


def render_pending(ctx, min_items: int) -> None:
    """Render the pages set aside in ``ctx.pending``: zero-argument callables, each writing its files and
    returning their manifest rows (``(name, key, False)``). On every core once there are ``min_items`` of
    them (``dvk.parallel``: forked workers, so each job keeps what it captured); the rows are noted here."""
    from dvk.parallel import map_ranges

    jobs, ctx.pending = ctx.pending, []

    def run(start, stop):
        rows = []
        for job in jobs[start:stop]:
            rows += job() or []
        return rows

    for rows in map_ranges(run, len(jobs), min_items=min_items):
        if ctx.manifest is not None and rows:
            ctx.manifest.note(rows)


def writer_class(ctx):
    """Pelican's writer, carrying over the posts, documents and post listings whose inputs did not change."""
    from pelican.paginator import Paginator
    from pelican.writers import FileOverwriteFailedError, Writer

    digests = ctx.digests

    def article_parts(article) -> list:
        links = ctx.posts.get(article.source_path)
        models = ctx.corpus.models
        mentioned = [models[m] for m in (getattr(article, "models", None) or []) if m in models]
        parts = [digests.post(article), [digests.record(m) for m in mentioned]]
        if links:
            parts += [[digests.post(a) for a in links.related],
                      [digests.post(a) if a else "" for a in (links.newer, links.older)]]
            if not mentioned and not links.related:      # article.html shows the latest news instead
                parts.append([digests.post(a) for a in ctx.latest_posts[:5]])
        return parts

    def value(v):
        if hasattr(v, "source_path") and hasattr(v, "metadata"):       # a post, document or page
            return digests.post(v)
        if isinstance(v, (list, tuple)):
            return [value(x) for x in v]
        if isinstance(v, (str, int, float, bool, type(None))):
            return v
        return (type(v).__name__, str(v), getattr(v, "slug", None))    # a category, tag or author

    def inputs_of(context, paginated, kwargs):
        parts = []
        for name, v in sorted(kwargs.items()):
            if name == "article":
                parts.append(article_parts(v))
            elif name in ("articles", "dates", "all_articles"):
                continue       # lists handled below; all_articles: no template of the theme uses it
            else:
                parts.append((name, value(v)))
        listed = (paginated or {}).get("articles") or kwargs.get("articles")
        if listed is None and "article" not in kwargs and "page" not in kwargs:
            listed = context.get("articles") or []       # lists of all tags, categories, authors, archives
        if listed is not None:
            parts.append([digests.post(a) for a in listed])
        return parts

    class CarryingWriter(Writer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._planned = set()      # files set aside for render_pending

        def _create_new_feed(self, feed_type, feed_title, context):
            """A feed without posts is dated like the build (``ctx.built``), not by the clock: reproducible."""
            feed = super()._create_new_feed(feed_type, feed_title, context)
            latest = feed.latest_post_date
            built = ctx.built.replace(tzinfo=TIMEZONE) if ctx.built else None
            feed.latest_post_date = lambda: latest() if feed.items or built is None else built
            return feed

        def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                       feed_title=None):
            """A feed whose posts did not change since the last build is carried over, as pages are (34
            province feeds and Pelican's own: most of a second of a national edit). Its key: its address,
            title and kind, and each post it shows (``Digests.post``); an empty one is dated like the build."""
            manifest = ctx.manifest
            if not path or manifest is None or override_output:
                return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
            shown = elements[: self.settings["FEED_MAX_ITEMS"]]
            key = _hash("feed", path, url, feed_type, feed_title, [digests.post(e) for e in shown],
                        "" if shown else str(ctx.built))
            if manifest.carry(path, key, os.path.join(self.output_path, path)):
                manifest.note([(path, key, True)])
                return None
            feed = super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
            manifest.note([(path, key, False)])
            return feed

        def _open_w(self, filename, encoding, override=False):
            """A file is never written over in place: it may be a hard link shared with the live site (a page
            carried or kept from an earlier build). Removed first, then written."""
            if filename not in self._overridden_files:
                _unlink(filename)
            return super()._open_w(filename, encoding, override)

        def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                       override_output=False, url=None, **kwargs):
            manifest = ctx.manifest
            if not name or manifest is None or relative_urls or override_output:
                return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                          override_output, url, **kwargs)
            key = _hash("pelican", name, template.name, template_name, inputs_of(context, paginated, kwargs))
            if paginated is None:
                paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
            names = [name]
            if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
                per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
                pages = Paginator(name, url, next(iter(paginated.values())), self.settings, per_page)
                names = [pages.page(n).save_as for n in range(1, pages.num_pages + 1)]
            targets = [os.path.join(self.output_path, n) for n in names]
            if all(manifest.carry(n, key, t) for n, t in zip(names, targets)):
                self._written_files.update(targets)
                manifest.note([(n, key, True) for n in names])
                return None
            for t in targets:                     # some carried, not all: make them all again
                if os.path.exists(t):
                    os.unlink(t)
            rows = [(n, key, False) for n in names]
            if not DEFER:
                super().write_file(name, template, context, relative_urls, paginated, template_name,
                                   override_output, url, **kwargs)
                manifest.note(rows)
                return None
            # Set aside, rendered later with the other pages on every core (render_pending). Pelican renders
            # with a copy of the context made when it writes: the copy is made now. Its check that no file is
            # written twice is kept here, where every planned file is known.
            for n, t in zip(names, targets):
                if t in self._written_files or t in self._planned:
                    exc = FileOverwriteFailedError(
                        f"Hai trang cùng được ghi vào một tệp: {n}. Hãy kiểm tra các cài đặt *_SAVE_AS và *_URL "
                        "trong pelican.conf.py: mỗi loại trang cần một địa chỉ riêng.")
                    exc.user_facing = True
                    raise exc
            self._planned.update(targets)
            write = super().write_file
            ctx.pending.append(lambda c=dict(context), kw=kwargs: write(
                name, template, c, relative_urls, paginated, template_name, override_output, url, **kw) or rows)
            return None

    return CarryingWriter
