"""Reading a pasted bulletin or official document: what each line is, scored, not by position.

Text pasted from a portal, a newspaper or a word processor carries more than the
article: the site's name, breadcrumbs, a category, view counters, toolbars,
"Tin liên quan" boxes, tags. Each line is classified by what it looks like
(a date line, a byline, a source line, a caption, portal debris…); the title
is the best-scoring line of title length near the date line; the lead is the
first paragraph after it, without its dateline ("(Báo X) -", "VOV.VN -").

Nothing is invented: a part that is not found is ``None``.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field as dc_field

from dvk.model import vocab
from dvk.model.provinces import all_provinces, resolve
from dvk.model.text import fold, nfc

# ------------------------------------------------------------------ data


@dataclass
class Line:
    text: str
    blank_before: int
    indented: bool


@dataclass
class Block:
    kind: str          # "p" paragraph | "h" sub-heading | "caption" photo caption | "li" list item
    text: str


class _Blocks:
    """The body of a bulletin or a document, read by block kind."""

    blocks: list[Block]

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in ("p", "li")]

    @property
    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "h"]


@dataclass
class Bulletin(_Blocks):
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


@dataclass
class Letter(_Blocks):
    """What was found in an official document."""

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


# ------------------------------------------------------------------ text helpers


def plain(text: str) -> str:
    """Folded, punctuation as spaces: ``"Lượt xem: 1.234"`` → ``"luot xem 1 234"``."""
    return re.sub(r"\s+", " ", "".join(ch if ch.isalnum() or ch in "+_" else " " for ch in fold(text))).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def _n(text: str) -> int:
    return len(text.split())


SENTENCE_END = (".", "!", "?", "…", ".”", ".\"", "!”", "?”", "./.", ";", ":")


def _ends_sentence(text: str) -> bool:
    t = text.rstrip("*_ ")
    return t.endswith(SENTENCE_END) or bool(re.search(r"[.!?…][”\"»)']$", t))


def _is_paragraph(text: str) -> bool:
    n = _n(text)
    if n >= 30:
        return True
    if n < 10 or not _ends_sentence(text):
        return False
    # a title may end with “?”, “!” or “...” (“Vì sao … thành công?”): a short line ending so is not a paragraph
    t = text.rstrip("*_ ”\"'»)")
    return not (t.endswith(("?", "!", "...", "…")) and n <= 25 and "." not in t[:-3])


def lines_of(text: str) -> list[Line]:
    """Lines of ``text``: NFC, CRLF and NBSP undone, zero-width marks gone, Word-table tabs split into cells."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    text = re.sub(r"[\u00a0\u2007\u202f\u3000]", " ", text)
    if re.search(r"&(?:nbsp|amp|quot|lt|gt|#\d+);", text):     # HTML entities pasted with the text
        import html
        text = html.unescape(text).replace("\u00a0", " ")
    # Word's list bullets (Symbol and Wingdings characters) are dashes
    text = re.sub(r"(?m)^([ \t]*)[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u25aa\u25cf\u2022\u2023\u2043\u25e6](?=\s)",
                  r"\1-", text)
    found, blanks = [], 0
    for raw in text.split("\n"):
        # cells of a Word table come as tabs; a layout copied from a PDF as runs of spaces
        cells = re.split(r"\t+| {4,}", raw) if re.search(r"\S(?:\t| {4,})\S", raw) else [raw]
        first = True
        for cell in cells:
            stripped = re.sub(r"[ \t]+", " ", cell).strip()
            if not stripped:
                continue
            found.append(Line(stripped, blanks if first else 0, first and raw[:1] in (" ", "\t")))
            blanks, first = 0, False
        if first:
            blanks += 1
    return found


# ------------------------------------------------------------------ dates and times

_WEEKDAY = r"(?:th[ứu]\s*(?:hai|ba|t[ưu]|n[ăa]m|s[áa]u|b[ảa]y|[2-7])|ch[ủu]\s*nh[ậa]t|CN)"
_DATE_NUM = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<mo>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?![\d/])")
_DATE_ISO = re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?![\d/])")
_DATE_WORDS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y>(?:19|20)\d{2})",
                         re.IGNORECASE)
_TIME = re.compile(r"(?<![\d:/])(?P<h>[01]?\d|2[0-3])\s*(?::|h|g|giờ)\s*(?P<m>[0-5]\d)(?::[0-5]\d)?(?:\s*(?P<ampm>AM|PM|SA|CH))?"
                   r"(?![\d/])", re.IGNORECASE)
# Words that may stand around a date on a portal's date line.
_DATE_WORDS_AROUND = re.compile(
    rf"\b(?:{_WEEKDAY}|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật\s+lúc|cập\s+nhật|"
    r"thời\s+gian\s+đăng|thời\s+gian|xuất\s+bản|đăng\s+tải|ngày\s+xuất\s+bản|"
    r"lúc|ngày|đăng|gmt\s*\+\s*7|gmt|utc\s*\+\s*7|\+07:?00|giờ|sáng|chiều|tối)\b",
    re.IGNORECASE)


@dataclass
class When:
    date: dt.date | None
    time: tuple[int, int] | None
    rest: str            # what the line says besides the date and time


def find_when(text: str) -> When:
    """The date and time in ``text`` and the words left once they (and date words) are removed."""
    date = None
    rest = text
    # two dates on one line (“Đăng ngày: … - Cập nhật: … 08:00”): the first and its own time only
    starts = sorted(m.start() for pattern in (_DATE_WORDS, _DATE_NUM, _DATE_ISO) for m in pattern.finditer(text))
    if len(starts) >= 2:
        first_end = min((m.end() for pattern in (_DATE_WORDS, _DATE_NUM, _DATE_ISO) for m in pattern.finditer(text)
                         if m.start() == starts[0]), default=starts[1])
        cut = re.search(r"[|,;(\-–]|\bcập\s+nhật|\bsửa", text[first_end:starts[1]], re.IGNORECASE)
        rest = text[:first_end + cut.start()] if cut else text[:starts[1]]
    for pattern in (_DATE_WORDS, _DATE_NUM, _DATE_ISO):
        m = pattern.search(rest)
        if m:
            try:
                date = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
            except ValueError:
                date = None
            if date:
                rest = rest[:m.start()] + " " + rest[m.end():]
                break
    time = None
    m = _TIME.search(rest)
    if m:
        h, mi = int(m["h"]), int(m["m"])
        if (m["ampm"] or "").upper() in ("PM", "CH") and h < 12:
            h += 12
        time = (h, mi)
        rest = rest[:m.start()] + " " + rest[m.end():]
    if date or time:    # a second date or time on the line (“Cập nhật: …”) is not words either
        for pattern in (_DATE_WORDS, _DATE_NUM, _DATE_ISO, _TIME):
            rest = pattern.sub(" ", rest)
    if date or time:
        rest = _DATE_WORDS_AROUND.sub(" ", rest)
        rest = re.sub(r"(?:số\s+)?lượt\s+(?:xem|đọc|truy cập|thích)\s*:?\s*[\d.,]+|(?:views?|bình luận)\s*:?\s*[\d.,]+",
                      " ", rest, flags=re.IGNORECASE)
    rest = re.sub(r"[\s|,;:()\[\]\-–—/.·•]+", " ", rest).strip()
    return When(date, time, rest)


