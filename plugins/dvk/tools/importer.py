"""``invoke import-models``: model records from a committee's spreadsheet (.xlsx, .xls, .ods, .csv, .txt).

Committees keep their lists in spreadsheets with Vietnamese column headings
(Tên mô hình, Đơn vị/Cá nhân, Tập thể/Cá nhân, Lĩnh vực, Tỉnh/Thành phố, Địa
bàn, Năm đăng ký, Năm công nhận, Cấp công nhận, Nội dung), under letterheads
and titles, sometimes over two rows with merged group headings. The header is
found by what its cells say; rows are classified before they are read (column
numbers, group rows whose field, province or kind is carried down, totals,
notes and signatures are skipped, not reported as errors). Values such as
“VH-XH”, “TT”, “Cấp TW”, “BR-VT” become the schema's ids and province names.
Each row becomes one YAML record under ``data/models/<today's province>/``,
checked by the very loader the build uses (``load_corpus``) before anything is
written. An existing record (same name, owner and today's province, whatever
the spelling or file name) is never overwritten; invalid rows are listed with
their file, row, column and reason.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from dvk.model import schema, vocab
from dvk.load.corpus import YAML_SUFFIXES, load_corpus, walk_files
from dvk.model.taxonomy import parse_taxonomy
from dvk.model.provinces import resolve
from dvk.model.text import fold, nfc, slugify
from dvk.model.usererror import UserError
from dvk.load.yamlsrc import Source, read_text
from dvk.tools.writing import write_new
from dvk.tools.yamlwrite import Key, render

# Record key -> the headings committees write for it (compared folded, letters and digits only).
HEADINGS = {
    "name": ["Tên mô hình", "Tên mô hình, điển hình", "Tên mô hình/điển hình", "Tên điển hình", "Mô hình",
             "Tên mô hình “Dân vận khéo”", "Tên mô hình Dân vận khéo", "Tên gọi mô hình"],
    "owner": ["Đơn vị/Cá nhân", "Đơn vị, cá nhân", "Đơn vị/Cá nhân thực hiện", "Đơn vị thực hiện",
              "Cá nhân/Đơn vị", "Chủ thể", "Đơn vị", "Tập thể, cá nhân thực hiện", "Tên đơn vị/cá nhân",
              "Đơn vị, cá nhân thực hiện", "Đơn vị chủ trì", "Chủ thể thực hiện", "Người/đơn vị thực hiện",
              "Tên tập thể, cá nhân", "Tên tập thể/cá nhân", "Họ và tên", "Họ tên", "Tên đơn vị",
              "Họ và tên/Tên đơn vị", "Tên đơn vị/Họ và tên", "Đơn vị, cá nhân xây dựng mô hình"],
    "kind": ["Tập thể/Cá nhân", "Tập thể hay cá nhân", "Cá nhân/Tập thể", "Loại mô hình", "Loại", "Phân loại",
             "Tập thể, cá nhân", "TT/CN", "Loại hình"],
    "field": ["Lĩnh vực", "Lĩnh vực thực hiện", "Thuộc lĩnh vực"],
    "province": ["Tỉnh/Thành phố", "Tỉnh, thành phố", "Tỉnh/TP", "Tỉnh thành", "Tỉnh", "Tỉnh/Thành", "Tỉnh, TP",
                 "Tỉnh/thành phố trực thuộc TW"],
    "locality": ["Địa bàn", "Địa phương", "Địa bàn thực hiện", "Huyện/Xã", "Huyện, xã", "Xã/phường", "Xã, phường",
                 "Huyện/thị xã", "Quận/huyện", "Địa chỉ", "Nơi thực hiện", "Địa bàn huyện, xã"],
    "registered": ["Năm đăng ký", "Năm đăng ký xây dựng", "Năm xây dựng", "Năm bắt đầu", "Đăng ký năm",
                   "Năm thực hiện"],
    "recognized_year": ["Năm công nhận", "Công nhận năm", "Năm được công nhận"],
    "recognized_level": ["Cấp công nhận", "Cấp", "Công nhận cấp", "Cấp được công nhận"],
    "content": ["Nội dung", "Nội dung mô hình", "Nội dung, kết quả", "Mô tả", "Nội dung, cách làm",
                "Cách làm, kết quả", "Kết quả", "Nội dung và kết quả", "Hiệu quả", "Tóm tắt nội dung",
                "Nội dung, hiệu quả", "Cách làm và kết quả"],
    "summary": ["Tóm tắt"],
    "topics": ["Chủ đề"],
    "id": ["Mã mô hình", "Mã"],
    "status": ["Tình trạng", "Trạng thái"],
}
LABELS = {k: v[0] for k, v in HEADINGS.items()}
_HEADING_KEYS = {vocab.key(h): k for k, hs in HEADINGS.items() for h in hs}
REQUIRED_COLUMNS = ("name", "owner", "kind", "field", "province")
# Where a problem the build's checker finds in a record comes from: record key -> column.
COLUMN_OF = {"name": "name", "owner": "owner", "kind": "kind", "field": "field", "province": "province",
             "locality": "locality", "registered": "registered", "recognized": "recognized_year",
             "recognized.year": "recognized_year", "recognized.level": "recognized_level", "summary": "content",
             "description": "content", "status": "status", "topics": "topics"}
SUMMARY_MAX = 300
HEADER_SEARCH_ROWS = 30
SHEET_SUFFIXES = (".xlsx", ".xlsm")
CALAMINE_SUFFIXES = (".xls", ".ods", ".xlsb")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass
class Row:
    number: int          # as the spreadsheet shows it (1 = first line)
    cells: dict          # record key -> raw cell value
    raw: list = dc_field(default_factory=list)
    group_field: str | None = None
    group_province: str | None = None
    group_kind: str | None = None


@dataclass
class Planned:
    row: int
    record_id: str
    data: dict
    rel: str             # data/models/<today's province>/<id>.yaml
    review: str = ""     # why an editor must look at the record before it is published


@dataclass
class Rejected:
    row: int
    reason: str
    file: str = ""

    def __str__(self):
        return f"{self.file + ', ' if self.file else ''}dòng {self.row}: {self.reason}"


@dataclass
class ImportResult:
    source: str
    sheet: str | None
    header_row: int
    columns: dict                 # heading as written -> record key
    ignored: list
    planned: list = dc_field(default_factory=list)
    rejected: list = dc_field(default_factory=list)
    skipped: list = dc_field(default_factory=list)     # Rejected-like: rows that are not records (groups, totals…)
    existing: list = dc_field(default_factory=list)    # Rejected-like: rows whose record is already there
    skipped_blank: int = 0
    written: list = dc_field(default_factory=list)
    dry_run: bool = False
    encoding: str | None = None
    header_rows: int = 1

    @property
    def rows(self) -> int:
        return len(self.planned) + len(self.rejected) + len(self.existing)

    def report(self) -> str:
        where = f"trang “{self.sheet}”, " if self.sheet else ""
        rows_text = (f"dòng tiêu đề cột: {self.header_row}" if self.header_rows == 1 else
                     f"dòng tiêu đề cột: {self.header_row}–{self.header_row + self.header_rows - 1}")
        lines = [f"Đọc {self.rows} dòng dữ liệu từ {self.source} ({where}{rows_text}"
                 + (f"; bảng mã {self.encoding}" if self.encoding else "") + ")."]
        lines.append("Cột đã nhận: " + "; ".join(f"“{h}” → {LABELS[k]}" for h, k in self.columns.items()) + ".")
        if self.ignored:
            lines.append("Bỏ qua các cột: " + ", ".join(f"“{h}”" for h in self.ignored) + ".")
        if self.skipped:
            lines.append(f"Bỏ qua {len(self.skipped)} dòng không phải mô hình (tiêu đề nhóm, số thứ tự cột, "
                         "dòng tổng, chữ ký): " + ", ".join(f"dòng {r.row} ({r.reason})" for r in self.skipped) + ".")
        if self.dry_run:
            lines.append(f"Chạy thử (--dry-run): sẽ ghi {len(self.planned)} hồ sơ; không ghi tệp nào.")
        else:
            lines.append(f"Đã ghi {len(self.written)} hồ sơ mới vào data/models/.")
        if self.existing:
            lines.append(f"Đã có sẵn {len(self.existing)} hồ sơ, không ghi lại:")
            lines.extend(f"  {r}" for r in sorted(self.existing, key=lambda r: r.row))
        review = [p for p in self.planned if p.review]
        if review:
            lines.append(f"Cần xem lại {len(review)} hồ sơ (ghi dạng bản nháp, draft: true):")
            lines.extend(f"  {self.source}, dòng {p.row}: {p.review}" for p in review)
        if self.rejected:
            lines.append(f"Không ghi {len(self.rejected)} dòng:")
            lines.extend(f"  {r}" for r in sorted(self.rejected, key=lambda r: r.row))
        return "\n".join(lines)


# ------------------------------------------------------------------ reading


def _heading_key(text, loose: bool = True) -> str | None:
    """The record key a heading stands for; ``loose``: also by the words it contains."""
    if text is None:
        return None
    plain = re.sub(r"\(.*?\)|\[.*?\]|\*|\d+\s*$", " ", nfc(str(text)).replace("\n", " "))
    k = vocab.key(plain)
    if not k:
        return None
    if k in _HEADING_KEYS:
        return _HEADING_KEYS[k]
    if k.startswith("mark"):
        return k if k in _MARKS else None
    close = difflib.get_close_matches(k, list(_HEADING_KEYS), n=1, cutoff=0.88)
    if close:
        return _HEADING_KEYS[close[0]]
    if len(k) > 45 or not loose:
        return None
    for parts, key in _HEADING_PARTS:     # “Tên mô hình/giải pháp”, “Lĩnh vực thực hiện mô hình”…
        if all(part in k for part in parts):
            return key
    return None


# Headings not in HEADINGS, recognised by the words they contain (first rule that fits).
_HEADING_PARTS = [(("namcongnhan",), "recognized_year"), (("congnhannam",), "recognized_year"),
                  (("capcongnhan",), "recognized_level"), (("congnhancap",), "recognized_level"),
                  (("namdangky",), "registered"), (("dangkynam",), "registered"), (("namxaydung",), "registered"),
                  (("tenmohinh",), "name"), (("tendienhinh",), "name"), (("mohinhdienhinh",), "name"),
                  (("linhvuc",), "field"), (("noidung",), "content"), (("tomtatcachlam",), "content"),
                  (("cachlam",), "content"), (("diaban",), "locality"), (("diaphuong",), "locality"),
                  (("tinhthanh",), "province"), (("tinhtp",), "province"),
                  (("tapthe", "canhan", "loai"), "kind"), (("donvi",), "owner"), (("chuthe",), "owner"),
                  (("nguoithuchien",), "owner"), (("tapthe", "canhan", "ten"), "owner"),
                  (("tapthe", "canhan"), "kind")]
# Columns that hold a mark (x) for one value: “Tập thể | Cá nhân”, “Kinh tế | VH-XH | …”, “Xã | Huyện | Tỉnh”.
_MARKS: dict[str, tuple[str, str]] = {}
for _group, _table in (("kind", vocab.KIND_WORDS), ("field", vocab.FIELDS), ("recognized_level", vocab.LEVEL_WORDS)):
    for _ident in set(_table.values()):
        _MARKS[f"mark{_group}{_ident}".replace("-", "").replace("_", "")] = (_group, _ident)
for _mark in _MARKS:
    LABELS[_mark] = LABELS[_MARKS[_mark][0]]
_MARK_GROUPS = {"kind": vocab.KIND_WORDS, "field": vocab.FIELDS, "recognized_level": vocab.LEVEL_WORDS}


def _mark_heading(group_key: str | None, text: str) -> str | None:
    """The mark column a heading names under its group (“Cá nhân” under “Loại mô hình”), as a heading text."""
    if group_key not in _MARK_GROUPS:
        return None
    ident = vocab.match(_MARK_GROUPS[group_key], text)
    if ident is None:
        return None
    return f"mark{group_key}{ident}".replace("-", "").replace("_", "")


def _split_line(line: str, delimiter: str) -> list[str]:
    """One line of delimited text, quotes honoured only around whole cells (“"Sạch làng" xanh ngõ” stays one cell)."""
    pieces = line.split(delimiter)
    cells, i = [], 0
    while i < len(pieces):
        cell = pieces[i]
        if cell.startswith('"') and not _closed(cell):
            j = i + 1
            while j < len(pieces) and not _closed(delimiter.join(pieces[i:j + 1])):
                j += 1
            if j < len(pieces):
                cell = delimiter.join(pieces[i:j + 1])
                i = j
        if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"') and _closed(cell):
            cell = cell[1:-1].replace('""', '"')
        cells.append(cell)
        i += 1
    return cells


def _closed(cell: str) -> bool:
    """A cell that opens with a quote is closed when it ends with a quote not doubled."""
    if len(cell) < 2 or not cell.endswith('"'):
        return False
    inner = cell[1:-1].replace('""', "")
    return '"' not in inner or not inner.endswith('"')


def _read_text_table(path: Path) -> tuple[list[list], str]:
    from dvk.tools.textfile import decode
    raw = path.read_bytes()
    text, problem = decode(raw)
    if text is None:
        raise UserError(f"Không đọc được {path.name}: {problem}")
    encoding = _encoding_name(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n")]
    best, best_score = ",", -1
    for delimiter in (";", ",", "\t", "|"):
        counts = [len(_split_line(line, delimiter)) for line in lines if line.strip()]
        wide = [c for c in counts if c >= 3]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = wide.count(mode) * mode
        if score > best_score:
            best, best_score = delimiter, score
    rows = list(csv.reader(io.StringIO(text), delimiter=best))
    physical = [line for line in lines if line.strip()]
    multiline = any("\n" in c for r in rows for c in r)
    swallowed = any("\n" in c and c.count(best) >= 2 for r in rows for c in r)
    if not multiline or swallowed:
        # no cell spans lines: split line by line, so that a stray quote cannot swallow the rows after it
        rows = [_split_line(line, best) if line.strip() else [] for line in lines]
        while rows and not rows[-1]:
            rows.pop()
    elif len(rows) < len(physical) // 2:
        rows = [_split_line(line, best) for line in lines]
    return [[c if c.strip() else None for c in r] for r in rows], encoding


def _encoding_name(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "UTF-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        raw.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        pass
    if raw[1:4000:2].count(0) > len(raw[1:4000:2]) * 0.3 or raw[0:4000:2].count(0) > len(raw[0:4000:2]) * 0.3:
        return "UTF-16"
    return "Windows-1258"


def _read_xlsx(path: Path, sheet: str | None) -> tuple[str, list[list]]:
    import openpyxl
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:   # a damaged or non-Excel file
        raise UserError(f"Không mở được {path.name} như một bảng tính Excel (.xlsx): tệp bị hỏng hoặc không phải "
                        f"tệp Excel ({type(exc).__name__})") from None
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise UserError(f"Không có trang “{sheet}” trong {path.name}; các trang: {', '.join(workbook.sheetnames)}")
            sheets = [workbook[sheet]]
        else:
            active = workbook.active if workbook.active is not None else workbook.worksheets[0]
            sheets = [active] + [ws for ws in workbook.worksheets if ws is not active]
        tables = []
        for ws in sheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            # a merged cell's value stands in every cell it covers (headings over two rows, groups down a column)
            for rng in ws.merged_cells.ranges:
                value = ws.cell(rng.min_row, rng.min_col).value
                for r in range(rng.min_row, rng.max_row + 1):
                    if r - 1 >= len(rows):
                        continue
                    row = rows[r - 1]
                    for c in range(rng.min_col, rng.max_col + 1):
                        while len(row) < c:
                            row.append(None)
                        if row[c - 1] is None:
                            row[c - 1] = _Merged(value) if (r, c) != (rng.min_row, rng.min_col) else value
            tables.append((ws.title, rows))
        return tables
    finally:
        workbook.close()


class _Merged(str):
    """A value repeated from a merged cell (not typed in this cell)."""

    def __new__(cls, value):
        obj = str.__new__(cls, "" if value is None else str(value))
        obj.value = value
        return obj


def _read_calamine(path: Path, sheet: str | None):
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise UserError(f"Không đọc được “{path.name}”: cần gói python-calamine để đọc tệp {path.suffix}; "
                        "hoặc hãy lưu lại dạng .xlsx") from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise UserError(f"Không mở được {path.name} như một bảng tính: tệp bị hỏng hoặc không phải bảng tính "
                        f"({type(exc).__name__})") from None
    names = workbook.sheet_names
    if sheet and sheet not in names:
        raise UserError(f"Không có trang “{sheet}” trong {path.name}; các trang: {', '.join(names)}")
    tables = []
    for name in ([sheet] if sheet else names):
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        tables.append((name, [[None if c == "" else c for c in r] for r in rows]))
    return tables


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _Merged):
        value = value.value
    if value is None:
        return ""
    return nfc(str(value)).strip()


def _map_headings(texts: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for col, text in enumerate(texts):
        k = _heading_key(text) if text else None
        if k and k not in mapping.values():
            mapping[col] = k
    marks = {_MARKS[k][0] for k in mapping.values() if k in _MARKS}
    for group in marks:                 # mark columns stand for their group's column
        if group not in mapping.values():
            mapping[-1 - len(mapping)] = group
    return mapping


def _two_row_texts(top: list, below: list) -> list[str]:
    """Headings of a two-row header: the group above (carried over its merged cells) with the heading below."""
    width = max(len(top), len(below))
    top = list(top) + [None] * (width - len(top))
    below = list(below) + [None] * (width - len(below))
    groups, carried, start = [], "", 0
    for c in range(width):
        t, b = _cell_text(top[c]), _cell_text(below[c])
        if t and not (isinstance(top[c], _Merged) and t == carried):
            carried, start = t, c
        elif t:
            pass               # the rest of a merged group
        elif b and carried and c > 0 and _cell_text(below[c - 1]):
            t = carried        # a group over several columns, written once (no merge information)
        else:
            carried, start = "", c
        groups.append((t, start))
    span = {}
    for t, start in groups:
        span[start] = span.get(start, 0) + 1
    texts = []
    for c, (t, start) in enumerate(groups):
        b = _cell_text(below[c])
        if not b or b == t:
            texts.append(t)
            continue
        mark = _mark_heading(_heading_key(t), b) if t and span[start] >= 2 else None
        if mark:
            texts.append(mark)
            continue
        strict = next((x for x in (f"{b} {t}", f"{t} {b}", b) if _heading_key(x, loose=False)), None)
        texts.append(strict or next((x for x in (b, f"{b} {t}", f"{t} {b}") if _heading_key(x)), b))
    return texts


def _mark_texts(texts: list[str]) -> list[str]:
    """A single header row whose kind is written as two columns “Tập thể”, “Cá nhân” (marked with x)."""
    out = list(texts)
    keys = [_heading_key(t) for t in texts]
    if "kind" in keys:
        return out
    kinds = [c for c, t in enumerate(texts) if t and not keys[c] and vocab.match(vocab.KIND_WORDS, t)]
    if len(kinds) >= 2:
        for c in kinds:
            out[c] = _mark_heading("kind", texts[c])
    return out


def _find_header(rows: list[list]) -> tuple[int, int, dict[int, str], list[str], list[str]]:
    """(first header row index, number of header rows, column → key, headings as written, ignored headings)."""
    best = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = _mark_texts([_cell_text(c) for c in row])
        single = _map_headings(texts)
        options = [(single, 1, texts)]
        if i + 1 < len(rows) and len(single) >= 2:
            two = _two_row_texts(row, rows[i + 1])
            double = _map_headings(two)
            if len(double) > len(single):
                options.append((double, 2, two))
        for mapping, height, heads in options:
            if "name" not in mapping.values() or len(mapping) < 3:
                continue
            if best is None or len(mapping) > len(best[2]):
                best = (i, height, mapping, heads)
        if best and i > best[0] + 2:
            break
    if best is None:
        expected = ", ".join(f"“{LABELS[k]}”" for k in REQUIRED_COLUMNS + ("content",))
        hint = ""
        from dvk.tools.textfile import damage
        for row in rows[:HEADER_SEARCH_ROWS]:
            for c in row:
                problem = damage(_cell_text(c))
                if problem:
                    hint = f" Chữ trong tệp bị hỏng: {problem} (ví dụ “{_cell_text(c)[:40]}”); hãy lưu lại tệp dạng .xlsx hoặc CSV UTF-8."
                    break
            if hint:
                break
        raise UserError(f"Không tìm thấy dòng tiêu đề cột trong {HEADER_SEARCH_ROWS} dòng đầu; cần các cột {expected}.{hint}")
    i, height, mapping, heads = best
    ignored = [heads[c] for c in range(len(heads)) if heads[c] and c not in mapping]
    headings = [heads[c] for c in range(len(heads))]
    return i, height, mapping, headings, ignored


def _rows(path: Path, sheet: str | None, progress=None):
    """(sheet title, header row number, header rows, column map, ignored headings, data rows, encoding)."""
    suffix = path.suffix.lower()
    encoding = None
    if suffix in TEXT_SUFFIXES:
        table, encoding = _read_text_table(path)
        tables = [(None, table)]
    elif suffix in SHEET_SUFFIXES:
        tables = _read_xlsx(path, sheet)
    elif suffix in CALAMINE_SUFFIXES:
        tables = _read_calamine(path, sheet)
    else:
        raise UserError(f"Không đọc được tệp “{path.name}”: cần bảng tính .xlsx, .xls, .ods hoặc .csv, .txt")
    found, first_error = None, None
    for title, all_rows in tables:
        try:
            found = (title, all_rows, _find_header(all_rows))
            break
        except UserError as exc:
            first_error = first_error or exc
    if found is None:
        raise UserError(f"{path.name}: {first_error}")
    title, all_rows, (header_index, height, mapping, headings_list, ignored) = found
    # the field and the province may come from group rows (“I. LĨNH VỰC KINH TẾ”, “TỈNH QUẢNG NAM”):
    # checked once the rows are read
    missing = [k for k in ("name", "owner", "kind", "field", "province") if k not in mapping.values()]
    if "owner" in missing and any(_MARKS.get(k, ("",))[0] == "kind" for k in mapping.values()):
        missing.remove("owner")     # the owner's name is written in the kind's own column
        mapping[-1 - len(mapping)] = "owner"
    if all(k in ("field", "province", "kind") for k in missing):
        missing = []
    if missing:
        raise UserError(f"Bảng tính {path.name} thiếu cột: {', '.join(f'“{LABELS[k]}”' for k in missing)} "
                        f"(dòng tiêu đề cột là dòng {header_index + 1})")
    headings = {}
    for c, k in mapping.items():
        if c < 0 and k == "owner":
            headings[f"{LABELS['owner']} (tên ghi ở cột tập thể hoặc cá nhân)"] = k
        elif c < 0:
            written = [headings_list[m] for m, mk in mapping.items() if m >= 0 and _MARKS.get(mk, ("",))[0] == k]
            headings[f"{LABELS[k]} (đánh dấu ở cột " + ", ".join(f"“{_mark_label(w)}”" for w in written) + ")"] = k
        elif k not in _MARKS:
            headings[headings_list[c] or LABELS[k]] = k
    rows = []
    start = header_index + height
    for i, row in enumerate(all_rows[start:], start=start + 1):
        cells = {k: _unmerged(row[c]) if 0 <= c < len(row) else None for c, k in mapping.items()}
        for c, k in mapping.items():
            if c < 0 and k != "owner":       # the value of a group given by marks: the marked column's value
                marked = [_MARKS[mk][1] for m, mk in mapping.items() if m >= 0 and _MARKS.get(mk, ("",))[0] == k
                          and m < len(row) and _is_mark(row[m])]
                cells[k] = marked[0] if len(marked) == 1 else ("; ".join(marked) or None)
                if k == "kind" and not any(c2 >= 0 and k2 == "owner" for c2, k2 in mapping.items()):
                    # “Tên tập thể | Tên cá nhân”: the marked cell holds the owner's name itself
                    names = [_cell_text(row[m]) for m, mk in mapping.items() if m >= 0 and
                             _MARKS.get(mk, ("",))[0] == "kind" and m < len(row) and len(_cell_text(row[m])) > 3]
                    cells["owner"] = names[0] if len(names) == 1 else None
        rows.append(Row(i, cells, raw=row))
    return title, header_index + 1, height, headings, ignored, rows, encoding


def _is_mark(value) -> bool:
    text = _cell_text(value).lower()
    return bool(text) and text not in ("0", "-", "không", "k", "—")


def _mark_label(text: str) -> str:
    group, ident = _MARKS.get(text, (None, None))
    if group == "kind":
        return schema.KINDS.get(ident, ident)
    if group == "field":
        return schema.FIELD_IDS.get(ident, ident)
    if group == "recognized_level":
        return schema.LEVELS.get(ident, ident)
    return text


def _unmerged(value):
    return value.value if isinstance(value, _Merged) else value


# ------------------------------------------------------------------ what a row is

_ROMAN = r"(?:[IVXLC]+|[A-ZĐ]|\d+)"
_GROUP_LABEL = re.compile(rf"^\s*(?:{_ROMAN}\s*[.)/-]?\s+|{_ROMAN}\s*[.)/]\s*)", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:tổng\s+cộng|tổng\s+số|tổng|cộng|cộng\s+toàn\s+bộ|toàn\s+tỉnh|toàn\s+huyện)\b", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:người\s+lập(?:\s+biểu)?|người\s+tổng\s+hợp|xác\s+nhận|T/M|TM\.|K/T|KT\.|T/L|TL\.|"
                        r"nơi\s+nhận|\(?\s*ký|\(?\s*đã\s+ký|lãnh\s+đạo|thủ\s+trưởng|trưởng\s+ban|phó\s+trưởng\s+ban|"
                        r"bí\s+thư|phó\s+bí\s+thư|chủ\s+tịch|phó\s+chủ\s+tịch|ghi\s+chú\s*:)", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?\s*(?:\d{1,2}|[A-Z])\s*\)?$")


def _distinct(row: list) -> list[str]:
    seen, out = set(), []
    for c in row:
        if isinstance(c, _Merged):
            continue
        t = _cell_text(c)
        if t and t not in seen:
            seen.add(t)
            out.append(t)
    return out


def _classify(row: Row, taxonomy) -> tuple[str, str | None]:
    """("blank"|"numbers"|"group"|"total"|"signature"|"data", why)."""
    values = _distinct(row.raw)
    if not values:
        return "blank", None
    if len(values) >= 3 and sum(1 for v in values if _COLUMN_NUMBER.match(v)) >= 0.8 * len(values):
        return "numbers", "dòng đánh số cột (1), (2)…"
    if any(_TOTAL.match(v) for v in values) and (
            len(values) <= 4 or all(re.fullmatch(r"[\d.,%]+", v) or _TOTAL.match(v) for v in values)):
        return "total", "dòng tổng cộng"
    if sum(1 for v in values if _heading_key(v)) >= 3:
        return "header", "dòng tiêu đề cột lặp lại"
    filled = [k for k, v in row.cells.items() if _text(v) is not None and k != "id"]
    stt = next((v for v in values if re.fullmatch(r"\d{1,5}\.?", v)), None)
    if len(values) <= 2 and not (stt and "name" in filled):
        text = max(values, key=len)
        label = _GROUP_LABEL.match(text)
        bare = _GROUP_LABEL.sub("", text).strip(" .:") if label else text
        bare = re.sub(r"\s*\(.*?\)\s*|\s*:\s*\d+.*$", " ", bare).strip(" .:")   # “(5 mô hình)”, “: 5 mô hình”
        kind = vocab.match(vocab.KIND_WORDS, re.sub(r"^(?:các\s+)?(?:mô\s+hình|điển\s+hình)\s+", "", bare,
                                                    flags=re.IGNORECASE))
        if kind:
            row.group_kind = kind
            return "group", f"nhóm “{text}”"
        field = _group_field(bare, taxonomy)
        if field:
            row.group_field = field
            return "group", f"nhóm lĩnh vực “{text}”"
        ref = _group_province(bare)
        if ref:
            row.group_province = ref
            return "group", f"nhóm tỉnh, thành phố “{text}”"
        if any(_SIGNATURE.match(v) for v in values) or all(looks_like_person(v) for v in values):
            return "signature", "dòng chữ ký"
        if label or text.upper() == text or len(values) == 1 and len(filled) <= 1:
            return "group", f"tiêu đề nhóm “{text}”"
        return "signature", "dòng ghi chú, chữ ký"
    if any(_SIGNATURE.match(v) for v in values) and not stt and len(filled) <= 3:
        return "signature", "dòng chữ ký"
    return "data", None


def looks_like_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w.replace("'", "").isalpha() for w in words)


def _group_field(text: str, taxonomy) -> str | None:
    bare = re.sub(r"^(?:lĩnh\s+vực|các\s+mô\s+hình\s+(?:thuộc\s+)?lĩnh\s+vực|mô\s+hình\s+(?:thuộc\s+)?lĩnh\s+vực|"
                  r"khối|nhóm)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return vocab.match(vocab.field_table(taxonomy), bare) or vocab.match(vocab.field_table(taxonomy), text)


def _group_province(text: str) -> str | None:
    bare = re.sub(r"^(?:các\s+mô\s+hình\s+(?:của\s+)?|địa\s+bàn\s+)", "", text, flags=re.IGNORECASE).strip()
    ref = resolve(bare)
    return (ref.former or ref.province.name) if ref else None


# ------------------------------------------------------------------ one row → one record


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, _Merged):
        value = value.value
        if value is None:
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.strftime("%d/%m/%Y")
    text = re.sub(r"[ \t\u00a0]+", " ", nfc(str(value))).strip()
    text = re.sub(r"\s*\n\s*", " ", text) if "\n" in text and len(text) < 200 else text
    return text or None


_YEAR_TEXT = re.compile(r"^(?:(?:năm|ngày|tháng|quý|t|q)\s*)?[\d\s/.\-,:]*(?:năm\s*)?(?P<y>(?:19|20)\d{2})(?:\.0)?"
                        r"(?:\s*[-–]\s*\d{1,2}\s*[/.-]\s*\d{1,2})?\s*$", re.IGNORECASE)


def _year(value, column: str, problems: list) -> int | None:
    if value is None or _text(value) is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
        if 1900 <= number <= 2100:
            return number
        if 20000 < number < 80000:       # an Excel date serial kept as a number
            return (dt.date(1899, 12, 30) + dt.timedelta(days=number)).year
        problems.append(f"cột “{column}”: “{number}” không phải là một năm (cần 4 chữ số, ví dụ 2023)")
        return None
    text = _text(value)
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)
    m = _YEAR_TEXT.match(text.replace("năm", " năm ").strip())
    if m and len(set(years)) == 1:
        return int(m["y"])
    m = re.fullmatch(r"(?P<y>(?:19|20)\d{2})-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", text)
    if m:
        return int(m["y"])
    problems.append(f"cột “{column}”: “{text}” không phải là một năm (cần 4 chữ số, ví dụ 2023)")
    return None


def _summary(content: str) -> tuple[str, str | None]:
    """A one- or two-sentence summary from the content, and the whole content when it says more."""
    sentences = re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ0-9“\"])", content.strip())
    summary = ""
    for s in sentences:
        if summary and (len(summary) + len(s) > SUMMARY_MAX or summary.count(". ") >= 1):
            break
        summary = f"{summary} {s}".strip()
    if len(summary) > SUMMARY_MAX:
        summary = summary[:SUMMARY_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary, (content.strip() if summary != content.strip() else None)


def _made_summary(data: dict) -> str:
    """A summary from what the row says, for a sheet without a content column."""
    who = data.get("owner")
    where = ", ".join(x for x in (data.get("locality"), data.get("province")) if x)
    text = f"Mô hình “{data['name']}” của {who}"
    if where:
        text += f" ({where})"
    return text + "."


def _match(table: dict, value: str | None) -> str | None:
    """``vocab.match``, then again without notes in brackets (“Cấp tỉnh (Tỉnh ủy)”, “TT (tập thể)”)."""
    if not value:
        return None
    return vocab.match(table, value) or vocab.match(table, re.sub(r"\(.*?\)|\[.*?\]", " ", value))


def _record(row: Row, headings: dict, taxonomy, draft: bool) -> tuple[dict | None, list[str], str]:
    from dvk.tools.textfile import damage
    column = {k: h for h, k in headings.items()}
    cells, problems = row.cells, []
    get = lambda k: _text(cells.get(k))  # noqa: E731
    for k, v in cells.items():
        problem = damage(_text(v) or "")
        if problem:
            problems.append(f"cột “{column.get(k, LABELS.get(k, k))}”: {problem}: “{_text(v)[:50]}”; "
                            "hãy lưu lại bảng tính dạng .xlsx hoặc CSV UTF-8 rồi nhập lại")
    if problems:
        return None, problems, ""
    data: dict = {}
    review = ""
    for k in ("name", "owner", "kind", "province"):
        if get(k) is None:
            if k == "province" and row.group_province or k == "kind" and row.group_kind:
                continue
            if k == "kind" and k not in column:
                problems.append("không biết mô hình tập thể hay cá nhân: bảng tính không có cột "
                                f"“{LABELS['kind']}” và dòng này không nằm dưới tiêu đề nhóm “Tập thể”/“Cá nhân”")
                continue
            if k == "province" and k not in column:
                problems.append("không biết tỉnh, thành phố: bảng tính không có cột "
                                f"“{LABELS['province']}” và dòng này không nằm dưới tiêu đề nhóm tỉnh nào")
                continue
            problems.append(f"cột “{column[k]}” đang để trống")
    if "field" in column and get("field") is None and not row.group_field:
        problems.append(f"cột “{column['field']}” đang để trống")
    elif "field" not in column and not row.group_field:
        problems.append(f"không biết lĩnh vực: bảng tính không có cột “{LABELS['field']}” và dòng này không nằm "
                        "dưới tiêu đề nhóm lĩnh vực nào")
    data["name"] = get("name")
    kind = get("kind")
    data["kind"] = _match(vocab.KIND_WORDS, kind) if kind else row.group_kind
    if kind and data["kind"] is None:
        problems.append(f"cột “{column['kind']}”: không nhận ra “{kind}”; cần “Tập thể” hoặc “Cá nhân”")
    data["owner"] = get("owner")
    field = get("field")
    data["field"] = _match(vocab.field_table(taxonomy), field) if field else row.group_field
    if field and data["field"] is None:
        problems.append(f"cột “{column['field']}”: không nhận ra lĩnh vực “{field}”; "
                        f"cần một trong: {vocab.choices(schema.FIELD_IDS)}")
    topics_text = get("topics")
    if topics_text:
        by_name = {}
        for t in (taxonomy.topics.values() if taxonomy else ()):
            by_name[vocab.key(t.name)] = t.id
            by_name[vocab.key(t.id)] = t.id
        topics = []
        for part in re.split(r"[;,\n]", topics_text):
            if part.strip():
                topics.append(by_name.get(vocab.key(part), part.strip()))
        data["topics"] = topics
    province = get("province") or row.group_province
    ref = resolve(province) if province else None
    data["province"] = (ref.former or ref.province.name) if ref else province
    if get("locality"):
        data["locality"] = get("locality")
    registered = _year(cells.get("registered"), column.get("registered", ""), problems)
    if registered:
        data["registered"] = registered
    before = len(problems)
    year = _year(cells.get("recognized_year"), column.get("recognized_year", ""), problems)
    year_unreadable = len(problems) > before
    level_text = get("recognized_level")
    level = _match(vocab.LEVEL_WORDS, level_text)
    if level_text and level is None:
        problems.append(f"cột “{column['recognized_level']}”: không nhận ra “{level_text}”; "
                        f"cần một trong: {vocab.choices(schema.LEVELS)}")
    if year and not level_text:
        problems.append(f"có năm công nhận {year} nhưng cột “{column.get('recognized_level', LABELS['recognized_level'])}” "
                        "đang để trống (cấp cơ sở, huyện, tỉnh hay toàn quốc)")
    if level_text and not year and not year_unreadable:
        problems.append(f"có cấp công nhận “{level_text}” nhưng cột "
                        f"“{column.get('recognized_year', LABELS['recognized_year'])}” đang để trống")
    status_text = get("status")
    status = vocab.match(vocab.STATUS_WORDS, status_text) if status_text else None
    if status_text and status is None:
        problems.append(f"cột “{column['status']}”: không nhận ra “{status_text}”; "
                        f"cần một trong: {vocab.choices(schema.STATUSES)}")
    if year and level:
        data["recognized"] = {"year": year, "level": level}
    data["status"] = status or ("recognized" if year else "registered")
    content, summary = get("content"), get("summary")
    if summary:
        data["summary"] = summary
        if content:
            data["description"] = content
    elif content:
        data["summary"], description = _summary(content)
        if description:
            data["description"] = description
    elif "content" in column:
        problems.append(f"cột “{column['content']}” đang để trống")
    elif not problems:
        data["summary"] = _made_summary(data)
        review = (f"bảng tính không có cột “{LABELS['content']}”: tóm tắt được ghép từ tên, đơn vị và địa bàn; "
                  "hãy viết lại “summary” rồi bỏ “draft: true”")
    if draft or review:
        data["draft"] = True
    return (None if problems else data), problems, review


# ------------------------------------------------------------------ ids, conflicts, writing

# Abbreviations in owners' names, spelled out before two names are compared.
OWNER_WORDS = {"lhpn": "lien hiep phu nu", "hlhpn": "hoi lien hiep phu nu", "ubnd": "uy ban nhan dan",
               "mttq": "mat tran to quoc", "ubmttq": "uy ban mat tran to quoc", "hnd": "hoi nong dan",
               "ccb": "cuu chien binh", "hccb": "hoi cuu chien binh", "dtn": "doan thanh nien", "htx": "hop tac xa",
               "bdv": "ban dan van", "hdnd": "hoi dong nhan dan", "vn": "viet nam", "tp": "thanh pho",
               "tx": "thi xa", "tt": "thi tran", "p": "phuong", "q": "quan", "h": "huyen", "ca": "cong an",
               "thcs": "trung hoc co so", "thpt": "trung hoc pho thong", "th": "tieu hoc", "mn": "mam non",
               "ptdtbt": "pho thong dan toc ban tru", "ptdtnt": "pho thong dan toc noi tru", "bch": "ban chi huy",
               "qs": "quan su", "bp": "bien phong", "ldld": "lien doan lao dong"}
_HONORIFICS = {"ong", "ba", "anh", "chi", "dong chi", "co", "thay", "em", "chau", "gia lang", "truong ban"}


def _owner_key(owner) -> str:
    words = re.findall(r"[a-z0-9]+", fold(str(owner or "")))
    while words and (words[0] in _HONORIFICS or " ".join(words[:2]) in _HONORIFICS):
        words = words[2:] if " ".join(words[:2]) in _HONORIFICS else words[1:]
    return "".join(OWNER_WORDS.get(w, w).replace(" ", "") for w in words)


def _province_key(province) -> str:
    ref = resolve(str(province)) if province else None
    return ref.province.code if ref else vocab.key(province or "")


def model_key(data: dict) -> tuple[str, str, str]:
    """What makes two records the same model: name, owner and today's province, whatever the spelling."""
    return vocab.key(data.get("name") or ""), _owner_key(data.get("owner")), _province_key(data.get("province"))


