"""``invoke import-bulletin``: a plain-text bulletin pasted from a portal becomes a draft.

A news item (a provincial portal's bulletin, a newspaper article) becomes a
draft post under ``content/tin-tuc/``: date and time, title, lead, body
paragraphs and sub-headings, photo captions, the author's signature and the
source line are recognised; the portal's debris (toolbar labels such as
“PublishingPortal - Block_BanTin_Toolbar”, “Tăng cỡ chữ Giảm cỡ chữ”, “Gửi cho
bạn bè”, “Xem nhiều nhất” and what follows it) is dropped.

An official letter (number “Số 374-CV/HU”, “Triệu Phong, ngày 30 tháng 7 năm
2019”, subject “V/v …”, “Kính gửi:”, “Nơi nhận:”, a signature block such as
“T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Phan Văn Linh”) becomes a draft document
under ``content/van-ban/``.

Parsing (``parse``) is separate from writing (``write``) so the parts found
can be checked one by one.
"""
from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from . import schema, vocab
from .provinces import all_provinces, resolve
from .scaffold import DEFAULT_CATEGORY, DOCUMENTS_DIR, POSTS_DIR, _existing_slugs, _keys, document_slug
from .text import fold, nfc, slugify
from .usererror import UserError
from .visibility import now_local
from .yamlwrite import front_matter

# Lines that are only portal furniture (compared folded, without punctuation).
DEBRIS_LINE = re.compile(r"^PublishingPortal\b|^Block_\w+$", re.IGNORECASE)
TOOLBAR_WORDS = ["tang co chu", "giam co chu", "co chu", "in bai viet", "in bai", "in trang", "ban in",
                 "gui cho ban be", "gui email", "chia se", "quay lai", "dau trang", "len dau trang",
                 "luot xem", "binh luan", "facebook", "zalo", "twitter", "email", "in", "a a", "a+ a-"]
# A heading after which the portal lists other articles: it and everything after it are dropped.
FOOTER_MARKERS = ["xem nhieu nhat", "tin lien quan", "tin khac", "cac tin khac", "bai viet lien quan",
                  "tin cung chuyen muc", "doc nhieu nhat", "tin moi nhat", "cac tin da dua"]

_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s+[Nn]hật|CN)"
DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY}\s*[,-]?\s*)?(?:[Nn]gày\s+)?(?:(?P<h1>\d{{1,2}})[:hg](?P<m1>\d{{2}})\s*[,-]?\s*)?"
    rf"(?P<d>\d{{1,2}})/(?P<mo>\d{{1,2}})/(?P<y>\d{{4}})"
    rf"(?:\s*[,|-]?\s*(?:lúc\s*)?(?P<h2>\d{{1,2}})[:hg](?P<m2>\d{{2}})(?::\d{{2}})?\s*(?:GMT\+7)?)?\s*$")
PLACE_DATE = re.compile(r"^(?P<place>[^,\n]{2,60}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})\s+năm\s+(?P<y>\d{4})",
                        re.IGNORECASE)
NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(?P<number>\d+[^\s,]*(?:\s*[-–]\s*[A-Za-zĐđ]+(?:\s*/\s*[A-Za-zĐđ-]+)+)?)\s*$")
SUBJECT_LINE = re.compile(r"^V/v\s*[:.]?\s*(?P<subject>.+)$", re.IGNORECASE)
RECIPIENTS_LINE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
CC_LINE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
AUTHORITY = re.compile(r"^(?P<code>T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.|Q/)\s*(?P<rest>.+)$")
SOURCE_LINE = re.compile(r"^(?:Nguồn|Theo)\b\s*(?P<name>[^:]*?)\s*:?\s*(?P<url>https?://\S+)?\s*$", re.IGNORECASE)
BARE_SOURCE = re.compile(r"^\((?:Theo\s+|Nguồn\s*:?\s*)?(?P<name>[^()]{3,80})\)$", re.IGNORECASE)
URL = re.compile(r"https?://\S+")
END_PUNCT = tuple(".:;!?…”\"'»)")

# Titles in signature blocks and authorities, written in capitals in letters.
PROPER_CASE = ["Ban Thường vụ", "Ban Chấp hành", "Ban Thường trực", "Ban Dân vận", "Ban Tuyên giáo",
               "Ban Tổ chức", "Thường trực", "Phó Bí thư", "Bí thư", "Phó Chủ tịch", "Chủ tịch", "Phó Trưởng ban",
               "Trưởng ban", "Phó Giám đốc", "Giám đốc", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Văn phòng",
               "Ủy ban nhân dân", "Hội đồng nhân dân", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Đảng ủy", "Quận ủy",
               "Thị ủy", "Ủy viên", "Ban"]