# ------------------------------------------------------------------ debris, breadcrumbs, site names

# A line that is only one of these (compared folded) is portal furniture.
TOOLBAR_WORDS = ["tang co chu", "giam co chu", "co chu", "xem voi co chu", "in bai viet", "in bai", "in trang",
                 "ban in", "gui cho ban be", "gui email", "gui bai", "chia se", "chia se bai viet", "quay lai",
                 "dau trang", "len dau trang", "tro ve", "tro lai", "binh luan", "facebook", "zalo", "twitter",
                 "email", "in", "a a", "a+ a-", "a- a+", "a- a a+", "aa", "a", "copy link", "sao chep lien ket",
                 "nghe bai viet", "nghe doc bai", "doc bai", "tai ve", "luu bai viet", "luu", "thich", "tweet",
                 "linkedin", "print", "share", "google news", "theo doi", "dong", "x", "ban doc", "top",
                 "nghe", "giong nam", "giong nu", "mien bac", "mien nam", "tieu diem", "tin tuc"]
# Lines that begin with these (folded) and are short are counters, tags or toolbars.
DEBRIS_PREFIXES = ["luot xem", "so luot xem", "luot doc", "luot truy cap", "luot thich", "tu khoa", "tags", "tag",
                   "xem voi co chu", "co chu", "nghe bai viet", "nghe doc", "chia se", "in bai", "binh luan",
                   "gui binh luan", "y kien ban doc", "theo doi", "doc them tai", "dang nhap", "publishingportal",
                   "block ", "views", "view", "gui cho ban be", "bao loi", "phong chu", "kich thuoc chu",
                   "tin noi bat", "quang cao", "gui gop y", "gop y", "phan hoi", "bao loi", "dang ky nhan tin"]
# Site footers: lines that begin with these are dropped whatever their length.
FOOTER_PREFIXES = ["ban quyen", "copyright", "c ban quyen", "giay phep", "chiu trach nhiem noi dung",
                   "tong bien tap", "co quan chu quan", "ghi ro nguon", "phat hanh lai", "dia chi toa soan",
                   "dien thoai duong day nong", "duong day nong"]
# A heading after which the portal lists other articles: it and the titles after it are dropped.
BOX_MARKERS = ["xem nhieu nhat", "tin lien quan", "tin khac", "cac tin khac", "bai viet lien quan", "bai lien quan",
               "tin cung chuyen muc", "doc nhieu nhat", "tin moi nhat", "cac tin da dua", "tin bai lien quan",
               "tin bai khac", "cac bai viet khac", "bai viet khac", "tin da dua", "co the ban quan tam",
               "doc them", "xem them", "tin moi", "tin doc nhieu", "cac tin moi", "cac tin cu hon", "tin cu hon",
               "tin tuc lien quan", "tin noi bat", "bai viet cung chuyen muc", "cung chuyen muc", "tin xem nhieu",
               "cac tin bai khac", "tin bai da dua", "bai doc nhieu"]
SITE_PREFIXES = ["cong thong tin", "trang thong tin", "bao dien tu", "tap chi", "dai phat thanh", "cong ttdt",
                 "website", "trang tin dien tu", "trang tin", "dien tu dang bo", "bao ", "dai truyen hinh",
                 "cong dien tu", "thong tan xa"]
_BREADCRUMB_SEP = re.compile(r"\s*(?:»|›|>|→|/|\||::)\s*")


def is_toolbar(text: str) -> bool:
    rest = plain(text)
    if not rest:
        return not re.search(r"\w", text)
    before = rest
    for phrase in sorted(TOOLBAR_WORDS, key=len, reverse=True):
        rest = re.sub(rf"(?:^|\s){re.escape(phrase)}(?=\s|$)", " ", rest).strip()
    if rest == before:
        return False
    rest = re.sub(r"\b\d+\b", " ", rest).strip()
    return rest == ""


def is_debris(text: str) -> bool:
    p = plain(text)
    if re.match(r"^PublishingPortal\b|^Block_\w+$", text.strip(), re.IGNORECASE):
        return True
    if is_toolbar(text):
        return True
    if text.strip().startswith("©") or any(p.startswith(pre) for pre in FOOTER_PREFIXES):
        return True
    if _n(text) <= 14 and not _ends_sentence(text.rstrip(".")):
        if any(p == pre.strip() or p.startswith(pre if pre.endswith(" ") else pre + " ") for pre in DEBRIS_PREFIXES):
            return True
        if re.fullmatch(r"xem voi co chu\s*\w*", p) or re.fullmatch(r"(?:co chu\s*)?a+\s*", p.replace(" ", "")):
            return True
    return False


def is_box_marker(text: str) -> bool:
    p = plain(text)
    return p in BOX_MARKERS or (p.rstrip(" 0123456789") in BOX_MARKERS)


def is_breadcrumb(text: str) -> bool:
    p = plain(text)
    if p.startswith(("trang chu", "home")) and _n(text) <= 20:
        return True
    parts = [x for x in _BREADCRUMB_SEP.split(text) if x.strip()]
    if len(parts) >= 2 and re.search(r"[»›>→]|\s\|\s", text) and all(_n(x) <= 6 for x in parts):
        return True
    return False


def is_site_name(text: str) -> bool:
    p = plain(text)
    if _n(text) > 16 or _ends_sentence(text) or ":" in text:
        return False
    if p.startswith("bao cao"):
        return False
    return any(p.startswith(pre) for pre in SITE_PREFIXES) or bool(re.fullmatch(r"[\w.-]+\.(?:vn|com|org|net)", p.replace(" ", ".")))


# ------------------------------------------------------------------ bylines and sources

_AGENCIES = {"pv", "p v", "btv", "ctv", "ttxvn", "vov", "vtv", "vna", "nhom pv", "nhom phong vien", "pv nhom",
             "nhom pv ctv", "pv ctv", "ptv", "bt", "qdnd", "vnp", "ttxvn vnp", "ban bien tap", "bbt", "tpv",
             "nhom tac gia", "phong vien", "vp", "cqtt", "ttdn"}
