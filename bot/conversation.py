"""The pure conversation core: answer(session, user_input, catalog, now) -> Reply."""

from __future__ import annotations

from datetime import datetime

from bot.library import Library
from bot.messages import t
from bot.replies import text_message
from bot.session import Reply, Session, UserInput
from bot.thai import MAX_QUERY_CHARS
from bot.turn import Turn
from handlers import HANDLERS

MAX_MESSAGES = 5


def answer(session: Session, user_input: UserInput, catalog: Library, now: datetime) -> Reply:
    """Answer one input: the first handler whose matches() is true handles it (no I/O here)."""
    turn = Turn(session=session, input=user_input, library=catalog, now=now)
    for handler in HANDLERS:
        if handler.matches(turn):
            reply = handler.handle(turn)
            break
    if user_input.kind == "text" and len(user_input.text) > MAX_QUERY_CHARS * 4 and reply.messages:
        reply.messages.insert(0, text_message(t(turn.lang, "too_long")))
    reply.messages = reply.messages[:MAX_MESSAGES]
    return reply
