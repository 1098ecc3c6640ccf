"""The dev server's quick page: a saved record's page written at once into the site the last build made.

``invoke serve`` (``dvk.tools.devserver``) keeps its last build's context in the build process; when every
saved file is a model record that build showed, each is read and checked alone (``corpus.read_record``),
its page rendered as the build renders it (``ShowcaseGenerator.model_page``) and put in place, and the
open pages reload before the rebuild that brings every other page up to date. The pages are first marked
in the manifest (``Manifest.mark_dirty``), so that the next build never carries them over. No Pelican
import here; the rendering is the showcase generator's.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from dvk.load.corpus import YAML_SUFFIXES, read_record
from dvk.site.incremental import Manifest


def quick_pages(ctx, output: Path, paths: list[str]) -> dict | None:
    """The pages of saved model records, rendered at once into the site ``output`` names, before the
    rebuild: ``{"ok": True, "quick": [addresses]}``, or ``{"ok": False, "quick": [], "problems": [Problem]}`` when
    a saved record has problems (as the build would report them), or None when this cannot stand for the
    rebuild's first look: anything saved that is not a record the last build ``ctx`` showed, a record that
    moved or now shows another picture (pictures are prepared by the build), or any failure.

    The pages are marked first (``Manifest.mark_dirty``): the next build renders them again whatever their
    keys say. Each file is replaced by a rename: files of the site are hard links shared with the last one."""
    started = time.perf_counter()
    if not paths or ctx is None or ctx.model_pages is None:
        return None
    models_dir = os.path.realpath(ctx.data / "models")
    records = []
    for path in paths:
        path = os.path.realpath(path)
        record_id = os.path.basename(path).rsplit(".", 1)[0]
        old = ctx.corpus.models.get(record_id)
        if not (path.endswith(YAML_SUFFIXES) and path.startswith(models_dir + os.sep) and os.path.isfile(path)
                and old is not None and os.path.realpath(ctx.root / old.path) == path):
            return None
        records.append((path, old))
    problems, pages = [], []
    try:
        for path, old in records:
            record, found = read_record(ctx.corpus, path)
            problems += found
            if found:
                continue
            if record is None or _pictures(record) != _pictures(old):
                return None
            pages.append(ctx.model_pages.model_page(record))
        if problems:
            return {"ok": False, "quick": [], "problems": problems, "seconds": time.perf_counter() - started}
        site = os.path.realpath(output)
        Manifest.mark_dirty(ctx.cache_dir, output, [url + "index.html" for url, _ in pages])
        for url, html in pages:
            target = os.path.join(site, url, "index.html")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target + ".quick.tmp", "w", encoding="utf-8") as fh:
                fh.write(html)
            os.replace(target + ".quick.tmp", target)
    except Exception:         # whatever went wrong, the rebuild that follows reports it
        return None
    return {"ok": True, "quick": [url for url, _ in pages], "seconds": time.perf_counter() - started}


def _pictures(record) -> list:
    return [i.get("src") for i in record.data.get("images") or [] if isinstance(i, dict)]
