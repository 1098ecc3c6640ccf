"""Open data: the published catalog as CSV and JSON, the statistics as JSON (no Pelican import).

What goes in: exactly the records the site publishes (``Corpus.models`` in a
production build; callers drop anything ``visibility.is_public`` refuses, so a
preview build publishes no draft either), and only what their public pages
show. Not in: the description (long Markdown, on the model page), images,
results and sources (lists that do not fit a spreadsheet cell), the source
file's path, ``featured`` and ``draft``.

Values: coded columns (``kind``, ``field``, ``topics``, ``recognized_level``,
``status``) hold the schema's stable ids, the same as ``model.schema.json``,
and each has a ``*_label`` column beside it with the Vietnamese words the site
shows. Lists (topics) are joined with ``"; "`` in the CSV and are arrays in
the JSON. Missing values are empty cells in the CSV and ``null`` in the JSON.
The CSV is UTF-8 with a byte-order mark, so that Excel shows Vietnamese
correctly, comma-separated, CRLF line ends (RFC 4180).
"""
from __future__ import annotations

import codecs
import csv
import io
import json

from dvk.model import urls
from dvk.model.schema import KINDS, LEVELS, STATUSES

LICENCE = "CC BY 4.0"
LICENCE_NAME = "Creative Commons Ghi công 4.0 Quốc tế"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"

DIR = urls.OPEN_DATA
CSV_FILE = "mo-hinh.csv"
JSON_FILE = "mo-hinh.json"
STATS_FILE = "thong-ke.json"
SCHEMA_FILE = "model.schema.json"

# (column id, what it holds, in Vietnamese): the order of the CSV's columns and of each JSON record's keys.
COLUMNS = [
    ("id", "Mã hồ sơ mô hình, duy nhất và không đổi (tên tệp hồ sơ)."),
    ("url", "Địa chỉ trang của mô hình trên trang này."),
    ("name", "Tên mô hình."),
    ("kind", "Loại mô hình: collective (tập thể) hoặc individual (cá nhân)."),
    ("kind_label", "Loại mô hình bằng tiếng Việt."),
    ("owner", "Đơn vị thực hiện (mô hình tập thể) hoặc cá nhân thực hiện (mô hình cá nhân)."),
    ("field", "Mã lĩnh vực: economy, culture-society, defense-security hoặc party-building."),
    ("field_label", "Tên lĩnh vực bằng tiếng Việt."),
    ("topics", "Mã các chủ đề của mô hình (trong tệp CSV cách nhau bởi “; ”); có thể trống."),
    ("topics_label", "Tên các chủ đề bằng tiếng Việt, cùng thứ tự."),
    ("province", "Tỉnh, thành phố hiện nay (34 tỉnh, thành phố từ năm 2025) mà mô hình được tính vào."),
    ("province_as_written", "Tỉnh, thành phố hồ sơ ghi tại thời điểm đó, khi khác tỉnh, thành phố hiện nay "
                            "(thường là tỉnh trước năm 2025, như trang mô hình ghi “hồ sơ ghi: …”); trống nếu giống."),
    ("locality", "Địa bàn (huyện, xã…) như hồ sơ ghi; có thể trống."),
    ("registered", "Năm đăng ký xây dựng mô hình; có thể trống."),
    ("recognized_year", "Năm được công nhận; trống nếu chưa được công nhận."),
    ("recognized_level", "Cấp công nhận: grassroots (cơ sở), district (huyện), province (tỉnh) hoặc national (toàn quốc)."),
    ("recognized_level_label", "Cấp công nhận bằng tiếng Việt."),
    ("status", "Tình trạng: registered (đăng ký), recognized (được công nhận) hoặc replicated (được nhân rộng)."),
    ("status_label", "Tình trạng bằng tiếng Việt."),
    ("summary", "Tóm tắt mô hình, một hai câu."),
    ("illustrative", "“có” nếu là nội dung minh họa (mẫu), không phải thông tin chính thức; “không” nếu không (JSON: true/false)."),
]
COLUMN_IDS = [c for c, _ in COLUMNS]


_KIND_LABELS = {k: v.capitalize() for k, v in KINDS.items()}
_LEVEL_LABELS = {k: v.capitalize() for k, v in LEVELS.items()}
_STATUS_LABELS = {k: v.capitalize() for k, v in STATUSES.items()}


