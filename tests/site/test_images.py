"""Images in posts and model records: derivatives, markup, privacy, errors, cache (dvk/site/images.py, dvk.render.images)."""
import json
import re

import pytest
from PIL import Image
from PIL.ExifTags import IFD, Base

from conftest import ROOT, Site
from dvk.site.build import build
from dvk.render.images import WIDTHS
from dvk.model.problems import InvalidContent
from sitecheck import broken_links

CAPTION = "Cán bộ, chiến sĩ đồn Biên phòng trao học bổng cho các em"


def photo(path, size=(1600, 1200), gps=True, orientation=6, fmt="JPEG"):
    """A camera-like photo: stored landscape with an EXIF orientation and, optionally, a GPS position."""
    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", size, (200, 80, 40))
    im.paste((30, 90, 160), (0, 0, size[0] // 2, size[1]))
    exif = im.getexif()
    exif[Base.Orientation] = orientation
    exif[Base.Make] = "Máy ảnh"
    if gps:
        exif.get_ifd(IFD.GPSInfo).update({1: "N", 2: (12.0, 0.0, 0.0), 3: "E", 4: (107.0, 41.0, 0.0)})
    im.save(path, fmt, exif=exif.tobytes())
    return path


def build_site(site, **overrides):
    return build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", overrides=overrides or None)


def make_photo_site(site):
    photo(site.root / "content" / "images" / "hoc-bong.jpg")
    photo(site.root / "content" / "images" / "mo-hinh" / "me-do-dau.png", size=(800, 600), gps=False,
          orientation=1, fmt="PNG")
    site.model("me-do-dau", images=[{"src": "images/mo-hinh/me-do-dau.png", "alt": "Cán bộ thăm trẻ em",
                                     "caption": "Một buổi thăm các em"}])
    site.post("trao-hoc-bong", body=("Đoạn mở đầu.\n\n![Các em học sinh nhận học bổng]({static}/images/hoc-bong.jpg)"
                                     f"\n\n*{CAPTION}*\n\nĐoạn cuối."), models=["me-do-dau"])
    site.build()
    return site


@pytest.fixture
def photo_site(site):
    """A site with two photos, built: for a test that changes it."""
    return make_photo_site(site)


@pytest.fixture(scope="module")
def built_photo_site(tmp_path_factory):
    """The same site built once for the tests that only read it."""
    return make_photo_site(Site(tmp_path_factory.mktemp("photos") / "site"))


def test_post_images_become_responsive_figures_with_captions(built_photo_site):
    photo_site = built_photo_site
    html = photo_site.page("tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao")
    figure = re.search(r'<div class="prose">.*?(<figure class="figure">.*?</figure>)', html, re.S).group(1)
    assert f"<figcaption class=\"figure__caption\">{CAPTION}</figcaption>" in figure
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', figure).group(1)
    img = re.search(r"<img [^>]+>", figure).group(0)
    # Stored 1600 × 1200 with orientation 6: shown upright, 1200 wide and 1600 high.
    widths = [w for w in WIDTHS if w < 1200] + [1200]
    assert [int(c.split()[-1][:-1]) for c in webp.split(", ")] == widths
    assert all(c.split()[0].endswith(".webp") for c in webp.split(", "))
    fallback = re.search(r' srcset="([^"]+)"', img).group(1)
    assert all(c.split()[0].endswith(".jpg") for c in fallback.split(", "))
    assert 'width="1200" height="1600"' in img
    assert 'alt="Các em học sinh nhận học bổng"' in img and 'loading="lazy"' in img and "sizes=" in img
    for candidate in (webp + ", " + fallback).split(", "):
        url, width = candidate.split()
        with Image.open(photo_site.output / url.lstrip("/")) as im:
            assert im.width == int(width[:-1])
    assert not broken_links(photo_site.output)


def test_a_posts_own_image_opens_it_and_is_its_sharing_card(site):
    photo(site.root / "content" / "images" / "hoi-nghi.jpg", size=(2000, 1000), orientation=1)
    site.post("hoi-nghi", image="images/hoi-nghi.jpg", image_alt="Quang cảnh hội nghị",
              image_caption="Hội nghị biểu dương điển hình “Dân vận khéo”")
    site.build()
    html = site.page("tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao")
    figure = re.search(r'<figure class="figure">.*?</figure>', html, re.S).group(0)
    assert html.index(figure) < html.index('<div class="prose">')     # above the body, right after the lead
    assert 'fetchpriority="high"' in figure and 'loading="lazy"' not in figure
    assert 'width="1280" height="640"' in figure and 'alt="Quang cảnh hội nghị"' in figure
    assert "Hội nghị biểu dương điển hình “Dân vận khéo”</figcaption>" in figure
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og.endswith("hoi-nghi-og.jpg")
    assert json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))["image"] == [og]


def test_published_photos_carry_no_exif_and_no_gps(built_photo_site):
    photo_site = built_photo_site
    published = [p for p in photo_site.output.rglob("*") if p.suffix in (".jpg", ".png", ".webp")]
    assert len(published) >= 2 * len(WIDTHS)
    original = photo_site.output / "images" / "hoc-bong.jpg"    # the original's address serves a cleaned copy
    assert original in published
    for path in published:
        with Image.open(path) as im:
            exif = im.getexif()
            assert not exif.get_ifd(IFD.GPSInfo), path
            assert Base.Orientation not in exif and Base.Make not in exif, path
    with Image.open(original) as im:
        assert im.size == (1200, 1600)


