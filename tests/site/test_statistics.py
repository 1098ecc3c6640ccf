"""Statistics pages and open data: what a reader sees on /tinh/<province>/, /thong-ke/ and /du-lieu/.

Counts are computed here from the records the test writes (``RECORDS``), with
plain Python and a hand-written table of which province each name belongs to
today, never through ``dvk.derive.stats``; the demo-site check reads the YAML files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter

import html5lib
import pytest
from zoneinfo import ZoneInfo
import yaml

from conftest import ROOT, Site, read_page, records as demo_records, text_of

SVG = "{http://www.w3.org/2000/svg}"
TODAY = {"Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng", "Lâm Đồng": "Lâm Đồng", "Hà Nội": "Hà Nội"}
FIELDS = {"economy": "Kinh tế", "culture-society": "Văn hóa - xã hội", "defense-security": "Quốc phòng - an ninh",
          "party-building": "Xây dựng Đảng và hệ thống chính trị"}
LEVELS = {"grassroots": "Cấp cơ sở", "district": "Cấp huyện", "province": "Cấp tỉnh", "national": "Cấp toàn quốc"}

# id: (province as written, field, kind, registered, recognized (year, level) or None, extra keys)
RECORDS = {
    "nuoi-em": ("Đắk Nông", "culture-society", "collective", 2019, (2020, "province"), {}),
    "duong-hoa": ("Đắk Nông", "economy", "collective", 2021, (2023, "district"), {}),
    "ho-ngheo": ("Đắk Nông", "economy", "individual", 2022, None, {}),
    "bien-xanh": ("Bình Thuận", "defense-security", "collective", 2022, (2024, "grassroots"), {}),
    "lang-chai": ("Bình Thuận", "economy", "individual", None, (2018, "grassroots"), {}),
    "ca-phe": ("Lâm Đồng", "party-building", "collective", 2020, (2022, "national"), {}),
    "pho-co": ("Hà Nội", "culture-society", "collective", 2023, (2024, "province"), {}),
    "lua-sach": ("Hà Nội", "economy", "individual", 2024, None, {}),
    "ban-nhap": ("Hà Nội", "economy", "collective", 2024, (2025, "national"), {"draft": True}),
}
DRAFT_NAME = "Mô hình còn là bản nháp"


BUILT = dt.datetime(2025, 3, 9, 23, 59, 58)


@pytest.fixture(scope="module")
def stats_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("thongke") / "site")
    for rid, (province, field, kind, registered, recognized, extra) in RECORDS.items():
        name = DRAFT_NAME if extra.get("draft") else f"Mô hình “{rid}” ở {province}"
        site.model(rid, name=name, province=province, field=field, kind=kind, registered=registered,
                   topics=["children"] if field == "culture-society" else None,
                   recognized={"year": recognized[0], "level": recognized[1]} if recognized else None,
                   status="recognized" if recognized else "registered",
                   owner="Hội Nông dân xã Đắk Ha" if kind == "collective" else "Bà Nguyễn Thị Hường", **extra)
    site.write("data/reports/dak-nong.yaml", yaml.safe_dump({
        "title": "Mô hình được công nhận ở Đắk Nông 2013–2023", "scope": {"province": "Đắk Nông"},
        "period": {"from": 2013, "to": 2023}, "totals": {"recognized": 697, "registered": 265},
        "source": {"title": "Báo Đắk Nông", "url": "https://baodaknong.vn/bai-viet-227749.html"},
    }, allow_unicode=True))
    with pytest.MonkeyPatch.context() as mp:      # the build's date, fixed (reproducible builds): not the clock
        mp.setenv("SOURCE_DATE_EPOCH", str(int(BUILT.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).timestamp())))
        site.build()
    return site


def written():
    """The published records (drafts excluded), from the table the YAML files were written from."""
    return [(rid, r) for rid, r in RECORDS.items() if not r[5].get("draft")]


def records_in(today: str):
    return [r for _, r in written() if TODAY[r[0]] == today]


def number(text: str) -> int:
    return int(text.strip().replace(".", ""))


def parse(html: str):
    return html5lib.parse(html, namespaceHTMLElements=False)


def text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def charts(html: str) -> dict[str, dict]:
    """Every chart of a page: heading, the bars' name and description, the values the bars print, the
    bars' lengths, and the table."""
    found = {}
    for sec in parse(html).iter("section"):
        if sec.get("class") != "chart":
            continue
        heading = next(h for h in sec.iter() if h.tag in ("h2", "h3", "h4"))
        bars = next(e for e in sec.iter("div") if "bars" in (e.get("class") or "").split())
        ids = bars.get("aria-labelledby").split()
        by_id = {e.get("id"): e for e in bars.iter() if e.get("id")}
        table = next(sec.iter("table"))
        header = [text(th) for th in table.find("thead").iter("th")]
        rows = {}
        for tr in table.find("tbody").iter("tr"):
            rows[text(tr.find("th"))] = [number(text(td)) for td in tr.iter("td")]
        found[text(heading)] = {
            "role": bars.get("role"), "labelled": [text(by_id[i]) if i in by_id else None for i in ids],
            "printed": [number(text(t)) for t in bars.iter("span") if t.get("class") == "bars__value"],
            "labels": [text(t) for t in bars.iter("span") if t.get("class") == "bars__label"],
            "widths": [float(re.search(r"width:([\d.]+)%", b.get("style")).group(1))
                       for b in bars.iter("span") if (b.get("class") or "").startswith("bars__bar ")],
            "caption": text(table.find("caption")), "header": header, "rows": rows,
        }
    return found