_BYLINE_PREFIX = re.compile(
    r"^(?:bài\s*(?:,|và|&|/|-)?\s*ảnh|tin\s*(?:,|và|&|/|-)?\s*ảnh|bài\s*(?:,|và|&)?\s*video|tin|bài|bài viết|"
    r"tác giả|người viết|phóng viên|nhóm phóng viên|thực hiện|ghi chép|ký giả|nhóm pv|pv)\s*:\s*(?P<name>.+)$",
    re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"^(?:ảnh|video|ảnh\s*và\s*video|đồ họa|đồ hoạ|nguồn ảnh|ảnh minh họa|ảnh minh hoạ)\s*:\s*"
                           r"(?P<name>.{1,60})$", re.IGNORECASE)
_SOURCE_PREFIX = re.compile(r"^\(?\s*(?:nguồn|nguồn tin|nguồn bài)\s*:?\s*(?P<rest>.+?)\)?$", re.IGNORECASE)
_THEO = re.compile(r"^\(?\s*theo\s+(?P<rest>.+?)\s*\)?\.?$", re.IGNORECASE)
URL = re.compile(r"https?://\S+|\bwww\.\S+")


def _name_token(tok: str) -> bool:
    tok = tok.strip(",.")
    if not tok:
        return False
    if re.fullmatch(r"(?:[A-ZĐ]\.){1,2}\s*[^\W\d_]+", tok) and tok[0].isupper():
        return True          # N.Hân, T.T.Hà
    if re.fullmatch(r"[A-ZĐ]\.?", tok):
        return True          # initials
    return tok[:1].isupper() and tok.replace("'", "").replace("’", "").replace("-", "").isalpha() and \
        (tok[1:].islower() or len(tok) == 1 or tok.isupper() and len(tok) <= 7)


def looks_like_name(text: str) -> bool:
    """“Hoàng Long”, “N.Hân”, “Minh Anh - Thu Hà”, “Hồng Nhung/VOV-Tây Bắc”, “Thu Hà (TTXVN)”."""
    text = text.strip().rstrip(".")
    if not text or len(text) > 70 or text.endswith(":"):
        return False
    main, _, agency = text.partition("/")
    if agency and _n(agency) > 5:
        return False
    main = re.sub(r"\s*\((?:[^()]{1,30})\)\s*$", "", main)     # “Thu Hà (TTXVN)”
    people = [x for x in re.split(r"\s+[-–—]\s+|\s*,\s*|\s+và\s+|\s*&\s*|\s*;\s*", main) if x.strip()]
    if not people or len(people) > 4:
        return False
    for person in people:
        toks = person.split()
        if not (1 <= len(toks) <= 5) or not all(_name_token(t) for t in toks):
            return False
        if len(toks) == 1 and not re.fullmatch(r"[A-ZĐ]\.\s*\S+", toks[0]) and len(people) == 1 and not agency:
            return False     # one capitalised word alone is not a byline
    words = {fold(w) for w in _words(main)}
    if words & {"ban", "huyen", "tinh", "xa", "uy", "hoi", "truong", "bao", "cong", "trang", "chu", "tin", "dang",
                "doan", "so", "phong", "uy ban"} and not agency:
        return False
    return True


def byline_of(text: str) -> str | None:
    """The author a byline line names, or None when the line is not a byline."""
    t = text.strip().strip("*_").strip()
    if _n(t) > 14:
        return None
    if plain(t) in _AGENCIES:
        return t.rstrip(".")
    m = _BYLINE_PREFIX.match(t)
    if m:
        name = m["name"].strip()
        name = re.split(r"\s*[-–—;,]\s*(?:ảnh|video|đồ họa|đồ hoạ)\s*:", name, flags=re.IGNORECASE)[0]
        name = re.split(r"\s+(?:ảnh|video)\s*:", name, flags=re.IGNORECASE)[0]
        parts = re.split(r"\s+[-–—]\s+|\s*,\s*", name)
        if len(parts) > 1 and not looks_like_name(name):
            name = " - ".join(p for p in parts if looks_like_name(p)) or name   # “Minh Hằng - Ban Dân vận Huyện ủy”
        return name.strip(" .-–") or None
    if re.fullmatch(r"(?:nhóm\s+)?(?:pv|phóng viên|ctv|btv)(?:\s*[-,/+&]\s*(?:pv|ctv|btv|ttxvn))*\.?", t, re.IGNORECASE):
        return t.rstrip(".")
    if looks_like_name(t):
        return t.rstrip(".")
    # “Thu Hà - Báo Lào Cai”, “Minh Anh (Đài PT-TH Sơn La)”: a name and the newsroom it writes for
    m = re.fullmatch(r"(?P<name>[^()\-–—]+?)\s*(?:[-–—]\s*|\()(?P<org>[^()]+?)\)?\.?", t)
    if m and looks_like_name(m["name"]) and (is_site_name(m["org"]) or plain(m["org"]).startswith(
            ("bao ", "dai ", "tap chi", "ttxvn", "vov", "vtv", "trung tam", "ban ", "cong thong tin", "phong vien"))):
        return m["name"].strip()
    return None


def source_of(text: str) -> tuple[str | None, str | None] | None:
    """(name, url) of a source line (“Nguồn: Báo X”, “(Theo baodongkhoi.vn)”, a bare URL), or None."""
    t = text.strip().strip("*_").strip()
    url_m = URL.search(t)
    url = url_m[0].rstrip(".,;)") if url_m else None
    if url and url.startswith("www."):
        url = "https://" + url
    m = _SOURCE_PREFIX.match(t)
    if m and not plain(t).startswith("nguon anh"):
        rest = URL.sub(" ", m["rest"]).strip(" -–:()[].,")
        if _n(rest) > 14:
            return None
        name = rest or (urllib.parse.urlparse(url).hostname if url else None)
        return (name, url) if (name or url) else None
    m = _THEO.match(t)
    if m:
        rest = URL.sub(" ", m["rest"]).strip(" -–:()[].,")
        if rest and _n(rest) <= 8 and "," not in rest and not _ends_sentence(t.rstrip(".)") + " "):
            return rest, url
        return None
    if url and URL.fullmatch(t.strip("()[] ")):
        return urllib.parse.urlparse(url).hostname, url
    m = re.fullmatch(r"\((?P<name>[^()]{3,60})\)", t)
    if m and re.fullmatch(r"[\w.-]+\.(?:vn|com|org|net|gov\.vn|org\.vn)", m["name"].strip(), re.IGNORECASE):
        return m["name"].strip(), None
    return None


# A dateline opening the lead: “(Báo X) -”, “(ĐCSVN) –”, “VOV.VN -”, “QĐND -”, “HÀ NỘI (TTXVN) -”.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ .'-]{1,30}?\s+)?(?:\((?P<paren>[^()]{2,50})\)|(?P<bare>[A-ZĐÀ-Ỹ0-9][\wĐđ.+&]*"
    r"(?:\s[A-ZĐÀ-Ỹ0-9][\wĐđ.+&]*){0,3}))\s*[-–—]+\s+(?=\S)")


