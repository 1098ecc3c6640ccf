"""Site search: what the Pagefind index holds and how it is built (free of Pelican).

The index is made by Pagefind (its Python package ships the binary) from the
written HTML, once the whole site is in the staging folder. Only content
pages are indexed: news posts, model pages and official documents carry
``data-pagefind-body`` (``theme/templates/components/search-meta.html``), list
pages and navigation do not. Each indexed page states its filters (section,
field, today's province, year, kind, recognition level), a date to sort by and
the metadata of its result card.

Vietnamese without diacritics: Pagefind already matches "dan van kheo" with
"Dân vận khéo" (it folds combining marks). ``đ`` is a letter of its own, not
a mark, so "do dau" would miss "đỡ đầu"; the search page's script asks
Pagefind for each spelling of the words that start with ``d`` (``đ`` only
ever starts a Vietnamese syllable) and merges the results.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from .provinces import resolve
from .schema import KINDS, LEVELS
from .text import slugify

BUNDLE_DIR = "pagefind"            # the index, under the site root
SEARCH_URL = "tim-kiem/"

# Section (filter "muc") labels: what a result card says the result is.
SECTION_POST, SECTION_MODEL, SECTION_DOCUMENT = "Tin tức", "Mô hình", "Văn bản"


UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexFailed(Exception):
    """Pagefind could not index the site: the message is in Vietnamese."""

    user_facing = True

    def __init__(self, message: str):
        super().__init__(f"không tạo được chỉ mục tìm kiếm: {message}")


@dataclass
class Option:
    value: str        # the value Pagefind filters on (what the page states)
    slug: str         # the value in the search page's address (?tinh=lam-dong)


@dataclass
class Facet:
    key: str          # the filter's name in the index and in the address
    label: str        # the label of its control on the search page
    all_label: str    # the option that removes the filter
    options: list[Option] = dc_field(default_factory=list)


def _options(values) -> list[Option]:
    return [Option(v, slugify(v)) for v in values]


def facets(fields, provinces, years) -> list[Facet]:
    """The search page's filters, in the order they are shown, with every value the site can have."""
    return [
        Facet("muc", "Loại nội dung", "Tất cả", _options([SECTION_POST, SECTION_MODEL, SECTION_DOCUMENT])),
        Facet("linh-vuc", "Lĩnh vực", "Tất cả lĩnh vực", _options(f.name for f in fields)),
        Facet("tinh", "Tỉnh, thành phố", "Cả nước", _options(p.name for p in provinces)),
        Facet("nam", "Năm", "Mọi năm", _options(str(y) for y in sorted(set(years), reverse=True))),
        Facet("loai", "Mô hình tập thể, cá nhân", "Tập thể và cá nhân",
              _options(label.capitalize() for label in KINDS.values())),
        Facet("cap", "Cấp công nhận", "Mọi cấp", _options(label.capitalize() for label in LEVELS.values())),
    ]


def model_year(record):
    """The year a model page is dated by: its recognition, else its registration (or None)."""
    rec = record.data.get("recognized")
    return rec["year"] if rec else record.data.get("registered")


def model_filters(record) -> dict:
    """Filters of a model page."""
    d, rec, year = record.data, record.data.get("recognized"), model_year(record)
    return {"linh-vuc": [record.field.name], "tinh": [record.place.province.name], "nam": [str(year)] if year else [],
            "loai": KINDS[d["kind"]].capitalize(), "cap": LEVELS[rec["level"]].capitalize() if rec else None}


def record_doc(record, thumb=None):
    """What the record index (``dvk.recindex``) holds of a model record; ``thumb`` makes a card image address."""
    from .recindex import Doc
    d, place = record.data, record.place
    filters = model_filters(record)
    slugs = {k: [slugify(v) for v in ([vals] if isinstance(vals, str) else vals or [])] for k, vals in filters.items()}
    written = place.written if place.former_differs else ""
    image = (d.get("images") or [None])[0]
    return Doc(id=record.id, name=d["name"], owner=d.get("owner") or "", locality=d.get("locality") or "",
               places=" ".join(filter(None, (place.province.name, written))), summary=d.get("summary") or "",
               year=model_year(record), filters=slugs,
               place_label=place.province.name + (f" (hồ sơ ghi: {written})" if written else ""),
               image=(thumb(image["src"]) if thumb else image["src"]) if image else "",
               image_alt=(image.get("alt") or "") if image else "")


def post_filters(date, province=None, models=()) -> dict:
    """Filters of a news post or an official document: its year, today's province, the fields of its models."""
    ref = resolve(province) if isinstance(province, str) and province.strip() else None
    return {"linh-vuc": sorted({m.field.name for m in models}),
            "tinh": [ref.province.name] if ref else [], "nam": [str(date.year)] if date else []}


