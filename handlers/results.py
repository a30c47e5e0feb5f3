"""Presenting a ranked list: a count line, one carousel page, and quick replies to page or go elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from bot.replies.codec import Postback, encode
from bot.replies.flex import carousel
from bot.replies.phrases import t
from bot.replies.texts import share_location, tap, text_message, with_quick_replies
from bot.session import MAX_RESULTS, PAGE_SIZE, Session, State
from bot.turn import Reply, Turn


def new_list(turn: Turn, ids: tuple[str, ...] | list[str], distances: dict[str, float] | None = None,
             extra_items: list[dict[str, Any]] | None = None, heading: str | None = None, **remember: Any
             ) -> Reply:
    """Start a new result list (a new sequence number) and show its first page."""
    lang = turn.lang
    kept = list(dict.fromkeys(ids))[:MAX_RESULTS]
    session = replace(turn.session, seq=turn.session.seq + 1, lang=lang, results=kept, shown=0,
                      state=State.BROWSING, **remember,
                      distances={k: round(v, 2) for k, v in (distances or {}).items() if k in kept})
    return page(turn, session, extra_items or [], heading)


def count_heading(turn: Turn, what: str, total: int, everywhere: bool = False) -> str:
    """"พิพิธภัณฑ์ในขอนแก่น · 3 แห่ง", with the paging hint when there is more than one page."""
    lang = turn.lang
    more = t(lang, "found_more", shown=PAGE_SIZE) if total > PAGE_SIZE else ""
    if not what:
        return t(lang, "found", count=total, more=more)
    return t(lang, "heading_everywhere" if everywhere else "heading", what=what, count=total, more=more)


def page(turn: Turn, session: Session, extra_items: list[dict[str, Any]], heading: str | None = None) -> Reply:
    """Show the next page of the session's list."""
    lang = session.lang
    catalog = turn.content.catalog
    remaining = [i for i in session.results[session.shown :] if catalog.item(i) is not None]
    chunk = remaining[:PAGE_SIZE]
    session = replace(session, shown=session.results.index(chunk[-1]) + 1 if chunk else len(session.results))
    if not chunk:
        return Reply(with_quick_replies([text_message(t(lang, "no_more"))], [share_location(lang)]), session)
    more_left = any(catalog.item(i) for i in session.results[session.shown :])
    if heading is None:
        total = len([i for i in session.results if catalog.item(i)])
        more = t(lang, "found_more", shown=session.shown) if more_left and session.shown <= PAGE_SIZE else ""
        heading = t(lang, "found_near", count=len(chunk)) if session.distances else \
            t(lang, "found", count=total, more=more)
    distances = session.distances or None
    day = date.fromisoformat(session.last_day) if session.last_day else None
    messages = [text_message(heading), carousel(catalog, chunk, lang, distances, turn.now, day)]
    items: list[dict[str, Any]] = []
    if more_left:
        items.append(tap(t(lang, "qr_more"), encode("more", seq=session.seq), t(lang, "qr_more")))
    items += extra_items
    items.append(share_location(lang))
    return Reply(with_quick_replies(messages, items), session)


def more(turn: Turn, tapped: Postback) -> Reply | None:
    """The "more" button belongs to one list: a tap from an older list (or after the session expired) is refused."""
    if tapped.seq != turn.session.seq or not turn.session.results:
        return None
    return page(turn, replace(turn.session), [])
