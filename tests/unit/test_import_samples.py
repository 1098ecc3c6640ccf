"""Both importers on every sample with an expectation: ../shared/import-samples/ and tests/import_corpus/.

Each input sits beside ``<name>.expect.json`` (written by hand). Every expected field is one test
item, so a regression names the file and the field. The shared samples are required: when
../shared is missing these tests fail, they do not skip (with DVK_ALLOW_MISSING_SHARED=1 they skip,
naming the folder).
"""
from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, Site
from dvk.tools.bulletin import markdown_of_blocks, import_bulletin, parse, read_bulletin
from dvk.load.corpus import load_corpus
from dvk.tools.importer import import_models

SHARED = ROOT.parent / "shared" / "import-samples"
OWN = ROOT / "tests" / "import_corpus"
SHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv", ".tsv")


def need_shared():
    """The shared samples are required; DVK_ALLOW_MISSING_SHARED=1 turns their absence into a named skip."""
    if not SHARED.is_dir() and os.environ.get("DVK_ALLOW_MISSING_SHARED") == "1":
        pytest.skip(f"{SHARED} is absent (DVK_ALLOW_MISSING_SHARED=1)")


def pairs(folder: Path):
    found = []
    for exp in sorted(folder.rglob("*.expect.json")):
        stem = exp.name[: -len(".expect.json")]
        inputs = [p for p in exp.parent.glob(stem + ".*") if not p.name.endswith(".json")]
        if inputs:
            found.append((inputs[0], json.loads(exp.read_text(encoding="utf-8"))))
    return found


def is_sheet(path: Path, expect: dict) -> bool:
    return "rows" in expect or path.suffix.lower() in SHEET_SUFFIXES


def norm(value):
    return " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) else value


def matches(got, want) -> bool:
    if isinstance(want, dict) and "any" in want:
        return any(matches(got, w) for w in want["any"])
    if isinstance(want, dict):
        return isinstance(got, dict) and all(matches(got.get(k), v) for k, v in want.items()) and set(got) <= set(want)
    return norm(got) == norm(want)


# ------------------------------------------------------------------ bulletins: one item per expected field


def bulletin_items(folder: Path):
    items = []
    for path, expect in pairs(folder):
        if is_sheet(path, expect):
            continue
        keys = ["kind"] + [k for k in ("title", "date", "time", "author", "source", "number", "doc_type", "subject",
                                       "place", "signer", "lead_starts", "captions", "headings") if k in expect]
        keys += [f"extra.{k}" for k in expect.get("extra", {})]
        keys += [f"must_contain:{i}" for i in range(len(expect.get("must_contain", [])))]
        keys += [f"must_not_contain:{i}" for i in range(len(expect.get("must_not_contain", [])))]
        for key in keys:
            items.append(pytest.param(path, expect, key, id=f"{folder.name}/{path.stem}:{key}"))
    return items


_parsed: dict[Path, object] = {}


def parsed_of(path: Path):
    if path not in _parsed:
        _parsed[path] = parse(read_bulletin(path))
    return _parsed[path]


def bulletin_value(p, key: str):
    if key == "kind":
        return p.kind
    if key == "date":
        return p.date.strftime("%Y-%m-%d") if p.date else None
    if key == "time":
        return p.date.strftime("%H:%M") if p.kind == "post" and p.date and p.has_time else None
    if key.startswith("extra."):
        return getattr(p, key[len("extra."):], None)
    return getattr(p, key)


