"""The hostile corpus (tests/hostile.py) built and opened page by page in headless Chromium.

No payload may run (``__pwn`` is never called), no request may leave the local server, and a field shown
as text must read literally, payload and all.
"""
import html
from pathlib import Path

import pytest

from conftest import ROOT, static_server
from hostile import literal, write_hostile_site

from dvk.site.build import build

RECORDER = """
window.__pwned = [];
window.__pwn = function (what) { window.__pwned.push(String(what)); };
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = write_hostile_site(tmp_path_factory.mktemp("hostile") / "site")
    build(root, root / "output", settings_file=ROOT / "pelican.conf.py")
    return root / "output"


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with static_server(hostile_site) as address:
        yield address


@pytest.fixture(scope="module")
def visit(browser, hostile_server):  # noqa: F811
    context = browser.new_context()
    context.add_init_script(RECORDER)
    left_host = []

    def guard(route):
        if route.request.url.startswith(hostile_server):
            route.continue_()
        else:
            left_host.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    page = context.new_page()
    ran = []
    page.on("dialog", lambda d: (ran.append(f"dialog: {d.message}"), d.dismiss()))

    def open_(url):
        page.goto(hostile_server + url)
        page.wait_for_load_state("networkidle")
        return page
    open_.left_host, open_.ran, open_.context, open_.base = left_host, ran, context, hostile_server
    yield open_
    context.close()


def pwned_on(context, base, urls, ran=None, tabs=6, until="networkidle"):
    """Open every page in ``context`` a few tabs at a time, each until its network is idle as ``visit`` does
    (or until ``until``; the tabs wait together, not one after the other); return {url: the payloads that ran on it}.
    A dialog a page opens is recorded in ``ran``, if given, and dismissed."""
    pages = [context.new_page() for _ in range(min(tabs, len(urls)))]
    if ran is not None:
        for page in pages:
            page.on("dialog", lambda d: (ran.append(f"dialog: {d.message}"), d.dismiss()))
    found = {}
    try:
        for start in range(0, len(urls), len(pages)):
            batch = list(zip(pages, urls[start:start + len(pages)]))
            for page, url in batch:
                page.goto(base + url, wait_until="commit")
            for page, url in batch:
                page.wait_for_load_state(until)
                pwned = page.evaluate("window.__pwned")
                if pwned:
                    found[url] = pwned
    finally:
        for page in pages:
            page.close()
    return found


def all_pages(output: Path) -> list[str]:
    return sorted("/" + p.relative_to(output).parent.as_posix().replace(".", "").strip("/") + "/"
                  for p in output.rglob("index.html"))


def test_no_payload_runs_and_no_request_leaves_the_host_on_any_page(hostile_site, visit):
    urls = [u.replace("//", "/") for u in all_pages(hostile_site)]
    assert len(urls) > 40, urls     # every listing, archive, taxonomy and record page of the hostile site
    ran_on = pwned_on(visit.context, visit.base, urls, visit.ran)
    assert ran_on == {}
    assert visit.ran == []
    assert visit.left_host == []


def test_catalog_and_search_render_hostile_records_as_text(visit):
    page = visit("/mo-hinh/")
    box = page.locator("#loc-tu-khoa, input[type=search]").first
    box.fill("PWN")
    page.wait_for_timeout(300)
    assert literal("name") in page.inner_text("main")
    page = visit("/tim-kiem/?q=PWN")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__pwned") == []
    assert visit.left_host == []


@pytest.mark.parametrize("url, fields", [
    ("/mo-hinh/mo-hinh-doc/", ["name", "owner", "summary", "locality", "results.label", "results.unit",
                               "sources.title", "field.name", "topic.name"]),
    ("/tin-tuc/bai-doc/", ["post.title", "post.category", "post.tag", "post.author", "post.summary", "post.source"]),
    ("/van-ban/van-ban-doc/", ["doc.issuer", "doc.parent", "doc.place", "doc.subject", "doc.recipients",
                               "doc.cc", "doc.signer", "doc.signer_role", "doc.on_behalf"]),
    ("/trang/gioi-thieu/", ["page.title"]),
    ("/tinh/lam-dong/", ["report.title", "report.note", "report.source"]),
    ("/linh-vuc/kinh-te/", ["field.name", "field.description", "topic.name"]),
    ("/thong-ke/", ["field.name"]),
    ("/mo-hinh/", ["name", "owner", "field.name"]),
    ("/", ["post.title", "post.summary"]),
])
def test_fields_are_shown_literally(visit, url, fields):
    text = visit(url).evaluate("document.body.textContent")   # as written (CSS may upper-case a header)
    missing = [f for f in fields if literal(f).upper() not in text.upper()]   # headers print some in capitals
    assert missing == []


def test_markdown_keeps_its_text_and_loses_its_scripts(visit):
    page = visit("/tin-tuc/bai-doc/")
    prose = page.inner_text(".prose")
    assert "Đoạn cuối vẫn phải hiện ra: CÒN NGUYÊN." in prose
    assert "liên kết lạ" in prose and "khối có kiểu" in prose
    html = page.inner_html(".prose")
    for forbidden in ("<script", "onerror", "onclick", "onmouseover", "<iframe", "<object",
                      "<form", "<svg", "style=", "evil.example"):
        assert forbidden not in html.lower(), forbidden
    # A javascript: address may stay as text (CommonMark keeps a Markdown link inside a raw HTML block as
    # text), never in an attribute.
    addresses = page.eval_on_selector_all(".prose [href], .prose [src]",
                                          "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))")
    assert not [a for a in addresses if "javascript" in a.lower()], addresses


def test_every_page_carries_the_content_security_policy(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    policy = ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
              "script-src 'self' 'sha256-")
    without = [p for p in pages if policy not in html.unescape(p.read_text(encoding="utf-8"))]
    assert pages and without == []


def test_feeds_carry_hostile_text_as_text(hostile_site):
    """Atom's <summary type="html"> and <title> are read as markup by feed readers: payloads arrive escaped."""
    from xml.etree import ElementTree
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feeds = list((hostile_site / "feeds").rglob("*.atom.xml"))
    assert feeds
    for feed in feeds:
        root = ElementTree.parse(feed).getroot()
        for entry in root.findall("a:entry", ns):
            summary = entry.find("a:summary", ns).text
            assert "PWN[post.summary]" in summary and "<svg" not in summary and "&lt;svg" in summary, feed
            content = entry.find("a:content", ns).text
            assert "<script" not in content and "onerror" not in content, feed


