"""Event files: every planted mistake is reported at its file and line; recurrence and ending events."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from bot.catalog.events import occurrences, upcoming
from bot.catalog.loader import load_catalog
from tests.events.conftest import fixture_events

BAD = """\
- id: ev-unknown-venue
  title_th: งานที่สถานที่ไม่มีจริง
  venue: okmd-museum-siem
  start: 2027-01-09
  sources: [https://example.org/a]
- id: ev-backwards
  title_th: จบก่อนเริ่ม
  province_th: ขอนแก่น
  address_th: ลานกิจกรรม
  start: 2027-01-09 18:00
  end: 2027-01-09 09:00
  sources: [https://example.org/b]
- id: ev-bad-link
  title_th: ลิงก์จองผิด
  province_th: ขอนแก่น
  address_th: ลานกิจกรรม
  start: 2027-01-09
  booking: http://example.org/book
  sources: [https://example.org/c]
- id: ev-bad-date
  title_th: วันที่อ่านไม่ได้
  province_th: ขอนแก่น
  start: 9 ม.ค. 2570
  sources: [https://example.org/d]
- id: ev-buddhist-year
  title_th: ปี พ.ศ.
  province_th: ขอนแก่น
  start: 2570-01-09
  sources: [https://example.org/e]
- id: ev-unknown-province
  title_th: จังหวัดสะกดผิด
  province_th: ขอนแกน
  address_th: ลานกิจกรรม
  start: 2027-01-09
  sources: [https://example.org/f]
- id: ev-no-source
  title_th: ไม่มีที่มา
  province_th: ขอนแก่น
  start: 2027-01-09
- id: ev-bad-repeat
  title_th: ซ้ำแบบผิด
  province_th: ขอนแก่น
  start: 2027-01-09
  repeat: {every: year, month: 1}
  sources: [https://example.org/g]
- id: ev-typo-field
  title_th: ชื่อช่องผิด
  province_th: ขอนแก่น
  start: 2027-01-09
  sources: [https://example.org/h]
  toipcs: [วิทยาศาสตร์]
- id: ev-nowhere
  title_th: ไม่มีสถานที่
  start: 2027-01-09
  sources: [https://example.org/i]
"""


def test_check_reports_every_planted_event_mistake_with_file_and_line(content_copy: Path, make_app) -> None:
    (content_copy / "events" / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = make_app().test_cli_runner().invoke(args=["content", "check", str(content_copy)])
    assert result.exit_code == 1
    out = result.output
    where = "content/events/bad.yaml"
    for line, item_id, field, fragment in [
        (3, "ev-unknown-venue", "venue", 'หมายถึง "okmd-museum-siam" หรือไม่?'),
        (11, "ev-backwards", "end", "end is before start"),
        (18, "ev-bad-link", "booking", "https:"),
        (23, "ev-bad-date", "start", "YYYY-MM-DD"),
        (28, "ev-buddhist-year", "start", "Christian era"),
        (32, "ev-unknown-province", "province_th", 'หมายถึง "ขอนแก่น" หรือไม่?'),
        (36, "ev-no-source", "sources", "required field missing"),
        (44, "ev-bad-repeat", "repeat", "every: year needs month and day"),
        (51, "ev-typo-field", "toipcs", 'หมายถึง "topics" หรือไม่?'),
        (52, "ev-nowhere", "-", "needs a venue or a province"),
    ]:
        prefix = f"{where}:{line}: {item_id}: {field}: "
        assert any(row.startswith(prefix) and fragment in row for row in out.splitlines()), (prefix, fragment, out)


def test_shipped_events_are_real_sourced_and_load(content_copy: Path) -> None:
    result = load_catalog(content_copy)
    assert result.catalog is not None and result.catalog.events
    assert all(event.sources and event.sources[0].startswith(("https://", "http://"))
               for event in result.catalog.events)


def test_an_event_file_that_is_not_a_list_is_explained(content_copy: Path) -> None:
    (content_copy / "events" / "one.yaml").write_text("id: x\ntitle_th: y\n", encoding="utf-8")
    problems = [str(p) for p in load_catalog(content_copy).errors]
    assert any(p.startswith("content/events/one.yaml:1:") and "a list of events" in p for p in problems)


EVENTS = {event.id: event for event in fixture_events()}


def test_weekly_recurrence_lands_on_its_days() -> None:
    found = occurrences(EVENTS["ev-kk-weekend-reading"], date(2026, 12, 1), date(2026, 12, 14))
    assert [o.start for o in found] == [datetime(2026, 12, d, 9, 0) for d in (5, 6, 12, 13)]


def test_yearly_nth_weekday_crosses_the_year_boundary() -> None:
    found = occurrences(EVENTS["ev-childrens-day"], date(2026, 12, 1), date(2028, 1, 31))
    assert [o.start.date() for o in found] == [date(2027, 1, 9), date(2028, 1, 8)]  # second Saturdays


def test_an_event_whose_end_has_passed_stops_showing_and_a_running_one_still_shows() -> None:
    now = datetime(2026, 12, 5, 10, 0)  # Bangkok
    shown = [o.event.id for o in upcoming(tuple(EVENTS.values()), now)]
    assert "ev-past-fair" not in shown
    assert shown[:2] == ["ev-kk-weekend-reading", "ev-siam-kids-workshop"]  # 09:00–12:00 is running at 10:00
    later = [o.event.id for o in upcoming(tuple(EVENTS.values()), datetime(2026, 12, 5, 16, 30))]
    assert "ev-siam-kids-workshop" not in later  # over at 16:00


def test_content_readme_documents_every_event_field_with_a_valid_example() -> None:
    from bot.catalog.events import Event, Repeat
    from tests.content.test_readme import _example, section

    for model in (Event, Repeat):
        missing = [f for f in model.model_fields if f"| `{f}` |" not in section(model.__name__)]
        assert not missing, f"content/README.md does not document {model.__name__}: {missing}"
    example = _example("# events/")
    assert set(example[0]) == set(Event.model_fields) and set(example[0]["repeat"]) == set(Repeat.model_fields)
    Event.model_validate(example[0])