# ---------------------------------------------------------------- province page

def test_province_page_counts_equal_the_records(stats_site):
    mine = records_in("Lâm Đồng")
    html = stats_site.page("tinh/lam-dong")
    page = text_of(html)
    recognized = sum(1 for r in mine if r[4])
    assert f"{len(mine)} mô hình có hồ sơ, trong đó {recognized} mô hình được công nhận" in page
    c = charts(html)
    by_field = Counter(r[1] for r in mine)
    assert c["Mô hình theo lĩnh vực ở Lâm Đồng"]["rows"] == {FIELDS[f]: [by_field[f]] for f in FIELDS}
    assert c["Mô hình tập thể và cá nhân ở Lâm Đồng"]["rows"] == {
        "Tập thể": [sum(1 for r in mine if r[2] == "collective")], "Cá nhân": [sum(1 for r in mine if r[2] == "individual")]}
    levels = Counter(r[4][1] for r in mine if r[4])
    assert c["Mô hình được công nhận theo cấp ở Lâm Đồng"]["rows"] == {LEVELS[k]: [levels[k]] for k in LEVELS}
    assert c["Mô hình theo tình trạng ở Lâm Đồng"]["rows"] == {
        "Đăng ký": [len(mine) - recognized], "Được công nhận": [recognized], "Được nhân rộng": [0]}
    assert c["Mô hình theo chủ đề ở Lâm Đồng"]["rows"] == {"Chăm sóc, bảo vệ trẻ em": [1]}
    years = c["Mô hình đăng ký và được công nhận theo năm ở Lâm Đồng"]
    assert years["header"] == ["Năm", "Đăng ký xây dựng", "Được công nhận"]
    reg, rec = Counter(r[3] for r in mine if r[3]), Counter(r[4][0] for r in mine if r[4])
    first, last = min(reg | rec), max(reg | rec)
    assert years["rows"] == {str(y): [reg[y], rec[y]] for y in range(first, last + 1)}


def test_merged_province_shows_its_former_provinces(stats_site):
    c = charts(stats_site.page("tinh/lam-dong"))
    former = c["Mô hình theo tỉnh, thành phố trước năm 2025 ghi trong hồ sơ ở Lâm Đồng"]["rows"]
    assert former == {"Bình Thuận": [2], "Đắk Nông": [3], "Lâm Đồng": [1]}
    assert "gồm các tỉnh, thành phố trước đây: Bình Thuận, Đắk Nông, Lâm Đồng" in text_of(stats_site.page("tinh/lam-dong"))


