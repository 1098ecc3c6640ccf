"""The web editor (/quan-tri/, Decap CMS) in headless Chromium against its local backend.

A temporary copy of content/ and data/ is the "repository"; decap-server (dvk.tools.cms.LocalBackend) writes
into it on 127.0.0.1, and the editor is served as the public build writes it (dvk.site.cms.write_admin) with
the site's own stylesheet beside it. What is checked is what an editor sees and what lands on disk: the file
in the right folder with the values typed, the build's validation accepting it, the Vietnamese refusal of a
bad record. Expected paths and values are written out here by hand.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import struct
import subprocess
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Site, static_server

from dvk.site.build import main as build_main
from dvk.tools import cms

@pytest.fixture(scope="module")
def cms_ready():
    if not cms.installed():
        pytest.fail(f"Decap CMS {cms.DECAP_CMS_VERSION} is not installed in {cms.cache_dir()}: "
                    "run `invoke test` or `invoke cms-install`")


@pytest.fixture(scope="module")
def project(tmp_path_factory, cms_ready):
    """A copy of the repository's content/ and data/: the working copy the local backend edits."""
    root = tmp_path_factory.mktemp("cms") / "repo"
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def backend(project):
    """decap-server on a free port of 127.0.0.1, writing into the copy."""
    with cms.LocalBackend(project) as running:
        yield running


@pytest.fixture(scope="module")
def editor(project, backend, tmp_path_factory):
    """The editor's address: /quan-tri/ written as the build writes it, with the site's stylesheet, served on
    127.0.0.1, talking to the local backend."""
    site = tmp_path_factory.mktemp("cms-site")
    (site / "theme" / "css").mkdir(parents=True)
    shutil.copyfile(ROOT / "theme" / "static" / "css" / "site.css", site / "theme" / "css" / "site.css")
    cms.write_admin(site, project, {}, local_backend=backend.url)
    with static_server(site) as address:
        yield address.replace("127.0.0.1", "localhost") + "/quan-tri/"


@pytest.fixture
def page(browser, editor):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(editor)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Mô hình", exact=True).first.wait_for()
    yield page
    context.close()


def pick(page, label, option):
    """Choose ``option`` in the select list labelled ``label`` (react-select: type, then Enter)."""
    box = field(page, label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def field(page, label):
    """The control labelled ``label`` (an optional field's label goes on with “(không bắt buộc)”)."""
    return page.get_by_label(re.compile("^" + re.escape(label) + r"( \(không bắt buộc\))?$", re.I))


def publish(page):
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()


def publish_and_wait(page):
    """Publish, and wait until the editor says the changes are saved; if it refuses, say what it showed."""
    publish(page)
    try:
        page.get_by_text(re.compile("thay đổi đã được lưu", re.I)).first.wait_for(timeout=30000)
    except Exception:
        shown = page.locator("main li, [role=alert]").all_inner_texts()
        raise AssertionError(f"the editor did not save; it shows: {shown[:20]}") from None


def wait_for_file(path: Path, timeout=30) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size:
            time.sleep(0.2)
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path} was not written")


def validate(root: Path) -> int:
    return build_main(["--check", "--root", str(root)])


def preview_frame(page):
    frame = page.frame_locator("iframe").first
    frame.locator("main#noi-dung").wait_for()
    return frame


# ------------------------------------------------------------------ a new model record


