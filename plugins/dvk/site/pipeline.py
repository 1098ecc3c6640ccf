"""The Pelican adapter: every stage of the site's build, wired to Pelican's signals here and only here.

    read      Markdown with YAML front matter, by the validator's rules    reader.py
    validate  (done before Pelican starts: dvk.load.corpus, by build.py)
              drafts and scheduled posts out, or in with a banner        preview.py
    derive    the showcase data (dvk.derive.showcase, by build.py);
              each post's neighbours and dates, once Pelican read them    here
              images checked, cleaned and resized                         images.py
    render    Pelican's posts and pages; the showcase pages               showcase.py
              (unchanged pages carried over from the last build; the     incremental.py
              others set aside, then rendered together on every core)
              open data, province feeds, the search page                  opendata.py, seo.py, search.py
    index     the search index                                            search.py
    finish    sitemap.xml and robots.txt from the written site            seo.py

``Pipeline(ctx, settings).connected()`` connects the receivers below for one
build and disconnects them afterwards. Every receiver first checks that the
signal comes from its own build (Pelican's signals are process-wide), and all
state goes through the ``BuildContext``: no module globals, nothing patched
onto Pelican's objects.
"""
from __future__ import annotations

import contextlib
import os

import jinja2

from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from dvk.derive.search import SEARCH_URL, SECTION_DOCUMENT, SECTION_MODEL, SECTION_POST, model_filters, model_year, post_filters
from dvk.derive.showcase import related_posts
from dvk.derive.stats import Tally
from dvk.model import visibility
from dvk.model.provinces import resolve
from dvk.model.schema import FIELD_IDS, KINDS, LEVELS, STATUSES
from dvk.render.files import describe
from dvk.site import images, incremental, preview, seo, showcase
from dvk.site.context import BuildContext, PostLinks
from dvk.site.opendata import OpenDataGenerator
from dvk.site.reader import VietnameseMarkdownReader
from dvk.site.search import SearchPageGenerator
from dvk.site.showcase import CardCache, ShowcaseGenerator