def _load_yaml(path: Path) -> dict:
    """An existing record, read quickly (libyaml when present): only its name, owner and province are used."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


class _Ids:
    """Records already there (by file and by model) and rows planned in this run."""

    def __init__(self, root: Path, names: set[str] | None = None):
        """``names``: keys of the names being imported; only records that may match them are read in full."""
        self.root = root
        self.files = {os.path.basename(p).rsplit(".", 1)[0]: Path(p) for p in walk_files(root / "data" / "models", YAML_SUFFIXES)}
        self.models: dict[tuple, Path] = {}
        for path in self.files.values():
            if names is not None:
                try:
                    text = path.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue
                m = re.search(r"^name:\s*(.+?)\s*$", text, re.M)
                if m and not re.fullmatch(r"[|>][-+]?\d*", m[1]) and vocab.key(m[1]) not in names:
                    continue          # another model: no need to parse it
            data = _load_yaml(path)
            if data.get("name"):
                self.models.setdefault(model_key(data), path)
        self.planned: dict[str, Planned] = {}
        self.planned_models: dict[tuple, Planned] = {}

    def existing(self, data: dict) -> str | None:
        """The record already written for this model (data/models/…), if any."""
        path = self.models.get(model_key(data))
        return path.relative_to(self.root).as_posix() if path else None

    def choose(self, data: dict, explicit: str | None) -> tuple[str | None, str | None]:
        """(id, None) for a free id, or (None, reason) when the row conflicts with another row or record."""
        other = self.planned_models.get(model_key(data))
        if other is not None:
            return None, f"trùng với dòng {other.row} (mã “{other.record_id}”); không ghi hai lần"
        base = explicit or slugify(data["name"])
        if explicit and not re.fullmatch(schema.SLUG, explicit):
            return None, f"cột “{LABELS['id']}”: “{explicit}” không dùng được làm mã; cần {schema.SLUG_HINT}"
        place = slugify(str(data.get("province") or ""))
        candidates = [base] if explicit else [base, f"{base}-{place}"] + [f"{base}-{place}-{n}" for n in range(2, 10)]
        for candidate in candidates:
            if candidate in self.planned or candidate in self.files:
                if explicit:
                    return None, f"cột “{LABELS['id']}”: mã “{candidate}” đã được dùng; không ghi đè"
                continue
            return candidate, None
        return None, f"đã có quá nhiều mô hình tên “{data['name']}” ở {data.get('province')}; hãy thêm cột “{LABELS['id']}”"

    def plan(self, planned: Planned):
        self.planned[planned.record_id] = planned
        self.planned_models[model_key(planned.data)] = planned


def folder_of(province) -> str:
    """The folder of today's province: ``TP HCM``, ``Bà Rịa - Vũng Tàu`` → ``ho-chi-minh``."""
    ref = resolve(str(province)) if province else None
    return ref.province.slug if ref else (slugify(str(province or "")) or "khac")


