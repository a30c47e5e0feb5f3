"""Find venues and tour routes for a text query (names, places, types, topics, regions, nearby, a day)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from bot.catalog.models import Venue
from bot.effects import LogUnanswered
from bot.replies.facts import display_name, open_on
from bot.replies.phrases import t
from bot.replies.talk_phrases import DAY_FULL
from bot.replies.texts import example_items, share_location, text_message, with_quick_replies
from bot.search.index import SearchResult
from bot.search.thai import compact
from bot.session import State
from bot.turn import Reply, Turn
from handlers.alternatives import place_name, suggestions, type_word
from handlers.context import Context, describe, drop_items, read
from handlers.context import remember as facets_of
from handlers.nearby import Origin, origin_of
from handlers.results import count_heading, new_list

NAMED_ALTERNATIVES = 2  # a named venue is shown with at most two close alternatives


def matches(turn: Turn) -> bool:
    """Text whose parsed intent is to find something."""
    return turn.query is not None and turn.query.intent == "find"


def handle(turn: Turn) -> Reply:
    """Search, then show a carousel, or say nothing matched and offer alternatives."""
    typed = turn.query
    assert typed is not None
    ctx = read(turn)
    query, content, lang = ctx.query, turn.content, turn.lang
    index = content.index
    remember: dict[str, Any] = {**facets_of(ctx), "focus": None, "origin": None}
    origin = origin_of(turn, query, typed)
    if origin is not None and origin.missing:
        return need_location(turn, ctx, remember)
    if origin is None and typed.nearby:
        query = replace(query, nearby=False)  # "ใกล้<landmark>": the address finds it
    shared = turn.session.location(turn.now)
    bare = not (query.provinces or query.regions or query.districts or query.words) and query.has_filters
    if origin is None and bare and shared and not query.wants_tour:
        origin = Origin(shared, t(lang, "origin_you"))  # "ห้องสมุด" right after sharing a location
    if origin is not None and origin.point is not None and not query.words:
        # "museum near Chiang Mai": by distance, never a name read out of the type and place words
        result = index.nearest(origin.point, query.venue_types, query=query)
    elif origin is not None and origin.point is not None:
        result = index.find(replace(query, nearby=True), anchor=origin.point)
    else:
        result = index.find(replace(query, nearby=False))
    drops = drop_items(content, ctx, lang)
    alternatives = drops + suggestions(content, query, lang, len(result.ids))
    if not result.ids:
        return _nothing(turn, ctx, remember, alternatives)
    what = describe(content, ctx, lang)
    if result.mode == "nearby" and origin is not None:
        remember["origin"] = origin.label
        unplaced = Context(replace(query, provinces=(), regions=(), districts=()), ctx.day, False, ())
        heading = t(lang, "heading_near", what=describe(content, unplaced, lang) or t(lang, "what_all"),
                    origin=origin.label)
        return new_list(turn, _by_day(turn, result.ids, ctx.day), distances=result.distances,
                        extra_items=alternatives, heading=heading, **remember)
    if result.mode == "named":
        return _named(turn, result, alternatives, remember)
    ids = _by_day(turn, result.ids, ctx.day)
    unlisted = _not_listed(turn, ctx, result)
    if unlisted:
        return new_list(turn, ids, extra_items=alternatives, heading=unlisted, **remember)
    everywhere = bare and not query.audience and not ctx.day
    heading = count_heading(turn, what, len(ids), everywhere=everywhere and bool(what)) + _day_counts(turn, ids, ctx)
    return new_list(turn, ids, extra_items=alternatives, heading=heading, **remember)


def need_location(turn: Turn, ctx: Context, remember: dict[str, Any]) -> Reply:
    """Ask for the citizen's location, keeping the search so the shared point answers it."""
    lang = turn.lang
    what = describe(turn.content, ctx, lang)
    text = t(lang, "need_location_for", what=what) if what else t(lang, "need_location")
    session = replace(turn.session, lang=lang, state=State.AWAITING_LOCATION, **remember)
    return Reply(with_quick_replies([text_message(text)], [share_location(lang)]), session)


def _named(turn: Turn, result: SearchResult, alternatives: list[dict[str, Any]], remember: dict[str, Any]) -> Reply:
    """A named venue first, alone or with at most two close alternatives — not its whole type."""
    lang = turn.lang
    ids = [result.ids[0], *turn.content.index.close_names(turn.query, result.ids[1 : 1 + NAMED_ALTERNATIVES])]
    first = turn.content.catalog.item(ids[0])
    name = display_name(first, lang) if isinstance(first, Venue) else (first.name_th if first else "")
    heading = t(lang, "heading_named_alts", name=name, count=len(ids) - 1) if len(ids) > 1 else \
        t(lang, "heading_named", name=name)
    remember["focus"] = ids[0]
    return new_list(turn, ids, extra_items=alternatives, heading=heading, **remember)


def _by_day(turn: Turn, ids: tuple[str, ...], day: date | None) -> list[str]:
    """Open that day first, then venues without hours (never taken as open), closed last; stable otherwise."""
    if day is None:
        return list(ids)
    venues = turn.content.catalog.venues

    def rank(item_id: str) -> int:
        venue = venues.get(item_id)
        state = open_on(venue, day) if venue else None
        return 0 if state else (1 if state is None else 2)
    return sorted(ids, key=rank)


def _day_counts(turn: Turn, ids: list[str], ctx: Context) -> str:
    """How many are open on the day asked, have no hours, or are closed (the order they are listed in)."""
    if ctx.day is None:
        return ""
    venues = turn.content.catalog.venues
    states = [open_on(venues[i], ctx.day) for i in ids if i in venues]
    key = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[ctx.day.weekday()]
    return t(turn.lang, "day_counts", day=DAY_FULL[turn.lang][key], open=states.count(True),
             unknown=states.count(None), closed=states.count(False))


def _not_listed(turn: Turn, ctx: Context, result: SearchResult) -> str | None:
    """"พิพิธภัณฑ์ศิริราช": a type word then a name we do not list — say so above the nearest real matches."""
    query = ctx.query
    if not (query.venue_types and query.words) or query.provinces or query.regions or result.mode != "filtered":
        return None
    name = compact("".join(query.words))
    if len(name) < 4 or not query.core.endswith(name):
        return None
    scores = turn.content.index.word_scores(query)
    if max(scores.values(), default=0) >= 50:
        return None
    what = type_word(turn.content, query.venue_types[0], turn.lang) + ("" if turn.lang == "th" else " ") + \
        " ".join(query.words)
    return t(turn.lang, "not_listed", what=what)


def _nothing(turn: Turn, ctx: Context, remember: dict[str, Any], alternatives: list[dict[str, Any]]
             ) -> Reply:
    query, lang = ctx.query, turn.lang
    if not query.has_filters:
        session = replace(turn.session, lang=lang)
        messages = [text_message(t(lang, "out_of_scope"))]
        return Reply(with_quick_replies(messages, example_items(lang)), session, [LogUnanswered(query.text)])
    session = replace(turn.session, lang=lang, **remember)
    messages = [text_message(t(lang, "no_match", what=_what(turn, ctx)))]
    return Reply(with_quick_replies(messages, alternatives + example_items(lang)), session,
                 [LogUnanswered(query.text)])


def _what(turn: Turn, ctx: Context) -> str:
    query, content, lang = ctx.query, turn.content, turn.lang
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
