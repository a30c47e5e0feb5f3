"""Check-in during a trip: a shared location within the radius of a stop stamps it; far away says how far."""

from __future__ import annotations

from dataclasses import replace

from bot.replies.phrases import t
from bot.replies.texts import share_location, tap, text_message, with_quick_replies
from bot.replies.tour_flex import data
from bot.replies.tour_stops import StopView, stop_views
from bot.search.geo import distance_km
from bot.turn import Reply, Turn
from handlers.tour_guide import save


def matches(turn: Turn) -> bool:
    """A location while a route with check-ins switched on is in progress."""
    if turn.input.kind != "location" or turn.input.lat is None or turn.input.lon is None:
        return False
    current = turn.trips.current
    tour = turn.content.catalog.tours.get(current.route) if current else None
    return tour is not None and tour.checkin


def radius_m(turn: Turn, view: StopView) -> int:
    """The check-in radius: wider when the stop's point is only a subdistrict/district/province centre."""
    rules = turn.trips.rules
    return rules.approx_radius_m if view.approximate else rules.radius_m


def handle(turn: Turn) -> Reply:
    """Stamp the current stop when near it (else any stop of the route in range); otherwise say how far."""
    current = turn.trips.current
    assert current is not None
    tour = turn.content.catalog.tours[current.route]
    lang = turn.session.lang
    lat, lon = float(turn.input.lat), float(turn.input.lon)  # type: ignore[arg-type]
    views = [v for v in stop_views(turn.content.catalog, tour) if v.checkin]
    if not views:
        return Reply([text_message(t(lang, "tour_no_checkin_points"))], turn.session)
    metres = {v.index: distance_km(lat, lon, v.lat, v.lon) * 1000 for v in views}  # type: ignore[arg-type]
    in_range = [v for v in views if metres[v.index] <= radius_m(turn, v)]
    in_range.sort(key=lambda v: (v.index != current.stop, metres[v.index]))
    next_item = _next_item(tour.id, current.stop, len(tour.stops), lang)
    if not in_range:
        nearest = min(views, key=lambda v: metres[v.index])
        text = t(lang, "tour_too_far", n=nearest.index + 1, name=nearest.name,
                 distance=_distance(metres[nearest.index], lang), radius=_distance(radius_m(turn, nearest), lang))
        return Reply(with_quick_replies([text_message(text)], [share_location(lang), next_item]), turn.session)
    view = in_range[0]
    already = view.index in current.stamps
    progress = current.stamped(view.index)
    key = "tour_checked_in_again" if already else "tour_checked_in"
    text = t(lang, key, n=view.index + 1, name=view.name, stamps=len(progress.stamps), total=len(views))
    items = [next_item]
    if view.index != current.stop:
        items.insert(0, tap(t(lang, "tour_stop_of", n=view.index + 1, total=len(tour.stops)),
                            data("tour_go", tour.id, view.index)))
    effects = [] if already else save(turn, progress)
    return Reply(with_quick_replies([text_message(text)], items), replace(turn.session), effects)


def _next_item(route: str, stop: int, total: int, lang: str) -> dict:
    if stop + 1 < total:
        return tap(t(lang, "btn_tour_next"), data("tour_go", route, stop + 1), t(lang, "btn_tour_next"))
    return tap(t(lang, "btn_tour_finish"), data("tour_end", route), t(lang, "btn_tour_finish"))


def _distance(metres: float, lang: str) -> str:
    if metres < 1000:
        return t(lang, "tour_m", m=int(round(metres, -1)))
    return t(lang, "tour_km", km=metres / 1000)
