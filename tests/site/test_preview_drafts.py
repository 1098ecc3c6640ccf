"""Drafts and scheduled posts: never in a production build, shown with a banner in a preview build."""
from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest

from conftest import ROOT
from dvk.model import visibility
from dvk.site.build import build
from dvk.load.corpus import load_corpus

BANNER = "Bản nháp — chưa đăng"
DOCUMENT = """---
number: 12-CV/HU
doc_type: Công văn
issuer: Huyện ủy Triệu Phong
place: Triệu Phong
date: 2019-07-30
subject: chuẩn bị hội nghị biểu dương
recipients: [Các cấp ủy cơ sở]
signer: Phan Văn Linh
signer_role: Phó Bí thư
system: party
status: draft
slug: cong-van-nhap
---
Nội dung văn bản nháp.
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """One small site with a published post, a draft, a post scheduled for next year, a draft
    document and a draft model record, built once for production and once for preview."""
    from conftest import Site
    site = Site(tmp_path_factory.mktemp("drafts") / "site")
    next_year = dt.date.today().year + 1
    site.model("me-do-dau")
    site.model("mo-hinh-nhap", name="Mô hình còn nháp", draft=True)
    site.post("da-dang", title="Bài đã đăng công khai", slug="da-dang")
    site.post("ban-nhap", title="Bài viết còn là bản nháp", status="draft", slug="ban-nhap")
    site.post("hen-gio", title="Bài hẹn giờ năm sau", date=f"{next_year}-01-02 07:30", slug="hen-gio")
    site.write("content/van-ban/cong-van-nhap.md", DOCUMENT)
    production = site.root / "production"
    preview = site.root / "preview"
    build(site.root, production, settings_file=ROOT / "pelican.conf.py")
    build(site.root, preview, settings_file=ROOT / "pelican.conf.py", preview=True)
    return site, production, preview, next_year


def page(output, url):
    path = output / url / "index.html"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def search_index_text(output):
    """The text of every result card in the search index (dvk.derive.recindex: gzip-compressed JSON)."""
    return "\n".join(gzip.decompress(p.read_bytes()).decode("utf-8") for p in (output / "recindex" / "c").glob("*.bin"))


def all_text(output):
    """Pages, feeds, sitemap, open data (CSV, JSON) and the search index."""
    files = [p.read_text(encoding="utf-8-sig") for p in output.rglob("*") if p.suffix in (".html", ".xml", ".json", ".csv")]
    return "\n".join(files + [search_index_text(output)])


HIDDEN = ["Bài viết còn là bản nháp", "Bài hẹn giờ năm sau", "chuẩn bị hội nghị biểu dương", "Mô hình còn nháp"]


def test_production_build_has_no_draft_and_no_scheduled_post_anywhere(builds):
    site, production, _, next_year = builds
    assert page(production, "tin-tuc/da-dang") is not None
    for url in ("tin-tuc/ban-nhap", "tin-tuc/hen-gio", "van-ban/cong-van-nhap", "mo-hinh/mo-hinh-nhap",
                f"tin-tuc/{next_year}"):
        assert page(production, url) is None, url
    listing = page(production, "tin-tuc")
    feed = (production / "feeds" / "tin-tuc.atom.xml").read_text(encoding="utf-8")
    assert "Bài đã đăng công khai" in listing and "Bài đã đăng công khai" in feed
    everything = all_text(production)
    for title in HIDDEN:
        assert title not in everything, title
    assert BANNER not in everything
    assert "Bài đã đăng công khai" in search_index_text(production)
    assert "Mẹ đỡ đầu" in (production / "du-lieu" / "mo-hinh.csv").read_text(encoding="utf-8-sig")


def test_preview_build_shows_drafts_with_the_banner(builds):
    _, _, preview, next_year = builds
    draft = page(preview, "tin-tuc/ban-nhap")
    assert BANNER in draft and "status: draft" in draft
    scheduled = page(preview, "tin-tuc/hen-gio")
    assert BANNER in scheduled and f"Hẹn giờ đăng 07:30 ngày 02/01/{next_year}" in scheduled
    document = page(preview, "van-ban/cong-van-nhap")
    assert BANNER in document and "Số 12-CV/HU" in document
    record = page(preview, "mo-hinh/mo-hinh-nhap")
    assert BANNER in record and "draft: true" in record
    listing = page(preview, "tin-tuc")
    assert "Bài viết còn là bản nháp" in listing and "Bài hẹn giờ năm sau" in listing
    assert "Bài viết còn là bản nháp" in search_index_text(preview)      # the preview can search its drafts
    # Published items carry no banner in the preview either.
    assert BANNER not in page(preview, "tin-tuc/da-dang")
    assert BANNER not in page(preview, "mo-hinh/me-do-dau")
    assert re.search(r'href="[^"]*/theme/css/preview-banner.css"', draft)
    assert (preview / "theme" / "css" / "preview-banner.css").is_file()


def test_one_predicate_for_every_kind_of_item(builds):
    site = builds[0]
    corpus = load_corpus(site.root)
    posts = {e.slug: e for e in corpus.posts}
    assert [e.published for e in (posts["da-dang"], posts["ban-nhap"], posts["hen-gio"])] == [True, False, False]
    assert visibility.hidden_reason(posts["hen-gio"]) == "future"
    assert visibility.hidden_reason(corpus.documents[0]) == "draft"
    assert visibility.hidden_reason(corpus.drafts["mo-hinh-nhap"]) == "draft-record"
    assert visibility.is_public(corpus.models["me-do-dau"])
    assert "mo-hinh-nhap" not in corpus.models
    # The same post is public once its time has come.
    later = dt.datetime(builds[3], 1, 2, 7, 31)
    assert visibility.is_public(posts["hen-gio"], now=later)
