"""Date words resolved at a fixed `now` (Asia/Bangkok): the table grows with the events issue."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.search.dates import find_dates

SATURDAY = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)  # 10:00 on Saturday 5 Dec 2026 in Bangkok
SUNDAY_LATE = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)  # 23:30 Sunday 6 Dec in Bangkok (16:30 UTC)


@pytest.mark.parametrize(("text", "now", "start", "end"), [
    ("กิจกรรมเสาร์นี้", SATURDAY, date(2026, 12, 5), date(2026, 12, 5)),
    ("เสาร์นี้", SUNDAY_LATE, date(2026, 12, 12), date(2026, 12, 12)),
    ("พรุ่งนี้", SUNDAY_LATE, date(2026, 12, 7), date(2026, 12, 7)),
    ("สัปดาห์หน้า", SATURDAY, date(2026, 12, 7), date(2026, 12, 13)),
    ("25 ธ.ค.", SATURDAY, date(2026, 12, 25), date(2026, 12, 25)),
    ("25 ธันวาคม 2569", SATURDAY, date(2026, 12, 25), date(2026, 12, 25)),
    ("1–7 ม.ค.", SATURDAY, date(2027, 1, 1), date(2027, 1, 7)),
    ("๒๕ ธ.ค.", SATURDAY, date(2026, 12, 25), date(2026, 12, 25)),
    ("เดือนหน้า", SATURDAY, date(2027, 1, 1), date(2027, 1, 31)),
    ("events this weekend in Bangkok", SATURDAY, date(2026, 12, 5), date(2026, 12, 6)),
    ("เปิดวันจันทร์ไหม", SATURDAY, date(2026, 12, 7), date(2026, 12, 7)),
])
def test_date_words(text: str, now: datetime, start: date, end: date) -> None:
    found, _ = find_dates(text, now)
    assert found is not None and (found.start, found.end) == (start, end)


def test_the_date_words_are_cut_from_the_rest() -> None:
    found, rest = find_dates("กิจกรรมเสาร์นี้ที่ขอนแก่น", SATURDAY)
    assert found is not None and found.words == "เสาร์นี้" and rest == "กิจกรรม ที่ขอนแก่น"


def test_no_date_words_leave_the_text_alone() -> None:
    assert find_dates("หอดูดาวโคราช", SATURDAY) == (None, "หอดูดาวโคราช")
