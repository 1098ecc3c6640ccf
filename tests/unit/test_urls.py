"""dvk.model.urls: every address of the site, written out by hand."""
from __future__ import annotations

from dvk.model import urls


def test_addresses_of_the_showcase():
    assert urls.model("me-do-dau") == "mo-hinh/me-do-dau/"
    assert urls.field("van-hoa-xa-hoi") == "linh-vuc/van-hoa-xa-hoi/"
    assert urls.field_all("kinh-te") == "linh-vuc/kinh-te/tat-ca/"
    assert urls.topic("van-hoa-xa-hoi", "cham-soc-bao-ve-tre-em") == "linh-vuc/van-hoa-xa-hoi/cham-soc-bao-ve-tre-em/"
    assert urls.topic("quoc-phong-an-ninh", None) == "linh-vuc/quoc-phong-an-ninh/chu-de-khac/"
    assert urls.province("lam-dong") == "tinh/lam-dong/"
    assert urls.document("cong-van-374-cv-hu-trieu-phong") == "van-ban/cong-van-374-cv-hu-trieu-phong/"
    assert urls.catalog_facet("loai", "ca-nhan") == "mo-hinh/loai/ca-nhan/"
    assert urls.province_feed("ho-chi-minh") == "feeds/tinh/ho-chi-minh.atom.xml"
    assert urls.CATALOG_INDEX == "mo-hinh/chi-muc.json"


def test_page_one_is_the_listing_itself_and_later_pages_sit_below_it():
    assert urls.paginated("tinh/lam-dong/", 1) == "tinh/lam-dong/"
    assert urls.paginated("tinh/lam-dong/", 2) == "tinh/lam-dong/trang/2/"
    assert urls.paginated("mo-hinh/", 17) == "mo-hinh/trang/17/"
    assert urls.paginated("", 3) == "trang/3/"


def test_pelican_settings_are_written_from_the_table():
    s = urls.pelican_settings()
    assert {k: v for k, v in s.items() if k.endswith(("_URL", "_SAVE_AS"))} == {
        "ARTICLE_URL": "tin-tuc/{slug}/", "ARTICLE_SAVE_AS": "tin-tuc/{slug}/index.html",
        "PAGE_URL": "trang/{slug}/", "PAGE_SAVE_AS": "trang/{slug}/index.html",
        "CATEGORY_URL": "chuyen-muc/{slug}/", "CATEGORY_SAVE_AS": "chuyen-muc/{slug}/index.html",
        "TAG_URL": "tu-khoa/{slug}/", "TAG_SAVE_AS": "tu-khoa/{slug}/index.html",
        "AUTHOR_URL": "tac-gia/{slug}/", "AUTHOR_SAVE_AS": "tac-gia/{slug}/index.html",
        "YEAR_ARCHIVE_URL": "tin-tuc/{date:%Y}/", "YEAR_ARCHIVE_SAVE_AS": "tin-tuc/{date:%Y}/index.html",
        "MONTH_ARCHIVE_URL": "tin-tuc/{date:%Y}/{date:%m}/",
        "MONTH_ARCHIVE_SAVE_AS": "tin-tuc/{date:%Y}/{date:%m}/index.html",
        "INDEX_SAVE_AS": "tin-tuc/index.html", "CATEGORIES_SAVE_AS": "chuyen-muc/index.html",
        "TAGS_SAVE_AS": "tu-khoa/index.html", "AUTHORS_SAVE_AS": "tac-gia/index.html",
        "ARCHIVES_SAVE_AS": "tin-tuc/luu-tru/index.html",
        "DRAFT_SAVE_AS": "", "DRAFT_PAGE_SAVE_AS": "",
    }
    assert s["PAGINATION_PATTERNS"] == (
        (1, "{url}", "{save_as}"),
        (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
    )
    assert s["FEED_ALL_ATOM"] == "feeds/tin-tuc.atom.xml"
    assert s["CATEGORY_FEED_ATOM"] == "feeds/chuyen-muc/{slug}.atom.xml"
    assert s["PROVINCE_FEED_ATOM"] == "feeds/tinh/{slug}.atom.xml"