def test_reported_figures_are_shown_with_their_source_and_never_summed(stats_site):
    html = stats_site.page("tinh/lam-dong")
    page = text_of(html)
    assert "Mô hình được công nhận ở Đắk Nông 2013–2023" in page and "giai đoạn 2013–2023" in page
    assert 'href="https://baodaknong.vn/bai-viet-227749.html"' in html
    # Records of the former Đắk Nông recognised 2013–2023 against the reported 697; registered likewise.
    dak_nong = [r for _, r in written() if r[0] == "Đắk Nông"]
    rec = sum(1 for r in dak_nong if r[4] and 2013 <= r[4][0] <= 2023)
    reg = sum(1 for r in dak_nong if r[3] and 2013 <= r[3] <= 2023)
    assert f"Trên trang có hồ sơ của {rec} trong số 697 mô hình được công nhận theo báo cáo" in page
    assert f"Trên trang có hồ sơ của {reg} trong số 265 mô hình đăng ký xây dựng theo báo cáo" in page
    # The record counts stay the records' own.
    mine = records_in("Lâm Đồng")
    assert f"{len(mine)} mô hình có hồ sơ" in page
    national = text_of(stats_site.page("thong-ke"))
    assert f"{len(written())} mô hình có hồ sơ trên trang" in national
    assert "697 (2013–2023)" in national


# ---------------------------------------------------------------- national page

def province_rows(html):
    table = next(t for t in parse(html).iter("table") if "stat-table--provinces" in (t.get("class") or ""))
    rows = []
    for tr in table.find("tbody").iter("tr"):
        rows.append([text(tr.find("th"))] + [text(td) for td in tr.iter("td")])
    return table, rows


def test_national_table_counts_and_order(stats_site):
    html = stats_site.page("thong-ke")
    table, rows = province_rows(html)
    # Issue 15: only provinces with records (or reports) have a row; the others are folded into one line.
    assert len(rows) == 2
    counts = Counter(TODAY[r[0]] for _, r in written())
    # Without JavaScript: most records first, then by name.
    assert [r[0] for r in rows[:2]] == ["Lâm Đồng", "Hà Nội"]
    folded = text(next(p for p in parse(html).iter("p") if p.get("class") == "stat-table__empty"))
    assert folded.startswith("Chưa có hồ sơ mô hình trên trang (32 tỉnh, thành phố): An Giang, Bắc Ninh, Cà Mau, ")
    assert folded.endswith(", Tuyên Quang, Vĩnh Long.")
    by_name = {r[0]: r for r in rows}
    for province in ("Lâm Đồng", "Hà Nội"):
        mine = records_in(province)
        row = by_name[province]
        assert number(row[1]) == counts[province]
        assert number(row[2]) == sum(1 for r in mine if r[4])
        assert [number(v) for v in row[3:7]] == [sum(1 for r in mine if r[1] == f) for f in FIELDS]
    assert by_name["Lâm Đồng"][7] == "697 (2013–2023)" and by_name["Hà Nội"][7] == "—"
    # Sortable with the script: every sortable header says how it sorts.
    assert table.get("data-sortable") is not None
    assert [th.get("data-sort") for th in table.find("thead").iter("th")] == ["text"] + ["number"] * 7
    assert "theme/js/sort-table.js" in html


def test_national_charts_equal_the_records(stats_site):
    c = charts(stats_site.page("thong-ke"))
    recs = [r for _, r in written()]
    reg, rec = Counter(r[3] for r in recs if r[3]), Counter(r[4][0] for r in recs if r[4])
    years = c["Mô hình đăng ký và được công nhận theo năm, cả nước"]["rows"]
    assert years == {str(y): [reg[y], rec[y]] for y in range(min(reg | rec), max(reg | rec) + 1)}
    split = c["Mô hình theo lĩnh vực và loại, cả nước"]
    assert split["header"] == ["Lĩnh vực", "Tập thể", "Cá nhân"]
    assert split["rows"] == {FIELDS[f]: [sum(1 for r in recs if r[1] == f and r[2] == k)
                                         for k in ("collective", "individual")] for f in FIELDS}


