"""`flask content diff|publish|history|rollback`: compare the working files with what citizens see, and publish."""

from __future__ import annotations

import getpass
import sys
from typing import Any

import click

from bot.commands.content import _services, _settings, content_group, fact_age, report
from bot.publish.candidate import Candidate
from bot.publish.publisher import Outcome, preview, publish, rollback


def _who(by: str | None) -> str:
    try:
        return by or getpass.getuser()
    except (OSError, KeyError):  # no login name in a container
        return "officer"


def _held(candidate: Candidate) -> None:
    for rel, errors in sorted(candidate.held.items()):
        click.echo(f"! คงฉบับเดิมไว้ (held back at its last good version): content/{rel}")
        for error in errors:
            click.echo(f"    {error}")


def _show(outcome: Outcome) -> None:
    for line in outcome.diff:
        click.echo(line)
    if not outcome.diff:
        click.echo("ไม่มีอะไรเปลี่ยนสำหรับประชาชน (no changes for citizens)")
    if outcome.candidate is not None:
        _held(outcome.candidate)


@content_group.command("diff")
def diff() -> None:
    """สิ่งที่ประชาชนจะเห็นเปลี่ยนไปเมื่อเผยแพร่ (what citizens would see change: published → working files)."""
    store = _services().live.store
    if store.current() is None:
        click.echo("ยังไม่เคยเผยแพร่ ทุกรายการจึงเป็นรายการใหม่ (nothing published yet: everything is new)")
    outcome = preview(_settings().content_dir, store)
    candidate = outcome.candidate
    if candidate is not None and not candidate.publishable:
        report(candidate.working.problems, errors_only=True)
        sys.exit(1)
    _show(outcome)
    sys.exit(1 if candidate is not None and candidate.held else 0)


@content_group.command("publish")
@click.option("--note", default="", help="บันทึกสั้น ๆ ว่าแก้อะไร (what changed and why)")
@click.option("--by", default=None, help="ชื่อผู้เผยแพร่ (your name; default: your login name)")
def publish_cmd(note: str, by: str | None) -> None:
    """ตรวจ แสดงความต่าง แล้วเผยแพร่ให้ประชาชนเห็น (validate, show the diff, publish to every worker)."""
    settings, store = _settings(), _services().live.store
    outcome = publish(settings.content_dir, store, by=_who(by), note=note, fact_age=fact_age(settings))
    candidate = outcome.candidate
    assert candidate is not None
    _show(outcome)
    if outcome.entry is not None:
        click.echo(f"✓ เผยแพร่แล้ว ฉบับที่ {outcome.entry['id']} (published as version {outcome.entry['id']}: "
                   f"{len(outcome.entry['files'])} files); every worker serves it within {settings.content_poll_s:g} s")
    elif candidate.publishable:
        click.echo("ไม่มีไฟล์ใดเปลี่ยน ไม่ได้สร้างฉบับใหม่ (nothing changed: no new version)")
    else:
        report(candidate.working.problems, errors_only=True)
    sys.exit(1 if candidate.held else 0)


def _line(entry: dict[str, Any]) -> str:
    action = entry.get("action", "publish")
    what = f"rollback to v{entry['to']}" if action == "rollback" else action
    note = f' — "{entry["note"]}"' if entry.get("note") else ""
    held = f"; held back: {', '.join(entry['held'])}" if entry.get("held") else ""
    return (f"v{entry['id']}  {entry.get('at', '?')}  {entry.get('by', '?')}  {what}: {len(entry.get('files', []))} "
            f"files, {entry.get('changes', 0)} changes{note}{held}")


@content_group.command("history")
@click.option("--details", is_flag=True, help="แสดงรายการที่เปลี่ยนด้วย (show the summary of each diff)")
def history(details: bool) -> None:
    """ประวัติการเผยแพร่ ใครแก้อะไรเมื่อไร (who published what, when)."""
    store = _services().live.store
    entries = store.history()
    current = store.current()
    if not entries:
        click.echo("ยังไม่มีประวัติการเผยแพร่ (nothing published yet)")
    for entry in entries:
        mark = "*" if current is not None and entry["id"] == current.version else " "
        click.echo(f"{mark} {_line(entry)}")
        if details:
            for file in entry.get("files", []):
                click.echo(f"      file: {file}")
            for change in entry.get("summary", []):
                click.echo(f"      {change}")


@content_group.command("rollback")
@click.argument("version", type=int)
@click.option("--note", default="", help="เหตุผล (why)")
@click.option("--by", default=None, help="ชื่อผู้ย้อนกลับ (your name)")
def rollback_cmd(version: int, note: str, by: str | None) -> None:
    """เผยแพร่ฉบับเก่าอีกครั้ง (publish an earlier version again, as a new version)."""
    settings, store = _settings(), _services().live.store
    try:
        outcome = rollback(store, version, by=_who(by), note=note,
                           restore_into=settings.content_dir if settings.content_auto_publish else None)
    except KeyError:
        click.echo(f"ไม่พบฉบับที่ {version} ดูหมายเลขด้วย `content history` (no version {version})", err=True)
        sys.exit(1)
    _show(outcome)
    assert outcome.entry is not None
    click.echo(f"✓ ย้อนกลับเป็นฉบับที่ {version} แล้ว บันทึกเป็นฉบับที่ {outcome.entry['id']} "
               f"(rolled back to v{version}, published as v{outcome.entry['id']})")
