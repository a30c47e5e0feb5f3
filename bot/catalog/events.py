"""Events (content/events/*.yaml): the model, simple recurrence, occurrences in a date range, and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from bot.catalog.hours import BANGKOK, DAYS, expand_days
from bot.catalog.models import MAX_NAME, Name, _Strict, check_link
from bot.catalog.places import Places
from bot.catalog.problems import ContentProblem, Located, did_you_mean

_WHEN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})[:.](\d{2}))?$")
LOOKAHEAD_DAYS = 400  # "what's on" without dates looks this far ahead
NATIONWIDE = "ทั่วประเทศ"


def _when(value: Any) -> date | datetime:
    """A date, or a date-time in Bangkok time (naive), from YAML or a spreadsheet cell."""
    if isinstance(value, datetime):
        return value.astimezone(BANGKOK).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    match = _WHEN.match(str(value).strip())
    if not match:
        raise ValueError(f'"{value}" ไม่ใช่วันที่แบบ 2027-01-09 หรือ 2027-01-09 09:30 (ค.ศ.) '
                         f"(date must be YYYY-MM-DD or YYYY-MM-DD HH:MM, Christian era)")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if year > 2400:
        raise ValueError(f"ปี {year} เป็น พ.ศ. ให้เขียนเป็น ค.ศ. ({year - 543}) (write the year in the Christian era)")
    try:
        if match[4] is None:
            return date(year, month, day)
        return datetime(year, month, day, int(match[4]), int(match[5]))
    except ValueError as exc:
        raise ValueError(f'ไม่มีวันที่ "{value}" (no such date): {exc}') from None


class Repeat(_Strict):
    """Simple recurrence: weekly on `days`, or yearly on `month`/`day` or on the `nth` `weekday` of `month`."""

    every: Literal["week", "year"]
    days: str | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    nth: int | None = Field(default=None, ge=-1, le=5)
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] | None = None
    until: date | None = None

    @field_validator("days")
    @classmethod
    def _days(cls, value: str | None) -> str | None:
        if value is not None:
            expand_days(value)
        return value

    @field_validator("until", mode="before")
    @classmethod
    def _until(cls, value: Any) -> Any:
        return None if value is None else _when(value)

    @model_validator(mode="after")
    def _shape(self) -> Repeat:
        if self.every == "week" and (not self.days or self.month or self.day or self.nth or self.weekday):
            raise ValueError('ทุกสัปดาห์ต้องระบุ days เช่น "sat,sun" อย่างเดียว (every: week needs only days)')
        if self.every == "year":
            by_date = self.month is not None and self.day is not None and self.nth is None and self.weekday is None
            by_nth = self.month is not None and self.nth not in (None, 0) and self.weekday is not None \
                and self.day is None
            if self.days or not (by_date or by_nth):
                raise ValueError("ทุกปีต้องระบุ month กับ day หรือ month, nth และ weekday "
                                 "(every: year needs month and day, or month, nth and weekday)")
        return self

    def dates(self, first: date, start: date, end: date) -> list[date]:
        """The start dates from `first` on, between `start` and `end` inclusive, and not after `until`."""
        last = min(end, self.until) if self.until else end
        start = max(start, first)
        if self.every == "week":
            wanted = {DAYS.index(d) for d in expand_days(self.days or "")}
            return [start + timedelta(n) for n in range((last - start).days + 1)
                    if (start + timedelta(n)).weekday() in wanted]
        found = []
        for year in range(start.year, last.year + 1):
            day = self._in_year(year)
            if day is not None and start <= day <= last:
                found.append(day)
        return found

    def _in_year(self, year: int) -> date | None:
        assert self.month is not None
        if self.day is not None:
            try:
                return date(year, self.month, self.day)
            except ValueError:  # 29 February in a common year
                return None
        assert self.nth is not None and self.weekday is not None
        weekday = DAYS.index(self.weekday)
        if self.nth > 0:
            first = date(year, self.month, 1)
            day = first + timedelta((weekday - first.weekday()) % 7 + 7 * (self.nth - 1))
        else:
            following = date(year + self.month // 12, self.month % 12 + 1, 1)
            last = following - timedelta(1)
            day = last - timedelta((last.weekday() - weekday) % 7)
        return day if day.month == self.month else None


class Event(_Strict):
    """An event as officers write it in content/events/<name>.yaml."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
    title_th: Name = Field(min_length=1, max_length=MAX_NAME)
    title_en: Name | None = Field(default=None, max_length=MAX_NAME)
    venue: str | None = None
    province_th: str | None = None
    district_th: str | None = None
    address_th: str | None = Field(default=None, max_length=300)
    start: date | datetime
    end: date | datetime | None = None
    repeat: Repeat | None = None
    topics: list[str] = Field(default_factory=list)
    audience: list[str] = Field(default_factory=list)
    free: bool | None = None
    fee_th: str | None = Field(default=None, max_length=100)
    booking: str | None = None
    image: str | None = None
    description_th: str | None = Field(default=None, max_length=1000)
    description_en: str | None = Field(default=None, max_length=1000)
    sources: list[str] = Field(min_length=1)
    note: str | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        return None if value is None else _when(value)

    @field_validator("booking", "image")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        return check_link(value, ("https",))

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.venue is None and self.province_th is None:
            raise ValueError(f'ต้องมี venue (รหัสสถานที่) หรือ province_th (จังหวัด หรือ "{NATIONWIDE}") '
                             f"(an event needs a venue or a province)")
        if self.free and self.fee_th:
            raise ValueError("ระบุ free: true หรือ fee_th อย่างใดอย่างหนึ่ง (free or a fee, not both)")
        return self

    @property
    def backwards(self) -> bool:
        """True when the end is before the start (reported by check_events at the end's line)."""
        return self.end is not None and _as_datetime(self.end, end=True) < _as_datetime(self.start)

    @property
    def all_day(self) -> bool:
        """True when start is a date without a time."""
        return not isinstance(self.start, datetime)

    @property
    def length(self) -> timedelta:
        """How long one occurrence lasts, from its start to its end."""
        return _as_datetime(self.end or self.start, end=True) - _as_datetime(self.start)