def test_new_record_lands_in_its_province_folder_and_validates(page, project, capsys):
    page.goto(page.url.split("#")[0] + "#/collections/mo-hinh/new")
    field(page, "Tên mô hình").fill("Đội xung kích giữ gìn đường làng")
    pick(page, "Loại mô hình", "Tập thể")
    field(page, "Đơn vị hoặc người thực hiện").fill("Đoàn Thanh niên xã Quảng Tín")
    pick(page, "Lĩnh vực", "Quốc phòng - an ninh")
    pick(page, "Chủ đề", "Quốc phòng - an ninh — An toàn giao thông")
    pick(page, "Tỉnh, thành phố", "Lâm Đồng")
    field(page, "Huyện, xã, phường").fill("Đắk R’Lấp")
    field(page, "Năm công nhận").fill("2024")
    pick(page, "Cấp công nhận", "Cấp tỉnh")
    pick(page, "Tình trạng", "Được công nhận")
    field(page, "Tóm tắt").fill("Đoàn viên thay nhau dọn cỏ, sửa ổ gà trên đường liên thôn mỗi sáng Chủ nhật.")
    # The preview pane shows the record as its page will, with the site's stylesheet.
    frame = preview_frame(page)
    frame.locator("h1", has_text="Đội xung kích giữ gìn đường làng").wait_for()
    assert frame.locator("dl.facts").inner_text().split("\n")[:2] == ["Đơn vị thực hiện", "Đoàn Thanh niên xã Quảng Tín"]
    assert frame.locator("link[href$='theme/css/site.css']").count() == 1
    publish_and_wait(page)

    written = wait_for_file(project / "data" / "models" / "lam-dong" / "doi-xung-kich-giu-gin-duong-lang.yaml")
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == {
        "name": "Đội xung kích giữ gìn đường làng",
        "kind": "collective",
        "owner": "Đoàn Thanh niên xã Quảng Tín",
        "field": "defense-security",
        "topics": ["traffic-safety"],
        "province": "Lâm Đồng",
        "locality": "Đắk R’Lấp",
        "recognized": {"year": 2024, "level": "province"},
        "status": "recognized",
        "summary": "Đoàn viên thay nhau dọn cỏ, sửa ổ gà trên đường liên thôn mỗi sáng Chủ nhật.",
        "featured": False, "illustrative": False, "draft": False,
    }
    assert validate(project) == 0, capsys.readouterr().err
    assert not page.errors


def test_record_with_a_required_field_empty_or_a_wrong_value_is_refused_in_vietnamese(page, project):
    before = sorted(p.relative_to(project).as_posix() for p in (project / "data").rglob("*"))
    page.goto(page.url.split("#")[0] + "#/collections/mo-hinh/new")
    field(page, "Tên mô hình").fill("Mô hình còn thiếu")
    pick(page, "Tỉnh, thành phố", "Huế")
    field(page, "Đơn vị hoặc người thực hiện").fill("   ")        # blank: the validator says “không được để trống”
    field(page, "Năm đăng ký").fill("1800")                      # the validator's range is 1945–2100
    publish(page)
    page.get_by_text("Bạn còn thiếu vài thông tin bắt buộc. Hãy hoàn thành trước khi lưu.").wait_for()
    for message in ("Loại mô hình bắt buộc nhập.", "Lĩnh vực bắt buộc nhập.", "Tình trạng bắt buộc nhập.",
                    "Tóm tắt bắt buộc nhập.",
                    "Đơn vị hoặc người thực hiện không khớp với mẫu: không được để trống.",
                    "Năm đăng ký phải nằm trong khoảng từ 1945 đến 2100."):
        assert page.get_by_text(message, exact=True).count() == 1, (message, page.locator("li").all_text_contents())
    # Optional groups are not forced on the editor: “Công nhận” left empty is no error.
    assert page.get_by_text("Năm công nhận bắt buộc nhập.").count() == 0
    page.wait_for_timeout(500)
    assert sorted(p.relative_to(project).as_posix() for p in (project / "data").rglob("*")) == before


