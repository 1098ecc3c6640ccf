"""invoke import-bulletin on every real bulletin in ../shared/seeds/, each part checked against the seed's own text."""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from conftest import ROOT, Site
from dvk.tools.bulletin import import_bulletin, parse
from dvk.site.build import build
from dvk.load.corpus import load_corpus
from dvk.model.usererror import UserError
from dvk.load.yamlsrc import split_front_matter

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
NO_SEEDS = f"no seed bulletins: {SEEDS} (the shared folder beside the repository) is absent"
DEBRIS = ["PublishingPortal", "Tăng cỡ chữ", "Giảm cỡ chữ", "Gửi cho bạn bè", "Xem nhiều nhất"]
# The seeds are part of the tests: when ../shared is missing these tests fail, they do not skip
# (unless DVK_ALLOW_MISSING_SHARED=1 says so, and then each skip names the folder).
seeds = pytest.mark.parametrize("seed", SEED_FILES or [None], ids=lambda p: p.name[:3] if p else "none")


def no_seeds():
    if os.environ.get("DVK_ALLOW_MISSING_SHARED") == "1":
        pytest.skip(f"{SEEDS} is absent (DVK_ALLOW_MISSING_SHARED=1)")
    pytest.fail(NO_SEEDS)


def need_seeds(seed):
    if seed is None:
        no_seeds()


def seed_lines(path):
    return [line.replace("\u00a0", " ").strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.replace("\u00a0", " ").strip()]


def is_letter(text):
    return bool(re.search(r"^V/v ", text, re.M) and re.search(r"^Kính gửi", text, re.M))


def imported(tmp_path, seed):
    site = Site(tmp_path / "site")
    parsed, path, notes = import_bulletin(site.root, seed)
    source, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return site, parsed, path, source.load(), body


@seeds
def test_every_seed_becomes_a_valid_draft_without_portal_debris(tmp_path, seed):
    need_seeds(seed)
    text = seed.read_text(encoding="utf-8")
    site, parsed, path, meta, body = imported(tmp_path, seed)
    folder = "van-ban" if is_letter(text) else "tin-tuc"
    assert path.parent == site.root / "content" / folder
    assert meta["status"] == "draft"
    # Nothing is invented: a bulletin without a time of publication leaves the time for the editor, and the
    # draft fails validation on that field alone until it is filled in.
    problems = load_corpus(site.root).problems
    assert all(p.field == "date" for p in problems), problems
    if parsed.kind == "post" and not parsed.has_time:
        assert len(problems) == 1 and ("thiếu giờ đăng" in problems[0].message
                                       or "bắt buộc đang để trống" in problems[0].message)
    written = path.read_text(encoding="utf-8")
    for debris in DEBRIS:
        assert debris not in written
    # Nothing of substance is lost: every paragraph of the seed is in the body or the front matter.
    for line in seed_lines(seed):
        plain = line.strip("* ")
        if len(plain) >= 60 and not any(d in plain for d in DEBRIS) and not re.match(r"(Nguồn|Theo)\b", plain):
            assert plain in written, plain[:80]


