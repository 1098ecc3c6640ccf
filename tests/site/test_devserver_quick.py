"""invoke serve after a record is saved: its own page first (at once), then the rebuild of every other page.

The build process's loop (``serve_builds``) runs here in the test's process, with requests made as an
editor's saves; what each outcome leaves in the preview folder is read at the moment it is announced.
"""
from __future__ import annotations

import os

from conftest import ROOT, Site
from dvk.site.build import build
from dvk.site.quickpage import quick_pages
from dvk.tools.devserver import serve_builds

SETTINGS = ROOT / "pelican.conf.py"


def _site(tmp_path) -> Site:
    site = Site(tmp_path / "site")
    site.model("me-do-dau")
    site.model("nha-nhan-ai", name="Nhà nhân ái", summary="Xây nhà cho hộ nghèo trong tỉnh.")
    site.model("ban-tin-so", name="Bản tin số", field="economy", topics=["production-business"],
               province="Hà Nội", summary="Bản tin gửi qua mạng xã hội.")
    site.post("tin-dau", title="Tin về mẹ đỡ đầu", slug="tin-dau", models=["me-do-dau"])
    return site


def _page(output, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def _run(site: Site, saves):
    """``serve_builds`` with one request per item of ``saves`` (a callable making the edit and returning the
    saved paths); every outcome with what the preview showed when it was announced."""
    output = site.root / "preview"
    seen = []

    def requests():
        yield {"paths": []}
        for save in saves:
            yield {"paths": [str(p) for p in save()]}

    def answer(outcome):
        seen.append((outcome, {url: _page(output, url) for url in ("mo-hinh/me-do-dau/", "mo-hinh/")}))

    serve_builds(site.root, output, SETTINGS, None, None, requests(), answer)
    return seen


def test_a_saved_record_shows_on_its_page_before_the_other_pages_are_rebuilt(tmp_path):
    site = _site(tmp_path)
    seen = _run(site, [lambda: [site.model("me-do-dau", name="Mẹ đỡ đầu xã Quảng Khê",
                                           summary="Nhận đỡ đầu 120 em nhỏ mồ côi.")]])
    assert [("quick" in o, o["ok"]) for o, _ in seen] == [(False, True), (True, True), (False, True)]
    (first, _), (quick, at_quick), (rebuilt, at_end) = seen
    assert quick["quick"] == ["mo-hinh/me-do-dau/"]
    # The saved record's page shows the change, with what it showed besides (its post, its neighbour) ...
    assert "<h1>Mẹ đỡ đầu xã Quảng Khê</h1>" in at_quick["mo-hinh/me-do-dau/"]
    assert "Nhận đỡ đầu 120 em nhỏ mồ côi." in at_quick["mo-hinh/me-do-dau/"]
    assert "Tin về mẹ đỡ đầu" in at_quick["mo-hinh/me-do-dau/"]
    assert "Nhà nhân ái" in at_quick["mo-hinh/me-do-dau/"]
    # ... the catalog is not rebuilt yet ...
    assert "Mẹ đỡ đầu xã Quảng Khê" not in at_quick["mo-hinh/"]
    assert "Mẹ đỡ đầu" in at_quick["mo-hinh/"]
    # ... and is once the rebuild is done.
    assert "Mẹ đỡ đầu xã Quảng Khê" in at_end["mo-hinh/"]
    assert at_end["mo-hinh/me-do-dau/"] == at_quick["mo-hinh/me-do-dau/"]


def test_the_quick_page_is_the_page_a_full_build_makes(tmp_path):
    site = _site(tmp_path)
    seen = _run(site, [lambda: [site.model("nha-nhan-ai", name="Nhà nhân ái", summary="Đã xây 35 căn nhà.",
                                           owner="Hội Liên hiệp Phụ nữ tỉnh Đắk Nông")]])
    quick_page = (site.root / "preview" / "mo-hinh" / "nha-nhan-ai" / "index.html").read_bytes()
    assert [("quick" in o) for o, _ in seen] == [False, True, False]
    build(site.root, tmp_path / "cold", settings_file=SETTINGS, preview=True, full=True, cache=tmp_path / "cold-cache")
    assert (tmp_path / "cold" / "mo-hinh" / "nha-nhan-ai" / "index.html").read_bytes() == quick_page
    assert "Đã xây 35 căn nhà." in quick_page.decode("utf-8")


def test_a_saved_record_with_a_mistake_shows_its_problem_at_once_and_its_fix_gets_a_quick_page(tmp_path):
    site = _site(tmp_path)
    seen = _run(site, [lambda: [site.model("me-do-dau", province="Tỉnh Không Có")],
                       lambda: [site.model("me-do-dau", summary="Đã sửa tỉnh.")]])
    assert [("quick" in o, o["ok"]) for o, _ in seen] == [(False, True), (False, False), (True, True), (False, True)]
    (_, _), (mistake, at_mistake), (quick, at_quick), (_, _) = seen
    # The problems are the build's: no build is started to find them again.
    assert [(p["path"], p["line"], p["field"]) for p in mistake["problems"]] == [("data/models/me-do-dau.yaml", 7, "province")]
    assert "Tỉnh Không Có" in mistake["problems"][0]["message"]
    assert "Cán bộ, chiến sĩ nhận đỡ đầu" in at_mistake["mo-hinh/me-do-dau/"]     # the last good page is kept
    assert quick["quick"] == ["mo-hinh/me-do-dau/"]
    assert "Đã sửa tỉnh." in at_quick["mo-hinh/me-do-dau/"]


def test_the_problems_reported_at_once_are_the_builds(tmp_path):
    """Each mistake of a saved record reported as a full check of the site reports it."""
    from dvk.load.corpus import load_corpus
    site = _site(tmp_path)
    mistakes = [dict(province="Tỉnh Không Có"), dict(field="van-hoa"), dict(topics=["border-sovereignty"]),
                dict(status="registered"), dict(recognized={"year": 2019, "level": "province"}, registered=2022),
                dict(images=[{"src": "images/khong-co.jpg", "alt": "Ảnh"}]), dict(name=None)]
    saves = [lambda m=m: [site.model("me-do-dau", **m)] for m in mistakes] + [lambda: [site.model("me-do-dau")]]
    seen = _run(site, saves)
    assert [o["ok"] for o, _ in seen] == [True] + [False] * len(mistakes) + [True, True]
    for i, m in enumerate(mistakes):
        site.model("me-do-dau", **m)
        expected = [str(p) for p in load_corpus(site.root, preview=True).problems]
        assert len(expected) >= 1
        assert [p["text"] for p in seen[i + 1][0]["problems"]] == expected, m


def test_only_a_record_the_site_shows_gets_a_quick_page(tmp_path):
    site = _site(tmp_path)
    picture = site.root / "content" / "images" / "anh.png"
    picture.parent.mkdir(parents=True)
    from PIL import Image
    Image.new("RGB", (40, 30), (200, 30, 30)).save(picture)
    twin = site.root / "data" / "models" / "ha-noi" / "me-do-dau.yaml"

    def removed(path):
        path.unlink()
        return [path]

    seen = _run(site, [
        lambda: [site.model("moi-them", name="Mô hình mới thêm")],                          # a new record
        lambda: [site.post("tin-dau", title="Tin đã sửa", slug="tin-dau", models=["me-do-dau"])],   # a post
        lambda: [site.model("me-do-dau", images=[{"src": "images/anh.png", "alt": "Ảnh"}])],   # a new picture
        lambda: [site.model("me-do-dau", images=[{"src": "images/anh.png", "alt": "Ảnh đã sửa"}]),
                 site.model("nha-nhan-ai", name="Nhà nhân ái", summary="Hai hồ sơ lưu cùng lúc.")],
        # another file with the id of a record the site shows: the rebuild reports the id used twice
        lambda: [site.model("me-do-dau", folder="ha-noi", name="Hồ sơ trùng mã", province="Hà Nội",
                            images=[{"src": "images/anh.png", "alt": "Ảnh đã sửa"}])],
        lambda: removed(twin),
    ])
    assert [("quick" in o, o["ok"]) for o, _ in seen] == \
        [(False, True)] * 4 + [(True, True), (False, True), (False, False), (False, True)]
    assert seen[4][0]["quick"] == ["mo-hinh/me-do-dau/", "mo-hinh/nha-nhan-ai/"]
    assert "Ảnh đã sửa" in seen[4][1]["mo-hinh/me-do-dau/"]
    assert [p["text"] for p in seen[6][0]["problems"]] == [
        "data/models/me-do-dau.yaml:1 — mã mô hình “me-do-dau” bị trùng với data/models/ha-noi/me-do-dau.yaml; "
        "mỗi mô hình cần một tên tệp riêng"]
    assert "Hồ sơ trùng mã" not in seen[6][1]["mo-hinh/me-do-dau/"]


def test_a_quick_page_is_never_carried_over_by_the_next_build(tmp_path, monkeypatch):
    """A record saved, its quick page written, then the file put back as it was, modification time included
    (a copy from a backup with ``cp -p``), before the rebuild: the inputs look exactly as the last build saw
    them, and the page must still be the last build's, not the edit's. Nor is it kept in the replaced site
    for the build after (``incremental.take_kept``)."""
    import dvk.site.build
    monkeypatch.setattr(dvk.site.build, "EMPTY_AT_ONCE", True)     # the replaced site ready for the next build
    site = _site(tmp_path)
    output = site.root / "preview"
    keep = {}
    build(site.root, output, settings_file=SETTINGS, preview=True, keep=keep)
    before = _page(output, "mo-hinh/me-do-dau/")
    path = site.root / "data" / "models" / "me-do-dau.yaml"
    backup, stamp = path.read_bytes(), os.stat(path)
    site.model("me-do-dau", summary="Một thay đổi rồi hoàn tác.")
    assert quick_pages(keep["context"], output, [str(path)])["quick"] == ["mo-hinh/me-do-dau/"]
    assert "Một thay đổi rồi hoàn tác." in _page(output, "mo-hinh/me-do-dau/")
    path.write_bytes(backup)
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    os.utime(path.parent, ns=(os.stat(path.parent).st_atime_ns, os.stat(path.parent).st_mtime_ns))
    build(site.root, output, settings_file=SETTINGS, preview=True)
    assert _page(output, "mo-hinh/me-do-dau/") == before
    build(site.root, output, settings_file=SETTINGS, preview=True)      # and the mark is gone once rebuilt
    assert not any(p.name.endswith(".dirty.json") for p in (site.root / ".cache" / "build").iterdir())
    site.model("ban-tin-so", name="Bản tin số", field="economy", topics=["production-business"],
               province="Hà Nội", summary="Bản tin gửi qua mạng xã hội, nay cả qua Zalo.")
    build(site.root, output, settings_file=SETTINGS, preview=True)      # written into the site the quick page was in
    assert "Zalo" in _page(output, "mo-hinh/ban-tin-so/")
    assert _page(output, "mo-hinh/me-do-dau/") == before