class Pipeline:
    def __init__(self, ctx: BuildContext, settings: dict):
        self.ctx, self.settings = ctx, settings
        self.context_filled = False         # the template context is shared by every generator: fill it once

    def receivers(self):
        """(signal, receiver) in pipeline order."""
        return [
            (signals.readers_init, self.read),                              # read
            (signals.generator_init, self.template_globals),
            (signals.article_generator_pretaxonomy, self.posts_visibility),  # validate: drafts, scheduled
            (signals.page_generator_finalized, self.pages_visibility),
            (signals.get_generators, self.generators),                      # render (showcase), index (search)
            (signals.all_generators_finalized, self.derive_from_posts),     # derive: neighbours, dates, images
            (signals.get_writer, self.writer),                              # render: carry unchanged pages over
            (signals.finalized, self.finish),                               # finish: sitemap, robots.txt
        ]

    @contextlib.contextmanager
    def connected(self):
        pairs = self.receivers()
        for signal, receiver in pairs:
            signal.connect(receiver)
        try:
            yield self
        finally:
            self.ctx.stop_background()      # a build that failed: nothing writes into its folder any more
            for signal, receiver in pairs:
                signal.disconnect(receiver)

    def _mine(self, sender) -> bool:
        return getattr(sender, "settings", None) is self.settings

    # ------------------------------------------------------------------------------------------------ read

    def read(self, readers):
        if self._mine(readers):
            reader = type(VietnameseMarkdownReader.__name__, (VietnameseMarkdownReader,), {"ctx": self.ctx})
            for ext in VietnameseMarkdownReader.file_extensions:
                readers.reader_classes[ext] = reader

    def posts_visibility(self, generator):
        if self._mine(generator):
            preview.posts(self.ctx, generator)

    def pages_visibility(self, generator):
        if self._mine(generator):
            preview.pages(self.ctx, generator)

    # ---------------------------------------------------------------------------------------------- render

    def generators(self, pelican):
        """The site's own generators, each given this build's context. Pelican runs them after its posts
        and pages, in this order, and its static files last."""
        if not self._mine(pelican):
            return []
        return [type(cls.__name__, (cls,), {"ctx": self.ctx})
                for cls in (ShowcaseGenerator, OpenDataGenerator, seo.ProvinceFeedsGenerator, SearchPageGenerator)]

    def template_globals(self, generator):
        """What every template may use: the build's data, vocabularies, and helpers."""
        if not self._mine(generator):
            return
        ctx, settings, show = self.ctx, generator.settings, self.ctx.showcase
        siteurl = settings["SITEURL"]
        if not self.context_filled:
            generator.context.update(
                dvk_models=ctx.corpus.models, dvk_fields=show.taxonomy.fields, dvk_field_by_id=show.taxonomy.by_id,
                dvk_topics=show.taxonomy.topics, dvk_topic_slugs=show.topic_slugs, dvk_provinces=show.provinces,
                dvk_reports=show.reports, empty_tally=Tally(), dvk_coverage=show.coverage)
        self.context_filled = True
        generator.env.template_class = ImportOnce
        processor = images.processor(ctx, settings)
        og = images.DEFAULT_OG
        generator.env.globals.update(
            # vocabularies and the site, for macros imported without the page context
            SITEURL=siteurl, SITENAME=settings["SITENAME"], AUTHOR=settings.get("AUTHOR"),
            KINDS=KINDS, LEVELS=LEVELS, STATUSES=STATUSES, FIELD_NAMES=FIELD_IDS,
            model_card=CardCache(generator.env),
            # posts: address, neighbours, picture; drafts
            post_url=self.post_url, post_links=self.post_links, og_image_of=self.og_image_of,
            dvk_preview=ctx.preview, dvk_preview_reason=lambda item: preview.reason(ctx, item),
            dvk_banner_text=visibility.banner_text, DVK_PREVIEW_BANNER=visibility.BANNER,
            # images and attachments
            responsive_image=lambda src, alt="", lazy=True, sizes=None: Markup(processor.picture(src, alt, lazy, sizes)),
            og_image=processor.og_image, thumb_image=processor.thumbnail,
            default_og_image={"url": f"{siteurl}/{og[0]}", "width": og[1], "height": og[2], "alt": og[3]},
            file_info=lambda rel: describe(os.path.join(settings["PATH"], str(rel))),
            # search
            model_search_filters=model_filters, model_year=model_year, post_search_filters=post_filters,
            SEARCH_SECTIONS={"post": SECTION_POST, "model": SECTION_MODEL, "document": SECTION_DOCUMENT},
            search_url=f"{siteurl}/{SEARCH_URL}",
        )

    def post_url(self, article) -> str:
        links = self.ctx.posts.get(article.source_path)
        return links.url if links else article.url

    def post_links(self, article) -> PostLinks | None:
        return self.ctx.posts.get(article.source_path)

    def og_image_of(self, item):
        return self.ctx.og_images.get(item.source_path)

    # ---------------------------------------------------------------------------------------------- derive

    def derive_from_posts(self, generators):
        if not self._mine(generators[0]):
            return
        articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
        pages_gen = next((g for g in generators if isinstance(g, PagesGenerator)), None)
        articles = list(articles_gen.articles) if articles_gen else []        # newest first
        # The statistics, counted apart meanwhile at national scale (``derive``): read by pages only, all
        # rendered from here on.
        generators[0].context["dvk_stats"] = self.ctx.showcase.stats
        self.ctx.posts.update(post_links(articles, self.ctx.corpus.models))
        self.ctx.latest_posts = articles
        self.ctx.dates.update({item.url: getattr(item, "modified", None) or getattr(item, "date", None)
                               for item in articles + (list(pages_gen.pages) if pages_gen else [])})
        images.process(self.ctx, generators)
        if self.ctx.manifest is not None:      # Pelican copies static files over what is there: kept pages removed
            for g in generators:
                for item in getattr(g, "staticfiles", None) or []:
                    name = str(getattr(item, "save_as", "") or "")
                    self.ctx.manifest.release(name, os.path.join(self.ctx.output, name))
        if self.ctx.forks():    # national scale: the showcase, open data and search index start now, in children,
            record = self.ctx.digests.record        # while this process writes Pelican's posts, pages and feeds;
            for m in self.ctx.corpus.models.values():   # each record's digest made here once, not in each child
                record(m)
            # The showcase in a child of its own; open data and the search index in one more (each child
            # pays for the pages of memory it touches, copied on write).
            jobs = [job for g in generators if hasattr(g, "start_early") for job in [g.start_early()] if job]
            if jobs:
                self.ctx.in_background(lambda: [job() for job in jobs] and None)

    def writer(self, pelican):
        """Pelican's writer, which carries over posts and post listings whose inputs did not change."""
        return incremental.writer_class(self.ctx) if self._mine(pelican) else None

    # ---------------------------------------------------------------------------------------------- finish

    def finish(self, pelican):
        if self._mine(pelican):
            incremental.render_pending(self.ctx, showcase.LISTINGS_MIN)   # any page set aside after the showcase
            self.ctx.wait_background()      # the showcase (its manifest rows noted), open data, search index
            if self.ctx.manifest is not None:
                self.ctx.manifest.drop_stale(pelican.output_path)        # pages of the site before last not made now
            seo.write_sitemap(self.ctx, pelican.output_path, pelican.settings["SITEURL"])


class ImportOnce(jinja2.Template):
    """Jinja's template with one cost taken out. Each ``{% from "x" import y %}`` compares the importing page's
    globals with the imported template's, key by key through a ``ChainMap`` (Jinja 3.1), to decide whether the
    template's cached module will do: a fifth of the time of a model page. When the page's globals are all
    the environment's (no template here has globals of its own), that answer is known: the cached module."""

    def _get_default_module(self, ctx=None):
        if ctx is not None and ctx.globals_keys.issubset(self.environment.globals):
            ctx = None
        return super()._get_default_module(ctx)


def post_links(articles: list, models: dict) -> dict[str, PostLinks]:
    """Each published post's address, related posts and neighbours in time (``articles`` newest first)."""
    keys = []
    for a in articles:
        mids = [m for m in (getattr(a, "models", None) or []) if m in models]
        ref = resolve(a.province) if isinstance(getattr(a, "province", None), str) else None
        keys.append({"model": mids, "province": [ref.province.code] if ref else [],
                     "field": sorted({models[m].field.id for m in mids})})
    best = related_posts(keys)
    return {a.source_path: PostLinks(a.url, [articles[j] for j in best[i]],
                                     articles[i - 1] if i > 0 else None,
                                     articles[i + 1] if i + 1 < len(articles) else None)
            for i, a in enumerate(articles)}
