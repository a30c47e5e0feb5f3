"""Spreadsheet import and export: row numbers in every problem, one file per province, lossless round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.hours import parse_hours
from bot.catalog.loader import load_catalog
from bot.catalog.spreadsheet import read_rows

BAD_ROWS = [  # (line, id, field, fragment) planted in fixtures/venues_bad.csv
    (1, "-", "notes", 'หมายถึง "note" หรือไม่?'),
    (3, "kk-bad-type", "type", 'หมายถึง "museum" หรือไม่?'),
    (4, "kk-bad-order", "hours[0]", "close must be after open"),
    (5, "kk-bad-province", "province_th", 'หมายถึง "ขอนแก่น" หรือไม่?'),
    (8, "kk-ok", "id", "รหัสซ้ำกับ venues_bad.csv:2"),
    (9, "kk-bad-lat", "lat", "number expected"),
    (10, "kk-no-name", "name_th", "required field missing"),
    (11, "kk-bad-link", "website", "http:, https:, tel:, line:"),
    (12, "kk-bad-day", "hours[0].days", 'ไม่รู้จักวัน "sux"'),
    (13, "kk-both-hours", "opening_hours", "fill in only one"),
]


@pytest.mark.parametrize(("text", "hours", "notes"), [
    ("อังคาร–อาทิตย์ 09:00–19:00 (ปิดวันจันทร์)", [("tue-sun", "09:00", "19:00")], ["ปิดวันจันทร์"]),
    ("จันทร์–ศุกร์ 09:00–18:30; เสาร์–อาทิตย์ 09:00–17:00 (ตาม a; b)",
     [("mon-fri", "09:00", "18:30"), ("sat-sun", "09:00", "17:00")], ["ตาม a; b"]),
    ("อังคาร–อาทิตย์ 10:00–21:00 เข้าชมฟรี", [("tue-sun", "10:00", "21:00")], ["เข้าชมฟรี"]),
    ("tue-sun 09:00-19:00|sat,sun 10:00-12:00", [("tue-sun", "09:00", "19:00"), ("sat,sun", "10:00", "12:00")], []),
    ("ทุกวัน 8.30–16.30 น.", [("mon-sun", "08:30", "16:30")], []),
    ("Monday-Friday 09:00-17:00", [("mon-fri", "09:00", "17:00")], []),
])
def test_parse_hours_reads_thai_and_english(text: str, hours: list, notes: list) -> None:
    parsed, got_notes, unreadable = parse_hours(text)
    assert [(h["days"], h["open"], h["close"]) for h in parsed] == hours
    assert got_notes == notes and unreadable == []


def test_unreadable_hours_are_reported(bare_content: Path) -> None:
    text = "id,name_th,type,province_th,opening_hours\nkk-x,x,museum,ขอนแก่น,เปิด 9 โมง\n"
    [problem] = read_rows(text, "venues.csv")[1]
    assert (problem.line, problem.item_id, problem.field) == (2, "kk-x", "hours")
    assert "cannot read opening hours" in problem.message


def test_import_reports_each_bad_row(fixtures: Path, bare_content: Path) -> None:
    doc, problems = read_rows((fixtures / "venues_bad.csv").read_text(encoding="utf-8"), "venues_bad.csv")
    result = load_catalog(bare_content, venue_docs=[("venues_bad.csv", doc)])
    errors = {(p.line, p.item_id, p.field): p for p in problems + result.errors}
    for line, item_id, fld, fragment in BAD_ROWS:
        problem = errors.get((line, item_id, fld))
        assert problem is not None, f"line {line} {fld} not reported:\n" + "\n".join(map(str, errors.values()))
        assert problem.path == "venues_bad.csv" and fragment in problem.message, str(problem)
    assert len(errors) == len(BAD_ROWS), "\n".join(map(str, errors.values()))


def test_import_command_refuses_bad_rows_and_writes_nothing(fixtures: Path, bare_content: Path, make_app) -> None:
    csv_path = str(fixtures / "venues_bad.csv")
    run = make_app().test_cli_runner().invoke(args=["content", "import", csv_path, "--into", str(bare_content)])
    assert run.exit_code == 1, run.output
    for line, item_id, fld, _ in BAD_ROWS:
        assert f"{csv_path}:{line}: {item_id}: {fld}: " in run.output
    assert list((bare_content / "venues").iterdir()) == []


def test_import_writes_one_file_per_province(fixtures: Path, bare_content: Path, make_app) -> None:
    csv_path = str(fixtures / "venues_small.csv")
    run = make_app().test_cli_runner().invoke(args=["content", "import", csv_path, "--into", str(bare_content)])
    assert run.exit_code == 0, run.output
    assert f"{csv_path}:4: kk-test-centre: lat: คำเตือน" in run.output  # no coordinates: a warning only
    assert sorted(p.name for p in (bare_content / "venues").iterdir()) == ["buri-ram.yaml", "khon-kaen.yaml"]
    catalog = load_catalog(bare_content).catalog
    assert catalog is not None
    museum = catalog.venues["kk-test-museum"]
    assert museum.name_en == "Test Museum, Khon Kaen" and museum.aliases == ["พิพิธภัณฑ์ทดสอบ", "Test Museum"]
    assert [(h.days, h.open, h.close) for h in museum.hours] == [("tue-sun", "09:00", "16:30")]
    assert museum.hours_note_th == "ปิดวันจันทร์"
    assert museum.sources == ["https://example.org/a", "https://example.org/b"]
    content = catalog.venues["br-test-library"]
    assert [(h.days, h.open, h.close) for h in content.hours] == [("mon-fri", "08:30", "16:30"),
                                                                  ("sat,sun", "10:00", "15:00")]
    assert catalog.venues["kk-test-centre"].address_th == "บ้านทดสอบ\nหมู่ 2 ตำบลชนบท"
    assert "'09:00'" in (bare_content / "venues" / "khon-kaen.yaml").read_text(encoding="utf-8")


def test_export_then_import_gives_the_same_catalog(content_copy: Path, tmp_path: Path, make_app) -> None:
    before = load_catalog(content_copy).catalog
    assert before is not None
    runner = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner()
    out = tmp_path / "export.csv"
    run = runner.invoke(args=["content", "export", "--out", str(out)])
    assert run.exit_code == 0, run.output
    shipped_files = sorted(p.name for p in (content_copy / "venues").glob("*.yaml"))
    (content_copy / "venues" / "bangkok.yaml").rename(content_copy / "venues" / "krung-thep.yaml")
    run = runner.invoke(args=["content", "import", str(out)])
    assert run.exit_code == 0, run.output
    assert "krung-thep.yaml" in run.output  # removed: its venues now live in bangkok.yaml again
    after = load_catalog(content_copy).catalog
    assert after is not None
    assert after.venues == before.venues and after.tours == before.tours
    assert sorted(p.name for p in (content_copy / "venues").glob("*.yaml")) == shipped_files
