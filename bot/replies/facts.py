"""Venue facts as citizens read them: opening hours, where, map and phone links."""

from __future__ import annotations

import re

from bot.catalog import hours
from bot.catalog.models import Venue
from bot.replies.phrases import DAY_NAMES, t
from bot.search.geo import map_link


def describe_hours(venue: Venue, lang: str) -> str:
    """Opening hours as one readable line, e.g. "อ.–อา. 10:00–18:00 · ปิดวันจันทร์"."""
    parts = hours.describe(venue.hours, DAY_NAMES[lang])
    if venue.hours_note_th:
        parts.append(venue.hours_note_th)
    if venue.closed_on_public_holidays:
        parts.append(t(lang, "closed_holidays"))
    return " · ".join(parts)


def where_line(venue: Venue, lang: str) -> str:
    """District and province, e.g. "เมืองขอนแก่น, ขอนแก่น"."""
    district = f"{venue.district_th}, " if venue.district_th else ""
    return t(lang, "where", district=district, province=venue.province_th)


def venue_map_uri(venue: Venue) -> str | None:
    """A map link: exact points by coordinates, approximate ones by name so the map finds the venue."""
    if venue.lat is None or venue.lon is None:
        return None
    if venue.location_precision in ("exact", "tambon"):
        return map_link(venue.lat, venue.lon)
    return map_link(venue.lat, venue.lon, label=f"{venue.name_th} {venue.province_th}")


def tel_uri(phone: str | None) -> str | None:
    """tel: link from the first dialable number in a display phone string."""
    if not phone:
        return None
    match = re.search(r"\+?\d[\d\s-]{7,}\d", phone)
    if not match:
        return None
    digits = re.sub(r"[^\d+]", "", match.group())
    return f"tel:{digits}"
