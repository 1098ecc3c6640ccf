"""Site search (dvk/site/search.py, dvk.derive.recindex): what is indexed, and real queries typed into /tim-kiem/ in Chromium.

Expected results come from the demo content itself (record files, built pages), never from a list
written here: a query for a record's name or owner must bring that record's page first.
"""
import gzip
import json
import re
import unicodedata
from urllib.parse import quote

import pytest
from conftest import ROOT, read_page
from dvk.model.provinces import by_slug, resolve
from dvk.model.text import fold
from conftest import records, text_of

DONE = re.compile(r"Tìm thấy|Không tìm thấy|Không tải được")


def record(name):
    return next((rid, r) for rid, r in records() if r["name"] == name)


def content_pages(output):
    """Addresses of the pages that must be searchable: posts, model pages, documents."""
    pages = []
    for folder in ("tin-tuc", "mo-hinh", "van-ban"):
        for path in (output / folder).glob("*/index.html"):
            if "data-pagefind-body" in path.read_text(encoding="utf-8"):
                pages.append(f"/{folder}/{path.parent.name}/")
    return pages


# ------------------------------------------------------------------ the index, without a browser

def index_cards(output):
    """Every entry of the search index: its result-card row (address, title, section, place, date, …)."""
    return [row for path in sorted((output / "recindex" / "c").glob("*.bin"))
            for row in json.loads(gzip.decompress(path.read_bytes()))]


def test_index_holds_posts_models_and_documents_only(demo_output):
    models = {rid for rid, r in records() if not r.get("draft")}
    posts = [p for p in (ROOT / "content" / "tin-tuc").glob("*.md")]
    cards = index_cards(demo_output)
    indexed = ["/" + row[0] for row in cards]
    assert sorted(indexed) == sorted(content_pages(demo_output))
    assert {u.split("/")[2] for u in indexed if u.startswith("/mo-hinh/")} == models
    assert sum(u.startswith("/van-ban/") for u in indexed) == len(list((ROOT / "content" / "van-ban").glob("*.md")))
    assert 0 < sum(u.startswith("/tin-tuc/") for u in indexed) <= len(posts)
    assert {row[2] for row in cards} == {"Tin tức", "Mô hình", "Văn bản"}
    manifest = json.loads((demo_output / "recindex" / "index.json").read_text(encoding="utf-8"))
    assert manifest["records"] == len(indexed)
    # Listings and navigation are not indexed.
    for url in ("", "mo-hinh", "tin-tuc", "tinh/lam-dong", "thong-ke", "linh-vuc/kinh-te", "tim-kiem"):
        assert "/" + url + ("/" if url else "") not in indexed, url


def test_search_page_without_javascript_explains_and_lists_every_filter(demo_output):
    html = read_page(demo_output, "tim-kiem")
    assert "Tìm kiếm cần JavaScript" in text_of(re.sub(r"</?noscript>", "", html))
    provinces = re.findall(r'<option value="([a-z-]+)" data-value="[^"]+">', html.split('name="tinh"')[1].split("</select>")[0])
    assert len(provinces) == 34 and all(by_slug(p) for p in provinces)
    for label in ("Loại nội dung", "Lĩnh vực", "Tỉnh, thành phố", "Năm", "Cấp công nhận", "Sắp xếp"):
        assert f">{label}</label>" in html


def test_every_page_has_the_search_box_in_its_header(demo_output):
    for url in ("", "mo-hinh/me-do-dau", "tin-tuc", "van-ban", "thong-ke"):
        header = read_page(demo_output, url).split("</header>")[0]
        assert re.search(r'<form class="search-box search-box--compact" role="search" aria-label="Tìm kiếm trên trang" '
                         r'action="/tim-kiem/" method="get">', header), url


# ------------------------------------------------------------------ queries in the browser

def run(browser, server, query="", width=1280, **params):  # noqa: F811
    """Open /tim-kiem/ with the query in its address; wait for the answer; return (page, status, results)."""
    args = ([f"q={quote(query)}"] if query else []) + [f"{k.replace('_', '-')}={v}" for k, v in params.items()]
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(f"{server}/tim-kiem/?{'&'.join(args)}")
    return (page,) + wait_results(page)


def wait_results(page):
    page.wait_for_function("re => new RegExp(re).test(document.querySelector('[data-search-status]').textContent)",
                           arg=DONE.pattern)
    page.wait_for_function("() => document.querySelector('[data-search-status]').textContent.startsWith('Không')"
                           " || document.querySelectorAll('.search-result').length > 0")
    results = [{"title": li.query_selector("h2").inner_text(), "url": li.query_selector("a").get_attribute("href"),
                "line": li.query_selector(".search-result__type").inner_text()}
               for li in page.query_selector_all(".search-result")]
    return page.inner_text("[data-search-status]"), results


