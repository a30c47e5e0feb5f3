"""Events as citizens see them: Thai-style dates (Buddhist era), event bubbles and carousel, detail text."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pythainlp.util import thai_strftime

from bot.catalog.events import NATIONWIDE, Event, Occurrence, upcoming
from bot.catalog.models import Catalog
from bot.replies import event_phrases  # noqa: F401  (registers the sentences)
from bot.replies.codec import encode
from bot.replies.facts import venue_map_uri
from bot.replies.phrases import t
from bot.search.thai import clip

EVENT_COLOUR = "#F57F17"
MAX_BUBBLES = 12
ALT_TEXT_MAX = 400


THAI_WEEKDAYS = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")


def day_text(day: date | datetime, lang: str, weekday: bool = True) -> str:
    """ "ส. 9 ม.ค. 2570" (Thai, Buddhist-era year via PyThaiNLP) or "Sat 9 Jan 2027"."""
    moment = day if isinstance(day, datetime) else datetime.combine(day, datetime.min.time())
    if lang == "en":
        return moment.strftime("%a %-d %b %Y" if weekday else "%-d %b %Y")
    text = thai_strftime(moment, "%-d %b %Y")
    return f"{THAI_WEEKDAYS[moment.weekday()]} {text}" if weekday else text


def when_text(occurrence: Occurrence, lang: str) -> str:
    """The dates and times of one occurrence, Thai style with a Buddhist-era year."""
    start, end = occurrence.start, occurrence.end
    last_day = end.date() if (end - start) >= timedelta(hours=23) or end.date() != start.date() else start.date()
    if last_day == start.date():
        text = day_text(start, lang)
    elif (start.year, start.month) == (last_day.year, last_day.month):
        text = f"{start.day}–{day_text(last_day, lang, weekday=False)}"
    else:
        text = f"{day_text(start, lang, weekday=False)} – {day_text(last_day, lang, weekday=False)}"
    if not occurrence.all_day:
        text += " · " + t(lang, "ev_time", start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
    return text


def where_text(event: Event, catalog: Catalog, lang: str) -> str:
    """The venue's name, or the district and province, or "nationwide"."""
    venue = catalog.venues.get(event.venue or "")
    if venue is not None:
        name = venue.name_en if lang == "en" and venue.name_en else venue.name_th
        return f"{name}, {venue.province_th}"
    if event.province_th == NATIONWIDE:
        return t(lang, "ev_nationwide")
    return ", ".join(p for p in (event.address_th, event.district_th, event.province_th) if p)


def title(event: Event, lang: str) -> str:
    """The title in the citizen's language."""
    return event.title_en if lang == "en" and event.title_en else event.title_th


def follow_target(event: Event, catalog: Catalog) -> str | None:
    """What the follow button on an event follows: its venue, else its province, else its first topic."""
    if event.venue and event.venue in catalog.venues:
        return f"venue:{event.venue}"
    if event.province_th and event.province_th != NATIONWIDE:
        return f"province:{event.province_th}"
    return f"topic:{event.topics[0]}" if event.topics else None


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "text", "text": text, "wrap": True, **style}


def _button(label: str, action: dict[str, Any], style: str = "link") -> dict[str, Any]:
    return {"type": "button", "style": style, "height": "sm", "action": {**action, "label": clip(label, 20)}}


def event_bubble(occurrence: Occurrence, catalog: Catalog, lang: str) -> dict[str, Any]:
    """One event: title, when (Thai style), where, fee; buttons details, map, booking, follow."""
    event = occurrence.event
    body: list[dict[str, Any]] = [
        _text(t(lang, "ev_label"), size="xs", color=EVENT_COLOUR, weight="bold"),
        _text(title(event, lang), size="lg", weight="bold", maxLines=3, margin="sm"),
        _text("🗓 " + when_text(occurrence, lang), size="sm", color="#555555", margin="md"),
        _text("📍 " + where_text(event, catalog, lang), size="sm", color="#555555", margin="sm", maxLines=3),
    ]
    if event.free:
        body.append(_text("💰 " + t(lang, "ev_free"), size="sm", color="#555555", margin="sm"))
    elif event.fee_th:
        body.append(_text("💰 " + t(lang, "ev_fee", fee=event.fee_th), size="sm", color="#555555", margin="sm"))
    buttons = [_button(t(lang, "btn_detail"), {"type": "postback", "data": encode("event", item=event.id),
                                               "displayText": clip(event.title_th, 60)}, style="primary")]
    venue = catalog.venues.get(event.venue or "")
    map_uri = venue_map_uri(venue) if venue else None
    if map_uri:
        buttons.append(_button(t(lang, "btn_map"), {"type": "uri", "uri": map_uri}))
    if event.booking:
        buttons.append(_button(t(lang, "btn_book"), {"type": "uri", "uri": event.booking}))
    target = follow_target(event, catalog)
    if target:
        buttons.append(_button(t(lang, "btn_follow"), {"type": "postback", "data": encode("follow", item=target),
                                                       "displayText": t(lang, "btn_follow")}))
    bubble: dict[str, Any] = {
        "type": "bubble", "size": "mega",
        "body": {"type": "box", "layout": "vertical", "spacing": "none", "contents": body},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons},
    }
    if event.image:
        bubble["hero"] = {"type": "image", "url": event.image, "size": "full", "aspectRatio": "20:13",
                          "aspectMode": "cover"}
    return bubble


def events_carousel(occurrences: list[Occurrence], catalog: Catalog, lang: str) -> dict[str, Any]:
    """A Flex carousel of up to 12 events with a readable altText."""
    shown = occurrences[:MAX_BUBBLES]
    alt = clip(t(lang, "ev_alt", titles=", ".join(title(o.event, lang) for o in shown)), ALT_TEXT_MAX)
    return {"type": "flex", "altText": alt,
            "contents": {"type": "carousel", "contents": [event_bubble(o, catalog, lang) for o in shown]}}


def next_event_line(catalog: Catalog, venue_id: str, now: datetime, lang: str) -> str | None:
    """ "🎉 Next event: … (date)" for a venue bubble, or None when the venue has no upcoming event."""
    events = [e for e in catalog.events if e.venue == venue_id]
    found = upcoming(events, now) if events else []
    if not found:
        return None
    return t(lang, "ev_next_at_venue", title=title(found[0].event, lang), when=when_text(found[0], lang))


def event_detail(occurrence: Occurrence, catalog: Catalog, lang: str) -> str:
    """Everything about one event as text: when, where, fee, audience, description, booking and source."""
    event = occurrence.event
    lines = [title(event, lang)]
    if lang == "en" and event.title_en and event.title_en != event.title_th:
        lines.append(event.title_th)
    when = when_text(occurrence, lang)
    if event.repeat is not None:
        when += f" ({t(lang, 'ev_repeat_year' if event.repeat.every == 'year' else 'ev_repeat_week')})"
    lines.append(t(lang, "ev_detail_when", value=when))
    lines.append(t(lang, "ev_detail_where", value=where_text(event, catalog, lang)))
    if event.free:
        lines.append("💰 " + t(lang, "ev_free"))
    elif event.fee_th:
        lines.append("💰 " + t(lang, "ev_fee", fee=event.fee_th))
    if event.audience:
        lines.append(t(lang, "ev_detail_audience", value=", ".join(event.audience)))
    description = event.description_en if lang == "en" and event.description_en else event.description_th
    if description:
        lines += ["", description]
    if event.booking:
        lines.append(t(lang, "ev_detail_booking", value=event.booking))
    lines.append(t(lang, "ev_detail_sources", value=event.sources[0]))
    return "\n".join(lines)
