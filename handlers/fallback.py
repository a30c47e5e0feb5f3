"""Anything no other handler took: stickers, images, out-of-scope text, unfollow."""

from __future__ import annotations

from dataclasses import replace

from bot.effects import Effect, ForgetCitizen, LogUnanswered
from bot.replies.phrases import t
from bot.replies.texts import example_items, text_message, with_quick_replies
from bot.search.thai import normalise
from bot.session import Session
from bot.turn import Reply, Turn


def matches(turn: Turn) -> bool:
    """Always (the last handler)."""
    return True


def handle(turn: Turn) -> Reply:
    """A polite answer that says what the bot can do (text we could not answer is logged); unfollow forgets."""
    if turn.input.kind == "unfollow":
        return Reply([], Session(), [ForgetCitizen()])
    lang = turn.lang
    key = "out_of_scope" if turn.input.kind == "text" else "unsupported"
    effects: list[Effect] = []
    if turn.input.kind == "text" and turn.input.text.strip():
        effects.append(LogUnanswered(normalise(turn.input.text)[:200]))
    messages = with_quick_replies([text_message(t(lang, key))], example_items(lang))
    return Reply(messages, replace(turn.session, lang=lang), effects)
