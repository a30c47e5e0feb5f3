"""Hours and phone numbers whose source is old or of unknown year: warnings telling officers what to verify."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.catalog.models import Venue
from bot.catalog.problems import ContentProblem, Located

# A `sources` entry that dates a fact: 'hours: <url or text> (2019)' or 'phone: … (year unknown)'.
DATED = re.compile(r"^(hours|phone)\s*:.*\((\d{4}|year unknown)\)\s*$", re.IGNORECASE)
UNKNOWN = "year unknown"


@dataclass(frozen=True)
class FactAge:
    """The limit: facts whose source year is more than `max_years` before `year` (the current year) are old."""

    max_years: int
    year: int


def dated_sources(venue: Venue) -> list[tuple[int, str, str]]:
    """(index in sources, fact, year or 'year unknown') for each source that dates a shown fact."""
    out = []
    for n, source in enumerate(venue.sources):
        match = DATED.match(source.strip())
        if not match:
            continue
        fact = match[1].lower()
        shown = bool(venue.hours or venue.hours_note_th) if fact == "hours" else bool(venue.phone)
        if shown:
            out.append((n, fact, match[2].lower()))
    return out


def check_fact_age(venues: dict[str, Located], age: FactAge) -> list[ContentProblem]:
    """A warning per shown fact whose source is older than the limit (kind old-fact) or undated (fact-year-unknown).

    'year unknown' is never treated as recent: the fact may be any age, so officers are asked to verify it, but
    it is counted as its own kind so that truly old facts stand out."""
    problems: list[ContentProblem] = []
    for entry in venues.values():
        venue: Venue = entry.item
        for n, fact, year in dated_sources(venue):
            label = "เวลาเปิด-ปิด" if fact == "hours" else "เบอร์โทร"
            if year == UNKNOWN:
                problems.append(entry.problem(
                    (fact,), f"{label}มาจากแหล่งที่ไม่ทราบปี (sources[{n}]) ควรโทรหรือเปิดเว็บไซต์ตรวจอีกครั้ง "
                             f"({fact} from a source of unknown year: verify)", "warning", "fact-year-unknown"))
            elif age.year - int(year) > age.max_years:
                problems.append(entry.problem(
                    (fact,), f"{label}มาจากแหล่งปี {year} เก่ากว่า {age.max_years} ปี (sources[{n}]) ควรตรวจอีกครั้ง "
                             f"({fact} from a {year} source, older than {age.max_years} years: verify)",
                    "warning", "old-fact"))
    return problems
