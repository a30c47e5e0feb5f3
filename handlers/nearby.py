"""Where distances are measured from: only a point the citizen gave — a shared location or a named place."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.content import Content
from bot.replies.phrases import t
from bot.search.understand import Query
from bot.session import Session
from bot.turn import Turn

# Thailand's extent with a margin (content models hold venues to 5.6–20.5 N, 97.3–105.7 E).
THAILAND = (5.0, 21.0, 97.0, 106.0)


@dataclass(frozen=True)
class Origin:
    """A point to measure from and how the reply names it; `missing` when the citizen must share a location."""

    point: tuple[float, float] | None = None
    label: str = ""
    missing: bool = False


def in_thailand(lat: float, lon: float) -> bool:
    """True for a point inside Thailand's bounding box (with a small margin)."""
    south, north, west, east = THAILAND
    return south <= lat <= north and west <= lon <= east


def place_point(content: Content, query: Query, lang: str) -> Origin | None:
    """The centre of the district, else the province, the query names ("ใกล้แม่ริม" → อ.แม่ริม)."""
    places = content.catalog.places
    if query.districts and query.provinces:
        district = next((d for d in places.districts if d.name_th == query.districts[0]
                         and d.province_th in query.provinces), None)
        if district:
            return Origin((district.lat, district.lon), t(lang, "origin_district", name=district.name_th))
    if query.provinces:
        province = places.province(query.provinces[0])
        if province:
            name = province.name_en if lang == "en" else province.name_th
            return Origin((province.lat, province.lon), t(lang, "origin_province", name=name))
    return None


def origin_of(turn: Turn, query: Query, typed: Query) -> Origin | None:
    """Where to measure "nearby" from for this query, or None when the question is not about nearness.

    `typed` is what the citizen wrote in this message; `query` may carry remembered facets as well.
    """
    session: Session = turn.session
    lang = turn.lang
    shared = session.location(turn.now)
    if typed.near_me:
        return Origin(shared, t(lang, "origin_you")) if shared else Origin(missing=True)
    if not typed.nearby:
        return None
    named = place_point(turn.content, typed, lang)
    if named:
        return named
    if shared:
        return Origin(shared, t(lang, "origin_you"))
    if typed.words:
        return None  # "ใกล้สะพานข้ามแม่น้ำแคว": a landmark, found through the address
    if not (query.provinces or query.districts) and session.last_places:
        districts = tuple(d.split("/", 1)[1] for d in session.last_districts)
        query = replace(query, provinces=tuple(session.last_places), districts=districts)
    remembered = place_point(turn.content, query, lang)
    if remembered:  # "พิพิธภัณฑ์ใกล้เคียง" after a question about a province: from its centre, and said so
        return remembered
    return Origin(missing=True)
