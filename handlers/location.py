"""A shared location: list the nearest venues (of the last asked type, when there was one)."""

from __future__ import annotations

from bot.turn import Reply, Turn
from handlers.results import new_list


def matches(turn: Turn) -> bool:
    """Location messages with coordinates."""
    return turn.input.kind == "location" and turn.input.lat is not None and turn.input.lon is not None


def handle(turn: Turn) -> Reply:
    """Nearest venues, with distances, remembering the point for later "nearby" questions."""
    point = (float(turn.input.lat), float(turn.input.lon))  # type: ignore[arg-type]
    index = turn.content.index
    result = index.nearest(point, tuple(turn.session.last_types))
    if not result.ids:
        result = index.nearest(point)
    return new_list(turn, result.ids, distances=result.distances, anchor=list(point))
