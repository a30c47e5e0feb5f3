"""Send a notice exactly once: snapshot the recipients, then each batch pending → LINE → sent/failed, under a lock."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.notices import cap, followers
from bot.notices.audiences import Audience, AudienceError, parse
from bot.notices.model import BATCH_SIZE, Batch, Notice, retry_key
from bot.notices.runtime import Runtime

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]  # (batches done, batches in all)


class Busy(Exception):
    """Another worker (or admin) is sending this notice right now."""


def snapshot(rt: Runtime, notice: Notice, audience: Audience, now: datetime) -> Notice:
    """Fix who gets the notice, once: the sorted recipient list, the day's cap counts and reminded marks together."""
    if notice.recipients is not None:
        return notice
    if audience.mode == "push":
        ids = [str(notice.extra.get("to") or "")]
    elif audience.mode == "multicast":
        ids = followers.members(rt.client, list(audience.follow_keys))
        if notice.kind == "reminder":
            ids = cap.eligible(rt.client, ids, now, rt.settings.daily_cap, notice.event_id)
    else:
        ids = []
    notice.recipients = len(ids) if audience.mode in ("push", "multicast") else None
    notice.batches = -(-len(ids) // BATCH_SIZE) if audience.mode == "multicast" else 1
    to_key = rt.store.key(notice.id, "to")
    with rt.client.pipeline(transaction=True) as pipe:
        pipe.delete(to_key)
        for start in range(0, len(ids), 10_000):
            pipe.rpush(to_key, *ids[start:start + 10_000])
        if audience.mode == "multicast":
            cap.count(pipe, ids, now, notice.event_id if notice.kind == "reminder" else None)
        pipe.set(rt.store.key(notice.id), notice.to_json())
        pipe.execute()
    return notice


def payload(rt: Runtime, notice: Notice, audience: Audience, number: int) -> tuple[dict[str, Any], int]:
    """The request body of batch `number` and how many user ids it names."""
    body: dict[str, Any] = {"messages": notice.messages}
    if audience.mode in ("multicast", "push"):
        raw = rt.client.lrange(rt.store.key(notice.id, "to"), number * BATCH_SIZE, (number + 1) * BATCH_SIZE - 1)
        ids = [i.decode() if isinstance(i, bytes) else str(i) for i in raw]
        body["to"] = ids if audience.mode == "multicast" else ids[0]
        return body, len(ids)
    if audience.mode == "narrowcast":
        body["filter"] = {"demographic": audience.narrowcast_filter()}
    return body, 0


def over_quota(rt: Runtime, notice: Notice) -> str | None:
    """Why the unsent part of this notice would exceed the month's quota, or None when it fits (or LINE won't say)."""
    if not notice.recipients:
        return None
    unsent = sum(1 for n in range(notice.batches) if rt.store.batch(notice.id, n).state != "sent")
    if unsent == 0:
        return None
    limit, used = rt.line.quota()
    need = min(notice.recipients, unsent * BATCH_SIZE)
    if limit is None or used is None or used + need <= limit:
        return None
    return (f"เกินโควตาข้อความของเดือนนี้: ใช้ไป {used:,} จาก {limit:,} ต้องการอีก {need:,} · "
            f"over the month's message quota: used {used:,} of {limit:,}, this needs {need:,}")


class _Lock:
    """A Redis lock with a TTL, renewed after each batch, so a crashed worker's lock expires on its own."""

    def __init__(self, rt: Runtime, notice_id: str):
        self.rt, self.key, self.token = rt, rt.store.key(notice_id, "lock"), secrets.token_hex(8)
        self.ttl_ms = int(rt.settings.lock_s * 1000)

    def __enter__(self) -> _Lock:
        if not self.rt.client.set(self.key, self.token, nx=True, px=self.ttl_ms):
            raise Busy(self.key)
        return self

    def renew(self) -> None:
        if self.rt.client.get(self.key) in (self.token, self.token.encode()):
            self.rt.client.pexpire(self.key, self.ttl_ms)

    def __exit__(self, *exc: object) -> None:
        if self.rt.client.get(self.key) in (self.token, self.token.encode()):
            self.rt.client.delete(self.key)


def run_notice(rt: Runtime, notice_id: str, progress: Progress | None = None, now: datetime | None = None) -> Notice:
    """Send every batch not yet accepted; safe to call again after a crash, twice at once, or after a failure."""
    with _Lock(rt, notice_id) as lock:
        notice = rt.store.get(notice_id)
        if notice is None:
            raise KeyError(notice_id)
        if notice.status in ("sent", "cancelled"):
            return notice
        try:
            audience = parse(notice.audience)
        except AudienceError as exc:
            rt.store.update(notice_id, status="refused", error=str(exc))
            raise
        notice = snapshot(rt, notice, audience, now or datetime.now(UTC))
        over = over_quota(rt, notice)
        if over:
            rt.audit.record("system", "refused", notice.id, notice.audience, notice.recipients, "quota", over)
            return rt.store.update(notice.id, status="refused", error=over) or notice
        notice = rt.store.update(notice_id, status="sending", error=None) or notice
        rt.audit.record("system", "sending", notice.id, notice.audience, notice.recipients, "started")
        failed: Batch | None = None
        done = 0
        for number in range(notice.batches):
            batch = rt.store.batch(notice.id, number)
            if batch.state == "sent":
                done += 1
                continue
            current = rt.store.get(notice.id)
            if current is not None and current.status == "cancelled":
                return current
            body, size = payload(rt, notice, audience, number)
            if audience.mode in ("multicast", "push") and size == 0:
                batch.state = "sent"
                rt.store.set_batch(notice.id, batch)
                continue
            rt.limiter.take(audience.mode)
            batch.state, batch.size, batch.attempts = "pending", size, batch.attempts + 1
            rt.store.set_batch(notice.id, batch)  # before the call: a crash leaves it pending, never lost
            outcome = rt.line.send(audience.mode, body, retry_key(notice.id, number))
            batch.attempts += outcome.attempts - 1
            batch.state = "sent" if outcome.sent else "failed"
            batch.request_id, batch.error = outcome.request_id or batch.request_id, outcome.error
            rt.store.set_batch(notice.id, batch)
            lock.renew()
            if not outcome.sent:
                failed = batch
                break
            done += 1
            if progress:
                progress(done, notice.batches)
        status = "sent" if failed is None else "failed"
        error = None if failed is None else f"batch {failed.number + 1}/{notice.batches}: {failed.error}"
        notice = rt.store.update(notice.id, status=status, error=error) or notice
        rt.audit.record("system", status, notice.id, notice.audience, notice.recipients,
                        f"{done}/{notice.batches} batches", error or "")
        log.info("notice %s %s (%s/%s batches)", notice.id, status, done, notice.batches)
        return notice