def test_map_links_every_province_with_its_count(stats_site):
    html = stats_site.page("thong-ke")
    svg = next(e for e in parse(html).iter(SVG + "svg") if "vn-map__svg" in (e.get("class") or ""))
    links = list(svg.iter(SVG + "a"))
    assert len(links) == 34
    assert svg[0].tag == SVG + "title" and text(svg[0]) == "Bản đồ số mô hình có hồ sơ theo tỉnh, thành phố"
    lam_dong = next(a for a in links if a.get("href") == "/tinh/lam-dong/")
    n = len(records_in("Lâm Đồng"))
    assert lam_dong.get("aria-label") == f"Lâm Đồng: {n} mô hình có hồ sơ, {sum(1 for r in records_in('Lâm Đồng') if r[4])} được công nhận"
    assert text(lam_dong) == "Lâm Đồng"                 # labelled on the map
    assert "Quần đảo Hoàng Sa" in html and "Quần đảo Trường Sa" in html


def test_every_chart_has_a_title_and_a_table_matching_the_picture(stats_site):
    for url in ("tinh/lam-dong", "tinh/ha-noi", "thong-ke"):
        found = charts(stats_site.page(url))
        assert len(found) >= 3, url
        for heading, c in found.items():
            assert c["role"] == "img", heading
            title, desc = c["labelled"]
            assert title == heading == c["caption"], heading
            # The description speaks the numbers of the table, in the same order.
            numbers = [v for values in c["rows"].values() for v in values]
            assert [number(n) for n in re.findall(r"\d[\d.]*(?=[,;.]?(?: |$))", desc)
                    if not re.fullmatch(r"20\d\d", n)] == numbers, heading
            # The bars carry the table's labels, whole, and print its numbers (a stacked bar: its total).
            assert c["labels"] == list(c["rows"]), heading
            stacked = len(c["header"]) > 2 and len(c["printed"]) == len(c["rows"])
            assert c["printed"] == ([sum(v) for v in c["rows"].values()] if stacked else numbers), heading
            # Each bar is as long as its share of the largest row (a stacked bar: of the largest total).
            top = max((sum(v) if stacked else max(v)) for v in c["rows"].values())
            expected = [round(100 * v / top, 2) for v in numbers if v > 0]
            assert c["widths"] == expected, heading


# ---------------------------------------------------------------- open data

