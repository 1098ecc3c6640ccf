"""dvk.load.markdown: the site's one Markdown dialect (GFM), the same for record descriptions and posts."""
from __future__ import annotations

import pytest

from dvk.load.markdown import record_html, to_html

CASES = {
    "table": ("| Xã | Số mô hình |\n|---|---|\n| Đắk Ha | 12 |",
              "<table>\n<thead>\n<tr>\n<th>Xã</th>\n<th>Số mô hình</th>\n</tr>\n</thead>\n"
              "<tbody>\n<tr>\n<td>Đắk Ha</td>\n<td>12</td>\n</tr>\n</tbody>\n</table>"),
    "strikethrough": ("Hộ nghèo: ~~45~~ 12 hộ", "<p>Hộ nghèo: <del>45</del> 12 hộ</p>"),
    "autolink": ("Xem tại https://baodaknong.vn/bai-viet-227749.html nhé",
                 '<p>Xem tại <a href="https://baodaknong.vn/bai-viet-227749.html">'
                 "https://baodaknong.vn/bai-viet-227749.html</a> nhé</p>"),
    "www autolink": ("www.dangcongsan.vn", '<p><a href="http://www.dangcongsan.vn">www.dangcongsan.vn</a></p>'),
    "emphasis": ("# Mẹ đỡ đầu\n\n*Nghiêng* và **đậm**",
                 "<h1>Mẹ đỡ đầu</h1>\n<p><em>Nghiêng</em> và <strong>đậm</strong></p>"),
    "script": ("Trước<script>alert(\"mật khẩu\")</script>Sau", "<p>TrướcSau</p>"),
    "script block": ("<script>\ndocument.cookie\n</script>\n\nĐoạn văn sau", "<p>Đoạn văn sau</p>"),
    "event handler": ('<b onclick="steal()">đậm</b>', "<p><b>đậm</b></p>"),
    "static link": ("![Ảnh tập huấn]({static}/images/tap-huan.jpg) [Kế hoạch]({filename}/van-ban/ke-hoach.md)",
                    '<p><img src="{static}/images/tap-huan.jpg" alt="Ảnh tập huấn"> '
                    '<a href="{filename}/van-ban/ke-hoach.md">Kế hoạch</a></p>'),
}


@pytest.mark.parametrize("markdown,expected", CASES.values(), ids=CASES.keys())
def test_a_post_body_renders_github_markdown(markdown, expected):
    assert to_html(markdown).strip() == expected


@pytest.mark.parametrize("markdown,expected", CASES.values(), ids=CASES.keys())
def test_a_record_description_renders_the_same(markdown, expected):
    # A record description may keep cmark's final newline; the markup itself is the same as a post's.
    assert record_html(markdown).strip() == expected
    assert record_html(markdown).strip() == to_html(markdown).strip()


def test_script_content_is_removed_not_shown_as_text():
    html = to_html("<script>var bí_mật = 1;</script>\n\nNội dung")
    assert "bí_mật" not in html and "script" not in html