@dataclass
class IndexStats:
    pages: int
    seconds: float
    bytes: int
    files: int
    shards: int = 1
    reused: int = 0          # bundles taken from the cache, their pages unchanged since an earlier build


_COUNT = re.compile(r"Indexed (\d+) pages?")
# Model pages are indexed in shards of at most this many pages, a province's pages together: Pagefind's
# time and memory grow faster than the page count (a single index of 100,000 model pages took 4.5 minutes and
# 12 GB here; shards of 8,000 take seconds and under 0.5 GB each), and a search narrowed to a province loads
# only that province's shard.
SHARD_PAGES = 8000
MANIFEST = "shards.json"
CACHE_COUNT = ".pages"      # in a cached bundle: how many pages it holds
# Pagefind reads a folder of hard links to the pages of one bundle, never the thousands of listing pages.
CONTENT_GLOB = "*/*/index.html"
# Files a merged shard does not need: the search script, its worker and WebAssembly come from the main bundle.
SHARD_UNUSED = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")


def plan_shards(models, limit: int = SHARD_PAGES) -> list[dict]:
    """Group model pages into shards: ``models`` is ``(record id, today's province name)`` pairs.

    First fit by decreasing province size; a province larger than ``limit`` is split over several
    shards. Returns ``[{"provinces": [...], "ids": [...]}, …]``, deterministic for the same input.
    """
    by_province: dict[str, list[str]] = {}
    for record_id, province in models:
        by_province.setdefault(province, []).append(record_id)
    pieces = []
    for province in sorted(by_province, key=lambda p: (-len(by_province[p]), p)):
        ids = sorted(by_province[province])
        pieces += [(province, ids[i:i + limit]) for i in range(0, len(ids), limit)]
    shards: list[dict] = []
    for province, ids in sorted(pieces, key=lambda piece: -len(piece[1])):
        shard = next((sh for sh in shards if len(sh["ids"]) + len(ids) <= limit), None)
        if shard is None:
            shard = {"provinces": [], "ids": []}
            shards.append(shard)
        shard["provinces"].append(province)
        shard["ids"] += ids
    return shards


