"""New files for editors: a news post, a model record, an official document.

Each command writes a correctly named file with every key of the content
model present and a Vietnamese comment above each (taken from the schema's
own descriptions), the file name made from the Vietnamese title. New files
are drafts — ``status: draft`` or ``draft: true`` — so they show in the preview
(``invoke serve``) and reach the public site only when the editor says so.
An existing file is never overwritten.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from dvk.model import schema, vocab
from dvk.load.corpus import YAML_SUFFIXES, walk_files
from dvk.model.content import DOCUMENTS_DIR, POSTS_DIR, document_title
from dvk.model.taxonomy import parse_taxonomy
from dvk.model.provinces import province_problem, resolve
from dvk.model.text import nfc, slugify
from dvk.model.usererror import UserError
from dvk.model.visibility import now_local
from dvk.tools.writing import existing_slugs, keys_of, write_new
from dvk.tools.yamlwrite import front_matter, render

DEFAULT_CATEGORY = "Phong trào thi đua"


class ScaffoldError(UserError):
    """Why a file was not written, in Vietnamese."""


def _refuse_existing(path: Path, root: Path):
    if path.exists():
        raise ScaffoldError(f"Đã có tệp {path.relative_to(root).as_posix()}; không ghi đè. "
                            "Hãy mở tệp đó để sửa, hoặc chọn một tiêu đề khác.")


def _categories(folder: Path) -> list[str]:
    found = set()
    for path in folder.glob("*.md") if folder.is_dir() else ():
        m = re.search(r"^category:\s*(.+?)\s*$", path.read_text(encoding="utf-8", errors="replace"), re.MULTILINE)
        if m:
            found.add(m.group(1).strip("'\""))
    return sorted(found)


def _parse_when(value, with_time: bool):
    if value is None or value == "":
        now = now_local().replace(second=0, microsecond=0)
        return now if with_time else now.date()
    text = str(value).strip()
    if with_time:
        when = schema.parse_datetime(text)
        if when is None and schema.parse_date(text):
            raise ScaffoldError(f"Ngày giờ “{text}” thiếu giờ; cần dạng NĂM-THÁNG-NGÀY GIỜ:PHÚT, ví dụ 2024-07-22 09:40")
        if when is None:
            raise ScaffoldError(f"Ngày giờ “{text}” không hợp lệ; cần dạng NĂM-THÁNG-NGÀY GIỜ:PHÚT, ví dụ 2024-07-22 09:40")
        return when
    day = schema.parse_date(text)
    if day is None:
        raise ScaffoldError(f"Ngày “{text}” không hợp lệ; cần dạng NĂM-THÁNG-NGÀY, ví dụ 2019-07-30")
    return day


def _check_province(province: str | None, required: bool) -> str | None:
    if not province:
        if required:
            raise ScaffoldError("Cần tên tỉnh, thành phố (--province), ví dụ --province \"Đắk Nông\"")
        return None
    province = nfc(province).strip()
    if resolve(province) is None:
        raise ScaffoldError(f"Tỉnh, thành phố: {province_problem(province)}")
    return province


def new_post(root, title: str, *, date=None, category: str | None = None, province: str | None = None) -> Path:
    """Write ``content/tin-tuc/<slug>.md`` for a new draft post; return its path."""
    root = Path(root)
    title = nfc(title or "").strip()
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("Cần tiêu đề bài viết, ví dụ: invoke new-post \"Đắk Nông nâng cao chất lượng phong trào\"")
    folder = root / "content" / POSTS_DIR
    path = folder / f"{slug}.md"
    _refuse_existing(path, root)
    taken = existing_slugs(folder)
    if slug in taken:
        raise ScaffoldError(f"Địa chỉ trang “{slug}” đã được bài {POSTS_DIR}/{taken[slug]} dùng; không ghi đè. "
                            "Hãy chọn một tiêu đề khác.")
    when = _parse_when(date, with_time=True)
    province = _check_province(province, required=False)
    used = _categories(folder)
    values = {
        "title": title, "slug": slug, "date": when, "category": nfc(category).strip() if category else
        (DEFAULT_CATEGORY if not used or DEFAULT_CATEGORY in used else used[0]),
        "summary": "Viết đoạn mở đầu (sapo) ở đây: một, hai câu nói điều quan trọng nhất.",
        "status": "draft", "province": province, "tags": [], "models": [], "illustrative": False,
    }
    extras = {
        "date": "Giờ Việt Nam; ngày giờ trong tương lai là hẹn giờ đăng.",
        "category": f"Các chuyên mục đang dùng: {', '.join(used)}" if used else "",
        "status": "Bài mới là bản nháp: chỉ hiện khi xem trước (invoke serve). Đổi thành published để đăng.",
        "slug": "Đổi slug sau khi đã đăng sẽ làm hỏng các liên kết cũ.",
        "tags": "Ví dụ: [Đắk Nông, nông thôn mới]",
        "models": "Ví dụ: [me-do-dau] (tên tệp trong data/models/, không có .yaml)",
        "image": "Ví dụ: images/ten-anh.jpg (đặt tệp ảnh trong content/images/)",
    }
    body = ("Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.\n\n"
            "## Tiêu đề mục (nếu cần)\n\nĐoạn tiếp theo.")
    write_new(path, front_matter(keys_of(schema.POST, values, extras), body,
                              header="Bài tin tức. Kiểm tra bằng: invoke validate — xem trước bằng: invoke serve"))
    return path


def _taxonomy(root: Path):
    path = root / "data" / "fields.yaml"
    if not path.is_file():
        return None
    from dvk.load.yamlsrc import Source, read_text
    taxonomy, _ = parse_taxonomy(Source(read_text(path)).load())
    return taxonomy


def find_record(root: Path, record_id: str) -> Path | None:
    """The existing file of model record ``record_id`` anywhere under ``data/models/``, if any."""
    for path in walk_files(Path(root) / "data" / "models", YAML_SUFFIXES):
        if os.path.basename(path).rsplit(".", 1)[0] == record_id:
            return Path(path)
    return None


def resolve_field(value: str, taxonomy) -> str:
    field = vocab.match(vocab.field_table(taxonomy), value)
    if field is None:
        raise ScaffoldError(f"Không nhận ra lĩnh vực “{value}”; cần một trong: {vocab.choices(schema.FIELD_IDS)}")
    return field


def new_model(root, name: str, *, province: str, field: str, kind: str = "collective",
              owner: str | None = None) -> Path:
    """Write ``data/models/<province>/<id>.yaml`` for a new draft model record; return its path."""
    root = Path(root)
    name = nfc(name or "").strip()
    record_id = slugify(name)
    if not record_id:
        raise ScaffoldError("Cần tên mô hình, ví dụ: invoke new-model \"Mẹ đỡ đầu\" --province \"Đắk Nông\" "
                            "--field \"Văn hóa - xã hội\"")
    province = _check_province(province, required=True)
    if not field:
        raise ScaffoldError(f"Cần lĩnh vực (--field), một trong: {vocab.choices(schema.FIELD_IDS)}")
    taxonomy = _taxonomy(root)
    field_id = resolve_field(field, taxonomy)
    kind_id = vocab.match(vocab.KIND_WORDS, kind)
    if kind_id is None:
        raise ScaffoldError(f"Không nhận ra loại mô hình “{kind}”; cần một trong: {vocab.choices(schema.KINDS)}")
    existing = find_record(root, record_id)
    if existing is not None:
        raise ScaffoldError(f"Đã có hồ sơ mô hình mã “{record_id}”: {existing.relative_to(root).as_posix()}; "
                            "không ghi đè. Mỗi mô hình cần một tên tệp riêng: hãy đặt tên khác.")
    path = root / "data" / "models" / slugify(province) / f"{record_id}.yaml"
    _refuse_existing(path, root)
    topics = [t for f in (taxonomy.fields if taxonomy else ()) if f.id == field_id for t in f.topics]
    values = {
        "name": name, "kind": kind_id, "field": field_id, "province": province, "status": "registered",
        "owner": nfc(owner).strip() if owner else ("Họ và tên người thực hiện" if kind_id == "individual"
                                                   else "Tên đơn vị thực hiện"),
        "summary": "Viết một, hai câu tóm tắt mô hình ở đây.", "topics": [], "featured": False,
        "illustrative": False, "draft": True,
    }
    extras = {
        "kind": f"Một trong: {', '.join(f'{k} ({v})' for k, v in schema.KINDS.items())}",
        "field": f"Một trong: {', '.join(f'{k} ({v})' for k, v in schema.FIELD_IDS.items())}",
        "topics": ("Chủ đề của lĩnh vực này: " + ", ".join(f"{t.id} ({t.name})" for t in topics)) if topics else "",
        "registered": "Ví dụ: 2023",
        "recognized": "Ví dụ: {year: 2024, level: province}; level là một trong: "
                      + ", ".join(f"{k} ({v})" for k, v in schema.LEVELS.items()),
        "status": f"Một trong: {', '.join(f'{k} ({v})' for k, v in schema.STATUSES.items())}",
        "description": "Nhiều đoạn: viết “description: |” rồi các dòng thụt vào hai dấu cách.",
        "results": "Ví dụ: [{label: Trẻ em được đỡ đầu, value: 120, unit: em}]",
        "images": "Ví dụ: [{src: images/models/anh.jpg, alt: Mô tả ảnh, caption: Chú thích}]",
        "sources": "Ví dụ: [{title: Tên bài báo, url: \"https://…\", date: 2024-07-22}]",
        "draft": "Hồ sơ mới là bản nháp: chỉ hiện khi xem trước (invoke serve). Xóa dòng này hoặc ghi false để đăng.",
    }
    write_new(path, render(keys_of(schema.MODEL, values, extras),
                        header=f"Hồ sơ mô hình “{name}” — mã mô hình là tên tệp: {record_id}\n"
                               "Kiểm tra bằng: invoke validate — xem trước bằng: invoke serve"))
    return path


def document_slug(doc_type: str, number: str, subject: str) -> str:
    """The address a document gets from its title (``dvk.model.content``, as the build makes it)."""
    return slugify(document_title(doc_type, number, subject))


def new_document(root, number: str, subject: str, *, doc_type: str | None = None, issuer: str | None = None,
                 place: str | None = None, date=None, system: str | None = None,
                 province: str | None = None) -> Path:
    """Write ``content/van-ban/<slug>.md`` for a new draft official document; return its path."""
    root = Path(root)
    number = re.sub(r"\s*([-/])\s*", r"\1", nfc(number or "").strip())
    subject = nfc(subject or "").strip()
    if subject.lower().startswith("v/v"):
        subject = subject[3:].strip(" :.")
    if not number or not subject:
        raise ScaffoldError("Cần số, ký hiệu và trích yếu của văn bản, ví dụ: invoke new-document \"374-CV/HU\" "
                            "\"đẩy mạnh phong trào thi đua “Dân vận khéo”\"")
    doc_type = nfc(doc_type).strip() if doc_type else (vocab.doc_type_of(number) or "Công văn")
    system = system or vocab.system_of(number) or "party"
    if system not in schema.SYSTEMS:
        raise ScaffoldError(f"Hệ thống văn bản “{system}” không hợp lệ; cần party (Đảng) hoặc state (Nhà nước)")
    slug = document_slug(doc_type, number, subject)
    folder = root / "content" / DOCUMENTS_DIR
    path = folder / f"{slug}.md"
    _refuse_existing(path, root)
    taken = existing_slugs(folder)
    if slug in taken:
        raise ScaffoldError(f"Địa chỉ trang “{slug}” đã được văn bản {DOCUMENTS_DIR}/{taken[slug]} dùng; không ghi đè.")
    province = _check_province(province, required=False)
    place = nfc(place).strip() if place else None
    values = {
        "number": number, "doc_type": doc_type, "subject": subject, "slug": slug, "system": system,
        "issuer": nfc(issuer).strip() if issuer else (vocab.issuer_of(number, place) or "Tên cơ quan ban hành"),
        "place": place or "Địa danh", "date": _parse_when(date, with_time=False),
        "recipients": ["Nơi nhận thứ nhất"], "cc": [], "signer": "Họ và tên người ký",
        "signer_role": "Chức vụ người ký", "status": "draft", "province": province, "illustrative": False,
    }
    extras = {
        "title": "Để trống: trang tự đặt “<Loại văn bản> số <số> về việc <trích yếu>”.",
        "number": "Viết liền, ví dụ 374-CV/HU",
        "recipients": "Mỗi nơi một dòng bắt đầu bằng “- ”",
        "cc": "Mỗi nơi một dòng bắt đầu bằng “- ”, ví dụ “- Lưu VP”",
        "on_behalf": "Ví dụ: T/M Ban Thường vụ; K/T Bí thư",
        "status": "Văn bản mới là bản nháp: chỉ hiện khi xem trước (invoke serve). Đổi thành published để đăng.",
        "attachments": "Ví dụ: [{title: Toàn văn, file: files/cong-van-374.pdf}] (tệp trong content/files/)",
    }
    write_new(path, front_matter(keys_of(schema.DOCUMENT, values, extras),
                              "Chép nội dung văn bản ở đây, mỗi đoạn cách nhau một dòng trống; "
                              "các mục đánh số viết “1. …”, “2. …”.",
                              header="Văn bản. Kiểm tra bằng: invoke validate — xem trước bằng: invoke serve"))
    return path
