"""Anything no other handler took: stickers, images, out-of-scope text, unfollow."""

from __future__ import annotations

from dataclasses import replace

from bot.messages import t
from bot.replies import example_items, text_message, with_quick_replies
from bot.session import Reply
from bot.turn import Turn


def matches(turn: Turn) -> bool:
    """Always (the last handler)."""
    return True


def handle(turn: Turn) -> Reply:
    """A polite answer that says what the bot can do; nothing for unfollow."""
    if turn.input.kind == "unfollow":
        return Reply([], turn.session)
    lang = turn.lang
    key = "out_of_scope" if turn.input.kind == "text" else "unsupported"
    messages = with_quick_replies([text_message(t(lang, key))], example_items(lang))
    return Reply(messages, replace(turn.session, lang=lang))
