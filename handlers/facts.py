"""Questions about one venue: "X เปิดกี่โมง", "เปิดวันจันทร์ไหม", "open now", "เบอร์โทร X", website, fee, directions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.catalog.models import Venue
from bot.replies.facts import fact_answer, hours_answer
from bot.replies.phrases import t
from bot.replies.texts import example_items, text_message, with_quick_replies
from bot.turn import Reply, Turn
from handlers.context import read
from handlers.results import new_list
from handlers.search import handle as search_handle

NAMED_ALTERNATIVES = 2


def matches(turn: Turn) -> bool:
    """Text that asks a fact (hours, phone, website, fee, directions)."""
    query = turn.query
    return query is not None and query.intent == "find" and bool(query.asks)


def handle(turn: Turn) -> Reply:
    """Answer about the venue named in the message, else the venue the conversation is about."""
    query = turn.query
    assert query is not None
    lang, content = turn.lang, turn.content
    ids: list[str] = []
    if query.words or query.core:
        result = content.index.find(replace(query, nearby=False))
        if result.mode == "named" and result.ids and result.ids[0] in content.catalog.venues:
            ids = list(result.ids[: 1 + NAMED_ALTERNATIVES])
        elif query.has_filters:
            return search_handle(turn)  # "พิพิธภัณฑ์ในกรุงเทพ เปิดวันจันทร์ไหม": a search on a day
    if not ids and turn.session.focus in content.catalog.venues and not query.has_filters:
        ids = [turn.session.focus]
    if not ids:
        if query.has_filters:
            return search_handle(turn)
        messages = with_quick_replies([text_message(t(lang, "which_venue"))], example_items(lang))
        return Reply(messages, replace(turn.session, lang=lang))
    venue = content.catalog.venues[ids[0]]
    return new_list(turn, ids, heading=answer_text(turn, venue), focus=venue.id)


def answer_text(turn: Turn, venue: Venue) -> str:
    """The direct sentence(s) for every fact asked, in the order asked."""
    query = turn.query
    assert query is not None
    ctx = read(turn)
    province = turn.content.catalog.places.province(venue.province_th)
    lines: list[Any] = []
    for fact in dict.fromkeys(query.asks):
        if fact == "hours":
            lines.append(hours_answer(venue, turn.lang, turn.now, ctx.day, ctx.now_asked))
        else:
            lines.append(fact_answer(venue, turn.lang, fact, province.name_en if province else None))
    return "\n".join(lines)
