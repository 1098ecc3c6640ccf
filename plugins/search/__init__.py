"""Pelican plugin: site search with Pagefind (thin glue over ``dvk.search``).

- Template globals for the pages the index holds: ``model_search_filters(record)``, ``model_year(record)``,
  ``post_search_filters(date, province, models)`` (used with the ``search_meta`` component)
  and ``search_url`` (the search page's address, for the search box in the header).
- The search page ``/tim-kiem/``: its filters are written into the page with every
  value the site has, so the page works (and can be linked, ``?q=…&tinh=lam-dong``)
  without loading any filter index; ``theme/static/js/search.js`` runs the queries.
- Once every page is written (``finalized``), Pagefind indexes the content pages of the
  staging folder into ``pagefind/``: posts and documents in the main bundle, model pages in shards
  grouped by province (``dvk.search.plan_shards``); a failure fails the build, and ``output/`` stays as it was.
  ``DVK_SEARCH = False`` in the settings skips the index (the search page then says it cannot load it).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from dvk.search import BUNDLE_DIR, SEARCH_URL, SECTION_DOCUMENT, SECTION_MODEL, SECTION_POST, build_index, facets, model_filters, model_year, plan_shards, post_filters

log = logging.getLogger(__name__)
_plans: dict = {}      # output folder -> model shards planned for it


class SearchPageGenerator(Generator):
    """Writes ``/tim-kiem/`` with the filters of the site's content."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        models = (self.context.get("dvk_models") or {}).values()
        years = {a.date.year for a in self.context.get("articles") or []}
        years |= {p.date.year for p in self.context.get("pages") or [] if getattr(p, "template", "") == "document"}
        years |= {y for y in map(model_year, models) if y}
        _plans[self.output_path] = plan_shards((m.id, m.place.province.name) for m in models)
        page_facets = facets(self.context.get("dvk_fields") or [], self.context.get("dvk_provinces") or [], years)
        path = os.path.join(self.output_path, SEARCH_URL, "index.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        html = self.get_template("search").render(self.context, page_url=SEARCH_URL, facets=page_facets,
                                                  bundle_url=f"{self.settings['SITEURL']}/{BUNDLE_DIR}/")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html)


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
    plan = _plans.pop(output, None)
    pages = sum(len(s["ids"]) for s in plan or [])
    say(f"Các trang đã viết xong. Đang tạo chỉ mục tìm kiếm ({pages} trang mô hình trong {len(plan or [])} phần, "
        "cùng tin tức và văn bản)…")
    root = Path(pelican.settings.get("DVK_ROOT") or Path(pelican.settings["PATH"]).parent)
    cache = pelican.settings.get("SEARCH_CACHE_PATH") or root / ".cache" / "search"
    stats = build_index(output, plan, cache=cache)
    say(f"Chỉ mục tìm kiếm: {stats.pages} trang, {stats.bytes / 2**20:.1f} MB, {stats.shards} phần "
        f"(dùng lại {stats.reused} phần không đổi) ({stats.seconds:.1f} giây).")
    log.debug("search index: %s pages in %.1f s", stats.pages, stats.seconds)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_globals)
    signals.finalized.connect(index_site)
