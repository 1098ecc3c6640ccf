"""What search engines and feed readers get.

- Atom feeds: all news (``FEED_ALL_ATOM``) and per category (``CATEGORY_FEED_ATOM``)
  are Pelican's own; ``ProvinceFeedsGenerator`` adds one per province, by today's
  province (``dvk.model.urls.FEED_PROVINCE``), and gives templates
  ``dvk_province_feeds`` (province code → feed address) so province pages link to theirs.
- ``sitemap.xml`` (split under an index past 50,000 addresses) and ``robots.txt``,
  made from the built output once everything is written (``dvk.derive.sitemap``),
  with the dates of posts and documents (``ctx.dates``).
"""
from __future__ import annotations

import os
from collections import defaultdict

from pelican.generators import Generator

from dvk.derive.sitemap import page_paths, robots_txt, sitemap_files
from dvk.model import urls
from dvk.model.provinces import all_provinces, resolve
from dvk.site import incremental


class ProvinceFeedsGenerator(Generator):
    """One Atom feed per province with news, counted by today's province."""

    ctx = None      # the BuildContext, given by the pipeline

    def generate_context(self):
        by_code = defaultdict(list)
        for a in self.context.get("articles") or []:
            ref = resolve(a.province) if isinstance(getattr(a, "province", None), str) else None
            if ref:
                by_code[ref.province.code].append(a)
        self.feeds = {p: by_code[p.code] for p in all_provinces() if p.code in by_code}
        self.urls = {p.code: urls.province_feed(p.slug) for p in self.feeds} \
            if self.settings.get("PROVINCE_FEED_ATOM") else {}
        self.context["dvk_province_feeds"] = self.urls

    def generate_output(self, writer):
        for p, articles in self.feeds.items():
            if p.code in self.urls:
                writer.write_feed(articles, self.context, self.urls[p.code], feed_type="atom",
                                  feed_title=f"{self.settings['SITENAME']} – Tin tức {p.full_name}")


def write_sitemap(ctx, output: str, siteurl: str) -> None:
    for name, xml in sitemap_files(page_paths(output, incremental.leaf_page_folders(ctx)), siteurl, ctx.dates).items():
        with open(os.path.join(output, name), "w", encoding="utf-8") as fh:
            fh.write(xml)
    with open(os.path.join(output, "robots.txt"), "w", encoding="utf-8") as fh:
        fh.write(robots_txt(siteurl))
