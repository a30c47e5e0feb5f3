"""Audience specs (all, province:/topic:/venue:, region:/age:/gender:, test:me) parsed into how LINE is called."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.notices.followers import follow_key

REGIONS = {"th_01": "กรุงเทพฯ", "th_02": "พัทยา", "th_03": "ภาคเหนือ", "th_04": "ภาคกลาง", "th_05": "ภาคใต้",
           "th_06": "ภาคตะวันออก", "th_07": "ภาคตะวันออกเฉียงเหนือ", "th_08": "ภาคตะวันตก"}
AGES = (15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70)
GENDERS = ("male", "female")
NARROWCAST_NOTE = ("LINE ไม่นับผู้ใช้ในไทยอายุต่ำกว่า 20 ปีเมื่อกรองตามคุณลักษณะ และต้องมีผู้รับที่เข้าเกณฑ์อย่างน้อย 100 คน "
                   "· LINE leaves out Thai users under 20 and needs a reach of at least 100")


class AudienceError(ValueError):
    """An audience spec that cannot be sent; the message says why (Thai, then English)."""


@dataclass(frozen=True)
class Audience:
    """How a notice reaches people: broadcast, multicast over follow sets, narrowcast filters, or a test push."""

    spec: str
    mode: str  # broadcast | multicast | narrowcast | push
    follow_keys: tuple[str, ...] = ()
    filters: tuple[dict[str, Any], ...] = field(default=())

    def narrowcast_filter(self) -> dict[str, Any]:
        """LINE's filter.demographic: one filter, or an AND of several."""
        if len(self.filters) == 1:
            return self.filters[0]
        return {"type": "operator", "and": list(self.filters)}


def _age(value: str) -> dict[str, Any]:
    match = re.fullmatch(r"(\d{2})?-(\d{2})?|(\d{2})\+", value)
    if not match:
        raise AudienceError(f"อายุต้องเป็นช่วง เช่น age:20-40 หรือ age:30+ · age must look like 20-40 or 30+: {value!r}")
    low, high = (match.group(1), match.group(2)) if match.group(3) is None else (match.group(3), None)
    bounds: dict[str, Any] = {"type": "age"}
    for name, raw in (("gte", low), ("lt", high)):
        if raw is not None:
            if int(raw) not in AGES:
                raise AudienceError(f"LINE ใช้อายุ {', '.join(map(str, AGES))} เท่านั้น · LINE's age steps are "
                                    f"{', '.join(map(str, AGES))}: {raw}")
            bounds[name] = f"age_{raw}"
    if "gte" not in bounds and "lt" not in bounds:
        raise AudienceError("ต้องระบุอายุอย่างน้อยหนึ่งด้าน · give at least one age bound")
    return bounds


def parse(spec: str, provinces: set[str] | None = None, venues: set[str] | None = None) -> Audience:
    """Parse 'province:ขอนแก่น+topic:ดาราศาสตร์', 'all', 'region:th_03+age:20-40', 'test:me'; AudienceError if bad."""
    spec = (spec or "").strip()
    terms = [t.strip() for t in re.split(r"\s*[+,]\s*(?=[a-z])", spec) if t.strip()]  # "age:30+" keeps its +
    if not terms:
        raise AudienceError("ต้องระบุผู้รับ · an audience is required (all, province:…, topic:…, venue:…, region:…)")
    if terms == ["all"]:
        return Audience(spec, "broadcast")
    if terms == ["test:me"]:
        return Audience(spec, "push")
    keys: list[str] = []
    filters: list[dict[str, Any]] = []
    regions: list[str] = []
    for term in terms:
        kind, _, value = term.partition(":")
        value = value.strip()
        if not value:
            raise AudienceError(f"ไม่เข้าใจผู้รับ {term!r} · expected kind:value")
        if kind == "province":
            if provinces is not None and value not in provinces:
                raise AudienceError(f"ไม่รู้จักจังหวัด {value!r} (ใช้ชื่อภาษาไทย เช่น ขอนแก่น) · unknown province")
            keys.append(follow_key("province", value))
        elif kind == "topic":
            keys.append(follow_key("topic", value))
        elif kind == "venue":
            if venues is not None and value not in venues:
                raise AudienceError(f"ไม่รู้จักสถานที่ {value!r} · unknown venue id")
            keys.append(follow_key("venue", value))
        elif kind == "region":
            if value not in REGIONS:
                raise AudienceError(f"ภูมิภาคต้องเป็น th_01…th_08 · region must be one of {', '.join(REGIONS)}")
            regions.append(value)
        elif kind == "age":
            filters.append(_age(value))
        elif kind == "gender":
            if value not in GENDERS:
                raise AudienceError("เพศต้องเป็น male หรือ female · gender must be male or female")
            filters.append({"type": "gender", "oneOf": [value]})
        else:
            raise AudienceError(f"ไม่รู้จักผู้รับ {kind!r} · unknown audience kind (all, province, topic, venue, "
                                "region, age, gender, test:me)")
    if regions:
        filters.insert(0, {"type": "area", "oneOf": sorted(set(regions))})
    if keys and filters:
        raise AudienceError("ผสมผู้ติดตามกับตัวกรองของ LINE ไม่ได้ · follow sets and LINE's demographic filters "
                            "cannot be combined in one notice")
    if keys:
        return Audience(spec, "multicast", follow_keys=tuple(dict.fromkeys(keys)))
    return Audience(spec, "narrowcast", filters=tuple(filters))
