"""Pelican plugin: responsive, cleaned images (thin glue over ``dvk.render.images``).

Once every generator has read its content, this plugin finds each image the
site publishes — raster files under the static paths, images in posts and
pages (Markdown ``![alt]({static}/images/x.jpg)``), a post's ``image`` and a
model record's ``images`` — and processes it with Pillow (cached by content
under ``.cache/images/``). Any image that is missing, corrupt or too large
stops the build with every problem listed in Vietnamese; nothing is published.

Then it publishes cleaned copies in place of the originals (Pelican no longer
copies raster images itself, so no photo leaves with its GPS position), writes
the derivatives under ``/anh/``, turns images in rendered Markdown into
``<picture>`` figures with captions, and gives templates:

- ``responsive_image(src, alt, lazy=True, sizes=None)``: the markup of one image
  (used by ``components/figure.html``);
- ``og_image(src, alt)``: the Open Graph image of a record's or post's picture;
- ``default_og_image``: the site's own, for pages without a picture;
- ``og_image_of(post)``: each post's (``ctx.og_images``).

(The template names are given in ``pipeline.py``.) Settings: ``IMAGES_WIDTHS``,
``IMAGES_MAX_PIXELS``; processed images are cached under ``<cache>/images/``.

A site without raster images pays only for a scan of its posts for ``<img``.
"""
from __future__ import annotations

import logging
import os
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from dvk.render.images import ImageError, ImageProcessor, image_sources, is_raster, rewrite_images
from dvk.model.problems import InvalidContent, Problem

log = logging.getLogger(__name__)
DEFAULT_OG = ("theme/img/og-mac-dinh.png", 1200, 630, "Dân vận khéo — trang giới thiệu mô hình “Dân vận khéo”")


def processor(ctx, settings) -> ImageProcessor:
    """The build's one image processor, made at first use."""
    if ctx.images is None:
        ctx.images = ImageProcessor(settings["PATH"], ctx.cache_dir / "images",
                                    widths=settings.get("IMAGES_WIDTHS") or (320, 640, 960, 1280),
                                    max_pixels=settings.get("IMAGES_MAX_PIXELS") or 40_000_000,
                                    siteurl=settings["SITEURL"])
    return ctx.images


def _content_path(src: str, source_path: str, content_dir: str) -> str | None:
    """``{static}/images/a.jpg``, ``/images/a.jpg`` or ``a.jpg`` (beside the file) → ``images/a.jpg``.

    None for an image on another site (left as it is).
    """
    if not src.strip() or "://" in src or src.startswith(("//", "data:")):
        return None   # no file of ours (the sanitiser has already dropped images from other sites)
    for prefix in ("{static}", "{filename}", "{attach}", "|static|", "|filename|", "|attach|"):
        if src.startswith(prefix):
            src = src[len(prefix):]
            break
    src = unquote(src.split("?", 1)[0].split("#", 1)[0])
    base = content_dir if src.startswith("/") else os.path.dirname(source_path)
    full = os.path.normpath(os.path.join(base, src.lstrip("/")))
    return Path(os.path.relpath(full, content_dir)).as_posix()


def _line_of(path: str, needle: str) -> int | None:
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if needle in line:
                    return n
    except OSError:
        pass
    return None


def process(ctx, generators):
    """Check, clean and resize every image the site publishes; give each post its Open Graph image."""
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages_gen = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    static_gen = next((g for g in generators if isinstance(g, StaticGenerator)), None)
    any_gen = articles_gen or generators[0]
    settings, context = any_gen.settings, any_gen.context
    content_dir = os.path.abspath(settings["PATH"])
    root = ctx.root
    p = processor(ctx, settings)

    def rel_to_root(path):
        return Path(os.path.relpath(path, root)).as_posix()

    jobs: dict[str, tuple] = {}        # image (relative to content/) -> (referring file, field, line)
    problems: list[Problem] = []
    entries = []
    if articles_gen:
        entries += list(articles_gen.articles) + list(articles_gen.translations)
    if pages_gen:
        entries += list(pages_gen.pages) + list(getattr(pages_gen, "translations", []))
    for e in entries:
        sources = image_sources(e._content or "")
        if getattr(e, "image", None):
            sources.append("/" + str(e.image).lstrip("/"))
        for src in sources:
            rel = _content_path(src, e.source_path, content_dir)
            if rel is None:
                continue
            if not os.path.isfile(os.path.join(content_dir, rel)):
                name = os.path.basename(rel)
                problems.append(Problem(rel_to_root(e.source_path), _line_of(e.source_path, name), None,
                                        f"không tìm thấy tệp ảnh content/{rel}"))
            elif is_raster(rel):
                jobs.setdefault(rel, (rel_to_root(e.source_path), None, _line_of(e.source_path, os.path.basename(rel))))
    for record in ctx.corpus.models.values():
        for i, img in enumerate(record.data.get("images") or []):
            if is_raster(img["src"]):
                jobs.setdefault(img["src"], (record.path, f"images[{i}].src", None))
    if static_gen:
        # A draft's files (its picture, the images in its text, its attachments) never reach production.
        hidden = _draft_only_files(articles_gen, pages_gen, ctx.corpus, content_dir) - set(jobs)
        static_gen.staticfiles[:] = [sc for sc in static_gen.staticfiles
                                     if Path(sc.relative_source_path).as_posix() not in hidden]
        context["staticfiles"] = static_gen.staticfiles
    raster_static = [sc for sc in (static_gen.staticfiles if static_gen else []) if is_raster(sc.relative_source_path)]
    for sc in raster_static:
        rel = Path(sc.relative_source_path).as_posix()
        jobs.setdefault(rel, (f"{rel_to_root(content_dir)}/{rel}", None, None))
    if problems:
        raise InvalidContent(problems)
    if jobs:
        _process_and_publish(p, jobs, static_gen, context, any_gen.output_path)
    _rewrite_entries(ctx, p, entries, content_dir)


