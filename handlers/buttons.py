"""POSTBACKS: every button action and the function that answers it (a new button is one entry here)."""

from __future__ import annotations

from collections.abc import Callable

from bot.replies.codec import Postback
from bot.turn import Reply, Turn
from handlers.details import show as show_details
from handlers.events import show as show_event
from handlers.follows import follow_button, unfollow_all_button, unfollow_button
from handlers.results import more
from handlers.small_talk import show_help

# An action returns None when the tap no longer applies (e.g. "more" from an older list): "expired".
PostbackAction = Callable[[Turn, Postback], Reply | None]

POSTBACKS: dict[str, PostbackAction] = {
    "more": more,
    "detail": show_details,
    "help": show_help,
    "event": show_event,
    "follow": follow_button,
    "unfollow": unfollow_button,
    "unfollow_all": unfollow_all_button,
}
