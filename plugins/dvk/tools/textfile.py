"""Text files as committees save them: which encoding, and whether the text was damaged on the way.

Encodings: a BOM says UTF-8 or UTF-16; otherwise strict UTF-8 is tried first
(it almost never decodes text that is not UTF-8), then UTF-16 without a BOM
(every other byte zero), then ``charset-normalizer`` chooses among the
Windows code pages Vietnamese files use (Windows-1258, which Excel on
Vietnamese Windows writes, with its tone marks as combining characters).

Damage: ``ftfy`` recognises UTF-8 read as Windows-1252 or Latin-1 (“Tá»•
tá»± quáº£n”), which it would undo; question marks standing for letters (“T?
t? qu?n”, what a file saved in a code page without Vietnamese letters
holds) and U+FFFD are recognised here. Damaged text is never repaired
silently: the row or line is refused with the reason, in Vietnamese.
"""
from __future__ import annotations

import re
import unicodedata

# Code pages charset-normalizer may choose from, after UTF-8 and UTF-16 failed.
VIETNAMESE_CODEPAGES = ["cp1258", "cp1252", "latin_1"]


def decode(raw: bytes) -> tuple[str | None, str | None]:
    """(text in NFC, None) or (None, the problem in Vietnamese)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _nfc(raw[3:].decode("utf-8", errors="replace")), None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(raw.decode("utf-16", errors="replace")), None
    try:
        return _nfc(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    sample = raw[:4000]
    if len(sample) >= 4:
        odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
        even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
        if odd_zero > 0.3:
            return _nfc(raw.decode("utf-16-le", errors="replace")), None
        if even_zero > 0.3:
            return _nfc(raw.decode("utf-16-be", errors="replace")), None
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(raw, cp_isolation=VIETNAMESE_CODEPAGES).best()
        encoding = best.encoding if best is not None else "cp1258"
    except Exception:   # the library is missing or fails: Vietnamese Windows' own code page
        encoding = "cp1258"
    try:
        return _nfc(raw.decode(encoding)), None
    except UnicodeDecodeError:
        try:
            return _nfc(raw.decode("cp1258", errors="replace")), None
        except LookupError:
            return None, "không đọc được bảng mã của tệp; hãy lưu lại dạng UTF-8"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_QMARK_IN_WORD = re.compile(r"[^\W\d_]\?[^\W\d_]|(?:^|\s)[^\W\d_]{1,6}\?(?=\s+[^\W\d_])|(?:^|\s)\?[^\W\d_]")
_LATIN1_DEBRIS = re.compile(r"[ÃÄÅÆ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u0192]"
                            r"|á»|áº|Ã¡|Ã |Ä‘|Æ°|Æ¡")


def damage(text: str) -> str | None:
    """What is wrong with ``text`` if its letters were damaged by a wrong encoding, in Vietnamese; else None."""
    if not text:
        return None
    if "\ufffd" in text:
        return "chữ bị hỏng vì sai bảng mã (lỗi font, mã hóa ký tự): có ký tự “�” thay cho chữ"
    if _QMARK_IN_WORD.search(text) and text.count("?") >= 2 or re.search(r"[^\W\d_]\?[^\W\d_]", text):
        return ("chữ bị hỏng vì sai bảng mã (lỗi font, mã hóa ký tự): có dấu “?” thay cho chữ có dấu, tệp đã được "
                "lưu bằng bảng mã không có chữ tiếng Việt")
    if _LATIN1_DEBRIS.search(text) or _ftfy_changes(text):
        fixed = _ftfy_fix(text)
        hint = f", đúng ra là “{fixed[:40]}”" if fixed and fixed != text else ""
        return f"chữ bị hỏng vì sai bảng mã (lỗi font, mã hóa ký tự): tệp UTF-8 bị đọc như Windows-1252{hint}"
    return None


def _ftfy_fix(text: str) -> str | None:
    try:
        import ftfy
    except ImportError:
        return None
    return ftfy.fix_encoding(text)


def _ftfy_changes(text: str) -> bool:
    fixed = _ftfy_fix(text)
    return fixed is not None and _nfc(fixed) != _nfc(text)
