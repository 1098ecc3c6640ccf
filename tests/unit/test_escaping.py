"""Hostile text in an image's alt and in a chart's <title>/<desc> is escaped (expected markup written by hand)."""
from __future__ import annotations

from PIL import Image

from dvk.render.charts import bar_chart, stacked_chart
from dvk.render.images import ImageProcessor

HOSTILE_ALT = 'Ảnh "Mẹ đỡ đầu" \'x\' <script>alert(1)</script> & bà Hường'
ALT_ESCAPED = ("Ảnh &quot;Mẹ đỡ đầu&quot; &#x27;x&#x27; &lt;script&gt;alert(1)&lt;/script&gt; "
               "&amp; bà Hường")


def test_alt_of_a_plain_image_is_escaped(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "ban-do.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"></svg>', encoding="utf-8")
    images = ImageProcessor(tmp_path / "content", tmp_path / "cache")
    assert images.picture("images/ban-do.svg", HOSTILE_ALT) == (
        f'<img src="/images/ban-do.svg" alt="{ALT_ESCAPED}" width="40" height="30" '
        'loading="lazy" decoding="async">')


def test_alt_of_a_processed_photo_is_escaped(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    Image.new("RGB", (400, 300), (200, 30, 30)).save(tmp_path / "content" / "images" / "tap-huan.jpg")
    images = ImageProcessor(tmp_path / "content", tmp_path / "cache", widths=(320,))
    images.process("images/tap-huan.jpg")
    markup = images.picture("images/tap-huan.jpg", HOSTILE_ALT)
    assert f'alt="{ALT_ESCAPED}" loading="lazy" decoding="async"></picture>' in markup
    assert "<script>" not in markup and '"Mẹ' not in markup


def test_chart_title_and_desc_escape_their_text():
    chart = bar_chart("bieu-do-xa", 'Mô hình <script>alert("x")</script> & “Dân vận khéo”', "Xã",
                      [('Xã <b>Đắk Ha</b> & "Quảng Sơn"', 3), ("Thị trấn Kiến Đức", 1234)])
    assert ('<span class="visually-hidden" id="bieu-do-xa-tieu-de">Mô hình &lt;script&gt;alert("x")&lt;/script&gt; '
            "&amp; “Dân vận khéo”</span>") in chart.markup
    assert ('<span class="visually-hidden" id="bieu-do-xa-mo-ta">Xã &lt;b&gt;Đắk Ha&lt;/b&gt; &amp; "Quảng Sơn": 3; '
            "Thị trấn Kiến Đức: 1.234.</span>") in chart.markup
    assert '<span class="bars__label">Xã &lt;b&gt;Đắk Ha&lt;/b&gt; &amp; "Quảng Sơn"</span>' in chart.markup
    assert "<script>" not in chart.markup and "<b>" not in chart.markup


def test_stacked_chart_desc_escapes_series_and_labels():
    chart = stacked_chart("bieu-do-loai", "Theo loại <i>", "Lĩnh vực", ("Tập thể", "Cá <nhân>"),
                          [("Kinh tế & xã hội", (2, 1))])
    assert '<span class="visually-hidden" id="bieu-do-loai-tieu-de">Theo loại &lt;i&gt;</span>' in chart.markup
    assert ('<span class="visually-hidden" id="bieu-do-loai-mo-ta">Kinh tế &amp; xã hội: tập thể 2, '
            "cá &lt;nhân&gt; 1.</span>") in chart.markup
    assert '<li><span class="bars__key bars__key--1"></span>Cá &lt;nhân&gt;</li>' in chart.markup
    assert "<i>" not in chart.markup and "<nhân>" not in chart.markup