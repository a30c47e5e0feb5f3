"""Text messages, quick replies and detail texts (the non-carousel parts of a reply)."""

from __future__ import annotations

from typing import Any

from bot.catalog.models import Catalog, TourRoute, Venue
from bot.replies.codec import encode
from bot.replies.facts import describe_hours, where_line
from bot.replies.phrases import EXAMPLES, t
from bot.search.thai import clip

MAX_TEXT = 4800  # LINE allows 5000 UTF-16 units; Thai is one unit per character
MAX_QUICK = 13
QUICK_LABEL_MAX = 20


def text_message(text: str) -> dict[str, Any]:
    """A plain text message within LINE's length limit."""
    return {"type": "text", "text": text[:MAX_TEXT]}


def ask(text: str, label: str | None = None) -> dict[str, Any]:
    """A quick-reply item that sends `text` as if the citizen typed it."""
    return {"type": "action", "action": {"type": "message", "label": clip(label or text, QUICK_LABEL_MAX),
                                         "text": text[:300]}}


def tap(label: str, data: str, display: str | None = None) -> dict[str, Any]:
    """A quick-reply item that sends a postback."""
    action: dict[str, Any] = {"type": "postback", "label": clip(label, QUICK_LABEL_MAX), "data": data}
    if display:
        action["displayText"] = clip(display, 300)
    return {"type": "action", "action": action}


def share_location(lang: str) -> dict[str, Any]:
    """A quick-reply item that opens LINE's location picker."""
    return {"type": "action", "action": {"type": "location", "label": clip(t(lang, "qr_location"), 20)}}


def with_quick_replies(messages: list[dict[str, Any]], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach up to 13 distinct quick-reply items to the last message (LINE shows them only there)."""
    seen, unique = set(), []
    for item in items:
        key = (item["action"].get("label"), item["action"].get("text"), item["action"].get("data"))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    if messages and unique:
        messages[-1] = {**messages[-1], "quickReply": {"items": unique[:MAX_QUICK]}}
    return messages


def example_items(lang: str) -> list[dict[str, Any]]:
    """Quick replies that show what the bot can do."""
    return [ask(example) for example in EXAMPLES[lang]] + [share_location(lang), tap(
        t(lang, "qr_help"), encode("help"), t(lang, "qr_help"))]


def detail_text(catalog: Catalog, item_id: str, lang: str) -> str | None:
    """A full description of a venue or a tour's stops, or None when the id is unknown."""
    item = catalog.item(item_id)
    if isinstance(item, Venue):
        return _venue_detail(item, lang)
    if isinstance(item, TourRoute):
        return _tour_detail(catalog, item, lang)
    return None


def _venue_detail(venue: Venue, lang: str) -> str:
    first, second = (venue.name_en, venue.name_th) if lang == "en" and venue.name_en else \
        (venue.name_th, venue.name_en)
    lines = [first]
    if second and second != first:
        lines.append(second)
    lines.append("📍 " + where_line(venue, lang))
    if venue.address_th:
        lines.append(t(lang, "detail_address", value=venue.address_th))
    lines.append(t(lang, "detail_hours", value=describe_hours(venue, lang) or t(lang, "hours_unknown")))
    if venue.phone:
        lines.append(t(lang, "detail_phone", value=venue.phone))
    if venue.website:
        lines.append(t(lang, "detail_web", value=venue.website))
    if venue.topics:
        lines.append(t(lang, "detail_topics", value=", ".join(venue.topics)))
    if venue.audience:
        lines.append(t(lang, "detail_audience", value=", ".join(venue.audience)))
    return "\n".join(lines)


def _tour_detail(catalog: Catalog, tour: TourRoute, lang: str) -> str:
    lines = [tour.name_th, "📍 " + ", ".join(tour.provinces)]
    if tour.duration_th:
        lines.append(t(lang, "duration", duration=tour.duration_th))
    if tour.themes:
        lines.append(t(lang, "detail_themes", value=", ".join(tour.themes)))
    lines.append(t(lang, "detail_stops"))
    for n, stop in enumerate(tour.stops, start=1):
        venue = catalog.venues.get(stop.venue) if stop.venue else None
        name = venue.name_th if venue else (stop.name_th or "")
        time = f"{stop.time} " if stop.time else ""
        note = f" ({stop.note_th})" if stop.note_th else ""
        lines.append(f"{n}. {time}{name}{note}")
    return "\n".join(lines)
