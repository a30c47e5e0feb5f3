"""The one adapter between notices and #11's Event model: read only what a notice needs, defensively."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass(frozen=True)
class EventView:
    """What a notice or reminder reads from an event: id, Thai title, when, where, image, booking link."""

    id: str
    title_th: str
    start: datetime  # aware, Asia/Bangkok (a date-only event starts at 00:00)
    end: datetime | None
    all_day: bool
    venue_id: str | None
    province: str | None
    topics: tuple[str, ...]
    image: str | None
    booking_url: str | None


def _when(value: Any) -> tuple[datetime | None, bool]:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=BANGKOK)).astimezone(BANGKOK), False
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), BANGKOK), True
    if isinstance(value, str) and value:
        try:
            return _when(datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value))
        except ValueError:
            return None, False
    return None, False


def _first(obj: Any, *names: str) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if value:
            return value
    return None


def _next_showing(event: Any, now: datetime | None) -> tuple[Any, Any]:
    """A repeating catalogue event's next occurrence (start, end); else the event's own start and end."""
    if now is not None and getattr(event, "repeat", None) is not None:
        from bot.catalog.events import upcoming  # only real catalogue events repeat

        showing = upcoming([event], now)
        if showing:
            return showing[0].start, None if event.all_day else showing[0].end
    return _first(event, "start", "starts", "start_date", "date"), _first(event, "end", "ends", "end_date")


def view(event: Any, now: datetime | None = None) -> EventView | None:
    """An EventView of any event-like object (a repeating one at its next showing after `now`), or None."""
    raw_start, raw_end = _next_showing(event, now)
    start, all_day = _when(raw_start)
    event_id, title = _first(event, "id"), _first(event, "title_th", "title", "name_th")
    if not event_id or not title or start is None:
        return None
    end, _ = _when(raw_end)
    image = _first(event, "image", "image_url")
    booking = _first(event, "booking_url", "booking", "booking_link", "url")
    topics = _first(event, "topics") or ()
    return EventView(id=str(event_id), title_th=str(title), start=start, end=end, all_day=all_day,
                     venue_id=_first(event, "venue_id", "venue"), province=_first(event, "province_th", "province"),
                     topics=tuple(str(t) for t in topics), image=str(image) if image else None,
                     booking_url=str(booking) if booking else None)


def all_events(catalog: Any, now: datetime | None = None) -> list[EventView]:
    """Every event of a catalog (its `events` slot), as views; events that cannot be read are skipped."""
    found = (view(e, now) for e in (getattr(catalog, "events", None) or ()))
    return [e for e in found if e is not None]


def find(catalog: Any, event_id: str) -> EventView | None:
    """The event with this id, or None."""
    return next((e for e in all_events(catalog) if e.id == event_id), None)


def place_name(catalog: Any, event: EventView) -> str | None:
    """Where the event is, as citizens read it: the venue's Thai name (and province), else the province."""
    venues = getattr(catalog, "venues", None) or {}
    venue = venues.get(event.venue_id) if event.venue_id else None
    if venue is not None:
        return f"{venue.name_th} ({venue.province_th})" if getattr(venue, "province_th", None) else venue.name_th
    return event.province
