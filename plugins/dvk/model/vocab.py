"""Vietnamese words editors write, mapped to the ids of the content model.

Committees write “Văn hóa – xã hội”, “VH-XH”, “Tập thể”, “Cấp tỉnh”; records
store ``culture-society``, ``collective``, ``province``. ``match()`` compares
without case, diacritics, spaces or punctuation, so “văn hoá - xã hội”,
“Van hoa xa hoi” and “VĂN HÓA–XÃ HỘI” all give ``culture-society``.
"""
from __future__ import annotations

from dvk.model.schema import FIELD_IDS, KINDS, LEVELS, STATUSES
from dvk.model.text import fold


def key(text) -> str:
    """``"Văn hóa – xã hội"`` → ``"vanhoaxahoi"``: folded, letters and digits only."""
    return "".join(ch for ch in fold(str(text)) if ch.isalnum())


# id -> other ways of writing it (the schema's own Vietnamese labels and the ids are added below)
_FIELDS = {
    "economy": ["Kinh tế", "KT", "Lĩnh vực kinh tế", "Phát triển kinh tế", "Kinh tế - nông nghiệp",
                "Kinh tế, nông nghiệp"],
    "culture-society": ["Văn hóa - xã hội", "Văn hóa, xã hội", "Văn hóa xã hội", "VH-XH", "VHXH", "Văn hóa", "Xã hội",
                        "VH", "XH", "Văn hóa - xã hội - môi trường", "Giáo dục", "Y tế"],
    "defense-security": ["Quốc phòng - an ninh", "Quốc phòng, an ninh", "QP-AN", "QPAN", "An ninh - quốc phòng",
                         "Quốc phòng", "An ninh", "An ninh trật tự", "ANTT", "QP", "AN", "AN-QP", "ANQP",
                         "An ninh, trật tự", "Quốc phòng, an ninh và đối ngoại"],
    "party-building": ["Xây dựng Đảng và hệ thống chính trị", "Xây dựng Đảng, hệ thống chính trị",
                       "Xây dựng hệ thống chính trị", "Xây dựng Đảng", "Hệ thống chính trị", "XDĐ-HTCT", "XDĐ",
                       "Xây dựng Đảng, chính quyền",
                       # abbreviations committees write
                       "XD HTCT", "XDHTCT", "HTCT", "XD Đảng", "XDĐ và HTCT", "XD Đảng và HTCT", "XD Đảng, HTCT",
                       "Xây dựng Đảng và HTCT", "XDĐ, HTCT", "XD hệ thống chính trị", "Xây dựng HTCT"],
}
_KINDS = {"collective": ["Tập thể", "TT", "Mô hình tập thể", "Đơn vị"],
          "individual": ["Cá nhân", "CN", "Mô hình cá nhân", "Điển hình cá nhân"]}
_LEVELS = {"grassroots": ["Cấp cơ sở", "Cơ sở", "Cấp xã", "Cấp phường", "Xã", "Phường", "Cấp xã, phường",
                          "Cấp xã/phường", "Xã/phường", "Cấp thị trấn", "Đảng ủy xã", "UBND xã", "Đảng ủy phường",
                          "UBND phường"],
           "district": ["Cấp huyện", "Huyện", "Cấp quận", "Quận", "Cấp thị xã", "Thị xã", "Cấp quận, huyện", "Huyện ủy",
                        "UBND huyện", "Ban Dân vận Huyện ủy", "Quận ủy", "Thị ủy", "UBND quận", "UBND thị xã",
                        "Cấp huyện, quận", "Cấp quận/huyện", "Cấp huyện/quận", "Quận/huyện", "Huyện/thị xã"],
           "province": ["Cấp tỉnh", "Tỉnh", "Cấp thành phố", "Thành phố", "Cấp TP", "TP", "Cấp tỉnh/thành phố",
                        "Tỉnh/thành phố", "Cấp tỉnh, thành phố", "Thành ủy", "Tỉnh ủy", "UBND tỉnh",
                        "Ban Dân vận Tỉnh ủy", "UBND thành phố"],
           "national": ["Cấp toàn quốc", "Toàn quốc", "Cấp Trung ương", "Trung ương", "Quốc gia", "Cấp TW", "TW",
                        "Cấp TƯ", "TƯ", "Cấp quốc gia", "Ban Dân vận Trung ương"]}
_STATUSES = {"registered": ["Đăng ký", "Đã đăng ký", "Đăng ký xây dựng"],
             "recognized": ["Được công nhận", "Công nhận", "Đã công nhận"],
             "replicated": ["Được nhân rộng", "Nhân rộng", "Đã nhân rộng"]}


