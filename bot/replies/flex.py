"""Flex bubble and carousel builders: venue and tour bubbles, ≤12 per carousel, altText always."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.catalog.models import Catalog, TourRoute, Venue
from bot.replies import tour_phrases  # noqa: F401  (registers the guide's sentences)
from bot.replies.codec import encode
from bot.replies.event_flex import next_event_line
from bot.replies.facts import day_line, describe_hours, display_name, tel_uri, venue_map_uri, where_line
from bot.replies.phrases import PRECISION_TH, t
from bot.search.thai import clip

MAX_BUBBLES = 12
ALT_TEXT_MAX = 400  # LINE allows 1500; the notification preview shows far less
BUTTON_LABEL_MAX = 20
TYPE_COLOURS = {
    "library": "#1565C0", "tk_park": "#00897B", "museum": "#6D4C41", "science_centre": "#5E35B1",
    "community_centre": "#2E7D32", "learning_centre": "#558B2F", "playground": "#EF6C00",
    "heritage_site": "#AD1457", "other": "#455A64",
}
TOUR_COLOUR = "#C62828"


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "text", "text": text, "wrap": True, **style}


def _button(label: str, action: dict[str, Any], style: str = "link") -> dict[str, Any]:
    return {"type": "button", "style": style, "height": "sm",
            "action": {**action, "label": clip(label, BUTTON_LABEL_MAX)}}


def venue_bubble(venue: Venue, lang: str, type_label: str, distance_km: float | None = None,
                 next_event: str | None = None, province_en: str | None = None, day: date | None = None
                 ) -> dict[str, Any]:
    """One venue as a bubble: type, name (English when asked in English), where, hours, next event, and buttons."""
    colour = TYPE_COLOURS.get(venue.type, TYPE_COLOURS["other"])
    body: list[dict[str, Any]] = [
        _text(type_label, size="xs", color=colour, weight="bold"),
        _text(display_name(venue, lang), size="lg", weight="bold", maxLines=3, margin="sm"),
        _text("📍 " + where_line(venue, lang, province_en), size="sm", color="#555555", margin="md"),
    ]
    hours = describe_hours(venue, lang)
    body.append(_text("🕘 " + (hours or t(lang, "hours_unknown")), size="sm", color="#555555", margin="sm"))
    if day is not None:
        body.append(_text(day_line(venue, lang, day), size="sm", color="#555555", margin="sm"))
    if distance_km is not None:
        body.append(_text("🚶 " + t(lang, "distance", km=f"{distance_km:.1f}"), size="sm", color="#555555",
                          margin="sm"))
    if next_event:
        body.append(_text(next_event, size="sm", color="#F57F17", margin="sm", maxLines=2))
    buttons: list[dict[str, Any]] = []
    map_uri = venue_map_uri(venue)
    if map_uri:
        buttons.append(_button(t(lang, "btn_map"), {"type": "uri", "uri": map_uri}, style="primary"))
    tel = tel_uri(venue.phone)
    if tel:
        buttons.append(_button(t(lang, "btn_call"), {"type": "uri", "uri": tel}))
    if venue.website:
        buttons.append(_button(t(lang, "btn_web"), {"type": "uri", "uri": venue.website}))
    buttons.append(_button(t(lang, "btn_detail"), {
        "type": "postback", "data": encode("detail", item=venue.id),
        "displayText": clip(display_name(venue, lang), 60)}))
    buttons.append(_button(t(lang, "btn_follow"), {
        "type": "postback", "data": encode("follow", item=f"venue:{venue.id}"), "displayText": t(lang, "btn_follow")}))
    bubble: dict[str, Any] = {
        "type": "bubble", "size": "mega",
        "body": {"type": "box", "layout": "vertical", "spacing": "none", "contents": body},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons},
    }
    if venue.image:
        bubble["hero"] = {"type": "image", "url": venue.image, "size": "full", "aspectRatio": "20:13",
                          "aspectMode": "cover"}
    return bubble


def tour_bubble(tour: TourRoute, lang: str) -> dict[str, Any]:
    """One tour route as a bubble: themes, number of stops, duration, and start-the-guide / see-stops buttons."""
    body: list[dict[str, Any]] = [
        _text("🧭 " + t(lang, "tour_label"), size="xs", color=TOUR_COLOUR, weight="bold"),
        _text(tour.name_th, size="lg", weight="bold", maxLines=3, margin="sm"),
        _text("📍 " + ", ".join(tour.provinces), size="sm", color="#555555", margin="md"),
    ]
    if tour.themes:
        body.append(_text("✨ " + " · ".join(tour.themes[:4]), size="sm", color="#555555", margin="sm"))
    facts = [t(lang, "stops", count=len(tour.stops))]
    if tour.duration_th:
        facts.append(t(lang, "duration", duration=tour.duration_th))
    body.append(_text("🚩 " + " · ".join(facts), size="sm", color="#555555", margin="sm"))
    detail = _button(t(lang, "btn_stops"), {
        "type": "postback", "data": encode("detail", item=tour.id), "displayText": clip(tour.name_th, 60)})
    begin = _button(t(lang, "btn_tour_start"), {
        "type": "postback", "data": encode("tour_start", item=tour.id), "displayText": t(lang, "btn_tour_start")},
        style="primary")
    return {
        "type": "bubble", "size": "mega",
        "body": {"type": "box", "layout": "vertical", "contents": body},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [begin, detail]},
    }


def carousel(catalog: Catalog, ids: list[str], lang: str, distances: dict[str, float] | None = None,
             now: datetime | None = None, day: date | None = None) -> dict[str, Any]:
    """A Flex carousel for up to 12 venues/tours with a readable altText (given `now`, each venue's next event)."""
    labels = catalog.keywords.type_labels_en if lang == "en" else catalog.keywords.type_labels_th
    bubbles, names = [], []
    for item_id in ids[:MAX_BUBBLES]:
        if item_id in catalog.venues:
            venue = catalog.venues[item_id]
            label = labels.get(venue.type, venue.type)
            if venue.location_precision in PRECISION_TH and distances is not None:
                level = PRECISION_TH[venue.location_precision] if lang == "th" else venue.location_precision
                label = f"{label} · {t(lang, 'approx_location', level=level)}"
            province = catalog.places.province(venue.province_th) if lang == "en" else None
            upcoming = next_event_line(catalog, item_id, now, lang) if now is not None else None
            bubbles.append(venue_bubble(venue, lang, label, (distances or {}).get(item_id), upcoming,
                                        province.name_en if province else None, day))
            names.append(display_name(venue, lang))
        elif item_id in catalog.tours:
            bubbles.append(tour_bubble(catalog.tours[item_id], lang))
            names.append(catalog.tours[item_id].name_th)
    alt = clip(t(lang, "alt_found", names=", ".join(names)), ALT_TEXT_MAX)
    return {"type": "flex", "altText": alt, "contents": {"type": "carousel", "contents": bubbles}}
