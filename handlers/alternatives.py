"""Suggestions offered as quick replies when a search finds few or no matches."""

from __future__ import annotations

from typing import Any

from bot.content import Content
from bot.replies.phrases import t
from bot.replies.texts import ask
from bot.search.understand import Query


def type_word(content: Content, vtype: str, lang: str) -> str:
    """The everyday word for a venue type, as a citizen would type it (first keyword)."""
    words = content.catalog.keywords.types.get(vtype, [])
    if lang == "en":
        english = [w for w in words if w.isascii()]
        return english[0] if english else vtype.replace("_", " ")
    thai = [w for w in words if not w.isascii()]
    return thai[0] if thai else content.catalog.keywords.type_labels_th.get(vtype, vtype)


def place_name(content: Content, query: Query, lang: str) -> str | None:
    """The first place the query named, in the citizen's language."""
    if query.provinces:
        province = content.catalog.places.province(query.provinces[0])
        if province:
            return province.name_en if lang == "en" else province.name_th
    for key in query.regions:
        region = content.catalog.places.regions.get(key)
        if region:
            return region.name_en if lang == "en" else region.name_th
    return None


def suggestions(content: Content, query: Query, lang: str, found: int) -> list[dict[str, Any]]:
    """Quick replies: other types in the same place, the same type nearby or in the region."""
    index = content.index
    place = place_name(content, query, lang)
    items: list[dict[str, Any]] = []
    if query.venue_types and place and query.provinces:
        places = set(query.provinces)
        for vtype in index.types_present(places, query.venue_types)[:2]:
            items.append(ask(t(lang, "type_in_place", type=type_word(content, vtype, lang), place=place)))
        word = type_word(content, query.venue_types[0], lang)
        items.append(ask(t(lang, "type_nearby", type=word)))
        province = content.catalog.places.province(query.provinces[0])
        if province:
            region = content.catalog.places.regions[province.region]
            items.append(ask(t(lang, "type_in_region", type=word,
                               region=region.name_en if lang == "en" else region.name_th)))
    elif place and found == 0:
        items.append(ask(t(lang, "all_in_place", place=place)))
    elif query.venue_types and not place:
        items.append(ask(t(lang, "type_nearby", type=type_word(content, query.venue_types[0], lang))))
    if place and index.pools.tours & index.pools.union(index.pools.by_province, query.provinces) \
            and not query.wants_tour:
        items.append(ask(t(lang, "tours_in_place", place=place)))
    return items