def _yaml(data: dict, source: str, row: int, review: str = "") -> str:
    order = list(schema.MODEL.keys)
    keys = [Key(k, data[k]) for k in order if k in data]
    header = f"Nhập từ {source}, dòng {row} (invoke import-models)"
    if review:
        header += f"\nCẦN XEM LẠI: {review}"
    return render(keys, header=header)


def _check_with_build_loader(root: Path, planned: list[Planned], headings: dict) -> dict[int, list[str]]:
    """Run the build's own checks on the planned records; row -> problems."""
    if not planned:
        return {}
    by_file = {}
    with tempfile.TemporaryDirectory(prefix="dvk-import-") as tmp:
        tmp = Path(tmp)
        (tmp / "content").mkdir()
        (tmp / "data" / "models").mkdir(parents=True)
        if (root / "data" / "fields.yaml").is_file():
            shutil.copy(root / "data" / "fields.yaml", tmp / "data" / "fields.yaml")
        for p in planned:
            name = f"{p.record_id}.yaml"
            (tmp / "data" / "models" / name).write_text(_yaml(p.data, "", p.row), encoding="utf-8")
            by_file[f"data/models/{name}"] = p.row
        corpus = load_corpus(tmp)
    problems: dict[int, list[str]] = {}
    for problem in corpus.problems:
        row = by_file.get(problem.path)
        if row is None:
            continue
        column = COLUMN_OF.get(problem.field or "") or COLUMN_OF.get((problem.field or "").split("[")[0].split(".")[0])
        heading = {k: h for h, k in headings.items()}.get(column, LABELS.get(column))
        where = f"cột “{heading}”: " if column else (f"trường “{problem.field}”: " if problem.field else "")
        problems.setdefault(row, []).append(where + problem.message)
    return problems


