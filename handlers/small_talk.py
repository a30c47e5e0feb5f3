"""Greetings, thanks and requests for help: a short text with example quick replies, never a venue."""

from __future__ import annotations

from dataclasses import replace

from bot.replies.codec import Postback
from bot.replies.phrases import t
from bot.replies.texts import example_items, text_message, with_quick_replies
from bot.turn import Reply, Turn

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


def show_help(turn: Turn, tapped: Postback) -> Reply:
    """The help button: what the bot can do, with examples."""
    lang = turn.session.lang
    return Reply(with_quick_replies([text_message(t(lang, "help"))], example_items(lang)), turn.session)
