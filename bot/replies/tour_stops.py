"""A tour stop as the guide shows it: name, point and precision, map and directions links, text in chunks."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from pythainlp.tokenize import word_tokenize

from bot.catalog.models import Catalog, TourRoute
from bot.search.geo import map_link

MAX_POINTS_PER_LEG = 5  # Google Maps on mobile: origin + at most 3 waypoints + destination
CHUNK_CHARS = 350  # one bubble's worth of text on a phone


@dataclass(frozen=True)
class StopView:
    """Everything the guide needs about stop `index` (0-based) of a route."""

    index: int
    name: str
    time: str | None
    duration_min: int | None
    text: str
    image: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    where: str
    checkin: bool

    @property
    def has_point(self) -> bool:
        """True when the stop has coordinates (its own or its venue's)."""
        return self.lat is not None and self.lon is not None

    @property
    def approximate(self) -> bool:
        """True when the point is a subdistrict, district or province centre, not the place itself."""
        return self.precision in ("tambon", "amphoe", "province")


def stop_view(catalog: Catalog, tour: TourRoute, index: int) -> StopView:
    """Resolve stop `index`: a venue stop takes the venue's name, coordinates and precision."""
    stop = tour.stops[index]
    venue = catalog.venues.get(stop.venue) if stop.venue else None
    text = "\n\n".join(part for part in (stop.note_th, stop.description_th) if part)
    if venue is not None:
        lat, lon, precision = venue.lat, venue.lon, venue.location_precision
        where = ", ".join(p for p in (venue.district_th, venue.province_th) if p)
        name, image = venue.name_th, stop.image or venue.image
    else:
        lat, lon, precision = stop.lat, stop.lon, stop.location_precision
        where, name, image = ", ".join(tour.provinces), stop.name_th or "", stop.image
    return StopView(index, name, stop.time, stop.duration_min, text, image, lat, lon, precision, where,
                    checkin=tour.checkin and stop.checkin and lat is not None and lon is not None)


def stop_views(catalog: Catalog, tour: TourRoute) -> list[StopView]:
    """Every stop of the route, in order."""
    return [stop_view(catalog, tour, i) for i in range(len(tour.stops))]


def map_uri(view: StopView) -> str | None:
    """A map link for the stop: approximate points are searched by name near the point."""
    if view.lat is None or view.lon is None:
        return None
    single_place = view.where and "," not in view.where  # a route's several provinces would mislead the search
    label = (f"{view.name} {view.where}" if single_place else view.name) if view.approximate else None
    return map_link(view.lat, view.lon, label=label)


def _point(view: StopView) -> str:
    return f"{view.lat:.6f},{view.lon:.6f}"


def directions_uri(points: list[StopView], from_here: bool = False) -> str:
    """A Google Maps directions link through `points` (≤5; ≤4 when starting from the citizen's location)."""
    fields: dict[str, str] = {"api": "1"}
    if not from_here:
        fields["origin"] = _point(points[0])
        points = points[1:]
    fields["destination"] = _point(points[-1])
    if len(points) > 1:
        fields["waypoints"] = "|".join(_point(p) for p in points[:-1])
    fields["travelmode"] = "driving"
    return "https://www.google.com/maps/dir/?" + urlencode(fields)


def legs(views: list[StopView]) -> list[tuple[StopView, StopView, str]]:
    """Directions for the stops with coordinates, one link per leg of ≤5 points (legs share their ends)."""
    points = [v for v in views if v.has_point]
    found = []
    start = 0
    while start < len(points) - 1:
        leg = points[start : start + MAX_POINTS_PER_LEG]
        found.append((leg[0], leg[-1], directions_uri(leg)))
        start += MAX_POINTS_PER_LEG - 1
    return found


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split text into parts of at most `size` characters at line, space or Thai word boundaries (never mid-word)."""
    pieces: list[tuple[str, bool]] = []  # (token, starts a paragraph)
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        first = True
        for token in word_tokenize(paragraph, engine="newmm", keep_whitespace=True):
            while len(token) > size:  # one "word" longer than a part (a long URL): the only place we split
                pieces.append((token[:size], first))
                token, first = token[size:], False
            pieces.append((token, first))
            first = False
    parts: list[str] = []
    current = ""
    for token, new_paragraph in pieces:
        glue = "\n" if new_paragraph and current else ""
        if current and len(current) + len(glue) + len(token) > size:
            parts.append(current.strip())
            current = token.lstrip()
            continue
        current += glue + token
    if current.strip():
        parts.append(current.strip())
    return parts