def test_csv_holds_the_published_records_with_diacritics(stats_site):
    raw = (stats_site.output / "du-lieu" / "mo-hinh.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    # Exactly the fields a reader sees on the model pages, in this order (no description, no internal code).
    assert header == ["id", "url", "name", "kind", "kind_label", "owner", "field", "field_label", "topics",
                      "topics_label", "province", "province_as_written", "locality", "registered", "recognized_year",
                      "recognized_level", "recognized_level_label", "status", "status_label", "summary", "illustrative"]
    # Written back with the csv module, the rows are the same text, diacritics intact.
    out = io.StringIO(newline="")
    text = raw.decode("utf-8-sig")
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n" if "\r\n" in text else "\n")
    writer.writeheader()
    writer.writerows(rows)
    assert out.getvalue() == text
    published = dict(written())
    assert sorted(r["id"] for r in rows) == sorted(published)
    row = next(r for r in rows if r["id"] == "nuoi-em")
    assert row["name"] == "Mô hình “nuoi-em” ở Đắk Nông"
    assert (row["province"], row["province_as_written"]) == ("Lâm Đồng", "Đắk Nông")
    assert {r["province_as_written"] for r in rows if r["province"] == "Hà Nội"} == {""}   # same as today: left empty
    assert (row["field"], row["field_label"], row["kind_label"]) == ("culture-society", "Văn hóa - xã hội", "Tập thể")
    assert (row["recognized_year"], row["recognized_level_label"]) == ("2020", "Cấp tỉnh")
    assert row["url"] == "/mo-hinh/nuoi-em/" and row["topics_label"] == "Chăm sóc, bảo vệ trẻ em"
    assert DRAFT_NAME not in raw.decode("utf-8-sig")


def test_json_and_statistics_files(stats_site):
    folder = stats_site.output / "du-lieu"
    doc = json.loads((folder / "mo-hinh.json").read_text(encoding="utf-8"))
    assert doc["licence"] == "CC BY 4.0" and doc["count"] == len(written())
    assert sorted(r["id"] for r in doc["records"]) == sorted(dict(written()))
    assert DRAFT_NAME not in (folder / "mo-hinh.json").read_text(encoding="utf-8")
    assert next(r for r in doc["records"] if r["id"] == "ho-ngheo")["recognized_year"] is None
    stats = json.loads((folder / "thong-ke.json").read_text(encoding="utf-8"))
    assert stats["national"]["records"] == len(written())
    lam_dong = next(p for p in stats["provinces"] if p["slug"] == "lam-dong")
    assert lam_dong["by_former_province"] == {"Bình Thuận": 2, "Đắk Nông": 3, "Lâm Đồng": 1}
    assert stats["reported"][0]["totals"] == {"recognized": 697, "registered": 265}
    schema = (ROOT / "data" / "schema" / "model.schema.json").read_text(encoding="utf-8")
    assert (folder / "model.schema.json").read_text(encoding="utf-8") == schema


def test_open_data_page_explains_columns_licence_and_date(stats_site):
    page = text_of(stats_site.page("du-lieu"))
    header = (stats_site.output / "du-lieu" / "mo-hinh.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == [
        "id", "url", "name", "kind", "kind_label", "owner", "field", "field_label", "topics", "topics_label",
        "province", "province_as_written", "locality", "registered", "recognized_year", "recognized_level",
        "recognized_level_label", "status", "status_label", "summary", "illustrative"]
    for column in header.split(","):
        assert re.search(rf"\b{column}\b", page), column
    assert "CC BY 4.0" in page
    assert "Dữ liệu cập nhật ngày 9/3/2025" in page
    stats = json.loads((stats_site.output / "du-lieu" / "thong-ke.json").read_text(encoding="utf-8"))
    assert stats["generated"] == "2025-03-09"
    assert f"Danh sách {len(written())} mô hình" in page
    assert 'href="/du-lieu/">Dữ liệu mở</a>' in stats_site.page("")
    assert "/du-lieu/</loc>" in (stats_site.output / "sitemap.xml").read_text(encoding="utf-8")


def test_preview_build_publishes_no_draft_as_open_data(stats_site, tmp_path):
    from dvk.site.build import build
    out = tmp_path / "preview"
    build(stats_site.root, out, settings_file=ROOT / "pelican.conf.py", preview=True)
    assert DRAFT_NAME in (out / "mo-hinh" / "ban-nhap" / "index.html").read_text(encoding="utf-8")
    assert DRAFT_NAME not in (out / "du-lieu" / "mo-hinh.csv").read_text(encoding="utf-8-sig")
    stats = json.loads((out / "du-lieu" / "thong-ke.json").read_text(encoding="utf-8"))
    assert stats["national"]["records"] == len(written())


# ---------------------------------------------------------------- the demo site

def test_demo_lam_dong_compares_the_report_with_its_records(demo_output):
    recs = [r for _, r in demo_records() if not r.get("draft")]
    from_dak_nong = [r for r in recs if r["province"] == "Đắk Nông"]
    n = sum(1 for r in from_dak_nong if r.get("recognized") and 2013 <= r["recognized"]["year"] <= 2023)
    page = text_of(read_page(demo_output, "tinh/lam-dong"))
    assert f"Trên trang có hồ sơ của {n} trong số 697 mô hình được công nhận theo báo cáo" in page
    csv_rows = list(csv.DictReader(io.StringIO((demo_output / "du-lieu" / "mo-hinh.csv").read_text(encoding="utf-8-sig"))))
    assert len(csv_rows) == len(recs)