def _table(words: dict, labels: dict) -> dict[str, str]:
    table = {}
    for ident, variants in words.items():
        for w in [ident, labels[ident], *variants]:
            table.setdefault(key(w), ident)
    return table


FIELDS = _table(_FIELDS, FIELD_IDS)
KIND_WORDS = _table(_KINDS, KINDS)
LEVEL_WORDS = _table(_LEVELS, LEVELS)
STATUS_WORDS = _table(_STATUSES, STATUSES)


def match(table: dict[str, str], value, extra: dict[str, str] | None = None) -> str | None:
    """The id ``value`` stands for in ``table`` (and ``extra``: more names → ids), or None."""
    if value is None:
        return None
    k = key(value)
    if not k:
        return None
    return table.get(k) or (extra or {}).get(k)


def field_table(taxonomy=None) -> dict[str, str]:
    """Field words plus the names and slugs in ``data/fields.yaml``."""
    table = dict(FIELDS)
    for f in (taxonomy.fields if taxonomy else ()):
        table.setdefault(key(f.name), f.id)
        table.setdefault(key(f.slug), f.id)
        table.setdefault(key(f.id), f.id)
    return table


def choices(labels: dict[str, str]) -> str:
    """``“Kinh tế” (economy), …`` for messages."""
    return ", ".join(f"“{label[0].upper() + label[1:]}” ({ident})" for ident, label in labels.items())


# Official documents: the type code in a number such as 374-CV/HU, and the issuer code after the slash.
DOC_TYPES = {"CV": "Công văn", "KH": "Kế hoạch", "CT": "Chỉ thị", "NQ": "Nghị quyết", "QĐ": "Quyết định",
             "QD": "Quyết định", "TB": "Thông báo", "BC": "Báo cáo", "HD": "Hướng dẫn", "ĐA": "Đề án",
             "DA": "Đề án", "CTr": "Chương trình", "CTR": "Chương trình", "QC": "Quy chế", "QĐi": "Quy định",
             "KL": "Kết luận", "TTr": "Tờ trình", "TTR": "Tờ trình", "BB": "Biên bản"}
# Issuer codes of party committees (a letter from these is a party document).
PARTY_ISSUERS = {"TW": "Trung ương", "TU": "Tỉnh ủy", "HU": "Huyện ủy", "ĐU": "Đảng ủy", "DU": "Đảng ủy",
                 "QU": "Quận ủy", "TXU": "Thị ủy", "TU-BDV": "Ban Dân vận Tỉnh ủy", "BDVTU": "Ban Dân vận Tỉnh ủy",
                 "BDVHU": "Ban Dân vận Huyện ủy", "BDVTW": "Ban Dân vận Trung ương", "ThU": "Thành ủy"}
STATE_ISSUERS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Ủy ban MTTQ Việt Nam"}


def parse_number(number: str) -> tuple[str | None, str | None]:
    """``"374-CV/HU"`` → ``("CV", "HU")``: the type code and the issuer code, when present."""
    import re
    m = re.match(r"\s*\d+[^-/\s]*\s*-\s*([A-Za-zĐđ]+)\s*/\s*([A-Za-zĐđ-]+)", number or "")
    if not m:
        return None, None
    return m.group(1), m.group(2)


def doc_type_of(number: str) -> str | None:
    code, _ = parse_number(number)
    return DOC_TYPES.get(code) or DOC_TYPES.get((code or "").upper()) if code else None


def system_of(number: str) -> str | None:
    """``party`` or ``state`` from the issuer code of a document number, when it says."""
    _, issuer = parse_number(number)
    if not issuer:
        return None
    if issuer in PARTY_ISSUERS or issuer.upper() in PARTY_ISSUERS or issuer.endswith("U"):
        return "party"
    if issuer.upper() in STATE_ISSUERS or issuer.upper().startswith("UB"):
        return "state"
    return None


def issuer_of(number: str, place: str | None) -> str | None:
    """A likely issuer from the number's issuer code and the place: 374-CV/HU, Triệu Phong → Huyện ủy Triệu Phong."""
    _, code = parse_number(number)
    body = PARTY_ISSUERS.get(code or "") or STATE_ISSUERS.get((code or "").upper())
    if not body:
        return None
    if body in ("Huyện ủy", "Tỉnh ủy", "Quận ủy", "Thị ủy", "Thành ủy", "Đảng ủy") and place:
        return f"{body} {place}"
    return body
