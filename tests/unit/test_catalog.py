"""dvk.derive.catalog on plain records: the five filters and the script's columnar index."""
from __future__ import annotations

from dvk.derive.catalog import catalog_index, facets
from dvk.model.provinces import by_slug

from unitdata import FIELDS, record

CHO_NOI = record("cho-noi", "Chợ nổi văn minh", "Cần Thơ", "economy", [], "individual",
                 recognized=(2024, "province"), owner="Bà Trần Thị Mỹ", illustrative=True)
ME_DO_DAU = record("me-do-dau", "Mẹ đỡ đầu", "Đắk Nông", "culture-society", ["children"], "collective",
                   registered=2020, recognized=(2024, "province"), owner="Công an tỉnh Đắk Nông")
TO_DOAN_KET = record("to-doan-ket", "Tổ đoàn kết ngư dân", "Bình Thuận", "defense-security", [], "collective",
                     recognized=(2023, "grassroots"), status="replicated", owner="Đồn Biên phòng Phan Thiết")
CON_NUOI = record("con-nuoi", "Con nuôi đồn biên phòng", "Hà Giang", "defense-security", [], "individual",
                  registered=2021, recognized=(2022, "district"), owner="Thượng úy Nguyễn Văn Hùng")
BEP_COM = record("bep-com", "Bếp cơm yêu thương", "TP. Hồ Chí Minh", "culture-society", [], "collective",
                 owner="Hội Liên hiệp Phụ nữ phường")
CATALOG = [CHO_NOI, ME_DO_DAU, TO_DOAN_KET, CON_NUOI, BEP_COM]          # catalog order, written by hand
PROVINCES = [by_slug(s) for s in ("can-tho", "ho-chi-minh", "lam-dong", "tuyen-quang", "ha-noi")]


def table(facet):
    return [(o.value, o.label, o.slug, o.url, [m.id for m in o.items], o.catalog_listing) for o in facet.options]


def test_the_five_filters_in_order():
    assert [(f.key, f.label) for f in facets(CATALOG, PROVINCES, FIELDS)] == [
        ("linh-vuc", "Lĩnh vực"), ("tinh", "Tỉnh, thành phố"), ("loai", "Loại mô hình"),
        ("cap", "Cấp công nhận"), ("nam", "Năm công nhận")]


def test_field_and_province_link_to_their_own_listings_and_leave_out_empty_options():
    field, province = facets(CATALOG, PROVINCES, FIELDS)[:2]
    assert table(field) == [
        ("economy", "Kinh tế", "kinh-te", "linh-vuc/kinh-te/tat-ca/", ["cho-noi"], False),
        ("culture-society", "Văn hóa - xã hội", "van-hoa-xa-hoi", "linh-vuc/van-hoa-xa-hoi/tat-ca/",
         ["me-do-dau", "bep-com"], False),
        ("defense-security", "Quốc phòng - an ninh", "quoc-phong-an-ninh", "linh-vuc/quoc-phong-an-ninh/tat-ca/",
         ["to-doan-ket", "con-nuoi"], False),
    ]                                                   # party-building and Hà Nội have no record: no option
    assert table(province) == [
        ("92", "Cần Thơ", "can-tho", "tinh/can-tho/", ["cho-noi"], False),
        ("79", "Hồ Chí Minh", "ho-chi-minh", "tinh/ho-chi-minh/", ["bep-com"], False),
        ("68", "Lâm Đồng", "lam-dong", "tinh/lam-dong/", ["me-do-dau", "to-doan-ket"], False),
        ("08", "Tuyên Quang", "tuyen-quang", "tinh/tuyen-quang/", ["con-nuoi"], False),
    ]


def test_kind_level_and_year_have_catalog_listings():
    kind, level, year = facets(CATALOG, PROVINCES, FIELDS)[2:]
    assert table(kind) == [
        ("collective", "Tập thể", "tap-the", "mo-hinh/loai/tap-the/", ["me-do-dau", "to-doan-ket", "bep-com"], True),
        ("individual", "Cá nhân", "ca-nhan", "mo-hinh/loai/ca-nhan/", ["cho-noi", "con-nuoi"], True),
    ]
    assert table(level) == [
        ("grassroots", "Cấp cơ sở", "cap-co-so", "mo-hinh/cap/cap-co-so/", ["to-doan-ket"], True),
        ("district", "Cấp huyện", "cap-huyen", "mo-hinh/cap/cap-huyen/", ["con-nuoi"], True),
        ("province", "Cấp tỉnh", "cap-tinh", "mo-hinh/cap/cap-tinh/", ["cho-noi", "me-do-dau"], True),
    ]
    assert table(year) == [
        ("2024", "2024", "2024", "mo-hinh/nam/2024/", ["cho-noi", "me-do-dau"], True),
        ("2023", "2023", "2023", "mo-hinh/nam/2023/", ["to-doan-ket"], True),
        ("2022", "2022", "2022", "mo-hinh/nam/2022/", ["con-nuoi"], True),
    ]
    assert year.option(2023).count == 1 and year.option("2021") is None


def test_every_record_appears_once_per_filter():
    for facet in facets(CATALOG, PROVINCES, FIELDS)[:3]:
        assert sorted(m.id for o in facet.options for m in o.items) == sorted(m.id for m in CATALOG)


def test_the_scripts_index_is_columnar():
    index = catalog_index(CATALOG, PROVINCES, FIELDS)
    assert index["columns"] == ["id", "name", "owner", "province", "written", "field", "kind", "level", "year",
                                "status", "registered", "illustrative"]
    assert index["provinces"] == [["92", "Cần Thơ"], ["79", "Hồ Chí Minh"], ["68", "Lâm Đồng"],
                                  ["08", "Tuyên Quang"], ["01", "Hà Nội"]]
    assert index["kinds"] == [["collective", "tập thể"], ["individual", "cá nhân"]]
    assert index["models"] == [
        ["cho-noi", "Chợ nổi văn minh", "Bà Trần Thị Mỹ", 0, "", 0, 1, 2, 2024, 1, 0, 1],
        ["me-do-dau", "Mẹ đỡ đầu", "Công an tỉnh Đắk Nông", 2, "Đắk Nông", 1, 0, 2, 2024, 1, 2020, 0],
        ["to-doan-ket", "Tổ đoàn kết ngư dân", "Đồn Biên phòng Phan Thiết", 2, "Bình Thuận", 2, 0, 0, 2023, 2, 0, 0],
        ["con-nuoi", "Con nuôi đồn biên phòng", "Thượng úy Nguyễn Văn Hùng", 3, "Hà Giang", 2, 1, 1, 2022, 1, 2021, 0],
        ["bep-com", "Bếp cơm yêu thương", "Hội Liên hiệp Phụ nữ phường", 1, "", 1, 0, -1, 0, 0, 0, 0],
    ]
