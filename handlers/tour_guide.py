"""The tour guide: start a route, show stop k of N, move (idempotently) to a named stop, resume, switch, finish."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.catalog.models import TourRoute
from bot.effects import CountTrip, Effect, SaveTrip
from bot.errors import UserFacingError
from bot.replies.codec import Postback
from bot.replies.phrases import t
from bot.replies.texts import ask, example_items, tap, text_message, with_quick_replies
from bot.replies.tour_flex import data, jump_items, location_message, rate_items, stop_bubble
from bot.replies.tour_stops import chunks, legs, stop_view, stop_views
from bot.trip import Progress
from bot.turn import Reply, Turn


def route_of(turn: Turn, route_id: str) -> TourRoute:
    """The route with this id, or a friendly "this route is gone" for buttons of removed routes."""
    tour = turn.content.catalog.tours.get(route_id)
    if tour is None:
        raise UserFacingError("tour_gone")
    return tour


def parse_item(tapped: Postback) -> tuple[str, list[int]] | None:
    """"route:3:1" → ("route", [3, 1]); None when malformed."""
    parts = (tapped.item or "").split(":")
    if not parts[0] or not all(p.isascii() and p.isdigit() for p in parts[1:]):
        return None
    return parts[0], [int(p) for p in parts[1:]]


def save(turn: Turn, progress: Progress, active: bool = True, **counted: Any) -> list[Effect]:
    """Effects that keep the progress (renewing its TTL) and count the trip in the route's statistics."""
    return [SaveTrip(progress.route, progress.to_json(), active, turn.trips.rules.ttl_s),
            CountTrip(progress.route, progress.started, progress.furthest, **counted)]


def show_stop(turn: Turn, tour: TourRoute, progress: Progress, lang: str, heading: str | None = None,
              effects: list[Effect] | None = None) -> Reply:
    """Stop k of N as a bubble and a location message, with the jump list (and share location) as quick replies."""
    views = stop_views(turn.content.catalog, tour)
    view = views[min(progress.stop, len(views) - 1)]
    messages: list[dict[str, Any]] = [text_message(heading)] if heading else []
    messages.append(stop_bubble(tour, view, lang, stamped=progress.stop in progress.stamps))
    location = location_message(view, lang)
    if location:
        messages.append(location)
    items = jump_items(tour, views, lang, checkin=any(v.checkin for v in views))
    return Reply(with_quick_replies(messages, items), replace(turn.session, lang=lang), effects or [])


def go(turn: Turn, route_id: str, stop: int, lang: str, heading: str | None = None) -> Reply:
    """Move to exactly `stop` of the route (a repeated tap lands on the same stop); ask first to switch routes."""
    tour = route_of(turn, route_id)
    if not 0 <= stop < len(tour.stops):
        items = jump_items(tour, stop_views(turn.content.catalog, tour), lang, checkin=False)
        text = t(lang, "tour_no_such_stop", total=len(tour.stops))
        return Reply(with_quick_replies([text_message(text)], items), turn.session)
    current = turn.trips.current
    if current is not None and current.route != route_id:
        return ask_switch(turn, current, tour, lang)
    kept = turn.trips.routes.get(route_id)
    progress = kept.at(stop) if kept else Progress(route_id, stop, stop, started=turn.now.isoformat())
    return show_stop(turn, tour, progress, lang, heading, save(turn, progress))


