"""Write the spreadsheets of this folder: committees' lists in the layouts and encodings they really send.

Run from anywhere: ``python tests/import_corpus/sheets/make_sheets.py``. The files are committed; this
script says how each was made. Their facts are invented. What a correct importer extracts from each is
written by hand in ``<name>.expect.json`` beside it.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
CONTENT = "Cách làm cụ thể, có kết quả đo được. Nhân dân đồng tình hưởng ứng."


def xlsx(name, rows, merges=(), title="Danh sách", extra_sheets=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for sheet_title, sheet_rows in extra_sheets:    # sheets before the list (a cover page, a summary)
        other = ws
        other.title = sheet_title
        for r in sheet_rows:
            other.append(r)
        ws = wb.create_sheet(title)
    ws.title = title
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.active = 0
    wb.properties.creator = "make_sheets.py"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(HERE / name)


def cp1258_bytes(text: str) -> bytes:
    """Text as Excel on Vietnamese Windows saves it: Windows-1258, tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        # keep the vowel's own mark (circumflex, breve, horn) with the letter, the tone as a combining mark
        vowel = "".join(m for m in parts[1:] if m in "\u0302\u0306\u031b")
        base = unicodedata.normalize("NFC", parts[0] + vowel)
        marks = "".join(m for m in parts[1:] if m not in "\u0302\u0306\u031b")
        out.append((base + marks).encode("cp1258"))
    return b"".join(out)


def delimited(rows, sep):
    def cell(v):
        v = "" if v is None else str(v)
        if sep in v or "\n" in v or v.startswith('"') and v.endswith('"'):
            return '"' + v.replace('"', '""') + '"'
        return v
    return "\r\n".join(sep.join(cell(v) for v in r) for r in rows) + "\r\n"