def split_dateline(text: str) -> tuple[str | None, str]:
    """(source named by the dateline or None, the text without the dateline)."""
    m = _DATELINE.match(text)
    if not m:
        return None, text
    rest = text[m.end():]
    if m["paren"]:
        inner = m["paren"].strip()
        if _n(inner) > 8 or _ends_sentence(inner):
            return None, text
        return inner, rest
    bare = ((m["place"] or "") + m["bare"]).strip()      # “HÀ NỘI -”: the place and the word after it together
    letters = [c for c in bare if c.isalpha()]
    if not letters:
        return None, text
    if bare.upper() == bare or re.search(r"\.(?:vn|com)\b", bare, re.IGNORECASE):
        if resolve(bare) is not None or _n(bare) > 3 or (_n(bare) >= 2 and "." not in bare and not
                                                          re.search(r"\d", bare) and len(bare) > 6):
            return None, rest        # a place dateline (“HÀ NỘI -”, “CẦN THƠ -”): not a source
        return bare, rest
    return None, text


# ------------------------------------------------------------------ captions


_CAPTION_PREFIX = re.compile(r"^\(?\s*(?:ảnh|hình|ảnh minh họa|ảnh minh hoạ|hình ảnh|video)\s*(?:\d+)?\s*:\s*(?P<rest>.+?)\)?$",
                             re.IGNORECASE)
_CAPTION_CREDIT = re.compile(r"(?:[.\s]\s*|\s*[-–]\s*)\(?\s*(?:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|ảnh tư liệu)"
                             r"(?:\s*:\s*[^()]{1,60})?\)?\.?$", re.IGNORECASE)


def caption_of(line: Line, after: Line | None) -> str | None:
    """The caption a line is, or None: “Ảnh: …”, “… (Ảnh: …)”, “… Ảnh: X/TTXVN”, or a short line set apart."""
    t = line.text.strip("*_ ")
    m = _CAPTION_PREFIX.match(t)
    if m:
        rest = m["rest"].strip()
        if looks_like_name(rest) or _n(rest) <= 2:
            return None          # a photo credit, not a caption
        return rest
    if _n(t) <= 60 and _CAPTION_CREDIT.search(t) and not t.lower().startswith(("ảnh:", "ảnh ")):
        return t
    if (line.blank_before >= 2 or line.indented) and _n(t) <= 40 and not _ends_sentence(t):
        return t
    return None


# ------------------------------------------------------------------ provinces


def province_in(text: str) -> str | None:
    """The province a title names (“Bến Tre: …”, “Đắk Nông nâng cao …”), as today's or the former name."""
    folded = f" {plain(text)} "
    best = None
    for p in all_provinces():
        for name in {p.name, *p.formers}:
            key = plain(name)
            if f" {key} " in folded and (best is None or len(key) > len(plain(best))):
                best = name
    return best


# ------------------------------------------------------------------ news posts


def _drop_boxes(lines: list[Line], dropped: list[str]) -> list[Line]:
    """Drop “Tin liên quan”-style boxes: the marker and the article titles listed under it, wherever it is."""
    kept, i = [], 0
    while i < len(lines):
        line = lines[i]
        if is_box_marker(line.text):
            dropped.append(line.text)
            # a box above the article (no paragraph yet) ends at its first blank line: the title follows
            on_top = not any(_is_paragraph(k.text) for k in kept)
            i += 1
            first = True
            while i < len(lines):
                t = lines[i].text
                if _is_paragraph(t) and (lines[i].blank_before or _n(t) >= 25) or source_of(t) or (
                        lines[i].blank_before and byline_of(t)) or (on_top and lines[i].blank_before and not first):
                    break
                first = False
                dropped.append(t)
                i += 1
            continue
        kept.append(line)
        i += 1
    return kept


def _title_score(lines: list[Line], i: int, date_at: int | None, body_at: int) -> float:
    t = lines[i].text.strip("*_ ")
    n = _n(t)
    score = 0.0
    if 5 <= n <= 35:
        score += 3
    elif n >= 3:
        score += 0.5
    else:
        score -= 5
    if n > 40:
        score -= 5
    elif n > 25:
        score -= 2         # a lead without its full stop, rather than a title
    if t.endswith(".") and not t.endswith("..."):
        score -= 3
    if t.endswith(":"):
        score -= 5
    if date_at is not None:
        d = abs(i - date_at)
        score += {1: 3, 2: 2, 3: 1}.get(d, 0)
    if i == body_at - 1:
        score += 1
    if re.match(r"^[^:]{2,30}:\s", t):
        score += 0.5
    if t.upper() == t and any(c.isalpha() for c in t):
        score -= 0.5
    return score


