"""Desktop and paper: a reading measure of at most about 75 characters, a side column beside a post,
the site's name and the page's address at the top of a printout."""
import pytest


POST = "/tin-tuc/lam-dong-giu-rung-cung-dong-bao-k-ho/"

# Characters per line of a block of text: its width over the average width of its own letters.
MEASURE = """sel => { const p = document.querySelector(sel); const c = document.createElement('canvas').getContext('2d');
  c.font = getComputedStyle(p).font; const t = p.textContent.trim();
  return p.getBoundingClientRect().width / (c.measureText(t).width / t.length); }"""


@pytest.mark.parametrize("url, selector", [(POST, ".prose p"), (POST, ".post__lead p"), ("/", ".card__summary"),
                                           ("/tin-tuc/", ".card__summary"), ("/mo-hinh/me-do-dau/", ".lead")])
def test_text_lines_hold_at_most_about_75_characters_on_a_desktop(browser, server, url, selector):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + url)
    assert page.evaluate(MEASURE, selector) <= 75
    page.close()


@pytest.mark.parametrize("url, heading", [(POST, "Mô hình trong bài"),
                                          ("/tin-tuc/hoi-an-noi-khong-voi-tui-ni-long/", None)])
def test_a_post_has_a_side_column_on_a_desktop_and_below_it_on_a_phone(browser, server, url, heading):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + url)
    article, aside = page.locator("article.post").bounding_box(), page.locator("aside.post-aside").bounding_box()
    assert aside["x"] >= article["x"] + article["width"]
    assert aside["y"] < article["y"] + 400                       # beside the top of the article, not under it
    headings = page.locator("aside.post-aside h2").all_inner_texts()
    assert headings and (heading is None or heading in headings)
    assert set(headings) <= {"Mô hình trong bài", "Tin liên quan", "Tin mới"}
    page.set_viewport_size({"width": 375, "height": 667})
    article, aside = page.locator("article.post").bounding_box(), page.locator("aside.post-aside").bounding_box()
    assert aside["y"] >= article["y"] + article["height"]
    page.close()


def test_a_printout_starts_with_the_site_name_and_the_page_address(browser, server):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + POST)
    assert page.locator(".print-header").is_hidden()             # not on screen
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    assert header.is_visible()
    assert header.inner_text().split("\n") == ["Dân vận khéo", server + POST]
    assert page.locator("aside.post-aside").is_hidden()
    top = page.locator("article.post h1").bounding_box()["y"]
    assert header.bounding_box()["y"] < top
    page.close()