def png(width=40, height=30) -> bytes:
    """A small valid PNG (solid colour), made here so that no binary test file is needed."""
    row = b"\x00" + b"\x1f\x6f\xb4" * width
    raw = zlib.compress(row * height)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def test_edit_a_post_and_upload_an_image(page, project, tmp_path):
    picture = tmp_path / "to-dan-van-ap.png"
    picture.write_bytes(png())
    post = project / "content" / "tin-tuc" / "ben-tre-ba-tri-to-dan-van-ap.md"
    body_before = post.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    page.goto(page.url.split("#")[0] + "#/collections/tin-tuc/entries/ben-tre-ba-tri-to-dan-van-ap")
    field(page, "Tóm tắt").fill("Xã An Đức ra mắt tổ dân vận ở cả chín ấp.")
    field(page, "Tác giả").fill("Minh Anh")          # typed, then cleared: an empty optional key is not written
    field(page, "Tác giả").fill("")
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(str(picture))
    page.get_by_text("to-dan-van-ap.png").wait_for()
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    field(page, "Mô tả ảnh").fill("Tổ dân vận ấp đến thăm một gia đình")
    # A second picture, put at the end of the body with the editor's “Ảnh” component.
    inline = tmp_path / "anh-trong-bai.png"
    inline.write_bytes(png(20, 20))
    page.locator("[data-slate-editor]").first.click()
    at_end = """() => {      // the caret in the body editor, with no text after it
        const editor = document.querySelector('[data-slate-editor]'), sel = getSelection();
        if (!sel.rangeCount || !editor.contains(sel.anchorNode)) return false;
        const after = document.createRange();
        after.selectNodeContents(editor);
        after.setStart(sel.anchorNode, sel.anchorOffset);
        return after.toString().trim() === '';
    }"""
    for _ in range(10):     # a busy machine may take the key before the editor has the focus: until it holds
        page.keyboard.press("Control+End")
        if page.evaluate(at_end):
            break
        page.wait_for_timeout(200)
    assert page.evaluate(at_end)
    # The body editor's toolbar speaks Vietnamese too (phrases Decap's own "vi" lacks: dvk-cms.js adds them).
    assert page.locator("button[title='In đậm']").count() >= 1 and page.locator("button[title='Bold']").count() == 0
    image_item = page.get_by_role("menuitem", name="Ảnh", exact=True)
    texts = None
    for _ in range(5):      # a busy machine may let the menu close before it is read or clicked: open it again
        page.locator("button[title='Thêm thành phần']").click()
        try:
            image_item.wait_for(timeout=5000)
            texts = sorted(page.get_by_role("menuitem").all_inner_texts())
            image_item.click(timeout=3000)
            break
        except Exception:
            page.keyboard.press("Escape")
    assert texts == ["Khối mã", "Ảnh"]    # no English left
    page.get_by_role("button", name="Chọn một hình").last.click()
    page.locator("input[type=file]").set_input_files(str(inline))
    page.get_by_text("anh-trong-bai.png").wait_for()
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    frame = preview_frame(page)                # the post's preview, with the site's stylesheet
    frame.locator("h1", has_text="Xã An Đức (Ba Tri) ra mắt các tổ dân vận ấp").wait_for()
    assert frame.locator(".post__lead").inner_text() == "Xã An Đức ra mắt tổ dân vận ở cả chín ấp."
    assert frame.locator("link[href$='theme/css/site.css']").count() == 1
    # The body's picture is in the entry once the preview shows it: published before, it may be left out.
    frame.locator(".prose img").first.wait_for(timeout=15000)
    publish_and_wait(page)

    image = wait_for_file(project / "content" / "images" / "to-dan-van-ap.png")
    assert image.read_bytes() == picture.read_bytes()
    deadline = time.monotonic() + 15
    # decap-server writes in place (no rename): wait until the file's end, the body's picture, is there.
    while "anh-trong-bai.png)" not in post.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.1)
    text = post.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert meta["summary"] == "Xã An Đức ra mắt tổ dân vận ở cả chín ấp."
    assert meta["image"] == "images/to-dan-van-ap.png"
    assert meta["image_alt"] == "Tổ dân vận ấp đến thăm một gia đình"
    assert meta["title"] == "Xã An Đức (Ba Tri) ra mắt các tổ dân vận ấp"
    assert str(meta["date"]) in ("2024-04-18 14:00", "2024-04-18 14:00:00")
    assert meta["tags"] == ["Bến Tre", "Ba Tri", "tổ dân vận", "hòa giải ở cơ sở"]
    assert "author" not in meta
    assert body.strip() == body_before.strip() + "\n\n![]({static}/images/anh-trong-bai.png)"
    assert (project / "content" / "images" / "anh-trong-bai.png").read_bytes() == inline.read_bytes()
    assert validate(project) == 0
    assert not page.errors