@seeds
def test_each_part_found_matches_the_seed(tmp_path, seed):
    need_seeds(seed)
    text = seed.read_text(encoding="utf-8")
    lines = [line for line in seed_lines(seed) if not any(d in line for d in DEBRIS)]
    site, parsed, path, meta, body = imported(tmp_path, seed)
    if is_letter(text):
        number = re.search(r"^Số\s*(\d+)\s*-\s*([A-Z]+)\s*/\s*([A-Z]+)", text, re.M)
        assert meta["number"] == f"{number[1]}-{number[2]}/{number[3]}"
        place_date = re.search(r"^(.+?), ngày (\d+) tháng (\d+) năm (\d{4})", text, re.M)
        assert meta["place"] == place_date[1].strip()
        assert meta["date"] == dt.date(int(place_date[4]), int(place_date[3]), int(place_date[2]))
        assert meta["subject"] == re.search(r"^V/v (.+)$", text, re.M)[1].strip()
        recipients = re.search(r"Kính gửi:\s*\n((?:\s*-.*\n)+)", text)[1]
        assert meta["recipients"] == [r.strip(" -,.") for r in recipients.strip().splitlines()]
        cc = re.search(r"Nơi nhận:\s*\n((?:\s*-.*\n)+)", text)[1]
        assert meta["cc"] == [r.strip(" -,.") for r in cc.strip().splitlines()]
        assert meta["signer"] == lines[-1]
        block = text[text.rindex("Nơi nhận"):]
        role = re.search(r"\n\**(?:T/M|K/T|TM|KT)[^\n]*\n([^\n*]+)\**\n", block)[1].strip()
        assert meta["signer_role"].upper() == role.upper()
        numbered = re.findall(r"^(\d+)\. ", text, re.M)
        assert re.findall(r"^(\d+)\. ", body, re.M) == numbered
        return
    date = next((re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", line) for line in lines[:3]
                 if re.fullmatch(r"(Thứ \w+, )?\d{1,2}/\d{1,2}/\d{4}", line)), None)
    if date:
        assert str(meta["date"]).startswith(dt.date(int(date[3]), int(date[2]), int(date[1])).isoformat())
    else:   # no date in the bulletin: left empty (never the time of the import) for the editor to fill in
        assert meta["date"] is None
    title = next(line for line in lines if not re.fullmatch(r"(Thứ \w+, )?\d{1,2}/\d{1,2}/\d{4}", line))
    assert meta["title"] == title
    url = re.search(r"https?://\S+", text)
    assert meta.get("source_url") == (url[0] if url else None)
    domain = re.search(r"^\(([\w.-]+\.[a-z]{2,})\)$", text, re.M)
    if domain:
        assert meta["source"] == domain[1]
    signature = [line for line in lines if not re.match(r"(Nguồn|Theo|\()", line)][-1]
    if re.fullmatch(r"(?:[A-ZĐ]\w+ ){1,3}[A-ZĐ]\w+", signature):
        assert meta["author"] == signature
    else:
        assert meta.get("author") is None
    # A line set apart by blank lines, or repeated (an image's alt text, then its caption), is a photo caption.
    repeated = [a for a, b in zip(lines, lines[1:]) if a == b]
    for caption in repeated:
        assert caption in parsed.captions and body.count(caption) == 1


def seed(prefix):
    if not SEED_FILES:
        no_seeds()
    path = next((p for p in SEED_FILES if p.name.startswith(prefix)), None)
    if path is None:
        pytest.fail(f"seed {prefix}_ not in {SEEDS}")
    return path


def test_seed_000_portal_bulletin(tmp_path):
    path = seed("000")
    text = path.read_text(encoding="utf-8")
    assert "23/09/2020" in text and text.rstrip().endswith("Hương Dịu")
    _, parsed, _, meta, body = imported(tmp_path, path)
    assert meta["date"] == dt.date(2020, 9, 23) and meta["author"] == "Hương Dịu"   # no time: none invented
    assert meta["summary"].startswith("Những năm qua, tại Đảng bộ Các cơ quan tỉnh")
    assert parsed.captions == ["Hội thi Dân vận khéo cấp Đảng bộ năm 2019"]
    assert parsed.dropped == ["PublishingPortal - Block_BanTin_Toolbar", "Tăng cỡ chữ Giảm cỡ chữ",
                              "PublishingPortal - Block_BanTin_ViewData"]


def test_seed_001_newspaper_article(tmp_path):
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    url = re.search(r"https://baodaknong\.vn/\S+", text)[0]
    _, parsed, _, meta, body = imported(tmp_path, path)
    assert meta["source_url"] == url and meta["author"] == "Lâm Nhiên" and meta["province"] == "Đắk Nông"
    assert parsed.headings == ["Phong trào quần chúng mạnh mẽ", "Những hạn chế cần khắc phục",
                               "Nhiệm vụ của cả hệ thống chính trị"]
    assert "## Những hạn chế cần khắc phục" in body
    assert "Ban Dân vận Tỉnh ủy Đắk Nông" in parsed.captions


