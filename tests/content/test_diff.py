"""`content diff`: what citizens would see change between the running snapshot and the files."""

from __future__ import annotations

from pathlib import Path

from bot.catalog.diff import diff_catalogs
from bot.catalog.loader import load_catalog
from tests.content.conftest import replace_after, set_field
from tests.content.test_content_state import NEW_VENUE, OLD_NAME


def test_diff_lists_added_removed_renamed_and_changed(content_copy: Path) -> None:
    old = load_catalog(content_copy).catalog
    replace_after(content_copy, "venues/khon-kaen.yaml", None, f"name_th: {OLD_NAME}", "name_th: ศาลาไหมไทย")
    set_field(content_copy, "venues/trat.yaml", "tk-trat", "website", "https://example.org/trat")
    set_field(content_copy, "venues/trat.yaml", "tk-trat", "note", "internal remark")
    set_field(content_copy, "venues/phuket.yaml", "tk-phuket", "note", "internal remark")
    (content_copy / "venues" / "rayong.yaml").unlink()
    (content_copy / "venues" / "zz-test.yaml").write_text(NEW_VENUE, encoding="utf-8")
    replace_after(content_copy, "venues/khon-kaen.yaml", None, "- id: nm-khonkaen", "- id: nm-khonkaen-2")
    lines = diff_catalogs(old, load_catalog(content_copy).catalog)
    assert "+ venue ใหม่ (added): yl-test-new — สถานที่ใหม่ทดสอบ" in lines
    assert "- venue ถูกลบ (removed): tk-rayong — อุทยานการเรียนรู้ระยอง (RK Park)" in lines
    assert f'~ venue เปลี่ยนชื่อ (renamed): kk-sala-mai-thai: "{OLD_NAME}" → "ศาลาไหมไทย"' in lines
    assert "~ venue แก้ไข (changed): tk-trat: website: - → https://example.org/trat" in lines
    assert any(line.startswith("~ venue เปลี่ยนรหัส (id changed): nm-khonkaen → nm-khonkaen-2") for line in lines)
    assert any("tk-phuket" in line and "internal only: note" in line for line in lines)
    assert not any("tk-trat" in line and "internal" in line for line in lines)
    removed = [line for line in lines if line.startswith("- venue")]
    assert len(removed) == 6, "rayong.yaml holds six venues, each listed as removed"
    assert len(lines) == 6 + 5, "\n".join(lines)


def test_diff_command_compares_the_running_snapshot_with_the_files(content_copy: Path, make_app) -> None:
    runner = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner()  # starting the app saves the snapshot
    assert "no changes for citizens" in runner.invoke(args=["content", "diff"]).output
    replace_after(content_copy, "venues/khon-kaen.yaml", None, f"name_th: {OLD_NAME}", "name_th: ศาลาไหมไทย")
    run = runner.invoke(args=["content", "diff"])
    assert run.exit_code == 0 and "renamed): kk-sala-mai-thai" in run.output, run.output
    replace_after(content_copy, "venues/khon-kaen.yaml", None, "  type: museum", "  type: museum: oops")
    run = runner.invoke(args=["content", "diff"])
    assert run.exit_code == 1 and "khon-kaen.yaml" in run.output
