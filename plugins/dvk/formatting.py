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
    """``ngày 30 tháng 7 năm 2019``, as official documents print it."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}" if value else ""


def vn_number(value) -> str:
    """``20000`` → ``20.000``; ``2.5`` → ``2,5`` (Vietnamese separators)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.2f}".rstrip("0").split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


FILTERS = {"vn_date": vn_date, "vn_datetime": vn_datetime, "vn_long_date": vn_long_date, "vn_number": vn_number}
