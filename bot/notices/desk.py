"""The admins' desk, shared by the CLI, the JSON API and the page: prepare (check, count, quota), submit, show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.notices import events, followers, jobs
from bot.notices.audiences import NARROWCAST_NOTE, Audience, AudienceError, parse
from bot.notices.messages import event_messages, https_url, problems, text_messages
from bot.notices.model import Notice, new_id, now_iso
from bot.notices.runtime import Runtime

BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass
class Draft:
    """A notice checked but not yet sent: its messages, audience, recipient count, quota, problems and notes."""

    notice: Notice | None
    audience: Audience | None
    count: int | None
    quota: int | None = None
    used: int | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    send_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """The draft as JSON for the API and the page."""
        return {"ok": not self.problems, "problems": self.problems, "notes": self.notes, "count": self.count,
                "quota": self.quota, "used": self.used,
                "mode": self.audience.mode if self.audience else None,
                "send_at": self.send_at.isoformat() if self.send_at else None,
                "messages": self.notice.messages if self.notice else []}


def parse_time(value: str | None, now: datetime) -> datetime | None:
    """An ISO time (naive = Asia/Bangkok) in UTC; ValueError when unreadable or in the past."""
    if not value:
        return None
    at = datetime.fromisoformat(value.strip())
    at = (at if at.tzinfo else at.replace(tzinfo=BANGKOK)).astimezone(UTC)
    if at <= now:
        raise ValueError("เวลาส่งผ่านไปแล้ว · the send time is in the past")
    return at


def prepare(rt: Runtime, catalog: Any, *, by: str, audience: str, text: str | None = None,
            image: str | None = None, event_id: str | None = None, at: str | None = None,
            now: datetime | None = None) -> Draft:
    """Build and check a notice without sending: messages, audience, count, quota; problems say what is wrong."""
    now = now or datetime.now(UTC)
    draft = Draft(None, None, None)
    messages: list[dict[str, Any]] = []
    if event_id:
        event = events.find(catalog, event_id)
        if event is None:
            draft.problems.append(f"ไม่พบกิจกรรม {event_id!r} · no event with this id")
        else:
            messages = event_messages(event, events.place_name(catalog, event))
    elif text and text.strip():
        if image and not https_url(image):
            draft.problems.append("รูปต้องเป็นลิงก์ https · the image must be an https URL")
        else:
            messages = text_messages(text, image or None)
    else:
        draft.problems.append("ต้องมีข้อความหรือกิจกรรม · give a text or an event")
    if messages:
        draft.problems += problems(messages)
    try:
        draft.send_at = parse_time(at, now)
    except ValueError as exc:
        draft.problems.append(str(exc) if "ผ่าน" in str(exc) else f"อ่านเวลาไม่ออก · unreadable time: {at!r}")
    places = getattr(catalog, "places", None)
    provinces = {p.name_th for p in places.provinces} if places is not None else None
    try:
        draft.audience = parse(audience, provinces, set(getattr(catalog, "venues", {}) or {}) or None)
    except AudienceError as exc:
        draft.problems.append(str(exc))
    extra: dict[str, Any] = {}
    if draft.audience is not None:
        mode = draft.audience.mode
        if mode == "multicast":
            draft.count = followers.count(rt.client, list(draft.audience.follow_keys))
            if draft.count == 0:
                draft.problems.append("ยังไม่มีผู้ติดตามกลุ่มนี้ · nobody follows this audience yet")
        elif mode == "push":
            extra["to"] = rt.settings.admin_line_user_id
            draft.count = 1
            if not extra["to"]:
                draft.problems.append("ตั้ง ADMIN_LINE_USER_ID ก่อนส่งทดสอบ · set ADMIN_LINE_USER_ID to send a test")
        elif mode == "narrowcast":
            draft.notes.append(NARROWCAST_NOTE)
        else:
            draft.notes.append("ส่งถึงเพื่อนทุกคนของบัญชี (LINE นับจำนวนเอง) · every friend of the account")
        draft.quota, draft.used = rt.line.quota()
        if draft.quota is not None and draft.used is not None and draft.count is not None \
                and draft.used + draft.count > draft.quota:
            draft.problems.append(f"เกินโควตาเดือนนี้ ({draft.used:,}+{draft.count:,} > {draft.quota:,}) · "
                                  "this would exceed the month's message quota")
        if messages and not draft.problems and rt.settings.validate_with_line:
            reason = rt.line.validate(mode, messages)
            if reason:
                draft.problems.append(f"LINE ไม่รับข้อความนี้ · LINE's validate endpoint refused it: {reason}")
    if messages:
        kind = "test" if draft.audience is not None and draft.audience.mode == "push" else "notice"
        draft.notice = Notice(id=new_id("t" if kind == "test" else "n"), messages=messages, audience=audience.strip(),
                              by=by, created_at=now_iso(), kind=kind, event_id=event_id or None, extra=extra)
    return draft


def submit(rt: Runtime, draft: Draft) -> Notice:
    """Save a checked draft and queue (or schedule) its send as a background job; recorded in the audit log."""
    assert draft.notice is not None and not draft.problems, "submit only a draft without problems"
    notice = draft.notice
    rt.store.save(notice)
    notice = jobs.enqueue(rt, notice, draft.send_at)
    action = "schedule" if notice.status == "scheduled" else ("test" if notice.kind == "test" else "send")
    rt.audit.record(notice.by, action, notice.id, notice.audience, draft.count, notice.status,
                    f"at {notice.send_at}" if notice.send_at else "")
    return notice


def resend(rt: Runtime, notice_id: str, by: str) -> Notice | None:
    """Queue a failed or interrupted notice again: only batches LINE has not accepted are sent."""
    notice = rt.store.get(notice_id)
    if notice is None or notice.status in ("sent", "cancelled"):
        return notice
    notice = jobs.enqueue(rt, notice)
    rt.audit.record(by, "resend", notice.id, notice.audience, notice.recipients, notice.status)
    return notice


def cancel(rt: Runtime, notice_id: str, by: str) -> Notice | None:
    """Cancel a notice that has not gone out; recorded in the audit log."""
    before = rt.store.get(notice_id)
    notice = jobs.cancel(rt, notice_id)
    if notice is not None and before is not None:
        outcome = notice.status if before.status != notice.status else f"unchanged ({notice.status})"
        rt.audit.record(by, "cancel", notice.id, notice.audience, notice.recipients, outcome)
    return notice


def describe(rt: Runtime, notice: Notice) -> dict[str, Any]:
    """A notice with its batches (states, request ids, errors), counts and its audit entries, as JSON."""
    batches = rt.store.batches(notice.id)
    data = asdict(notice)
    data.pop("extra", None)
    data["sent_batches"] = sum(1 for b in batches if b.state == "sent")
    data["batch_states"] = [asdict(b) for b in batches]
    data["audit"] = rt.audit.recent(20, notice.id)
    return data
