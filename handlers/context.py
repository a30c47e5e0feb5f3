"""The current search kept in the session: follow-ups that change one facet keep the others, and say so."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.content import Content
from bot.replies.phrases import t
from bot.replies.talk_phrases import DAY_FULL
from bot.replies.texts import ask
from bot.search.dates import find_dates
from bot.search.understand import Query
from bot.session import Session
from bot.turn import Turn
from handlers.alternatives import type_word

GROUPS = ("what", "where", "who", "when")


@dataclass(frozen=True)
class Context:
    """The search a reply is about: the query with remembered facets filled in, its day, what came from memory."""

    query: Query
    day: date | None
    now_asked: bool
    remembered: tuple[str, ...]


def _has(query: Query, group: str) -> bool:
    if group == "what":
        return bool(query.venue_types or query.topics or query.wants_tour or query.exclude_types)
    if group == "where":
        return bool(query.provinces or query.districts or query.regions)
    return bool(query.audience) if group == "who" else query.timed


def _session_has(session: Session, group: str) -> bool:
    if group == "what":
        return bool(session.last_types or session.last_topics)
    if group == "where":
        return bool(session.last_places or session.last_regions or session.last_districts)
    return bool(session.last_audience) if group == "who" else session.last_day is not None


def is_follow_up(query: Query, session: Session) -> bool:
    """A follow-up ("แล้วที่เชียงใหม่ล่ะ", "what about libraries?", "วันจันทร์ล่ะ") to a search in this session."""
    if not any(_session_has(session, g) for g in GROUPS):
        return False
    if query.follow_up:
        return True
    # "เปิดวันอาทิตย์ไหม" or "สำหรับเด็ก" alone narrows the search in progress.
    typed = [g for g in GROUPS if _has(query, g)]
    return bool(typed) and set(typed) <= {"who", "when"} and not query.words


def read(turn: Turn) -> Context:
    """The turn's search with the session's facets filled in when it is a follow-up."""
    query, session = turn.query, turn.session
    assert query is not None
    day, now_asked = _day(turn, query)
    if not is_follow_up(query, session):
        return Context(query, day, now_asked, ())
    remembered: list[str] = []
    if not _has(query, "what") and _session_has(session, "what"):
        query = replace(query, venue_types=tuple(session.last_types), topics=tuple(session.last_topics))
        remembered.append("what")
    if not _has(query, "where") and _session_has(session, "where"):
        districts = tuple(d.split("/", 1)[1] for d in session.last_districts)
        query = replace(query, provinces=tuple(session.last_places), regions=tuple(session.last_regions),
                        districts=districts)
        remembered.append("where")
    if not _has(query, "who") and session.last_audience:
        query = replace(query, audience=tuple(session.last_audience))
    if day is None and session.last_day and not now_asked:
        day = date.fromisoformat(session.last_day)
        remembered.append("when")
    return Context(query, day, now_asked, tuple(remembered))


_NOW_WORDS = ("ตอนนี้", "เดี๋ยวนี้", "now", "เปิดอยู่", "ยังเปิด")


def _day(turn: Turn, query: Query) -> tuple[date | None, bool]:
    text = turn.input.text.lower()
    now_asked = any(w in text for w in _NOW_WORDS)
    if not query.timed:
        return None, now_asked
    found, _ = find_dates(text, turn.now)
    return (found.start if found else None), now_asked


def remember(context: Context) -> dict[str, Any]:
    """Session fields for the search just answered (a new question replaces every facet)."""
    query = context.query
    provinces = list(query.provinces)
    return {
        "last_types": list(query.venue_types), "last_topics": list(query.topics),
        "last_places": provinces, "last_regions": list(query.regions),
        "last_districts": [f"{provinces[0]}/{d}" for d in query.districts] if provinces else [],
        "last_audience": list(query.audience),
        "last_day": context.day.isoformat() if context.day else None,
    }


def describe(content: Content, context: Context, lang: str) -> str:
    """What was understood, e.g. "พิพิธภัณฑ์ในขอนแก่น · เปิดวันจันทร์" (empty when nothing was)."""
    query = context.query
    what = type_word(content, query.venue_types[0], lang) if query.venue_types else \
        (query.topics[0] if query.topics else "")
    place = place_label(content, query, lang)
    text = what or (t(lang, "what_all") if place else "")
    if place:
        text += (" " if lang == "en" else "") + t(lang, "in_place", place=place)
    if context.day and text:
        text += " · " + t(lang, "on_day", day=DAY_FULL[lang][_key(context.day)])
    return text[:1].upper() + text[1:] if lang == "en" else text


def place_label(content: Content, query: Query, lang: str) -> str | None:
    """The most specific place of the query (district, else province, else region) in the citizen's language."""
    places = content.catalog.places
    if query.districts and lang == "th":
        return f"อ.{query.districts[0]}"
    if query.provinces:
        province = places.province(query.provinces[0])
        if province:
            return province.name_en if lang == "en" else province.name_th
    for key in query.regions:
        region = places.regions.get(key)
        if region:
            return region.name_en if lang == "en" else region.name_th
    return None


def _key(day: date) -> str:
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]


def drop_items(content: Content, context: Context, lang: str) -> list[dict[str, Any]]:
    """Quick replies that ask the same question without each remembered facet the citizen did not just type."""
    items = []
    query = context.query
    for group in context.remembered:
        kept = replace(query, provinces=(), regions=(), districts=()) if group == "where" else query
        kept = replace(kept, venue_types=(), topics=()) if group == "what" else kept
        day = None if group == "when" else context.day
        text = describe(content, Context(kept, day, False, ()), lang)
        what = type_word(content, query.venue_types[0], lang) if query.venue_types else \
            (query.topics[0] if query.topics else t(lang, "drop_type"))
        label = {"where": place_label(content, query, lang) or t(lang, "drop_place"),
                 "what": what, "when": t(lang, "drop_day")}[group]
        if text:
            items.append(ask(text.replace(" · ", " "), t(lang, "drop", what=label)))
    return items
