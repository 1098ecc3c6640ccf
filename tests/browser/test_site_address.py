"""Addresses: a build without a public address shares the address the page is opened at; a build with
one gives absolute addresses everywhere (canonical, Open Graph, sitemap, feeds, Atom ids, robots.txt)."""
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

from conftest import ROOT
from dvk.site.build import build

PUBLIC = "https://danvankheo.example.vn"
ATOM = "{http://www.w3.org/2005/Atom}"
POST = "/tin-tuc/lam-dong-giu-rung-cung-dong-bao-k-ho/"


def test_without_a_site_address_share_links_use_the_address_the_page_was_opened_at(browser, server):  # noqa: F811
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.goto(server + POST)
    share = page.locator("section.share")
    assert share.is_visible()
    here = server + POST
    assert page.get_by_role("link", name="Chia sẻ lên Facebook").get_attribute("href") == \
        "https://www.facebook.com/sharer/sharer.php?u=" + quote(here, safe="")
    assert page.get_by_role("link", name="Chia sẻ qua Zalo").get_attribute("href") == \
        "https://zalo.me/share?url=" + quote(here, safe="")
    assert page.get_by_role("link", name="Gửi cho bạn bè qua thư điện tử").get_attribute("href").endswith(
        quote(here, safe=""))
    assert page.get_by_label("Liên kết đến trang này").input_value() == here
    page.close()


def test_without_javascript_and_without_an_address_nothing_unusable_is_offered(browser, server):  # noqa: F811
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + POST)
    assert page.locator("section.share").is_hidden()
    ctx.close()


def test_with_a_site_address_every_address_is_absolute(site):
    site.post("bai", tags=["Đắk Nông"])
    build(site.root, site.output, settings_file=ROOT / "pelican.conf.py",
          overrides={"SITEURL": PUBLIC, "FEED_DOMAIN": PUBLIC})
    url = f"{PUBLIC}/tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao/"
    html = site.page("tin-tuc/dak-nong-nang-cao-chat-luong-phong-trao")
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert re.search(rf'<meta property="og:image" content="{re.escape(PUBLIC)}/', html)
    share = re.search(r'<section class="share"[^>]*>', html).group(0)
    assert "hidden" not in share
    assert f'value="{url}"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={quote(url, safe="/")}"' in html
    for feed in ("feeds/tin-tuc.atom.xml", "feeds/tinh/lam-dong.atom.xml"):
        root = ET.parse(site.output / feed).getroot()
        ids = [e.find(f"{ATOM}id").text for e in root.iter(f"{ATOM}entry")]
        assert ids and all(i.startswith("tag:danvankheo.example.vn,") for i in ids), ids
        assert root.find(f"{ATOM}id").text.startswith(PUBLIC + "/")
    assert (site.output / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {PUBLIC}/sitemap.xml\n")
