"""The demo site on a phone (320 and 375 px wide) in headless Chromium: header, first screen, menu,
sideways scroll, font-size control and focus."""
import io
import re

import pytest
from PIL import Image

from conftest import read_page
from test_accessibility import PAGES

PHONE = {"width": 375, "height": 667}


def open_page(browser, server, url, width=375, javascript=True):  # noqa: F811
    ctx = browser.new_context(viewport={"width": width, "height": 667}, java_script_enabled=javascript)
    page = ctx.new_page()
    assert page.goto(server + url).ok, url
    return ctx, page


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_scrolls_sideways_and_the_header_stays_short(browser, server, width):  # noqa: F811
    """Every page of PAGES at this width, one context going from page to page; the failures are reported together."""
    ctx, page = open_page(browser, server, "/", width)
    failures = {}
    for name, url in PAGES.items():
        problems = []
        if not page.goto(server + url).ok:
            failures[name] = [f"{url} not served"]
            continue
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if not overflow <= 0:
            problems.append(f"{name} scrolls sideways by {overflow}px at {width}px")
        header = page.locator(".site-header").bounding_box()
        if not header["height"] <= 120:
            problems.append(f"{name}: header {header['height']}px tall at {width}px")
        # One search field in the header, none elsewhere on the home page.
        if page.locator(".site-header input[type=search]").count() != 1:
            problems.append(f"{name}: not one search field in the header")
        if problems:
            failures[name] = problems
    ctx.close()
    assert failures == {}, failures


def test_home_page_has_one_search_field_that_goes_to_the_search_page(browser, server):  # noqa: F811
    ctx, page = open_page(browser, server, "/")
    assert page.locator("input[type=search]").count() == 1
    page.fill("#tim-kiem-nhanh", "Mẹ đỡ đầu")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    ctx.close()


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("url", ["/tin-tuc/lam-dong-giu-rung-cung-dong-bao-k-ho/",
                                 "/tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao-dan-van-kheo/",
                                 "/tin-tuc/ha-giang-con-nuoi-don-bien-phong-duoc-bieu-duong/"])
def test_a_post_headline_and_lead_are_on_the_first_screen(browser, server, url, width):  # noqa: F811
    ctx, page = open_page(browser, server, url, width)
    h1 = page.locator("article h1").bounding_box()
    lead = page.locator(".post__lead p").bounding_box()
    assert h1["y"] + h1["height"] <= 667, f"headline ends at {h1['y'] + h1['height']}px"
    assert lead["y"] + 60 <= 667, f"lead starts at {lead['y']}px"   # at least two lines of it show
    ctx.close()


@pytest.mark.parametrize("javascript", [False, True])
def test_the_phone_menu_opens_with_and_without_javascript(browser, server, javascript):  # noqa: F811
    ctx, page = open_page(browser, server, "/mo-hinh/me-do-dau/", 375, javascript)
    menu = page.locator("nav[aria-label='Điều hướng chính']")
    assert menu.is_hidden()
    page.get_by_text("Menu", exact=True).click()
    assert menu.is_visible()
    assert menu.locator("a").all_inner_texts() == ["Tin tức", "Mô hình", "Lĩnh vực", "Tỉnh, thành phố",
                                                   "Thống kê", "Văn bản"]
    if javascript:
        assert page.locator("[data-menu-toggle]").get_attribute("aria-expanded") == "true"
        page.get_by_role("button", name="Menu").click()
        assert menu.is_hidden()
        assert page.locator("[data-menu-toggle]").get_attribute("aria-expanded") == "false"
    ctx.close()


def test_desktop_shows_the_menu_bar_and_subtitle_without_a_menu_button(browser, server):  # noqa: F811
    ctx, page = open_page(browser, server, "/", 1280)
    assert page.locator("nav[aria-label='Điều hướng chính']").is_visible()
    assert page.locator(".site-subtitle").is_visible()
    assert page.locator("[data-menu-toggle]").is_hidden()
    ctx.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_has_one_font_size_control(demo_output, name):
    url = PAGES[name].split("?")[0]
    html = read_page(demo_output, url) if not url.endswith(".html") else (demo_output / url.strip("/")).read_text()
    assert len(re.findall(r'<div class="font-size"', html)) == 1, name


def test_the_remembered_text_size_can_be_undone_on_the_home_page(browser, server):  # noqa: F811
    ctx, page = open_page(browser, server, "/tin-tuc/lam-dong-giu-rung-cung-dong-bao-k-ho/")
    page.get_by_role("button", name="A+ (tăng cỡ chữ)").click()
    page.goto(server + "/")
    size = "parseFloat(getComputedStyle(document.body).fontSize)"
    assert page.evaluate(size) == 17 * 1.125
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("button", name="A (cỡ chữ mặc định)").click()
    assert page.evaluate(size) == 17
    ctx.close()


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("url, selector", [
    ("/tin-tuc/lam-dong-giu-rung-cung-dong-bao-k-ho/", "[data-font-step='1']"),   # on white
    ("/mo-hinh/me-do-dau/", "[data-font-step='1']"),                             # on the menu bar
    ("/", "#tim-kiem-nhanh"), ("/", ".site-header .button"),                     # on the brand red
    ("/thong-ke/", ".stat-table__sort"),
])
def test_focus_changes_the_look_by_at_least_3_to_1_all_round(browser, server, url, selector):  # noqa: F811
    """WCAG 2.4.13: the focus indicator differs from the unfocused state by 3:1, around the control."""
    ctx, page = open_page(browser, server, url, 1280)
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    clip = {"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16, "height": box["height"] + 16}
    before = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    page.keyboard.press("Tab")   # keyboard focus, then move it to the control
    control.focus()
    after = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    w, h = before.size
    changed = [(x, y) for x in range(w) for y in range(h)
               if contrast(before.getpixel((x, y)), after.getpixel((x, y))) >= 3]
    # On each side of the control, a line of pixels just outside it changes by 3:1 or more.
    sides = {"left": [p for p in changed if p[0] < 8], "right": [p for p in changed if p[0] >= w - 8],
             "top": [p for p in changed if p[1] < 8], "bottom": [p for p in changed if p[1] >= h - 8]}
    for side, pixels in sides.items():
        assert len(pixels) >= (box["height"] if side in ("left", "right") else box["width"]) * 0.8, (selector, side)
    ctx.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_headline_figures_stay_on_one_line(browser, server, width):  # noqa: F811
    ctx, page = open_page(browser, server, "/", width)
    figures = page.locator(".headline-figures strong")
    assert figures.all_inner_texts()[2] == "10/34"
    for i in range(figures.count()):
        fits = figures.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth && e.getClientRects().length === 1 "
                                       "&& e.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(e).fontSize) * 1.2")
        assert fits, figures.nth(i).inner_text()
    ctx.close()
