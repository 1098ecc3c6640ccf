"""Province names: today's 34, the 63 before the 2025 merger, with and without diacritics."""
import pytest

from dvk.model.provinces import all_provinces, by_slug, resolve


def test_there_are_34_provinces_today_covering_63_former_ones():
    provinces = all_provinces()
    assert len(provinces) == 34
    assert sum(len(p.formers) for p in provinces) == 63
    assert by_slug("lam-dong").formers == ("Bình Thuận", "Đắk Nông", "Lâm Đồng")
    assert by_slug("ho-chi-minh").full_name == "Thành phố Hồ Chí Minh"


@pytest.mark.parametrize("written, today, former", [
    ("Đắk Nông", "Lâm Đồng", "Đắk Nông"),
    ("Dak Nong", "Lâm Đồng", "Đắk Nông"),
    ("dak nong", "Lâm Đồng", "Đắk Nông"),
    ("Tỉnh Đắk Nông", "Lâm Đồng", "Đắk Nông"),
    ("Lâm Đồng", "Lâm Đồng", "Lâm Đồng"),
    ("Bến Tre", "Vĩnh Long", "Bến Tre"),
    ("Tỉnh Bến Tre", "Vĩnh Long", "Bến Tre"),
    ("Quảng Bình", "Quảng Trị", "Quảng Bình"),
    ("Ha Giang", "Tuyên Quang", "Hà Giang"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Bình Dương", "Hồ Chí Minh", "Bình Dương"),
    ("Thừa Thiên Huế", "Huế", "Huế"),
    ("Thành phố Huế", "Huế", "Huế"),
    ("Hà Nội", "Hà Nội", "Hà Nội"),
    ("Hoà Bình", "Phú Thọ", "Hòa Bình"),              # old-style tone mark placement
    ("Đă\u0301k Nông", "Lâm Đồng", "Đắk Nông"),       # decomposed (NFD) input
])
def test_names_resolve_to_todays_province_and_keep_the_former(written, today, former):
    ref = resolve(written)
    assert ref is not None, written
    assert ref.province.name == today
    assert ref.former == former


@pytest.mark.parametrize("written", ["Atlantis", "Sài Gòn xưa", "", "   "])
def test_unknown_names_do_not_resolve(written):
    assert resolve(written) is None