def test_document_preview_looks_like_its_page_and_shows_typed_markup_as_text(page):
    page.goto(page.url.split("#")[0] + "#/collections/van-ban/entries/cong-van-374-cv-hu-trieu-phong")
    frame = preview_frame(page)
    header = frame.locator("header.doc-header")
    header.wait_for()
    assert header.locator(".doc-header__body").inner_text() == "HUYỆN ỦY TRIỆU PHONG"
    assert header.locator(".doc-header__number").inner_text() == "Số 374-CV/HU"
    assert header.locator(".doc-header__motto").inner_text() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert frame.locator(".doc-signature__name").inner_text() == "Phan Văn Linh"
    assert frame.locator("link[href$='theme/css/site.css']").count() == 1
    # Text typed into a field is shown as text, never run as markup.
    field(page, "Trích yếu").fill('<img src=x onerror="document.title=1">đẩy mạnh phong trào')
    subject = header.locator(".doc-header__subject")
    subject.filter(has_text="đẩy mạnh phong trào").wait_for()
    assert subject.inner_text() == 'V/v <img src=x onerror="document.title=1">đẩy mạnh phong trào'
    assert frame.locator("header img").count() == 0
    assert not page.errors


# ------------------------------------------------------------------ the local backend and `invoke serve --cms`