def record_dict(record, siteurl: str = "") -> dict:
    """One record as the open data gives it: JSON values (lists, numbers, null, booleans)."""
    d = record.data
    recognized = d.get("recognized") or {}
    level = recognized.get("level")
    place = record.place
    return {
        "id": record.id,
        "url": f"{siteurl}/mo-hinh/{record.id}/",
        "name": d["name"],
        "kind": d["kind"],
        "kind_label": _KIND_LABELS[d["kind"]],
        "owner": d["owner"],
        "field": record.field.id,
        "field_label": record.field.name,
        "topics": [t.id for t in record.topics],
        "topics_label": [t.name for t in record.topics],
        "province": place.province.name,
        "province_as_written": place.written if place.former_differs else None,   # as the model page shows it
        "locality": d.get("locality") or None,
        "registered": d.get("registered") or None,
        "recognized_year": recognized.get("year"),
        "recognized_level": level,
        "recognized_level_label": _LEVEL_LABELS[level] if level else None,
        "status": d["status"],
        "status_label": _STATUS_LABELS[d["status"]],
        "summary": d["summary"],
        "illustrative": bool(d.get("illustrative")),
    }


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM…).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value) -> str:
    """One CSV cell. Text that a spreadsheet would take for a formula is prefixed with an apostrophe, as OWASP
    recommends for CSV injection (numbers stay numbers; the JSON keeps the text as written)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        return str(value)
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def catalog_row(record, siteurl: str = "") -> tuple[bytes, bytes]:
    """One record's CSV line and JSON text, encoded in UTF-8 (as bytes, a national site's 100,000 rows
    kept between builds take a third of the memory, and are read back at once)."""
    row = record_dict(record, siteurl)
    line = io.StringIO()
    csv.writer(line).writerow([_cell(row[c]) for c in COLUMN_IDS])
    return (line.getvalue().encode("utf-8"),
            json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def write_catalog(csv_path, json_path, records, meta: dict, siteurl: str = "", rows=None) -> int:
    """Write the catalog as CSV (UTF-8 with BOM) and as JSON in one pass over ``records``; returns the row
    count. ``rows(record, make)``, if given, returns a record's ``catalog_row`` (``make()``) or a copy kept
    from an earlier build.

    Nothing is held but the current row: at 100,000 records the whole list
    of rows, or the whole JSON text, would cost hundreds of MiB. Each JSON
    record goes through ``json.dumps`` (the C encoder); the JSON file is
    ``meta`` keys, ``columns`` (id → meaning), ``records`` and ``count``.
    """
    n = 0
    head = json.dumps({**meta, "columns": dict(COLUMNS)}, ensure_ascii=False, separators=(",", ":"))
    header = io.StringIO()
    csv.writer(header).writerow(COLUMN_IDS)
    with open(csv_path, "wb") as cf, open(json_path, "wb") as jf:
        cf.write(codecs.BOM_UTF8 + header.getvalue().encode("utf-8"))
        jf.write((head[:-1] + ',"records":[').encode("utf-8"))
        for r in records:
            line, text = rows(r, lambda r=r: catalog_row(r, siteurl)) if rows else catalog_row(r, siteurl)
            cf.write(line)
            if n:
                jf.write(b",")
            jf.write(text)
            n += 1
        jf.write(f'],"count":{n}}}'.encode("utf-8"))
    return n


def _tally_dict(t, fields) -> dict:
    def years(c):
        return {str(y): c[y] for y in sorted(c)}
    return {
        "records": t.total,
        "recognized": t.recognized,
        "by_field": {f.id: t.by_field.get(f.id, 0) for f in fields},
        "by_topic": {k: t.by_topic[k] for k in sorted(t.by_topic)},
        "by_kind": {k: t.by_kind.get(k, 0) for k in KINDS},
        "by_level": {k: t.by_level.get(k, 0) for k in LEVELS},
        "by_status": {k: t.by_status.get(k, 0) for k in STATUSES},
        "registered_by_year": years(t.registered_by_year),
        "recognized_by_year": years(t.recognized_by_year),
    }


def statistics_document(stats, provinces, fields, reports, meta: dict) -> dict:
    """The statistics as JSON: national and per-province counts from the records, and, apart,
    the figures committees reported (never added into the counts)."""
    from dvk.derive.stats import Tally

    out_provinces = []
    for p in provinces:
        t = stats.by_province.get(p.code, Tally())
        entry = {"code": p.code, "name": p.name, "full_name": p.full_name, "slug": p.slug,
                 "lat": p.lat, "lon": p.lon, **_tally_dict(t, fields)}
        if p.merged:
            entry["by_former_province"] = {name: t.by_former.get(name, 0) for name in p.formers}
        out_provinces.append(entry)
    return {
        **meta,
        "note": "Số đếm từ hồ sơ mô hình đã đăng trên trang. Số liệu do cấp ủy báo cáo nằm riêng trong "
                "“reported”, không cộng vào số đếm.",
        "vocabularies": {"fields": {f.id: f.name for f in fields}, "kinds": KINDS, "levels": LEVELS,
                         "statuses": STATUSES},
        "national": _tally_dict(stats.national, fields),
        "provinces": out_provinces,
        "reported": [{
            "id": r.id, "title": r.data["title"],
            "province": r.place.province.name if r.place else None,
            "province_as_written": r.place.written if r.place else None,
            "unit": (r.data.get("scope") or {}).get("unit"),
            "period": r.data.get("period"),
            "totals": r.data.get("totals"),
            **{k: r.data[k] for k in ("by_kind", "by_field", "by_topic", "by_level") if r.data.get(k)},
            "source": {k: str(v) for k, v in (r.data.get("source") or {}).items()},
        } for r in reports],
    }
