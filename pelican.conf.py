"""Pelican settings of the "Dân vận khéo" showcase site.

Build with ``invoke build`` (never plain ``pelican``): it validates content and
data first and swaps the new site into ``output/`` only when all went well.
"""
import base64
import hashlib
import logging
import os

from dvk.model.urls import pelican_settings
from dvk.render.formatting import FILTERS

HERE = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Dân vận khéo"
SITESUBTITLE = "Trang giới thiệu mô hình, điển hình “Dân vận khéo”"
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
AUTHOR = "Ban Dân vận"
PATH = "content"
THEME = os.path.join(HERE, "theme")
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
RELATIVE_URLS = False

# The build runner (dvk.site.build) wires the site's stages to Pelican itself (dvk/site/pipeline.py):
# no plugin is loaded by name, and plain `pelican` does not build this site.
PLUGINS = []
JINJA_FILTERS = FILTERS

# Content: posts anywhere under content/ except the folders below;
# official documents under content/van-ban/, static pages under content/trang/.
ARTICLE_EXCLUDES = ["van-ban", "trang", "images", "files"]
PAGE_PATHS = ["van-ban", "trang"]
STATIC_PATHS = ["images", "files"]
WITH_FUTURE_DATES = False

# Addresses in Vietnamese without diacritics: Pelican's *_URL, *_SAVE_AS, pagination and feed settings
# come from the site's one address table, dvk/model/urls.py, which the showcase pages use too.
globals().update(pelican_settings())
DEFAULT_PAGINATION = 20
FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = 50          # a feed carries the latest news; readers keep what they fetched before
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Content is Markdown only (.md, .markdown, read by dvk/site/reader.py): Pelican's HTML reader and its
# other Markdown extensions are switched off, and `invoke validate` refuses any other file under content/.
IGNORE_FILES = [".*"]        # hidden files are never read or copied (Pelican's "**/.*" misses bare names)
READERS = {"rst": None, "html": None, "htm": None, "mkd": None, "mdown": None}
# The summary (sapo) is plain text: shown escaped in cards, the lead and <meta> tags, never as markup.
FORMATTED_FIELDS = []
# Local previews have no site address yet; feeds get absolute links once SITEURL is set.
LOG_FILTER = [(logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid")]

# Markdown is not Pelican's: posts, documents, pages and record descriptions share one dialect (GitHub
# Flavored Markdown by cmarkgfm, sanitised), dvk/load/markdown.py, used by the reader (dvk/site/reader.py).
TYPOGRIFY = False
LOAD_CONTENT_CACHE = False

# Defence in depth behind escaping and sanitising: a page runs scripts only from the site itself (no eval,
# no WebAssembly) and the one inline script below, which applies the remembered font size before the
# first paint; it loads nothing from another host and sends no form elsewhere. Inline styles stay allowed
# (the charts' SVG carries its own <style>); the sanitiser already strips style from editors' HTML.
FONT_SCALE_SCRIPT = ('try{var s=localStorage.getItem("dvk-co-chu");'
                     'if(s)document.documentElement.style.setProperty("--dvk-font-scale",s)}catch(e){}')
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'sha256-%s'" % base64.b64encode(
        hashlib.sha256(FONT_SCALE_SCRIPT.encode()).digest()).decode(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])

MENUITEMS = (
    ("Tin tức", "/tin-tuc/"),
    ("Mô hình", "/mo-hinh/"),
    ("Lĩnh vực", "/linh-vuc/"),
    ("Tỉnh, thành phố", "/tinh/"),
    ("Thống kê", "/thong-ke/"),
    ("Văn bản", "/van-ban/"),
)
TEMPLATE_PAGES = {"404.html": "404.html"}
# Templates do not change during a build: no file check at every {% import %} of a component.
# Every value is escaped unless a template marks it safe: only HTML the build made itself (sanitised
# Markdown, charts, the map, cached cards, responsive images) is, each in one place.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "auto_reload": False, "autoescape": True}
