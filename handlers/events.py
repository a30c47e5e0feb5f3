"""Event questions ("กิจกรรมเสาร์นี้ที่ขอนแก่น", "events this weekend"): upcoming events filtered, soonest first."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.catalog.events import NATIONWIDE, Event, Occurrence, upcoming
from bot.errors import UserFacingError
from bot.replies.codec import Postback, encode
from bot.replies.event_flex import MAX_BUBBLES, event_detail, events_carousel, title, when_text
from bot.replies.phrases import t
from bot.replies.texts import ask, example_items, share_location, tap, text_message, with_quick_replies
from bot.search.dates import DateRange, find_dates
from bot.search.thai import compact, normalise
from bot.search.understand import parse
from bot.turn import Reply, Turn
from handlers.alternatives import place_name

EVENT_WORDS = re.compile(r"กิจกรรม|อีเว้?น[ทต]์|\bevents?\b|what'?s on|มีงานอะไร|งานอะไร|เทศกาล|เวิร์[กค]ช็อป"
                         r"|workshops?", re.IGNORECASE)
# Question words left after the event words and dates are cut ("งาน" only as a word of its own, not "สำนักงาน").
_ASKING = re.compile(r"มีอะไร(?:บ้าง)?|อะไรบ้าง|บ้าง|ที่ไหน|ไหน|ไหม|มั้ย|(?:^|(?<=\s))งาน|ค่ะ|คะ|ครับ"
                     r"|\b(?:any|are there|which|where|is there)\b", re.I)
_MIN_TITLE_KEY = 5


@dataclass(frozen=True)
class EventQuery:
    """What an event question asks for: dates, places, topics, audience, a venue, named events."""

    dates: DateRange | None
    provinces: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    venue: str | None = None
    named: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # when the place was a region, its key (for the wording)


def _title_keys(event: Event) -> set[str]:
    keys = {compact(normalise(event.title_th)), compact(normalise(event.title_th.replace("แห่งชาติ", "")))}
    if event.title_en:
        keys.add(compact(normalise(event.title_en)))
        keys.add(compact(normalise(re.sub(r"(?i)\bnational\b", "", event.title_en))))
    return {key for key in keys if len(key) >= _MIN_TITLE_KEY}


def named_events(turn: Turn) -> tuple[str, ...]:
    """Ids of events whose title the text names ("งานวันเด็ก" names วันเด็กแห่งชาติ)."""
    text = compact(normalise(turn.input.text))
    return tuple(e.id for e in turn.content.catalog.events if any(key in text for key in _title_keys(e)))


def matches(turn: Turn) -> bool:
    """Text that asks about events, or names one."""
    if turn.input.kind != "text" or not turn.input.text.strip():
        return False
    return bool(EVENT_WORDS.search(turn.input.text)) or bool(named_events(turn))


def read(turn: Turn) -> EventQuery:
    """Dates from bot.search.dates; places, topics, audience and a named venue from the search parser."""
    dates, rest = find_dates(turn.input.text, turn.now)
    named = named_events(turn)
    rest = EVENT_WORDS.sub(" ", rest)
    for event_id in named:
        event = next(e for e in turn.content.catalog.events if e.id == event_id)
        for word in (event.title_th, event.title_th.replace("แห่งชาติ", ""), event.title_en or ""):
            if word:
                rest = re.sub(re.escape(word), " ", rest, flags=re.IGNORECASE)
    rest = _ASKING.sub(" ", rest).strip()
    if not rest:
        return EventQuery(dates, named=named)
    query = parse(rest, turn.content.lexicon)
    venue = None
    if query.intent == "find":
        found = turn.content.index.find(query)
        if found.mode == "named" and found.ids and found.ids[0] in turn.content.catalog.venues:
            venue = found.ids[0]
    provinces = list(query.provinces)
    for key in query.regions:  # "ภาคอีสาน": every province of the region
        region = turn.content.catalog.places.regions.get(key)
        provinces += [p for p in (region.provinces if region else []) if p not in provinces]
    return EventQuery(dates, tuple(provinces), query.topics, query.audience, venue, named, query.regions[:1])


def _fits(event: Event, asked: EventQuery, turn: Turn, place: bool = True) -> bool:
    catalog = turn.content.catalog
    if asked.named and event.id not in asked.named:
        return False
    if asked.venue and event.venue != asked.venue:
        return False
    if place and asked.provinces:
        venue = catalog.venues.get(event.venue or "")
        province = venue.province_th if venue else event.province_th
        if province not in asked.provinces and province != NATIONWIDE:
            return False
    if asked.topics and not set(asked.topics) & set(event.topics):
        return False
    return not (asked.audience and event.audience and not set(asked.audience) & set(event.audience))


def find(turn: Turn, asked: EventQuery, dated: bool = True, place: bool = True) -> list[Occurrence]:
    """Upcoming occurrences that fit the question, soonest first."""
    events = [e for e in turn.content.catalog.events if _fits(e, asked, turn, place)]
    first: date | None = asked.dates.start if dated and asked.dates else None
    last: date | None = asked.dates.end if dated and asked.dates else None
    return upcoming(events, turn.now, first, last)


def handle(turn: Turn) -> Reply:
    """Show matching events as a carousel, or say none match and offer the nearest date or places."""
    lang = turn.lang
    asked = read(turn)
    found = find(turn, asked)
    what = _what(turn, asked, lang)
    session = replace(turn.session, lang=lang)
    if found:
        more = t(lang, "ev_found_more", shown=MAX_BUBBLES) if len(found) > MAX_BUBBLES else ""
        messages = [text_message(t(lang, "ev_found", what=what, count=len(found), more=more)),
                    events_carousel(found, turn.content.catalog, lang)]
        items = [ask(t(lang, "qr_events_next_month"))] if asked.dates else []
        return Reply(with_quick_replies(messages, [*items, _my_follows(lang), share_location(lang)]), session)
    return Reply(_nothing(turn, asked, what, lang), session)


def _nothing(turn: Turn, asked: EventQuery, what: str, lang: str) -> list[dict[str, Any]]:
    """None found: name the nearest matching event at another date, and places that have events."""
    lines = [t(lang, "ev_none", what=what)]
    items: list[dict[str, Any]] = []
    other_dates = find(turn, asked, dated=False) if asked.dates else []
    if other_dates:
        nearest = other_dates[0]
        lines.append(t(lang, "ev_nearest", title=title(nearest.event, lang), when=when_text(nearest, lang)))
        items.append(tap(title(nearest.event, lang), encode("event", item=nearest.event.id)))
    elsewhere = find(turn, replace(asked, provinces=()), place=False) if asked.provinces else []
    provinces = []
    for occurrence in elsewhere:
        venue = turn.content.catalog.venues.get(occurrence.event.venue or "")
        province = venue.province_th if venue else occurrence.event.province_th
        if province and province != NATIONWIDE and province not in provinces:
            provinces.append(province)
    items += [ask(t(lang, "qr_events_in", place=p)) for p in provinces[:4]]
    everything = upcoming(turn.content.catalog.events, turn.now)
    if not everything:
        lines = [t("th" if lang != "en" else "en", "ev_none_at_all")]
    else:
        items.append(ask(t(lang, "qr_events_text"), t(lang, "qr_events")))
    return with_quick_replies([text_message("\n".join(lines))], items + example_items(lang))


def _my_follows(lang: str) -> dict[str, Any]:
    return ask(t(lang, "qr_my_follows"))


def _what(turn: Turn, asked: EventQuery, lang: str) -> str:
    parts = []
    if asked.topics:
        parts.append(t(lang, "ev_topic", topic=asked.topics[0]))
    if asked.venue:
        venue = turn.content.catalog.venues[asked.venue]
        parts.append(t(lang, "ev_at_venue", venue=venue.name_en if lang == "en" and venue.name_en else venue.name_th))
    elif asked.regions:
        region = turn.content.catalog.places.regions[asked.regions[0]]
        parts.append(t(lang, "ev_in", place=region.name_en if lang == "en" else region.name_th))
    elif asked.provinces:
        place = place_name(turn.content, parse(asked.provinces[0], turn.content.lexicon), lang)
        parts.append(t(lang, "ev_in", place=place or asked.provinces[0]))
    if asked.dates:
        parts.append(t(lang, "ev_on", words=asked.dates.words))
    return ("" if lang == "en" else " ").join(parts)


def show(turn: Turn, tapped: Postback) -> Reply:
    """The event's details button: everything about its next occurrence."""
    lang = turn.session.lang
    event = next((e for e in turn.content.catalog.events if e.id == tapped.item), None)
    found = upcoming([event], turn.now) if event else []
    if not found:
        raise UserFacingError("ev_gone")
    text = event_detail(found[0], turn.content.catalog, lang)
    return Reply(with_quick_replies([text_message(text)], [ask(t(lang, "qr_events_text"), t(lang, "qr_events"))]),
                 turn.session)