def executable() -> Path:
    """The Pagefind binary that the ``pagefind[extended]`` package ships."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        from pagefind_bin import get_executable      # the plain build, if that is what is installed
    return get_executable()


def _pagefind(exe, site: Path, glob: str, output: Path, language: str) -> int:
    """Run Pagefind over ``glob`` under ``site`` into ``output``; the number of pages indexed (0: none found)."""
    args = [str(exe), "--site", str(site), "--glob", glob, "--output-path", str(output), "--force-language", language]
    proc = subprocess.run(args, capture_output=True, text=True)
    if "not able to build an index" in proc.stdout + proc.stderr:
        return 0
    if proc.returncode != 0:
        raise SearchIndexFailed(f"Pagefind dừng với mã {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-2000:]}")
    counts = [int(n) for n in _COUNT.findall(proc.stdout)]
    return counts[-1] if counts else 0


def _content_pages(site: Path, folders) -> list[str]:
    """Pages under ``folders`` that are meant for the index (they carry data-pagefind-body): without this
    check, a site with no posts would have Pagefind index its archive pages whole."""
    found = []
    for folder in folders:
        for page in sorted((site / folder).glob("*/index.html")):
            with open(page, "rb") as fh:
                if b"data-pagefind-body" in fh.read():
                    found.append(f"{folder}/{page.parent.name}")
    return found


def _link_tree(site: Path, pages, into: Path) -> None:
    """A folder holding only the given pages (hard links, copies where links are refused)."""
    for rel in pages:
        src = site / rel / "index.html"
        dst = into / rel / "index.html"
        dst.parent.mkdir(parents=True)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version
        return version("pagefind")
    except Exception:       # noqa: BLE001 - any failure only means no reuse across versions
        return "?"


def _digest(site: Path, pages, language: str) -> str:
    """What a bundle's index depends on: Pagefind's version, the language, and every page's path and bytes."""
    h = hashlib.sha256(f"{_pagefind_version()}|{language}|{CONTENT_GLOB}".encode())
    for rel in pages:
        h.update(rel.encode("utf-8") + b"\0")
        with open(site / rel / "index.html", "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:32]


_COPIED = (".js", ".json", ".css", ".html")     # files a publish step may rewrite in place: copied, never shared


def _link_copy(src: Path, dst: Path, skip=()) -> None:
    """A copy of the folder ``src`` at ``dst`` whose index files are hard links (a national index is
    100,000 small files: copying them took longer than indexing); scripts and JSON are real copies."""
    for folder, _, names in os.walk(src):
        target = dst / Path(folder).relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            if name in skip:
                continue
            a, b = Path(folder) / name, target / name
            if a.suffix in _COPIED:
                shutil.copyfile(a, b)
                continue
            try:
                os.link(a, b)
            except OSError:
                shutil.copyfile(a, b)


def _prune_cache(cache: Path, keep: set, older_than_days: float = 2.0) -> None:
    """Forget bundles this build did not use and no build used for ``older_than_days``."""
    limit = time.time() - older_than_days * 86400
    for entry in cache.iterdir() if cache.is_dir() else []:
        if entry.name not in keep and entry.stat().st_mtime < limit:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def build_index(site_dir, shards=None, language: str = "vi", workers: int = 2, cache=None) -> IndexStats:
    """Index the written site in ``site_dir`` into ``site_dir/pagefind/``; raise SearchIndexFailed.

    News posts and documents make the main bundle (``pagefind/``, with the script and WebAssembly);
    model pages make the shards ``pagefind/mo-hinh-N/`` listed, with their provinces, in
    ``pagefind/shards.json``, which the search page merges in as a query needs them. ``shards`` is
    ``plan_shards()``'s answer; None indexes every model page as one shard. When the site has no posts
    or documents, the first model shard is the main bundle.

    With ``cache`` (a folder), a bundle whose pages are byte for byte those of an earlier build is
    copied from there instead of being indexed again: a daily build or a preview rebuild of a national
    site re-indexes only the shards whose pages changed.
    """
    site_dir = Path(site_dir)
    started = time.perf_counter()
    try:
        exe = executable()
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexFailed("không tìm thấy chương trình Pagefind (gói pagefind[extended] trong "
                                f"requirements.txt): {exc}") from exc
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    scratch = site_dir.parent / f".{site_dir.name}.search-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)

    cache = Path(cache) if cache else None
    used, reused = set(), []

    def index_pages(name, pages):
        out = scratch / name
        if not pages:
            return out, 0
        key = _digest(site_dir, pages, language) if cache else None
        if key:
            used.add(key)
            cached = cache / key
            if (cached / CACHE_COUNT).is_file():
                _link_copy(cached, out, skip=(CACHE_COUNT,))
                os.utime(cached)
                reused.append(name)
                return out, int((cached / CACHE_COUNT).read_text())
        tree = scratch / f"site-{name}"
        _link_tree(site_dir, pages, tree)
        count = _pagefind(exe, tree, CONTENT_GLOB, out, language)
        shutil.rmtree(tree, ignore_errors=True)
        if key and count:
            staging = cache / f".{key}.{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            _link_copy(out, staging)
            (staging / CACHE_COUNT).write_text(str(count))
            shutil.rmtree(cache / key, ignore_errors=True)
            staging.rename(cache / key)
        return out, count

    def index_shard(k, shard):
        pages = (_content_pages(site_dir, ["mo-hinh"]) if shard.get("ids") is None
                 else [f"mo-hinh/{record_id}" for record_id in shard["ids"]])
        return index_pages(f"out-{k}", pages)

    plan = shards if shards is not None else [{"provinces": [], "ids": None}]
    try:
        out, main_pages = index_pages("main", _content_pages(site_dir, ["tin-tuc", "van-ban"]))
        if main_pages:
            out.rename(bundle)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:    # each Pagefind run is a process
            done = list(pool.map(lambda ks: index_shard(*ks), enumerate(plan)))
        manifest, pages = [], main_pages
        for (out, count), shard in zip(done, plan):
            if not count:
                continue
            pages += count
            if not bundle.exists():         # no posts or documents: this shard is the main bundle
                out.rename(bundle)
                continue
            name = f"mo-hinh-{len(manifest) + 1}"
            for unused in SHARD_UNUSED + UNUSED:
                (out / unused).unlink(missing_ok=True)
            out.rename(bundle / name)
            manifest.append({"path": f"{name}/", "pages": count, "provinces": sorted(shard["provinces"])})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if cache:
        _prune_cache(cache, used)
    if not bundle.exists():          # nothing to search yet: the search page says so
        bundle.mkdir()
        (bundle / MANIFEST).write_text(json.dumps({"shards": [], "empty": True}), encoding="utf-8")
        return IndexStats(pages=0, seconds=time.perf_counter() - started, bytes=0, files=1, shards=0)
    for name in UNUSED:      # Pagefind's ready-made interfaces: the search page has its own (theme/static/js/search.js)
        (bundle / name).unlink(missing_ok=True)
    (bundle / MANIFEST).write_text(json.dumps({"shards": manifest}, ensure_ascii=False), encoding="utf-8")
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexStats(pages=pages, seconds=time.perf_counter() - started, bytes=sum(p.stat().st_size for p in files),
                      files=len(files), shards=1 + len(manifest), reused=len(reused))
