"""``invoke import-models``: model records from a committee's spreadsheet (.xlsx or .csv).

Committees keep their lists in spreadsheets with Vietnamese column headings
(Tên mô hình, Đơn vị/Cá nhân, Tập thể/Cá nhân, Lĩnh vực, Tỉnh/Thành phố, Địa
bàn, Năm đăng ký, Năm công nhận, Cấp công nhận, Nội dung). Headings are
recognised whatever their case, diacritics, order or notes in brackets; extra
columns are ignored; values such as “Văn hóa – xã hội”, “Tập thể” or “Cấp
tỉnh” become the schema's ids. Each row becomes one YAML record, checked by
the very loader the build uses (``load_corpus``) before anything is written.
An existing record is never overwritten: conflicts and invalid rows are
listed with their row number and the reason.
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

from . import schema, vocab
from .corpus import YAML_SUFFIXES, _walk, load_corpus
from .fields import parse_taxonomy
from .text import fold, nfc, slugify
from .usererror import UserError
from .yamlsrc import Source, YamlSyntaxError, read_text
from .yamlwrite import Key, render

# Record key -> the headings committees write for it (compared folded, letters and digits only).
HEADINGS = {
    "name": ["Tên mô hình", "Tên mô hình, điển hình", "Tên mô hình/điển hình", "Tên điển hình", "Mô hình"],
    "owner": ["Đơn vị/Cá nhân", "Đơn vị, cá nhân", "Đơn vị/Cá nhân thực hiện", "Đơn vị thực hiện",
              "Cá nhân/Đơn vị", "Chủ thể", "Đơn vị"],
    "kind": ["Tập thể/Cá nhân", "Tập thể hay cá nhân", "Cá nhân/Tập thể", "Loại mô hình", "Loại"],
    "field": ["Lĩnh vực"],
    "province": ["Tỉnh/Thành phố", "Tỉnh, thành phố", "Tỉnh/TP", "Tỉnh thành", "Tỉnh", "Tỉnh/Thành"],
    "locality": ["Địa bàn", "Địa phương", "Địa bàn thực hiện", "Huyện/Xã"],
    "registered": ["Năm đăng ký", "Năm đăng ký xây dựng"],
    "recognized_year": ["Năm công nhận"],
    "recognized_level": ["Cấp công nhận", "Cấp"],
    "content": ["Nội dung", "Nội dung mô hình", "Nội dung, kết quả", "Mô tả"],
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
HEADER_SEARCH_ROWS = 15


@dataclass
class Row:
    number: int          # as the spreadsheet shows it (1 = first line)
    cells: dict          # record key -> raw cell value


@dataclass
class Planned:
    row: int
    record_id: str
    data: dict
    rel: str             # data/models/<folder>/<id>.yaml


@dataclass
class Rejected:
    row: int
    reason: str

    def __str__(self):
        return f"Dòng {self.row}: {self.reason}"


@dataclass
class ImportResult:
    source: str
    sheet: str | None
    header_row: int
    columns: dict                 # heading as written -> record key
    ignored: list
    planned: list = dc_field(default_factory=list)
    rejected: list = dc_field(default_factory=list)
    skipped_blank: int = 0
    written: list = dc_field(default_factory=list)
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return len(self.planned) + len(self.rejected)

    def report(self) -> str:
        lines = [f"Đọc {self.rows} dòng dữ liệu từ {self.source}"
                 + (f" (trang “{self.sheet}”" if self.sheet else " (")
                 + f"{', ' if self.sheet else ''}dòng tiêu đề cột: {self.header_row})."]
        lines.append("Cột đã nhận: " + "; ".join(f"“{h}” → {LABELS[k]}" for h, k in self.columns.items()) + ".")
        if self.ignored:
            lines.append("Bỏ qua các cột: " + ", ".join(f"“{h}”" for h in self.ignored) + ".")
        if self.dry_run:
            lines.append(f"Chạy thử (--dry-run): sẽ ghi {len(self.planned)} hồ sơ; không ghi tệp nào.")
        else:
            lines.append(f"Đã ghi {len(self.written)} hồ sơ mới vào data/models/.")
        if self.rejected:
            lines.append(f"Không ghi {len(self.rejected)} dòng:")
            lines.extend(f"  {r}" for r in sorted(self.rejected, key=lambda r: r.row))
        return "\n".join(lines)


# ------------------------------------------------------------------ reading


def _heading_key(text) -> str | None:
    if text is None:
        return None
    plain = re.sub(r"\(.*?\)|\[.*?\]|\*", " ", nfc(str(text)))
    k = vocab.key(plain)
    if not k:
        return None
    if k in _HEADING_KEYS:
        return _HEADING_KEYS[k]
    close = difflib.get_close_matches(k, list(_HEADING_KEYS), n=1, cutoff=0.88)
    return _HEADING_KEYS[close[0]] if close else None


def _read_csv(path: Path) -> list[list]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = raw.decode(encoding)
            if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(f"Không đọc được {path.name}: hãy lưu bảng tính dạng CSV UTF-8")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(path: Path, sheet: str | None):
    import openpyxl
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:   # a damaged or non-Excel file
        raise UserError(f"Không mở được {path.name} như một bảng tính Excel (.xlsx): {exc}") from None
    if sheet:
        if sheet not in workbook.sheetnames:
            raise UserError(f"Không có trang “{sheet}” trong {path.name}; các trang: {', '.join(workbook.sheetnames)}")
        ws = workbook[sheet]
    else:
        ws = workbook.active if workbook.active is not None else workbook.worksheets[0]
    return ws.title, ws.max_row, ws.iter_rows(values_only=True), workbook


def _find_header(rows: list[list]) -> tuple[int, dict[int, str], list[str]]:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, ignored = {}, []
        for col, cell in enumerate(row):
            k = _heading_key(cell)
            if k and k not in mapping.values():
                mapping[col] = k
            elif cell not in (None, ""):
                ignored.append(nfc(str(cell)).strip())
        if "name" in mapping.values() and len(mapping) >= 3:
            return i, mapping, ignored
    expected = ", ".join(f"“{LABELS[k]}”" for k in REQUIRED_COLUMNS + ("content",))
    raise UserError(f"Không tìm thấy dòng tiêu đề cột trong {HEADER_SEARCH_ROWS} dòng đầu; cần các cột {expected}")


def _rows(path: Path, sheet: str | None, progress=None):
    """(sheet title, header row number, column map, ignored headings, data rows)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        all_rows, title, book = _read_csv(path), None, None
    elif suffix in (".xlsx", ".xlsm"):
        title, total, iterator, book = _read_xlsx(path, sheet)
        all_rows = []
        task = progress.add_task("Đang đọc bảng tính", total=total) if progress else None
        for row in iterator:
            all_rows.append(list(row))
            if task is not None:
                progress.advance(task)
        book.close()
    else:
        raise UserError(f"Không đọc được tệp “{path.name}”: cần bảng tính .xlsx hoặc .csv")
    header_index, mapping, ignored = _find_header(all_rows)
    missing = [k for k in REQUIRED_COLUMNS if k not in mapping.values()]
    if "content" not in mapping.values() and "summary" not in mapping.values():
        missing.append("content")
    if missing:
        raise UserError(f"Bảng tính thiếu cột: {', '.join(f'“{LABELS[k]}”' for k in missing)} "
                        f"(dòng tiêu đề cột là dòng {header_index + 1})")
    headings = {nfc(str(all_rows[header_index][c])).strip(): k for c, k in mapping.items()}
    rows = []
    for i, row in enumerate(all_rows[header_index + 1:], start=header_index + 2):
        rows.append(Row(i, {k: row[c] if c < len(row) else None for c, k in mapping.items()}))
    return title, header_index + 1, headings, ignored, rows


