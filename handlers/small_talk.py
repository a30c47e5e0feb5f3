"""Greetings, thanks and requests for help: a short text with example quick replies, never a venue."""

from __future__ import annotations

from dataclasses import replace

from bot.messages import t
from bot.replies import example_items, text_message, with_quick_replies
from bot.session import Reply
from bot.turn import Turn

_KEYS = {"greeting": "greeting", "help": "help", "thanks": "thanks"}


def matches(turn: Turn) -> bool:
    """Text parsed as greeting, help or thanks."""
    return turn.query is not None and turn.query.intent in _KEYS


def handle(turn: Turn) -> Reply:
    """Answer in the citizen's language."""
    assert turn.query is not None
    lang = turn.lang
    messages = with_quick_replies([text_message(t(lang, _KEYS[turn.query.intent]))], example_items(lang))
    return Reply(messages, replace(turn.session, lang=lang))
