"""Venue facts as citizens read them: opening hours, where, map and phone links, and direct answers."""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.catalog import hours
from bot.catalog.models import Venue
from bot.replies.phrases import DAY_NAMES, t
from bot.replies.talk_phrases import DAY_FULL
from bot.search.geo import map_link


def describe_hours(venue: Venue, lang: str) -> str:
    """Opening hours as one readable line, e.g. "อ.–อา. 10:00–18:00 · ปิดวันจันทร์"."""
    parts = hours.describe(venue.hours, DAY_NAMES[lang])
    if venue.hours_note_th:
        parts.append(venue.hours_note_th)
    if venue.closed_on_public_holidays:
        parts.append(t(lang, "closed_holidays"))
    return " · ".join(parts)


def where_line(venue: Venue, lang: str, province_en: str | None = None) -> str:
    """District and province, e.g. "เมืองขอนแก่น, ขอนแก่น"; in English the province's English name."""
    if lang == "en" and province_en:
        return t(lang, "where", district="", province=province_en)
    district = f"{venue.district_th}, " if venue.district_th else ""
    return t(lang, "where", district=district, province=venue.province_th)


def display_name(venue: Venue, lang: str) -> str:
    """The venue's name in the citizen's language (English when it has one and they wrote English)."""
    return venue.name_en if lang == "en" and venue.name_en else venue.name_th


def _week(venue: Venue, lang: str) -> str:
    return ", ".join(hours.describe(venue.hours, DAY_NAMES[lang]))


def _note(venue: Venue, lang: str) -> str:
    # A note that only repeats the closed day ("ปิดวันจันทร์") adds nothing to the sentence.
    repeats = venue.hours_note_th is not None and venue.hours_note_th.startswith("ปิดวัน") \
        and len(venue.hours_note_th) <= 16
    parts = [venue.hours_note_th] if venue.hours_note_th and lang == "th" and not repeats else []
    if venue.closed_on_public_holidays:
        parts.append(t(lang, "closed_holidays"))
    return (" (" + " · ".join(parts) + ")") if parts else ""


def hours_answer(venue: Venue, lang: str, now: datetime, day: date | None = None, now_asked: bool = False) -> str:
    """A direct sentence about opening hours: on a day, right now, or over the week ("no data" when none)."""
    name = display_name(venue, lang)
    if not venue.hours:
        phone = t(lang, "ask_phone_hint", phone=venue.phone) if venue.phone else ""
        note = f" ({venue.hours_note_th})" if venue.hours_note_th and lang == "th" else ""
        return t(lang, "hours_none", name=name, note=note, phone=phone)
    week, note = _week(venue, lang), _note(venue, lang)
    if now_asked:
        close = hours.closing_time(venue.hours, now)
        if close:
            return t(lang, "hours_now_open", name=name, close=close, note=note)
        return t(lang, "hours_now_closed", name=name, hours=week, note=note)
    if day is not None:
        key = hours.DAYS[day.weekday()]
        spans = hours.hours_on(venue.hours, key)
        label = DAY_FULL[lang][key]
        if spans:
            return t(lang, "hours_day_open", name=name, day=label, note=note,
                     spans=", ".join(f"{a}–{b}" for a, b in spans))
        return t(lang, "hours_day_closed", name=name, day=label, hours=week, note=note)
    closed = hours.closed_days(venue.hours)
    days = ", ".join(DAY_FULL[lang][d] for d in closed)
    return t(lang, "hours_week", name=name, hours=week, note=note,
             closed=t(lang, "closed_days", days=days) if closed else "")


def open_on(venue: Venue, day: date) -> bool | None:
    """Open at some time on that date? None when there are no hours to tell."""
    if not venue.hours:
        return None
    return bool(hours.hours_on(venue.hours, hours.DAYS[day.weekday()]))


def day_line(venue: Venue, lang: str, day: date) -> str:
    """One bubble line for the day asked about: open with its hours, closed, or no data."""
    key = hours.DAYS[day.weekday()]
    label = DAY_FULL[lang][key]
    if not venue.hours:
        return t(lang, "day_unknown", day=label)
    spans = hours.hours_on(venue.hours, key)
    if not spans:
        return t(lang, "day_closed", day=label)
    return t(lang, "day_open", day=label, spans=", ".join(f"{a}–{b}" for a, b in spans))


def fact_answer(venue: Venue, lang: str, fact: str, province_en: str | None = None) -> str:
    """A direct answer about phone, website, fee or directions, honestly "no data" when there is none."""
    name = display_name(venue, lang)
    phone = t(lang, "ask_phone_hint", phone=venue.phone) if venue.phone else ""
    if fact == "phone":
        return t(lang, "phone_is", name=name, phone=venue.phone) if venue.phone else t(lang, "phone_none", name=name)
    if fact == "website":
        return t(lang, "website_is", name=name, url=venue.website) if venue.website else \
            t(lang, "website_none", name=name)
    if fact == "fee":
        return t(lang, "fee_none", name=name, phone=phone)
    where = where_line(venue, lang, province_en)
    if venue.address_th and lang == "th":
        return t(lang, "directions", name=name, where=venue.address_th)
    return t(lang, "directions" if venue.lat is not None else "directions_none", name=name, where=where)


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
