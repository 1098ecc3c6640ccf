"""Pelican plugin: site search with Pagefind (thin glue over ``dvk.search``).

- Template globals for the pages the index holds: ``model_search_filters(record)``, ``model_year(record)``,
  ``post_search_filters(date, province, models)`` (used with the ``search_meta`` component)
  and ``search_url`` (the search page's address, for the search box in the header).
- The search page ``/tim-kiem/``: its filters are written into the page with every
  value the site has, so the page works (and can be linked, ``?q=…&tinh=lam-dong``)
  without loading any filter index; ``theme/static/js/search.js`` runs the queries.
- With the search page, the model records' own compact index ``recindex/`` (``dvk.recindex``), made from
  the records themselves (cached: an edit rewrites only the files it changes).
- Once every page is written (``finalized``), Pagefind indexes the news posts and documents of the
  staging folder into ``pagefind/``; a failure fails the build, and ``output/`` stays as it was.
  ``DVK_SEARCH = False`` in the settings skips the index (the search page then says it cannot load it).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from dvk import recindex
from dvk.search import (BUNDLE_DIR, SEARCH_URL, SECTION_DOCUMENT, SECTION_MODEL, SECTION_POST, build_index, facets,
                        model_filters, model_year, post_filters, record_doc)

log = logging.getLogger(__name__)


class SearchPageGenerator(Generator):
    """Writes ``/tim-kiem/`` with the filters of the site's content."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        models = (self.context.get("dvk_models") or {}).values()
        years = {a.date.year for a in self.context.get("articles") or []}
        years |= {p.date.year for p in self.context.get("pages") or [] if getattr(p, "template", "") == "document"}
        years |= {y for y in map(model_year, models) if y}
        page_facets = facets(self.context.get("dvk_fields") or [], self.context.get("dvk_provinces") or [], years)
        path = os.path.join(self.output_path, SEARCH_URL, "index.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        html = self.get_template("search").render(self.context, page_url=SEARCH_URL, facets=page_facets,
                                                  bundle_url=f"{self.settings['SITEURL']}/{BUNDLE_DIR}/",
                                                  records_url=f"{self.settings['SITEURL']}/{recindex.INDEX_DIR}/")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html)
        if self.settings.get("DVK_SEARCH", True):
            self.write_record_index(models)

    def write_record_index(self, models):
        """The model records' own index (``dvk.recindex``), from the records themselves, not their pages."""
        thumb = self.env.globals.get("thumb_image")
        root = Path(self.settings.get("DVK_ROOT") or Path(self.settings["PATH"]).parent)
        cache = self.settings.get("RECINDEX_CACHE_PATH") or root / ".cache" / "recindex"
        stats = recindex.write_index([record_doc(m, thumb) for m in models], self.output_path, cache=cache)
        say = self.settings.get("DVK_PROGRESS") or (lambda message: None)
        say(f"Chỉ mục mô hình: {stats.records} hồ sơ, {stats.bytes / 2**20:.1f} MB, {stats.files} tệp "
            f"(ghi lại {stats.written} tệp) ({stats.seconds:.1f} giây).")


def get_generators(pelican):
    return SearchPageGenerator


def add_template_globals(generator):
    generator.env.globals.update(model_search_filters=model_filters, model_year=model_year,
                                 post_search_filters=post_filters,
                                 SEARCH_SECTIONS={"post": SECTION_POST, "model": SECTION_MODEL,
                                                  "document": SECTION_DOCUMENT},
                                 search_url=f"{generator.settings['SITEURL']}/{SEARCH_URL}")


def index_site(pelican):
    if not pelican.settings.get("DVK_SEARCH", True):
        return
    output = pelican.settings["OUTPUT_PATH"]
    say = pelican.settings.get("DVK_PROGRESS") or (lambda message: None)
    say("Các trang đã viết xong. Đang tạo chỉ mục tìm kiếm tin tức và văn bản…")
    root = Path(pelican.settings.get("DVK_ROOT") or Path(pelican.settings["PATH"]).parent)
    cache = pelican.settings.get("SEARCH_CACHE_PATH") or root / ".cache" / "search"
    stats = build_index(output, [], cache=cache)       # model records have their own index (dvk.recindex)
    say(f"Chỉ mục tìm kiếm tin tức và văn bản: {stats.pages} trang, {stats.bytes / 2**20:.1f} MB "
        f"({stats.seconds:.1f} giây).")
    log.debug("search index: %s pages in %.1f s", stats.pages, stats.seconds)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_globals)
    signals.finalized.connect(index_site)
