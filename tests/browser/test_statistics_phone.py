"""Statistics on a phone and a desktop in headless Chromium: chart text size, whole labels, the map's
province names, the national table's width; and the figures reported by committees, styled."""
import re

import pytest

from conftest import read_page
from dvk.model.provinces import all_provinces
from conftest import text_of

CHART_PAGES = ["/thong-ke/", "/tinh/lam-dong/", "/tinh/ha-noi/"]

# Rendered size of each text of the charts (labels, values, legend), as the browser draws it.
TEXT_SIZES = """[...document.querySelectorAll('.chart .bars__label, .chart .bars__value, .chart .bars__legend li')]
  .filter(t => getComputedStyle(t).display !== 'none')
  .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize)])"""

LABEL_OVERLAPS = """(() => {
  const ls = [...document.querySelectorAll('.vn-map__label')].filter(t => getComputedStyle(t).display !== 'none')
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const o = [];
  for (let i = 0; i < ls.length; i++) for (let j = i + 1; j < ls.length; j++) {
    const a = ls[i][1], b = ls[j][1];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) o.push(ls[i][0] + '/' + ls[j][0]);
  }
  return [ls.map(l => l[0]), o];
})()"""


def open_page(browser, server, url, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 800})
    assert page.goto(server + url).ok
    return page


@pytest.mark.parametrize("url", CHART_PAGES)
def test_chart_text_is_at_least_12_px_on_a_375_px_phone(browser, server, url):  # noqa: F811
    page = open_page(browser, server, url, 375)
    sizes = page.evaluate(TEXT_SIZES)
    assert len(sizes) > 20
    small = [(t, round(s, 1)) for t, s in sizes if s < 11.95]
    assert small == [], small
    assert page.evaluate("document.documentElement.scrollWidth") <= 375      # bars never push the page wider
    page.close()


def test_chart_text_follows_the_font_size_control(browser, server):  # noqa: F811
    """A+ (the largest step, 150 %) makes chart labels 1.5 times larger, as it does the rest of the page."""
    page = open_page(browser, server, "/tinh/lam-dong/", 375)
    before = dict(page.evaluate(TEXT_SIZES))
    page.evaluate('localStorage.setItem("dvk-co-chu", "1.5")')
    page.reload()
    after = dict(page.evaluate(TEXT_SIZES))
    assert before.keys() == after.keys()
    assert {t: round(after[t] / before[t], 2) for t in before} == {t: 1.5 for t in before}
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()


@pytest.mark.parametrize("url", ["thong-ke", "tinh/lam-dong", "tinh/ha-noi"])
def test_chart_labels_are_whole(demo_output, url):
    html = read_page(demo_output, url)
    sections = re.findall(r'<section class="chart".*?</section>', html, re.S)
    assert len(sections) >= 3
    for section in sections:
        drawn = re.findall(r'class="bars__label">([^<]*)<', section)
        table = re.findall(r'<th scope="row">(?:<a [^>]*>)?([^<]*)<', section)
        assert "…" not in "".join(drawn)
        assert drawn == table, url             # every label of the table, whole, in the same order


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_every_province_is_named_beside_the_map(browser, server, width):  # noqa: F811
    page = open_page(browser, server, "/thong-ke/", width)
    listing = page.locator(".vn-map__list")
    assert listing.is_visible()
    names = set(listing.locator("a").all_inner_texts())
    assert names == {p.name for p in all_provinces()}
    folded = page.locator(".vn-map__empty").inner_text()
    assert folded.startswith("Chưa có hồ sơ (")
    page.close()


@pytest.mark.parametrize("width", [640, 800, 1280])
def test_on_wider_screens_the_map_names_every_province_without_overlaps(browser, server, width):  # noqa: F811
    page = open_page(browser, server, "/thong-ke/", width)
    names, overlaps = page.evaluate(LABEL_OVERLAPS)
    assert sorted(names) == sorted(p.name for p in all_provinces())
    assert overlaps == []
    assert page.locator(".vn-map__list").is_hidden()
    page.close()


@pytest.mark.parametrize("width", [320, 375])
def test_the_national_table_fits_a_phone(browser, server, width):  # noqa: F811
    page = open_page(browser, server, "/thong-ke/", width)
    table = page.locator(".stat-table--provinces").bounding_box()
    box = page.locator("#bang-tinh").bounding_box()
    assert table["width"] <= box["width"] + 0.5
    # Provinces without records are one line, not rows of zeros.
    rows = page.locator(".stat-table--provinces tbody tr").count()
    with_records = len(page.locator(".vn-map__ranked li").all())
    assert rows == with_records == 10
    page.close()


def test_reported_figures_read_as_figures(browser, server):  # noqa: F811
    page = open_page(browser, server, "/tinh/lam-dong/", 375)
    figure = page.locator(".report__figure").first
    assert figure.locator("dd").inner_text() == "697 mô hình"
    assert figure.locator("dt").inner_text() == "Được công nhận"
    number = float(figure.locator("dd").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    label = float(figure.locator("dt").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert number > label
    # The number stands above its label, in a box of its own.
    assert figure.locator("dd").bounding_box()["y"] < figure.locator("dt").bounding_box()["y"]
    assert figure.evaluate("e => getComputedStyle(e).borderLeftWidth") == "4px"
    page.close()


def test_provinces_without_records_are_folded_into_one_line(demo_output):
    text = text_of(read_page(demo_output, "thong-ke"))
    assert re.search(r"Chưa có hồ sơ mô hình trên trang \(24 tỉnh, thành phố\): An Giang ?, Cà Mau ?, ", text)