@pytest.mark.parametrize("typed", ["me do dau", "Mẹ đỡ đầu", "ME DO DAU", unicodedata.normalize("NFD", "Mẹ đỡ đầu")])
def test_model_name_with_or_without_diacritics_finds_the_model_first(browser, server, typed):  # noqa: F811
    rid, data = record("Mẹ đỡ đầu")
    page, status, results = run(browser, server, typed)
    assert status.startswith("Tìm thấy")
    assert results[0]["title"] == data["name"]
    assert results[0]["url"] == f"/mo-hinh/{rid}/"
    assert results[0]["line"].startswith("Mô hình · Lâm Đồng (hồ sơ ghi: Đắk Nông)")
    # A post that only mentions the model in its body comes after the model's own page.
    mentions = [i for i, r in enumerate(results) if r["url"].startswith("/tin-tuc/")]
    assert mentions and min(mentions) > 0
    page.context.close()


def test_filters_change_results_from_the_keyboard(browser, server):  # noqa: F811
    page, status, results = run(browser, server, "dan van kheo")
    everything = status
    page.locator("#loc-muc").focus()
    page.keyboard.press("ArrowDown")          # "Tin tức": a native select, changed by keyboard
    page.wait_for_function("s => document.querySelector('[data-search-status]').textContent !== s", arg=everything)
    status, results = wait_results(page)
    assert results and all(r["line"].startswith("Tin tức") for r in results)
    assert "muc=tin-tuc" in page.url
    page.context.close()


def test_typing_without_diacritics_finds_the_movement_by_name(browser, server):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 375, "height": 800})
    page = ctx.new_page()
    page.goto(server + "/tim-kiem/")
    page.locator("#tu-khoa").press_sequentially("dan van kheo", delay=20)   # no Enter: results come as one types
    # On a busy machine a pause in typing may show the answer to "dan va" first: wait for the whole query's.
    page.wait_for_function("() => document.querySelector('[data-search-status]').textContent.includes('“dan van kheo”')")
    status, results = wait_results(page)
    assert status.startswith("Tìm thấy")
    assert all("Dân vận khéo" in r["title"] for r in results[:3]), results[:3]
    assert "q=dan+van+kheo" in page.url                                       # the search can be linked
    ctx.close()


def test_owner_query_finds_the_model(browser, server):  # noqa: F811
    rid, data = next((i, r) for i, r in records() if r["owner"] == "Hạt Kiểm lâm huyện Lạc Dương")
    page, status, results = run(browser, server, fold(data["owner"]))
    assert results[0]["url"] == f"/mo-hinh/{rid}/", results[:3]
    page.context.close()


def test_locality_query_finds_the_model(browser, server):  # noqa: F811
    # A record whose district or commune is written only in its locality (not in its name, owner or summary).
    rid, data = next((i, r) for i, r in sorted(records()) if r.get("locality") and not r.get("draft")
                     and fold(r["locality"]) not in fold(" ".join((r["name"], r["owner"], r["summary"]))))
    page, status, results = run(browser, server, fold(data["locality"]), muc="mo-hinh")
    assert f"/mo-hinh/{rid}/" in [r["url"] for r in results[:5]], (data["locality"], results[:5])
    page.context.close()


def test_filters_narrow_results_to_one_type_and_province(browser, server):  # noqa: F811
    page, status, results = run(browser, server, "dan van kheo", muc="van-ban")
    documents = len(list((ROOT / "content" / "van-ban").glob("*.md")))
    assert 0 < len(results) <= documents
    assert all(r["line"].startswith("Văn bản") and r["url"].startswith("/van-ban/") for r in results)
    assert page.locator("#loc-muc").input_value() == "van-ban"
    page.context.close()

    page, status, results = run(browser, server, tinh="lam-dong", muc="mo-hinh")
    expected = {rid for rid, r in records() if not r.get("draft") and resolve(r["province"]).province.slug == "lam-dong"}
    assert len(expected) > 10 and status == f"Tìm thấy {len(expected)} kết quả."
    assert len(results) == 10 and all(r["line"].startswith("Mô hình · Lâm Đồng") for r in results)
    page.locator("[data-search-more]").focus()                                # the next ten, by keyboard
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.search-result').length >= n",       # all shown, not
                           arg=min(20, len(expected)))                                              # only the 11th
    urls = [a.get_attribute("href") for a in page.query_selector_all(".search-result h2 a")]
    assert len(urls) == min(20, len(expected)) and {u.split("/")[2] for u in urls} <= expected
    # Focus moves to the first of the new results, so a keyboard or screen reader user reads on from there.
    page.wait_for_function("() => document.activeElement.closest('.search-result') !== null")
    assert page.evaluate("document.activeElement.getAttribute('href')") == urls[10]
    page.context.close()


def test_sorting_by_date_puts_the_newest_first(browser, server):  # noqa: F811
    page, status, results = run(browser, server, "dan van kheo", muc="tin-tuc", sap_xep="moi-nhat")
    dates = [tuple(map(int, reversed(re.search(r"(\d+)/(\d+)/(\d{4})", r["line"]).groups()))) for r in results]
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True)
    page.context.close()


def test_the_word_being_typed_finds_the_model(browser, server):  # noqa: F811
    rid, data = record("Mẹ đỡ đầu")
    page, status, results = run(browser, server, "me do da")
    assert results[0]["url"] == f"/mo-hinh/{rid}/"
    page.context.close()