def main():
    # 01: a district list, headings in another order, kinds abbreviated, years written as text
    xlsx("01-order-abbrev-text-years.xlsx", [
        ["UBND HUYỆN CHÂU THÀNH"],
        ["DANH SÁCH MÔ HÌNH DÂN VẬN KHÉO NĂM 2023"],
        [],
        ["TT", "Tên mô hình", "Lĩnh vực", "TT/CN", "Đơn vị thực hiện", "Địa phương", "Tỉnh", "Năm xây dựng",
         "Năm công nhận", "Cấp công nhận", "Kết quả", "Ghi chú"],
        [1, "Tuyến đường nông thôn sáng, xanh", "Kinh tế", "TT", "Đoàn xã An Khánh", "xã An Khánh", "Bến Tre",
         "Năm 2022", "Năm 2023", "Cấp huyện", CONTENT, None],
        [2, "Bếp ăn yêu thương cho bệnh nhân", "VH-XH", "CN", "Bà Nguyễn Thị Lệ", "xã Tân Thạch", "Bến Tre",
         "2021", "2023", "Huyện", CONTENT, "tiêu biểu"],
        [3, "Tổ tự quản bến đò an toàn", "ANTT", "TT", "Công an xã Phú Túc", "xã Phú Túc", "Bến Tre",
         2022, None, None, CONTENT, None],
    ])
    # 02: no field column: the field is given by group rows
    xlsx("02-field-group-rows.xlsx", [
        ["DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” CẤP TỈNH NĂM 2024"],
        ["STT", "Tên mô hình", "Đơn vị, cá nhân thực hiện", "Tập thể/Cá nhân", "Tỉnh/Thành phố", "Địa bàn",
         "Năm công nhận", "Cấp công nhận", "Nội dung"],
        ["I", "LĨNH VỰC KINH TẾ"],
        [1, "Liên kết trồng bưởi theo chuẩn VietGAP", "Hội Nông dân xã Tân Triều", "Tập thể", "Đồng Nai",
         "huyện Vĩnh Cửu", 2024, "Cấp tỉnh", CONTENT],
        [2, "Chợ phiên nông sản sạch", "Hội LHPN xã Phú Hữu", "Tập thể", "Đồng Nai", "huyện Nhơn Trạch", 2024,
         "Cấp tỉnh", CONTENT],
        ["II", "LĨNH VỰC VĂN HÓA - XÃ HỘI"],
        [3, "Tủ sách dòng họ khuyến học", "Ông Trần Văn Bảy", "Cá nhân", "Đồng Nai", "huyện Định Quán", 2024,
         "Cấp tỉnh", CONTENT],
        ["III", "LĨNH VỰC QUỐC PHÒNG, AN NINH"],
        [4, "Camera giám sát khu phố", "Công an phường Tam Hiệp", "Tập thể", "Đồng Nai", "TP Biên Hòa", 2024,
         "Cấp tỉnh", CONTENT],
        ["IV", "LĨNH VỰC XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ"],
        [5, "Đảng viên gương mẫu ở khu dân cư", "Chi bộ ấp 4, xã Xuân Tâm", "Tập thể", "Đồng Nai",
         "huyện Xuân Lộc", 2024, "Cấp tỉnh", CONTENT],
    ])
    # 03: a two-row header: “Năm” under “Đăng ký” and “Công nhận”, merged; then a (1)(2)… row
    xlsx("03-two-row-year-groups.xlsx", [
        ["BAN DÂN VẬN TỈNH ỦY", None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        [],
        ["STT", "Tên mô hình", "Chủ thể thực hiện", "Loại hình", "Lĩnh vực", "Tỉnh/TP", "Đăng ký", "Công nhận",
         None, "Nội dung, cách làm"],
        [None, None, None, None, None, None, "Năm", "Năm", "Cấp", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
        [1, "Dân vận khéo trong giải phóng mặt bằng", "UBND phường Hòa Xuân", "Tập thể",
         "Xây dựng hệ thống chính trị", "Đà Nẵng", 2021, 2022, "Cấp thành phố", CONTENT],
        [2, "Ngư dân giữ biển sạch", "Chi hội nghề cá Thọ Quang", "Tập thể", "Kinh tế", "Đà Nẵng", 2022, 2023,
         "Cấp quận", CONTENT],
        [3, "Người giữ lửa câu lạc bộ bài chòi", "Ông Lê Văn Tư", "Cá nhân", "Văn hóa - xã hội", "Quảng Nam", 2020,
         2022, "Cấp tỉnh", CONTENT],
    ], merges=("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "H3:I3", "J3:J4"))
    # 04: CSV UTF-8 with BOM, commas, quoted cells holding commas and line breaks
    rows = [
        ["Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
         "Năm đăng ký", "Năm công nhận", "Cấp công nhận", "Nội dung"],
        ["Sân chơi cho trẻ em, xây từ vật liệu tái chế", "Đoàn phường Hạ Long, TP Nam Định", "Tập thể",
         "Văn hóa - xã hội", "Nam Định", "phường Hạ Long", "2022", "2023", "Cấp tỉnh",
         "Đoàn viên góp lốp xe cũ, gỗ pallet.\nSân chơi mở cửa mỗi tối."],
        ["Tổ hòa giải “ba cùng”", "Tổ hòa giải thôn Đông, xã Hải Minh", "Tập thể", "Quốc phòng - an ninh",
         "Nam Định", "huyện Hải Hậu", "2021", "2022", "Cấp huyện", "Hòa giải thành 31 vụ, không để phát sinh đơn thư."],
        ["Gương sáng thương binh làm kinh tế", "Ông Vũ Văn Thanh", "Cá nhân", "Kinh tế", "Nam Định", "huyện Ý Yên",
         "2020", "", "", "Trang trại tạo việc làm cho 12 lao động."],
    ]
    (HERE / "04-csv-utf8-bom-quoted.csv").write_bytes(b"\xef\xbb\xbf" + delimited(rows, ",").encode("utf-8"))
    # 05: “Unicode Text” from Excel: UTF-16 with BOM, tab-separated, .txt
    rows = [
        ["DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN"],
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
         "Năm đăng ký", "Năm công nhận", "Cấp công nhận", "Nội dung"],
        ["1", "Phiên chợ 0 đồng cho người lao động", "Hội LHPN phường Phú Cường", "Tập thể", "Văn hóa - xã hội",
         "Bình Dương", "TP Thủ Dầu Một", "2023", "2024", "Cấp tỉnh", CONTENT],
        ["2", "Tổ xe ôm an toàn", "Công an phường Dĩ An", "Tập thể", "Quốc phòng - an ninh", "Bình Dương",
         "TP Dĩ An", "2022", "2023", "Cấp huyện", CONTENT],
    ]
    (HERE / "05-utf16-tab.txt").write_bytes(delimited(rows, "\t").encode("utf-16"))
    # 06: Excel “CSV (Comma delimited)” on Vietnamese Windows: Windows-1258, ';', a title row
    rows = [
        ["TỔNG HỢP MÔ HÌNH NĂM 2023 - XÃ ĐẠI HIỆP"],
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
         "Năm đăng ký", "Năm công nhận", "Cấp công nhận", "Nội dung"],
        ["1", "Nhóm thợ xây giúp nhà cho người nghèo", "Hội Cựu chiến binh xã Đại Hiệp", "Tập thể", "Văn hóa - xã hội",
         "Quảng Nam", "huyện Đại Lộc", "2022", "2023", "Cấp huyện", CONTENT],
        ["2", "Đội thanh niên xung kích mùa lũ", "Đoàn xã Đại Hiệp", "Tập thể", "Quốc phòng - an ninh", "Quảng Nam",
         "huyện Đại Lộc", "2021", "2023", "Cấp huyện", CONTENT],
        ["3", "Cô giáo vận động học sinh trở lại lớp", "Bà Hứa Thị Mỹ", "Cá nhân", "Văn hóa - xã hội", "Quảng Nam",
         "huyện Đại Lộc", "2023", "2023", "Cấp xã", CONTENT],
    ]
    (HERE / "06-cp1258-semicolon-title.csv").write_bytes(cp1258_bytes(delimited(rows, ";")))
    # 07: damaged text: a file once saved without Vietnamese letters (“?”), and UTF-8 read as Windows-1252
    good = ["Tổ tự quản an ninh khu phố 3", "Công an phường Tân Phong", "Tập thể", "Quốc phòng - an ninh",
            "Lai Châu", "TP Lai Châu", "2022", "2023", "Cấp tỉnh", CONTENT]
    qmarks = ["T? t? qu?n v? sinh m?i tr??ng", "H?i LHPN ph??ng ?oàn K?t", "Tập thể", "Văn hóa - xã hội",
              "Lai Châu", "TP Lai Châu", "2022", "2023", "Cấp huyện", CONTENT]
    mojibake_name = "Dân vận khéo trong vận động tái định cư".encode("utf-8").decode("cp1252", errors="replace")
    mojibake = [mojibake_name, "Ban quản lý dự án huyện", "Tập thể", "Kinh tế", "Lai Châu", "huyện Tam Đường",
                "2021", "2022", "Cấp huyện", CONTENT]
    rows = [["Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
             "Năm đăng ký", "Năm công nhận", "Cấp công nhận", "Nội dung"], good, qmarks, mojibake]
    (HERE / "07-damaged-text.csv").write_bytes(delimited(rows, ",").encode("utf-8"))
    # 08: abbreviations and dates the way committees write them
    xlsx("08-abbreviations-dates.xlsx", [
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
         "Năm đăng ký", "Năm công nhận", "Cấp công nhận", "Nội dung"],
        [1, "Ngư dân góp quỹ cứu nạn trên biển", "Nghiệp đoàn nghề cá Bình Châu", "TT", "QP-AN", "BR-VT",
         "huyện Xuyên Mộc", "03/2021", "15/10/2022", "Cấp TW", CONTENT],
        [2, "Phố đi bộ văn minh", "UBND phường Phú Hội", "TT", "XD HTCT", "TT Huế", "TP Huế", dt.datetime(2020, 5, 2),
         "Năm 2021", "Tỉnh", CONTENT],
        [3, "Bác sĩ khám bệnh miễn phí cho người cao tuổi", "Ông Phan Văn Sơn", "CN", "VH - XH", "Tp. Cần Thơ",
         "quận Ninh Kiều", 2019.0, 2021.0, "Cấp TP", CONTENT],
        [4, "Buôn làng không ma túy", "Công an xã Ea Tiêu", "TT", "An ninh trật tự", "Đắc Lắc", "huyện Cư Kuin",
         "2022", "tháng 12/2023", "cấp tỉnh", CONTENT],
    ])
    # 09: no content column: the summary is made from the row and the record is marked for review
    xlsx("09-no-content-column.xlsx", [
        ["Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn"],
        ["Sáng kiến “Cổng trường an toàn”", "Đoàn trường THPT Chu Văn An", "Tập thể", "Quốc phòng - an ninh",
         "Thái Nguyên", "TP Thái Nguyên"],
        ["Hợp tác xã chè Tân Cương liên kết hộ nghèo", "HTX chè Hảo Đạt", "Tập thể", "Kinh tế", "Thái Nguyên",
         "xã Tân Cương"],
    ])
    # 10: no province column: the province is given by group rows
    xlsx("10-province-group-rows.xlsx", [
        ["DANH SÁCH MÔ HÌNH CÁC TỈNH NAM TRUNG BỘ"],
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Địa bàn", "Nội dung"],
        ["A", "TỈNH KHÁNH HÒA"],
        [1, "Làng chài không rác thải nhựa", "Hội LHPN xã Vạn Thạnh", "Tập thể", "Văn hóa - xã hội",
         "huyện Vạn Ninh", CONTENT],
        [2, "Tổ đoàn kết trên biển", "Nghiệp đoàn nghề cá Cam Ranh", "Tập thể", "Quốc phòng - an ninh",
         "TP Cam Ranh", CONTENT],
        ["B", "TỈNH PHÚ YÊN"],
        [3, "Nông dân chung sức làm kênh mương", "Hội Nông dân xã Hòa An", "Tập thể", "Kinh tế", "huyện Phú Hòa",
         CONTENT],
    ])
    # 11: tab-separated text where a cell begins with a quote, and a stray quote mark in another
    text = ("Tên mô hình\tĐơn vị/Cá nhân\tTập thể/Cá nhân\tLĩnh vực\tTỉnh/Thành phố\tĐịa bàn\tNội dung\r\n"
            "\"Sạch làng\" xanh ngõ\tChi hội phụ nữ thôn Đồng Tâm\tTập thể\tVăn hóa - xã hội\tHà Nam\t"
            "huyện Kim Bảng\t" + CONTENT + "\r\n"
            "Đường hoa \"kiểu mẫu\tĐoàn xã Thanh Hà\tTập thể\tKinh tế\tHà Nam\thuyện Thanh Liêm\t" + CONTENT + "\r\n"
            "Tổ an ninh xung kích\tCông an xã Tiên Tân\tTập thể\tQuốc phòng - an ninh\tHà Nam\tTP Phủ Lý\t"
            + CONTENT + "\r\n")
    (HERE / "11-tab-quote-cells.txt").write_bytes(text.encode("utf-8"))
    # 12: the same model twice in other spellings; total, notes and signature rows
    xlsx("12-duplicates-total-signature.xlsx", [
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
         "Năm công nhận", "Cấp công nhận", "Nội dung"],
        [1, "Vườn thuốc nam của hội phụ nữ", "Hội LHPN xã Tân Lập", "Tập thể", "Văn hóa - xã hội", "Bình Phước",
         "huyện Đồng Phú", 2023, "Cấp huyện", CONTENT],
        [2, "Khuyến học dòng họ", "Ông Điểu Lên", "Cá nhân", "Văn hóa - xã hội", "Bình Phước", "huyện Bù Đăng",
         2023, "Cấp huyện", CONTENT],
        [3, "VƯỜN THUỐC NAM CỦA HỘI PHỤ NỮ", "Hội Liên hiệp Phụ nữ xã Tân Lập", "Tập thể", "VH-XH", "Binh Phuoc",
         "huyện Đồng Phú", 2023, "Cấp huyện", CONTENT],
        [None, "Cộng: 3 mô hình"],
        [None, "Ghi chú: danh sách đã được Ban Thường vụ thông qua."],
        [None, None, None, None, None, None, "TM. BAN THƯỜNG VỤ"],
        [None, "Người lập biểu", None, None, None, None, "PHÓ BÍ THƯ"],
        [None, "Lê Thị Hoa", None, None, None, None, "Trần Văn Lâm"],
    ])
    # 13: the list is on the second sheet; the first is a cover page
    xlsx("13-list-on-second-sheet.xlsx", [
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Nội dung"],
        [1, "Trạm y tế thân thiện với người dân tộc", "Trạm Y tế xã Mường Phăng", "Tập thể", "Văn hóa - xã hội",
         "Điện Biên", CONTENT],
        [2, "Bản không có người nghiện", "Ông Lò Văn Piếng", "Cá nhân", "Quốc phòng - an ninh", "Điện Biên", CONTENT],
    ], title="DS mô hình", extra_sheets=[("Bìa", [["BÁO CÁO"], ["Kết quả phong trào thi đua năm 2023"],
                                                  ["Ban Dân vận Huyện ủy Điện Biên"]])])
    # 14: kind and field as columns marked with x under merged group headings; a total row of counts
    xlsx("14-marked-columns.xlsx", [
        ["STT", "Tên mô hình/giải pháp", "Đơn vị thực hiện", "Loại mô hình", None, "Lĩnh vực", None, None, None,
         "Tỉnh, TP", "Nội dung"],
        [None, None, None, "Tập thể", "Cá nhân", "Kinh tế", "VH-XH", "QP-AN", "XDĐ", None, None],
        [1, "Cánh đồng lớn liên kết tiêu thụ lúa", "Hội Nông dân xã Phú Lộc", "x", None, "x", None, None, None,
         "Hậu Giang", CONTENT],
        [2, "Bữa cơm nghĩa tình cho bệnh nhân nghèo", "Bà Lê Thị Tám", None, "X", None, "x", None, None,
         "Hậu Giang", CONTENT],
        [3, "Tổ nhân dân tự quản kiểu mẫu", "Chi bộ ấp 3, xã Vị Thanh", None, None, None, None, None, None,
         "Hậu Giang", CONTENT],
        ["Tổng cộng", None, None, 2, 1, 1, 1, 0, 0, None, None],
    ], merges=("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:I1", "J1:J2", "K1:K2"))
    # 15: no kind column: group rows “I. MÔ HÌNH TẬP THỂ (2 mô hình)”, “II. CÁ NHÂN”; a row with a name only
    xlsx("15-kind-group-rows.xlsx", [
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Nội dung"],
        ["I", "MÔ HÌNH TẬP THỂ (2 mô hình)"],
        [1, "Thắp sáng đường quê", "Chi đoàn thôn 2, xã Kỳ Tân", "Kinh tế", "Hà Tĩnh", CONTENT],
        [2, "Nhà văn hóa xanh, sạch", "Hội Cựu chiến binh xã Kỳ Tân", "Văn hóa - xã hội", "Hà Tĩnh", CONTENT],
        ["II", "CÁ NHÂN"],
        [3, "Người giữ nghề đan lát", "Ông Nguyễn Văn Khải", "Văn hóa - xã hội", "Hà Tĩnh", CONTENT],
        [4, "Gương sáng khuyến học"],
    ])
    # 17: the owner's name written in a “Tập thể” or a “Cá nhân” column, which also says the kind
    xlsx("17-owner-in-kind-columns.xlsx", [
        ["STT", "Tên mô hình", "Tập thể", "Cá nhân", "Lĩnh vực", "Tỉnh", "Nội dung"],
        [1, "Vườn cây ăn trái kiểu mẫu", "Hội Nông dân xã Phước Minh", None, "Kinh tế", "Tây Ninh", CONTENT],
        [2, "Người thầy thuốc của xóm đạo", None, "Ông Trần Văn Út", "Văn hóa - xã hội", "Tây Ninh", CONTENT],
        [3, "Tổ bảo vệ dân phố", "x", None, "Quốc phòng - an ninh", "Tây Ninh", CONTENT],
    ])
    # 18: an owner column, and the kind as an x in two single-row columns “Tập thể”, “Cá nhân”
    xlsx("18-kind-marks-single-row.xlsx", [
        ["STT", "Tên mô hình", "Đơn vị thực hiện", "Tập thể", "Cá nhân", "Lĩnh vực", "Tỉnh", "Nội dung"],
        [1, "Chợ quê không túi ni lông", "Hội LHPN xã Trường Tây", "x", None, "Văn hóa - xã hội", "Tây Ninh", CONTENT],
        [2, "Cựu chiến binh giúp nhau nuôi bò", "Ông Lê Văn Hòa", None, "x", "Kinh tế", "Tây Ninh", CONTENT],
    ])
    # 16: an Excel 97-2003 workbook (.xls), read with python-calamine; written with xlwt when it is installed
    # (a generator's tool only: ``pip install --target /tmp/xlwtlib xlwt`` and PYTHONPATH=/tmp/xlwtlib)
    try:
        import xlwt
    except ImportError:
        return
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Danh sach")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    rows = [
        ["DANH SÁCH MÔ HÌNH DÂN VẬN KHÉO - HUYỆN BA VÌ"],
        ["STT", "Tên mô hình", "Đơn vị/Cá nhân", "Tập thể/Cá nhân", "Lĩnh vực", "Tỉnh/Thành phố", "Địa bàn",
         "Năm đăng ký", "Năm công nhận", "Cấp công nhận", "Nội dung"],
        [1, "Đồng bào Dao giữ rừng đầu nguồn", "Chi bộ thôn Yên Sơn", "Tập thể", "Quốc phòng - an ninh", "Hà Nội",
         "xã Ba Vì", 2021, dt.date(2023, 9, 2), "Cấp huyện", CONTENT],
        [2, "Nữ y tá thôn bản tận tụy", "Bà Đặng Thị Nga", "Cá nhân", "Văn hóa - xã hội", "TP. Hà Nội", "xã Khánh Thượng",
         2022.0, 2023, "Cấp thành phố", CONTENT],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(HERE / "16-excel-97-2003.xls"))


if __name__ == "__main__":
    main()