def test_model_page_shows_its_image_and_shares_an_open_graph_crop(built_photo_site):
    photo_site = built_photo_site
    html = photo_site.page("mo-hinh/me-do-dau")
    assert re.search(r'<figure class="figure">\s*<picture><source type="image/webp"', html)
    assert "<figcaption class=\"figure__caption\">Một buổi thăm các em</figcaption>" in html
    # The first image of a record is at the top of the page: loaded at once, not lazily.
    assert 'fetchpriority="high"' in html and 'alt="Cán bộ thăm trẻ em"' in html
    assert re.search(r'srcset="[^"]*me-do-dau-640\.png 640w', html)       # a PNG stays a PNG
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    with Image.open(photo_site.output / og.lstrip("/")) as im:
        assert im.size == (1200, 630) and im.format == "JPEG"
    post_og = re.search(r'<meta property="og:image" content="([^"]+)">',
                        photo_site.page("tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao")).group(1)
    assert post_og.endswith("hoc-bong-og.jpg")


def test_unchanged_images_are_not_processed_again(photo_site):
    cache = photo_site.root / ".cache" / "images"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len({p.parent for p in before}) == 2            # one cache entry per image
    photo_site.build()
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert after == before
    # A changed image is processed again, under a new key; the other one is still reused.
    photo(photo_site.root / "content" / "images" / "hoc-bong.jpg", size=(1000, 800), orientation=1)
    photo_site.build()
    entries = {p.parent.name for p in cache.rglob("meta.json")}
    assert len(entries) == 3
    assert {p: p.stat().st_mtime_ns for p in before if p.exists() and "me-do-dau" in p.name} == \
           {p: t for p, t in before.items() if "me-do-dau" in p.name}


def expect_problem(site, fragment):
    with pytest.raises(InvalidContent) as info:
        site.build()
    report = str(info.value)
    assert fragment in report, report
    assert not site.output.exists()
    return report


def test_a_corrupt_image_stops_the_build_naming_the_file(site):
    site.write("content/images/hong.jpg", "đây không phải là ảnh")
    site.model("me-do-dau", images=[{"src": "images/hong.jpg", "alt": "Ảnh hỏng"}])
    # Text under a .jpg name is caught by its first bytes, at validation (a JPEG cut short: next test).
    report = expect_problem(site, "content/images/hong.jpg — nội dung tệp không phải JPG như phần đuôi tên tệp")
    assert "Traceback" not in report


def test_a_truncated_photo_stops_the_build(site):
    path = photo(site.root / "content" / "images" / "cat-do.jpg", gps=False)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    site.post("bai", body="![Ảnh cắt dở]({static}/images/cat-do.jpg)")
    expect_problem(site, "content/tin-tuc/bai.md:9 — ảnh content/images/cat-do.jpg: tệp ảnh bị hỏng hoặc không trọn vẹn")


def test_a_decompression_bomb_is_refused(site):
    # 10,000 × 10,000 pixels in a PNG of a few kilobytes: 100 megapixels once decoded.
    bomb = site.root / "content" / "images" / "bom.png"
    bomb.parent.mkdir(parents=True)
    Image.new("1", (10_000, 10_000)).save(bomb)
    assert bomb.stat().st_size < 100_000
    expect_problem(site, "content/images/bom.png — ảnh quá lớn: 10.000 × 10.000 điểm ảnh, vượt giới hạn 40 triệu điểm ảnh")


def test_a_missing_image_in_a_post_is_reported_with_its_line(site):
    site.post("bai", body="Đoạn một.\n\n![Ảnh không có]({static}/images/khong-co.jpg)")
    expect_problem(site, "content/tin-tuc/bai.md:11 — không tìm thấy tệp ảnh content/images/khong-co.jpg")


def test_a_site_without_images_publishes_no_derivatives(site):
    site.post("bai")
    site.build()
    assert not (site.output / "anh").exists()
    assert 'property="og:image" content="/theme/img/og-mac-dinh.png"' in site.page("tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao")


def test_svg_illustrations_get_their_size_and_caption(demo_output):
    html = (demo_output / "tin-tuc" / "ha-giang-con-nuoi-don-bien-phong-duoc-bieu-duong" / "index.html").read_text(encoding="utf-8")
    svg = ROOT / "content" / "images" / "minh-hoa-con-nuoi-don-bien-phong.svg"
    view_box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg.read_text(encoding="utf-8"))
    figure = re.search(r'<figure class="figure">(.*?)</figure>', html, re.S).group(1)
    assert f'width="{view_box.group(1)}" height="{view_box.group(2)}"' in figure
    assert "<figcaption" in figure and "Hình vẽ minh họa" in figure
    meta = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert meta["image"] == ["/theme/img/og-mac-dinh.png"]


def test_markdown_images_become_figures_only_when_alone_in_their_paragraph():
    from dvk.render.images import rewrite_images

    def render(attrs):
        return None if attrs["src"].startswith("https://") else f'<img data-ok alt="{attrs["alt"]}">'

    html = ('<p><img alt="Một" src="/a.jpg" title="Chú thích từ tiêu đề"></p>\n'
            '<p>Chữ <img alt="Hai" src="/b.jpg"> giữa dòng.</p>\n'
            '<p><img alt="Ba" src="https://nơi-khác.vn/c.jpg"></p>\n<p><em>Ảnh của nơi khác</em></p>')
    out = rewrite_images(html, render)
    assert out.startswith('<figure class="figure"><img data-ok alt="Một">'
                          '<figcaption class="figure__caption">Chú thích từ tiêu đề</figcaption></figure>')
    assert '<p>Chữ <img data-ok alt="Hai"> giữa dòng.</p>' in out
    # An image of another site keeps its tag; its italic caption still makes a figure.
    assert ('<figure class="figure"><img alt="Ba" src="https://nơi-khác.vn/c.jpg">'
            '<figcaption class="figure__caption">Ảnh của nơi khác</figcaption></figure>') in out
