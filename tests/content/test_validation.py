"""Every kind of officer mistake is reported at its file and line, all in one run, in Thai."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.catalog.loader import load_catalog
from tests.conftest import CONTENT
from tests.content.conftest import line_of, replace_after, set_field

V = "venues/"


def plant_every_error(c: Path) -> list[tuple[str, int, str, str, str]]:
    """Plant one mistake of each kind; returns (path, line, id, field, message fragment) expected."""
    expected = []

    def expect(rel: str, line: int, item_id: str, fld: str, fragment: str) -> None:
        expected.append((f"content/{rel}", line, item_id, fld, fragment))

    # YAML syntax: reported with line and column
    line = replace_after(c, V + "loei.yaml", "- id: le-ban-hua-na-yung", "  type: ", "  type: oops: ")
    expect(V + "loei.yaml", line, "-", "-", "YAML syntax error, line")
    # required field missing: reported at the venue's first line
    line = line_of(c, V + "bangkok.yaml", "- id: tk-bkk-centralworld")
    replace_after(c, V + "bangkok.yaml", "- id: tk-bkk-centralworld", "  type: tk_park\n", "")
    expect(V + "bangkok.yaml", line, "tk-bkk-centralworld", "type", "required field missing")
    # misspelt field name, with the right one suggested
    line = replace_after(c, V + "chiang-mai.yaml", "- id: nm-chiangmai", "  topics:", "  topcis:")
    expect(V + "chiang-mai.yaml", line, "nm-chiangmai", "topcis", 'หมายถึง "topics" หรือไม่?')
    # values outside their allowed sets: type, location_precision, days
    line = set_field(c, V + "khon-kaen.yaml", "nm-khonkaen", "type", "musuem")
    expect(V + "khon-kaen.yaml", line, "nm-khonkaen", "type", 'หมายถึง "museum" หรือไม่?')
    line = set_field(c, V + "khon-kaen.yaml", "tcdc-khonkaen", "location_precision", "street")
    expect(V + "khon-kaen.yaml", line, "tcdc-khonkaen", "location_precision", "ไม่อยู่ในค่าที่อนุญาต")
    line = replace_after(c, V + "bangkok.yaml", "- id: okmd-museum-siam", "days: tue-sun", "days: tue-sunday")
    expect(V + "bangkok.yaml", line, "okmd-museum-siam", "hours[0].days", "bad day range")
    # duplicate id across files: reported at the later file, naming the first
    yala = (c / V / "yala.yaml").read_text(encoding="utf-8")
    line = yala.count("\n") + 2
    (c / V / "yala.yaml").write_text(yala + "\n- id: nm-khonkaen\n  name_th: ซ้ำ\n  type: museum\n"
                                             "  province_th: ยะลา\n  lat: 6.5\n  lon: 101.2\n", encoding="utf-8")
    first = line_of(c, V + "khon-kaen.yaml", "- id: nm-khonkaen")
    expect(V + "yala.yaml", line, "nm-khonkaen", "id", f"รหัสซ้ำกับ content/venues/khon-kaen.yaml:{first}")
    # a stop naming an unknown venue, with the nearest id suggested
    tour = "tours/rt-kk-chonnabot-silk.yaml"
    line = replace_after(c, tour, None, "venue: kk-sala-mai-thai", "venue: kk-sala-mai-thi")
    expect(tour, line, "rt-kk-chonnabot-silk", "stops[2].venue",
           'ไม่พบสถานที่รหัส "kk-sala-mai-thi" (unknown venue id) — หมายถึง "kk-sala-mai-thai" หรือไม่?')
    # links: image must be https; a button link must be http/https/tel/line
    line = set_field(c, V + "phuket.yaml", "tk-phuket", "image", "http://example.org/a.jpg")
    expect(V + "phuket.yaml", line, "tk-phuket", "image", "https:")
    line = set_field(c, V + "trat.yaml", "tk-trat", "website", "ftp://example.org")
    expect(V + "trat.yaml", line, "tk-trat", "website", "http:, https:, tel:, line:")
    # malformed hours: close before open, not HH:MM
    line = replace_after(c, V + "bangkok.yaml", "- id: nm-phranakhon", "  hours:\n    - ", "  hours:\n    - ") + 1
    replace_after(c, V + "bangkok.yaml", "- id: nm-phranakhon", "close: '16:00'", "close: '07:00'")
    expect(V + "bangkok.yaml", line, "nm-phranakhon", "hours[0]", "close must be after open")
    line = replace_after(c, V + "bangkok.yaml", "- id: lib-national-library", "open: '09:00'", "open: '9.30'")
    expect(V + "bangkok.yaml", line, "lib-national-library", "hours[0].open", "HH:MM")
    # coordinates outside Thailand
    line = set_field(c, V + "rayong.yaml", "tk-rayong", "lat", "35.5")
    expect(V + "rayong.yaml", line, "tk-rayong", "lat", "outside Thailand")
    # text too long for LINE: a bubble title, a quick-reply alias
    line = set_field(c, V + "satun.yaml", "tk-satun", "name_th", "ศูนย์การเรียนรู้" * 10)
    expect(V + "satun.yaml", line, "tk-satun", "name_th", "too long")
    line = replace_after(c, V + "lampang.yaml", "- id: okmd-museum-lampang", "  aliases:\n    - ",
                         "  aliases:\n    - " + "ยาวมาก" * 12 + "\n    - ") + 1
    expect(V + "lampang.yaml", line, "okmd-museum-lampang", "aliases[0]", "quick-reply")
    return expected


def test_shipped_content_has_no_errors() -> None:
    result = load_catalog(CONTENT)
    assert result.errors == [], "\n".join(map(str, result.errors))


def test_every_error_kind_is_reported_at_its_line(content_copy: Path) -> None:
    expected = plant_every_error(content_copy)
    result = load_catalog(content_copy)
    assert result.catalog is None
    got = {(p.path, p.line, p.item_id, p.field): p.message for p in result.errors}
    for path, line, item_id, fld, fragment in expected:
        key = (path, line, item_id, fld)
        assert key in got, f"missing {key}; got:\n" + "\n".join(map(str, result.errors))
        assert fragment in got[key], (key, got[key])
    # nothing cascades: the syntax error's venues are not reported as unknown stops, and so on
    assert len(result.errors) == len(expected), "\n".join(map(str, result.errors))


def test_problem_format_matches_the_officer_guide(content_copy: Path) -> None:
    replace_after(content_copy, "tours/rt-kk-chonnabot-silk.yaml", None, "venue: kk-sala-mai-thai",
                  "venue: kk-sala-mai-thi")
    line = line_of(content_copy, "tours/rt-kk-chonnabot-silk.yaml", "venue: kk-sala-mai-thi")
    [problem] = load_catalog(content_copy).errors
    assert str(problem) == (
        f"content/tours/rt-kk-chonnabot-silk.yaml:{line}: rt-kk-chonnabot-silk: stops[2].venue: "
        'ไม่พบสถานที่รหัส "kk-sala-mai-thi" (unknown venue id) — หมายถึง "kk-sala-mai-thai" หรือไม่?')


def test_check_command_lists_every_error_and_exits_1(content_copy: Path, make_app) -> None:
    expected = plant_every_error(content_copy)
    result = make_app().test_cli_runner().invoke(args=["content", "check", str(content_copy)])
    assert result.exit_code == 1, result.output
    for path, line, item_id, fld, _ in expected:
        assert f"{path}:{line}: {item_id}: {fld}: " in result.output
    assert "ยังเผยแพร่ไม่ได้" in result.output


def test_warnings_do_not_fail_the_check(content_copy: Path, make_app) -> None:
    far = set_field(content_copy, V + "bangkok.yaml", "tk-bkk-centralworld", "lat", "18.79")
    set_field(content_copy, V + "bangkok.yaml", "tk-bkk-centralworld", "lon", "98.98")
    none = set_field(content_copy, V + "khon-kaen.yaml", "nm-khonkaen", "lat", "null")
    set_field(content_copy, V + "khon-kaen.yaml", "nm-khonkaen", "lon", "null")
    result = load_catalog(content_copy)
    assert result.catalog is not None and result.errors == []
    warned = {(p.path, p.line, p.field): p.message for p in result.warnings}
    assert "from the province centre" in warned[("content/venues/bangkok.yaml", far, "lat")]
    assert "no coordinates" in warned[("content/venues/khon-kaen.yaml", none, "lat")]
    assert any("no opening hours" in m for m in warned.values())
    run = make_app().test_cli_runner().invoke(args=["content", "check", str(content_copy)])
    assert run.exit_code == 0, run.output
    assert "คำเตือน (warning)" in run.output and "พร้อมเผยแพร่" in run.output


def test_check_one_file_reports_only_that_file(content_copy: Path, make_app) -> None:
    set_field(content_copy, V + "phuket.yaml", "tk-phuket", "image", "http://example.org/a.jpg")
    set_field(content_copy, V + "trat.yaml", "tk-trat", "website", "ftp://example.org")
    runner = make_app().test_cli_runner()
    result = runner.invoke(args=["content", "check", str(content_copy / "venues" / "trat.yaml")])
    assert result.exit_code == 1
    assert "content/venues/trat.yaml:" in result.output and "phuket" not in result.output


def test_keyword_types_must_be_venue_types(content_copy: Path) -> None:
    line = replace_after(content_copy, "keywords.yaml", "\ntypes:", "  museum:", "  musuem:")
    [problem] = load_catalog(content_copy).errors
    assert (problem.path, problem.line, problem.field) == ("content/keywords.yaml", line, "types.musuem")
    assert 'หมายถึง "museum"' in problem.message


def test_duplicate_keys_and_unquoted_times_are_explained(content_copy: Path) -> None:
    line = replace_after(content_copy, V + "bangkok.yaml", "- id: okmd-museum-siam", "open: '10:00'", "open: 10.00")
    dup = replace_after(content_copy, V + "trat.yaml", "- id: tk-trat", "  phone:", "  phone: '1'\n  phone:")
    errors = {(p.path, p.line): p.message for p in load_catalog(content_copy).errors}
    assert "quote times" in errors[("content/venues/bangkok.yaml", line)]
    assert "duplicate field" in errors[("content/venues/trat.yaml", dup + 1)]


@pytest.mark.slow
def test_flask_content_check_runs_even_when_the_bot_could_not_start(content_copy: Path, tmp_path: Path) -> None:
    expected = plant_every_error(content_copy)
    env = {**os.environ, "CONTENT_DIR": str(content_copy), "INSTANCE_PATH": str(tmp_path / "instance")}
    run = subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "bot.app", "content", "check"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stdout + run.stderr
    for path, line, item_id, fld, _ in expected:
        assert f"{path}:{line}: {item_id}: {fld}: " in run.stdout
    assert not (tmp_path / "instance" / "content-snapshot.json").exists()  # a CLI tool never publishes
