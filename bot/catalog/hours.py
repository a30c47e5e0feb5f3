"""Opening hours in one place: day keys, parsing text, the spreadsheet cell, and "open when?" in Bangkok time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")  # every venue is in Thailand: one zone, no daylight saving
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_SPEC = re.compile(r"^[a-z]{3}(-[a-z]{3})?(,[a-z]{3}(-[a-z]{3})?)*$")
THAI_DAYS = {"จันทร์": "mon", "อังคาร": "tue", "พุธ": "wed", "พฤหัสบดี": "thu", "พฤหัส": "thu",
             "ศุกร์": "fri", "เสาร์": "sat", "อาทิตย์": "sun"}
EN_DAYS = {"monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
           "saturday": "sat", "sunday": "sun", **{d: d for d in DAYS}}
EVERY_DAY = ("ทุกวัน", "daily", "every day")
_DASH = r"\s*(?:[-–—]|ถึง)\s*"
_SEGMENT = re.compile(rf"^(?:วัน)?(?P<days>.+?)\s+(?P<open>\d{{1,2}}[:.]\d{{2}}){_DASH}"
                      rf"(?P<close>\d{{1,2}}[:.]\d{{2}})(?:\s*น\.)?\s*(?P<rest>.*)$")


class Rule(Protocol):
    """One opening-hours rule as the content models hold it: days "tue-sun", open "10:00", close "18:00"."""

    @property
    def days(self) -> str: ...
    @property
    def open(self) -> str: ...
    @property
    def close(self) -> str: ...


def expand_days(spec: str) -> list[str]:
    """Turn "tue-sun" or "sat,sun" into the list of day keys; raise ValueError when malformed."""
    if not _DAY_SPEC.match(spec):
        raise ValueError(f'ช่วงวัน "{spec}" ไม่ถูกต้อง ต้องเขียนแบบ "tue-sun" หรือ "sat,sun" '
                         f"(bad day range; days are {', '.join(DAYS)})")
    days: list[str] = []
    for part in spec.split(","):
        start, _, end = part.partition("-")
        for day in (start, end or start):
            if day not in DAYS:
                raise ValueError(f'ไม่รู้จักวัน "{day}" ใช้ได้เฉพาะ {", ".join(DAYS)} (unknown day)')
        i, j = DAYS.index(start), DAYS.index(end or start)
        span = DAYS[i : j + 1] if i <= j else DAYS[i:] + DAYS[: j + 1]
        days.extend(d for d in span if d not in days)
    return days


def open_days(rules: Iterable[Rule]) -> set[str]:
    """Days of the week on which there are opening hours."""
    return {day for rule in rules for day in expand_days(rule.days)}


def day_key(when: datetime) -> str:
    """The day key ("mon"…"sun") of a moment, in Bangkok time."""
    return DAYS[in_bangkok(when).weekday()]


def in_bangkok(when: datetime) -> datetime:
    """The same moment on Bangkok's clock (a naive datetime is taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    return when.astimezone(BANGKOK)


def hours_on(rules: Sequence[Rule], day: str) -> list[tuple[str, str]]:
    """The (open, close) spans of one day key."""
    return [(rule.open, rule.close) for rule in rules if day in expand_days(rule.days)]


def is_open_at(rules: Sequence[Rule], when: datetime) -> bool | None:
    """Open at that moment (Bangkok time)? None when there are no hours to tell."""
    if not rules:
        return None
    local = in_bangkok(when)
    now = local.time()
    return any(time.fromisoformat(start) <= now < time.fromisoformat(end)
               for start, end in hours_on(rules, DAYS[local.weekday()]))


def describe(rules: Sequence[Rule], day_names: dict[str, str]) -> list[str]:
    """Each rule as readable text, e.g. "อ.–อา. 10:00–18:00", with the caller's day names."""
    parts = []
    for rule in rules:
        days = []
        for part in rule.days.split(","):
            start, _, end = part.partition("-")
            days.append(f"{day_names[start]}–{day_names[end]}" if end else day_names[start])
        parts.append(f"{', '.join(days)} {rule.open}–{rule.close}")
    return parts


def parse_hours(text: str) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """'อังคาร–อาทิตย์ 09:00–19:00 (ปิดวันจันทร์)' or 'tue-sun 09:00-19:00' → (hours, notes, unreadable)."""
    notes = [n.strip() for n in re.findall(r"\(([^()]*)\)", text) if n.strip()]
    hours: list[dict[str, str]] = []
    unreadable: list[str] = []
    for segment in re.split(r"\s*[;|]\s*", re.sub(r"\([^()]*\)", " ", text)):
        segment = re.sub(r"\s+", " ", segment).strip()
        match = _SEGMENT.match(segment)
        if not segment:
            continue
        if match is None:
            (unreadable if re.search(r"\d", segment) else notes).append(segment)
            continue
        hours.append({"days": _day_spec(match["days"]), "open": _hhmm(match["open"]), "close": _hhmm(match["close"])})
        if match["rest"]:
            notes.append(match["rest"])
    return hours, notes, unreadable


def hours_cell(rules: Iterable[Rule]) -> str:
    """Opening hours as the spreadsheet's `hours` cell, e.g. 'tue-sun 09:00-19:00|sat 10:00-12:00'."""
    return "|".join(f"{h.days} {h.open}-{h.close}" for h in rules)


def _day_spec(text: str) -> str:
    if text.strip().lower() in EVERY_DAY:
        return "mon-sun"
    parts = []
    for part in re.split(r"\s*,\s*", text.strip()):
        ends = [e.strip() for e in re.split(_DASH, part, maxsplit=1)]
        parts.append("-".join(THAI_DAYS.get(e, EN_DAYS.get(e.lower(), e.lower())) for e in ends))
    return ",".join(parts)


def _hhmm(text: str) -> str:
    hour, minute = re.split(r"[:.]", text)
    return f"{int(hour):02d}:{minute}"


def closed_days(rules: Sequence[Rule]) -> list[str]:
    """Day keys with no opening hours, in week order (empty when there are no hours at all)."""
    if not rules:
        return []
    days = open_days(rules)
    return [day for day in DAYS if day not in days]


def closing_time(rules: Sequence[Rule], when: datetime) -> str | None:
    """The closing time of the span open at that moment (Bangkok time), if any."""
    local = in_bangkok(when)
    now = local.time()
    for start, end in hours_on(rules, DAYS[local.weekday()]):
        if time.fromisoformat(start) <= now < time.fromisoformat(end):
            return end
    return None
