"""Find venues and tour routes for a text query (names, places, types, topics, regions, nearby)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.effects import LogUnanswered
from bot.replies.phrases import t
from bot.replies.texts import example_items, share_location, text_message, with_quick_replies
from bot.turn import Reply, Turn
from handlers.alternatives import place_name, suggestions, type_word
from handlers.results import new_list


def matches(turn: Turn) -> bool:
    """Text whose parsed intent is to find something."""
    return turn.query is not None and turn.query.intent == "find"


def handle(turn: Turn) -> Reply:
    """Search, then show a carousel, or say nothing matched and offer alternatives."""
    query = turn.query
    assert query is not None
    content, lang = turn.content, turn.lang
    anchor = tuple(turn.session.anchor) if turn.session.anchor else None
    result = content.index.find(query, anchor=anchor)  # type: ignore[arg-type]
    remember: dict[str, Any] = {}
    if query.provinces:
        province = content.catalog.places.province(query.provinces[0])
        if province:
            remember["anchor"] = [province.lat, province.lon]
        remember["last_places"] = list(query.provinces)
    if query.venue_types:
        remember["last_types"] = list(query.venue_types)
    if result.mode == "need_location":
        messages = [text_message(t(lang, "need_location"))]
        return Reply(with_quick_replies(messages, [share_location(lang)]), replace(turn.session, lang=lang))
    alternatives = suggestions(content, query, lang, len(result.ids))
    if result.ids:
        return new_list(turn, result.ids, distances=result.distances, extra_items=alternatives, **remember)
    if not query.has_filters:
        session = replace(turn.session, lang=lang)
        messages = [text_message(t(lang, "out_of_scope"))]
        return Reply(with_quick_replies(messages, example_items(lang)), session, [LogUnanswered(query.text)])
    what = _what(turn)
    session = replace(turn.session, lang=lang, **remember)
    messages = [text_message(t(lang, "no_match", what=what))]
    return Reply(with_quick_replies(messages, alternatives + example_items(lang)), session, [LogUnanswered(query.text)])


def _what(turn: Turn) -> str:
    query, content, lang = turn.query, turn.content, turn.lang
    assert query is not None
    parts = []
    if query.venue_types:
        parts.append(type_word(content, query.venue_types[0], lang))
    elif query.topics:
        parts.append(query.topics[0])
    place = place_name(content, query, lang)
    if place:
        parts.append(t(lang, "in_place", place=place))
    if not parts:
        return t(lang, "no_match_what_default")
    return (" " if lang == "en" else "").join(parts)
