"""A citizen adds the bot as a friend (or unblocks it): greet and show what the bot can do."""

from __future__ import annotations

from dataclasses import replace

from bot.replies.phrases import t
from bot.replies.texts import example_items, text_message, with_quick_replies
from bot.turn import Reply, Turn


def matches(turn: Turn) -> bool:
    """Follow events."""
    return turn.input.kind == "follow"


def handle(turn: Turn) -> Reply:
    """Greeting text with example quick replies."""
    lang = turn.session.lang
    messages = with_quick_replies([text_message(t(lang, "greeting"))], example_items(lang))
    return Reply(messages, replace(turn.session))
