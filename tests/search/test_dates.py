"""Date words resolved at a fixed `now` (Asia/Bangkok): Thai and English, year boundary, Buddhist era, ranges."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.search.clock import clock_time
from bot.search.dates import find_dates

SATURDAY = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)  # 10:00 on Saturday 5 Dec 2026 in Bangkok
SUNDAY_LATE = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)  # 23:30 Sunday 6 Dec in Bangkok (16:30 UTC)
WEDNESDAY_YEAR_END = datetime(2026, 12, 30, 2, 0, tzinfo=UTC)  # 09:00 Wednesday 30 Dec 2026 in Bangkok
NEW_YEARS_EVE = datetime(2026, 12, 31, 16, 59, tzinfo=UTC)  # 23:59 Thursday 31 Dec 2026 in Bangkok
D = date


@pytest.mark.parametrize(("text", "now", "start", "end"), [
    # relative days
    ("วันนี้", SATURDAY, D(2026, 12, 5), D(2026, 12, 5)),
    ("พรุ่งนี้", SATURDAY, D(2026, 12, 6), D(2026, 12, 6)),
    ("พรุ่งนี้", SUNDAY_LATE, D(2026, 12, 7), D(2026, 12, 7)),
    ("มะรืน", SATURDAY, D(2026, 12, 7), D(2026, 12, 7)),
    ("มีงานอะไรมะรืนนี้", SATURDAY, D(2026, 12, 7), D(2026, 12, 7)),
    ("พรุ่งนี้", NEW_YEARS_EVE, D(2027, 1, 1), D(2027, 1, 1)),
    ("อีก ๓ วัน", SATURDAY, D(2026, 12, 8), D(2026, 12, 8)),
    # weekdays: "this Saturday" on a Saturday is today, on a Sunday the coming one
    ("กิจกรรมเสาร์นี้", SATURDAY, D(2026, 12, 5), D(2026, 12, 5)),
    ("เสาร์นี้", SUNDAY_LATE, D(2026, 12, 12), D(2026, 12, 12)),
    ("วันเสาร์หน้า", SATURDAY, D(2026, 12, 12), D(2026, 12, 12)),
    ("วันอาทิตย์นี้", SATURDAY, D(2026, 12, 6), D(2026, 12, 6)),
    ("วันอาทิตย์หน้า", SATURDAY, D(2026, 12, 13), D(2026, 12, 13)),
    ("วันพฤหัสนี้", SATURDAY, D(2026, 12, 10), D(2026, 12, 10)),
    ("เปิดวันจันทร์ไหม", SATURDAY, D(2026, 12, 7), D(2026, 12, 7)),
    # weeks and weekends ("อาทิตย์หน้า" alone is next week)
    ("อาทิตย์หน้า", SATURDAY, D(2026, 12, 7), D(2026, 12, 13)),
    ("สัปดาห์หน้า", SATURDAY, D(2026, 12, 7), D(2026, 12, 13)),
    ("สัปดาห์หน้า", WEDNESDAY_YEAR_END, D(2027, 1, 4), D(2027, 1, 10)),
    ("สัปดาห์นี้", SATURDAY, D(2026, 12, 5), D(2026, 12, 6)),
    ("สุดสัปดาห์นี้", SATURDAY, D(2026, 12, 5), D(2026, 12, 6)),
    ("สุดสัปดาห์นี้", SUNDAY_LATE, D(2026, 12, 6), D(2026, 12, 6)),
    ("เสาร์อาทิตย์หน้า", SATURDAY, D(2026, 12, 12), D(2026, 12, 13)),
    # months and years
    ("กิจกรรมเดือนนี้", SATURDAY, D(2026, 12, 5), D(2026, 12, 31)),
    ("เดือนหน้า", SATURDAY, D(2027, 1, 1), D(2027, 1, 31)),
    ("เดือนมกราคม", SATURDAY, D(2027, 1, 1), D(2027, 1, 31)),
    ("ธันวาคม", SATURDAY, D(2026, 12, 5), D(2026, 12, 31)),
    ("ม.ค. 70", SATURDAY, D(2027, 1, 1), D(2027, 1, 31)),
    ("ปีหน้า", SATURDAY, D(2027, 1, 1), D(2027, 12, 31)),
    # explicit dates, Buddhist-era years, Thai digits
    ("25 ธ.ค.", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("25 ธันวาคม 2569", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("25 ธันวาคม พ.ศ. 2570", SATURDAY, D(2027, 12, 25), D(2027, 12, 25)),
    ("25 ธ.ค. 69", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("๒๕ ธ.ค.", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("๒๕ ธ.ค. ๒๕๖๙", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("3 ธ.ค.", SATURDAY, D(2027, 12, 3), D(2027, 12, 3)),  # already past: the next time it comes round
    ("วันที่ 5", SATURDAY, D(2026, 12, 5), D(2026, 12, 5)),
    ("วันที่ ๑๐", SATURDAY, D(2026, 12, 10), D(2026, 12, 10)),
    ("วันที่ 2", SATURDAY, D(2027, 1, 2), D(2027, 1, 2)),
    ("2026-12-24", SATURDAY, D(2026, 12, 24), D(2026, 12, 24)),
    # ranges
    ("1–7 ม.ค.", SATURDAY, D(2027, 1, 1), D(2027, 1, 7)),
    ("1-7 มกราคม 2570", SATURDAY, D(2027, 1, 1), D(2027, 1, 7)),
    ("๑ ถึง ๗ ม.ค.", SATURDAY, D(2027, 1, 1), D(2027, 1, 7)),
    ("30 ธ.ค. - 2 ม.ค.", SATURDAY, D(2026, 12, 30), D(2027, 1, 2)),
    # English
    ("today", SATURDAY, D(2026, 12, 5), D(2026, 12, 5)),
    ("tomorrow", SUNDAY_LATE, D(2026, 12, 7), D(2026, 12, 7)),
    ("this Saturday", SATURDAY, D(2026, 12, 5), D(2026, 12, 5)),
    ("this Saturday", SUNDAY_LATE, D(2026, 12, 12), D(2026, 12, 12)),
    ("events this weekend in Bangkok", SATURDAY, D(2026, 12, 5), D(2026, 12, 6)),
    ("this weekend", WEDNESDAY_YEAR_END, D(2027, 1, 2), D(2027, 1, 3)),
    ("next week", SATURDAY, D(2026, 12, 7), D(2026, 12, 13)),
    ("next month", SATURDAY, D(2027, 1, 1), D(2027, 1, 31)),
    ("Dec 25", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("25 December 2026", SATURDAY, D(2026, 12, 25), D(2026, 12, 25)),
    ("December 25, 2027", SATURDAY, D(2027, 12, 25), D(2027, 12, 25)),
    ("January 1-7", SATURDAY, D(2027, 1, 1), D(2027, 1, 7)),
    ("on the 10th", SATURDAY, D(2026, 12, 10), D(2026, 12, 10)),
    ("in 3 days", SATURDAY, D(2026, 12, 8), D(2026, 12, 8)),
])
def test_date_words(text: str, now: datetime, start: date, end: date) -> None:
    found, _ = find_dates(text, now)
    assert found is not None, text
    assert (found.start, found.end) == (start, end), found


def test_the_date_words_are_cut_from_the_rest() -> None:
    found, rest = find_dates("กิจกรรมเสาร์นี้ที่ขอนแก่น", SATURDAY)
    assert found is not None and found.words == "เสาร์นี้" and rest == "กิจกรรม ที่ขอนแก่น"


@pytest.mark.parametrize("text", ["หอดูดาวโคราช", "may I visit", "ห้องสมุด 24 ชั่วโมง", "30 ก.พ."])
def test_no_date_words_leave_the_text_alone(text: str) -> None:
    assert find_dates(text, SATURDAY) == (None, text)


@pytest.mark.parametrize(("words", "expected"), [
    ("แปดโมง", time(8, 0)),  # PyThaiNLP alone says 20:00
    ("เก้าโมง", time(9, 0)),
    ("สิบโมงครึ่ง", time(10, 30)),
    ("แปดโมงเช้า", time(8, 0)),
    ("บ่ายสองโมง", time(14, 0)),
    ("สี่โมงเย็น", time(16, 0)),
    ("หกโมงเย็น", time(18, 0)),
    ("สองทุ่ม", time(20, 0)),
    ("เที่ยง", time(12, 0)),
    ("ตีสาม", time(3, 0)),
    ("9 โมง", time(9, 0)),
    ("๙ โมงเช้า", time(9, 0)),
    ("3 โมง", time(15, 0)),
    ("09:30", time(9, 30)),
    ("9.30 น.", time(9, 30)),
    ("กล้วย", None),
    ("25:00", None),
])
def test_clock_words(words: str, expected: time | None) -> None:
    assert clock_time(words) == expected
