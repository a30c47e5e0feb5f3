"""POSTBACKS: every button action and the function that answers it (a new button is one entry here)."""

from __future__ import annotations

from collections.abc import Callable

from bot.replies.codec import Postback
from bot.turn import Reply, Turn
from handlers import details, results, small_talk

# An action returns None when the tap no longer applies (e.g. "more" from an older list): "expired".
PostbackAction = Callable[[Turn, Postback], Reply | None]

POSTBACKS: dict[str, PostbackAction] = {
    "more": results.more,
    "detail": details.show,
    "help": small_talk.show_help,
}