def test_seed_002_official_letter_becomes_a_document(tmp_path):
    path = seed("002")
    site, parsed, written, meta, body = imported(tmp_path, path)
    assert parsed.kind == "document" and written.parent.name == "van-ban"
    assert (meta["number"], meta["place"], meta["date"], meta["signer"]) == \
        ("374-CV/HU", "Triệu Phong", dt.date(2019, 7, 30), "Phan Văn Linh")
    assert (meta["doc_type"], meta["on_behalf"], meta["signer_role"], meta["system"]) == \
        ("Công văn", "T/M Ban Thường vụ", "Phó Bí thư", "party")
    assert meta["issuer"] == "Huyện ủy Triệu Phong" and meta["province"] == "Quảng Trị"
    assert "**trước ngày 01/7/2020.**" in body and "Nơi nhận" not in body and "Kính gửi" not in body


def test_seed_003_debris_removed(tmp_path):
    path = seed("003")
    _, parsed, written, meta, body = imported(tmp_path, path)
    assert meta["date"] == dt.date(2024, 7, 22) and meta["source"] == "baodongkhoi.vn"
    assert meta["province"] == "Bến Tre"
    assert parsed.dropped == ["Gửi cho bạn bè", "Xem nhiều nhất"]
    assert body.rstrip().endswith("có như vậy công tác dân vận thể hiện tính toàn diện.")
    assert parsed.captions == ["Đồng chí Lê Đức Thọ, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy phát biểu tại buổi làm việc"]


def test_imported_drafts_show_in_the_preview_with_the_banner(tmp_path):
    if not SEED_FILES:
        no_seeds()
    site = Site(tmp_path / "site")
    pages = []
    for path in SEED_FILES:
        parsed, written, _ = import_bulletin(site.root, path)
        text = written.read_text(encoding="utf-8")
        # the editor fills in what the bulletin did not say (the time, or the whole date)
        if parsed.kind == "post":
            text = re.sub(r"^date: (\d{4}-\d\d-\d\d)$", r"date: \1 08:00", text, flags=re.M)
        text = re.sub(r"^date:$", "date: 2024-01-02 08:00", text, flags=re.M)
        written.write_text(text, encoding="utf-8")
        meta = split_front_matter(text)[0].load()
        folder = "van-ban" if parsed.kind == "document" else "tin-tuc"
        pages.append((f"{folder}/{meta['slug']}", meta.get("title") or meta["number"]))
    preview = tmp_path / "preview"
    build(site.root, preview, settings_file=ROOT / "pelican.conf.py", preview=True)
    for url, heading in pages:
        html = (preview / url / "index.html").read_text(encoding="utf-8")
        assert "Bản nháp — chưa đăng" in html
        assert heading in html or heading.replace("'", "&#39;") in html, heading
    site.build()
    for url, _ in pages:
        assert not (site.output / url).exists()


def test_a_time_next_to_the_date_is_kept_and_an_existing_draft_is_never_overwritten(tmp_path):
    site = Site(tmp_path / "site")
    source = tmp_path / "ban-tin.txt"
    source.write_text("Thứ Hai, 22/7/2024 09:40\nTiêu đề bản tin thử\n\n" + "Đoạn mở đầu có đủ nhiều chữ để được "
                      "nhận là sapo của bài viết này, nói điều chính.\n\nĐoạn thân bài.\n", encoding="utf-8")
    parsed, path, notes = import_bulletin(site.root, source)
    assert parsed.date == dt.datetime(2024, 7, 22, 9, 40) and parsed.has_time
    assert not [n for n in notes if "date" in n or "summary" in n]
    before = path.read_bytes()
    # the same bulletin again: nothing changes, and the editor is told so
    _, again, notes = import_bulletin(site.root, source)
    assert again == path and path.read_bytes() == before and "không có gì thay đổi" in notes[0]
    # another text under the same title: refused, never overwritten
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn biên tập viên thêm.\n", encoding="utf-8")
    edited = path.read_bytes()
    with pytest.raises(UserError, match="Đã có tệp content/tin-tuc/tieu-de-ban-tin-thu.md; không ghi đè"):
        import_bulletin(site.root, source)
    assert path.read_bytes() == edited
    with pytest.raises(UserError, match="không có nội dung"):
        parse("PublishingPortal - Block_BanTin_Toolbar\n\nTăng cỡ chữ Giảm cỡ chữ\n")