def _as_datetime(value: date | datetime, end: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(23, 59) if end else time(0, 0))


@dataclass(frozen=True)
class Occurrence:
    """One showing of an event: naive Bangkok start and end."""

    event: Event
    start: datetime
    end: datetime

    @property
    def all_day(self) -> bool:
        """True when the event has no clock time."""
        return self.event.all_day


def occurrences(event: Event, first_day: date, last_day: date) -> list[Occurrence]:
    """Every occurrence of `event` that overlaps the days `first_day`..`last_day` (Bangkok)."""
    start = _as_datetime(event.start)
    length = max(event.length, timedelta(0))
    if event.repeat is None:
        starts = [start]
    else:
        lead = timedelta(days=length.days + 1)  # an occurrence that began before first_day may still run
        days = event.repeat.dates(start.date(), first_day - lead, last_day)
        starts = [datetime.combine(day, start.time()) for day in days]
    window_start, window_end = _as_datetime(first_day), _as_datetime(last_day, end=True)
    return [Occurrence(event, s, s + length) for s in starts if s <= window_end and s + length >= window_start]


def upcoming(events: tuple[Event, ...] | list[Event], now: datetime, first_day: date | None = None,
             last_day: date | None = None) -> list[Occurrence]:
    """Occurrences not yet over at `now` (aware, or naive Bangkok) within the days, soonest first, one per event."""
    now = now.astimezone(BANGKOK).replace(tzinfo=None) if now.tzinfo else now
    first_day = max(first_day or now.date(), now.date())
    last_day = last_day or now.date() + timedelta(days=LOOKAHEAD_DAYS)
    found: list[Occurrence] = []
    for event in events:
        running = [o for o in occurrences(event, first_day, last_day) if o.end >= now]
        if running:
            found.append(min(running, key=lambda o: o.start))
    return sorted(found, key=lambda o: (o.start, o.event.id))


def check_events(events: dict[str, Located], venue_ids: set[str], places: Places | None) -> list[ContentProblem]:
    """Unknown venues and provinces, an end before the start (errors); no address without a venue (warning)."""
    problems: list[ContentProblem] = []
    names = [p.name_th for p in places.provinces] if places else []
    for entry in events.values():
        event: Event = entry.item
        if event.venue is not None and event.venue not in venue_ids:
            problems.append(entry.problem(("venue",), f'ไม่รู้จักสถานที่ "{event.venue}" (unknown venue id)'
                                                      f"{did_you_mean(event.venue, venue_ids)}"))
        if event.backwards:
            problems.append(entry.problem(("end",), f"วันสิ้นสุด {event.end} อยู่ก่อนวันเริ่ม {event.start} "
                                                    f"(end is before start)"))
        province = event.province_th
        if places is not None and province and province != NATIONWIDE and places.province(province) is None:
            problems.append(entry.problem(("province_th",), f'ไม่รู้จักจังหวัด "{province}" (unknown province)'
                                                            f"{did_you_mean(province, names)}"))
        if event.venue is None and province and province != NATIONWIDE and not event.address_th:
            problems.append(entry.problem(("address_th",), "กิจกรรมที่ไม่มี venue ควรมีที่อยู่ address_th "
                                                           "(no venue: give an address)", "warning"))
    return problems
