"""What the preview page lists: venues, tours and events as LINE bubbles, with search, filters and map points."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from bot.content import Content
from bot.replies.flex import carousel
from routes.preview.render import render_bubble

KINDS = ("venue", "tour", "event")
PAGE_SIZE = 24  # bubbles per gallery page: ~400 venues stay quick to draw and to scroll past on a phone
COPIES = ("published", "working")
MAP_LABELS = {"กรุงเทพมหานคร": "กรุงเทพฯ", "เชียงใหม่": "เชียงใหม่", "ขอนแก่น": "ขอนแก่น", "นครราชสีมา": "โคราช",
              "ภูเก็ต": "ภูเก็ต", "สงขลา": "สงขลา", "อุบลราชธานี": "อุบลฯ", "พิษณุโลก": "พิษณุโลก",
              "สุราษฎร์ธานี": "สุราษฎร์ฯ", "อุดรธานี": "อุดรฯ", "ชลบุรี": "ชลบุรี", "กาญจนบุรี": "กาญจนบุรี"}


@dataclass(frozen=True)
class Filters:
    """Search text and filters from the page's query string."""

    q: str = ""
    kind: str = ""
    type: str = ""
    province: str = ""
    lang: str = "th"
    copy: str = "published"
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        """Read and clamp ?q=&kind=&type=&province=&lang=&copy=&page=."""
        kind = args.get("kind", "")
        page = args.get("page", "1")
        return cls(q=args.get("q", "")[:100].strip(), kind=kind if kind in KINDS else "",
                   type=args.get("type", "")[:40], province=args.get("province", "")[:60],
                   lang="en" if args.get("lang") == "en" else "th",
                   copy="working" if args.get("copy") == "working" else "published",
                   page=max(1, min(int(page), 1000)) if page.isdigit() else 1)


@dataclass
class Item:
    """One listed venue, tour or event, with its rendered bubble (events: a summary line)."""

    id: str
    kind: str
    name: str
    type: str
    type_label: str
    provinces: list[str]
    search: str
    bubble: Markup | None = None
    details: list[str] = field(default_factory=list)

    def matches(self, filters: Filters) -> bool:
        """True when the item passes every filter."""
        return ((not filters.q or filters.q.casefold() in self.search)
                and (not filters.kind or filters.kind == self.kind)
                and (not filters.type or filters.type == self.type)
                and (not filters.province or filters.province in self.provinces))


def _haystack(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p).casefold()


def _event_item(event: Any, n: int) -> Item:
    data = event.model_dump(mode="json") if hasattr(event, "model_dump") else dict(getattr(event, "__dict__", {}))
    name = data.get("name_th") or data.get("title_th") or data.get("name") or data.get("id") or f"event {n}"
    provinces = [p for p in [data.get("province_th"), *data.get("provinces", [])] if isinstance(p, str)]
    when = [f"{key}: {data[key]}" for key in ("date", "start", "end", "starts", "ends", "time") if data.get(key)]
    venue = [f"venue: {data['venue']}"] if data.get("venue") else []
    return Item(id=str(data.get("id", n)), kind="event", name=str(name), type="", type_label="กิจกรรม",
                provinces=provinces, search=_haystack(*data.values()), details=when + venue)


def items(content: Content | None, lang: str = "th") -> list[Item]:
    """Every venue, tour and event, each venue/tour drawn from the exact bubble the bot would send."""
    if content is None:
        return []
    catalog = content.catalog
    labels = catalog.keywords.type_labels_en if lang == "en" else catalog.keywords.type_labels_th
    out: list[Item] = []
    for venue in sorted(catalog.venues.values(), key=lambda v: (v.province_th, v.name_th)):
        bubble = carousel(catalog, [venue.id], lang)["contents"]["contents"][0]
        out.append(Item(venue.id, "venue", venue.name_th, venue.type, labels.get(venue.type, venue.type),
                        [venue.province_th], _haystack(venue.id, venue.name_th, venue.name_en, venue.province_th,
                                                       venue.district_th, *venue.aliases, *venue.topics),
                        render_bubble(bubble)))
    tour_label = "Tour route" if lang == "en" else "เส้นทางท่องเที่ยว"
    for tour in sorted(catalog.tours.values(), key=lambda t: t.name_th):
        bubble = carousel(catalog, [tour.id], lang)["contents"]["contents"][0]
        out.append(Item(tour.id, "tour", tour.name_th, "", tour_label, list(tour.provinces),
                        _haystack(tour.id, tour.name_th, tour.name_en, *tour.provinces, *tour.themes),
                        render_bubble(bubble)))
    out += [_event_item(event, n) for n, event in enumerate(catalog.events, start=1)]
    return out


def type_options(content: Content | None, lang: str = "th") -> list[tuple[str, str]]:
    """(type key, label) for the type filter, for types that have venues."""
    if content is None:
        return []
    catalog = content.catalog
    labels = catalog.keywords.type_labels_en if lang == "en" else catalog.keywords.type_labels_th
    present = sorted({v.type for v in catalog.venues.values()})
    return [(key, labels.get(key, key)) for key in present]


def province_options(all_items: list[Item]) -> list[str]:
    """Provinces that have at least one listed item, in Thai order."""
    return sorted({p for item in all_items for p in item.provinces})


def map_points(content: Content | None) -> dict[str, list[dict[str, Any]]]:
    """Venue points and province centres for the location picker (SVG x = lon, y = -lat)."""
    if content is None:
        return {"venues": [], "provinces": []}
    catalog = content.catalog
    venues = [{"lat": v.lat, "lon": v.lon, "name": v.name_th} for v in catalog.venues.values()
              if v.lat is not None and v.lon is not None]
    provinces = [{"lat": p.lat, "lon": p.lon, "name": p.name_th, "label": MAP_LABELS.get(p.name_th)}
                 for p in catalog.places.provinces]
    return {"venues": venues, "provinces": sorted(provinces, key=lambda p: p["name"])}
