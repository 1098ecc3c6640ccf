"""invoke serve: the preview rebuilds after a change, reloads the open page, and shows problems on the page."""
from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, Site
from dvk.tools.devserver import DevServer

WAIT = 60          # seconds: a rebuild of a small site (under 2 s here; a new build process after a code edit)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(check, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"after {WAIT} s: {what}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("serve") / "site")
    site.model("me-do-dau")
    site.post("tin-dau", title="Tin đầu tiên", slug="tin-dau")
    site.post("tin-nhap", title="Tin còn nháp", slug="tin-nhap", status="draft")
    site.post("tin-trinh-duyet", title="Tiêu đề trước khi sửa", slug="tin-trinh-duyet")
    dev = DevServer(site.root, site.root / "preview", settings_file=ROOT / "pelican.conf.py", port=0,
                    watch=[site.root / "content", site.root / "data"], log=lambda *a: None).start()
    yield site, dev, f"http://127.0.0.1:{dev.port}"
    dev.stop()


def test_serves_the_preview_with_drafts_and_the_reload_script(served):
    site, dev, base = served
    status, page = fetch(base + "/tin-tuc/tin-dau/")
    assert status == 200 and "Tin đầu tiên" in page
    assert f'<script src="/__dvk/livereload.js" data-dvk-version="{dev.state.version}"></script></body>' in page
    status, draft = fetch(base + "/tin-tuc/tin-nhap/")
    assert status == 200 and "Bản nháp — chưa đăng" in draft
    status, script = fetch(base + "/__dvk/livereload.js")
    assert status == 200 and "EventSource" in script
    # The built files themselves carry no dev-server script.
    assert "__dvk" not in (dev.output / "tin-tuc" / "tin-dau" / "index.html").read_text(encoding="utf-8")
    status, missing = fetch(base + "/khong-co-trang-nay/")
    assert status == 404


def test_rebuilds_after_a_change_and_shows_problems_on_the_page(served):
    site, dev, base = served
    site.post("tin-dau", title="Tin đầu tiên, đã sửa", slug="tin-dau")
    wait_for(lambda: "Tin đầu tiên, đã sửa" in fetch(base + "/tin-tuc/tin-dau/")[1], "the edited title never showed")

    site.model("me-do-dau", field="culture")        # a mistake: not a field id
    def shows_problem():
        page = fetch(base + "/mo-hinh/me-do-dau/")[1]
        return page if "dvk-loi" in page else None
    page = wait_for(shows_problem, "the problem never showed on the page")
    assert "Chưa dựng lại được trang: tìm thấy 1 lỗi trong 1 tệp" in page
    assert "data/models/me-do-dau.yaml:4</code> — trường “field”: giá trị “culture” không hợp lệ" in page
    assert "<h1>Mẹ đỡ đầu</h1>" in page             # the last good build is still served underneath
    status, listing = fetch(base + "/__dvk/loi/")
    assert "giá trị “culture” không hợp lệ" in listing

    site.model("me-do-dau")                          # fixed
    wait_for(lambda: "dvk-loi" not in fetch(base + "/mo-hinh/me-do-dau/")[1], "the problem never went away")
    assert dev.state.ok is True


def test_an_open_page_reloads_itself_after_a_change(served, browser):
    site, dev, base = served
    page = browser.new_page()
    page.goto(base + "/tin-tuc/tin-trinh-duyet/")
    assert page.locator("h1").inner_text() == "Tiêu đề trước khi sửa"
    page.evaluate("window.notReloaded = true")
    site.post("tin-trinh-duyet", title="Tiêu đề sau khi sửa", slug="tin-trinh-duyet")
    page.wait_for_function("() => (document.querySelector('h1') || {}).innerText === 'Tiêu đề sau khi sửa'",   # mid-reload: no h1 yet
                           timeout=WAIT * 1000)
    assert page.evaluate("window.notReloaded === undefined")    # a real reload, not a patched page
    page.close()


def test_a_change_to_the_theme_rebuilds_the_preview(tmp_path):
    """The theme is watched too: a copy of it, named by a settings file of the test's own."""
    import shutil
    site = Site(tmp_path / "site")
    site.model("me-do-dau")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "pelican.conf.py"
    settings.write_text(f"import runpy\nglobals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelican.conf.py')!r})"
                        f".items() if k.isupper()}})\nTHEME = {str(theme)!r}\n", encoding="utf-8")
    dev = DevServer(site.root, site.root / "preview", settings_file=settings, port=0, watch=[theme],
                    log=lambda *a: None).start()
    try:
        base = f"http://127.0.0.1:{dev.port}"
        assert "Theo dõi tin mới (Atom)" in fetch(base + "/mo-hinh/me-do-dau/")[1]
        base_html = theme / "templates" / "base.html"
        base_html.write_text(base_html.read_text(encoding="utf-8").replace("Theo dõi tin mới (Atom)", "Nhận tin mới qua Atom"),
                             encoding="utf-8")
        wait_for(lambda: "Nhận tin mới qua Atom" in fetch(base + "/mo-hinh/me-do-dau/")[1], "the theme edit never showed")
    finally:
        dev.stop()