def parse_post(lines: list[Line], dropped: list[str]) -> Bulletin:
    lines = _drop_boxes(lines, dropped)
    kinds: list[str] = []
    whens: list[When | None] = []
    for line in lines:
        t = line.text
        w = find_when(t)
        whens.append(w)
        if is_debris(t):
            kinds.append("debris")
        elif (w.date or w.time) and (not w.rest or byline_of(w.rest) or _n(w.rest) <= 1 or is_site_name(w.rest)
                                     or is_debris(w.rest)) and _n(t) <= 16:
            kinds.append("date" if w.date else "time")
        elif is_breadcrumb(t):
            kinds.append("crumb")
        elif is_site_name(t):
            kinds.append("site")
        else:
            kinds.append("text")
    for line, kind in zip(lines, kinds):
        if kind in ("debris", "crumb"):
            dropped.append(line.text)

    # The date: the first date line (the publication date comes before “updated” ones).
    date_at = next((i for i, k in enumerate(kinds) if k == "date"), None)
    date = None
    has_time = False
    author = source = source_url = None
    if date_at is not None:
        w = whens[date_at]
        date = w.date
        when_time = w.time
        if when_time is None:
            for j in (date_at + 1, date_at - 1, date_at + 2):
                if 0 <= j < len(lines) and kinds[j] == "time":
                    when_time = whens[j].time
                    kinds[j] = "used"
                    break
        if w.rest and byline_of(w.rest):
            author = byline_of(w.rest)
        if when_time:
            date = dt.datetime(date.year, date.month, date.day, *when_time)
            has_time = True
        else:
            date = dt.datetime(date.year, date.month, date.day)

    # The body starts at the first paragraph; the title is the best line of title length above it.
    body_at = next((i for i, (l, k) in enumerate(zip(lines, kinds)) if k == "text" and _is_paragraph(l.text)
                    and not byline_of(l.text)), len(lines))
    candidates = [i for i in range(body_at) if kinds[i] == "text" and not byline_of(lines[i].text)
                  and not source_of(lines[i].text)]
    if not candidates:
        candidates = [i for i in range(min(len(lines), body_at + 1)) if kinds[i] == "text"]
    if not candidates:
        candidates = [i for i, k in enumerate(kinds) if k == "text"][:1]
    title_at = max(candidates, key=lambda i: (_title_score(lines, i, date_at, body_at), -i)) if candidates else None
    title = lines[title_at].text.strip("*_ #") if title_at is not None else ""
    if date is None:        # “Can Lộc biểu dương 45 mô hình (12/05/2023)”: the date written after the title
        m = re.search(r"\s*(?:\(\s*([^()]{6,30})\s*\)|[-–|]\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}[^()]{0,12}))\s*$", title)
        w = find_when(m[1] or m[2]) if m else None
        if w and w.date and not w.rest:
            date = dt.datetime(w.date.year, w.date.month, w.date.day, *(w.time or (0, 0)))
            has_time = w.time is not None
            title = title[:m.start()].strip()
    title_source, bare_title = split_dateline(title)
    if title_source and _n(bare_title) >= 4:
        title = bare_title          # “(PLO)- Tổ hòa giải …”: the dateline is not part of the title

    site = next((lines[i].text for i in range(title_at or 0) if kinds[i] == "site"), None)
    if site is None and date_at is not None and whens[date_at].rest and is_site_name(whens[date_at].rest):
        site = whens[date_at].rest      # “Báo Nhân Dân - 12/05/2023 08:00”
    # Bylines and sources in the head (between the title and the body).
    head = range((title_at if title_at is not None else -1) + 1, body_at)
    for i in list(head) + [i for i in range(0, title_at or 0)]:
        if kinds[i] != "text":
            continue
        src = source_of(lines[i].text)
        if src and source is None:
            source, source_url = src
            kinds[i] = "used"
            continue
        a = byline_of(lines[i].text)
        if a and author is None and i > (title_at or 0):
            author = a
            kinds[i] = "used"

    # The tail: source line, author signature, photo credits, in any order.
    tail_author = tail_source = None
    j = len(lines) - 1
    seen = 0
    while j > (title_at if title_at is not None else -1) and seen < 6:
        t, k = lines[j].text, kinds[j]
        if k in ("debris", "crumb", "used"):
            j -= 1
            continue
        if k in ("date", "time"):
            kinds[j] = "used"
            j -= 1
            seen += 1
            continue
        src = source_of(t)
        if k == "site" and not src:
            kinds[j] = "used"
            j -= 1
            continue
        if src and tail_source is None:
            tail_source = src
            kinds[j] = "used"
            j -= 1
            seen += 1
            continue
        pc = _PHOTO_CREDIT.match(t.strip("*_ ()"))
        if pc and (looks_like_name(pc["name"]) or _n(pc["name"]) <= 4):
            kinds[j] = "used"
            dropped.append(t)
            j -= 1
            seen += 1
            continue
        a = byline_of(t)
        if a and tail_author is None and not _is_paragraph(t):
            tail_author = a
            kinds[j] = "used"
            j -= 1
            seen += 1
            continue
        break
    if tail_author:
        author = author or tail_author
    if tail_source:
        source, source_url = tail_source

    # The lead: the first paragraph after the title, without its dateline.
    lead = None
    lead_at = None
    for i in range((title_at if title_at is not None else -1) + 1, len(lines)):
        if kinds[i] != "text":
            continue
        t = lines[i].text
        if _n(t) >= 10 and not caption_of(lines[i], lines[i + 1] if i + 1 < len(lines) else None):
            lead_at = i
            break
        if _n(t) >= 10:
            break
    if lead_at is not None:
        dl_source, text = split_dateline(lines[lead_at].text)
        lead = text.strip("*_ ").strip()
        kinds[lead_at] = "used"
        if dl_source and source is None:
            source = dl_source
    if source is None and title_source and _n(bare_title) >= 4:
        source = title_source
    if source is None and site:
        source = site

    # the body: what follows the title and is not the lead, a date, a byline or debris (a caption or a
    # kicker between the title and the lead stays)
    start = (title_at + 1) if title_at is not None else 0
    body = [(lines[i], i) for i in range(start, len(lines)) if kinds[i] == "text" and i != lead_at]
    blocks = post_blocks([line for line, _ in body])
    province = province_in(title) or (province_in(lead) if lead else None)
    return Bulletin(title=title, date=date, has_time=has_time, lead=lead, blocks=blocks, author=author,
                    source=source, source_url=source_url, province=province)


def post_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    previous = None
    for idx, line in enumerate(lines):
        text = line.text
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        if previous is not None and text == previous:     # image alt text repeated as its caption
            if blocks and blocks[-1].kind != "caption":
                blocks[-1] = Block("caption", text)
            previous = text
            continue
        previous = text
        if idx == 0:        # the first body paragraph may still carry a dateline
            text = split_dateline(text)[1]
        credit = _PHOTO_CREDIT.match(text.strip("*_ ()"))
        if credit and (looks_like_name(credit["name"].strip(" )")) or _n(credit["name"]) <= 4):
            if blocks and blocks[-1].kind in ("h", "p") and _n(blocks[-1].text) <= 40:
                blocks[-1] = Block("caption", blocks[-1].text)
            continue                  # “(Ảnh: Minh Hòa)” under the photo's caption
        cap = caption_of(Line(text, line.blank_before, line.indented), nxt)
        if re.match(r"^[-+•]\s+", text):
            blocks.append(Block("li", re.sub(r"^[-+•]\s+", "", text)))
        elif cap:
            blocks.append(Block("caption", cap))
        elif _n(text) <= 16 and not _ends_sentence(text) and not text.endswith(",") and (
                not re.match(r"^\d+[.)]\s", text) or (line.blank_before and (nxt is None or nxt.blank_before)
                                                       and _n(text) <= 12)):
            bare = text.strip("*_ #")
            share = _capitalised_share(bare)
            blocks.append(Block("caption" if share >= 0.6 and _n(bare) >= 4 else "h", bare))
        else:
            blocks.append(Block("p", text))
    return blocks


def _capitalised_share(text: str) -> float:
    words = [w for w in _words(text) if not w.isdigit()]
    return sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0


# ------------------------------------------------------------------ official documents

DOC_TYPE_TITLES = ["Quyết định", "Kế hoạch", "Thông báo", "Báo cáo", "Chỉ thị", "Nghị quyết", "Hướng dẫn",
                   "Tờ trình", "Chương trình", "Đề án", "Quy chế", "Quy định", "Kết luận", "Công văn", "Giấy mời",
                   "Biên bản", "Công điện", "Thông tri", "Lời kêu gọi", "Thư", "Thư khen", "Thông cáo",
                   "Chương trình hành động", "Nghị định", "Thông tư", "Phương án"]
_TYPE_BY_PLAIN = {plain(t): t for t in DOC_TYPE_TITLES}
# Type codes in numbers, beyond vocab.DOC_TYPES.
_TYPE_CODES = {**vocab.DOC_TYPES, "CTr": "Chương trình", "TT": "Thông tư", "NĐ": "Nghị định", "GM": "Giấy mời",
               "CĐ": "Công điện", "TTr": "Tờ trình", "PA": "Phương án", "TTg": "Chỉ thị", "HD": "Hướng dẫn",
               "HĐ": "Hướng dẫn", "TB": "Thông báo", "QyĐ": "Quy định", "QyC": "Quy chế", "ThT": "Thông tri"}
