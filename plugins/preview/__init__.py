"""Pelican plugin: drafts and scheduled posts in preview builds, never in production.

Production (the default): Pelican already keeps drafts and future-dated posts
out of ``articles`` (``WITH_FUTURE_DATES = False``) and so out of every listing
and feed; this plugin also drops draft pages before they are written, since an
official document carries its own address (``save_as``) and Pelican would
otherwise write it even as a draft.

Preview (setting ``DVK_PREVIEW = True``, set by ``dvk.build.build(...,
preview=True)`` and ``invoke serve``): drafts and future-dated posts are moved
into ``articles`` and draft documents into ``pages``, each marked with
``dvk_preview`` (``"draft"`` or ``"future"``) so that the banner component
(``components/preview-banner.html``) says “Bản nháp — chưa đăng”.

The rule itself lives in ``dvk.visibility``.
"""
from __future__ import annotations

from jinja2 import Undefined
from pelican import signals
from pelican.utils import order_content

from dvk import visibility


def _preview(generator) -> bool:
    return bool(generator.settings.get(visibility.SETTING, False))


def articles_before_taxonomy(generator):
    """Runs after Pelican split articles from drafts, before categories, tags and feeds are made."""
    if not _preview(generator):
        generator.drafts, generator.drafts_translations = [], []
        return
    for article in generator.drafts:
        article.dvk_preview = visibility.hidden_reason(
            {"status": article.metadata.get("status", "published"), "date": None}) or "future"
        article.status = "published"     # addresses now follow ARTICLE_URL, not DRAFT_URL
    generator.articles = order_content(generator.articles + generator.drafts, generator.settings["ARTICLE_ORDER_BY"])
    generator.drafts = []


def pages_finalized(generator):
    if not _preview(generator):
        generator.draft_pages, generator.draft_translations = [], []
        generator.context["draft_pages"] = []
        return
    for page in generator.draft_pages:
        page.dvk_preview = "draft"
        page.status = "published"
    generator.pages = order_content(generator.pages + generator.draft_pages, generator.settings["PAGE_ORDER_BY"])
    generator.draft_pages = []
    generator._update_context(("pages", "draft_pages"))


def preview_reason(item):
    """For templates: why ``item`` (article, page or model record) is shown only in the preview, or None."""
    if item is None or isinstance(item, Undefined):
        return None
    return visibility.hidden_reason(item)


def add_globals(generator):
    generator.env.globals.update(dvk_preview_reason=preview_reason, dvk_banner_text=visibility.banner_text,
                                 DVK_PREVIEW_BANNER=visibility.BANNER)


def register():
    signals.article_generator_pretaxonomy.connect(articles_before_taxonomy)
    signals.page_generator_finalized.connect(pages_finalized)
    signals.generator_init.connect(add_globals)
