"""The demo site in headless Chromium: axe-core on one page of every type, keyboard use, print, privacy.

axe-core is vendored (tests/vendor/axe-core) and put into each page; the
pages are served from localhost and every request the browser makes is
recorded: none may leave the machine. With DVK_TEST_ARTIFACTS set, a screenshot of each page at each width
goes to that folder (conftest.py's ``artifacts``).
"""
import json
import os
from pathlib import Path

import pytest

from dvk.model.provinces import resolve
from conftest import records

AXE = Path(__file__).parents[1] / "vendor" / "axe-core" / "axe.min.js"
DOC_374 = "cong-van-374-cv-hu-trieu-phong"
POST = "dak-nong-nang-cao-chat-luong-phong-trao-dan-van-kheo"

PAGES = {
    "trang-chu": "/",
    "tin-tuc": "/tin-tuc/",
    "bai-viet": f"/tin-tuc/{POST}/",
    "bai-viet-co-hinh": "/tin-tuc/ha-giang-con-nuoi-don-bien-phong-duoc-bieu-duong/",
    "chuyen-muc": "/chuyen-muc/phong-trao-thi-dua/",
    "tu-khoa": "/tu-khoa/dak-nong/",
    "luu-tru": "/tin-tuc/luu-tru/",
    "luu-tru-thang": "/tin-tuc/2024/07/",
    "van-ban-danh-sach": "/van-ban/",
    "van-ban": f"/van-ban/{DOC_374}/",
    "mo-hinh": "/mo-hinh/",
    "mo-hinh-loc": "/mo-hinh/loai/tap-the/",
    "mo-hinh-chi-tiet": "/mo-hinh/me-do-dau/",
    "linh-vuc-danh-sach": "/linh-vuc/",
    "linh-vuc": "/linh-vuc/van-hoa-xa-hoi/",
    "chu-de": "/linh-vuc/van-hoa-xa-hoi/tat-ca/",
    "tinh-danh-sach": "/tinh/",
    "tinh": "/tinh/lam-dong/",
    "thong-ke": "/thong-ke/",
    "tim-kiem": "/tim-kiem/?q=me+do+dau&muc=mo-hinh",
    "chuyen-muc-danh-sach": "/chuyen-muc/",
    "tu-khoa-danh-sach": "/tu-khoa/",
    "luu-tru-nam": "/tin-tuc/2024/",
    "mo-hinh-trang-2": "/mo-hinh/trang/2/",
    "van-ban-nha-nuoc": "/van-ban/ke-hoach-45-kh-ubnd-ba-tri-dan-van-chinh-quyen-2022/",
    "tac-gia": "/tac-gia/ban-bien-tap/",
    "du-lieu": "/du-lieu/",
    "khong-tim-thay": "/404.html",
}


def open_page(browser, server, url, width=1280, **context):  # noqa: F811
    # bypass_csp: the test injects axe-core as an inline script, which the site's own policy forbids.
    ctx = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True, **context)
    page = ctx.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(server + url)
    assert response.ok, url
    return ctx, page, requests


def only_local(requests, server):  # noqa: F811
    return [r for r in requests if not r.startswith(server + "/")]


TABS = 4        # pages loading side by side: their waits for an idle network overlap