def check_bulletin(path: Path, expect: dict, key: str):
    p = parsed_of(path)
    body = markdown_of_blocks(p.blocks) + "\n" + (getattr(p, "lead", None) or "")
    if key.startswith("must_contain:"):
        text = expect["must_contain"][int(key.split(":")[1])]
        assert norm(text) in norm(body), f"{path.name}: the body lacks “{text}”"
    elif key.startswith("must_not_contain:"):
        text = expect["must_not_contain"][int(key.split(":")[1])]
        assert text not in body, f"{path.name}: the body still has “{text!r}”"
    elif key == "lead_starts":
        assert norm(p.lead or "").startswith(norm(expect["lead_starts"])), f"{path.name}: lead is {p.lead!r}"
    elif key in ("captions", "headings"):
        have = [norm(c) for c in getattr(p, key)]
        for want in expect[key]:
            assert any(h.startswith(norm(want)) or norm(want) in h for h in have), f"{path.name}: {key} {have}"
    else:
        want = expect[key] if not key.startswith("extra.") else expect["extra"][key[len("extra."):]]
        got = bulletin_value(p, key)
        assert matches(got, want), f"{path.name} {key}: got {got!r}, want {want!r}"


def test_the_shared_samples_are_there():
    """The bulletin and sheet samples of ../shared are part of the tests: their absence is a failure."""
    need_shared()
    assert SHARED.is_dir(), f"{SHARED} is missing: the importers' shared samples must be beside the repository"
    assert [p for p, e in pairs(SHARED) if not is_sheet(p, e)], f"no bulletin samples in {SHARED}"
    assert [p for p, e in pairs(SHARED) if is_sheet(p, e)], f"no spreadsheet samples in {SHARED}"


@pytest.mark.parametrize("path,expect,key", bulletin_items(SHARED) or [pytest.param(None, None, None, id="missing")])
def test_shared_bulletin_field(path, expect, key):
    need_shared()
    assert path is not None, f"no bulletin samples with expectations in {SHARED}"
    check_bulletin(path, expect, key)


@pytest.mark.parametrize("path,expect,key", bulletin_items(OWN))
def test_own_bulletin_field(path, expect, key):
    check_bulletin(path, expect, key)


def test_the_own_corpus_is_large_enough():
    bulletins = [p for p, e in pairs(OWN) if not is_sheet(p, e)]
    sheets = [p for p, e in pairs(OWN) if is_sheet(p, e)]
    assert len(bulletins) >= 25 and len(sheets) >= 12


# ------------------------------------------------------------------ sheets: one item per row and field

RECORD_KEYS = ("name", "owner", "kind", "field", "province", "locality", "registered", "recognized")
_outcomes: dict[Path, dict] = {}


def outcome_of(path: Path) -> dict:
    """Row → ("record", data) | ("refuse", reason) | ("skip", why), from a dry run on an empty site."""
    if path not in _outcomes:
        with tempfile.TemporaryDirectory() as tmp:
            site = Site(Path(tmp) / "site")
            result = import_models(site.root, path, dry_run=True)
            assert not list((site.root / "data" / "models").rglob("*.yaml")), "--dry-run wrote a file"
        out = {p.row: ("record", p.data) for p in result.planned}
        out.update({r.row: ("refuse", r.reason) for r in result.rejected})
        for r in result.skipped:
            out.setdefault(r.row, ("skip", r.reason))
        _outcomes[path] = out
    return _outcomes[path]


def sheet_items(folder: Path):
    items = []
    for path, expect in pairs(folder):
        if not is_sheet(path, expect):
            continue
        for row, want in expect["rows"].items():
            keys = [k for k in RECORD_KEYS if k in want] + (["absent"] if want["expect"] == "record" else [])
            for key in keys if want["expect"] == "record" else ["outcome"]:
                items.append(pytest.param(path, int(row), want, key, id=f"{folder.name}/{path.stem}:row{row}:{key}"))
    return items


