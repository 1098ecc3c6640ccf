"""``invoke import-bulletin``: a text pasted from a portal, a newspaper or a word processor becomes a draft.

``bulletin_parse`` finds the parts by what each line is (date line, byline,
source, dateline, caption, portal debris; the title is the best line of title
length near the date): a news item becomes a draft post under
``content/tin-tuc/``, an official document of any common type (Công văn, Quyết
định, Kế hoạch, Thông báo, Báo cáo, Chỉ thị, Nghị quyết, Hướng dẫn…) a draft
document under ``content/van-ban/``.

This module writes the draft. Nothing is invented: a part the text does not
give is left empty and named in the notes, so that the draft fails validation
until an editor fills it in. Importing the same text again changes nothing.
"""
from __future__ import annotations

from pathlib import Path

from dvk.model import schema
from dvk.model.content import DOCUMENTS_DIR, POSTS_DIR
from dvk.tools.scaffold import DEFAULT_CATEGORY, document_slug
from dvk.tools.writing import existing_slugs, keys_of, write_new
from dvk.model.text import slugify
from dvk.model.usererror import UserError
from dvk.tools.yamlwrite import front_matter

from dvk.tools.bulletin_parse import Block, Bulletin, Letter, Line, parse_text  # noqa: F401  (re-exported)


def parse(text: str) -> Bulletin | Letter:
    """What the bulletin says, part by part (see ``bulletin_parse``)."""
    parsed = parse_text(text)
    if parsed is None:
        raise UserError("Bản tin không có nội dung (chỉ có dòng trống hoặc phần thừa của cổng thông tin)")
    return parsed


# ------------------------------------------------------------------ writing the draft


def markdown_of_blocks(blocks: list[Block]) -> str:
    """The Markdown of a parsed bulletin's body: headings, paragraphs, lists, tables and captions."""
    out = []
    for i, b in enumerate(blocks):
        if b.kind == "h":
            out.append(f"## {b.text}")
        elif b.kind == "caption":
            out.append("<!-- Bản tin có ảnh ở đây: đặt tệp ảnh vào content/images/ rồi viết "
                       "![mô tả ảnh]({static}/images/ten-tep.jpg) và giữ chú thích bên dưới. -->\n"
                       f"*Ảnh: {b.text}*")
        elif b.kind == "li":
            joined = i > 0 and blocks[i - 1].kind == "li"
            if joined:
                out[-1] += f"\n- {b.text}"
            else:
                out.append(f"- {b.text}")
        else:
            out.append(b.text)
    return "\n\n".join(out)


def _target(root: Path, folder_name: str, slug: str, text: str, what: str) -> tuple[Path, bool]:
    """(path, already there): the same draft imported before is not an error; another file is never replaced."""
    folder = root / "content" / folder_name
    path = folder / f"{slug}.md"
    if path.exists():
        if path.read_text(encoding="utf-8") == text:
            return path, True
        raise UserError(f"Đã có tệp {path.relative_to(root).as_posix()}; không ghi đè. "
                        "Nếu đây là bản tin khác, hãy đổi tiêu đề trong tệp đã có hoặc đặt --slug khác.")
    if slug in (taken := existing_slugs(folder)):
        raise UserError(f"Địa chỉ trang “{slug}” đã được {what} {folder_name}/{taken[slug]} dùng; không ghi đè.")
    return path, False


def write(root, parsed: Bulletin | Letter, *, source_name: str = "", category: str | None = None,
          slug: str | None = None, dry_run: bool = False) -> tuple[Path, list[str]]:
    """Write the draft; return its path and the notes for the editor (what could not be found)."""
    root = Path(root)
    if isinstance(parsed, Letter):
        return _write_letter(root, parsed, source_name, slug, dry_run)
    return _write_post(root, parsed, source_name, category, slug, dry_run)


