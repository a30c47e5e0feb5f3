"""Checks across files once each item is valid: provinces, tour stops, keyword types, and warnings."""

from __future__ import annotations

from bot.catalog.keywords import Keywords
from bot.catalog.models import VENUE_TYPES, TourRoute, Venue
from bot.catalog.places import Places
from bot.catalog.problems import ContentProblem, Located, did_you_mean
from bot.catalog.yaml_lines import LinedDocument
from bot.search.geo import distance_km

FAR_FROM_CENTRE_KM = 150.0
# keywords.yaml sections whose keys (and for type_also, values) must be venue types
TYPE_KEYED = ("types", "type_also", "name_implies_type", "type_labels_th", "type_labels_en")


def check_venues(venues: dict[str, Located], places: Places) -> list[ContentProblem]:
    """Unknown provinces (errors); far-away coordinates, missing hours or coordinates (warnings)."""
    problems: list[ContentProblem] = []
    names = [p.name_th for p in places.provinces]
    district_names: dict[str, set[str]] = {}
    for entry in venues.values():
        venue: Venue = entry.item
        province = places.province(venue.province_th)
        if province is None:
            problems.append(entry.problem(("province_th",), f'ไม่รู้จักจังหวัด "{venue.province_th}" (unknown province)'
                                                            f"{did_you_mean(venue.province_th, names)}"))
        if venue.lat is None or venue.lon is None:
            problems.append(entry.problem(("lat",), "ยังไม่มีพิกัด lat/lon จึงค้นหาแบบ 'ใกล้ฉัน' ไม่เจอ "
                                                    "(no coordinates)", "warning", "no-coordinates"))
        elif province is not None:
            km = distance_km(venue.lat, venue.lon, province.lat, province.lon)
            if km > FAR_FROM_CENTRE_KM:
                problems.append(entry.problem(
                    ("lat",), f"พิกัดห่างจากใจกลางจังหวัด{province.name_th} {km:.0f} กม. (เกิน "
                              f"{FAR_FROM_CENTRE_KM:.0f} กม.) ตรวจว่าสลับ lat/lon หรือผิดจังหวัดหรือไม่ "
                              f"(coordinates {km:.0f} km from the province centre)", "warning", "far-from-centre"))
        if venue.province_th not in district_names:  # once per province, not per venue (100k venues)
            district_names[venue.province_th] = _district_names(places, venue.province_th)
        districts = district_names[venue.province_th]
        if province is not None and venue.district_th and venue.district_th not in districts:
            problems.append(entry.problem(
                ("district_th",), f'ไม่พบอำเภอ/เขต "{venue.district_th}" ของจังหวัด{province.name_th} ใน places.yaml '
                                  f"จึงค้นหาตามอำเภอไม่เจอ (unknown district; write it without อำเภอ/เขต)"
                                  f"{did_you_mean(venue.district_th, districts)}", "warning", "unknown-district"))
        if not venue.hours and not venue.hours_note_th:
            problems.append(entry.problem(("hours",), "ยังไม่มีเวลาเปิด-ปิด (no opening hours)", "warning", "no-hours"))
    return problems


def _district_names(places: Places, province_th: str) -> set[str]:
    return {name for d in places.districts if d.province_th == province_th for name in (d.name_th, *d.aliases)}


def check_tours(tours: dict[str, Located], venue_ids: set[str], known_ids: set[str],
                places: Places | None) -> list[ContentProblem]:
    """Stops that name unknown venues and tours in unknown provinces (errors, with suggestions)."""
    problems: list[ContentProblem] = []
    names = [p.name_th for p in places.provinces] if places else []
    for entry in tours.values():
        tour: TourRoute = entry.item
        for i, stop in enumerate(tour.stops):
            if stop.venue is not None and stop.venue not in known_ids:
                problems.append(entry.problem(("stops", i, "venue"),
                                              f'ไม่พบสถานที่รหัส "{stop.venue}" (unknown venue id)'
                                              f"{did_you_mean(stop.venue, venue_ids)}"))
        for i, name in enumerate(tour.provinces):
            if places is not None and places.province(name) is None:
                problems.append(entry.problem(("provinces", i), f'ไม่รู้จักจังหวัด "{name}" (unknown province)'
                                                                f"{did_you_mean(name, names)}"))
    return problems


def check_keywords(keywords: Keywords, doc: LinedDocument, path: str) -> list[ContentProblem]:
    """Type sections must name venue types; a type without a Thai or English label is a warning."""
    problems: list[ContentProblem] = []

    def unknown(fields: tuple, value: str) -> None:
        problems.append(ContentProblem(path, doc.line_of(fields), "keywords", ".".join(map(str, fields)),
                                       f'ไม่รู้จักประเภทสถานที่ "{value}" (unknown venue type)'
                                       f"{did_you_mean(value, VENUE_TYPES)}"))

    for section in TYPE_KEYED:
        mapping = getattr(keywords, section)
        for key, value in mapping.items():
            if key not in VENUE_TYPES:
                unknown((section, key), key)
            if section == "type_also":
                for i, other in enumerate(value):
                    if other not in VENUE_TYPES:
                        unknown((section, key, i), other)
    for section in ("type_labels_th", "type_labels_en"):
        missing = [t for t in VENUE_TYPES if t not in getattr(keywords, section)]
        if missing:
            problems.append(ContentProblem(path, doc.line_of((section,)), "keywords", section,
                                           f"ยังไม่มีป้ายชื่อของประเภท {', '.join(missing)} ประชาชนจะเห็นรหัสแทน "
                                           f"(missing labels)", "warning", "missing-labels"))
    return problems
