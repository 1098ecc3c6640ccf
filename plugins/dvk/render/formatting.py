"""How dates and numbers read in Vietnamese; used as Jinja filters by the theme."""
from __future__ import annotations

import datetime as dt

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def vn_date(value) -> str:
    """``22/7/2024``"""
    return f"{value.day}/{value.month}/{value.year}" if value else ""


def vn_datetime(value) -> str:
    """``Thứ Hai, 22/7/2024 · 09:40``"""
    if not value:
        return ""
    text = f"{WEEKDAYS[value.weekday()]}, {vn_date(value)}"
    if isinstance(value, dt.datetime):
        text += f" · {value:%H:%M}"
    return text


def vn_long_date(value) -> str:
    """``ngày 30 tháng 7 năm 2019``, ``ngày 05 tháng 02 năm 2022``, as official documents print it.

    Nghị định 30/2020/NĐ-CP, Phụ lục I: days below 10 and the months 1 and 2 take a leading
    zero (so that no digit can be added in front); the months 3 to 12 are written as they are.
    """
    if not value:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def vn_number(value) -> str:
    """``20000`` → ``20.000``; ``2.5`` → ``2,5`` (Vietnamese separators)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.2f}".rstrip("0").split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


_TRAILING = " \t\n,;:–—-"


def excerpt(value, length: int = 200) -> str:
    """``value`` as plain text, cut on a word at ``length`` characters at most, with an ellipsis.

    ``excerpt("Tổ dân vận ấp An Thuận giúp dân", 20) == "Tổ dân vận ấp An…"``. Build-made HTML
    (``Markup``) is read as its text (entities decoded); the result is plain text, escaped on output.
    """
    if value is None:
        return ""
    text = value.unescape() if hasattr(value, "unescape") else str(value)
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length]
    if not text[length].isspace():       # the cut fell inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(_TRAILING).rstrip(".") + "…"


FILTERS = {"excerpt": excerpt, "vn_date": vn_date, "vn_datetime": vn_datetime, "vn_long_date": vn_long_date, "vn_number": vn_number}
