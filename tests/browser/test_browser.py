"""The demo site in headless Chromium (Debian's package, driven by Playwright), as a phone and a desktop see it."""
import pytest


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("url, heading", [
    ("/", "Phong trào thi đua “Dân vận khéo”"),
    ("/mo-hinh/me-do-dau/", "Mẹ đỡ đầu"),
    ("/tinh/lam-dong/", "Tỉnh Lâm Đồng"),
    ("/thong-ke/", "Thống kê toàn quốc"),
])
def test_pages_render_on_phone_and_desktop_without_leaving_localhost(server, browser, artifacts, width, url, heading):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + url)
    assert page.locator("h1").first.inner_text() == heading
    assert page.locator("nav[aria-label='Điều hướng chính'] a").count() >= 6
    # Nothing wider than the screen: readable on a phone without sideways scrolling.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
    assert all(r.startswith(server) for r in requests), [r for r in requests if not r.startswith(server)]
    page.screenshot(path=str(artifacts / f"{url.strip('/').replace('/', '_') or 'home'}-{width}.png"), full_page=True)
    page.close()