# ------------------------------------------------------------------ one row → one record


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[ \t\u00a0]+", " ", nfc(str(value))).strip()
    return text or None


def _year(value, column: str, problems: list) -> int | None:
    if value is None or _text(value) is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    m = re.fullmatch(r"(?:năm\s*)?(\d{4})(?:\.0)?", _text(value).lower())
    if m:
        return int(m.group(1))
    problems.append(f"cột “{column}”: “{_text(value)}” không phải là một năm (cần 4 chữ số, ví dụ 2023)")
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


def _record(row: Row, headings: dict, taxonomy, draft: bool) -> tuple[dict | None, list[str]]:
    column = {k: h for h, k in headings.items()}
    cells, problems = row.cells, []
    get = lambda k: _text(cells.get(k))  # noqa: E731
    data: dict = {}
    for k in REQUIRED_COLUMNS:
        if get(k) is None:
            problems.append(f"cột “{column[k]}” đang để trống")
    data["name"] = get("name")
    kind = get("kind")
    data["kind"] = vocab.match(vocab.KIND_WORDS, kind) if kind else None
    if kind and data["kind"] is None:
        problems.append(f"cột “{column['kind']}”: không nhận ra “{kind}”; cần “Tập thể” hoặc “Cá nhân”")
    data["owner"] = get("owner")
    field = get("field")
    data["field"] = vocab.match(vocab.field_table(taxonomy), field) if field else None
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
    data["province"] = get("province")
    if get("locality"):
        data["locality"] = get("locality")
    registered = _year(cells.get("registered"), column.get("registered", ""), problems)
    if registered:
        data["registered"] = registered
    before = len(problems)
    year = _year(cells.get("recognized_year"), column.get("recognized_year", ""), problems)
    year_unreadable = len(problems) > before
    level_text = get("recognized_level")
    level = vocab.match(vocab.LEVEL_WORDS, level_text) if level_text else None
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
    else:
        problems.append(f"cột “{column.get('content') or LABELS['content']}” đang để trống")
    if draft:
        data["draft"] = True
    return (None if problems else data), problems


