"""Pictures: lead images with caption and credit on posts and records, thumbnails on cards through the
responsive-image pipeline, a drawn placeholder for cards without one, and a small repository."""
import re

import pytest
from PIL import Image

from conftest import ROOT, read_page

POST = "tin-tuc/lam-dong-giu-rung-cung-dong-bao-k-ho"
MODEL = "mo-hinh/cong-dong-nhan-khoan-bao-ve-rung"


def test_a_post_opens_with_its_picture_caption_and_credit(demo_output):
    html = read_page(demo_output, POST)
    figure = re.search(r'<figure class="figure">.*?</figure>', html, re.S).group(0)
    assert html.index(figure) < html.index('<div class="prose">')
    assert '<source type="image/webp" srcset="/anh/' in figure
    assert 'alt="Hình vẽ minh họa: bốn người đội nón đi tuần giữa rừng thông"' in figure
    assert 'fetchpriority="high"' in figure and 'loading="lazy"' not in figure     # above the fold
    assert re.search(r'<figcaption class="figure__caption">Các nhóm hộ nhận khoán cùng kiểm lâm địa bàn đi tuần '
                     r'tra rừng\. <span class="figure__credit">Ảnh minh họa</span></figcaption>', figure)


def test_a_record_opens_with_its_picture_caption_and_credit(demo_output):
    html = read_page(demo_output, MODEL)
    figure = re.search(r'<figure class="figure">.*?</figure>', html, re.S).group(0)
    assert '<source type="image/webp"' in figure and 'width="' in figure and 'height="' in figure
    assert "Nhóm hộ nhận khoán đi tuần tra rừng. <span class=\"figure__credit\">Ảnh minh họa</span>" in figure


@pytest.mark.parametrize("url", ["", "tin-tuc", "mo-hinh", "linh-vuc/van-hoa-xa-hoi", "tinh/lam-dong"])
def test_cards_show_a_thumbnail_or_a_drawn_placeholder(demo_output, url):
    html = read_page(demo_output, url)
    cards = re.findall(r'<article class="card card--(?:post|model)">.*?</article>', html, re.S)
    assert cards, url
    pictures = [c for c in cards if '<div class="card__media"><picture>' in c]
    placeholders = [c for c in cards if 'class="card__media card__media--none" aria-hidden="true"' in c]
    assert len(pictures) + len(placeholders) == len(cards)
    for card in pictures:
        img = re.search(r"<img [^>]*>", card).group(0)
        assert 'alt=""' in img and 'loading="lazy"' in img and "srcset=" in img
        assert re.search(r'width="\d+" height="\d+"', img)                       # no layout shift
        assert '<source type="image/webp" srcset="' in card


def test_the_home_page_shows_pictures(demo_output):
    html = read_page(demo_output, "")
    assert len(re.findall(r'<div class="card__media"><picture>', html)) >= 3


def test_card_pictures_keep_their_place_while_they_load(browser, server):  # noqa: F811
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.route("**/anh/**", lambda route: route.abort())          # pictures never arrive
    page.goto(server + "/tin-tuc/")
    boxes = page.locator(".card__media").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert boxes and all(h > 50 for h in boxes)
    page.close()


def test_demo_pictures_are_small_jpeg_drawings():
    files = sorted((ROOT / "content" / "images" / "minh-hoa").glob("*.jpg"))
    assert len(files) == 6
    assert sum(f.stat().st_size for f in files) < 300_000
    for f in files:
        with Image.open(f) as im:
            assert im.format == "JPEG" and im.size == (1200, 675)
