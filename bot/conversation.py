"""The pure conversation core: answer(session, user_input, content, now) -> Reply."""

from __future__ import annotations

from datetime import datetime

from bot.content import Content
from bot.errors import UserFacingError
from bot.replies.phrases import t
from bot.replies.texts import example_items, text_message, with_quick_replies
from bot.search.thai import MAX_QUERY_CHARS
from bot.session import Session
from bot.trip import Trips
from bot.turn import Reply, Turn, UserInput
from handlers import HANDLERS

MAX_MESSAGES = 5


def answer(session: Session, user_input: UserInput, content: Content, now: datetime,
           *, trips: Trips | None = None, follows: tuple[str, ...] = ()) -> Reply:
    """Answer one input: the first handler whose matches() is true handles it (no I/O here).

    `trips` is the citizen's tour progress and `follows` what they follow ("province:ขอนแก่น", …): both kept
    apart from the 30-minute session and read by the runner alongside it.
    """
    turn = Turn(session=session, input=user_input, content=content, now=now, trips=trips or Trips(),
                follows=follows)
    try:
        reply = _first_match(turn)
    except UserFacingError as error:
        lang = turn.lang
        reply = Reply(with_quick_replies([text_message(t(lang, error.key, **error.params))], example_items(lang)),
                      session)
    if user_input.kind == "text" and len(user_input.text) > MAX_QUERY_CHARS * 4 and reply.messages:
        reply.messages.insert(0, text_message(t(turn.lang, "too_long")))
    reply.messages = reply.messages[:MAX_MESSAGES]
    return reply


def _first_match(turn: Turn) -> Reply:
    for handler in HANDLERS:
        if handler.matches(turn):
            return handler.handle(turn)
    raise AssertionError("the fallback handler matches everything")
