"""Follow-ups about the list on screen: "ขออีก"/"ดูเพิ่มเติม" (the next page) and "อันไหนใกล้สุด" (by distance)."""

from __future__ import annotations

from dataclasses import replace

from bot.replies.phrases import t
from bot.replies.texts import example_items, share_location, text_message, with_quick_replies
from bot.search.geo import distance_km
from bot.session import State
from bot.turn import Reply, Turn
from handlers.context import read
from handlers.nearby import Origin, place_point
from handlers.results import new_list, page


def matches(turn: Turn) -> bool:
    """"More" or "nearest" with nothing else asked (no new place, type or name)."""
    query = turn.query
    if query is None or query.intent != "find" or not (query.more or query.nearest):
        return False
    return not (query.has_filters and not query.nearby) and not query.words and not query.asks


def handle(turn: Turn) -> Reply:
    """Page on, or re-sort the current list by distance from the citizen's point (asking for it if needed)."""
    query, session, lang = turn.query, turn.session, turn.lang
    assert query is not None
    if query.nearest:
        return _nearest(turn)
    if session.results and session.shown < len(session.results):
        return page(turn, replace(session, lang=lang), [])
    if session.results:
        return Reply(with_quick_replies([text_message(t(lang, "no_more"))], [share_location(lang)]),
                     replace(session, lang=lang))
    return Reply(with_quick_replies([text_message(t(lang, "nothing_to_sort"))], example_items(lang)),
                 replace(session, lang=lang))


def _nearest(turn: Turn) -> Reply:
    session, lang, content = turn.session, turn.lang, turn.content
    venues = content.catalog.venues
    located = [i for i in session.results if i in venues and venues[i].lat is not None]
    if not located:
        return Reply(with_quick_replies([text_message(t(lang, "nothing_to_sort"))], example_items(lang)),
                     replace(session, lang=lang))
    shared = session.location(turn.now)
    origin = Origin(shared, t(lang, "origin_you")) if shared else None
    if origin is None:
        ctx = read(turn)
        origin = place_point(content, replace(ctx.query, provinces=tuple(session.last_places),
                                                     districts=tuple(d.split("/", 1)[1]
                                                                     for d in session.last_districts)), lang)
    if origin is None or origin.point is None:
        messages = [text_message(t(lang, "need_location"))]
        return Reply(with_quick_replies(messages, [share_location(lang)]),
                     replace(session, lang=lang, state=State.AWAITING_LOCATION))
    lat, lon = origin.point
    dist = {i: distance_km(lat, lon, venues[i].lat, venues[i].lon) for i in located}  # type: ignore[arg-type]
    ranked = sorted(located, key=lambda i: (round(dist[i], 1), venues[i].location_precision != "exact"))
    what = t(lang, "what_all")
    heading = t(lang, "heading_near", what=what, origin=origin.label)
    return new_list(turn, ranked, distances=dist, heading=heading, origin=origin.label)
