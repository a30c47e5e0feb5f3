"""Button taps: decode the postback and hand it to the action's handler in handlers.buttons.POSTBACKS."""

from __future__ import annotations

from bot.replies.codec import decode
from bot.replies.phrases import t
from bot.replies.texts import example_items, text_message, with_quick_replies
from bot.turn import Reply, Turn
from handlers.buttons import POSTBACKS


def matches(turn: Turn) -> bool:
    """Postback events."""
    return turn.input.kind == "postback"


def handle(turn: Turn) -> Reply:
    """Dispatch on the decoded action; anything stale, forged or unknown gets a polite "expired"."""
    tapped = decode(turn.input.data)
    action = POSTBACKS.get(tapped.action) if tapped else None
    if tapped is None or action is None:
        return expired(turn)
    return action(turn, tapped) or expired(turn)


def expired(turn: Turn) -> Reply:
    """The polite answer to a button that no longer means anything."""
    lang = turn.session.lang
    return Reply(with_quick_replies([text_message(t(lang, "expired"))], example_items(lang)), turn.session)
