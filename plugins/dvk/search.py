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

import re
import subprocess
import time
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from .provinces import resolve
from .schema import KINDS, LEVELS
from .text import slugify

BUNDLE_DIR = "pagefind"            # the index, under the site root
SEARCH_URL = "tim-kiem/"
# Only the folders of content pages are read (not the thousands of listing pages); pages there without
# data-pagefind-body (archives, listings) are skipped by Pagefind itself.
GLOB = "{tin-tuc,mo-hinh,van-ban}/*/index.html"

# Section (filter "muc") labels: what a result card says the result is.
SECTION_POST, SECTION_MODEL, SECTION_DOCUMENT = "Tin tức", "Mô hình", "Văn bản"


UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexFailed(Exception):
    """Pagefind could not index the site: the message is in Vietnamese."""


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


_COUNT = re.compile(r"Indexed (\d+) pages?")


def executable() -> Path:
    """The Pagefind binary that the ``pagefind[extended]`` package ships."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        from pagefind_bin import get_executable      # the plain build, if that is what is installed
    return get_executable()


def build_index(site_dir, language: str = "vi") -> IndexStats:
    """Index the written site in ``site_dir`` into ``site_dir/pagefind/``; raise SearchIndexFailed."""
    site_dir = Path(site_dir)
    started = time.perf_counter()
    try:
        exe = executable()
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexFailed("không tìm thấy chương trình Pagefind (gói pagefind[extended] trong "
                                f"requirements.txt): {exc}") from exc
    args = [str(exe), "--site", str(site_dir), "--glob", GLOB, "--output-subdir", BUNDLE_DIR,
            "--force-language", language]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SearchIndexFailed(f"Pagefind dừng với mã {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-2000:]}")
    bundle = site_dir / BUNDLE_DIR
    for name in UNUSED:      # Pagefind's ready-made interfaces: the search page has its own (theme/static/js/search.js)
        (bundle / name).unlink(missing_ok=True)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    counts = [int(n) for n in _COUNT.findall(proc.stdout)]
    return IndexStats(pages=counts[-1] if counts else 0, seconds=time.perf_counter() - started,
                      bytes=sum(p.stat().st_size for p in files), files=len(files))
