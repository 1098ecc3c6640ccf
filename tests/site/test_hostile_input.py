"""Hostile files through `invoke validate` and `invoke build`: every path, file type and YAML shape that
could reach outside the repository, publish something unchecked or crash the validator.

Each case: exit code 1, the exact Vietnamese message with file (and line, where there is one), no
traceback, and the previous output/ byte for byte.
"""
import json
import marshal
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from dvk.site.build import main
from test_bad_input_cli import model_text

M = "data/models/xau.yaml"
POST = "content/tin-tuc/bai.md"
FRONT = "---\ntitle: Bài\ndate: 2024-07-22 09:40\ncategory: Tin\nsummary: Tóm tắt.\n"
DOC = ("---\nnumber: 1-CV/HU\ndoc_type: Công văn\nissuer: Huyện ủy\nplace: Triệu Phong\ndate: 2019-07-30\n"
       "subject: việc\nrecipients: [Các chi bộ]\nsigner: A\nsigner_role: Bí thư\nsystem: party\n")
SVG_OK = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def write(site, rel, text):
    return site.write(rel, text)


def outside_file(site):
    secret = site.root.parent / "bi-mat.jpg"
    secret.write_bytes(b"not for publishing")
    return secret


CASES = {
    # ---- YAML shapes
    "nested list in topics": (lambda s: write(s, M, model_text(topics=[["a"]])),
                              f"{M}:9 — trường “topics[0]”: cần một đoạn văn bản, nhưng nhận được một danh sách"),
    "list as field": (lambda s: write(s, M, model_text(field=["economy"])),
                      f"{M}:4 — trường “field”: giá trị một danh sách không hợp lệ"),
    "deep nesting": (lambda s: write(s, M, model_text() + "results: " + "[" * 3000 + "]" * 3000 + "\n"),
                     f"{M}:1 — các giá trị lồng nhau quá sâu"),
    "alias bomb": (lambda s: write(s, M, model_text() + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))),
                   f"{M}:1 — tệp dùng bí danh YAML (“&tên” rồi “*tên”)"),
    "huge file": (lambda s: write(s, M, model_text() + "# " + "x" * (5 * 1024 * 1024) + "\n"),
                  f"{M} — tệp quá lớn (5,0 MB)"),
    "duplicate key": (lambda s: write(s, M, model_text() + "name: Tên khác\n"),
                      f"{M}:8 — khóa “name” được viết hai lần; mỗi khóa chỉ được có một lần"),
    "duplicate key in post": (lambda s: write(s, POST, FRONT + "title: Bài khác\n---\n\nThân.\n"),
                              f"{POST}:6 — khóa “title” được viết hai lần"),
    "python tag": (lambda s: write(s, M, model_text() + "x: !!python/object/apply:os.system [echo]\n"),
                   f"{M}:8 — YAML không đọc được"),
    # ---- addresses the build makes itself
    "post slug luu-tru": (lambda s: write(s, POST, FRONT + "slug: luu-tru\n---\n\nThân.\n"),
                          f"{POST}:6 — trường “slug”: địa chỉ trang “luu-tru” trùng với một trang do trang web tự tạo"),
    "post slug a year": (lambda s: write(s, POST, FRONT + "slug: '2024'\n---\n\nThân.\n"),
                         f"{POST}:6 — trường “slug”: địa chỉ trang “2024” trùng với một trang do trang web tự tạo"),
    "model id trang": (lambda s: write(s, "data/models/trang.yaml", model_text()),
                       "data/models/trang.yaml:1 — mã mô hình “trang” trùng với một địa chỉ trang của trang web"),
    "field slug with dots": (lambda s: write(s, "data/fields.yaml", (ROOT / "data" / "fields.yaml").read_text(
        encoding="utf-8").replace("slug: kinh-te", "slug: ../../../../tmp/x", 1)),
                             "data/fields.yaml:7 — trường “fields[0].slug”: “../../../../tmp/x” không dùng được trong địa chỉ trang"),
    "topic named like a listing": (lambda s: write(s, "data/fields.yaml", (ROOT / "data" / "fields.yaml").read_text(
        encoding="utf-8").replace("name: Xây dựng nông thôn mới", "name: Tất cả", 1)),
                                   "data/fields.yaml:11 — trường “fields[0].topics[0].name”: chủ đề “Tất cả” có địa chỉ "
                                   "“tat-ca” trùng với một trang do trang web tự tạo"),
    # ---- paths leaving content/
    "record image with ..": (lambda s: (outside_file(s), write(s, M, model_text(images=[
        {"src": "../../bi-mat.jpg", "alt": "Ảnh"}])))[1],
                             f"{M}:9 — trường “images[0].src”: đường dẫn “../../bi-mat.jpg” ra ngoài thư mục content/"),
    "post image with ..": (lambda s: (outside_file(s), write(s, POST, FRONT + "image: ../../bi-mat.jpg\n---\n\nThân.\n"))[1],
                           f"{POST}:6 — trường “image”: đường dẫn “../../bi-mat.jpg” ra ngoài thư mục content/"),
    "absolute image path": (lambda s: write(s, POST, FRONT + "image: /etc/passwd.jpg\n---\n\nThân.\n"),
                            f"{POST}:6 — trường “image”: không tìm thấy tệp ảnh content/etc/passwd.jpg"),
    "markdown static with ..": (lambda s: (outside_file(s), write(s, POST, FRONT + "---\n\nXem ![ảnh]({static}/../../bi-mat.jpg).\n"))[1],
                                f"{POST}:8 — liên kết “{{static}}/../../bi-mat.jpg” trỏ ra ngoài thư mục content/"),
    "markdown image with ..": (lambda s: (outside_file(s), write(s, POST, FRONT + "---\n\n![ảnh](../../../bi-mat.jpg)\n"))[1],
                               f"{POST}:8 — liên kết “../../../bi-mat.jpg” trỏ ra ngoài thư mục content/"),
    "attachment with ..": (lambda s: write(s, "content/van-ban/cv.md", DOC + "attachments: [{title: Tệp, file: ../../x.pdf}]\n---\n\nThân.\n"),
                           "content/van-ban/cv.md:12 — trường “attachments[0].file”: đường dẫn “../../x.pdf” ra ngoài thư mục content/"),
    "attachment of type html": (lambda s: (write(s, "content/files/a.html", "<script>1</script>"),
                                           write(s, "content/van-ban/cv.md", DOC + "attachments: [{title: Tệp, file: files/a.html}]\n---\n\nThân.\n"))[1],
                                "content/van-ban/cv.md:12 — trường “attachments[0].file”: “files/a.html” không phải loại tệp được phép"),
    # ---- files the site would publish unchecked
    "html file under files": (lambda s: write(s, "content/files/a.html", "<script>alert(1)</script>"),
                              "content/files/a.html — loại tệp “.html” không được đăng trong content/files/"),
    "html page under content": (lambda s: write(s, "content/tin-tuc/trang.html", "<html><body>x</body></html>"),
                                "content/tin-tuc/trang.html — tệp “trang.html” không phải bài viết Markdown (.md)"),
    "mkd post": (lambda s: write(s, "content/tin-tuc/bai.mkd", "Title: x\n\nx"),
                 "content/tin-tuc/bai.mkd — tệp “bai.mkd” không phải bài viết Markdown (.md)"),
    "svg with script": (lambda s: write(s, "content/images/a.svg", SVG_OK.replace("<rect", "<script>alert(1)</script><rect")),
                        "content/images/a.svg — tệp SVG có thẻ <script>"),
    "svg with event attribute": (lambda s: write(s, "content/images/a.svg", SVG_OK.replace("<rect", '<rect onclick="alert(1)"')),
                                 "content/images/a.svg — tệp SVG có thuộc tính sự kiện “onclick”"),
    "svg with foreign object": (lambda s: write(s, "content/images/a.svg", SVG_OK.replace("<rect", "<foreignObject><p>x</p></foreignObject><rect")),
                                "content/images/a.svg — tệp SVG có thẻ <foreignobject>"),
    "svg with entity": (lambda s: write(s, "content/images/a.svg", '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG_OK),
                        "content/images/a.svg — tệp SVG có khai báo DOCTYPE/ENTITY"),
    "svg loading from another site": (lambda s: write(s, "content/images/a.svg", SVG_OK.replace(
        "<rect", '<image href="https://evil.example/x.png"/><rect')),
                                      "content/images/a.svg — tệp SVG trỏ tới tài nguyên bên ngoài “https://evil.example/x.png”"),
    "symlink to a folder outside": (lambda s: (s.root.parent.joinpath("ngoai").mkdir(exist_ok=True),
                                               (s.root / "content" / "images").mkdir(parents=True, exist_ok=True),
                                               os.symlink(s.root.parent / "ngoai", s.root / "content" / "images" / "ngoai")),
                                    "content/images/ngoai — là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án"),
    "symlink to the environment": (lambda s: ((s.root / "content" / "files").mkdir(parents=True, exist_ok=True),
                                              os.symlink("/proc/self/environ", s.root / "content" / "files" / "env.txt")),
                                   "content/files/env.txt — là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án (/proc/self/environ)"),
    "symlinked record": (lambda s: (Path(s.root.parent / "r.yaml").write_text(model_text(), encoding="utf-8"),
                                    os.symlink(s.root.parent / "r.yaml", s.root / "data" / "models" / "r.yaml")),
                         "data/models/r.yaml — là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án"),
    # ---- found by the red-team review
    "hidden html attachment": (lambda s: write(s, "content/files/.evil.html", "<script>alert(1)</script>"),
                               "content/files/.evil.html — tệp hoặc thư mục ẩn (tên bắt đầu bằng dấu chấm) không được đăng"),
    "hidden post": (lambda s: write(s, "content/tin-tuc/.an.md", FRONT + "---\n\nThân.\n"),
                    "content/tin-tuc/.an.md — tệp hoặc thư mục ẩn"),
    "hidden link to the environment": (lambda s: ((s.root / "content" / "files").mkdir(parents=True, exist_ok=True),
                                                  os.symlink("/proc/self/environ", s.root / "content" / "files" / ".moi-truong.txt")),
                                       "content/files/.moi-truong.txt — tệp hoặc thư mục ẩn"),
    "link inside the repository to git config": (lambda s: ((s.root / ".git").mkdir(exist_ok=True),
                                                            (s.root / ".git" / "config").write_text("url = https://x:token@host/"),
                                                            (s.root / "content" / "files").mkdir(parents=True, exist_ok=True),
                                                            os.symlink("../../.git/config", s.root / "content" / "files" / "cau-hinh.txt")),
                                                 "content/files/cau-hinh.txt — là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án"),
    "fence with a trailing space": (lambda s: write(s, POST, FRONT.replace("---\n", "--- \n", 1) + "save_as: tin-tuc/index.html\n---\n\n<script>x</script>\n"),
                                    f"{POST}:6 — trường “save_as”: trường không có trong mẫu"),
    "reference link outside": (lambda s: (outside_file(s), write(s, POST, FRONT + "---\n\nXem [tệp][r].\n\n[r]: {static}/../../bi-mat.jpg\n"))[1],
                               f"{POST}:10 — liên kết “{{static}}/../../bi-mat.jpg” trỏ ra ngoài thư mục content/"),
    "html link over several lines": (lambda s: (outside_file(s), write(s, POST, FRONT + '---\n\n<a\nhref=\n"{static}/../../bi-mat.jpg">b</a>\n'))[1],
                                     f"{POST}:10 — liên kết “{{static}}/../../bi-mat.jpg” trỏ ra ngoài thư mục content/"),
    "attach marker": (lambda s: write(s, POST, FRONT + "---\n\n[tệp]({attach}/files/ke-hoach.pdf)\n"),
                      f"{POST}:8 — liên kết “{{attach}}/files/ke-hoach.pdf” dùng {{attach}}"),
    "svg with xml-stylesheet": (lambda s: write(s, "content/images/a.svg", '<?xml-stylesheet type="text/xsl" href="b.svg"?>' + SVG_OK),
                                "content/images/a.svg — tệp SVG có chỉ thị xử lý (<?…?>) như xml-stylesheet"),
    "xslt under an svg name": (lambda s: write(s, "content/images/a.svg", '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'),
                               "content/images/a.svg — tệp không phải ảnh SVG"),
    "svg style attribute loading elsewhere": (lambda s: write(s, "content/images/a.svg", SVG_OK.replace("<rect", '<rect style="fill:url(http://198.51.100.7/x.svg#a)"')),
                                              "content/images/a.svg — tệp SVG có kiểu (style) tải tài nguyên bên ngoài"),
    "svg css escape": (lambda s: write(s, "content/images/a.svg", SVG_OK.replace("<rect", "<style>rect{fill:u\\72l(http://198.51.100.7/z.png)}</style><rect")),
                       "content/images/a.svg — tệp SVG có kiểu (style) tải tài nguyên bên ngoài"),
    "html under a pdf name": (lambda s: write(s, "content/files/ke-hoach.pdf", "<html><script>alert(1)</script></html>"),
                              "content/files/ke-hoach.pdf — nội dung tệp không phải PDF như phần đuôi tên tệp"),
    "infinite result": (lambda s: write(s, M, model_text() + "results: [{label: a, value: .inf, unit: b}]\n"),
                        f"{M}:8 — trường “results[0].value”: cần một số hữu hạn, nhưng nhận được inf"),
    "huge integer": (lambda s: write(s, M, model_text(registered=None) + "registered: " + "9" * 5000 + "\n"),
                     f"{M} — có một số quá dài (hàng nghìn chữ số)"),
    # ---- addresses
    "url with a quote": (lambda s: write(s, POST, FRONT + "source_url: 'https://baodaknong.vn/a\"onmouseover=alert(1)'\n---\n\nThân.\n"),
                         f"{POST}:6 — trường “source_url”: địa chỉ web không được chứa dấu cách, dấu ngoặc kép"),
    "javascript url": (lambda s: write(s, M, model_text(sources=[{"title": "Báo", "url": "javascript:alert(1)"}])),
                       f"{M}:10 — trường “sources[0].url”: cần một địa chỉ web bắt đầu bằng http:// hoặc https://"),
    "url without host": (lambda s: write(s, M, model_text(sources=[{"title": "Báo", "url": "https:///etc/passwd"}])),
                         f"{M}:10 — trường “sources[0].url”: địa chỉ web thiếu tên miền"),
}


