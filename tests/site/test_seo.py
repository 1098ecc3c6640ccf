"""Canonical addresses, Open Graph, JSON-LD, sitemap, robots.txt and Atom feeds (dvk/site/seo.py, dvk.derive.sitemap)."""
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter


from conftest import ROOT, read_page
from dvk.site.build import build
from dvk.model.provinces import resolve
from dvk.derive.sitemap import sitemap_files
from test_reader_pages import post_page, posts

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PUBLIC = "https://danvankheo.example.vn"
LATER_PAGE = re.compile(r"(^|/)trang/\d+/$")     # page 2, 3 … of a listing: not in the sitemap


def pages(output):
    for page in sorted(output.rglob("index.html")):
        path = page.parent.relative_to(output).as_posix()
        yield ("" if path == "." else path + "/"), page.read_text(encoding="utf-8")


def test_every_page_has_its_canonical_address_and_sharing_card(demo_output):
    seen = 0
    for path, html in pages(demo_output):
        assert f'<link rel="canonical" href="/{path}">' in html, path
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        og_title = re.search(r'<meta property="og:title" content="([^"]*)">', html).group(1)
        assert title.startswith(og_title) and og_title, path
        assert re.search(r'<meta property="og:description" content="[^"<]+">', html), path
        assert f'<meta property="og:url" content="/{path}">' in html
        seen += 1
    assert seen > 100


def test_news_posts_carry_news_article_json_ld(demo_output):
    for meta in posts():
        html = post_page(demo_output, meta)
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == meta["title"]
        assert data["datePublished"] == meta["when"].isoformat() + "+07:00"
        assert data["url"] == f"/tin-tuc/{meta['slug']}/"
        assert data["author"]["name"] == meta.get("author", "Ban Dân vận")
        assert data["publisher"]["name"] == "Dân vận khéo"
        assert data["image"]
        assert '<meta property="og:type" content="article">' in html
        assert f'<meta property="article:published_time" content="{meta["when"].isoformat()}+07:00">' in html


def test_sitemap_lists_every_page_and_robots_names_it(demo_output):
    tree = ET.parse(demo_output / "sitemap.xml")
    locs = [e.text for e in tree.getroot().iter(f"{SITEMAP}loc")]
    expected = ["/" + path for path, _ in pages(demo_output) if not LATER_PAGE.search(path)]
    assert sorted(locs) == sorted(expected)
    assert {"/tu-khoa/", "/tac-gia/", "/chuyen-muc/"} <= set(locs)
    assert len(locs) == len(set(locs))
    lastmod = {e.find(f"{SITEMAP}loc").text: e.find(f"{SITEMAP}lastmod") for e in tree.getroot()}
    meta = posts()[0]
    assert lastmod[f"/tin-tuc/{meta['slug']}/"].text == meta["when"].date().isoformat()
    robots = (demo_output / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: *\nAllow: /\n")
    assert "Sitemap:" not in robots          # no public address in a local build: no absolute sitemap link


def test_a_national_sitemap_is_split_under_an_index():
    paths = [f"mo-hinh/m-{i}/" for i in range(5)]
    files = sitemap_files(paths, PUBLIC, limit=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert [e.text for e in index.iter(f"{SITEMAP}loc")] == [f"{PUBLIC}/sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [ET.fromstring(files[f"sitemap-{n}.xml"]) for n in (1, 2, 3)]
    assert [e.text for p in parts for e in p.iter(f"{SITEMAP}loc")] == [f"{PUBLIC}/{p}" for p in paths]


def entries(path):
    root = ET.parse(path).getroot()
    return [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]


def test_atom_feeds_for_all_news_each_category_and_each_province(demo_output):
    published = posts()
    assert entries(demo_output / "feeds" / "tin-tuc.atom.xml") == [f"/tin-tuc/{m['slug']}/" for m in published]
    for category, n in Counter(m["category"] for m in published).items():
        meta = next(m for m in published if m["category"] == category)
        slug = re.search(r'<a class="post__category" href="/chuyen-muc/([a-z0-9-]+)/">', post_page(demo_output, meta)).group(1)
        assert len(entries(demo_output / "feeds" / "chuyen-muc" / f"{slug}.atom.xml")) == n
    by_province = Counter(resolve(m["province"]).province.slug for m in published if m.get("province"))
    feeds = {p.stem.replace(".atom", ""): p for p in (demo_output / "feeds" / "tinh").glob("*.atom.xml")}
    assert sorted(feeds) == sorted(by_province)
    for slug, n in by_province.items():
        assert len(entries(feeds[slug])) == n
        html = read_page(demo_output, f"tinh/{slug}")
        assert f'href="/feeds/tinh/{slug}.atom.xml"' in html
    # Bến Tre's two spellings ("Bến Tre", "Tỉnh Bến Tre") count under today's Vĩnh Long.
    ben_tre = {f"/tin-tuc/{m['slug']}/" for m in published if m.get("province") in ("Bến Tre", "Tỉnh Bến Tre")}
    assert len(ben_tre) >= 2 and ben_tre <= set(entries(feeds["vinh-long"]))


def test_a_site_with_its_public_address_gets_absolute_links(site):
    site.post("bai", tags=["Đắk Nông"])
    build(site.root, site.output, settings_file=ROOT / "pelican.conf.py",
          overrides={"SITEURL": PUBLIC, "FEED_DOMAIN": PUBLIC})
    html = site.page("tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao")
    assert f'<link rel="canonical" href="{PUBLIC}/tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao/">' in html
    assert f'<meta property="og:image" content="{PUBLIC}/theme/img/og-mac-dinh.png">' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=https%3A//danvankheo.example.vn/tin-tuc/" in html
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith(f"Sitemap: {PUBLIC}/sitemap.xml\n")
    locs = [e.text for e in ET.parse(site.output / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert f"{PUBLIC}/tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao/" in locs
    assert all(loc.startswith(PUBLIC + "/") for loc in locs)
    feed = ET.parse(site.output / "feeds" / "tinh" / "lam-dong.atom.xml").getroot()
    assert [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")] == [
        f"{PUBLIC}/tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao/"]
