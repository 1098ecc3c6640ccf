"""HTML and SVG the build makes itself, marked safe in one place each, are made from escaped parts:
a hostile label in a chart, the map, a model card, a sanitised description reads as text, never as markup."""
from xml.etree import ElementTree

from dvk.render.charts import bar_chart, stacked_chart
from dvk.load.sanitize import clean
from dvk.render.vnmap import Symbol, province_map

HOSTILE = "Lĩnh vực <script>alert(1)</script> & \"x\" <img src=x onerror=alert(2)>"


def texts(markup: str) -> str:
    root = ElementTree.fromstring(markup)       # parses: no markup broke out of the chart or the map
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in ("script", "img", "foreignObject")]
    assert not [a for el in root.iter() for a in el.attrib if a.startswith("on")]
    return " ".join(t for t in root.itertext())


def test_bar_chart_escapes_its_labels_title_and_description():
    chart = bar_chart("bieu-do", HOSTILE, "Lĩnh vực", [(HOSTILE, 3), ("Kinh tế", 2)])
    assert "<script" not in chart.markup and "<img" not in chart.markup
    words = texts(chart.markup)
    assert "<script>alert(1)</script>" in words      # shown as text: the label, the name and description


def test_stacked_chart_escapes_series_and_labels():
    chart = stacked_chart("chong", "Theo loại", "Lĩnh vực", (HOSTILE, "Cá nhân"), [(HOSTILE, (1, 2))])
    assert "<script>alert(1)</script>" in texts(chart.markup)
    assert "<script>alert" not in chart.markup


def test_map_escapes_names_labels_and_addresses():
    svg = province_map([Symbol(HOSTILE, 105.8, 21.0, 4, "/tinh/\"><script>alert(3)</script>/", HOSTILE)],
                       HOSTILE, HOSTILE)
    words = texts(svg)
    assert "<script>alert(1)</script>" in words
    assert "<script>alert" not in svg


def test_sanitiser_keeps_prose_and_drops_what_runs():
    html = clean('<p onclick="x()">Đoạn <b>đậm</b> <a href="javascript:alert(1)">a</a> <a href="/tin-tuc/">b</a>'
                 '<a href="https://baodaknong.vn/">c</a><a href="mailto:ban@dv.vn">d</a></p><script>alert(1)</script>'
                 '<iframe src="https://evil.example"></iframe><img src="/anh/a.jpg" alt="Ảnh" onerror="x()">'
                 '<table><tr><td colspan="2" style="color:red">ô</td></tr></table>')
    assert html == ('<p>Đoạn <b>đậm</b> <a>a</a> <a href="/tin-tuc/">b</a><a href="https://baodaknong.vn/">c</a>'
                    '<a href="mailto:ban@dv.vn">d</a></p><img src="/anh/a.jpg" alt="Ảnh">'
                    '<table><tbody><tr><td colspan="2">ô</td></tr></tbody></table>')


def test_markdown_without_markup_or_links_renders_to_what_the_sanitiser_would_keep():
    """The fast path: a description with no '<', '](', ']:', '://' or 'www.' is not cleaned, because cleaning
    it would change nothing. Checked on many shapes of Markdown text, rendered in the site's one dialect."""
    import cmarkgfm.cmark
    from dvk.load.markdown import EXTENSIONS, OPTIONS, needs_cleaning as markdown_needs_cleaning
    samples = [
        "Đoạn một.\n\nĐoạn **hai** với *nghiêng* và `mã`.", "- mục một\n- mục hai\n\n1. số một\n2. số hai",
        "# Tiêu đề\n\n## Tiêu đề phụ\n\n> trích dẫn", "| a | b |\n|---|---|\n| 1 | 2 |", "A &amp; B &lt;script&gt; x",
        "```\ncode > 1\n```", "Dòng cuối có dấu > và & nhưng không có thẻ", "Địa chỉ baodaknong.vn viết trơn, không liên kết",
        "~~gạch~~ và ***đậm nghiêng***", "---\n\n***",
    ]
    for md in samples:
        assert not markdown_needs_cleaning(md), md
        html = cmarkgfm.cmark.markdown_to_html_with_extensions(md, options=OPTIONS, extensions=EXTENSIONS)
        assert clean(html) == html.replace(" />", ">"), md      # the same markup (void tags written alike)