def post_text(b: Bulletin, slug: str, source_name: str, category: str | None) -> tuple[str, list[str]]:
    """The draft's text, and what the editor must fill in (left empty: the draft fails validation until then)."""
    notes, extras = [], {}
    date = b.date
    if date is None:
        notes.append("không thấy ngày đăng trong bản tin: “date” để trống, hãy điền (ví dụ 2024-07-22 09:40)")
        extras["date"] = "KHÔNG THẤY NGÀY ĐĂNG TRONG BẢN TIN: hãy điền."
    elif not b.has_time:
        date = date.date()
        notes.append("bản tin không ghi giờ đăng: “date” chỉ có ngày, hãy thêm giờ (ví dụ 09:40)")
        extras["date"] = "Bản tin không ghi giờ đăng: hãy thêm giờ."
    if not b.lead:
        notes.append("không thấy đoạn mở đầu (sapo): “summary” để trống, hãy viết")
    if not b.author:
        notes.append("không thấy tác giả: “author” để trống")
    if not b.source:
        notes.append("không thấy nguồn: “source” để trống")
    if b.captions:
        notes.append(f"bản tin có {len(b.captions)} ảnh: hãy thêm tệp ảnh (xem các dòng “Ảnh:” trong bài)")
    values = {
        "title": b.title or None, "slug": slug, "date": date, "category": category or DEFAULT_CATEGORY,
        "summary": b.lead, "status": "draft", "author": b.author,
        "source": b.source, "source_url": b.source_url, "province": b.province, "tags": [], "models": [],
        "image_caption": b.captions[0] if b.captions else None, "illustrative": False,
    }
    extras["status"] = "Bản nháp nhập từ bản tin: kiểm tra từng trường, rồi đổi thành published để đăng."
    header = f"Bài tin tức nhập từ {source_name} (invoke import-bulletin). Xem trước bằng: invoke serve"
    text = front_matter(keys_of(schema.POST, values, extras), markdown_of_blocks(b.blocks) or "Viết nội dung bài ở đây.",
                        header=header)
    return text, notes


def _write_post(root: Path, b: Bulletin, source_name: str, category: str | None, slug: str | None, dry_run: bool):
    slug = slug or slugify(b.title) or slugify(Path(source_name).stem)
    text, notes = post_text(b, slug, source_name, category)
    path, same = _target(root, POSTS_DIR, slug, text, "bài")
    if same:
        notes.insert(0, "bản nháp này đã được nhập trước đây, không có gì thay đổi")
    elif not dry_run:
        write_new(path, text)
    return path, notes


def letter_text(d: Letter, slug: str, source_name: str) -> tuple[str, list[str]]:
    notes, extras = [], {}
    missing = [label for label, value in (("số, ký hiệu", d.number), ("loại văn bản", d.doc_type),
                                          ("trích yếu", d.subject), ("ngày ban hành", d.date),
                                          ("nơi ban hành", d.place), ("người ký", d.signer),
                                          ("chức vụ người ký", d.signer_role),
                                          ("hệ thống (Đảng hay Nhà nước)", d.system),
                                          ("nơi nhận (Kính gửi)", d.recipients)) if not value]
    if missing:
        notes.append(f"không thấy {', '.join(missing)} trong văn bản: các trường này để trống, hãy điền")
    guessed = "Đoán từ ký hiệu và địa danh của văn bản: hãy kiểm tra."
    if d.issuer:
        extras["issuer"] = guessed
    else:
        notes.append("không xác định được cơ quan ban hành: “issuer” để trống, hãy điền")
    if d.parent:
        extras["parent"] = guessed
    values = {
        "number": d.number, "doc_type": d.doc_type, "issuer": d.issuer, "parent": d.parent,
        "place": d.place, "date": d.date, "subject": d.subject, "slug": slug,
        "recipients": d.recipients or None, "cc": d.cc, "signer": d.signer,
        "signer_role": d.signer_role, "on_behalf": d.on_behalf, "system": d.system,
        "province": d.province, "status": "draft", "illustrative": False,
    }
    extras["status"] = "Bản nháp nhập từ văn bản: kiểm tra từng trường, rồi đổi thành published để đăng."
    header = f"Văn bản nhập từ {source_name} (invoke import-bulletin). Xem trước bằng: invoke serve"
    text = front_matter(keys_of(schema.DOCUMENT, values, extras), markdown_of_blocks(d.blocks) or "Chép nội dung văn bản ở đây.",
                        header=header)
    return text, notes


