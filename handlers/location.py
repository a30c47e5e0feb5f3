"""A shared location: list the nearest venues (of the search that asked for it), or say it is abroad."""

from __future__ import annotations

from dataclasses import replace

from bot.replies.phrases import t
from bot.replies.texts import ask, example_items, text_message, with_quick_replies
from bot.search.understand import Query
from bot.session import State
from bot.turn import Reply, Turn
from handlers.context import Context, describe
from handlers.nearby import in_thailand
from handlers.results import new_list


def matches(turn: Turn) -> bool:
    """Location messages with coordinates."""
    return turn.input.kind == "location" and turn.input.lat is not None and turn.input.lon is not None


def handle(turn: Turn) -> Reply:
    """Nearest venues, with distances, remembering the point (and when) for later "nearby" questions."""
    point = (float(turn.input.lat), float(turn.input.lon))  # type: ignore[arg-type]
    session, lang = turn.session, turn.session.lang
    if not in_thailand(*point):
        return Reply(with_quick_replies([text_message(t(lang, "abroad"))], example_items(lang)),
                     replace(session, state=State.IDLE))
    index = turn.content.index
    shared = {"anchor": list(point), "anchor_at": turn.now.isoformat()}
    # Only the search that asked for this location filters it; a type asked turns ago does not.
    waiting = session.state == State.AWAITING_LOCATION and bool(session.last_types or session.last_topics)
    types = tuple(session.last_types) if waiting else ()
    result = index.nearest(point, types)
    heading = None
    extra = []
    if waiting and result.ids:
        query = Query(text="", intent="find", lang=lang, venue_types=types, topics=tuple(session.last_topics))
        what = describe(turn.content, Context(query, None, False, ()), lang)
        heading = t(lang, "location_kept", what=what)
        # The type came from the earlier question, not this tap: offer to drop it (near me, any type).
        label = t(lang, "drop", what=what)
        extra = [ask(t(lang, "near_me_any"), label)]
    if not result.ids:
        result = index.nearest(point)
    return new_list(turn, result.ids, distances=result.distances, extra_items=extra, heading=heading,
                    origin=t(lang, "origin_you"), **shared)
