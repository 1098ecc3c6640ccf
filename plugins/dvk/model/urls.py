"""Every address of the site, in one table.

Addresses are Vietnamese without diacritics, relative to the site root and end
in ``/`` (a folder with ``index.html``). ``pelican.conf.py`` takes Pelican's
``*_URL`` / ``*_SAVE_AS`` settings from ``pelican_settings()``; the showcase
pages, open data, search, the sitemap and the catalog's filters use the
functions below. Change an address here and every page, link and index follows.
"""
from __future__ import annotations

# News posts, and what Pelican makes of them.
POSTS = "tin-tuc/"
POST = "tin-tuc/{slug}/"
POST_ARCHIVES = "tin-tuc/luu-tru/"
POST_YEAR = "tin-tuc/{date:%Y}/"
POST_MONTH = "tin-tuc/{date:%Y}/{date:%m}/"
CATEGORIES = "chuyen-muc/"
CATEGORY = "chuyen-muc/{slug}/"
TAGS = "tu-khoa/"
TAG = "tu-khoa/{slug}/"
AUTHORS = "tac-gia/"
AUTHOR = "tac-gia/{slug}/"
PAGE = "trang/{slug}/"                      # static pages, content/trang/
# Official documents, content/van-ban/.
DOCUMENTS = "van-ban/"
DOCUMENT = "van-ban/{slug}/"
# The showcase, made from data/.
CATALOG = "mo-hinh/"
CATALOG_INDEX = "mo-hinh/chi-muc.json"      # the catalog's filter index (catalog.js)
MODEL = "mo-hinh/{id}/"
CATALOG_FACET = "mo-hinh/{facet}/{slug}/"   # kind, level, year listings: /mo-hinh/loai/ca-nhan/
FIELDS = "linh-vuc/"
FIELD = "linh-vuc/{field}/"
FIELD_ALL = "linh-vuc/{field}/tat-ca/"
TOPIC = "linh-vuc/{field}/{topic}/"
TOPIC_OTHER = "linh-vuc/{field}/chu-de-khac/"
PROVINCES = "tinh/"
PROVINCE = "tinh/{slug}/"
STATS = "thong-ke/"
OPEN_DATA = "du-lieu/"
SEARCH = "tim-kiem/"
SEARCH_INDEX = "recindex/"
IMAGES = "anh/"                             # image derivatives, /anh/<key>/
# Feeds.
FEED_ALL = "feeds/tin-tuc.atom.xml"
FEED_CATEGORY = "feeds/chuyen-muc/{slug}.atom.xml"
FEED_PROVINCE = "feeds/tinh/{slug}.atom.xml"
# Page N ≥ 2 of any listing.
PAGINATED = "{base}trang/{number}/"

# Path segments a listing uses below its own address: a record, post or topic may not take them.
LISTING_WORDS = {"trang"}


def paginated(base: str, number: int) -> str:
    """Page ``number`` of the listing at ``base``: the listing itself for page 1."""
    return base if number == 1 else PAGINATED.format(base=base, number=number)


def model(record_id: str) -> str:
    return MODEL.format(id=record_id)


def field(field_slug: str) -> str:
    return FIELD.format(field=field_slug)


def field_all(field_slug: str) -> str:
    return FIELD_ALL.format(field=field_slug)


def topic(field_slug: str, topic_slug: str | None) -> str:
    """A topic's listing; ``None`` is the field's records without a topic."""
    if topic_slug is None:
        return TOPIC_OTHER.format(field=field_slug)
    return TOPIC.format(field=field_slug, topic=topic_slug)


def province(slug: str) -> str:
    return PROVINCE.format(slug=slug)


def document(slug: str) -> str:
    return DOCUMENT.format(slug=slug)


def catalog_facet(facet_slug: str, value_slug: str) -> str:
    return CATALOG_FACET.format(facet=facet_slug, slug=value_slug)


def province_feed(slug: str) -> str:
    return FEED_PROVINCE.format(slug=slug)


def _save_as(url: str) -> str:
    return url + "index.html"


def pelican_settings() -> dict:
    """Pelican's address settings, from this table."""
    pairs = {"ARTICLE": POST, "PAGE": PAGE, "CATEGORY": CATEGORY, "TAG": TAG, "AUTHOR": AUTHOR,
             "YEAR_ARCHIVE": POST_YEAR, "MONTH_ARCHIVE": POST_MONTH}
    settings = {}
    for name, url in pairs.items():
        settings[f"{name}_URL"] = url
        settings[f"{name}_SAVE_AS"] = _save_as(url)
    settings.update(
        INDEX_SAVE_AS=_save_as(POSTS), CATEGORIES_SAVE_AS=_save_as(CATEGORIES), TAGS_SAVE_AS=_save_as(TAGS),
        AUTHORS_SAVE_AS=_save_as(AUTHORS), ARCHIVES_SAVE_AS=_save_as(POST_ARCHIVES),
        DRAFT_SAVE_AS="", DRAFT_PAGE_SAVE_AS="",
        PAGINATION_PATTERNS=(
            (1, "{url}", "{save_as}"),
            (2, PAGINATED.format(base="{base_name}/", number="{number}"),
             _save_as(PAGINATED.format(base="{base_name}/", number="{number}"))),
        ),
        FEED_ALL_ATOM=FEED_ALL, CATEGORY_FEED_ATOM=FEED_CATEGORY, PROVINCE_FEED_ATOM=FEED_PROVINCE,
    )
    return settings
