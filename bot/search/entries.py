"""Entries: every venue and tour route pre-normalised for search (names, types it implies, text, address)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.catalog.models import Catalog
from bot.search.lexicon import Lexicon
from bot.search.thai import compact, normalise

_PRECISION_RANK = {"exact": 0, "tambon": 1, "amphoe": 2, "province": 3, None: 4}


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable venue or tour, with everything pre-normalised."""

    id: str
    kind: str
    names: tuple[str, ...]
    generic: frozenset[str]
    spaced_names: tuple[str, ...]
    provinces: frozenset[str]
    district: str
    types: frozenset[str]
    text: str
    audience: tuple[str, ...]
    lat: float | None
    lon: float | None
    precision: int
    order: int
    where: str = ""  # address and district, compact: a landmark or street finds the venue
    name_th: str = ""  # compact Thai name, for name_prefers


def _implies(name: str, words: list[str], own: list[str]) -> bool:
    """A word of another type implies it unless the name starts with its own type's word (Thai head noun first):
    "ห้องสมุด… (พิพิธภัณฑ์นครแม่สอด)" is a library inside a museum, not a museum."""
    first = min((name.find(w) for w in words if w in name), default=-1)
    if first < 0:
        return False
    own_first = min((name.find(w) for w in own if w in name), default=-1)
    return own_first < 0 or first < own_first


def build_entries(catalog: Catalog, lexicon: Lexicon, forms: Mapping[str, str] | None = None) -> list[Entry]:
    """One Entry per venue, then per tour (catalogue order); `forms`: words already normalised (build_lexicon)."""
    fix = lexicon.corrections
    known = dict(forms or {})

    def norm(text: str) -> str:  # districts and topics repeat across venues: each normalised once per build
        if text not in known:
            known[text] = normalise(text, fix)
        return known[text]

    shared: dict[Any, Any] = {}  # equal sets and tuples kept once: ~650 bytes a venue over 100k venues

    def once(value: Any) -> Any:
        return shared.setdefault(value, value)

    generic_words = {k for k, kinds in lexicon.phrases.items()
                     if any(kind in {"type", "province", "region", "topic", "district"} for kind, _ in kinds)}
    implies = {t: [compact(normalise(w)) for w in ws] for t, ws in catalog.keywords.name_implies_type.items()}
    also = catalog.keywords.type_also
    by_part = not any(" " in wrong for wrong in fix)  # else a correction could match across two parts
    entries: list[Entry] = []
    for order, venue in enumerate(catalog.venues.values()):
        raw = [venue.name_th, *(venue.aliases), *([venue.name_en] if venue.name_en else [])]
        spaced = tuple(dict.fromkeys(norm(n) for n in raw))
        names = tuple(dict.fromkeys(compact(n) for n in spaced))
        name_c = names[0]  # the Thai name comes first
        own = implies.get(venue.type, [])
        types = {venue.type} | {t for t, words in implies.items() if _implies(name_c, words, own)}
        types |= {t for t, others in also.items() if venue.type in others}
        if by_part:  # topics repeat and the name and aliases are done above; compacting drops the spaces anyway
            text = compact("".join([spaced[0], *(norm(t) for t in venue.topics), *(norm(a) for a in venue.aliases)]))
        else:
            text = compact(normalise(" ".join([venue.name_th, *venue.topics, *venue.aliases]), fix))
        where = compact(norm(" ".join(filter(None, [venue.address_th, venue.district_th]))))
        entries.append(Entry(
            venue.id, "venue", names, once(frozenset(n for n in names if n in generic_words)), spaced,
            once(frozenset({venue.province_th})), venue.district_th or "", once(frozenset(types)), text,
            once(tuple(venue.audience)), venue.lat, venue.lon,
            _PRECISION_RANK.get(venue.location_precision, 4), order, where, name_c))
    for order, tour in enumerate(catalog.tours.values(), start=len(entries)):
        spaced = tuple(dict.fromkeys(normalise(n, fix) for n in (tour.name_th, tour.name_en or "") if n))
        names = tuple(compact(n) for n in spaced)
        text = compact(normalise(" ".join([tour.name_th, *tour.themes]), fix))
        first = catalog.venues.get(next((s.venue for s in tour.stops if s.venue), "") or "")
        entries.append(Entry(
            tour.id, "tour", names, frozenset(), spaced, frozenset(tour.provinces), "", frozenset(),
            text, (), first.lat if first else None, first.lon if first else None, 4, order))
    return entries