@pytest.mark.parametrize("host, expected", [
    ("localhost:{port}", 200), ("127.0.0.1:{port}", 200), ("[::1]:{port}", 200), ("localhost", 200),
    ("evil.example", 403), ("evil.example:{port}", 403), ("localhost.evil.example:{port}", 403),
    ("127.0.0.1:1", 403), ("", 403),
])
def test_the_preview_answers_only_to_its_own_host_names(served, host, expected):
    """DNS rebinding: a page on another site, its name pointed at 127.0.0.1, must not read the drafts."""
    import http.client
    site, dev, base = served
    conn = http.client.HTTPConnection("127.0.0.1", dev.port, timeout=10)
    conn.putrequest("GET", "/tin-tuc/tin-nhap/", skip_host=True)
    if host:
        conn.putheader("Host", host.format(port=dev.port))
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8")
    conn.close()
    assert response.status == expected
    if expected == 403:
        assert "Tin còn nháp" not in body and "chỉ mở được tại http://localhost" in body
    else:
        assert "Tin còn nháp" in body


def test_the_build_process_stays_and_a_change_to_the_sites_code_starts_a_new_one(served):
    site, dev, base = served
    first = dev.worker.proc.pid
    post = site.root / "content" / "tin-tuc" / "tin-dau.md"
    dev.rebuild(["content/tin-tuc/tin-dau.md"], [str(post)])
    assert dev.state.ok is True and dev.worker.proc.pid == first
    code = ROOT / "plugins" / "dvk" / "site" / "showcase.py"     # named as saved; the file is not changed
    dev.rebuild(["plugins/dvk/site/showcase.py"], [str(code)])
    assert dev.state.ok is True and dev.worker.proc.pid != first
    dev.worker.proc.kill()                                        # gone between two saves: started again
    dev.worker.proc.wait()
    dev.rebuild(["content/tin-tuc/tin-dau.md"], [str(post)])
    assert dev.state.ok is True
    assert fetch(base + "/tin-tuc/tin-dau/")[0] == 200


def test_a_build_process_that_dies_mid_build_is_reported(tmp_path):
    import sys
    from dvk.tools.devserver import BuildWorker
    worker = BuildWorker(tmp_path, tmp_path / "preview", None, None, None)
    worker.args = [sys.executable, "-c", "import sys; sys.stdin.readline(); "
                   "print('MemoryError: hết bộ nhớ', file=sys.stderr); sys.exit(3)"]
    outcomes = list(worker.build([]))
    assert len(outcomes) == 1 and outcomes[0]["ok"] is False
    assert outcomes[0]["error"] == "Tiến trình dựng trang dừng bất thường (mã 3):\nMemoryError: hết bộ nhớ"
    assert worker.proc is None


def test_the_fix_of_a_record_reported_at_once_reloads_the_page_at_once(tmp_path):
    """The notice of a failed build goes with the quick page of the fix when every problem it listed was in
    the files just saved; a problem in another file keeps it until the rebuild."""
    dev = DevServer(tmp_path, tmp_path / "preview", port=0, log=lambda *a: None)
    problem = {"path": "data/models/me-do-dau.yaml", "line": 6, "field": "province", "message": "…", "text": "…"}
    dev.state.ok, dev.state.problems, dev.state.version = False, [problem], 4
    dev._quick({"ok": True, "quick": ["mo-hinh/me-do-dau/"]}, ["data/models/me-do-dau.yaml"])
    assert (dev.state.ok, dev.state.problems, dev.state.building, dev.state.version) == (True, [], True, 5)
    assert dev.state.quick == ["mo-hinh/me-do-dau/"]
    other = {**problem, "path": "data/models/nha-nhan-ai.yaml"}
    dev.state.ok, dev.state.problems = False, [problem, other]
    dev._quick({"ok": True, "quick": ["mo-hinh/me-do-dau/"]}, ["data/models/me-do-dau.yaml"])
    assert (dev.state.ok, dev.state.problems, dev.state.version) == (False, [problem, other], 5)