STATE_MOTTO = re.compile(r"^C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.IGNORECASE)
PARTY_MOTTO = re.compile(r"^Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N\s+VI[ỆE]T\s+NAM\s*$", re.IGNORECASE)
MOTTO_2 = re.compile(r"^Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.IGNORECASE)
NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(?P<number>[0-9…. ]*\s*[-/]\s*[\w/ĐđƠơƯư.-]+?)\s*\.?$", re.IGNORECASE)
PLACE_DATE = re.compile(r"^(?P<place>[^,\n]{2,60}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})\s+năm\s+(?P<y>\d{4})",
                        re.IGNORECASE)
PLACE_DATE_NUM = re.compile(r"^(?P<place>[^,\n\d]{2,60}?),\s*(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<mo>\d{1,2})\s*/\s*"
                            r"(?P<y>\d{4})\s*$", re.IGNORECASE)
SUBJECT_LINE = re.compile(r"^(?:V/v|V\.v|Về việc)\s*[:.]?\s*(?P<subject>.+)$", re.IGNORECASE)
RECIPIENTS_LINE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
CC_LINE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
AUTHORITY = re.compile(r"^(?P<code>T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.|Q/|TM/|KT/)\s*(?P<rest>\S.*)$")
SIGNED = re.compile(r"\(?\s*(?:đã\s+ký|đã ký và đóng dấu|ký tên,?\s*đóng dấu|ký,?\s*đóng dấu|ký và ghi rõ họ tên|"
                    r"ký|đã ký\s*/\s*đóng dấu)\s*\)?", re.IGNORECASE)
SEPARATOR = re.compile(r"^[-_*=–—.~\s]{1,40}$")
_UNIT_WORDS = ("HUYỆN", "TỈNH", "XÃ", "PHƯỜNG", "THÀNH PHỐ", "QUẬN", "THỊ XÃ", "THỊ TRẤN", "TP.", "TP ")

# Titles in signature blocks and authorities, written in capitals in letters.
PROPER_CASE = ["Phó Bí thư thường trực", "Phó Trưởng ban thường trực", "Phó Chủ tịch thường trực", "Ban Thường vụ", "Ban Chấp hành", "Ban Thường trực", "Ban Dân vận", "Ban Tuyên giáo",
               "Ban Tổ chức", "Ban Chỉ đạo", "Ban Tuyên giáo và Dân vận", "Thường trực", "Phó Bí thư", "Bí thư",
               "Phó Chủ tịch", "Chủ tịch", "Phó Trưởng ban", "Trưởng ban", "Phó Giám đốc", "Giám đốc",
               "Chánh Văn phòng", "Phó Chánh Văn phòng", "Văn phòng", "Ủy ban nhân dân", "Hội đồng nhân dân",
               "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Đảng ủy", "Quận ủy", "Thị ủy", "Ủy viên", "Ban", "Ủy ban Mặt trận Tổ quốc Việt Nam",
               "Mặt trận Tổ quốc Việt Nam", "Việt Nam", "Đảng bộ", "Đảng bộ tỉnh", "Đảng bộ huyện", "Đảng ủy khối", "Ủy ban Kiểm tra", "Hội Liên hiệp Phụ nữ", "Hội Nông dân",
               "Hội Cựu chiến binh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Liên đoàn Lao động", "Sở Nội vụ",
               "Phòng Nội vụ", "Trưởng phòng", "Phó Trưởng phòng", "Thủ trưởng", "Ban Thi đua - Khen thưởng",
               "Hội đồng Thi đua - Khen thưởng", "Ủy ban Mặt trận Tổ quốc", "Ủy ban MTTQ Việt Nam"]


def proper_case(text: str) -> str:
    """“BAN THƯỜNG VỤ” → “Ban Thường vụ”, “PHÓ BÍ THƯ” → “Phó Bí thư”, “HUYỆN ĐỨC TRỌNG” → “huyện Đức Trọng”."""
    if text.upper() != text:
        return text
    lowered = text.lower()
    phrases = {p.lower(): p for p in PROPER_CASE}
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    lowered = re.sub(rf"(?<!\w)(?:{alternation})(?!\w)", lambda m: phrases[m[0]], lowered)
    # a place after a unit word keeps capitals: “huyện đức trọng” → “huyện Đức Trọng”
    lowered = re.sub(r"(?<!\w)(huyện|tỉnh|xã|phường|thành phố|quận|thị xã|thị trấn|thôn|ấp|bản|Huyện ủy|Tỉnh ủy|"
                     r"Thành ủy|Quận ủy|Thị ủy|Đảng ủy)\s+([^\W\d_][\w\s'-]*)",
                     lambda m: m[1] + " " + _place_case(m[2]), lowered)
    return lowered[:1].upper() + lowered[1:]


_UNIT_LOWER = ("huyện", "tỉnh", "xã", "phường", "thành phố", "quận", "thị xã", "thị trấn", "thôn", "ấp", "bản")


def _place_case(words: str) -> str:
    """“xã đại đồng” → “xã Đại Đồng”, “đức trọng” → “Đức Trọng”: unit words lower case, names capitalised."""
    for unit in sorted(_UNIT_LOWER, key=len, reverse=True):
        if words.startswith(unit + " "):
            return unit + " " + _place_case(words[len(unit) + 1:])
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def number_parts(number: str) -> tuple[str | None, str | None, str | None]:
    """(type code, issuer code, style) of a document number: party style ``374-CV/HU``, state ``1235/QĐ-UBND``."""
    n = number.replace("–", "-").replace(" ", "")
    m = re.fullmatch(r"[0-9…./]*\d*[a-zA-Z]?-(?P<type>[A-Za-zĐđƠơƯư]+)/(?P<issuer>[\w/.-]+)", n)
    if m:
        return m["type"], m["issuer"], "party"
    m = re.fullmatch(r"[0-9….]*(?:/\d{4})?/(?P<a>[A-Za-zĐđƠơƯư]+)-(?P<b>[\w.-]+)", n)
    if m:
        a, b = m["a"], m["b"]
        if a in _TYPE_CODES or a.upper() in _TYPE_CODES:
            return a, b, "state"
        return None, f"{a}-{b}", "state"       # 123/UBND-VX: a state letter (Công văn) has no type code
    m = re.fullmatch(r"[0-9….]*(?:/\d{4})?/(?P<a>[A-Za-zĐđ]+)", n)
    if m:
        return (m["a"], None, "state") if m["a"] in _TYPE_CODES else (None, m["a"], "state")
    return None, None, None


def _type_of_code(code: str | None) -> str | None:
    if not code:
        return None
    return _TYPE_CODES.get(code) or _TYPE_CODES.get(code.upper()) or next(
        (v for k, v in _TYPE_CODES.items() if k.upper() == code.upper()), None)


def _party_issuer(code: str) -> bool:
    c = fold(code).upper().replace("-", "/")
    first = c.split("/")[0]
    return first in {"TW", "BCT", "BBT"} or first.endswith("U") or first.startswith(("BDV", "BTG", "BTC", "UBKT", "BCĐ"))


def type_title(text: str) -> str | None:
    """“QUYẾT ĐỊNH”, “KẾ HOẠCH” (a document's type, written as its title line) → “Quyết định”, …"""
    t = text.strip("*_ ")
    if not _is_caps(t) or t.endswith(":"):
        return None
    return _TYPE_BY_PLAIN.get(plain(t))


def is_letter(lines: list[Line]) -> bool:
    texts = [line.text.strip("*_ ") for line in lines]
    head = texts[:25]
    signals = [
        any(NUMBER_LINE.match(t) for t in head),
        any(PLACE_DATE.match(t) or PLACE_DATE_NUM.match(t) for t in head),
        any(STATE_MOTTO.match(t) or PARTY_MOTTO.match(t) for t in head),
        any(MOTTO_2.match(t) for t in head),
        any(re.match(r"^(?:V/v|V\.v)\b", t, re.IGNORECASE) for t in head),
        any(RECIPIENTS_LINE.match(t) for t in texts),
        any(CC_LINE.match(t) for t in texts),
        any(AUTHORITY.match(t) for t in texts[-20:]),
        any(type_title(t) for t in head),
        any(re.match(r"^Điều\s+1\b", t) for t in texts),
    ]
    return sum(signals) >= 3


def _date_of(m) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None


def parse_letter(lines: list[Line], dropped: list[str]) -> Letter:
    texts = [line.text.strip("*_ ").strip() for line in lines]
    n = len(texts)
    number = place = subject = doc_type = system = None
    date = None
    recipients, cc = [], []
    issuer_lines: list[str] = []
    role: dict[int, str] = {}
    seen_motto = False

    # 1. The end of the body: “Nơi nhận”, or the first authority line (TM., KT., …) near the end.
    end = n
    for i in range(n):
        if CC_LINE.match(texts[i]):
            end = i
            break
    if end == n:
        for i in range(max(0, n - 14), n):
            if AUTHORITY.match(texts[i]) or (SIGNED.fullmatch(texts[i]) and i > n - 6):
                end = i
                break
    if end == n:
        # a signature without authority: caps role lines then a name, at the very end
        i = n - 1
        if i > 0 and looks_like_name(SIGNED.sub("", texts[i]).strip()) or (i > 0 and _is_caps(texts[i]) and _n(texts[i]) <= 5):
            k = i - 1
            while k > 0 and (_is_caps(texts[k]) or SIGNED.fullmatch(texts[k])) and _n(texts[k]) <= 8:
                k -= 1
            if k < i - 1:
                end = k + 1

    # 2. The heading, up to “Kính gửi”, the type title's subject, or the first line of text.
    i = 0
    body_start = None
    while i < end:
        t = texts[i]
        if not t or SEPARATOR.fullmatch(t):
            i += 1
            continue
        if STATE_MOTTO.match(t):
            system = system or "state"
            seen_motto = True
        elif PARTY_MOTTO.match(t):
            system = system or "party"
            seen_motto = True
        elif MOTTO_2.match(t):
            pass
        elif (m := NUMBER_LINE.match(t)) and number is None and re.search(r"[A-Za-zĐđ]", m["number"]):
            number = re.sub(r"\s*([-/])\s*", r"\1", m["number"]).replace("–", "-").strip()
        elif (m := PLACE_DATE.match(t) or PLACE_DATE_NUM.match(t)) and date is None:
            place = m["place"].strip()
            date = _date_of(m)
        elif (m := re.fullmatch(r"\(?\s*" + _DATE_WORDS.pattern + r"\s*\)?\.?", t, re.IGNORECASE)) and date is None:
            date = _date_of(m)          # “ngày 05 tháng 6 năm 2024” without a place
        elif (m := re.match(r"^(?:V/v|V\.v)\s*[:.]?\s*(?P<subject>.+)$", t, re.IGNORECASE)) and subject is None:
            subject = m["subject"].strip()
            while i + 1 < end and _continues(texts[i + 1], lines[i + 1].blank_before):
                i += 1
                subject = f"{subject} {texts[i]}"
        elif (dtype := type_title(t)) and doc_type is None and body_start is None:
            doc_type = dtype
            # the subject: the lines under the type title, until a blank line or a caps line
            parts = []
            k = i + 1
            while k < end and _n(texts[k]) <= 40 and not _is_caps(texts[k]) and not SEPARATOR.fullmatch(texts[k]) \
                    and not RECIPIENTS_LINE.match(texts[k]) \
                    and not (parts and re.match(r"^(?:Căn cứ|Thực hiện|Kính gửi|Xét)\b", texts[k])) \
                    and not (parts and lines[k].blank_before) and not _is_paragraph(texts[k]) or \
                    (k == i + 1 and k < end and re.match(r"^(?:V/v|Về)\b", texts[k])):
                parts.append(texts[k])
                k += 1
            if parts:
                found = " ".join(parts)
                subject = subject or found
            i = k
            continue
        elif RECIPIENTS_LINE.match(t):
            rest = re.sub(r"^[-+•]\s*", "", RECIPIENTS_LINE.match(t)["rest"].strip())
            if rest:
                recipients.append(rest.rstrip(",;. "))
            k = i + 1
            while k < end and (re.match(r"^[-+•]\s*", texts[k]) or (not recipients and _n(texts[k]) <= 15
                                                                      and not _is_paragraph(texts[k]))):
                recipients.append(re.sub(r"^[-+•]\s*", "", texts[k]).rstrip(",;. "))
                k += 1
            body_start = k
            break
        elif _is_caps(t) and not seen_motto and number is None and date is None and _n(t) <= 12:
            issuer_lines.append(t)
        elif _is_caps(t) and _n(t) <= 12 and not issuer_lines and i < 6:
            issuer_lines.append(t)
        elif _is_caps(t) and _n(t) <= 12 and i < 8 and not subject and not doc_type:
            issuer_lines.append(t)
        elif _is_paragraph(t) or re.match(r"^(?:(?:Căn cứ|Thực hiện|Để|Nhằm|Theo)\b|Điều\s+\d|[IVX]+\.|\d+\.)", t) or \
                (doc_type or subject):
            body_start = i
            break
        i += 1
    if body_start is None:
        body_start = i
    if subject:
        subject = re.sub(r"^(?:V/v|V\.v|Về việc)\s*[:.]?\s*", "", subject, flags=re.IGNORECASE).strip()

    # 3. After the body: recipients (“Nơi nhận”), signature block.
    cc_open = False
    sig: list[str] = []
    for k in range(end, n):
        t = texts[k]
        if not t or SEPARATOR.fullmatch(t):
            continue
        if m := CC_LINE.match(t):
            cc_open = True
            if m["rest"].strip():
                cc.append(re.sub(r"^[-+•]\s*", "", m["rest"].strip()).rstrip(",;. "))
            continue
        if re.match(r"^[-+•]\s*", t):
            if cc_open or not sig:
                cc.append(re.sub(r"^[-+•]\s*", "", t).rstrip(",;. "))
            continue
        if SIGNED.fullmatch(t):
            dropped.append(t)
            continue
        sig.append(t)
    on_behalf = signer_role = signer = None
    names = [SIGNED.sub("", s).strip(" .") for s in sig if not _is_caps(SIGNED.sub("", s).strip())
             and not AUTHORITY.match(s)]
    rank = re.compile(r"^(?:(?:Thiếu|Trung|Thượng|Đại)\s+(?:úy|tá|tướng)|PGS\.?\s*TS\.?|GS\.?\s*TS\.?|ThS\.?|"
                      r"TS\.?|BS\.?|KS\.?|Luật sư|Nhà giáo)\s+", re.IGNORECASE)
    people = [x for x in names if looks_like_name(rank.sub("", x)) or
              re.fullmatch(r"(?:[A-ZĐ]\w*\.?\s*){1,2}[A-ZĐ]\w+", x)]
    if people:
        signer = people[-1]          # the name under the signature, not what a portal put after it
    if signer and _is_caps(signer):
        signer = " ".join(w.capitalize() for w in signer.split())
    caps = [SIGNED.sub("", s).strip() for s in sig if _is_caps(SIGNED.sub("", s).strip()) or AUTHORITY.match(s)]
    authorities = [c for c in caps if AUTHORITY.match(c)]
    roles = [c for c in caps if not AUTHORITY.match(c)]
    if signer is None and roles and looks_like_name(" ".join(w.capitalize() for w in roles[-1].split())) and \
            len(roles) >= 2:
        signer = " ".join(w.capitalize() for w in roles[-1].split())
        roles = roles[:-1]
    if authorities:
        m = AUTHORITY.match(authorities[0])
        on_behalf = f"{m['code']} {proper_case(m['rest'])}".replace("  ", " ")
    if roles:
        signer_role = proper_case(" ".join(roles))
    elif len(authorities) >= 1:
        m = AUTHORITY.match(authorities[-1])
        signer_role = proper_case(m["rest"]) if len(authorities) > 1 else None

    # 4. Number → type and system; the motto decides the system when the number does not.
    type_code, issuer_code, style = number_parts(number) if number else (None, None, None)
    doc_type = _type_of_code(type_code) or doc_type
    if doc_type is None and subject and any(re.match(r"^(?:V/v|V\.v)\b", t, re.IGNORECASE) for t in texts[:body_start]):
        doc_type = "Công văn"
    if system is None and issuer_code:
        if style == "party" and _party_issuer(issuer_code):
            system = "party"
        elif style == "state":
            system = "state"
        elif _party_issuer(issuer_code):
            system = "party"
    issuer, parent = _issuer(issuer_lines)
    if issuer is None and number:
        guess = vocab.issuer_of(number, place)
        issuer = guess
    province = _province_of_place(place)
    if parent is None and issuer and province and issuer.startswith(("Huyện ủy", "Thị ủy", "Thành ủy", "Quận ủy")):
        parent = f"Đảng bộ tỉnh {province}"
    blocks = letter_blocks(lines[body_start:end])
    return Letter(number=number, place=place, date=date, subject=subject, recipients=recipients, blocks=blocks,
                  cc=cc, on_behalf=on_behalf, signer_role=signer_role, signer=signer, doc_type=doc_type,
                  issuer=issuer, parent=parent, system=system, province=province)


def _continues(text: str, blank_before: int = 0) -> bool:
    """Whether a line continues a subject (“V/v …”) wrapped onto it, rather than being the next header part."""
    t = text.strip()
    if not t or _is_caps(t) or SEPARATOR.fullmatch(t) or MOTTO_2.match(t) or STATE_MOTTO.match(t) or \
            PARTY_MOTTO.match(t) or NUMBER_LINE.match(t) or PLACE_DATE.match(t) or PLACE_DATE_NUM.match(t) or \
            RECIPIENTS_LINE.match(t) or CC_LINE.match(t) or AUTHORITY.match(t) or type_title(t) or _n(t) > 20:
        return False
    if t[:1].islower() or t[:1] in "“\"'(" or t[:1].isdigit():
        return True
    # “V/v tổ chức Hội nghị biểu dương / Điển hình … năm 2023”: directly under it, short, not a sentence
    return not blank_before and _n(t) <= 15 and not _ends_sentence(t) and \
        not re.match(r"^(?:Kính|Căn cứ|Thực hiện|Để|Nhằm|Theo)\b", t)


def _issuer(caps_lines: list[str]) -> tuple[str | None, str | None]:
    if not caps_lines:
        return None, None
    merged: list[str] = []
    for t in caps_lines:
        if merged and t.upper().startswith(_UNIT_WORDS):
            merged[-1] = f"{merged[-1]} {t}"
        else:
            merged.append(t)
    names = [proper_case(t) for t in merged]
    if len(names) == 1:
        return names[0], None
    return names[-1], names[-2]


def letter_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        t = line.text
        if SEPARATOR.fullmatch(t):
            continue
        if re.match(r"^[-+•]\s+", t):
            blocks.append(Block("li", re.sub(r"^[-+•]\s+", "", t)))
        elif re.match(r"^(?:[IVXLC]+|[A-Z])\.\s+\S", t) and _n(t) <= 20 and not _ends_sentence(t.rstrip(".")):
            blocks.append(Block("h", t.strip("*_ ")))
        elif re.match(r"^(?:Chương|Mục|Phần)\s+[IVXLC\d]+\b", t) and _n(t) <= 20:
            blocks.append(Block("h", t.strip("*_ ")))
        else:
            blocks.append(Block("p", t))
    return blocks


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


def parse_text(text: str) -> Bulletin | Letter | None:
    """What a pasted text says, part by part; None when nothing but debris is left."""
    raw = lines_of(text)
    dropped: list[str] = []
    lines = []
    for line in raw:
        if line.text in ("*", "***", "---"):
            continue
        if re.match(r"^PublishingPortal\b|^Block_\w+$", line.text, re.IGNORECASE) or is_toolbar(line.text):
            dropped.append(line.text)
            continue
        lines.append(line)
    if not lines:
        return None
    if is_letter(lines):
        letter = parse_letter(lines, dropped)
        letter.dropped = dropped
        return letter
    post = parse_post(lines, dropped)
    post.dropped = dropped
    return post