def snapshot(output: Path) -> dict:
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_and_output_is_kept(built_site, capsys, case):
    site = built_site           # one record, built (conftest.py: a copy of one build, made once)
    before = snapshot(site.output)
    capsys.readouterr()

    setup, expected = CASES[case]
    setup(site)
    assert main(["--root", str(site.root), "--check"]) == 1
    checked = capsys.readouterr().err
    assert expected in checked, checked
    assert "Traceback" not in checked
    assert main(["--root", str(site.root), "--output", str(site.output)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert err.rstrip().endswith("Trang web chưa được dựng; thư mục kết quả cũ được giữ nguyên.")
    assert snapshot(site.output) == before
    assert not (site.root.parent / "tmp").exists()


def test_quoted_date_builds_like_an_unquoted_one(site):
    site.model("tot", sources=[{"title": "Báo Đắk Nông", "url": "https://baodaknong.vn/a", "date": "2024-07-22"}])
    site.build()
    assert "22/7/2024" in site.page("mo-hinh/tot")


def test_raw_html_in_markdown_is_reported_as_a_warning_with_file_and_line(site, capsys):
    site.model("tot")
    site.post("bai", slug="bai", body="Mở đầu.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    assert main(["--root", str(site.root), "--check"]) == 0
    err = capsys.readouterr().err
    assert f"Cảnh báo: {POST}:12 — thẻ <script> sẽ bị bỏ khi đăng" in err
    assert f"Cảnh báo: {POST}:14 — liên kết tới địa chỉ “javascript:…” sẽ bị bỏ khi đăng" in err
    assert main(["--root", str(site.root), "--output", str(site.output)]) == 0
    page = site.page("tin-tuc/bai")
    assert "Mở đầu." in page and "<script>alert" not in page and "javascript:" not in page


def test_record_description_is_sanitised_and_warned_about(site, capsys):
    site.model("tot", description="Đoạn một.\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(2))\n")
    assert main(["--root", str(site.root), "--check"]) == 0
    assert "Cảnh báo: data/models/tot.yaml:15 — trường “description”: thuộc tính “onerror” của thẻ <img> sẽ bị bỏ" \
        in capsys.readouterr().err
    site.build()
    page = site.page("mo-hinh/tot")
    assert "Đoạn một." in page and "onerror" not in page and "javascript:" not in page


# ------------------------------------------------------------------ the swap of output/


def test_output_is_a_link_replaced_in_one_step_and_old_builds_are_removed(site):
    site.model("tot")
    site.build()
    first = os.readlink(site.output)
    assert site.output.is_symlink() and first.startswith(".output.versions/site-")
    site.model("tot", name="Tên mới")
    site.build()
    second = os.readlink(site.output)
    assert second != first and "Tên mới" in site.page("mo-hinh/tot")
    versions = site.root / ".output.versions"
    wait_for_folders(versions)  # the replaced site's files are deleted in a process of its own; its folders kept
    names = sorted(os.listdir(versions))
    assert [n for n in names if not n.startswith("folders-")] == [second.split("/")[-1]]
    assert len(names) == 2, names
    # Of the replaced site only its pages are left, for the next build to keep (and the list of them).
    kept = versions / names[0]
    files = sorted(str(p.relative_to(kept)) for p in kept.rglob("*") if not p.is_dir())
    listed = marshal.loads((kept / ".dvk-kept").read_bytes())["pages"]
    assert files == sorted([".dvk-kept", *listed]) and "mo-hinh/tot/index.html" in listed
    assert not [f for f in files if f.startswith(("theme/", "tim-kiem/", "sitemap", "du-lieu/"))], files


def wait_for_folders(versions, seconds=20):
    """Until the replaced site's folders are ready for the next build (``folders-…``)."""
    deadline = time.monotonic() + seconds
    while not any(n.startswith("folders-") for n in os.listdir(versions)) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_build_starts_from_the_folders_of_the_site_before_last_and_leaves_no_empty_one(site):
    """The third build starts from the first site's folders (its files removed after the second build): the
    same folder, yet a record deleted since leaves no empty folder and every page is whole."""
    from PIL import Image
    picture = site.root / "content" / "images" / "se-xoa.png"
    picture.parent.mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 30, 30)).save(picture)
    site.model("tot")
    site.model("se-xoa", name="Mô hình sẽ bị xóa", images=[{"src": "images/se-xoa.png", "alt": "Ảnh"}])
    site.build()
    pictures = {p.relative_to(site.output.resolve()) for p in (site.output / "anh").resolve().iterdir()}
    models_folder = os.stat(site.output / "mo-hinh").st_ino
    site.model("tot", name="Tên mới")
    site.build()
    wait_for_folders(site.root / ".output.versions")
    (site.root / "data" / "models" / "se-xoa.yaml").unlink()
    picture.unlink()
    site.build()
    assert pictures and not [p for p in pictures if (site.output / p).exists()]    # its picture's folder is gone too
    assert os.stat(site.output / "mo-hinh").st_ino == models_folder      # the first site's folder, reused
    assert not (site.output / "mo-hinh" / "se-xoa").exists()
    assert "Tên mới" in site.page("mo-hinh/tot") and "Mô hình sẽ bị xóa" not in site.page("mo-hinh")
    empty = [p for p in site.output.resolve().rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == []


def test_a_folder_left_by_a_killed_build_is_removed_by_the_next_build(site):
    site.model("tot")
    versions = site.root / ".output.versions"
    (versions / "building-999999-1" / "mo-hinh").mkdir(parents=True)          # a build killed mid-way
    (site.root / ".output.building-999999" / "x").mkdir(parents=True)        # the same, from before the links
    site.output.mkdir()                                                      # an output/ folder from before them
    (site.output / "cu.html").write_text("cũ", encoding="utf-8")
    site.build()
    time.sleep(1)
    assert sorted(os.listdir(versions)) == [os.readlink(site.output).split("/")[-1]]
    assert not (site.root / ".output.building-999999").exists()
    assert not (site.output / "cu.html").exists() and (site.output / "index.html").is_file()


def test_killing_a_build_at_any_moment_leaves_a_whole_site(site):
    for i in range(300):
        site.model(f"mo-hinh-{i}", name=f"Mô hình số {i}")
    site.build()
    before = snapshot(site.output)
    site.model("mo-hinh-0", name="Mô hình đổi tên")
    script = (f"from dvk.site.build import build; "
              f"build({str(site.root)!r}, {str(site.output)!r}, settings_file={str(ROOT / 'pelican.conf.py')!r})")
    seen = []
    for delay in (0.3, 0.8, 1.5):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen.append((delay, snapshot(site.output)))
    site.build()                  # the whole new site (a killed build may also have finished in time)
    new = snapshot(site.output)
    assert new != before
    for delay, output in seen:
        assert output == before or output == new, f"killed after {delay} s: not a whole site"


def test_draft_images_do_not_reach_production(site):
    from PIL import Image
    (site.root / "content" / "images").mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(site.root / "content" / "images" / "nhap.jpg")
    Image.new("RGB", (40, 30), "blue").save(site.root / "content" / "images" / "cong-khai.jpg")
    site.model("tot", images=[{"src": "images/cong-khai.jpg", "alt": "Ảnh công khai"}])
    site.model("nhap", draft=True, images=[{"src": "images/./nhap.jpg", "alt": "Ảnh nháp"}])
    site.post("bai-nhap", status="draft", image="images/nhap.jpg", body="![ảnh]({static}/images/nhap.jpg)")
    site.build()
    published = {p.name for p in site.output.rglob("*") if p.is_file()}
    assert "cong-khai.jpg" in published
    assert not [n for n in published if n.startswith("nhap")], sorted(published)


def test_cleaned_images_keep_no_metadata(site):
    from PIL import Image
    folder = site.root / "content" / "images"
    folder.mkdir(parents=True)
    im = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x010E] = "Mô tả EXIF bí mật"          # ImageDescription
    exif[0x8825] = {2: (10.0, 20.0, 30.0)}      # GPS
    im.save(folder / "anh.jpg", exif=exif, comment=b"binh luan bi mat",
            xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">XMP bi mat</x:xmpmeta>')
    site.model("tot", images=[{"src": "images/anh.jpg", "alt": "Ảnh"}])
    site.build()
    files = [p for p in site.output.rglob("*") if p.is_file() and p.suffix in (".jpg", ".webp")]
    assert files
    for p in files:
        data = p.read_bytes()
        assert b"binh luan bi mat" not in data and b"XMP bi mat" not in data and b"Exif" not in data, p
        with Image.open(p) as out:
            assert not out.getexif() and "comment" not in out.info and "xmp" not in out.info, p


def test_open_data_csv_neutralises_formulas_and_json_keeps_the_text(site):
    import csv
    import io
    import json
    site.model("cong-thuc", name="=HYPERLINK(\"https://evil.example\";\"Bấm\")", owner="+cmd|' /C calc'!A0",
               summary="-2+3 người", locality="@SUM(A1:A9)",
               results=[{"label": "Hộ", "value": -5}])
    site.build()
    rows = list(csv.DictReader(io.StringIO((site.output / "du-lieu" / "mo-hinh.csv").read_text(encoding="utf-8-sig"))))
    row = rows[0]
    values = set(row.values())
    assert "'=HYPERLINK(\"https://evil.example\";\"Bấm\")" in values
    assert "'+cmd|' /C calc'!A0" in values
    assert "'-2+3 người" in values
    assert "'@SUM(A1:A9)" in values
    assert not [v for v in values if v[:1] in ("=", "+", "-", "@")]
    data = json.loads((site.output / "du-lieu" / "mo-hinh.json").read_text(encoding="utf-8"))
    record = next(r for r in data["records"] if r["id"] == "cong-thuc")
    assert record["name"] == "=HYPERLINK(\"https://evil.example\";\"Bấm\")" and record["locality"] == "@SUM(A1:A9)"


def test_a_folder_being_deleted_is_never_taken_by_a_build(tmp_path):
    """A folder given up (a replaced site's folders no longer needed, a killed build's) is renamed at once,
    before the process deleting it starts: a build starting meanwhile cannot take it as the folder it
    writes, then lose its files under it."""
    from dvk.site import build as build_module
    versions = tmp_path / ".output.versions"
    doomed = versions / "folders-1-1"
    for n in range(200):
        (doomed / f"tinh-{n}").mkdir(parents=True)
    build_module._discard(doomed)
    assert not doomed.exists()
    staging, reused, kept, bare = build_module._new_staging(tmp_path / "output", "khoa", False)
    assert not reused and not staging.exists()


def test_a_kept_folder_that_names_files_outside_the_site_removes_nothing_there(site, tmp_path):
    """The list of pages a kept folder holds is read back by the next build, which removes what it names
    and no longer writes. Altered to name files and folders outside the site, it removes none of them."""
    import marshal
    site.model("tot")
    site.build()
    outside = site.root.parent / "ngoai-trang.txt"
    outside.write_text("giữ nguyên", encoding="utf-8")
    empty_outside = site.root.parent / "thu-muc-rong"
    empty_outside.mkdir()
    versions = site.root / ".output.versions"
    forged = versions / "folders-1-99999999999999999999"        # the newest: the next build takes it
    forged.mkdir()
    names = ["../../../ngoai-trang.txt", "/" + str(outside).lstrip("/"), "mo-hinh/../../../../ngoai-trang.txt"]
    (forged / ".dvk-kept").write_bytes(marshal.dumps(
        {"key": "khac", "pages": dict.fromkeys(names, ""), "bare": ["../../../thu-muc-rong", "../.."]}, 2))
    site.model("tot", name="Tên đã sửa")
    site.build()
    assert "Tên đã sửa" in site.page("mo-hinh/tot")
    assert outside.read_text(encoding="utf-8") == "giữ nguyên" and empty_outside.is_dir()
    assert not forged.exists()                                   # it was the folder the build took
