"""`flask content check|import|export`: check the working files, and the spreadsheet round trip."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

from bot.catalog.event_sheet import read_event_rows, write_event_files, write_event_rows
from bot.catalog.fact_age import FactAge
from bot.catalog.hours import BANGKOK
from bot.catalog.loader import LoadResult, load_catalog
from bot.catalog.problems import ContentProblem
from bot.catalog.spreadsheet import read_rows, write_rows
from bot.catalog.writer import write_venue_files
from bot.config import Settings
from bot.publish.publisher import preview
from bot.publish.reply_check import check_replies

content_group = AppGroup("content", help="ตรวจ เทียบ เผยแพร่ ย้อนกลับ นำเข้า ส่งออกเนื้อหา "
                                          "(check, diff, publish, history, rollback, import, export content).")


def _services() -> Any:
    return current_app.extensions["rianru"]


def _settings() -> Settings:
    return _services().settings


def report(problems: list[ContentProblem], errors_only: bool = False) -> int:
    """Print problems (errors first, each as path:line: id: field: message) and a summary; 1 when errors."""
    errors = sorted((p for p in problems if p.is_error), key=lambda p: (p.path, p.line))
    warnings = sorted((p for p in problems if not p.is_error), key=lambda p: (p.path, p.line))
    for problem in errors + ([] if errors_only else warnings):
        click.echo(str(problem))
    if errors:
        click.echo(f"✗ พบข้อผิดพลาด {len(errors)} รายการ คำเตือน {len(warnings)} รายการ — ยังเผยแพร่ไม่ได้ "
                   f"แก้ตามบรรทัดที่ระบุแล้วตรวจอีกครั้ง ({len(errors)} errors, {len(warnings)} warnings: "
                   f"fix them before publishing)", err=True)
        return 1
    click.echo(f"✓ ไม่มีข้อผิดพลาด คำเตือน {len(warnings)} รายการ — พร้อมเผยแพร่ "
               f"(no errors, {len(warnings)} warnings: ready to publish)", err=True)
    return 0


def _content_dir_of(path: Path) -> tuple[Path, str | None]:
    """A content folder to check, and the one file inside it to report on (None: all)."""
    if path.is_dir():
        return path, None
    root = path.parent.parent if path.parent.name in ("venues", "tours", "events") else path.parent
    return root, str(path.resolve().relative_to(root.resolve().parent))


@content_group.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--errors-only", is_flag=True, help="ไม่แสดงคำเตือน (hide warnings)")
@click.option("--summary", is_flag=True, help="นับคำเตือนตามชนิด (count warnings by kind)")
def check(path: Path | None, errors_only: bool, summary: bool) -> None:
    """ตรวจไฟล์เนื้อหา (check content files); PATH defaults to CONTENT_DIR and may be one file.

    Besides each file's fields it builds every venue's and tour's reply with the bot's own builders and checks
    it against LINE's limits, and warns about hours and phone numbers from old or undated sources."""
    root, only = _content_dir_of(path or _settings().content_dir)
    result = load_catalog(root, fact_age=fact_age(_settings()))
    problems = result.problems
    if result.catalog is not None:
        problems = problems + check_replies(result.catalog, result.where)
    if only is not None:
        problems = [p for p in problems if p.path == only]
    if summary:
        for kind, count in sorted(Counter(p.kind or "other" for p in problems if not p.is_error).items()):
            click.echo(f"warning {kind}: {count}")
    code = report(problems, errors_only or summary)
    if path is None and code == 0:
        _against_published()
    sys.exit(code)


def fact_age(settings: Settings) -> FactAge:
    """The fact-age limit from settings, against this year in Bangkok."""
    return FactAge(settings.fact_max_age_years, datetime.now(BANGKOK).year)


def _against_published() -> None:
    live = _services().live
    pointer = live.store.current()
    if pointer is None:
        click.echo("ยังไม่เคยเผยแพร่ (nothing published yet): `content publish` publishes these files", err=True)
        return
    changed = preview(_settings().content_dir, live.store).candidate
    count = len(changed.changed) if changed else 0
    click.echo(f"ต่างจากฉบับที่ประชาชนเห็น (v{pointer.version}) {count} ไฟล์ — ดู `content diff` "
               f"({count} files differ from what citizens see now)", err=True)


def _sheet_text(csv_file: Path) -> str:
    """The spreadsheet's text; a file not saved as CSV UTF-8 stops the command with the officers' message."""
    try:
        return csv_file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        click.echo(f"{csv_file}:1: -: -: ไฟล์ต้องบันทึกเป็น CSV UTF-8 (save the spreadsheet as CSV UTF-8)")
        sys.exit(1)