def api(backend, action, params):
    request = urllib.request.Request(backend.url, data=json.dumps({"action": action, "params": params}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP port is listened on, read from /proc/net/tcp and tcp6 (state 0A: LISTEN)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_local_backend_listens_on_loopback_only_and_writes_only_inside_the_copy(backend, project, tmp_path):
    assert listening_addresses(backend.port) == {"0100007F"}          # 127.0.0.1, nothing else
    # A page elsewhere whose name was made to point at 127.0.0.1 (DNS rebinding) is refused.
    for host in (f"nguoi-la.example:{backend.port}", "127.0.0.1.nguoi-la.example", f"localhost:{backend.port + 1}"):
        request = urllib.request.Request(backend.url, data=b'{"action": "info"}', method="POST",
                                         headers={"Content-Type": "application/json", "Host": host})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403, host
    assert api(backend, "info", {})[0] == 200
    content = base64.b64encode(b"x").decode()
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (project / "content" / "images" / "lien-ket").symlink_to(outside)
    try:
        for path in ("../thoat-ra.txt", "content/../../thoat-ra.txt", str(tmp_path / "tuyet-doi.txt"),
                     "content/images/lien-ket/qua-lien-ket.txt"):
            status, _ = api(backend, "persistMedia", {"branch": "main", "asset": {"path": path, "content": content,
                            "encoding": "base64"}, "options": {"commitMessage": "thử"}})
            assert status in (422, 500), path
        assert list(outside.iterdir()) == []
        assert not (project.parent / "thoat-ra.txt").exists() and not (tmp_path / "tuyet-doi.txt").exists()
        status, _ = api(backend, "persistMedia", {"branch": "main", "asset": {"path": "content/images/trong.txt",
                        "content": content, "encoding": "base64"}, "options": {"commitMessage": "thử"}})
        assert status == 200 and (project / "content" / "images" / "trong.txt").read_bytes() == b"x"
    finally:
        (project / "content" / "images" / "lien-ket").unlink()
        (project / "content" / "images" / "trong.txt").unlink(missing_ok=True)


def test_serve_cms_serves_the_editor_against_the_working_copy(tmp_path, cms_ready):
    from dvk.tools.devserver import DevServer
    site = Site(tmp_path / "site")
    site.model("me-do-dau")
    dev = DevServer(site.root, tmp_path / "preview", settings_file=ROOT / "pelican.conf.py", port=0, cms=True,
                    watch=[site.root / "content"], log=lambda *a: None).start()
    try:
        base = f"http://127.0.0.1:{dev.port}"
        with urllib.request.urlopen(base + "/quan-tri/") as response:
            page = response.read().decode()
        assert "<title>Soạn bài — Dân vận khéo</title>" in page
        with urllib.request.urlopen(base + "/quan-tri/config.yml") as response:
            config = yaml.safe_load(response.read())
            assert response.headers["Content-Type"] == "text/yaml; charset=utf-8"
        assert config["local_backend"]["url"] == f"http://127.0.0.1:{dev.cms_backend.port}/api/v1"
        assert config["publish_mode"] == "simple"
        assert listening_addresses(dev.cms_backend.port) == {"0100007F"}
        for bad in ("/quan-tri/..%2fpublish.yaml", "/quan-tri/.an", "/quan-tri/khong-co.js"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + bad)
            assert refused.value.code == 404, bad
        status, _ = api(dev.cms_backend, "persistEntry", {
            "branch": "main", "entry": {"slug": "hue/tre", "path": "data/models/hue/tre.yaml",
                                        "raw": "name: Tre\n"}, "assets": [],
            "options": {"collectionName": "mo-hinh", "commitMessage": "thử", "useWorkflow": False, "status": "draft"}})
        assert status == 200 and (site.root / "data" / "models" / "hue" / "tre.yaml").read_text() == "name: Tre\n", _
    finally:
        dev.stop()
    assert dev.cms_backend.process.poll() is not None
    assert not dev.cms_dir.exists()


# ------------------------------------------------------------------ the editorial workflow


@pytest.fixture(scope="module")
def git_editor(tmp_path_factory, cms_ready):
    """A git repository copy with the editorial workflow: decap-server in git mode keeps each entry on a
    cms/<collection>/<slug> branch until it is published, as GitHub, GitLab and Forgejo keep a pull request."""
    repo = tmp_path_factory.mktemp("cms-git") / "repo"
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, repo / folder)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout
    git("init", "-q", "-b", "main")
    git("config", "user.name", "Biên tập viên")
    git("config", "user.email", "bien-tap@example.vn")
    git("config", "commit.gpgsign", "false")
    git("add", "-A")
    git("commit", "-q", "-m", "Nội dung ban đầu")
    site = tmp_path_factory.mktemp("cms-git-site")
    with cms.LocalBackend(repo, mode="git") as backend:
        cms.write_admin(site, repo, {"publish_mode": "editorial_workflow"}, local_backend=backend.url)
        with static_server(site) as address:
            yield address.replace("127.0.0.1", "localhost") + "/quan-tri/", repo, git


def test_editorial_workflow_keeps_a_post_on_its_branch_until_it_is_published(browser, git_editor, capsys):
    address, repo, git = git_editor
    name = "content/tin-tuc/ban-dan-van-huyen-ra-quan-thang-dan-van.md"
    branch = "cms/tin-tuc/ban-dan-van-huyen-ra-quan-thang-dan-van"
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())            # “Bạn có chắc rằng bạn muốn công khai bài này?”
    page.goto(address)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tin tức", exact=True).first.wait_for()
    page.goto(address + "#/collections/tin-tuc/new")
    field(page, "Tiêu đề").fill("Ban Dân vận huyện ra quân tháng dân vận")
    page.get_by_text("Ngay lúc này", exact=True).first.click()
    field(page, "Chuyên mục").fill("Hoạt động Ban Dân vận")
    field(page, "Tóm tắt").fill("Các chi bộ, đoàn thể cùng ra quân giúp dân sửa đường, dọn kênh.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Trạng: Bản nháp").wait_for()

    # Saved as a draft: on its own branch, not on main (on GitHub, GitLab, Forgejo: a pull request).
    assert git("branch", "--list", "cms/*").split() == [branch]
    assert name not in git("ls-tree", "-r", "--name-only", "main").split()
    assert "summary: Các chi bộ, đoàn thể cùng ra quân giúp dân sửa đường, dọn kênh." in git("show", f"{branch}:{name}")

    page.get_by_text("Trạng: Bản nháp").click()
    page.get_by_text("Sẵn sàng", exact=True).last.click()
    page.get_by_text("Trạng: Sẵn sàng").wait_for()
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()
    def published():      # decap-server merges the branch into main, then deletes it
        return name in git("ls-tree", "-r", "--name-only", "main").split() and not git("branch", "--list", "cms/*")
    deadline = time.monotonic() + 20
    while not published() and time.monotonic() < deadline:
        time.sleep(0.2)
    # Published: merged into main, the branch gone, and the build's validation accepts it.
    assert name in git("ls-tree", "-r", "--name-only", "main").split()
    assert git("branch", "--list", "cms/*").split() == []
    assert git("rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    meta = yaml.safe_load(git("show", f"main:{name}").split("---\n")[1])
    assert (meta["title"], meta["category"]) == ("Ban Dân vận huyện ra quân tháng dân vận", "Hoạt động Ban Dân vận")
    assert validate(repo) == 0, capsys.readouterr().err
    context.close()

