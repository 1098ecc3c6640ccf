"""Finding things: search boxes, filter pages titled by their filter, excerpts that end on a word."""
import re

from conftest import read_page, records, text_of
from dvk.render.formatting import excerpt


def test_search_boxes_send_the_query_to_the_site_search(demo_output):
    for url in ("", "tin-tuc", "mo-hinh/me-do-dau"):
        actions = re.findall(r'<form class="search-box[^"]*" role="search"[^>]* action="([^"]+)"', read_page(demo_output, url))
        assert actions == ["/tim-kiem/"], url
    not_found = (demo_output / "404.html").read_text(encoding="utf-8")
    assert re.findall(r'<form class="search-box[^"]*" role="search"[^>]* action="([^"]+)"', not_found) == [
        "/tim-kiem/", "/tim-kiem/"]


def test_a_field_listing_is_titled_by_its_field_and_carries_the_filters(demo_output):
    html = read_page(demo_output, "linh-vuc/kinh-te/tat-ca")
    assert re.search(r"<h1>([^<]*)</h1>", html).group(1) == "Mô hình lĩnh vực Kinh tế"
    assert "<title>Mô hình lĩnh vực Kinh tế – Dân vận khéo</title>" in html
    assert "Tất cả mô hình</h1>" not in html
    panel = re.search(r'<section class="filters".*?</section>', html, re.S).group(0)
    chosen = re.findall(r'<a href="([^"]+)"[^>]*aria-current="page">([^<]*)', panel)
    assert chosen == [("/linh-vuc/kinh-te/tat-ca/", "Kinh tế ")]
    n = sum(1 for _, r in records() if not r.get("draft") and r["field"] == "economy")
    assert f"Lĩnh vực Kinh tế: {n} mô hình." in text_of(html)


def test_excerpts_end_on_a_whole_word_with_an_ellipsis():
    assert excerpt("Tổ dân vận ấp An Thuận giúp dân", 20) == "Tổ dân vận ấp An…"
    assert excerpt("Tổ dân vận ấp An Thuận giúp dân", 22) == "Tổ dân vận ấp An Thuận…"
    assert excerpt("Mười năm qua, tỉnh có 697 mô hình", 13) == "Mười năm qua…"
    assert excerpt("Ngắn gọn.", 200) == "Ngắn gọn."


def test_a_long_summary_is_cut_on_a_word_on_cards_and_in_descriptions(site):
    summary = ("Ban Dân vận Huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc và các đoàn thể tổ chức "
               "đối thoại trực tiếp với nhân dân tại các xã vùng sâu, vùng xa, ghi nhận hàng trăm ý kiến "
               "về đất đai, giao thông nông thôn và chính sách an sinh xã hội; các ý kiến đều được trả lời "
               "tại chỗ hoặc chuyển đến cơ quan có thẩm quyền giải quyết trong thời hạn quy định.")
    site.post("doi-thoai", title="Đối thoại với nhân dân", summary=summary)
    site.build()
    card = re.search(r'<div class="card__summary">([^<]*)</div>', site.page("tin-tuc")).group(1)
    assert card == ("Ban Dân vận Huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc và các đoàn thể tổ chức đối thoại "
                    "trực tiếp với nhân dân tại các xã vùng sâu, vùng xa, ghi nhận hàng trăm ý kiến về đất đai, "
                    "giao thông nông thôn và chính sách an…")
    page = site.page("tin-tuc/doi-thoai-voi-nhan-dan")
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert description.endswith("ghi nhận hàng trăm ý kiến về đất đai, giao thông nông…")
    assert len(description) <= 200
    assert f'<div class="post__lead"><p>{summary}</p></div>' in page   # the post itself keeps it whole
