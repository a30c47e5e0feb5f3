"""Rating a finished route 1–5 (quick replies) and an optional comment typed next; both counted per route."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.effects import CountTrip, Effect, SaveTrip
from bot.replies.codec import Postback
from bot.replies.phrases import t
from bot.replies.texts import example_items, tap, text_message, with_quick_replies
from bot.replies.tour_flex import data
from bot.trip import Progress
from bot.turn import Reply, Turn
from handlers.tour_guide import parse_item

COMMENT_WINDOW = timedelta(minutes=30)
COMMENT_MAX = 500


def _effects(turn: Turn, progress: Progress, **counted: object) -> list[Effect]:
    return [SaveTrip(progress.route, progress.to_json(), False, turn.trips.rules.ttl_s),
            CountTrip(progress.route, progress.started, progress.furthest, finished=progress.done,
                      **counted)]  # type: ignore[arg-type]


def on_rate(turn: Turn, tapped: Postback) -> Reply | None:
    """⭐ n: keep the rating (a second tap replaces it, never counts twice) and invite a comment."""
    parsed = parse_item(tapped)
    if not parsed or len(parsed[1]) != 1 or parsed[1][0] not in range(1, 6):
        return None
    route, (stars,) = parsed
    kept = turn.trips.routes.get(route)
    if kept is None:  # the trip expired before it was rated
        return None
    lang = turn.session.lang
    until = (turn.now + COMMENT_WINDOW).isoformat()
    progress = replace(kept, rating=stars, comment_until=until)
    items = [tap(t(lang, "tour_skip"), data("tour_skip", route), t(lang, "tour_skip"))]
    return Reply(with_quick_replies([text_message(t(lang, "tour_rated", n=stars))], items), turn.session,
                 _effects(turn, progress, rating=stars))


def on_skip(turn: Turn, tapped: Postback) -> Reply | None:
    """"Skip" the comment."""
    parsed = parse_item(tapped)
    kept = turn.trips.routes.get(parsed[0]) if parsed else None
    lang = turn.session.lang
    effects = _effects(turn, replace(kept, comment_until=None), rating=kept.rating) if kept else []
    return Reply(with_quick_replies([text_message(t(lang, "tour_skipped"))], example_items(lang)), turn.session,
                 effects)


def _awaiting(turn: Turn) -> Progress | None:
    waiting = [p for p in turn.trips.routes.values() if p.comment_until and _after(p.comment_until, turn.now)]
    return max(waiting, key=lambda p: p.comment_until or "") if waiting else None


def _after(stamp: str, now: datetime) -> bool:
    try:
        return datetime.fromisoformat(stamp) > now
    except (ValueError, TypeError):  # a corrupt or naive time never opens the comment window
        return False


def matches(turn: Turn) -> bool:
    """Text typed within 30 minutes of rating a route is its comment."""
    return turn.input.kind == "text" and bool(turn.input.text.strip()) and _awaiting(turn) is not None


def handle(turn: Turn) -> Reply:
    """Keep the comment (without who wrote it) in the route's statistics and thank the citizen."""
    progress = _awaiting(turn)
    assert progress is not None
    lang = turn.lang
    comment = turn.input.text.strip()[:COMMENT_MAX]
    effects = _effects(turn, replace(progress, comment_until=None), rating=progress.rating, comment=comment)
    return Reply(with_quick_replies([text_message(t(lang, "tour_comment_thanks"))], example_items(lang)),
                 replace(turn.session, lang=lang), effects)

