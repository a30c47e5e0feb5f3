"""`flask notice send|list|show|cancel|resend|reminders`: admins send notices from the command line."""

from __future__ import annotations

import getpass
import json
import time
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from rq import Worker

from bot.commands.ask import render_text
from bot.notices import desk, jobs, reminders
from bot.notices.desk import Draft
from bot.notices.runtime import Runtime

notice_group = AppGroup("notice", help="Send notices to citizens: to followers, regions, everyone, or yourself.")
FINAL = ("sent", "failed", "refused", "cancelled")


def _runtime() -> Runtime:
    services = current_app.extensions["rianru"]
    return Runtime.build(services.settings, services.redis.client())


def _catalog() -> Any:
    content = current_app.extensions["rianru"].live.current
    return content.catalog if content is not None else None


def _who(by: str | None) -> str:
    return by or getpass.getuser() or "cli"


def _summary(draft: Draft) -> None:
    count = "ตาม LINE (LINE counts)" if draft.count is None else f"{draft.count:,}"
    click.echo(f"audience: {draft.audience.spec if draft.audience else '?'} "
               f"({draft.audience.mode if draft.audience else '?'}) · recipients: {count}")
    if draft.quota is not None or draft.used is not None:
        click.echo(f"quota this month: {draft.used if draft.used is not None else '?'} used of "
                   f"{draft.quota if draft.quota is not None else 'unlimited'}")
    for note in draft.notes:
        click.echo(f"note: {note}")
    if draft.notice is not None:
        click.echo(render_text(draft.notice.messages))
    for problem in draft.problems:
        click.echo(f"problem: {problem}", err=True)


def _follow(rt: Runtime, notice_id: str) -> str:
    """Show a progress bar of batches until the notice is done (sent by a worker, or here when none runs)."""
    notice = rt.store.get(notice_id)
    assert notice is not None
    if Worker.count(connection=jobs.rq_connection(rt.client)) == 0:
        click.echo("no notices worker is running: sending from here")
        with click.progressbar(length=1, label="batches") as bar:
            def progress(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)
            status = jobs.run_with_progress(rt, notice_id, progress)
        return status
    with click.progressbar(length=1, label="batches") as bar:
        while True:
            notice = rt.store.get(notice_id)
            assert notice is not None
            done = sum(1 for b in rt.store.batches(notice_id) if b.state == "sent")
            bar.length = max(notice.batches, 1)
            bar.update(done - bar.pos)
            if notice.status in FINAL:
                return notice.status
            time.sleep(0.3)


@notice_group.command("send")
@click.option("--event", "event_id", help="an event id from content/events/")
@click.option("--text", help="the notice's text (Thai)")
@click.option("--image", help="an https image shown above the text")
@click.option("--audience", required=True,
              help="all | province:<ชื่อ> | topic:<หัวข้อ> | venue:<id> (join with +) | region:th_01…th_08 "
                   "[+age:20-40][+gender:female] | test:me")
@click.option("--at", "at", help="send later: ISO time, Asia/Bangkok unless it has an offset (2027-01-09T09:00)")
@click.option("--dry-run", is_flag=True, help="check and count only; send nothing")
@click.option("--by", help="your name for the audit log (default: your login)")
@click.option("--wait/--no-wait", default=True, help="show a progress bar until it is sent (default)")
def send(event_id: str | None, text: str | None, image: str | None, audience: str, at: str | None, dry_run: bool,
         by: str | None, wait: bool) -> None:
    """Check a notice, show who gets it, and send it (now, or at --at) as a background job."""
    rt = _runtime()
    draft = desk.prepare(rt, _catalog(), by=_who(by), audience=audience, text=text, image=image,
                         event_id=event_id, at=at)
    _summary(draft)
    if draft.problems:
        raise SystemExit(1)
    if dry_run:
        click.echo("dry run: nothing sent")
        return
    notice = desk.submit(rt, draft)
    click.echo(f"notice {notice.id}: {notice.status}" + (f" for {notice.send_at}" if notice.send_at else ""))
    if notice.status == "queued" and wait:
        status = _follow(rt, notice.id)
        final = rt.store.get(notice.id)
        click.echo(f"notice {notice.id}: {status}" + (f" — {final.error}" if final and final.error else ""))
        if status != "sent":
            raise SystemExit(1)


@notice_group.command("list")
@click.option("--limit", default=20, show_default=True)
def list_notices(limit: int) -> None:
    """The latest notices and the audit log."""
    rt = _runtime()
    for n in rt.store.recent(limit):
        count = "-" if n.recipients is None else f"{n.recipients:,}"
        click.echo(f"{n.id:28} {n.status:10} {count:>8} {n.audience[:40]:40} {n.by} {n.send_at or n.created_at}")
    click.echo("\naudit log (newest first):")
    for e in rt.audit.recent(limit):
        click.echo(f"{e['at']} {e['who']:12} {e['action']:9} {e['notice']:28} {e['audience'][:30]:30} "
                   f"{e['count']:>7} {e['outcome']} {e.get('detail', '')}".rstrip())


@notice_group.command("show")
@click.argument("notice_id")
def show(notice_id: str) -> None:
    """One notice: status, batches (state, size, attempts, LINE request ids, errors), audit entries."""
    rt = _runtime()
    notice = rt.store.get(notice_id)
    if notice is None:
        raise click.ClickException(f"no notice {notice_id!r}")
    click.echo(json.dumps(desk.describe(rt, notice), ensure_ascii=False, indent=2))


@notice_group.command("cancel")
@click.argument("notice_id")
@click.option("--by", help="your name for the audit log")
def cancel(notice_id: str, by: str | None) -> None:
    """Cancel a queued or scheduled notice."""
    notice = desk.cancel(_runtime(), notice_id, _who(by))
    if notice is None:
        raise click.ClickException(f"no notice {notice_id!r}")
    click.echo(f"notice {notice.id}: {notice.status}")
    if notice.status != "cancelled":
        raise SystemExit(1)


@notice_group.command("resend")
@click.argument("notice_id")
@click.option("--by", help="your name for the audit log")
def resend(notice_id: str, by: str | None) -> None:
    """Send a failed or interrupted notice again: only batches LINE has not accepted go out."""
    rt = _runtime()
    notice = desk.resend(rt, notice_id, _who(by))
    if notice is None:
        raise click.ClickException(f"no notice {notice_id!r}")
    click.echo(f"notice {notice.id}: {notice.status}")
    if notice.status == "queued":
        click.echo(f"notice {notice.id}: {_follow(rt, notice.id)}")


@notice_group.command("reminders")
def plan() -> None:
    """Schedule reminders for upcoming events now (the worker also does this at start and daily)."""
    planned = reminders.plan(_runtime(), _catalog())
    click.echo(f"{len(planned)} reminders scheduled")
    for n in planned:
        click.echo(f"  {n.id} {n.status} {n.send_at or ''} {n.audience}")