def start(turn: Turn, route_id: str, lang: str, force: bool = False) -> Reply:
    """Start a route (or resume it where the citizen left it); another route in progress asks to switch first."""
    tour = route_of(turn, route_id)
    current = turn.trips.current
    if current is not None and current.route != route_id and not force:
        return ask_switch(turn, current, tour, lang)
    kept = turn.trips.routes.get(route_id)
    if kept is not None and not kept.done:
        reply = show_stop(turn, tour, kept, lang, t(lang, "tour_resumed", name=tour.name_th, n=kept.stop + 1,
                                                     total=len(tour.stops)), save(turn, kept))
        restart = tap(t(lang, "tour_restart_qr"), data("tour_go", route_id, 0), t(lang, "tour_restart_qr"))
        reply.messages[-1]["quickReply"]["items"].insert(0, restart)
        reply.messages[-1]["quickReply"]["items"] = reply.messages[-1]["quickReply"]["items"][:13]
        return reply
    progress = Progress(route_id, started=turn.now.isoformat())
    days = max(1, turn.trips.rules.ttl_s // 86400)
    heading = t(lang, "tour_started", name=tour.name_th, total=len(tour.stops), days=days)
    return show_stop(turn, tour, progress, lang, heading, save(turn, progress))


def ask_switch(turn: Turn, current: Progress, new: TourRoute, lang: str) -> Reply:
    """"You are on route A (stop k of N): switch to B?" with switch / keep quick replies."""
    old = turn.content.catalog.tours.get(current.route)
    if old is None:  # the old route was removed from the content: nothing to keep
        return start(turn, new.id, lang, force=True)
    text = t(lang, "tour_switch_ask", current=old.name_th, n=current.stop + 1, total=len(old.stops), new=new.name_th)
    items = [tap(t(lang, "tour_switch_yes"), encode_route("tour_switch", new.id), t(lang, "tour_switch_yes")),
             tap(t(lang, "tour_switch_no"), encode_route("tour_resume", current.route), t(lang, "tour_switch_no"))]
    return Reply(with_quick_replies([text_message(text)], items), replace(turn.session, lang=lang))


def encode_route(action: str, route: str) -> str:
    """Postback data for an action on a whole route."""
    return data(action, route)


def resume(turn: Turn, lang: str) -> Reply:
    """Continue the active route at its stop (hours or days later), or say there is none."""
    current = turn.trips.current
    tour = turn.content.catalog.tours.get(current.route) if current else None
    if current is None or tour is None or current.stop >= len(tour.stops):
        items = [ask(t(lang, "tour_find_qr")), *example_items(lang)]
        return Reply(with_quick_replies([text_message(t(lang, "tour_no_trip"))], items), turn.session)
    heading = t(lang, "tour_resumed", name=tour.name_th, n=current.stop + 1, total=len(tour.stops))
    return show_stop(turn, tour, current, lang, heading, save(turn, current))


def finish(turn: Turn, route_id: str, lang: str) -> Reply:
    """End the route: stamps n/N when check-in is on, then ask for a 1–5 rating."""
    tour = route_of(turn, route_id)
    kept = turn.trips.routes.get(route_id) or Progress(route_id, started=turn.now.isoformat())
    progress = replace(kept, done=True)
    views = stop_views(turn.content.catalog, tour)
    lines = [t(lang, "tour_finished", name=tour.name_th)]
    checkable = [v.index for v in views if v.checkin]
    if checkable:
        stamps = len(set(progress.stamps) & set(checkable))
        lines.append(t(lang, "tour_stamps", stamps=stamps, total=len(checkable)))
    lines.append(t(lang, "tour_rate_ask"))
    effects = save(turn, progress, active=False, finished=True)
    return Reply(with_quick_replies([text_message("\n".join(lines))], rate_items(route_id, lang)),
                 replace(turn.session, lang=lang), effects)


# --- buttons (handlers.buttons.POSTBACKS) -------------------------------------------------------------------


def on_start(turn: Turn, tapped: Postback) -> Reply | None:
    """"เริ่มเส้นทาง" on a route bubble or route details."""
    parsed = parse_item(tapped)
    return start(turn, parsed[0], turn.session.lang) if parsed else None


def on_switch(turn: Turn, tapped: Postback) -> Reply | None:
    """"Switch route": start (or resume) the new route, keeping the old one's progress."""
    parsed = parse_item(tapped)
    return start(turn, parsed[0], turn.session.lang, force=True) if parsed else None


def on_resume(turn: Turn, tapped: Postback) -> Reply | None:
    """"Keep my route" / resume."""
    return resume(turn, turn.session.lang)


def on_go(turn: Turn, tapped: Postback) -> Reply | None:
    """Previous / next / jump: the data names the stop, so a double tap or a stale tap lands exactly there."""
    parsed = parse_item(tapped)
    if not parsed or len(parsed[1]) != 1:
        return None
    return go(turn, parsed[0], parsed[1][0], turn.session.lang)


def on_finish(turn: Turn, tapped: Postback) -> Reply | None:
    """"จบเส้นทาง" (a finish button of a trip that expired is stale: it must not count a completion)."""
    parsed = parse_item(tapped)
    if not parsed or parsed[0] not in turn.trips.routes:
        return None
    return finish(turn, parsed[0], turn.session.lang)


def on_read(turn: Turn, tapped: Postback) -> Reply | None:
    """"อ่านต่อ": part p of stop k's text, with its own "read on" while parts remain."""
    parsed = parse_item(tapped)
    if not parsed or len(parsed[1]) != 2:
        return None
    route_id, (stop, part) = parsed
    lang = turn.session.lang
    tour = route_of(turn, route_id)
    if not 0 <= stop < len(tour.stops):
        return None
    parts = chunks(stop_view(turn.content.catalog, tour, stop).text)
    if not 0 < part < len(parts):
        return None
    text = f"{parts[part]} {t(lang, 'tour_read_more', part=part + 1, parts=len(parts))}"
    items = []
    if part + 1 < len(parts):
        items.append(tap(t(lang, "btn_tour_more"), data("tour_read", route_id, stop, part + 1),
                         t(lang, "btn_tour_more")))
    if stop + 1 < len(tour.stops):
        items.append(tap(t(lang, "btn_tour_next"), data("tour_go", route_id, stop + 1), t(lang, "btn_tour_next")))
    else:
        items.append(tap(t(lang, "btn_tour_finish"), data("tour_end", route_id), t(lang, "btn_tour_finish")))
    return Reply(with_quick_replies([text_message(text)], items), turn.session)


def on_legs(turn: Turn, tapped: Postback) -> Reply | None:
    """Directions from stop k to the end: one Google Maps link per leg of ≤5 points."""
    parsed = parse_item(tapped)
    if not parsed or len(parsed[1]) != 1:
        return None
    route_id, (stop,) = parsed
    lang = turn.session.lang
    tour = route_of(turn, route_id)
    if not 0 <= stop < len(tour.stops):
        return None
    views = stop_views(turn.content.catalog, tour)[stop:]
    found = legs(views)
    if not found:
        lines = [t(lang, "tour_legs_none")]
    else:
        lines = [t(lang, "tour_legs_head", n=stop + 1)]
        lines += [t(lang, "tour_leg", leg=n, first=a.index + 1, last=b.index + 1, url=url)
                  for n, (a, b, url) in enumerate(found, start=1)]
        missing = [str(v.index + 1) for v in views if not v.has_point]
        if missing:
            lines.append(t(lang, "tour_legs_skipped", stops=", ".join(missing)))
    items = [tap(t(lang, "btn_tour_next" if stop + 1 < len(tour.stops) else "btn_tour_finish"),
                 data("tour_go", route_id, stop + 1) if stop + 1 < len(tour.stops) else data("tour_end", route_id))]
    return Reply(with_quick_replies([text_message("\n".join(lines))], items), turn.session)
