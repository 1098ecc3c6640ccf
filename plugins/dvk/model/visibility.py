"""What a production build publishes, and what only a preview build shows.

One rule for every output of the site — pages, feeds, listings, sitemap,
search index, open data:

- a news post is public when its ``status`` is not ``draft`` and its date is
  not in the future (Vietnam time);
- an official document or static page is public when its ``status`` is not
  ``draft`` (like Pelican, a future date does not hide a page);
- a model record is public unless it says ``draft: true``.

``hidden_reason(item)`` says why something is not public (``"draft"`` or
``"future"``), ``is_public(item)`` is its negation. ``item`` may be a corpus
``Entry`` or ``ModelRecord`` (``dvk.load.corpus``) or a plain metadata dict;
``entry_reason(status, date, is_post)`` is the same rule for a post or page
described by its parts (the Pelican adapter uses it). In a production build
Pelican's ``articles`` and ``pages`` and ``Corpus.models`` already hold only
public items (``dvk/site/preview.py`` and ``load_corpus`` see to it); in a
preview build (``build(..., preview=True)``) they hold everything, and code
that writes machine-readable outputs should skip what ``is_public()`` refuses.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dvk.model.schema import parse_date, parse_datetime

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
BANNER = "Bản nháp — chưa đăng"
REASONS = {
    "draft": "Bản nháp (status: draft): trang công khai chưa có nội dung này; "
             "đổi thành status: published khi muốn đăng.",
    "future": "Hẹn giờ đăng {when}: trang công khai chỉ có bài này từ thời điểm đó.",
    "draft-record": "Hồ sơ có draft: true: trang công khai chưa có mô hình này; xóa dòng draft: true khi muốn đăng.",
}


def now_local() -> dt.datetime:
    """The current time in Vietnam, naive (front matter dates are written in Vietnam time)."""
    return dt.datetime.now(TIMEZONE).replace(tzinfo=None)


def _naive_local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(TIMEZONE).replace(tzinfo=None) if value.tzinfo else value


def hidden_reason(item, now: dt.datetime | None = None) -> str | None:
    """``None`` when ``item`` is public; otherwise ``"draft"``, ``"future"`` or ``"draft-record"``."""
    now = _naive_local(now) if now else now_local()
    if hasattr(item, "data") and hasattr(item, "place"):            # dvk.load.corpus.ModelRecord
        return "draft-record" if item.data.get("draft") else None
    if hasattr(item, "meta") and hasattr(item, "kind"):             # dvk.load.corpus.Entry
        return _entry_reason(item.meta, item.date, item.kind == "post", now)
    if isinstance(item, dict):                                      # raw front matter or record
        if item.get("draft") is True:
            return "draft-record"
        when = parse_datetime(item.get("date"))
        if when is None and (d := parse_date(item.get("date"))):
            when = dt.datetime.combine(d, dt.time())
        return _entry_reason(item, when, "number" not in item, now)
    return None


def entry_reason(status, date: dt.datetime | None, is_post: bool, now: dt.datetime | None = None) -> str | None:
    """Why a post (``is_post``) or a page with this ``status`` and ``date`` is not public, or None."""
    now = _naive_local(now) if now else now_local()
    return _entry_reason({"status": status}, _naive_local(date) if date else None, is_post, now)


def _entry_reason(meta: dict, date: dt.datetime | None, is_post: bool, now: dt.datetime) -> str | None:
    if str(meta.get("status", "published")).lower() == "draft":
        return "draft"
    if is_post and date is not None and date > now:
        return "future"
    return None


def is_public(item, now: dt.datetime | None = None) -> bool:
    """True when ``item`` may appear anywhere in a production build."""
    return hidden_reason(item, now) is None


def banner_text(reason: str, when: dt.datetime | None = None) -> str:
    """The explanation under the banner, in Vietnamese."""
    text = REASONS.get(reason, REASONS["draft"])
    return text.format(when=when.strftime("%H:%M ngày %d/%m/%Y") if when else "")