@dataclass
class Line:
    text: str
    blank_before: int
    indented: bool


@dataclass
class Block:
    kind: str          # "p" paragraph | "h" sub-heading | "caption" photo caption | "li" list item
    text: str


@dataclass
class Bulletin:
    """What was found in a news bulletin."""

    title: str
    date: dt.datetime | None
    has_time: bool
    lead: str | None
    blocks: list[Block]
    author: str | None
    source: str | None
    source_url: str | None
    province: str | None
    dropped: list[str] = dc_field(default_factory=list)

    kind = "post"

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "caption"]

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in ("p", "li")]

    @property
    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "h"]


@dataclass
class Letter:
    """What was found in an official letter."""

    number: str | None
    place: str | None
    date: dt.date | None
    subject: str | None
    recipients: list[str]
    blocks: list[Block]
    cc: list[str]
    on_behalf: str | None
    signer_role: str | None
    signer: str | None
    doc_type: str | None
    issuer: str | None
    parent: str | None
    system: str | None
    province: str | None
    dropped: list[str] = dc_field(default_factory=list)

    kind = "document"

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in ("p", "li")]


# ------------------------------------------------------------------ reading the text


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(ch if ch.isalnum() or ch in "+_" else " " for ch in fold(text))).strip()


def _is_toolbar(text: str) -> bool:
    rest = _plain(text)
    if not rest:
        return False
    for phrase in sorted(TOOLBAR_WORDS, key=len, reverse=True):
        rest = re.sub(rf"(?:^|\s){re.escape(phrase)}(?=\s|$)", " ", rest).strip()
    return rest == ""


def _lines(text: str) -> list[Line]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text).replace("\u00a0", " ")
    found, blanks = [], 0
    for raw in text.split("\n"):
        stripped = re.sub(r"[ \t]+", " ", raw).strip()
        if not stripped:
            blanks += 1
            continue
        found.append(Line(stripped, blanks, raw[:1] in (" ", "\t")))
        blanks = 0
    return found


