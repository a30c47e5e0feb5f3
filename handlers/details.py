"""The "details" button: a venue's full facts or a tour's stops as text."""

from __future__ import annotations

from bot.errors import UserFacingError
from bot.replies.codec import Postback, encode
from bot.replies.phrases import t
from bot.replies.texts import detail_text, share_location, tap, text_message, with_quick_replies
from bot.turn import Reply, Turn


def show(turn: Turn, tapped: Postback) -> Reply:
    """Details of the tapped item (ids are stable, so a tap from an old list still works)."""
    lang = turn.session.lang
    detail = detail_text(turn.content.catalog, tapped.item or "", lang)
    if detail is None:  # removed from the content since the list was shown
        raise UserFacingError("gone")
    items = [share_location(lang)]
    if tapped.item in turn.content.catalog.tours:  # a route's stops: offer to start the guide
        items.insert(0, tap(t(lang, "btn_tour_start"), encode("tour_start", item=tapped.item),
                            t(lang, "btn_tour_start")))
    return Reply(with_quick_replies([text_message(detail)], items), turn.session)
