"""sitemap.xml and robots.txt for the built site (no Pelican import).

Why not the ``pelican-sitemap`` plugin: it lists only the pages Pelican's own
writer announces, while the showcase generator writes the model, field,
province and catalog pages itself (model pages in forked workers), and it puts
every address in one file although the sitemap protocol stops at 50,000 — a
national site has more. So the sitemap is made from the built output itself:
every ``index.html`` is a page, nothing can be missed, and past 50,000
addresses the files are split under a sitemap index.
"""
from __future__ import annotations

import os
import re
from datetime import datetime
from xml.sax.saxutils import escape

from dvk.model import urls

LIMIT = 50_000                                   # addresses per file, by the sitemap protocol
# Later pages of a listing (reached from page 1) are left out; every other page is listed.
SKIP = re.compile("(^|/)" + re.escape(urls.PAGINATED.format(base="", number="@")).replace("@", r"\d+") + "$")
NOT_PAGES = {urls.IMAGES.rstrip("/"), "feeds", "theme"}   # folders of files, not pages
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def page_paths(output_dir, leaves=frozenset()) -> list[str]:
    """Addresses (``""``, ``tin-tuc/bai-viet/`` …) of every page in the built site, sorted: each folder
    (not hidden, not one of ``NOT_PAGES``, not reached through a link) holding an ``index.html``. (Walked with
    ``os.scandir`` and each entry's own type: ``os.walk`` asks the system again whether each folder is a
    link, 133,000 times at national scale.)

    ``leaves``: addresses of folders the build knows hold its page and nothing else (the model pages:
    100,000 of the 133,000 folders of a national site), listed as pages without being read."""
    found = []
    root = os.fspath(output_dir)
    start = len(root.rstrip(os.sep)) + 1             # a folder's address is its path past the root's
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        page = False
        for e in entries:
            if e.is_dir():
                if not e.is_symlink() and not e.name.startswith(".") and e.name not in NOT_PAGES:
                    address = e.path[start:].replace(os.sep, "/") + "/"
                    if address in leaves:
                        if not SKIP.search(address):
                            found.append(address)
                    else:
                        stack.append(e.path)
            elif e.name == "index.html":
                page = True
        if page:
            rel = folder[start:].replace(os.sep, "/")
            path = rel + "/" if rel else ""
            if not SKIP.search(path):
                found.append(path)
    return sorted(found)


def _lastmod(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"<lastmod>{value.date().isoformat() if hasattr(value, 'date') else value.isoformat()}</lastmod>"


def sitemap_files(paths: list[str], siteurl: str, lastmod: dict | None = None, limit: int = LIMIT) -> dict[str, str]:
    """``{file name: XML}``: ``sitemap.xml`` alone, or an index with ``sitemap-N.xml`` parts past ``limit``."""
    lastmod = lastmod or {}

    def urlset(chunk):
        rows = "".join(f"<url><loc>{escape(siteurl + '/' + p)}</loc>{_lastmod(lastmod.get(p))}</url>\n" for p in chunk)
        return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset {NS}>\n{rows}</urlset>\n'

    if len(paths) <= limit:
        return {"sitemap.xml": urlset(paths)}
    files = {}
    for n, start in enumerate(range(0, len(paths), limit), 1):
        files[f"sitemap-{n}.xml"] = urlset(paths[start:start + limit])
    rows = "".join(f"<sitemap><loc>{escape(siteurl)}/{name}</loc></sitemap>\n" for name in files)
    files["sitemap.xml"] = f'<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex {NS}>\n{rows}</sitemapindex>\n'
    return files


def robots_txt(siteurl: str) -> str:
    """Everything may be crawled; the sitemap is named when the site has its public address."""
    lines = ["User-agent: *", "Allow: /", f"Disallow: /{urls.CATALOG_INDEX}"]
    if siteurl.startswith(("http://", "https://")):
        lines += ["", f"Sitemap: {siteurl}/sitemap.xml"]
    return "\n".join(lines) + "\n"
