"""The events spreadsheet: export then import gives the same events; bad rows are reported at their row."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.catalog.loader import load_catalog
from tests.events.conftest import FIXTURES


def test_export_then_import_gives_the_same_events(content_copy: Path, tmp_path: Path, make_app) -> None:
    fixture = yaml.safe_load((FIXTURES / "events.yaml").read_text(encoding="utf-8"))
    (content_copy / "events" / "fixtures.yaml").write_text(
        yaml.safe_dump([e for e in fixture if e["id"] != "ev-childrens-day"], allow_unicode=True), encoding="utf-8")
    before = load_catalog(content_copy).catalog
    assert before is not None and len(before.events) == 8
    runner = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner()
    out = tmp_path / "events.csv"
    assert runner.invoke(args=["content", "export-events", "--out", str(out)]).exit_code == 0
    assert "ev-kk-weekend-reading" in out.read_text(encoding="utf-8-sig")
    run = runner.invoke(args=["content", "import-events", str(out), "--into", str(content_copy)])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in (content_copy / "events").glob("*.yaml")) == \
        ["bangkok.yaml", "khon-kaen.yaml", "nationwide.yaml"]
    after = load_catalog(content_copy).catalog
    assert after is not None and after.events == before.events


def test_import_reports_bad_rows_at_their_line_and_writes_nothing(content_copy: Path, tmp_path: Path,
                                                                  make_app) -> None:
    sheet = tmp_path / "events.csv"
    sheet.write_text("id,title_th,venue,start,end,booking,sources\n"
                     "ev-a,งานหนึ่ง,okmd-museum-siam,2027-01-09,,,https://example.org/a\n"
                     "ev-b,งานสอง,no-such-venue,2027-01-09,,,https://example.org/b\n"
                     "ev-c,งานสาม,okmd-museum-siam,2027-01-09,,http://x.org,https://e.org/c\n"
                     "ev-d,งานสี่,okmd-museum-siam,2027-01-09 18:00,2027-01-09 09:00,,https://e.org/d\n",
                     encoding="utf-8")
    before = sorted((content_copy / "events").glob("*.yaml"))
    run = make_app().test_cli_runner().invoke(args=["content", "import-events", str(sheet), "--into",
                                                    str(content_copy)])
    assert run.exit_code == 1
    assert f"{sheet}:3: ev-b: venue: " in run.output
    assert f"{sheet}:4: ev-c: booking: " in run.output and f"{sheet}:5: ev-d: end: " in run.output
    assert "venues/" not in run.output  # only this spreadsheet's problems
    assert sorted((content_copy / "events").glob("*.yaml")) == before