def test_level_and_year_filters_count_the_records_they_match(browser, server):  # noqa: F811
    rid, data = next((i, r) for i, r in sorted(records()) if (r.get("recognized") or {}).get("level") == "province")
    year = data["recognized"]["year"]
    expected = {i for i, r in records() if not r.get("draft") and (r.get("recognized") or {}).get("level") == "province"
                and r["recognized"]["year"] == year}
    page, status, results = run(browser, server, cap="cap-tinh", nam=year)
    assert status == f"Tìm thấy {len(expected)} kết quả."
    assert {r["url"].split("/")[2] for r in results} == expected
    page.context.close()


def test_sorting_by_date_mixes_models_and_posts_newest_first(browser, server):  # noqa: F811
    page, status, results = run(browser, server, "dan van kheo", sap_xep="moi-nhat")

    def when(line):
        day = re.search(r"(\d+)/(\d+)/(\d{4})", line)
        return tuple(map(int, reversed(day.groups()))) if day else (int(line.rsplit("· ", 1)[1]), 1, 1)
    kinds = {r["line"].split(" · ")[0] for r in results}
    dates = [when(r["line"]) for r in results]
    assert {"Mô hình", "Tin tức"} <= kinds and dates == sorted(dates, reverse=True)
    page.context.close()


def test_a_query_with_no_result_says_so_in_vietnamese(browser, server):  # noqa: F811
    page, status, results = run(browser, server, "xyzzy qwerty")
    assert status == "Không tìm thấy kết quả nào cho “xyzzy qwerty”. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc."
    assert results == []
    page.context.close()


def test_without_javascript_the_page_says_search_needs_it(browser, server):  # noqa: F811
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/tim-kiem/?q=me+do+dau")
    assert "Tìm kiếm cần JavaScript." in page.locator("main").inner_text()
    assert not page.locator("form[data-search-form]").is_visible()
    ctx.close()


def test_header_search_box_leads_to_results(browser, server):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 375, "height": 800})
    page = ctx.new_page()
    page.goto(server + "/mo-hinh/")
    page.locator("#tim-kiem-nhanh").fill("tiet hoc vung bien")
    page.locator("#tim-kiem-nhanh").press("Enter")
    status, results = wait_results(page)
    assert page.locator("#tu-khoa").input_value() == "tiet hoc vung bien"
    assert "Tiết học vùng biên" in [r["title"] for r in results[:2]]
    ctx.close()


def test_a_site_with_nothing_to_search_still_builds(site):
    site.build()
    manifest = json.loads((site.output / "recindex" / "index.json").read_text(encoding="utf-8"))
    assert manifest["records"] == 0 and index_cards(site.output) == []
    assert "Tìm kiếm cần JavaScript" in read_page(site.output, "tim-kiem")


def test_words_already_typed_load_before_the_search_runs(browser, server):  # noqa: F811
    """While the reader types "dân vận kh", the shards of "dân" and "vận" load; the word being typed does not."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{server}/tim-kiem/")
    page.wait_for_function("() => document.querySelector('[data-search-status]').textContent.startsWith('Nhập')")
    page.evaluate("() => { window.__before = performance.getEntriesByType('resource').length; }")
    page.evaluate("""async () => {
      const ix = await window.DvkIndex(document.querySelector('[data-search-form]').getAttribute('data-index'));
      ix.prefetch('dân vận kh');                // no search: what loads, the prefetch asked for
    }""")
    shards_js = """() => performance.getEntriesByType('resource').slice(window.__before)
                         .map(e => new URL(e.name).pathname).filter(p => p.includes('/t/'))
                         .map(p => p.split('/').pop().replace('.bin', ''))"""
    page.wait_for_function(f"() => ({shards_js})().length >= 2")
    page.wait_for_timeout(300)
    shards = page.evaluate(shards_js)
    ctx.close()
    assert any("dan".startswith(s) or s.startswith("dan") for s in shards), shards
    assert any("van".startswith(s) or s.startswith("van") for s in shards), shards
    assert not any(s.startswith("kh") for s in shards), shards


def test_the_first_result_is_not_kept_waiting_by_the_other_cards(browser, server):  # noqa: F811
    """The first result's card file is asked for alone; the other results' files only once it has arrived
    (asked for together, they share the connection and the first result waits for all of them)."""
    page, status, results = run(browser, server, "dan")
    page.wait_for_function("() => !document.querySelector('[data-search-status]').textContent.startsWith('Đang')")
    cards = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => new URL(e.name).pathname.includes('/recindex/c/'))
        .map(e => [new URL(e.name).pathname, e.startTime, e.responseEnd])
        .sort((a, b) => a[1] - b[1])""")
    page.context.close()
    assert status.startswith("Tìm thấy") and len(results) == 10
    assert len(cards) >= 2, cards              # the ten results are in more than one card file
    first_end = cards[0][2]
    assert all(start >= first_end for _, start, _ in cards[1:]), cards
