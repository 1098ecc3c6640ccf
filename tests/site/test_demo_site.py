"""The demo site, built from the repository's own content: what a reader sees on each kind of page."""
import re
import unicodedata

import html5lib
import pytest
import yaml

from conftest import ROOT, read_page, records, text_of
from dvk.model.provinces import by_slug, resolve


def test_demo_content_meets_the_floor():
    recs = dict(records())
    assert len(recs) >= 40
    assert {resolve(r["province"]).province.code for r in recs.values()}.__len__() >= 8
    assert {r["field"] for r in recs.values()} == {"economy", "culture-society", "defense-security", "party-building"}
    names = {r["name"] for r in recs.values()}
    assert {"Mẹ đỡ đầu", "Tiết học vùng biên", "Tuyến đường hoa"} <= names
    assert len(list((ROOT / "content" / "tin-tuc").glob("*.md"))) >= 12
    assert len(list((ROOT / "content" / "van-ban").glob("*.md"))) >= 3


def test_model_page_shows_the_record(demo_output):
    record_id, data = next((i, r) for i, r in records() if r["name"] == "Mẹ đỡ đầu")
    text = text_of(read_page(demo_output, f"mo-hinh/{record_id}"))
    assert "Mẹ đỡ đầu" in text
    assert data["owner"] in text
    assert "Văn hóa - xã hội" in text
    # Counted under today's province, showing what the record said at the time.
    assert "Lâm Đồng (hồ sơ ghi: Đắk Nông, nay thuộc tỉnh Lâm Đồng)" in text
    if data.get("illustrative"):
        assert "Minh họa" in text


def test_field_page_lists_its_models_by_topic(demo_output):
    text = text_of(read_page(demo_output, "linh-vuc/van-hoa-xa-hoi"))
    assert text.count("Lĩnh vực Văn hóa - xã hội") >= 1
    expected = sum(1 for _, r in records() if r["field"] == "culture-society")
    assert f"{expected} mô hình, trong đó" in text
    assert "Chăm sóc, bảo vệ trẻ em" in text
    assert "Mẹ đỡ đầu" in text


def test_province_page_counts_by_todays_province_with_former_breakdown(demo_output):
    lam_dong = by_slug("lam-dong")
    mine = [r for _, r in records() if resolve(r["province"]).province.code == lam_dong.code]
    text = text_of(read_page(demo_output, "tinh/lam-dong"))
    assert "Tỉnh Lâm Đồng" in text
    assert f"{len(mine)} mô hình có hồ sơ" in text
    assert "gồm các tỉnh, thành phố trước đây: Bình Thuận, Đắk Nông, Lâm Đồng" in text
    from_dak_nong = sum(1 for r in mine if resolve(r["province"]).former == "Đắk Nông")
    assert f"Đắk Nông {from_dak_nong}" in text
    # The committee's reported figures are shown, with their source, and not added in.
    assert "697 mô hình" in text and "baodaknong.vn" in read_page(demo_output, "tinh/lam-dong")
    assert "không cộng vào số hồ sơ" in text


def test_every_province_has_a_page(demo_output):
    from dvk.model.provinces import all_provinces
    for p in all_provinces():
        assert p.full_name in text_of(read_page(demo_output, f"tinh/{p.slug}"))


def test_stats_page_totals_match_the_records(demo_output):
    recs = [r for _, r in records()]
    text = text_of(read_page(demo_output, "thong-ke"))
    recognized = sum(1 for r in recs if r.get("recognized"))
    assert f"{len(recs)} mô hình có hồ sơ trên trang, trong đó {recognized} mô hình được công nhận" in text
    # A report that names no province, shown on its own with its figure as reported.
    other = re.search(r'<section aria-labelledby="bao-cao-khac">.*?</dl>', read_page(demo_output, "thong-ke"), re.S)
    assert ('<h3 class="report__title">Mô hình “Dân vận khéo” được công nhận tại Đảng bộ Các cơ quan tỉnh đến năm '
            '2020</h3>') in other.group(0)
    assert "<dt>Được công nhận</dt><dd>112 mô hình</dd>" in other.group(0)


def test_post_page_reads_like_a_bulletin(demo_output):
    path = ROOT / "content" / "tin-tuc" / "dak-nong-nang-cao-chat-luong-phong-trao-dan-van-kheo.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    slug = meta.get("slug") or path.stem
    html = read_page(demo_output, f"tin-tuc/{slug}")
    text = text_of(html)
    assert meta["title"] in text
    assert "Nguồn: Báo Đắk Nông" in text
    assert meta["author"] in text
    assert re.search(r"Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy), \d{1,2}/\d{1,2}/20\d\d · \d\d:\d\d|Chủ Nhật, ", text)
    assert "Mẹ đỡ đầu" in text  # the models it mentions, as cards


def test_document_page_has_the_administrative_layout(demo_output):
    text = text_of(read_page(demo_output, "van-ban/cong-van-374-cv-hu-trieu-phong"))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 374-CV/HU" in text
    assert "Triệu Phong, ngày 30 tháng 7 năm 2019" in text
    assert "Kính gửi:" in text and "Nơi nhận:" in text
    assert "PHÓ BÍ THƯ" in text and "Phan Văn Linh" in text


def test_draft_posts_are_not_published(demo_output):
    for path in (ROOT / "content" / "tin-tuc").glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if meta.get("status") == "draft":
            assert meta["title"] not in (demo_output / "tin-tuc" / "index.html").read_text(encoding="utf-8")


def test_every_page_is_valid_html_in_vietnamese_nfc(demo_output):
    parser = html5lib.HTMLParser(strict=True)
    pages = sorted(demo_output.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="vi">' in html, page
        assert unicodedata.is_normalized("NFC", html), page
        try:
            parser.parse(html)
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{page.relative_to(demo_output)}: {exc}")


def test_no_broken_internal_links(demo_output):
    """Pages, assets, every srcset candidate, Open Graph images, feed and sitemap entries (tests/sitecheck.py)."""
    from sitecheck import broken_links
    assert len(list(demo_output.rglob("*.atom.xml"))) > 1 and (demo_output / "sitemap.xml").is_file()
    missing = broken_links(demo_output)
    assert not missing, sorted(missing)[:20]


def test_parallel_build_writes_the_same_site(demo_output, tmp_path, monkeypatch):
    """National sites load records and render model pages on every core; the result must not change."""
    import dvk.parallel
    from dvk.site.build import build
    monkeypatch.setattr(dvk.parallel, "MIN_ITEMS", 1)
    out = tmp_path / "parallel"
    build(ROOT, out, cache=tmp_path / "cache")
    serial = {p.relative_to(demo_output): p.read_bytes() for p in demo_output.rglob("*.html")}
    parallel = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.html")}
    assert parallel.keys() == serial.keys()
    assert [k for k in serial if serial[k] != parallel[k]] == []


def test_sample_content_is_labelled_and_seed_facts_are_not(demo_output):
    labelled = unlabelled = 0
    for record_id, data in records():
        if data.get("draft"):
            continue
        html = read_page(demo_output, f"mo-hinh/{record_id}")
        has_badge = "Minh họa — nội dung mẫu, không phải thông tin chính thức" in text_of(html)   # its own label, not a card's
        assert has_badge == bool(data.get("illustrative")), record_id
        labelled += has_badge
        unlabelled += not has_badge
    assert labelled and unlabelled          # the demo has both: sample records and records from the seeds