def _write_letter(root: Path, d: Letter, source_name: str, slug: str | None, dry_run: bool):
    if not slug:
        slug = document_slug(d.doc_type or "Văn bản", d.number or "", d.subject or "") if (d.number or d.subject) \
            else slugify(Path(source_name).stem)
    text, notes = letter_text(d, slug, source_name)
    path, same = _target(root, DOCUMENTS_DIR, slug, text, "văn bản")
    if same:
        notes.insert(0, "bản nháp này đã được nhập trước đây, không có gì thay đổi")
    elif not dry_run:
        write_new(path, text)
    return path, notes


def read_bulletin(file) -> str:
    """The text of a bulletin file: UTF-8 (with or without BOM), UTF-16, or Windows-1258."""
    file = Path(file)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {file}") from None
    from dvk.tools.textfile import decode
    text, problem = decode(raw)
    if text is None:
        raise UserError(f"Tệp {file.name}: {problem}")
    return text


def import_bulletin(root, file, *, category: str | None = None, slug: str | None = None,
                    dry_run: bool = False) -> tuple[Bulletin | Letter, Path | None, list[str]]:
    """Parse ``file`` and write the draft (unless ``dry_run``: then the path is where it would go)."""
    file = Path(file)
    parsed = parse(read_bulletin(file))
    path, notes = write(root, parsed, source_name=file.name, category=category, slug=slug, dry_run=dry_run)
    return parsed, (None if dry_run else path), notes


def describe(parsed: Bulletin | Letter) -> list[str]:
    """What was found, one Vietnamese line per part, for the command's report."""
    if isinstance(parsed, Letter):
        lines = [
            f"Văn bản: {parsed.doc_type or '(không rõ loại)'} số {parsed.number or '(không thấy số)'}",
            f"Nơi, ngày ban hành: {parsed.place or '?'}, {parsed.date.strftime('%d/%m/%Y') if parsed.date else '?'}",
            f"Trích yếu: V/v {parsed.subject or '?'}",
            f"Kính gửi: {len(parsed.recipients)} nơi; nơi nhận: {len(parsed.cc)} nơi",
            f"Người ký: {parsed.signer or '?'} — {parsed.on_behalf + ', ' if parsed.on_behalf else ''}"
            f"{parsed.signer_role or '?'}",
            f"Nội dung: {len(parsed.paragraphs)} đoạn",
        ]
    else:
        when = parsed.date.strftime("%d/%m/%Y" + (" %H:%M" if parsed.has_time else "")) if parsed.date else "không thấy"
        lines = [
            f"Tiêu đề: {parsed.title}",
            f"Ngày đăng: {when}",
            f"Đoạn mở đầu: {'có' if parsed.lead else 'không thấy'}",
            f"Nội dung: {len(parsed.paragraphs)} đoạn, {len(parsed.headings)} tiêu đề mục, "
            f"{len(parsed.captions)} chú thích ảnh",
            f"Tác giả: {parsed.author or 'không thấy'}",
            f"Nguồn: {parsed.source or 'không thấy'}{' — ' + parsed.source_url if parsed.source_url else ''}",
        ]
    if parsed.dropped:
        lines.append(f"Đã bỏ {len(parsed.dropped)} dòng thừa của cổng thông tin: "
                     + ", ".join(f"“{d}”" for d in parsed.dropped[:5]) + ("…" if len(parsed.dropped) > 5 else ""))
    return lines
