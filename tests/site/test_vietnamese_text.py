"""Correct Vietnamese on built pages: province names, “tỉnh” mid-sentence, apostrophes, document dates."""
import datetime as dt
import re

from conftest import read_page, text_of
from dvk.render.formatting import vn_long_date
from dvk.model.provinces import by_slug, resolve
from dvk.model.text import typographic


def all_pages(output):
    return {p: p.read_text(encoding="utf-8") for p in output.rglob("*.html")}


def test_a_province_as_written_reads_in_its_canonical_form():
    assert resolve("Ha Giang").display == "Hà Giang"
    assert resolve("Tỉnh Bến Tre").display == "Bến Tre"
    assert resolve("Tỉnh Quảng Bình").display == "Quảng Bình"
    assert resolve("TP. Hồ Chí Minh").display == "Hồ Chí Minh"
    assert by_slug("lam-dong").in_sentence == "tỉnh Lâm Đồng"
    assert by_slug("ha-noi").in_sentence == "thành phố Hà Nội"


def test_cards_and_model_pages_name_former_provinces_with_diacritics_and_no_prefix(demo_output):
    pages = all_pages(demo_output)
    formers = set()
    for html in pages.values():
        formers.update(re.findall(r'class="card__former">\(([^)<]*)\)', html))
    assert formers == {"Bình Thuận", "Bắc Giang", "Bến Tre", "Hà Giang", "Quảng Bình", "Quảng Nam",
                       "Sóc Trăng", "Đắk Nông"}
    # The demo records write "Ha Giang", "Tỉnh Bến Tre", "Tỉnh Quảng Bình": no page repeats them.
    for path, html in pages.items():
        text = text_of(html)
        for wrong in ("(Ha Giang)", "(Tỉnh Bến Tre)", "(Tỉnh Quảng Bình)", "hồ sơ ghi: Ha Giang", "hồ sơ ghi: Tỉnh"):
            assert wrong not in text, (path, wrong)


def test_tinh_is_lower_case_mid_sentence(demo_output):
    text = text_of(read_page(demo_output, "mo-hinh/me-do-dau"))
    assert "(hồ sơ ghi: Đắk Nông, nay thuộc tỉnh Lâm Đồng)" in text
    province = text_of(read_page(demo_output, "tinh/tuyen-quang"))
    assert "hồ sơ mô hình của tỉnh Tuyên Quang trên trang" in province
    assert "Tỉnh Tuyên Quang" in province   # the heading keeps its capital
    for path, html in all_pages(demo_output).items():
        # "Tỉnh"/"Thành phố" after a lower-case word is a capital in the middle of a sentence.
        assert not re.search(r"\b(thuộc|của|tức|tại|ở) (Tỉnh|Thành phố) [A-ZĐ]", text_of(html)), path   # not "Tỉnh ủy"


def test_apostrophes_are_typographic_on_every_page(demo_output):
    assert typographic("Đồng bào K'Ho, Đắk R'Lấp") == "Đồng bào K’Ho, Đắk R’Lấp"
    assert typographic("'trích dẫn'") == "'trích dẫn'"   # only between letters
    model = text_of(read_page(demo_output, "mo-hinh/cong-dong-nhan-khoan-bao-ve-rung"))
    assert "Đồng bào K’Ho nhận khoán bảo vệ rừng" in model
    for path, html in all_pages(demo_output).items():
        assert not re.search(r"\w(&#39;|')\w", text_of(html)), path


def test_document_dates_follow_decree_30():
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: a zero before days below 10 and before months 1 and 2.
    assert vn_long_date(dt.date(2019, 7, 30)) == "ngày 30 tháng 7 năm 2019"
    assert vn_long_date(dt.date(2024, 6, 12)) == "ngày 12 tháng 6 năm 2024"
    assert vn_long_date(dt.date(2022, 2, 15)) == "ngày 15 tháng 02 năm 2022"
    assert vn_long_date(dt.date(2023, 1, 5)) == "ngày 05 tháng 01 năm 2023"
    assert vn_long_date(dt.date(2023, 12, 9)) == "ngày 09 tháng 12 năm 2023"


def test_built_documents_carry_their_dates_in_the_administrative_form(demo_output):
    dates = set()
    for html in all_pages(demo_output).values():
        dates.update(re.findall(r"ngày \d+ tháng \d+ năm \d{4}", text_of(html)))
    assert dates == {"ngày 30 tháng 7 năm 2019", "ngày 12 tháng 6 năm 2024", "ngày 15 tháng 02 năm 2022"}