def _loaded(path: Path | None) -> LoadResult:
    result = load_catalog(path or _settings().content_dir)
    if result.catalog is None:
        report(result.problems, errors_only=True)
        sys.exit(1)
    return result


@content_group.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), help="content folder (default CONTENT_DIR)")
@click.option("--dry-run", is_flag=True, help="ตรวจอย่างเดียว ไม่เขียนไฟล์ (check only)")
def import_csv(csv_file: Path, into: Path | None, dry_run: bool) -> None:
    """นำเข้าตาราง venues.csv เป็นไฟล์ venues/<จังหวัด>.yaml (import a venues spreadsheet)."""
    into = into or _settings().content_dir
    name, text = str(csv_file), _sheet_text(csv_file)
    doc, problems = read_rows(text, name)
    base = into if (into / "places.yaml").exists() else _settings().content_dir
    result = load_catalog(base, venue_docs=[(name, doc)])
    problems += result.problems
    if result.catalog is None or any(p.is_error for p in problems):
        sys.exit(report(problems) or 1)
    report(problems)
    if dry_run:
        click.echo(f"(dry run) {len(result.catalog.venues)} venues are valid; nothing written")
        return
    written, removed = write_venue_files(list(result.catalog.venues.values()), result.catalog.places, into, name)
    for path in written:
        click.echo(f"เขียน (wrote) {path}")
    for path in removed:
        click.echo(f"ลบ (removed, its venues are no longer in the spreadsheet) {path}")
    click.echo(f"นำเข้า {len(result.catalog.venues)} สถานที่ (imported {len(result.catalog.venues)} venues); "
               f"— ตรวจด้วย `content diff` แล้ว `content publish` (check with `content diff`, then `content publish`)")


@content_group.command("export")
@click.option("--out", default="venues.csv", show_default=True, help="CSV file to write, or - for stdout")
@click.option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="content folder (default CONTENT_DIR)")
def export_csv(out: str, source: Path | None) -> None:
    """ส่งออกสถานที่ทั้งหมดเป็นตาราง CSV (export venues to a spreadsheet)."""
    catalog = _loaded(source).catalog
    assert catalog is not None
    if out == "-":
        write_rows(list(catalog.venues.values()), sys.stdout)
        return
    write_rows(list(catalog.venues.values()), Path(out))
    click.echo(f"ส่งออก {len(catalog.venues)} สถานที่ไปที่ {out} (exported {len(catalog.venues)} venues)", err=True)


@content_group.command("export-events")
@click.option("--out", default="events.csv", show_default=True, help="CSV file to write, or - for stdout")
@click.option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="content folder (default CONTENT_DIR)")
def export_events(out: str, source: Path | None) -> None:
    """ส่งออกกิจกรรมทั้งหมดเป็นตาราง CSV (export events to a spreadsheet)."""
    catalog = _loaded(source).catalog
    assert catalog is not None
    if out == "-":
        write_event_rows(catalog.events, sys.stdout)
        return
    write_event_rows(catalog.events, Path(out))
    click.echo(f"ส่งออก {len(catalog.events)} กิจกรรมไปที่ {out} (exported {len(catalog.events)} events)", err=True)


@content_group.command("import-events")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), help="content folder (default CONTENT_DIR)")
@click.option("--dry-run", is_flag=True, help="ตรวจอย่างเดียว ไม่เขียนไฟล์ (check only)")
def import_events(csv_file: Path, into: Path | None, dry_run: bool) -> None:
    """นำเข้าตาราง events.csv เป็นไฟล์ events/<จังหวัด>.yaml (import an events spreadsheet)."""
    into = into or _settings().content_dir
    name, text = str(csv_file), _sheet_text(csv_file)
    doc, problems = read_event_rows(text, name)
    result = load_catalog(into, event_docs=[(name, doc)])
    problems += result.problems
    problems = [p for p in problems if p.path == name or p.is_error]  # not the venues' own warnings
    if result.catalog is None or any(p.is_error for p in problems):
        sys.exit(report(problems) or 1)
    report(problems)
    if dry_run:
        click.echo(f"(dry run) {len(result.catalog.events)} events are valid; nothing written")
        return
    written, removed = write_event_files(result.catalog, into, name)
    for path in written:
        click.echo(f"เขียน (wrote) {path}")
    for path in removed:
        click.echo(f"ลบ (removed, its events are no longer in the spreadsheet) {path}")
    click.echo(f"นำเข้า {len(result.catalog.events)} กิจกรรม (imported {len(result.catalog.events)} events)")


