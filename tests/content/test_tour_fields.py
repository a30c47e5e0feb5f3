"""The guide's tour fields (coordinates, duration, description, image, check-in switches) are checked like every
other field: each mistake at its file and line, in Thai, with the English field name."""

from __future__ import annotations

from pathlib import Path

from bot.catalog.loader import load_catalog
from tests.content.conftest import line_of, replace_after

TOUR = "tours/rt-kk-chonnabot-silk.yaml"
ID = "rt-kk-chonnabot-silk"


def problems(content: Path) -> list[str]:
    return [str(p) for p in load_catalog(content).errors]


def test_every_tour_field_mistake_is_reported_at_its_line(content_copy: Path) -> None:
    expected = []
    replace_after(content_copy, TOUR, None, "    lon: 102.557864\n", "")
    expected.append((line_of(content_copy, TOUR, "  - name_th: ศาลเจ้าพ่อ"), "stops[1]", "lat และ lon คู่กัน"))
    line = replace_after(content_copy, TOUR, "venue: kk-sala-mai-thai", "    time: '10:00'",
                         "    time: '10:00'\n    duration_min: 0")
    expected.append((line + 1, "stops[2].duration_min", "ไม่น้อยกว่า 1"))
    line = replace_after(content_copy, TOUR, "venue: kk-ban-hua-fai", "    time: '12:00'",
                         "    time: '12:00'\n    image: http://example.org/a.jpg")
    expected.append((line + 1, "stops[3].image", "https:"))
    line = replace_after(content_copy, TOUR, None, "    checkin: false", "    checkin: maybe")
    expected.append((line, "stops[0].checkin", "true หรือ false"))
    found = problems(content_copy)
    for at, field, fragment in expected:
        prefix = f"content/{TOUR}:{at}: {ID}: {field}: "
        assert any(p.startswith(prefix) and fragment in p for p in found), (prefix, fragment, found)


def test_a_venue_stop_cannot_carry_its_own_coordinates(content_copy: Path) -> None:
    line = replace_after(content_copy, TOUR, None, "  - venue: kk-sala-mai-thai\n",
                         "  - venue: kk-sala-mai-thai\n    lat: 16.0\n    lon: 102.5\n")
    [problem] = problems(content_copy)
    assert problem.startswith(f"content/{TOUR}:{line}: {ID}: stops[2]: ")
    assert "ใช้พิกัดของสถานที่นั้น" in problem


def test_more_than_twelve_stops_is_refused(content_copy: Path) -> None:
    path = content_copy / TOUR
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"  - name_th: จุดเพิ่ม {n}\n" for n in range(10))
    path.write_text(text.replace("sources:\n", extra + "sources:\n", 1), encoding="utf-8")
    [problem] = problems(content_copy)
    assert f": {ID}: stops: " in problem and "เกิน 12 รายการ" in problem


def test_the_shipped_routes_fill_what_the_guide_needs(content) -> None:
    from bot.replies.tour_stops import stop_views

    tours = content.catalog.tours
    assert len(tours) == 7
    views = [v for tour in tours.values() for v in stop_views(content.catalog, tour)]
    assert sum(v.has_point for v in views) >= len(views) - 4  # a few named stops have no known district
    assert any(v.duration_min for v in views)
    assert not tours["rt-kk-chonnabot-silk"].stops[0].checkin