# ------------------------------------------------------------------ ids, conflicts, writing


def _same_model(a: dict, b: dict) -> bool:
    same = lambda k: fold(str(a.get(k) or "")) == fold(str(b.get(k) or ""))  # noqa: E731
    return same("name") and same("owner") and same("province")


class _Ids:
    """Record ids already taken: by files under data/models/ and by rows planned in this run."""

    def __init__(self, root: Path):
        self.root = root
        self.files = {os.path.basename(p).rsplit(".", 1)[0]: Path(p) for p in _walk(root / "data" / "models", YAML_SUFFIXES)}
        self.planned: dict[str, Planned] = {}

    def _existing(self, record_id: str) -> dict:
        try:
            data = Source(read_text(self.files[record_id])).load()
        except (OSError, YamlSyntaxError, UnicodeDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def choose(self, data: dict, explicit: str | None) -> tuple[str | None, str | None]:
        """(id, None) for a free id, or (None, reason) when the row conflicts with a record."""
        base = explicit or slugify(data["name"])
        if explicit and not re.fullmatch(schema.SLUG, explicit):
            return None, f"cột “{LABELS['id']}”: “{explicit}” không dùng được làm mã; cần {schema.SLUG_HINT}"
        place = slugify(str(data.get("province") or ""))
        candidates = [base] if explicit else [base, f"{base}-{place}"] + [f"{base}-{place}-{n}" for n in range(2, 10)]
        for candidate in candidates:
            if candidate in self.planned:
                other = self.planned[candidate]
                if explicit or _same_model(other.data, data):
                    return None, f"trùng với dòng {other.row} (mã “{candidate}”); không ghi hai lần"
                continue
            if candidate in self.files:
                if explicit or _same_model(self._existing(candidate), data):
                    rel = self.files[candidate].relative_to(self.root).as_posix()
                    return None, f"đã có hồ sơ {rel} (mã “{candidate}”); không ghi đè"
                continue
            return candidate, None
        return None, f"đã có quá nhiều mô hình tên “{data['name']}” ở {data.get('province')}; hãy thêm cột “{LABELS['id']}”"


def _yaml(data: dict, source: str, row: int) -> str:
    order = list(schema.MODEL.keys)
    keys = [Key(k, data[k]) for k in order if k in data]
    return render(keys, header=f"Nhập từ {source}, dòng {row} (invoke import-models)")


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
    """Read ``path`` and write one record per valid, new row under ``data/models/``."""
    root, path = Path(root), Path(path)
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp {path}")
    bar = _progress() if progress else None
    with bar or _nothing():
        title, header_row, headings, ignored, rows = _rows(path, sheet, bar)
        taxonomy = None
        if (root / "data" / "fields.yaml").is_file():
            taxonomy, _ = parse_taxonomy(Source(read_text(root / "data" / "fields.yaml")).load())
        result = ImportResult(path.name, title, header_row, headings, ignored, dry_run=dry_run)
        ids = _Ids(root)
        task = bar.add_task("Đang kiểm tra từng dòng", total=len(rows)) if bar else None
        for row in rows:
            if bar:
                bar.advance(task)
            if all(_text(v) is None for v in row.cells.values()):
                result.skipped_blank += 1
                continue
            data, problems = _record(row, headings, taxonomy, draft)
            if problems:
                result.rejected.append(Rejected(row.number, "; ".join(problems)))
                continue
            record_id, conflict = ids.choose(data, _text(row.cells.get("id")))
            if conflict:
                result.rejected.append(Rejected(row.number, conflict))
                continue
            planned = Planned(row.number, record_id, data,
                              f"data/models/{slugify(data['province']) or 'khac'}/{record_id}.yaml")
            ids.planned[record_id] = planned
            result.planned.append(planned)
        task = bar.add_task(f"Đang kiểm tra {len(result.planned)} hồ sơ như khi dựng trang", total=None) if bar else None
        checks = _check_with_build_loader(root, result.planned, headings)
        if bar:
            bar.update(task, total=1, completed=1)
        if checks:
            result.rejected += [Rejected(r, "; ".join(m)) for r, m in checks.items()]
            result.planned = [p for p in result.planned if p.row not in checks]
        if not dry_run:
            task = bar.add_task("Đang ghi hồ sơ", total=len(result.planned)) if bar else None
            for p in result.planned:
                target = root / p.rel
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with open(target, "x", encoding="utf-8") as fh:
                        fh.write(_yaml(p.data, path.name, p.row))
                except FileExistsError:
                    result.rejected.append(Rejected(p.row, f"đã có tệp {p.rel}; không ghi đè"))
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