@pytest.mark.parametrize("width", [375, 1280])
def test_page_has_no_accessibility_violations(browser, server, artifacts, width):  # noqa: F811
    """Every page of PAGES at this width: no axe violation, no sideways scroll, no request leaving the machine.

    One context for all the pages (a fresh one per page cost seconds each), a few tabs loading side by side;
    axe-core is put in each page once, as it loads (an init script: no inline script, so bypass_csp), and run
    once the network is idle, as before. Every page is checked; the failures are reported together."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    ctx.add_init_script(path=str(AXE))
    tabs = [ctx.new_page() for _ in range(TABS)]
    requests = {tab: [] for tab in tabs}
    for tab in tabs:
        tab.on("request", lambda r, seen=requests[tab]: seen.append(r.url))
    failures = {}
    names = list(PAGES)
    for start in range(0, len(names), TABS):
        batch = list(zip(tabs, names[start:start + TABS]))
        for tab, name in batch:
            requests[tab].clear()
            response = tab.goto(server + PAGES[name], wait_until="commit")
            if not response.ok:
                failures[name] = f"{PAGES[name]}: HTTP {response.status}"
        for tab, name in batch:
            if name not in failures:
                tab.wait_for_load_state("networkidle")
                tab.evaluate("() => { window.__axe = axe.run(document, {resultTypes: ['violations']}); }")
        for tab, name in batch:
            if name in failures:
                continue
            result = tab.evaluate("async () => await window.__axe")
            violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            left = only_local(requests[tab], server)
            problems = ([json.dumps(violations, ensure_ascii=False, indent=1)] if violations else []) + \
                ([f"{name} scrolls sideways by {overflow}px at {width}px"] if overflow > 0 else []) + \
                ([f"requests left localhost: {left}"] if left else [])
            if problems:
                failures[name] = problems
            if os.environ.get("DVK_TEST_ARTIFACTS"):       # 56 full-page pictures: a third of the time, on request
                tab.screenshot(path=str(artifacts / f"a11y-{name}-{width}.png"), full_page=True)
    ctx.close()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_everything_reads_at_320px_without_javascript(browser, server):  # noqa: F811
    for name in ("bai-viet", "mo-hinh", "van-ban", "thong-ke"):
        ctx, page, requests = open_page(browser, server, PAGES[name], 320, java_script_enabled=False)
        assert page.locator("h1").first.is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
        ctx.close()


def focus_by_tab(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus: proves it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} never received the focus by keyboard")


def font_scale(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_font_size_control_works_by_keyboard_and_is_remembered(browser, server):  # noqa: F811
    ctx, page, requests = open_page(browser, server, PAGES["bai-viet"], 375)
    normal = font_scale(page)
    focus_by_tab(page, "[data-font-step='1']")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert font_scale(page) == pytest.approx(normal * 1.25)
    assert page.locator("[data-font-status]").inner_text() == "Cỡ chữ 125%"
    assert page.evaluate("localStorage.getItem('dvk-co-chu')") == "1.25"
    # Another page, another visit: the size is kept.
    page.goto(server + PAGES["van-ban"])
    assert font_scale(page) == pytest.approx(normal * 1.25)
    focus_by_tab(page, "[data-font-step='-1']")
    page.keyboard.press("Space")
    assert font_scale(page) == pytest.approx(normal * 1.125)
    focus_by_tab(page, "[data-font-step='0']")
    page.keyboard.press("Enter")
    assert font_scale(page) == pytest.approx(normal)
    assert page.locator("[data-font-step='0']").get_attribute("aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('dvk-co-chu')") is None
    assert only_local(requests, server) == []
    ctx.close()


def test_font_size_control_is_hidden_without_javascript(browser, server):  # noqa: F811
    ctx, page, _ = open_page(browser, server, PAGES["bai-viet"], 375, java_script_enabled=False)
    assert page.locator("[data-font-size]").is_hidden()
    # Issue 15: a build without a site address knows only the page's path, which cannot be shared;
    # without a script to supply the full address the share section stays hidden (test_site_address.py).
    assert page.locator("[data-copy-source]").is_hidden()
    ctx.close()


def expected_count(**want):
    found = 0
    for _, r in records():
        if r.get("draft"):
            continue
        if "field" in want and r["field"] != want["field"]:
            continue
        if "province" in want and resolve(r["province"]).province.slug != want["province"]:
            continue
        found += 1
    return found


def choose_by_keyboard(page, label):
    """Pick the option ``label`` of the focused select with the arrow keys, as a keyboard user does."""
    steps = page.evaluate("""(label) => {
        const s = document.activeElement;
        const i = [...s.options].findIndex(o => o.textContent.trim() === label);
        return i - s.selectedIndex; }""", label)
    assert steps > 0, label
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


def test_catalog_filters_work_instantly_by_keyboard(browser, server, artifacts):  # noqa: F811
    ctx, page, requests = open_page(browser, server, PAGES["mo-hinh"], 1280)
    focus_by_tab(page, "#loc-linh-vuc")
    choose_by_keyboard(page, "Văn hóa - xã hội")
    page.keyboard.press("Tab")
    n = expected_count(field="culture-society")
    status = page.locator(".filters__status")
    status.filter(has_text=f"Tìm thấy {n} mô hình").wait_for()
    assert page.locator("[data-catalog-results] .card").count() == min(n, 24)
    assert "linh-vuc=van-hoa-xa-hoi" in page.url
    # A second filter combines with the first, still without leaving the page.
    choose_by_keyboard(page, "Lâm Đồng")
    page.keyboard.press("Tab")
    n2 = expected_count(field="culture-society", province="lam-dong")
    status.filter(has_text=f"Tìm thấy {n2} mô hình").wait_for()
    titles = page.locator("[data-catalog-results] .card__title").all_inner_texts()
    assert "Mẹ đỡ đầu" in titles and len(titles) == n2
    # The text field narrows by name.
    page.fill("#loc-tu-khoa", "me do dau")
    status.filter(has_text="Tìm thấy 1 mô hình").wait_for()
    assert page.locator("[data-catalog-results] .card__title").all_inner_texts() == ["Mẹ đỡ đầu"]
    # The address keeps the choice: opening it again shows the same result.
    page.goto(page.url)
    status.filter(has_text="Tìm thấy 1 mô hình").wait_for()
    assert only_local(requests, server) == []
    page.screenshot(path=str(artifacts / "loc-mo-hinh-js-1280.png"), full_page=True)
    ctx.close()


def test_catalog_filters_are_links_without_javascript(browser, server):  # noqa: F811
    ctx, page, _ = open_page(browser, server, PAGES["mo-hinh"], 375, java_script_enabled=False)
    focus_by_tab(page, "a[href='/mo-hinh/loai/ca-nhan/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mo-hinh/loai/ca-nhan/")
    assert page.locator("h1").inner_text() == "Loại mô hình: Cá nhân"
    n = sum(1 for _, r in records() if not r.get("draft") and r["kind"] == "individual")
    assert page.locator(".card-grid .card").count() == min(n, 24)
    # The field filter leads to the field's complete listing.
    page.go_back()
    focus_by_tab(page, "a[href='/linh-vuc/kinh-te/tat-ca/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/linh-vuc/kinh-te/tat-ca/")
    assert page.locator(".card-grid .card").count() == min(expected_count(field="economy"), 24)
    ctx.close()


def test_home_search_box_goes_to_the_site_search(browser, server):  # noqa: F811
    # Issue 15: the home page has one search field, the header's, and it searches the whole site
    # (it used to send the query to the catalog, which ignored it without JavaScript).
    ctx, page, requests = open_page(browser, server, "/", 375)
    page.fill("#tim-kiem-nhanh", "Tiết học vùng biên")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert page.locator("h1").first.inner_text() == "Tìm kiếm"
    assert only_local(requests, server) == []
    ctx.close()


def test_print_shows_the_article_alone(browser, server, artifacts):  # noqa: F811
    ctx, page, _ = open_page(browser, server, PAGES["bai-viet"], 1280)
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".share", ".post-nav", "#tin-lien-quan"):
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in ("article.post h1", ".post__lead", ".prose", ".post__author", ".post__source"):
        assert page.locator(shown).first.is_visible(), shown
    page.pdf(path=str(artifacts / "bai-viet-in.pdf"))
    ctx.close()


def first_rows(page, n=3):
    return page.locator("table[data-sortable] tbody tr th").all_inner_texts()[:n]


def test_province_table_sorts_by_keyboard_and_map_links_are_reachable(browser, server):  # noqa: F811
    ctx, page, requests = open_page(browser, server, PAGES["thong-ke"], 1280)
    # Reachable by keyboard: a province symbol on the map, then the sort buttons in the table's headers.
    focus_by_tab(page, "a.vn-map__link[href='/tinh/lam-dong/']", limit=120)
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name.startswith("Lâm Đồng: ") and "mô hình có hồ sơ" in name
    recorded = page.locator("table[data-sortable] thead th").nth(1)
    assert recorded.get_attribute("aria-sort") == "descending"        # the server's order
    focus_by_tab(page, "table[data-sortable] thead th:first-child button", limit=120)
    page.keyboard.press("Enter")
    header = page.locator("table[data-sortable] thead th").first
    assert header.get_attribute("aria-sort") == "ascending" and recorded.get_attribute("aria-sort") is None
    # Issue 15: only provinces with records have rows (the others are one line under the table).
    assert first_rows(page) == ["Bắc Ninh", "Cần Thơ", "Đà Nẵng"]
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    assert first_rows(page, 1) == ["Vĩnh Long"]
    # Recognised models, most first: the counts in that column never go up.
    page.locator("table[data-sortable] thead th").nth(2).locator("button").click()
    values = [int(v.replace(".", "")) for v in page.locator("table[data-sortable] tbody tr td:nth-of-type(2)").all_inner_texts()]
    assert values == sorted(values, reverse=True) and values[0] > 0
    assert page.locator("table[data-sortable] tfoot th").inner_text() == "Cả nước"
    assert only_local(requests, server) == []
    ctx.close()
