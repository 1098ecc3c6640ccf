"""Checks over a whole built site, shared by the demo-site and image tests."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK = re.compile(r'(?:href|src|content)="([^"#?]*)')
SRCSET = re.compile(r'srcset="([^"]*)"')
FEED_LINK = re.compile(r'<link[^>]*href="([^"]*)"')


def local_path(url: str, siteurl: str = "") -> str | None:
    """The site-relative path of an internal address, or None for another site, mailto: …"""
    if siteurl and url.startswith(siteurl):
        url = url[len(siteurl):]
    if not url.startswith("/") or url.startswith("//"):
        return None
    return unquote(urlsplit(url).path)


def exists(output: Path, path: str) -> bool:
    target = output / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def broken_links(output: Path, siteurl: str = "") -> set[tuple[str, str]]:
    """Every (page or feed, address) pair whose internal target is not in the built site.

    Looks at href, src and content attributes (Open Graph images), every
    candidate of every srcset, and the links inside Atom feeds and the sitemap.
    """
    missing = set()
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        urls = LINK.findall(html)
        for srcset in SRCSET.findall(html):
            urls += [c.strip().split(" ")[0] for c in srcset.split(",") if c.strip()]
        for url in urls:
            path = local_path(url, siteurl)
            if path is not None and not exists(output, path):
                missing.add((str(page.relative_to(output)), url))
    for feed in list(output.rglob("*.atom.xml")) + list(output.glob("sitemap*.xml")):
        xml = feed.read_text(encoding="utf-8")
        for url in FEED_LINK.findall(xml) + re.findall(r"<loc>([^<]*)</loc>", xml):
            path = local_path(url, siteurl)
            if path is not None and not exists(output, path):
                missing.add((str(feed.relative_to(output)), url))
    return missing