def _clean(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Drop portal debris; return the remaining lines and what was dropped."""
    kept, dropped = [], []
    for i, line in enumerate(lines):
        plain = _plain(line.text)
        if plain in FOOTER_MARKERS:
            dropped.extend(x.text for x in lines[i:])
            break
        if line.text in ("*", "***", "---"):      # the star under a letter's issuer, a rule
            continue
        if DEBRIS_LINE.search(line.text) or _is_toolbar(line.text):
            dropped.append(line.text)
            # the debris line's blank lines do not make the next line a caption
            if i + 1 < len(lines):
                lines[i + 1] = Line(lines[i + 1].text, min(lines[i + 1].blank_before, 1), lines[i + 1].indented)
            continue
        kept.append(line)
    return kept, dropped


def _date(text: str) -> tuple[dt.datetime | None, bool]:
    m = DATE_LINE.match(text)
    if not m:
        return None, False
    hour, minute = (m["h1"], m["m1"]) if m["h1"] else (m["h2"], m["m2"])
    try:
        when = dt.datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(hour or 0), int(minute or 0))
    except ValueError:
        return None, False
    return when, hour is not None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def _looks_like_name(text: str) -> bool:
    """“Hương Dịu”, “Lâm Nhiên”: two to five capitalised words and nothing else."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w.isalpha() for w in words) and len(text) <= 40


def _capitalised_share(text: str) -> float:
    words = _words(text)
    return sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0


def _is_short_line(text: str) -> bool:
    return len(text.split()) <= 16 and not text.endswith(END_PUNCT[:6])


def _province_in(text: str) -> str | None:
    """The province a title names (“Bến Tre: …”, “Đắk Nông nâng cao …”), as today's or the former name."""
    folded = f" {_plain(text)} "
    best = None
    for p in all_provinces():
        for name in {p.name, *p.formers}:
            key = _plain(name)
            if f" {key} " in folded and (best is None or len(key) > len(_plain(best))):
                best = name
    return best


def _source(line: str) -> tuple[str | None, str | None]:
    m = SOURCE_LINE.match(line)
    if m and (m["url"] or m["name"]):
        url = m["url"].rstrip(".,;)") if m["url"] else None
        name = m["name"].strip(" -–:") or None
        if name and URL.fullmatch(name):
            url, name = name, None
        if url and not name:
            name = urllib.parse.urlparse(url).hostname
        return name, url
    m = BARE_SOURCE.match(line)
    if m and (re.fullmatch(r"[\w.-]+\.[a-z]{2,}", m["name"].strip()) or line.lower().startswith(("(theo", "(nguồn"))):
        return m["name"].strip(), None
    if URL.fullmatch(line):
        return urllib.parse.urlparse(line).hostname, line
    return None, None


def _blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    previous = None
    for line in lines:
        text = line.text
        if previous is not None and text == previous:     # image alt text repeated as its caption
            if blocks and blocks[-1].kind != "caption":
                blocks[-1] = Block("caption", text)
            previous = text
            continue
        previous = text
        if re.match(r"^[-+•]\s+", text):
            blocks.append(Block("li", re.sub(r"^[-+•]\s+", "", text)))
        elif (line.blank_before >= 2 or line.indented) and len(text.split()) <= 40 and not text.endswith(END_PUNCT[:6]):
            blocks.append(Block("caption", text))    # set apart by extra blank lines: the text under a photo
        elif _is_short_line(text) and len(text.split()) <= 12 and not re.match(r"^\d+[.)]\s", text):
            blocks.append(Block("caption" if _capitalised_share(text) >= 0.6 else "h", text))
        else:
            blocks.append(Block("p", text))
    return blocks


def is_letter(lines: list[Line]) -> bool:
    texts = [line.text for line in lines]
    signals = [any(SUBJECT_LINE.match(t) for t in texts), any(RECIPIENTS_LINE.match(t) for t in texts),
               any(CC_LINE.match(t) for t in texts), any(NUMBER_LINE.match(t) for t in texts),
               any(PLACE_DATE.match(t) for t in texts), any(AUTHORITY.match(t.strip("*")) for t in texts)]
    return sum(signals) >= 3


def parse(text: str) -> Bulletin | Letter:
    """What the bulletin says, part by part."""
    lines, dropped = _clean(_lines(text))
    if not lines:
        raise UserError("Bản tin không có nội dung (chỉ có dòng trống hoặc phần thừa của cổng thông tin)")
    if is_letter(lines):
        letter = _parse_letter(lines)
        letter.dropped = dropped
        return letter
    bulletin = _parse_post(lines)
    bulletin.dropped = dropped
    return bulletin


def _parse_post(lines: list[Line]) -> Bulletin:
    date, has_time = None, False
    for i, line in enumerate(lines[:6]):
        date, has_time = _date(line.text)
        if date:
            lines = lines[:i] + lines[i + 1:]
            break
    title = lines[0].text
    rest = lines[1:]
    # The tail: source line, author signature (in either order), then nothing but debris.
    author = source = source_url = None
    while rest:
        last = rest[-1].text
        name, url = _source(last)
        if (name or url) and source is None and source_url is None:
            source, source_url = name, url
            rest = rest[:-1]
            continue
        if author is None and _looks_like_name(last):
            author = last
            rest = rest[:-1]
            continue
        break
    lead = None
    for i, line in enumerate(rest[:3]):
        if len(line.text.split()) >= 15:
            lead = line.text
            rest = rest[:i] + rest[i + 1:]
            break
    province = _province_in(title) or (_province_in(lead) if lead else None)
    return Bulletin(title=title, date=date, has_time=has_time, lead=lead, blocks=_blocks(rest), author=author,
                    source=source, source_url=source_url, province=province)


def _proper_case(text: str) -> str:
    """“BAN THƯỜNG VỤ” → “Ban Thường vụ”, “PHÓ BÍ THƯ” → “Phó Bí thư”."""
    lowered = text.lower()
    for phrase in sorted(PROPER_CASE, key=len, reverse=True):
        lowered = re.sub(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", phrase, lowered)
    return lowered[:1].upper() + lowered[1:]


def _authority(text: str) -> str:
    m = AUTHORITY.match(text)
    if not m:
        return _proper_case(text)
    code = m["code"].upper().replace(".", "")
    code = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}.get(code, m["code"])
    return f"{code} {_proper_case(m['rest'])}"


def _list_items(lines: list[Line], start: int) -> tuple[list[str], int]:
    items, i = [], start
    while i < len(lines) and re.match(r"^[-+•]\s*", lines[i].text):
        items.append(re.sub(r"^[-+•]\s*", "", lines[i].text).rstrip(",;. "))
        i += 1
    return items, i


def _province_of_place(place: str | None) -> str | None:
    """The province of a place name: a province itself, or a (pre-2025) district named only once in Vietnam."""
    if not place:
        return None
    ref = resolve(place)
    if ref is not None:
        return ref.former or ref.province.name
    key = "".join(ch for ch in fold(place) if ch.isalnum())
    if not re.fullmatch(r"[a-z0-9]+", key):
        return None
    from vietnamadminunits.database import query
    # the key is letters and digits only, so it is safe inside the SQL text (query() takes no parameters)
    rows = query(f"SELECT DISTINCT provinceShort FROM admin_units_legacy WHERE districtShortKey = '{key}'")
    names = {nfc(r["provinceShort"]) for r in rows}
    return names.pop() if len(names) == 1 else None


def _parse_letter(lines: list[Line]) -> Letter:
    texts = [line.text for line in lines]
    number = place = subject = on_behalf = role = signer = None
    date = None
    recipients, cc, body_lines = [], [], []
    i, n = 0, len(lines)
    # Heading: place and date, number, subject, in any order, until “Kính gửi”.
    while i < n and not RECIPIENTS_LINE.match(texts[i]):
        t = texts[i]
        if (m := PLACE_DATE.match(t)) and date is None:
            place = m["place"].strip()
            try:
                date = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
            except ValueError:
                date = None
        elif (m := NUMBER_LINE.match(t)) and number is None:
            number = re.sub(r"\s*([-–/])\s*", r"\1", m["number"]).replace("–", "-")
        elif (m := SUBJECT_LINE.match(t)) and subject is None:
            subject = m["subject"].strip()
        elif subject is not None and not body_lines:
            subject = f"{subject} {t}"       # a subject wrapped over two lines
        i += 1
    if i < n:
        rest = RECIPIENTS_LINE.match(texts[i])["rest"].strip()
        i += 1
        if rest:
            recipients.append(rest.rstrip(",;. "))
        items, i = _list_items(lines, i)
        recipients += items
    while i < n and not CC_LINE.match(texts[i]):
        body_lines.append(lines[i])
        i += 1
    if i < n:
        rest = CC_LINE.match(texts[i])["rest"].strip()
        i += 1
        if rest:
            cc.append(rest.rstrip(",;. "))
        items, i = _list_items(lines, i)
        cc += items
    signature = [t.strip("* ").strip() for t in texts[i:] if t.strip("* ").strip()]
    if signature:
        signer = signature[-1]
        titles = signature[:-1]
        if titles and AUTHORITY.match(titles[0]):
            on_behalf = _authority(titles[0])
            titles = titles[1:]
        if titles:
            role = _proper_case(" ".join(titles))
    doc_type = vocab.doc_type_of(number) if number else None
    system = vocab.system_of(number) if number else None
    issuer = vocab.issuer_of(number, place) if number else None
    province = _province_of_place(place)
    parent = None
    if issuer and province and issuer.startswith(("Huyện ủy", "Thị ủy", "Thành ủy", "Quận ủy")):
        parent = f"Đảng bộ tỉnh {province}"
    return Letter(number=number, place=place, date=date, subject=subject, recipients=recipients,
                  blocks=_blocks(body_lines), cc=cc, on_behalf=on_behalf, signer_role=role, signer=signer,
                  doc_type=doc_type, issuer=issuer, parent=parent, system=system, province=province)


# ------------------------------------------------------------------ writing the draft


def _markdown(blocks: list[Block]) -> str:
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


def _refuse(path: Path, root: Path):
    if path.exists():
        raise UserError(f"Đã có tệp {path.relative_to(root).as_posix()}; không ghi đè. "
                        "Nếu đây là bản tin khác, hãy đổi tiêu đề trong tệp đã có hoặc đặt --slug khác.")


def write(root, parsed: Bulletin | Letter, *, source_name: str = "", category: str | None = None,
          slug: str | None = None) -> tuple[Path, list[str]]:
    """Write the draft; return its path and the notes for the editor (what could not be found)."""
    root = Path(root)
    if isinstance(parsed, Letter):
        return _write_letter(root, parsed, source_name, slug)
    return _write_post(root, parsed, source_name, category, slug)


def _write_post(root: Path, b: Bulletin, source_name: str, category: str | None, slug: str | None):
    notes, extras = [], {}
    slug = slug or slugify(b.title)
    folder = root / "content" / POSTS_DIR
    path = folder / f"{slug}.md"
    _refuse(path, root)
    if slug in (taken := _existing_slugs(folder)):
        raise UserError(f"Địa chỉ trang “{slug}” đã được bài {POSTS_DIR}/{taken[slug]} dùng; không ghi đè.")
    date = b.date
    if date is None:
        date = now_local().replace(second=0, microsecond=0)
        notes.append("không thấy ngày đăng trong bản tin: đã ghi ngày giờ hiện tại, hãy sửa “date”")
        extras["date"] = "KHÔNG THẤY NGÀY ĐĂNG TRONG BẢN TIN: đã ghi lúc nhập, hãy sửa."
    elif not b.has_time:
        notes.append("bản tin không ghi giờ đăng: đã đặt 00:00, hãy sửa “date” nếu biết giờ")
        extras["date"] = "Bản tin không ghi giờ đăng: đã đặt 00:00, hãy sửa nếu biết giờ."
    if not b.lead:
        notes.append("không thấy đoạn mở đầu (sapo): hãy viết “summary”")
    if b.captions:
        notes.append(f"bản tin có {len(b.captions)} ảnh: hãy thêm tệp ảnh (xem các dòng “Ảnh:” trong bài)")
    values = {
        "title": b.title, "slug": slug, "date": date, "category": category or DEFAULT_CATEGORY,
        "summary": b.lead or "Viết đoạn mở đầu (sapo) ở đây.", "status": "draft", "author": b.author,
        "source": b.source, "source_url": b.source_url, "province": b.province, "tags": [], "models": [],
        "image_caption": b.captions[0] if b.captions else None, "illustrative": False,
    }
    extras["status"] = "Bản nháp nhập từ bản tin: kiểm tra từng trường, rồi đổi thành published để đăng."
    header = f"Bài tin tức nhập từ {source_name} (invoke import-bulletin). Xem trước bằng: invoke serve"
    text = front_matter(_keys(schema.POST, values, extras), _markdown(b.blocks) or "Viết nội dung bài ở đây.",
                        header=header)
    _create(path, text)
    return path, notes


def _write_letter(root: Path, d: Letter, source_name: str, slug: str | None):
    notes, extras = [], {}
    missing = [label for label, value in (("số, ký hiệu", d.number), ("trích yếu (V/v)", d.subject),
                                          ("ngày ban hành", d.date), ("nơi ban hành", d.place),
                                          ("người ký", d.signer)) if not value]
    if missing:
        notes.append(f"không thấy {', '.join(missing)} trong văn bản: hãy điền")
    doc_type = d.doc_type or "Công văn"
    subject = d.subject or "Trích yếu của văn bản"
    number = d.number or "Số ký hiệu"
    slug = slug or document_slug(doc_type, number, subject)
    folder = root / "content" / DOCUMENTS_DIR
    path = folder / f"{slug}.md"
    _refuse(path, root)
    if slug in (taken := _existing_slugs(folder)):
        raise UserError(f"Địa chỉ trang “{slug}” đã được văn bản {DOCUMENTS_DIR}/{taken[slug]} dùng; không ghi đè.")
    guessed = "Đoán từ ký hiệu và địa danh của văn bản: hãy kiểm tra."
    if d.issuer:
        extras["issuer"] = guessed
    else:
        notes.append("không xác định được cơ quan ban hành: hãy điền “issuer”")
    if d.parent:
        extras["parent"] = guessed
    values = {
        "number": number, "doc_type": doc_type, "issuer": d.issuer or "Tên cơ quan ban hành", "parent": d.parent,
        "place": d.place or "Địa danh", "date": d.date or now_local().date(), "subject": subject, "slug": slug,
        "recipients": d.recipients or ["Nơi nhận văn bản"], "cc": d.cc, "signer": d.signer or "Họ và tên người ký",
        "signer_role": d.signer_role or "Chức vụ người ký", "on_behalf": d.on_behalf, "system": d.system or "party",
        "province": d.province, "status": "draft", "illustrative": False,
    }
    extras["status"] = "Bản nháp nhập từ văn bản: kiểm tra từng trường, rồi đổi thành published để đăng."
    header = f"Văn bản nhập từ {source_name} (invoke import-bulletin). Xem trước bằng: invoke serve"
    text = front_matter(_keys(schema.DOCUMENT, values, extras), _markdown(d.blocks) or "Chép nội dung văn bản ở đây.",
                        header=header)
    _create(path, text)
    return path, notes


def _create(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(text)


def import_bulletin(root, file, *, category: str | None = None, slug: str | None = None,
                    dry_run: bool = False) -> tuple[Bulletin | Letter, Path | None, list[str]]:
    """Parse ``file`` and write the draft (unless ``dry_run``)."""
    file = Path(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {file}") from None
    except UnicodeDecodeError:
        raise UserError(f"Tệp {file.name} không ở mã UTF-8; hãy lưu lại dạng văn bản UTF-8") from None
    parsed = parse(text)
    if dry_run:
        return parsed, None, []
    path, notes = write(root, parsed, source_name=file.name, category=category, slug=slug)
    return parsed, path, notes


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
