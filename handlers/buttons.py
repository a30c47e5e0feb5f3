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
from handlers.tour_guide import on_finish, on_go, on_legs, on_read, on_resume, on_start, on_switch
from handlers.tour_rating import on_rate, on_skip

# An action returns None when the tap no longer applies (e.g. "more" from an older list): "expired".
PostbackAction = Callable[[Turn, Postback], Reply | None]

POSTBACKS: dict[str, PostbackAction] = {
    "more": more,
    "detail": show_details,
    "help": show_help,
    "tour_start": on_start,
    "tour_switch": on_switch,
    "tour_resume": on_resume,
    "tour_go": on_go,
    "tour_end": on_finish,
    "tour_read": on_read,
    "tour_legs": on_legs,
    "tour_rate": on_rate,
    "tour_skip": on_skip,
    "event": show_event,
    "follow": follow_button,
    "unfollow": unfollow_button,
    "unfollow_all": unfollow_all_button,
}
