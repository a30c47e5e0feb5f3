"""Content models (venues, tour routes, places, keywords) validated with pydantic, and the Catalog."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.catalog.hours import expand_days
from bot.catalog.keywords import Keywords
from bot.catalog.places import Places

VenueType = Literal[
    "library", "tk_park", "museum", "science_centre", "learning_centre",
    "community_centre", "playground", "heritage_site", "other",
]
VENUE_TYPES: tuple[str, ...] = VenueType.__args__  # type: ignore[attr-defined]
Precision = Literal["exact", "tambon", "amphoe", "province"]
_ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
# LINE shows a bubble title on a few lines; longer names are cut mid-word, so the validator caps them.
MAX_NAME = 100
MAX_ALIAS = 60
LINK_SCHEMES = ("http", "https", "tel", "line")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _check_time(value: str) -> str:
    if not _TIME.match(value):
        raise ValueError(f'"{value}" ไม่ใช่เวลาแบบ HH:MM เช่น \'09:30\' (time must be HH:MM, in quotes)')
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("ข้อความต้องอยู่บรรทัดเดียว ไม่เช่นนั้น LINE จะแสดงผิดรูป (must be a single line)")
    return value


def _alias(value: str) -> str:
    if not value or len(value) > MAX_ALIAS or "\n" in value:
        raise ValueError(f"ชื่อเรียกอื่นต้องยาว 1–{MAX_ALIAS} ตัวอักษรในบรรทัดเดียว จึงใช้เป็นปุ่มตอบด่วนได้ "
                         f"(alias too long for a quick-reply label)")
    return value


Name = Annotated[str, AfterValidator(_one_line)]
Alias = Annotated[str, AfterValidator(_alias)]
# Text that many venues repeat (provinces, districts, topics, audiences, opening times) is kept once per process:
# pydantic makes a new string for every field, ~600 bytes a venue over 100k venues.
Shared = Annotated[str, AfterValidator(sys.intern)]


class OpeningHours(_Strict):
    """One opening rule: days (e.g. "tue-sun") open from `open` to `close` (HH:MM)."""

    days: str
    open: str
    close: str

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        expand_days(value)
        return sys.intern(value)

    @field_validator("open", "close")
    @classmethod
    def _time(cls, value: str) -> str:
        return sys.intern(_check_time(value))

    @model_validator(mode="after")
    def _order(self) -> OpeningHours:
        if self.close <= self.open:
            raise ValueError(f"เวลาปิด {self.close} ต้องหลังเวลาเปิด {self.open} (close must be after open)")
        return self


_TEL = re.compile(r"^\+?[0-9][0-9\-]{2,30}$")
# Characters a URL may carry as they are; everything else (Thai, for one) is percent-encoded as UTF-8.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def _link_error(value: str, schemes: tuple[str, ...], why_th: str, why_en: str) -> ValueError:
    allowed = ", ".join(s + ":" for s in schemes)
    return ValueError(f'ลิงก์ "{value[:60]}" {why_th} — ต้องขึ้นต้นด้วย {allowed} ({why_en}; allowed: {allowed})')


def _ascii_host(host: str) -> str:
    """A Thai domain name in its ASCII (IDNA) form, as LINE and browsers need it."""
    return host if host.isascii() else host.encode("idna").decode("ascii")


def check_link(value: str | None, schemes: tuple[str, ...]) -> str | None:
    """Return `value` (Thai percent-encoded) when it is a link LINE accepts with an allowed scheme; else ValueError."""
    if value is None:
        return None
    if any(c.isspace() for c in value):
        raise _link_error(value, schemes, "มีช่องว่าง", "a link must not contain spaces")
    scheme, colon, rest = value.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in schemes:
        raise _link_error(value, schemes, "ใช้ไม่ได้", "unsupported or missing scheme")
    if scheme in ("http", "https"):
        parts = urlsplit(value)
        if not rest.startswith("//") or not parts.hostname:
            raise _link_error(value, schemes, "ไม่มีชื่อโดเมน เช่น https://www.example.go.th/",
                              "a web link needs a host after the scheme")
        try:
            host = _ascii_host(parts.netloc)
        except UnicodeError:
            raise _link_error(value, schemes, "ชื่อโดเมนไม่ถูกต้อง", "the host is not a valid name") from None
        value = urlunsplit((scheme, host, quote(parts.path, safe=_URL_SAFE), quote(parts.query, safe=_URL_SAFE),
                            quote(parts.fragment, safe=_URL_SAFE)))
    elif scheme == "tel" and not _TEL.match(rest):
        raise _link_error(value, schemes, "ต้องมีหมายเลขโทรศัพท์ เช่น tel:053123456",
                          "tel: needs a phone number of digits")
    elif scheme == "line" and len(rest.strip("/")) < 2:
        raise _link_error(value, schemes, "ต้องมีปลายทาง เช่น line://ti/p/@id", "line: needs a target")
    if len(value) > 1000:
        raise _link_error(value, schemes, "ยาวเกิน 1000 ตัวอักษร", "a link is at most 1000 characters")
    return value


_RULES: dict[OpeningHours, OpeningHours] = {}
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _one_rule(rule: OpeningHours) -> OpeningHours:
    """The same opening rule object for every venue with that rule (tue-sun 08:30–16:30 is everywhere)."""
    if len(_RULES) > 10_000:  # officers' edits over a long-running process must not grow it without end
        _RULES.clear()
    return _RULES.setdefault(rule, rule)


class Venue(_Strict):
    """A learning venue as officers write it in content/venues/<province>.yaml."""

    id: str = Field(pattern=_ID)
    name_th: Name = Field(min_length=1, max_length=MAX_NAME)
    name_en: Name | None = Field(default=None, max_length=MAX_NAME)
    aliases: list[Alias] = Field(default_factory=list)
    type: VenueType
    network: Shared | None = None
    province_th: Shared = Field(min_length=1)
    district_th: Shared | None = None
    address_th: str | None = None
    lat: float | None = Field(default=None, ge=5.6, le=20.5)
    lon: float | None = Field(default=None, ge=97.3, le=105.7)
    location_precision: Precision | None = None
    phone: str | None = None
    website: str | None = None
    topics: list[Shared] = Field(default_factory=list)
    audience: list[Shared] = Field(default_factory=list)
    hours: list[Annotated[OpeningHours, AfterValidator(_one_rule)]] = Field(default_factory=list)
    closed_on_public_holidays: bool | None = None
    hours_note_th: str | None = Field(default=None, max_length=200)
    image: str | None = None
    sources: list[str] = Field(default_factory=list)
    note: str | None = None

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        return check_link(value, LINK_SCHEMES)

    @field_validator("image")
    @classmethod
    def _image(cls, value: str | None) -> str | None:
        return check_link(value, ("https",))

    @model_validator(mode="after")
    def _coordinates(self) -> Venue:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("ต้องระบุ lat และ lon คู่กัน (lat and lon must be given together)")
        # Venues written alike set the same fields: one set for all of them, not ~730 bytes each. A frozen model
        # never changes its set (model_copy copies it first).
        fields = self.__pydantic_fields_set__
        if len(_FIELD_SETS) > 10_000:
            _FIELD_SETS.clear()
        object.__setattr__(self, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(fields), fields))
        return self


MAX_STOPS = 12  # the guide's jump list is one quick reply per stop plus "share location" (LINE allows 13)
MAX_DESCRIPTION = 2000  # the guide splits long texts into chunks with "read on" buttons, never cuts them


class Stop(_Strict):
    """One stop of a tour: a catalog venue (`venue`) or a named place (`name_th`), with what the guide shows."""

    venue: str | None = None
    name_th: Name | None = Field(default=None, max_length=MAX_NAME)
    time: str | None = None
    duration_min: int | None = Field(default=None, ge=1, le=24 * 60)
    note_th: str | None = Field(default=None, max_length=300)
    description_th: str | None = Field(default=None, max_length=MAX_DESCRIPTION)
    image: str | None = None
    lat: float | None = Field(default=None, ge=5.6, le=20.5)
    lon: float | None = Field(default=None, ge=97.3, le=105.7)
    location_precision: Precision | None = None
    checkin: bool = True

    @field_validator("time")
    @classmethod
    def _time(cls, value: str | None) -> str | None:
        return None if value is None else _check_time(value)

    @field_validator("image")
    @classmethod
    def _image(cls, value: str | None) -> str | None:
        return check_link(value, ("https",))

    @model_validator(mode="after")
    def _one_of(self) -> Stop:
        if (self.venue is None) == (self.name_th is None):
            raise ValueError("จุดแวะต้องมี venue (รหัสสถานที่) หรือ name_th (ชื่อสถานที่) อย่างใดอย่างหนึ่ง "
                             "(a stop needs exactly one of venue or name_th)")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("ต้องระบุ lat และ lon คู่กัน (lat and lon must be given together)")
        if self.venue is not None and self.lat is not None:
            raise ValueError("จุดแวะที่อ้างรหัสสถานที่ (venue) ใช้พิกัดของสถานที่นั้น ไม่ต้องใส่ lat/lon "
                             "(a venue stop takes the venue's coordinates)")
        if self.location_precision is not None and self.lat is None:
            raise ValueError("ใส่ location_precision ได้เมื่อมี lat/lon เท่านั้น "
                             "(location_precision needs lat and lon)")
        return self


class TourRoute(_Strict):
    """A knowledge-tourism route as officers write it in content/tours/<id>.yaml."""

    id: str = Field(pattern=_ID)
    name_th: Name = Field(min_length=1, max_length=MAX_NAME)
    name_en: Name | None = Field(default=None, max_length=MAX_NAME)
    provinces: list[str] = Field(min_length=1)
    themes: list[str] = Field(default_factory=list)
    duration_th: str | None = Field(default=None, max_length=60)
    checkin: bool = True
    stops: list[Stop] = Field(min_length=1, max_length=MAX_STOPS)
    sources: list[str] = Field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class Catalog:
    """Everything citizens can find, loaded and validated as one consistent version."""

    venues: dict[str, Venue]
    tours: dict[str, TourRoute]
    places: Places
    keywords: Keywords
    events: tuple = ()
    version: str = ""

    def item(self, item_id: str) -> Venue | TourRoute | None:
        """The venue or tour with this id, if any."""
        return self.venues.get(item_id) or self.tours.get(item_id)

