"""The site's one Markdown dialect: GitHub Flavored Markdown, for posts, documents, pages and records.

Editors write the same Markdown everywhere, and it renders the same way
everywhere: CommonMark with GitHub's tables, strikethrough and autolinks
(``cmarkgfm``, the C reference implementation, which the web editor's preview
and most tools share). Raw HTML is passed on to the one sanitiser
(``dvk.load.sanitize``), which keeps only what the allow-list permits.
No Pelican import.
"""
from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import cmarkgfm.cmark
from cmarkgfm.cmark import Options

from dvk import cachefile
from dvk.load import sanitize

# Raw HTML is not dropped by the parser but by the sanitiser, which keeps allowed tags (a table, a figure).
OPTIONS = Options.CMARK_OPT_UNSAFE
# GitHub's extensions but its "tagfilter", which would show <script>…</script> to readers as text: the
# sanitiser removes such elements with their content instead.
EXTENSIONS = ("table", "autolink", "strikethrough")
# cmark percent-encodes the braces of Pelican's {static}/{filename} links; Pelican must see them literal.
_MARKER = re.compile(r"%7B(static|filename|attach)%7D", re.IGNORECASE)


def needs_cleaning(markdown: str) -> bool:
    """Whether HTML rendered from this Markdown could hold anything the sanitiser removes or changes: raw
    HTML needs a ``<``, a link or image ``](`` or a reference definition ``]:``, an autolink ``://`` or
    ``www.``. Without them the HTML is made only of the tags Markdown itself writes around escaped text, so
    cleaning it would change nothing (tested), and a national site has 100,000 record descriptions."""
    return "<" in markdown or "](" in markdown or "]:" in markdown or "://" in markdown or "www." in markdown


def _render(markdown: str) -> str:
    return cmarkgfm.cmark.markdown_to_html_with_extensions(markdown, options=OPTIONS, extensions=EXTENSIONS)


def to_html(markdown: str) -> str:
    """Rendered and sanitised HTML of an editor's Markdown (a post, document or page)."""
    return sanitize.clean(_MARKER.sub(lambda m: "{%s}" % m.group(1).lower(), _render(markdown))).rstrip("\n")


def record_html(markdown: str) -> str:
    """A record's description, rendered and sanitised. The sanitiser is skipped where it could change nothing
    (``needs_cleaning``): a national site renders 100,000 of them."""
    return to_html(markdown) if needs_cleaning(markdown) else _render(markdown)


class RenderCache:
    """``to_html`` of many bodies, kept between builds in ``path`` by the SHA-1 of their Markdown (what a
    body renders to depends on nothing else), and made again when this module, the sanitiser or either
    library changes. Only the bodies of the last run are kept. ``path=None``: no cache."""

    def __init__(self, path: Path | None):
        self.path, self.old, self.used = path, {}, {}
        digest = hashlib.sha1(f"{version('cmarkgfm')};{version('nh3')};".encode())
        for module in (__file__, sanitize.__file__):
            digest.update(Path(module).read_bytes())
        self.version = digest.hexdigest()
        self.old = cachefile.load(path, self.version) or {}

    def to_html(self, markdown: str) -> str:
        key = hashlib.sha1(markdown.encode("utf-8")).digest()
        html = self.used.get(key) or self.old.get(key)
        if html is None:
            html = to_html(markdown)
        self.used[key] = html
        return html

    def save(self) -> None:
        if self.used.keys() != self.old.keys():
            cachefile.save(self.path, self.version, self.used)
