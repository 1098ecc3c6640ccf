"""Pelican plugin: what search engines and feed readers get (thin glue over ``dvk.sitemap``).

- Atom feeds: all news (``FEED_ALL_ATOM``) and per category (``CATEGORY_FEED_ATOM``)
  are Pelican's own; this plugin adds one per province, by today's province
  (``feeds/tinh/<slug>.atom.xml``), and gives templates ``dvk_province_feeds``
  (province code → feed address) so province pages can link to theirs.
- ``sitemap.xml`` (split under an index past 50,000 addresses) and ``robots.txt``,
  made from the built output once everything is written.
- ``SITENAME`` and ``AUTHOR`` as template globals, for component macros
  (canonical address, Open Graph, JSON-LD) imported without the page context.
"""
from __future__ import annotations

import os
from collections import defaultdict

from pelican import signals
from pelican.generators import Generator

from dvk.provinces import all_provinces, resolve
from dvk.sitemap import page_paths, robots_txt, sitemap_files

PROVINCE_FEED = "feeds/tinh/{slug}.atom.xml"


class ProvinceFeedsGenerator(Generator):
    """One Atom feed per province with news, counted by today's province."""

    def generate_context(self):
        by_code = defaultdict(list)
        for a in self.context.get("articles") or []:
            ref = resolve(a.province) if isinstance(getattr(a, "province", None), str) else None
            if ref:
                by_code[ref.province.code].append(a)
        self.feeds = {p: by_code[p.code] for p in all_provinces() if p.code in by_code}
        pattern = self.settings.get("PROVINCE_FEED_ATOM", PROVINCE_FEED)
        self.urls = {p.code: pattern.format(slug=p.slug) for p in self.feeds} if pattern else {}
        self.context["dvk_province_feeds"] = self.urls

    def generate_output(self, writer):
        for p, articles in self.feeds.items():
            if p.code in self.urls:
                writer.write_feed(articles, self.context, self.urls[p.code], feed_type="atom",
                                  feed_title=f"{self.settings['SITENAME']} – Tin tức {p.full_name}")


def get_generators(pelican):
    return ProvinceFeedsGenerator


def add_template_globals(generator):
    generator.env.globals.update(SITENAME=generator.settings["SITENAME"], AUTHOR=generator.settings.get("AUTHOR"))


def write_sitemap(pelican):
    output, siteurl = pelican.output_path, pelican.settings["SITEURL"]
    for name, xml in sitemap_files(page_paths(output), siteurl, _dates).items():
        with open(os.path.join(output, name), "w", encoding="utf-8") as fh:
            fh.write(xml)
    with open(os.path.join(output, "robots.txt"), "w", encoding="utf-8") as fh:
        fh.write(robots_txt(siteurl))


def remember_content(generators):
    """Dates of posts and documents, for the sitemap's <lastmod>."""
    context = generators[0].context
    _dates.clear()
    for item in list(context.get("articles") or []) + list(context.get("pages") or []):
        _dates[item.url] = getattr(item, "modified", None) or getattr(item, "date", None)


_dates: dict = {}


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_globals)
    signals.all_generators_finalized.connect(remember_content)
    signals.finalized.connect(write_sitemap)
