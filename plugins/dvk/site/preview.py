"""Drafts and scheduled posts: left out of production builds, shown with a banner in previews.

Production (the default): Pelican already keeps drafts and future-dated posts
out of ``articles`` (``WITH_FUTURE_DATES = False``) and so out of every listing
and feed; draft pages are dropped here before they are written, since an
official document carries its own address (``save_as``) and Pelican would
otherwise write it even as a draft.

Preview (``build(..., preview=True)``, ``invoke serve``): drafts and
future-dated posts are moved into ``articles`` and draft documents into
``pages``; the build context remembers why each is shown
(``ctx.preview_marks``: ``"draft"`` or ``"future"``) so that the banner
component (``components/preview-banner.html``) says “Bản nháp — chưa đăng”.

The rule itself lives in ``dvk.model.visibility``.
"""
from __future__ import annotations

import datetime as dt

from jinja2 import Undefined
from pelican.contents import Article
from pelican.utils import order_content

from dvk.model import visibility


def posts(ctx, generator):
    """After Pelican split articles from drafts, before categories, tags and feeds are made."""
    if not ctx.preview:
        generator.drafts, generator.drafts_translations = [], []
        return
    for article in generator.drafts:
        ctx.preview_marks[article.source_path] = visibility.entry_reason(
            article.metadata.get("status", "published"), None, is_post=True) or "future"
        article.status = "published"     # addresses now follow ARTICLE_URL, not DRAFT_URL
    generator.articles = order_content(generator.articles + generator.drafts, generator.settings["ARTICLE_ORDER_BY"])
    generator.drafts = []


def pages(ctx, generator):
    if not ctx.preview:
        generator.draft_pages, generator.draft_translations = [], []
        generator.context["draft_pages"] = []
        return
    for page in generator.draft_pages:
        ctx.preview_marks[page.source_path] = "draft"
        page.status = "published"
    generator.pages = order_content(generator.pages + generator.draft_pages, generator.settings["PAGE_ORDER_BY"])
    generator.draft_pages = []
    generator._update_context(("pages", "draft_pages"))


def reason(ctx, item):
    """For templates: why ``item`` (post, page, document or model record) is shown only in the preview,
    or None."""
    if item is None or isinstance(item, Undefined):
        return None
    source = getattr(item, "source_path", None)
    if source is not None and hasattr(item, "metadata"):        # a post or page Pelican read
        marked = ctx.preview_marks.get(source)
        if marked:
            return marked
        date = getattr(item, "date", None)
        return visibility.entry_reason(item.metadata.get("status", item.status),
                                       date if isinstance(date, dt.datetime) else None,
                                       is_post=isinstance(item, Article))
    return visibility.hidden_reason(item)