def check_sheet(path: Path, row: int, want: dict, key: str):
    kind, got = outcome_of(path).get(row, ("skip", "(no outcome)"))
    expected = {"refused": "refuse"}.get(want["expect"], want["expect"])
    if expected != "record":
        assert kind == expected, f"{path.name} row {row}: {kind}: {got}"
        for word in want.get("keywords", []):
            assert word.lower() in str(got).lower(), f"{path.name} row {row}: “{word}” not in “{got}”"
        return
    assert kind == "record", f"{path.name} row {row}: {kind}: {got}"
    if key == "absent":   # nothing invented: what the row does not say is not in the record
        for k in ("locality", "registered", "recognized"):
            if k not in want:
                assert k not in got, f"{path.name} row {row}: {k} = {got[k]!r} was not in the row"
        return
    assert matches(got.get(key), want[key]), f"{path.name} row {row} {key}: got {got.get(key)!r}, want {want[key]!r}"


@pytest.mark.parametrize("path,row,want,key", sheet_items(SHARED) or [pytest.param(None, 0, None, None, id="missing")])
def test_shared_sheet_field(path, row, want, key):
    need_shared()
    assert path is not None, f"no spreadsheet samples with expectations in {SHARED}"
    check_sheet(path, row, want, key)


@pytest.mark.parametrize("path,row,want,key", sheet_items(OWN))
def test_own_sheet_field(path, row, want, key):
    check_sheet(path, row, want, key)


# ------------------------------------------------------------------ what the drafts and records look like


def test_every_own_bulletin_becomes_a_draft_that_fails_validation_only_where_it_says_so(tmp_path):
    """A part the bulletin does not give is left empty and named in the notes; nothing else is wrong."""
    site = Site(tmp_path / "site")
    for path, expect in pairs(OWN):
        if is_sheet(path, expect):
            continue
        parsed, written, notes = import_bulletin(site.root, path)
        problems = [p for p in load_corpus(site.root).problems if p.path.endswith(written.name)]
        fields = {p.field.split(".")[0].split("[")[0] for p in problems}
        if parsed.kind == "post":
            assert fields <= {"date"}, (path.name, problems)
            if expect.get("date") is None:
                assert any("không thấy ngày đăng" in n for n in notes) and fields == {"date"}
            elif expect.get("time") is None:
                assert any("không ghi giờ đăng" in n for n in notes) and fields == {"date"}
            else:
                assert fields == set()
        else:
            silent = {k for k in ("number", "doc_type", "subject", "date", "place", "signer")
                      if k in expect and expect[k] is None}
            assert fields <= {"issuer", "recipients"} | silent, (path.name, problems)
            if "recipients" in fields:
                assert any("nơi nhận (Kính gửi)" in n for n in notes)
            if "place" in silent:
                assert "place" in fields and any("nơi ban hành" in n for n in notes)


def test_import_twice_changes_nothing_and_dry_run_writes_nothing(tmp_path):
    site = Site(tmp_path / "site")
    bulletin = OWN / "bulletins" / "21-kh-party-no-kinhgui.txt"
    sheet = OWN / "sheets" / "08-abbreviations-dates.xlsx"
    _, path, _ = import_bulletin(site.root, bulletin, dry_run=True)
    models = import_models(site.root, sheet, dry_run=True)
    assert path is None and models.written == [] and not list(site.root.rglob("*.md")) \
        and not list((site.root / "data" / "models").rglob("*.yaml"))
    _, first, _ = import_bulletin(site.root, bulletin)
    written = import_models(site.root, sheet).written
    # one folder per today's province: Bà Rịa - Vũng Tàu is part of Hồ Chí Minh, Đắk Lắk keeps its own
    assert sorted(written) == ["data/models/can-tho/bac-si-kham-benh-mien-phi-cho-nguoi-cao-tuoi.yaml",
                               "data/models/dak-lak/buon-lang-khong-ma-tuy.yaml",
                               "data/models/ho-chi-minh/ngu-dan-gop-quy-cuu-nan-tren-bien.yaml",
                               "data/models/hue/pho-di-bo-van-minh.yaml"]
    snapshot = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    _, again, notes = import_bulletin(site.root, bulletin)
    second = import_models(site.root, sheet)
    assert again == first and "không có gì thay đổi" in notes[0]
    assert second.written == [] and second.rejected == [] and len(second.existing) == 4
    assert {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()} == snapshot


