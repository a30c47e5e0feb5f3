"""Button taps: more results (checked against the session's sequence), details, help."""

from __future__ import annotations

from dataclasses import replace

from bot.messages import t
from bot.postback import decode
from bot.replies import detail_text, example_items, share_location, text_message, with_quick_replies
from bot.session import Reply
from bot.turn import Turn
from handlers.results import page


def matches(turn: Turn) -> bool:
    """Postback events."""
    return turn.input.kind == "postback"


def handle(turn: Turn) -> Reply:
    """Dispatch on the decoded action; anything stale or unknown gets a polite "expired"."""
    lang = turn.session.lang
    tapped = decode(turn.input.data)
    if tapped is None:
        return _expired(turn)
    if tapped.action == "help":
        return Reply(with_quick_replies([text_message(t(lang, "help"))], example_items(lang)), turn.session)
    if tapped.action == "detail":
        detail = detail_text(turn.library.catalog, tapped.item or "", lang)
        if detail is None:
            return Reply(with_quick_replies([text_message(t(lang, "gone"))], example_items(lang)), turn.session)
        return Reply(with_quick_replies([text_message(detail)], [share_location(lang)]), turn.session)
    # "more" belongs to one list: a tap from an older list (or after the session expired) is refused.
    if tapped.seq != turn.session.seq or not turn.session.results:
        return _expired(turn)
    return page(turn, replace(turn.session), [])


def _expired(turn: Turn) -> Reply:
    lang = turn.session.lang
    return Reply(with_quick_replies([text_message(t(lang, "expired"))], example_items(lang)), turn.session)
