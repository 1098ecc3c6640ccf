"""The one HTML sanitiser: every piece of Markdown an editor or an import supplies passes through it.

Posts, official documents, static pages and record descriptions are Markdown, which lets raw HTML
through. Their rendered HTML is cleaned here with ``nh3`` (Python binding of the Rust crate Ammonia, an
allow-list sanitiser): the tags and attributes Markdown produces, figures and tables; links only to
``http(s)``, ``mailto``, ``tel`` and the site's own paths; no script, style, event attributes, iframes,
objects or forms. ``removed()`` reads an editor's Markdown source and says what the sanitiser will drop,
so that ``invoke validate`` can warn with file and line. No Pelican import.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark",
    "small", "sub", "sup", "abbr", "cite", "q", "code", "kbd", "samp", "var", "pre", "blockquote", "ul", "ol", "li",
    "dl", "dt", "dd", "a", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
    "td", "colgroup", "col", "div", "span", "time",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them (their text is code or a foreign document, not prose).
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
                     "frame", "frameset", "applet", "form", "textarea", "select", "button", "title", "xmp",
                     "noembed", "noframes", "plaintext"}


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """An image from another site would tell that site who reads the page (and the CSP blocks it anyway)."""
    if tag == "img" and attribute == "src" and _FOREIGN.match(value):
        return None
    return value


_FOREIGN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def clean(html: str) -> str:
    """``html`` with everything outside the allow-list removed. Build-made HTML never goes through here:
    only what an editor or an import wrote."""
    if not html:
        return ""
    return nh3.clean(html, tags=TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes=ATTRIBUTES,
                     attribute_filter=_local_images_only, url_schemes=URL_SCHEMES, link_rel=None,
                     strip_comments=True)


_FOREIGN_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*((?:https?:)?//[^)\s>]{0,40})", re.IGNORECASE)
_BAD_SCHEME = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data|file)\s*:)", re.IGNORECASE)
_ALLOWED_URL = re.compile(r"^(?:(?:https?|mailto|tel):|[^:]*$|\{(?:static|filename|attach)\})", re.IGNORECASE)
_URL_ATTRS = {"href", "src", "cite"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []   # (line in the text, what will be removed)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if not tag.isalnum():
            return   # "<https://…>" autolinks and the like are not tags
        if tag not in TAGS:
            self.found.append((line, f"thẻ <{tag}>"))
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.found.append((line, f"thuộc tính “{name}” của thẻ <{tag}>"))
            elif name in _URL_ATTRS and value and not _ALLOWED_URL.match(value.strip()):
                self.found.append((line, f"địa chỉ “{value.strip()[:40]}” của thẻ <{tag}>"))
            elif tag == "img" and name == "src" and value and _FOREIGN.match(value):
                self.found.append((line, f"ảnh lấy từ trang khác “{value.strip()[:40]}” (hãy tải ảnh về content/images/)"))

    handle_startendtag = handle_starttag


def removed(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """What the sanitiser will drop from this Markdown source, as (file line, Vietnamese description).

    A cheap scan of the source, not of the rendered page: raw HTML tags and attributes outside the
    allow-list, and links to ``javascript:``, ``data:`` and similar addresses.
    """
    found: list[tuple[int, str]] = []
    if "<" in markdown:
        finder = _Finder()
        try:
            finder.feed(markdown)
            finder.close()
        except Exception:   # noqa: BLE001 - html.parser is lenient; a warning scan never fails the build
            pass
        found += [(line + first_line - 1, what) for line, what in finder.found]
    if "](" in markdown:
        for number, line in enumerate(markdown.splitlines(), first_line):
            for m in _BAD_SCHEME.finditer(line):
                found.append((number, f"liên kết tới địa chỉ “{m.group(1).replace(' ', '')}…”"))
            for m in _FOREIGN_MD_IMAGE.finditer(line):
                found.append((number, f"ảnh lấy từ trang khác “{m.group(1)}” (hãy tải ảnh về content/images/)"))
    seen, out = set(), []
    for item in sorted(found):
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