def test_a_record_is_found_whatever_its_file_name_and_the_province_spelling(tmp_path):
    site = Site(tmp_path / "site")
    site.model("mo-hinh-cu", folder="tp-hcm", name="Ngư dân góp quỹ cứu nạn trên biển",
               owner="Nghiệp đoàn nghề cá Bình Châu", province="Bà Rịa – Vũng Tàu", field="defense-security")
    result = import_models(site.root, OWN / "sheets" / "08-abbreviations-dates.xlsx")
    assert {r.row: r.reason for r in result.existing} == {2: "đã có hồ sơ data/models/tp-hcm/mo-hinh-cu.yaml; không ghi đè"}
    assert not (site.root / "data" / "models" / "ho-chi-minh").exists()


def test_a_sheet_without_content_makes_a_summary_marked_for_review(tmp_path):
    site = Site(tmp_path / "site")
    result = import_models(site.root, OWN / "sheets" / "09-no-content-column.xlsx")
    text = (site.root / result.written[0]).read_text(encoding="utf-8")
    assert "CẦN XEM LẠI: bảng tính không có cột “Nội dung”" in text and "draft: true" in text
    assert "summary: Mô hình “Sáng kiến “Cổng trường an toàn”” của Đoàn trường THPT Chu Văn An (TP Thái Nguyên, " \
           "Thái Nguyên)." in text
    assert "Cần xem lại 2 hồ sơ" in result.report()
    assert site.problems() == []


def test_damaged_rows_are_refused_naming_the_file_row_column_and_problem(tmp_path):
    site = Site(tmp_path / "site")
    result = import_models(site.root, OWN / "sheets" / "07-damaged-text.csv")
    report = result.report()
    assert "07-damaged-text.csv, dòng 3: cột “Tên mô hình”: chữ bị hỏng vì sai bảng mã (lỗi font, mã hóa ký tự): " \
           "có dấu “?” thay cho chữ có dấu" in report
    assert "07-damaged-text.csv, dòng 4: cột “Tên mô hình”: chữ bị hỏng vì sai bảng mã (lỗi font, mã hóa ký tự): " \
           "tệp UTF-8 bị đọc như Windows-1252, đúng ra là “Dân vận khéo trong vận động tái định cư”" in report
    assert unicodedata.is_normalized("NFC", report)
    assert result.written == ["data/models/lai-chau/to-tu-quan-an-ninh-khu-pho-3.yaml"]


def test_group_total_and_signature_rows_are_not_errors(tmp_path):
    need_shared()
    site = Site(tmp_path / "site")
    result = import_models(site.root, SHARED / "sheets" / "03-linebreak-headings-group-sign-rows.xlsx")
    assert result.rejected == []
    assert [r.row for r in result.skipped] == [5, 6, 13, 17, 20, 22, 23, 26]
    assert "Bỏ qua 8 dòng không phải mô hình" in result.report()


@pytest.mark.parametrize("encoding", ["utf-16", "cp1258", "utf-8-sig"])
def test_a_bulletin_saved_in_another_encoding_reads_the_same(tmp_path, encoding):
    source = OWN / "bulletins" / "11-laodong-author-source-nolink.txt"
    text = source.read_text(encoding="utf-8")
    if encoding == "cp1258":     # as Windows saves it: tone marks as combining characters
        import importlib.util
        spec = importlib.util.spec_from_file_location("make_sheets", OWN / "sheets" / "make_sheets.py")
        make_sheets = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(make_sheets)
        raw = make_sheets.cp1258_bytes(text)
    else:
        raw = text.encode(encoding)
    copy = tmp_path / "ban-tin.txt"
    copy.write_bytes(raw)
    a, b = parse(read_bulletin(source)), parse(read_bulletin(copy))
    assert (b.title, b.date, b.author, b.source, b.lead, b.blocks) == (a.title, a.date, a.author, a.source, a.lead,
                                                                       a.blocks)
