"""dvk.derive.sitemap.page_paths on a folder tree made here: which built pages the sitemap lists."""
from __future__ import annotations

from dvk.derive.sitemap import page_paths, robots_txt, sitemap_files

BUILT = [
    "", "tin-tuc/", "tin-tuc/trang/2/", "tin-tuc/dak-nong-nang-cao-chat-luong/", "tin-tuc/2024/", "tin-tuc/2024/07/",
    "tu-khoa/", "tu-khoa/dan-van-kheo/", "tu-khoa/dan-van-kheo/trang/2/", "tac-gia/", "tac-gia/ban-dan-van/",
    "chuyen-muc/phong-trao-thi-dua/", "chuyen-muc/phong-trao-thi-dua/trang/3/",
    "mo-hinh/", "mo-hinh/trang/2/", "mo-hinh/trang/10/", "mo-hinh/me-do-dau/", "mo-hinh/loai/ca-nhan/",
    "tinh/lam-dong/", "tinh/lam-dong/trang/2/", "linh-vuc/kinh-te/trang-trai/", "trang/gioi-thieu/",
    "van-ban/cong-van-374/", "thong-ke/", "du-lieu/", "tim-kiem/",
]


def make_site(root):
    for path in BUILT:
        (root / path).mkdir(parents=True, exist_ok=True)
        (root / path / "index.html").write_text("<!doctype html><title>Dân vận khéo</title>", encoding="utf-8")
    for folder, name in (("anh/ab12", "index.html"), ("feeds/tinh", "index.html"), ("theme/css", "index.html"),
                         (".output.versions/old", "index.html"), ("mo-hinh", "chi-muc.json")):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_text("x", encoding="utf-8")


def test_every_page_but_later_listing_pages_is_listed(tmp_path):
    make_site(tmp_path)
    assert page_paths(tmp_path) == [
        "",
        "chuyen-muc/phong-trao-thi-dua/",
        "du-lieu/",
        "linh-vuc/kinh-te/trang-trai/",
        "mo-hinh/",
        "mo-hinh/loai/ca-nhan/",
        "mo-hinh/me-do-dau/",
        "tac-gia/",
        "tac-gia/ban-dan-van/",
        "thong-ke/",
        "tim-kiem/",
        "tin-tuc/",
        "tin-tuc/2024/",
        "tin-tuc/2024/07/",
        "tin-tuc/dak-nong-nang-cao-chat-luong/",
        "tinh/lam-dong/",
        "trang/gioi-thieu/",
        "tu-khoa/",
        "tu-khoa/dan-van-kheo/",
        "van-ban/cong-van-374/",
    ]


def test_tag_author_and_category_pages_are_kept(tmp_path):
    make_site(tmp_path)
    found = page_paths(tmp_path)
    for path in ("tu-khoa/", "tu-khoa/dan-van-kheo/", "tac-gia/", "tac-gia/ban-dan-van/",
                 "chuyen-muc/phong-trao-thi-dua/"):
        assert path in found, path


def test_the_sitemap_file_and_robots():
    files = sitemap_files(["", "tinh/lam-dong/"], "https://danvankheo.example.vn")
    assert files == {"sitemap.xml": '<?xml version="1.0" encoding="utf-8"?>\n'
                                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                    "<url><loc>https://danvankheo.example.vn/</loc></url>\n"
                                    "<url><loc>https://danvankheo.example.vn/tinh/lam-dong/</loc></url>\n"
                                    "</urlset>\n"}
    assert robots_txt("https://danvankheo.example.vn") == (
        "User-agent: *\nAllow: /\nDisallow: /mo-hinh/chi-muc.json\n\n"
        "Sitemap: https://danvankheo.example.vn/sitemap.xml\n")
    assert robots_txt("") == "User-agent: *\nAllow: /\nDisallow: /mo-hinh/chi-muc.json\n"


def test_a_folder_reached_through_a_link_is_not_walked(tmp_path):
    make_site(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-ngoai"
    (outside / "bi-mat").mkdir(parents=True)
    (outside / "bi-mat" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "tin-tuc" / "lien-ket").symlink_to(outside, target_is_directory=True)
    (tmp_path / "trang-rong").mkdir()
    (tmp_path / "trang-rong" / "index.html").mkdir()             # a folder named index.html is no page
    found = page_paths(tmp_path)
    assert not [p for p in found if p.startswith(("tin-tuc/lien-ket", "trang-rong"))]
    assert len(found) == 20


def test_folders_the_build_knows_hold_a_page_are_listed_without_being_read(tmp_path):
    make_site(tmp_path)
    (tmp_path / "mo-hinh" / "chua-doc").mkdir()      # no index.html: listed all the same, since it is not read
    everything = page_paths(tmp_path)
    assert page_paths(tmp_path, {"mo-hinh/me-do-dau/", "mo-hinh/chua-doc/", "mo-hinh/trang/2/"}) == \
        sorted(everything + ["mo-hinh/chua-doc/"])       # (a later listing page, known or not, is left out)
