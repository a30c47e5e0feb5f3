"""Thai and English date words → a date range, resolved against the `now` given to the core (Asia/Bangkok)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.catalog.hours import in_bangkok

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
WEEKDAYS = {  # longest first so "พฤหัสบดี" wins over "พฤหัส"
    "พฤหัสบดี": 3, "พฤหัส": 3, "จันทร์": 0, "อังคาร": 1, "พุธ": 2, "ศุกร์": 4, "เสาร์": 5, "อาทิตย์": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}
MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6, "กรกฎาคม": 7,
    "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9,
    "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
# A month on its own ("เดือนมกราคม", "ธ.ค. 69", "January") means the whole month; "may"/"mar" are too common.
_FULL_MONTH = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True)
                       if not m.isascii() or (len(m) > 3 and m != "may"))
_YEAR = r"(?:พ\.ศ\.|ค\.ศ\.)?\s*(\d{4}|\d{2})(?!\d)"
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:[-–—]|ถึง|to)?\s*(?:(\d{{1,2}})\s*)?({_MONTH})(?![a-z])"
                        rf"(?:\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(\d{{4}}|\d{{2}})(?!\d))?", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"(?<![a-z])({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–—]\s*(\d{{1,2}}))?(?!\d)"
                        rf"(?:,?\s*(\d{{4}}))?", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY_ONLY = re.compile(r"วันที่\s*(\d{1,2})(?!\d|\s*(?:" + _MONTH + "))")
_WEEKDAY = re.compile(r"(?:วัน)?(" + "|".join(sorted((w for w in WEEKDAYS if not w.isascii()), key=len, reverse=True))
                      + r")(นี้|หน้า)?|(?:(this|next|on)\s+)?\b(" + "|".join(w for w in WEEKDAYS if w.isascii())
                      + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateRange:
    """Inclusive dates a question is about, and the words that said so."""

    start: date
    end: date
    words: str

    def days(self) -> list[date]:
        """Every date in the range."""
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


# (pattern, resolver(today) -> (start, end)); checked in order, first match wins.
def _week(today: date, offset: int) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
    return (max(monday, today), monday + timedelta(days=6))


def _weekend(today: date, offset: int) -> tuple[date, date]:
    saturday = today + timedelta(days=(5 - today.weekday()) % 7) if today.weekday() != 6 else today - timedelta(days=1)
    saturday += timedelta(weeks=offset)
    return (max(saturday, today), saturday + timedelta(days=1))


def _month(today: date, offset: int) -> tuple[date, date]:
    year, month = today.year + (today.month - 1 + offset) // 12, (today.month - 1 + offset) % 12 + 1
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return (max(first, today), following - timedelta(days=1))


def _year_range(today: date, offset: int) -> tuple[date, date]:
    year = today.year + offset
    return (max(date(year, 1, 1), today), date(year, 12, 31))


def _days_ahead(today: date, count: int) -> tuple[date, date]:
    return (today + timedelta(count), today + timedelta(count))


# "อาทิตย์นี้/หน้า" alone is a week; "วันอาทิตย์นี้/หน้า" is the Sunday (left to the weekday finder).
_NOT_DAY = r"(?<!วัน)"
RELATIVE: list[tuple[re.Pattern[str], Callable[[date], tuple[date, date]]]] = [
    (re.compile(r"มะรืน(?:นี้)?|day after tomorrow", re.I), lambda d: _days_ahead(d, 2)),
    (re.compile(r"พรุ่งนี้|พรุ่งนี่|tomorrow", re.I), lambda d: _days_ahead(d, 1)),
    (re.compile(r"เมื่อวาน|yesterday", re.I), lambda d: _days_ahead(d, -1)),
    (re.compile(r"วันนี้|คืนนี้|ตอนนี้|today|tonight", re.I), lambda d: (d, d)),
    (re.compile(r"(?:สุดสัปดาห์|เสาร์อาทิตย์|เสาร์-อาทิตย์)หน้า|next weekend", re.I), lambda d: _weekend(d, 1)),
    (re.compile(r"สุดสัปดาห์(?:นี้)?|เสาร์อาทิตย์(?:นี้)?|เสาร์-อาทิตย์(?:นี้)?|(?:this )?weekend", re.I),
     lambda d: _weekend(d, 0)),
    (re.compile(_NOT_DAY + r"(?:สัปดาห์|อาทิตย์)หน้า|next week\b", re.I), lambda d: _week(d, 1)),
    (re.compile(_NOT_DAY + r"(?:สัปดาห์|อาทิตย์)นี้|this week\b", re.I), lambda d: _week(d, 0)),
    (re.compile(r"เดือนหน้า|next month", re.I), lambda d: _month(d, 1)),
    (re.compile(r"เดือนนี้|this month", re.I), lambda d: _month(d, 0)),
    (re.compile(r"ปีหน้า|next year", re.I), lambda d: _year_range(d, 1)),
    (re.compile(r"ปีนี้|this year", re.I), lambda d: _year_range(d, 0)),
]
_IN_DAYS = re.compile(r"(?:อีก\s*(\d{1,3})\s*วัน(?:ข้างหน้า)?|in\s+(\d{1,3})\s+days?)", re.I)
_SPAN = re.compile(rf"(?<!\d)(\d{{1,2}})\s*({_MONTH})(?![a-z])\s*(?:{_YEAR})?\s*(?:[-–—]|ถึง|to|until)\s*"
                   rf"(\d{{1,2}})\s*({_MONTH})(?![a-z])(?:\s*{_YEAR})?", re.IGNORECASE)
_MONTH_ONLY = re.compile(rf"(?:เดือน\s*)?(?<![a-z.\d])(?<!\d\s)({_FULL_MONTH})(?![a-z])(?:\s*{_YEAR})?", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)


def find_dates(text: str, now: datetime) -> tuple[DateRange | None, str]:
    """The first date expression in `text` resolved against `now` (Bangkok), and the text without it."""
    text = text.translate(THAI_DIGITS)
    today = in_bangkok(now).date()
    for pattern, resolve in RELATIVE:
        match = pattern.search(text)
        if match:
            start, end = resolve(today)
            return DateRange(start, end, match[0]), _cut(text, match)
    match = _IN_DAYS.search(text)
    if match:
        start, end = _days_ahead(today, int(match[1] or match[2]))
        return DateRange(start, end, match[0]), _cut(text, match)
    for finder in (_span, _explicit, _month_only, _weekday, _day_only):
        found = finder(text, today)
        if found is not None:
            return found
    return None, text


def _cut(text: str, match: re.Match[str]) -> str:
    return (text[: match.start()] + " " + text[match.end() :]).strip()


def _year(raw: str | None, today: date, month: int, day: int) -> int:
    if raw is None:  # no year: the next time that date comes round
        return today.year if (month, day) >= (today.month, today.day) else today.year + 1
    year = int(raw)
    if year < 100:
        year += 2500 if year > 40 else 2000  # "69" is BE 2569; "26" is CE 2026
    return year - 543 if year > 2400 else year


def _explicit(text: str, today: date) -> tuple[DateRange, str] | None:
    iso = _ISO.search(text)
    if iso:
        try:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
        return DateRange(day, day, iso[0]), _cut(text, iso)
    match = _DAY_MONTH.search(text)
    if match:
        first, last, month = int(match[1]), int(match[2]) if match[2] else None, MONTHS[match[3].lower()]
        year = _year(match[4], today, month, last or first)
        try:
            start, end = date(year, month, first), date(year, month, last or first)
        except ValueError:
            return None
        return DateRange(start, max(start, end), match[0].strip()), _cut(text, match)
    match = _MONTH_DAY.search(text)
    if match:
        month, first = MONTHS[match[1].lower()], int(match[2])
        last = int(match[3]) if match[3] else first
        year = _year(match[4], today, month, last)
        try:
            start, end = date(year, month, first), date(year, month, last)
        except ValueError:
            return None
        return DateRange(start, max(start, end), match[0]), _cut(text, match)
    return None


def _span(text: str, today: date) -> tuple[DateRange, str] | None:
    """"30 ธ.ค. – 2 ม.ค.": a range across months (the end year follows the start)."""
    match = _SPAN.search(text)
    if not match:
        return None
    first_month, last_month = MONTHS[match[2].lower()], MONTHS[match[5].lower()]
    year = _year(match[3] or match[6], today, first_month, int(match[1]))
    try:
        start = date(year, first_month, int(match[1]))
        end = date(year + (last_month < first_month), last_month, int(match[4]))
    except ValueError:
        return None
    return DateRange(start, max(start, end), match[0].strip()), _cut(text, match)


def _month_only(text: str, today: date) -> tuple[DateRange, str] | None:
    match = _MONTH_ONLY.search(text)
    if not match:
        return None
    month = MONTHS[match[1].lower()]
    # without a year: the month this year, or next year's when it is over
    this_or_next = today.year if month >= today.month else today.year + 1
    year = _year(match[2], today, month, 1) if match[2] else this_or_next
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(1)
    start = today if first <= today <= last else first
    return DateRange(start, last, match[0].strip()), _cut(text, match)


def _weekday(text: str, today: date) -> tuple[DateRange, str] | None:
    match = _WEEKDAY.search(text)
    if not match:
        return None
    name = (match[1] or match[4]).lower()
    ahead = (WEEKDAYS[name] - today.weekday()) % 7
    if (match[2] == "หน้า" or (match[3] or "").lower() == "next") and ahead < 7:
        ahead += 7
    day = today + timedelta(days=ahead)
    return DateRange(day, day, match[0]), _cut(text, match)


def _day_only(text: str, today: date) -> tuple[DateRange, str] | None:
    match = _DAY_ONLY.search(text) or _ORDINAL_DAY.search(text)
    if not match:
        return None
    day_of_month = int(match[1])
    year, month = today.year, today.month
    if day_of_month < today.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        day = date(year, month, day_of_month)
    except ValueError:
        return None
    return DateRange(day, day, match[0]), _cut(text, match)