_LINKED = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""")


def _files_of(entry, content_dir) -> set[str]:
    """The files under content/ one post or page uses: its picture, its attachments, what its text links to."""
    found = set()
    links = _LINKED.findall(entry._content or "")
    links += [str(getattr(entry, "image", "") or "")]
    links += ["/" + str(a.get("file", "")).lstrip("/") for a in (getattr(entry, "attachments", None) or [])
              if isinstance(a, dict)]
    for src in links:
        rel = _content_path(src, entry.source_path, content_dir) if src else None
        if rel and not rel.startswith(".."):
            found.add(rel)
    return found


def _draft_only_files(articles_gen, pages_gen, corpus, content_dir) -> set[str]:
    drafts = list(getattr(articles_gen, "drafts", []) or []) + list(getattr(pages_gen, "draft_pages", []) or [])
    public = (list(articles_gen.articles) if articles_gen else []) + (list(pages_gen.pages) if pages_gen else [])
    hidden = {f for e in drafts for f in _files_of(e, content_dir)}
    hidden |= {posixpath.normpath(img["src"]).lstrip("/") for r in corpus.drafts.values()
               for img in (r.data.get("images") or []) if isinstance(img, dict) and img.get("src")}
    shown = {f for e in public for f in _files_of(e, content_dir)}
    shown |= {posixpath.normpath(img["src"]).lstrip("/") for r in corpus.models.values()
              for img in (r.data.get("images") or []) if isinstance(img, dict) and img.get("src")}
    return hidden - shown


def _process_and_publish(p, jobs, static_gen, context, output_path):
    def run(rel):
        try:
            p.process(rel)
            return None
        except ImageError as exc:
            where, field, line = jobs[rel]
            own = where.endswith(rel)
            return Problem(where, line, field, exc.message if own else f"ảnh content/{rel}: {exc.message}")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        problems = [pr for pr in pool.map(run, sorted(jobs)) if pr is not None]
    if problems:
        raise InvalidContent(problems)

    # Pelican would copy the originals, EXIF and all: publish the cleaned copies instead.
    if static_gen:
        keep = [sc for sc in static_gen.staticfiles if not is_raster(sc.relative_source_path)]
        static_gen.staticfiles[:] = keep
        context["staticfiles"] = keep
    p.publish(output_path)


def _rewrite_entries(ctx, p, entries, content_dir):
    """Responsive figures in every post and page; each post's Open Graph image."""
    def render_for(entry):
        def render(attrs):
            rel = _content_path(attrs.get("src", ""), entry.source_path, content_dir)
            if rel is None:
                return None
            return p.picture(rel, attrs.get("alt", ""), lazy=True)
        return render

    changed = set()
    for e in entries:
        first = None
        if getattr(e, "image", None):
            first = str(e.image).lstrip("/")
        elif "<img" in (e._content or ""):
            srcs = [_content_path(s, e.source_path, content_dir) for s in image_sources(e._content)]
            first = next((s for s in srcs if s and s in p.processed), None)
        ctx.og_images[e.source_path] = p.og_image(first, getattr(e, "image_alt", None) or e.title) if first else None
        if "<img" in (e._content or ""):
            e._content = rewrite_images(e._content, render_for(e))
            changed.add(id(e))
    memo = type(entries[0]).get_content.cache if changed else {}
    for key in [k for k in memo if k and id(k[0]) in changed]:   # content read before: read it again
        del memo[key]
    if p.processed:
        log.info("Ảnh: %d ảnh, %d lấy lại từ bộ nhớ đệm", len(p.processed), p.reused)
