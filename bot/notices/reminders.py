"""Event reminders: each event's followers (venue, province, topics) get one reminder, scheduled with RQ."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.notices import events, jobs
from bot.notices.events import EventView
from bot.notices.messages import event_messages
from bot.notices.model import Notice, now_iso
from bot.notices.runtime import Runtime

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")


def remind_at(event: EventView, days_before: int, at: str) -> datetime:
    """When the reminder goes out: `days_before` days before the event's day, at HH:MM Bangkok (in UTC)."""
    hour, minute = (int(x) for x in at.split(":"))
    day = event.start.astimezone(BANGKOK).date() - timedelta(days=days_before)
    return datetime.combine(day, time(hour, minute), BANGKOK).astimezone(UTC)


def audience_of(event: EventView) -> str | None:
    """The follow sets that match an event: its venue, its province and each of its topics (None if none)."""
    terms = []
    if event.venue_id:
        terms.append(f"venue:{event.venue_id}")
    if event.province:
        terms.append(f"province:{event.province}")
    terms += [f"topic:{t}" for t in event.topics]
    return "+".join(terms) or None


def reminder_id(event: EventView) -> str:
    """One reminder per event occurrence: the id is derived from the event and its start day."""
    return f"r-{event.id}-{event.start.astimezone(BANGKOK):%Y%m%d}"


def plan(rt: Runtime, catalog: Any, now: datetime | None = None) -> list[Notice]:
    """Schedule a reminder for every upcoming event not yet planned (safe to call again: ids are fixed)."""
    now = now or datetime.now(UTC)
    planned = []
    for event in events.all_events(catalog, now):
        audience = audience_of(event)
        if audience is None or event.start <= now:
            continue
        at = remind_at(event, rt.settings.reminder_days_before, rt.settings.reminder_at)
        if at >= event.start:  # the configured time falls after the event began: remind now instead
            at = now
        heading = "เตือนกิจกรรม" if rt.settings.reminder_days_before != 1 else "พรุ่งนี้มีกิจกรรม"
        notice = Notice(id=reminder_id(event), messages=event_messages(event, events.place_name(catalog, event),
                                                                       heading),
                        audience=audience, by="reminders", created_at=now_iso(), kind="reminder", event_id=event.id)
        if not rt.store.create(notice):
            continue
        notice = jobs.enqueue(rt, notice, at if at > now else None)
        rt.audit.record("reminders", "schedule", notice.id, audience, "", notice.status, f"at {at.isoformat()}")
        planned.append(notice)
    log.info("planned %d event reminders", len(planned))
    return planned
