"""dvk.derive.opendata.statistics_document: counts from the records; reported figures shown apart, never added."""
from __future__ import annotations

from dvk.derive.opendata import statistics_document
from dvk.derive.stats import compute
from dvk.model.provinces import by_slug

from unitdata import FIELDS, record, report

RECORDS = [
    record("me-do-dau", "Mẹ đỡ đầu", "Đắk Nông", "culture-society", ["children"], "collective",
           registered=2020, recognized=(2024, "province")),
    record("to-doan-ket", "Tổ đoàn kết ngư dân", "Bình Thuận", "defense-security", [], "individual",
           registered=2019),
    record("zalo-khu-pho", "Nhóm Zalo khu phố", "Hà Nội", "economy", [], recognized=(2022, "district")),
]
REPORTS = [
    report("dak-nong-2013-2023", "Đắk Nông", (2013, 2023), recognized=697, registered=265),
    report("co-quan-tinh-2020", None, (2018, 2020), unit="Đảng bộ Các cơ quan tỉnh", recognized=112),
]
PROVINCES = [by_slug("ha-noi"), by_slug("lam-dong"), by_slug("hue")]


def document():
    return statistics_document(compute(RECORDS), PROVINCES, FIELDS, REPORTS, {"title": "Thống kê", "generated": "2025-03-10"})


def test_each_province_counts_its_records_only():
    provinces = {p["slug"]: p for p in document()["provinces"]}
    assert [p["slug"] for p in document()["provinces"]] == ["ha-noi", "lam-dong", "hue"]
    lam_dong = provinces["lam-dong"]
    assert lam_dong["records"] == 2                  # not 2 + 697 or 2 + 265: reported figures stay apart
    assert lam_dong["recognized"] == 1
    assert lam_dong["by_field"] == {"economy": 0, "culture-society": 1, "defense-security": 1, "party-building": 0}
    assert lam_dong["by_kind"] == {"collective": 1, "individual": 1}
    assert lam_dong["by_level"] == {"grassroots": 0, "district": 0, "province": 1, "national": 0}
    assert lam_dong["by_status"] == {"registered": 1, "recognized": 1, "replicated": 0}
    assert lam_dong["registered_by_year"] == {"2019": 1, "2020": 1}
    assert lam_dong["recognized_by_year"] == {"2024": 1}
    assert lam_dong["by_former_province"] == {"Bình Thuận": 1, "Đắk Nông": 1, "Lâm Đồng": 0}
    assert (lam_dong["code"], lam_dong["name"], lam_dong["full_name"]) == ("68", "Lâm Đồng", "Tỉnh Lâm Đồng")
    assert provinces["ha-noi"]["records"] == 1 and "by_former_province" not in provinces["ha-noi"]
    assert provinces["hue"]["records"] == 0 and provinces["hue"]["recognized"] == 0


def test_the_national_counts_are_the_records():
    national = document()["national"]
    assert national["records"] == 3
    assert national["recognized"] == 2
    assert national["by_topic"] == {"children": 1}


def test_reported_figures_are_shown_as_reported():
    doc = document()
    assert doc["title"] == "Thống kê" and doc["generated"] == "2025-03-10"
    assert doc["reported"] == [
        {"id": "dak-nong-2013-2023", "title": "Báo cáo dak-nong-2013-2023", "province": "Lâm Đồng",
         "province_as_written": "Đắk Nông", "unit": None, "period": {"from": 2013, "to": 2023},
         "totals": {"recognized": 697, "registered": 265},
         "source": {"title": "Báo Đắk Nông", "url": "https://baodaknong.vn/bai-viet.html"}},
        {"id": "co-quan-tinh-2020", "title": "Báo cáo co-quan-tinh-2020", "province": None,
         "province_as_written": None, "unit": "Đảng bộ Các cơ quan tỉnh", "period": {"from": 2018, "to": 2020},
         "totals": {"recognized": 112},
         "source": {"title": "Báo Đắk Nông", "url": "https://baodaknong.vn/bai-viet.html"}},
    ]
