"""dvk.model.visibility with a fixed “now”: drafts, scheduled posts, pages with future dates."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dvk.model.visibility import banner_text, entry_reason, hidden_reason, is_public

NOW = dt.datetime(2025, 3, 10, 9, 0)          # Vietnam time, naive


def post(date, status="published"):
    return {"title": "Bản tin", "date": date, "status": status}


def page(date, status="published"):
    return {"title": "Giới thiệu", "date": date, "status": status, "number": None}


def test_a_post_dated_later_than_now_is_scheduled():
    assert hidden_reason(post("2025-03-10 09:01"), NOW) == "future"
    assert hidden_reason(post("2026-01-01 00:00"), NOW) == "future"
    assert not is_public(post("2025-03-10 09:01"), NOW)


def test_a_post_dated_now_or_earlier_is_public():
    assert hidden_reason(post("2025-03-10 09:00"), NOW) is None
    assert hidden_reason(post("2025-03-10 08:59"), NOW) is None
    assert is_public(post("2019-07-30 07:30"), NOW)


def test_a_post_with_a_date_only_counts_from_midnight():
    assert hidden_reason(post("2025-03-11"), NOW) == "future"
    assert hidden_reason(post("2025-03-10"), NOW) is None


def test_an_aware_now_is_read_in_vietnam_time():
    utc_now = dt.datetime(2025, 3, 10, 2, 0, tzinfo=ZoneInfo("UTC"))       # 09:00 in Vietnam
    assert entry_reason("published", dt.datetime(2025, 3, 10, 9, 30), True, utc_now) == "future"
    assert entry_reason("published", dt.datetime(2025, 3, 10, 8, 30), True, utc_now) is None
    aware_post = dt.datetime(2025, 3, 10, 1, 30, tzinfo=ZoneInfo("UTC"))   # 08:30 in Vietnam
    assert entry_reason("published", aware_post, True, NOW) is None


def test_a_draft_is_hidden_whatever_its_date():
    assert hidden_reason(post("2020-01-01 08:00", "draft"), NOW) == "draft"
    assert hidden_reason(post("2030-01-01 08:00", "Draft"), NOW) == "draft"
    assert hidden_reason(page("2020-01-01", "draft"), NOW) == "draft"


def test_a_page_or_document_with_a_future_date_stays_public():
    assert hidden_reason(page("2030-01-01"), NOW) is None
    assert entry_reason("published", dt.datetime(2030, 1, 1), False, NOW) is None
    assert entry_reason("published", dt.datetime(2030, 1, 1), True, NOW) == "future"


def test_a_record_is_hidden_only_by_draft_true():
    assert hidden_reason({"name": "Mẹ đỡ đầu", "draft": True}, NOW) == "draft-record"
    assert hidden_reason({"name": "Mẹ đỡ đầu", "draft": False, "status": "recognized"}, NOW) is None


def test_the_banner_says_when_a_scheduled_post_appears():
    assert banner_text("future", dt.datetime(2025, 3, 11, 7, 5)) == (
        "Hẹn giờ đăng 07:05 ngày 11/03/2025: trang công khai chỉ có bài này từ thời điểm đó.")
    assert banner_text("draft").startswith("Bản nháp (status: draft)")