def import_models(root, path, *, dry_run: bool = False, draft: bool = False, sheet: str | None = None,
                  progress: bool = False) -> ImportResult:
    """Read ``path`` and write one record per valid, new row under ``data/models/<today's province>/``."""
    root, path = Path(root), Path(path)
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp {path}")
    bar = _progress() if progress else None
    with bar or _nothing():
        title, header_row, height, headings, ignored, rows, encoding = _rows(path, sheet, bar)
        taxonomy = None
        if (root / "data" / "fields.yaml").is_file():
            taxonomy, _ = parse_taxonomy(Source(read_text(root / "data" / "fields.yaml")).load())
        result = ImportResult(path.name, title, header_row, headings, ignored, dry_run=dry_run, encoding=encoding,
                              header_rows=height)
        ids = _Ids(root, {vocab.key(_text(r.cells.get("name")) or "") for r in rows})
        task = bar.add_task("Đang kiểm tra từng dòng", total=len(rows)) if bar else None
        group_field = group_province = group_kind = None
        for row in rows:
            if bar:
                bar.advance(task)
            what, why = _classify(row, taxonomy)
            if what == "blank":
                result.skipped_blank += 1
                continue
            if what == "group":
                if row.group_field:
                    group_field = row.group_field
                if row.group_province:
                    group_province = row.group_province
                if row.group_kind:
                    group_kind = row.group_kind
                result.skipped.append(Rejected(row.number, why, path.name))
                continue
            if what != "data":
                result.skipped.append(Rejected(row.number, why, path.name))
                continue
            row.group_field, row.group_province, row.group_kind = group_field, group_province, group_kind
            data, problems, review = _record(row, headings, taxonomy, draft)
            if problems:
                result.rejected.append(Rejected(row.number, "; ".join(problems), path.name))
                continue
            already = ids.existing(data)
            if already:
                result.existing.append(Rejected(row.number, f"đã có hồ sơ {already}; không ghi đè", path.name))
                continue
            record_id, conflict = ids.choose(data, _text(row.cells.get("id")))
            if conflict:
                result.rejected.append(Rejected(row.number, conflict, path.name))
                continue
            planned = Planned(row.number, record_id, data,
                              f"data/models/{folder_of(data['province'])}/{record_id}.yaml", review)
            ids.plan(planned)
            result.planned.append(planned)
        lacking = [k for k, group in (("kind", group_kind), ("field", group_field), ("province", group_province))
                   if k not in headings.values() and group is None]
        if lacking:
            raise UserError(f"Bảng tính {path.name} thiếu cột: {', '.join(f'“{LABELS[k]}”' for k in lacking)} "
                            f"(dòng tiêu đề cột là dòng {header_row}), và không có dòng tiêu đề nhóm nào cho biết "
                            "lĩnh vực hay tỉnh, thành phố (ví dụ “I. LĨNH VỰC KINH TẾ”, “TỈNH QUẢNG NAM”)")
        task = bar.add_task(f"Đang kiểm tra {len(result.planned)} hồ sơ như khi dựng trang", total=None) if bar else None
        checks = _check_with_build_loader(root, result.planned, headings)
        if bar:
            bar.update(task, total=1, completed=1)
        if checks:
            result.rejected += [Rejected(r, "; ".join(m), path.name) for r, m in checks.items()]
            result.planned = [p for p in result.planned if p.row not in checks]
        if not dry_run:
            task = bar.add_task("Đang ghi hồ sơ", total=len(result.planned)) if bar else None
            for p in result.planned:
                try:
                    write_new(root / p.rel, _yaml(p.data, path.name, p.row, p.review))
                except FileExistsError:
                    result.rejected.append(Rejected(p.row, f"đã có tệp {p.rel}; không ghi đè", path.name))
                    continue
                result.written.append(p.rel)
                if bar:
                    bar.advance(task)
    return result


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not console.is_terminal)
