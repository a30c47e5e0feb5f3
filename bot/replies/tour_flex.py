"""The tour guide's messages: a stop bubble (k of N), LINE's location message, jump list and rating buttons."""

from __future__ import annotations

from typing import Any

from bot.catalog.models import TourRoute
from bot.replies.codec import encode
from bot.replies.flex import TOUR_COLOUR, _button, _text
from bot.replies.phrases import PRECISION_TH, t
from bot.replies.texts import share_location, tap
from bot.replies.tour_phrases import LEVEL_EN
from bot.replies.tour_stops import StopView, chunks, directions_uri, map_uri
from bot.search.thai import clip

ALT_MAX = 400
LOCATION_FIELD_MAX = 100


def data(action: str, route: str, *numbers: int) -> str:
    """Postback data naming the route and, explicitly, the stop (so a repeated tap lands on the same stop)."""
    return encode(action, item=":".join([route, *map(str, numbers)]))


def stop_bubble(tour: TourRoute, view: StopView, lang: str, stamped: bool) -> dict[str, Any]:
    """Stop k of N: name, time and duration, what to do (first part; "read on" for the rest), map buttons, nav."""
    total = len(tour.stops)
    body: list[dict[str, Any]] = [
        _text("🧭 " + t(lang, "tour_stop_of", n=view.index + 1, total=total) + " · " + tour.name_th,
              size="xs", color=TOUR_COLOUR, weight="bold", maxLines=2),
        _text(view.name, size="lg", weight="bold", maxLines=3, margin="sm"),
    ]
    facts = []
    if view.time:
        facts.append(t(lang, "tour_at_time", time=view.time))
    if view.duration_min:
        facts.append(t(lang, "tour_for_minutes", minutes=view.duration_min))
    if facts:
        body.append(_text("  ".join(facts), size="sm", color="#555555", margin="md"))
    parts = chunks(view.text)
    if parts:
        more = f" {t(lang, 'tour_read_more', part=1, parts=len(parts))}" if len(parts) > 1 else ""
        body.append(_text(parts[0] + more, size="sm", margin="md"))
    if not view.has_point:
        body.append(_text(t(lang, "tour_no_point"), size="xs", color="#888888", margin="md"))
    elif view.approximate:
        body.append(_text(t(lang, "tour_approx", level=PRECISION_TH.get(view.precision or "", ""),
                            level_en=LEVEL_EN.get(view.precision or "", "")), size="xs", color="#B26A00", margin="md"))
    if stamped:
        body.append(_text(t(lang, "tour_stamped_here"), size="sm", color="#2E7D32", weight="bold", margin="md"))
    elif view.checkin:
        body.append(_text(t(lang, "tour_checkin_hint"), size="xs", color="#888888", margin="md"))
    footer: list[dict[str, Any]] = []
    if len(parts) > 1:
        footer.append(_button(t(lang, "btn_tour_more"), {"type": "postback", "data": data(
            "tour_read", tour.id, view.index, 1), "displayText": t(lang, "btn_tour_more")}))
    uri = map_uri(view)
    if uri:
        footer.append(_button(t(lang, "btn_tour_map"), {"type": "uri", "uri": uri}))
        footer.append(_button(t(lang, "btn_tour_directions"), {"type": "uri", "uri": directions_uri(
            [view], from_here=True)}))
    if view.index < total - 1:
        footer.append(_button(t(lang, "btn_tour_legs"), {"type": "postback", "data": data(
            "tour_legs", tour.id, view.index), "displayText": t(lang, "btn_tour_legs")}))
    footer.append(_nav(tour, view.index, lang))
    bubble: dict[str, Any] = {
        "type": "bubble", "size": "mega",
        "body": {"type": "box", "layout": "vertical", "contents": body},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": footer},
    }
    if view.image:
        bubble["hero"] = {"type": "image", "url": view.image, "size": "full", "aspectRatio": "20:13",
                          "aspectMode": "cover"}
    alt = clip(t(lang, "tour_alt_stop", route=tour.name_th, n=view.index + 1, total=total, name=view.name), ALT_MAX)
    return {"type": "flex", "altText": alt, "contents": bubble}


def _nav(tour: TourRoute, index: int, lang: str) -> dict[str, Any]:
    """Previous / next (or finish on the last stop), each naming its target stop explicitly."""
    buttons = []
    if index > 0:
        buttons.append(_button(t(lang, "btn_tour_prev"), {"type": "postback", "data": data(
            "tour_go", tour.id, index - 1), "displayText": t(lang, "btn_tour_prev")}, style="secondary"))
    if index < len(tour.stops) - 1:
        buttons.append(_button(t(lang, "btn_tour_next"), {"type": "postback", "data": data(
            "tour_go", tour.id, index + 1), "displayText": t(lang, "btn_tour_next")}, style="primary"))
    else:
        buttons.append(_button(t(lang, "btn_tour_finish"), {"type": "postback", "data": data(
            "tour_end", tour.id), "displayText": t(lang, "btn_tour_finish")}, style="primary"))
    row: dict[str, Any] = {"type": "box", "layout": "horizontal", "spacing": "sm", "contents": buttons}
    if index < len(tour.stops) - 1:  # finishing early is always possible, on its own line
        finish = _button(t(lang, "btn_tour_finish"), {"type": "postback", "data": data("tour_end", tour.id),
                                                      "displayText": t(lang, "btn_tour_finish")})
        return {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [row, finish]}
    return row


def location_message(view: StopView, lang: str) -> dict[str, Any] | None:
    """LINE's location message for the stop (opens the map app); None without coordinates."""
    if view.lat is None or view.lon is None:
        return None
    title = t(lang, "tour_location_title_approx", name=view.name) if view.approximate else view.name
    return {"type": "location", "title": clip(title, LOCATION_FIELD_MAX),
            "address": clip(view.where or view.name, LOCATION_FIELD_MAX), "latitude": view.lat,
            "longitude": view.lon}


def jump_items(tour: TourRoute, views: list[StopView], lang: str, checkin: bool) -> list[dict[str, Any]]:
    """Quick replies: one per stop ("3. name", ≤12 stops) and, when check-in is on, share location."""
    items = [tap(f"{v.index + 1}. {v.name}", data("tour_go", tour.id, v.index),
                 t(lang, "tour_stop_of", n=v.index + 1, total=len(views))) for v in views]
    if checkin:
        items.append(share_location(lang))
    return items


def rate_items(route: str, lang: str) -> list[dict[str, Any]]:
    """Quick replies ⭐1 … ⭐⭐⭐⭐⭐5."""
    return [tap(t(lang, "tour_rate_label", stars="⭐" * n, n=n), data("tour_rate", route, n), "⭐" * n)
            for n in range(1, 6)]
