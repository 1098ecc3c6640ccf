"""invoke import-models: committees' spreadsheets with messy headings, one row per error case."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import unicodedata

import openpyxl
import pytest
import yaml

from conftest import ROOT
from dvk.tools.importer import import_models
from dvk.model.usererror import UserError

# The committee's headings, written the way spreadsheets really have them: other case, no diacritics,
# notes in brackets, extra spaces, another order, extra columns.
HEADINGS = ["STT", "TÊN MÔ HÌNH (*)", "Linh vuc", "don vi / ca nhan", "Tập thể/ Cá nhân", "Tỉnh/Thành phố",
            "Địa bàn", "Năm đăng ký", "NĂM CÔNG NHẬN", "Cấp công nhận", "Nội dung", "Ghi chú"]
GOOD = [
    [1, "Mẹ đỡ đầu", "Văn hóa – xã hội", "Công an tỉnh Đắk Nông", "Tập thể", "Đắk Nông", "Cư Jút", 2022, 2024,
     "Cấp tỉnh", "Cán bộ, chiến sĩ nhận đỡ đầu trẻ em mồ côi. Mỗi em được hỗ trợ 500.000 đồng mỗi tháng. "
     "Các em được thăm hỏi vào dịp lễ, Tết.", "tiêu biểu"],
    [2, "Tuyến đường hoa", "Kinh tế", "Hội Liên hiệp Phụ nữ xã Đắk Wil", "tap the", "Dak Nong", "Cư Jút", 2021.0,
     "2023", "Cấp huyện", "Hội viên trồng hoa dọc đường liên thôn.", None],
    [3, "Gương sáng giữ đất biên cương", "QP-AN", "Nguyễn Văn An", "Cá nhân", "Tỉnh Hà Giang", None, 2023, None,
     None, "Già làng vận động bà con giữ đường biên.", None],
]
# One row per error case: (row values, reason the report must give).
BAD = [
    ([4, "Nông dân giỏi", "Nông nghiệp", "Hội Nông dân", "Tập thể", "Đắk Nông", None, 2022, None, None, "Nội dung.", None],
     "cột “Linh vuc”: không nhận ra lĩnh vực “Nông nghiệp”; cần một trong: “Kinh tế” (economy)"),
    ([5, "Chợ văn minh", "Kinh tế", "Ban quản lý chợ", "Tập thể", "Đắk Nôngg", None, 2022, None, None, "Nội dung.", None],
     "cột “Tỉnh/Thành phố”: không nhận ra tỉnh, thành phố “Đắk Nôngg” — có phải là “Đắk Nông”?"),
    ([6, "Tổ hòa giải", "Văn hóa - xã hội", "Tổ hòa giải thôn 3", "Nhóm", "Đắk Nông", None, 2022, None, None,
      "Nội dung.", None],
     "cột “Tập thể/ Cá nhân”: không nhận ra “Nhóm”; cần “Tập thể” hoặc “Cá nhân”"),
    ([7, "Thiếu cấp", "Kinh tế", "Đoàn xã", "Tập thể", "Đắk Nông", None, 2021, 2023, None, "Nội dung.", None],
     "có năm công nhận 2023 nhưng cột “Cấp công nhận” đang để trống"),
    ([8, "Năm lạ", "Kinh tế", "Đoàn xã", "Tập thể", "Đắk Nông", None, "hai nghìn", None, None, "Nội dung.", None],
     "cột “Năm đăng ký”: “hai nghìn” không phải là một năm"),
    ([9, "Công nhận trước đăng ký", "Kinh tế", "Đoàn xã", "Tập thể", "Đắk Nông", None, 2024, 2020, "Cấp xã",
      "Nội dung.", None],
     "cột “NĂM CÔNG NHẬN”: năm công nhận 2020 sớm hơn năm đăng ký 2024"),
    ([10, None, "Kinh tế", "Đoàn xã", "Tập thể", "Đắk Nông", None, 2024, None, None, "Nội dung.", None],
     "cột “TÊN MÔ HÌNH (*)” đang để trống"),
    ([11, "Không nội dung", "Kinh tế", "Đoàn xã", "Tập thể", "Đắk Nông", None, 2024, None, None, None, None],
     "cột “Nội dung” đang để trống"),
    ([12, "Tuyến đường hoa", "Kinh tế", "Hội Liên hiệp Phụ nữ xã Đắk Wil", "Tập thể", "Đắk Nông", None, 2021, None,
      None, "Lặp lại dòng 5.", None],
     "trùng với dòng 5 (mã “tuyen-duong-hoa”); không ghi hai lần"),
]


def write_xlsx(path, rows, title_rows=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    if title_rows:   # committees put a title and a blank line above the headings
        ws.append(["DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN"])
        ws.append([])
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def sheet(site, tmp_path):
    """A spreadsheet with three good rows, one blank row, then one row per error case."""
    return write_xlsx(tmp_path / "danh-sach.xlsx", GOOD + [[None] * len(HEADINGS)] + [r for r, _ in BAD])


def records(site):
    return {p.relative_to(site.root / "data" / "models").as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((site.root / "data" / "models").rglob("*.yaml"))}


def test_good_rows_become_records_the_build_accepts(site, sheet):
    result = import_models(site.root, sheet)
    assert result.header_row == 3 and result.sheet == "Danh sách"
    assert result.ignored == ["STT", "Ghi chú"]
    got = records(site)
    # one folder per today's province: Đắk Nông is part of Lâm Đồng, Hà Giang of Tuyên Quang
    assert sorted(got) == ["lam-dong/me-do-dau.yaml", "lam-dong/tuyen-duong-hoa.yaml",
                           "tuyen-quang/guong-sang-giu-dat-bien-cuong.yaml"]
    me = got["lam-dong/me-do-dau.yaml"]
    assert (me["name"], me["owner"], me["field"], me["kind"], me["province"], me["locality"]) == \
        ("Mẹ đỡ đầu", "Công an tỉnh Đắk Nông", "culture-society", "collective", "Đắk Nông", "Cư Jút")
    assert (me["registered"], me["recognized"], me["status"]) == (2022, {"year": 2024, "level": "province"}, "recognized")
    assert me["summary"] == "Cán bộ, chiến sĩ nhận đỡ đầu trẻ em mồ côi. Mỗi em được hỗ trợ 500.000 đồng mỗi tháng."
    assert me["description"] == GOOD[0][10]
    road = got["lam-dong/tuyen-duong-hoa.yaml"]
    # the province as it was named then, spelled properly (“Dak Nong” → “Đắk Nông”)
    assert (road["kind"], road["province"], road["registered"], road["recognized"]) == \
        ("collective", "Đắk Nông", 2021, {"year": 2023, "level": "district"})
    hero = got["tuyen-quang/guong-sang-giu-dat-bien-cuong.yaml"]
    assert (hero["field"], hero["kind"], hero["status"]) == ("defense-security", "individual", "registered")
    assert "recognized" not in hero and "locality" not in hero
    assert site.problems() == []
    site.build()
    assert "Mẹ đỡ đầu" in site.page("mo-hinh/me-do-dau")
    text = (site.root / "data" / "models" / "lam-dong" / "me-do-dau.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Nhập từ danh-sach.xlsx, dòng 4 (invoke import-models)")


def test_every_bad_row_is_listed_with_its_row_number_and_reason(site, sheet):
    result = import_models(site.root, sheet)
    rejected = {r.row: r.reason for r in result.rejected}
    first_bad = 3 + len(GOOD) + 1 + 1       # title, blank, headings, good rows, the blank row
    assert sorted(rejected) == list(range(first_bad, first_bad + len(BAD)))
    for offset, (_, reason) in enumerate(BAD):
        assert reason in rejected[first_bad + offset], (first_bad + offset, rejected[first_bad + offset])
    assert result.skipped_blank == 1
    report = result.report()
    assert f"Không ghi {len(BAD)} dòng:" in report
    assert f"  danh-sach.xlsx, dòng {first_bad}: cột “Linh vuc”: không nhận ra lĩnh vực “Nông nghiệp”" in report
    assert "Đã ghi 3 hồ sơ mới vào data/models/." in report


def test_never_overwrites_and_dry_run_writes_nothing(site, sheet):
    # an editor's record, under another file name and in an old folder: still the same model
    site.model("me-do-dau-cong-an", folder="dak-nong", summary="Hồ sơ do biên tập viên viết tay.",
               name="Mẹ đỡ đầu", owner="Công an tỉnh Đăk Nông", province="Dak Nong")
    existing = site.root / "data" / "models" / "dak-nong" / "me-do-dau-cong-an.yaml"
    before = existing.read_bytes()
    dry = import_models(site.root, sheet, dry_run=True)
    assert [p.record_id for p in dry.planned] == ["tuyen-duong-hoa", "guong-sang-giu-dat-bien-cuong"]
    assert "Chạy thử (--dry-run): sẽ ghi 2 hồ sơ; không ghi tệp nào." in dry.report()
    assert sorted(records(site)) == ["dak-nong/me-do-dau-cong-an.yaml"]
    result = import_models(site.root, sheet)
    assert existing.read_bytes() == before
    assert {r.row: r.reason for r in result.existing}[4] == \
        "đã có hồ sơ data/models/dak-nong/me-do-dau-cong-an.yaml; không ghi đè"
    # Importing the same sheet again changes nothing and says why, row by row; these rows are not errors.
    snapshot = {k: v for k, v in records(site).items()}
    files = sorted(p.as_posix() for p in (site.root / "data").rglob("*"))
    again = import_models(site.root, sheet)
    assert again.written == [] and records(site) == snapshot
    assert sorted(p.as_posix() for p in (site.root / "data").rglob("*")) == files
    # rows 4-6, and row 16 (a repeat of row 5 within the sheet) now finds row 5's record
    assert {r.row for r in again.existing} == {4, 5, 6, 16}
    assert "Đã có sẵn 4 hồ sơ, không ghi lại:" in again.report()


def test_same_name_in_another_province_gets_its_own_id(site, tmp_path):
    site.model("tuyen-duong-hoa", folder="dak-nong", name="Tuyến đường hoa", owner="Hội LHPN xã Đắk Wil")
    path = write_xlsx(tmp_path / "ben-tre.xlsx", [[1, "Tuyến đường hoa", "Kinh tế", "Đoàn xã Phú Lễ", "Tập thể",
                                                    "Bến Tre", None, 2022, None, None, "Trồng hoa.", None]])
    result = import_models(site.root, path)
    # Bến Tre is part of Vĩnh Long today: the record goes to that folder, its id names the province as written
    assert result.written == ["data/models/vinh-long/tuyen-duong-hoa-ben-tre.yaml"]
    assert site.problems() == []


def test_csv_with_semicolons_bom_and_decomposed_diacritics(site, tmp_path):
    path = tmp_path / "danh-sach.csv"
    headings = [unicodedata.normalize("NFD", h) for h in
                ["Nội dung", "Tỉnh/Thành phố", "Tên mô hình", "Cấp công nhận", "Năm công nhận", "Lĩnh vực",
                 "Tập thể/Cá nhân", "Đơn vị/Cá nhân", "Cột thêm"]]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(headings)
        writer.writerow(["Mỗi tháng một buổi đối thoại với Nhân dân.", "Hà Nội", "Đối thoại định kỳ",
                         "Cấp Trung ương", "2023", "Xây dựng Đảng và hệ thống chính trị", "Tập thể",
                         "Đảng ủy phường Phúc Xá", "x"])
        writer.writerow(["Nội dung.", "Hà Nội", "Dòng có cấp lạ", "Cấp liên thôn", "2023", "Kinh tế", "Tập thể",
                         "Chi bộ", ""])
    result = import_models(site.root, path)
    assert result.sheet is None and result.ignored == ["Cột thêm"]
    (written,) = result.written
    data = yaml.safe_load((site.root / written).read_text(encoding="utf-8"))
    assert (data["name"], data["field"], data["recognized"]) == \
        ("Đối thoại định kỳ", "party-building", {"year": 2023, "level": "national"})
    (bad,) = result.rejected
    assert bad.row == 3 and "cột “Cấp công nhận”: không nhận ra “Cấp liên thôn”" in bad.reason


def test_a_sheet_without_the_needed_headings_is_refused_with_a_clear_message(site, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Tên mô hình", "Đơn vị/Cá nhân", "Tỉnh/Thành phố", "Nội dung"])
    wb.save(tmp_path / "thieu.xlsx")
    with pytest.raises(UserError, match="Bảng tính thieu.xlsx thiếu cột: “Tập thể/Cá nhân”, “Lĩnh vực”"):
        import_models(site.root, tmp_path / "thieu.xlsx")
    with pytest.raises(UserError, match="cần bảng tính .xlsx, .xls, .ods hoặc .csv"):
        (tmp_path / "a.numbers").write_text("x")
        import_models(site.root, tmp_path / "a.numbers")


def test_a_large_sheet_and_the_command_line(site, tmp_path):
    rows = [[i, f"Mô hình số {i}", "Kinh tế", f"Chi bộ thôn {i}", "Tập thể", "Đắk Nông", None, 2023, None, None,
             f"Nội dung của mô hình số {i}.", None] for i in range(1, 601)]
    path = write_xlsx(tmp_path / "lon.xlsx", rows + [[601, "Sai", "Kinh tế", "X", "Tập thể", "Atlantis", None, 2023,
                                                      None, None, "Nội dung.", None]])
    env = {**os.environ, "DVK_PROJECT": str(site.root)}
    run = subprocess.run([sys.executable, "-m", "invoke", "import-models", str(path), "--dry-run"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stderr     # a row was refused
    assert "Chạy thử (--dry-run): sẽ ghi 600 hồ sơ; không ghi tệp nào." in run.stdout
    assert "lon.xlsx, dòng 604: cột “Tỉnh/Thành phố”: không nhận ra tỉnh, thành phố “Atlantis”" in run.stdout
    assert not (site.root / "data" / "models" / "lam-dong").exists()
    result = import_models(site.root, path)
    assert len(result.written) == 600 and site.problems() == []