BULLETIN = """Cổng thông tin điện tử <script>__pwn('bulletin-portal')</script>
Trang chủ > Tin tức > Hoạt động
Ban Dân vận biểu dương mô hình <img src=x onerror=__pwn('bulletin-title')> “Dân vận khéo” năm 2024
(09:40 | 22/07/2024)
Sáng 22/7, Ban Dân vận Tỉnh ủy tổ chức hội nghị biểu dương các mô hình <svg onload=__pwn('bulletin-lead')> tiêu biểu.
Hội nghị ghi nhận nhiều cách làm hay <iframe src="https://evil.example/frame"></iframe> ở cơ sở, xem [chi tiết](javascript:__pwn('bulletin-link')).
Các đại biểu <b onmouseover="__pwn('bulletin-para')">thảo luận</b> về việc nhân rộng mô hình trong năm tới.
Ảnh: Quang cảnh hội nghị <img src=x onerror=__pwn('bulletin-caption')>
Minh Anh <script>__pwn('bulletin-author')</script>
Nguồn: Báo <svg onload=__pwn('bulletin-source')>
"""

SHEET = ("Tên mô hình,Đơn vị/Cá nhân,Tập thể/Cá nhân,Lĩnh vực,Tỉnh/Thành phố,Địa bàn,Năm công nhận,Cấp công nhận,Nội dung\n"
         "\"Mô hình <img src=x onerror=__pwn('sheet-name')>\",\"Xã <svg onload=__pwn('sheet-owner')>\",Tập thể,Kinh tế,"
         "Đắk Nông,\"Thôn <script>__pwn('sheet-locality')</script>\",2023,Cấp tỉnh,"
         "\"Người dân góp đất làm đường <iframe src=https://evil.example/x></iframe>. "
         "Mỗi hộ <b onclick=__pwn('sheet-summary')>góp công</b>.\"\n")


def test_imported_bulletin_and_sheet_cannot_run_anything(tmp_path, browser):  # noqa: F811
    """What the importers copy in from other portals and committees' spreadsheets is escaped or sanitised
    on the built site like anything an editor writes."""
    import os
    import subprocess
    import sys
    root = tmp_path / "site"
    (root / "content" / "tin-tuc").mkdir(parents=True)
    (root / "data" / "models").mkdir(parents=True)
    (root / "data" / "fields.yaml").write_text((ROOT / "data" / "fields.yaml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    (tmp_path / "ban-tin.txt").write_text(BULLETIN, encoding="utf-8")
    (tmp_path / "danh-sach.csv").write_text(SHEET, encoding="utf-8")
    env = {**os.environ, "DVK_PROJECT": str(root)}
    commands = (["import-bulletin", str(tmp_path / "ban-tin.txt")], ["import-models", str(tmp_path / "danh-sach.csv")])
    procs = [subprocess.Popen([sys.executable, "-m", "invoke", "-r", str(ROOT)] + command, env=env,   # side by side:
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)            # separate files
             for command in commands]
    for proc in procs:
        out, err = proc.communicate()
        assert "Traceback" not in err + out, err
    imported = [p for p in root.rglob("*") if p.suffix in (".md", ".yaml") and p.name != "fields.yaml"]
    assert len(imported) == 2, imported
    build(root, root / "output", settings_file=ROOT / "pelican.conf.py", preview=True)
    output = root / "output"
    pages = ["/" + p.relative_to(output).parent.as_posix() + "/" for p in output.rglob("index.html")
             if p.parent.name not in ("tim-kiem",)]
    with static_server(output) as base:
        ran, left, text = visit_all(browser, base, pages)
    assert ran == {} and left == []
    assert "Ban Dân vận biểu dương mô hình" in text and "Các đại biểu" in text


def visit_all(browser, base, pages):  # noqa: F811
    """Open every page with the payload recorder; (pages where a payload ran, requests that left the host,
    the text of the imported post)."""
    context = browser.new_context()
    context.add_init_script(RECORDER)
    left = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else (left.append(r.request.url), r.abort()))
    page = context.new_page()
    try:
        ran = pwned_on(context, base, [url.replace("/./", "/") for url in pages], until="load")
        post = next(u for u in pages if u.startswith("/tin-tuc/") and u.count("/") == 3
                    and not u.split("/")[2].isdigit() and u.split("/")[2] not in ("luu-tru", "trang"))
        page.goto(base + post)
        text = page.evaluate("document.body.textContent")
    finally:
        context.close()
    return ran, left, text
