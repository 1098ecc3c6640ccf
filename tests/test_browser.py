"""The demo site in headless Chromium (Debian's package, driven by Playwright), as a phone and a desktop see it."""
import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def static_server(directory):
    """A built site served on 127.0.0.1 (a free port), as a static host would; yields its address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(demo_output):
    with static_server(demo_output) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `invoke test`, which installs it")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("url, heading", [
    ("/", "Phong trào thi đua “Dân vận khéo”"),
    ("/mo-hinh/me-do-dau/", "Mẹ đỡ đầu"),
    ("/tinh/lam-dong/", "Tỉnh Lâm Đồng"),
    ("/thong-ke/", "Thống kê toàn quốc"),
])
def test_pages_render_on_phone_and_desktop_without_leaving_localhost(server, browser, width, url, heading):
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
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{url.strip('/').replace('/', '_') or 'home'}-{width}.png"), full_page=True)
    page.close()
