"""The Notice (what to send, to whom, when, and how it went) and its batch states, kept in Redis."""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

import redis

PREFIX = "rianru:"
BATCH_SIZE = 500  # LINE's multicast limit on user ids per request
RETRY_NAMESPACE = uuid.UUID("6b1f3c2e-9d57-4d1a-8a43-2f0e6c5b7a91")
STATUSES = ("draft", "scheduled", "queued", "sending", "sent", "failed", "refused", "cancelled")
FINAL = ("sent", "cancelled")


@dataclass
class Notice:
    """One notice: messages (≤5, already validated), an audience spec, who made it, and its progress."""

    id: str
    messages: list[dict[str, Any]]
    audience: str
    by: str
    created_at: str
    send_at: str | None = None  # ISO time (UTC) for a scheduled notice
    status: str = "draft"
    kind: str = "notice"  # notice | reminder | test
    event_id: str | None = None
    recipients: int | None = None  # known after the snapshot (None for broadcast/narrowcast)
    batches: int = 0
    error: str | None = None
    updated_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The notice as one JSON document."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Notice:
        """Read a notice back, ignoring fields a newer version added."""
        data = json.loads(raw)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Batch:
    """One LINE call of a notice: its state, attempts, LINE's request id and any error."""

    number: int
    state: str = "pending"  # pending | sent | failed
    attempts: int = 0
    size: int = 0
    request_id: str | None = None
    error: str | None = None


def new_id(prefix: str = "n") -> str:
    """A readable, unique notice id: n-20270109-0930-3fa9c1."""
    return f"{prefix}-{datetime.now(UTC).strftime('%Y%m%d-%H%M')}-{secrets.token_hex(3)}"


def retry_key(notice_id: str, batch: int) -> str:
    """The deterministic X-Line-Retry-Key of one batch: the same on every attempt, run and worker."""
    return str(uuid.uuid5(RETRY_NAMESPACE, f"{notice_id}:{batch}"))


def now_iso() -> str:
    """The current UTC time as ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class NoticeStore:
    """Notices, their batches and recipient snapshots under rianru:notice:*."""

    def __init__(self, client: redis.Redis, prefix: str = PREFIX):
        self.r, self.prefix = client, prefix

    def key(self, notice_id: str, part: str = "") -> str:
        """The Redis key of a notice (or one of its parts: batches, to, lock)."""
        return f"{self.prefix}notice:{notice_id}" + (f":{part}" if part else "")

    def save(self, notice: Notice) -> Notice:
        """Write the notice and index it by creation time."""
        notice.updated_at = now_iso()
        with self.r.pipeline() as pipe:
            pipe.set(self.key(notice.id), notice.to_json())
            pipe.zadd(f"{self.prefix}notices", {notice.id: datetime.fromisoformat(notice.created_at).timestamp()},
                      nx=True)
            pipe.execute()
        return notice

    def create(self, notice: Notice) -> bool:
        """Write a new notice only if its id is unused (reminders use deterministic ids)."""
        notice.updated_at = now_iso()
        if not self.r.set(self.key(notice.id), notice.to_json(), nx=True):
            return False
        self.r.zadd(f"{self.prefix}notices", {notice.id: datetime.fromisoformat(notice.created_at).timestamp()})
        return True

    def get(self, notice_id: str) -> Notice | None:
        """The notice with this id, or None."""
        raw = self.r.get(self.key(notice_id))
        return Notice.from_json(raw) if raw else None

    def update(self, notice_id: str, **changes: Any) -> Notice | None:
        """Change some fields of a stored notice."""
        notice = self.get(notice_id)
        if notice is None:
            return None
        for name, value in changes.items():
            setattr(notice, name, value)
        return self.save(notice)

    def recent(self, limit: int = 50) -> list[Notice]:
        """The newest notices first."""
        ids = self.r.zrevrange(f"{self.prefix}notices", 0, limit - 1)
        found = [self.get(i.decode() if isinstance(i, bytes) else str(i)) for i in ids]
        return [n for n in found if n is not None]

    def batch(self, notice_id: str, number: int) -> Batch:
        """One batch's state (pending with no attempts when never tried)."""
        raw = self.r.hget(self.key(notice_id, "batches"), str(number))
        return Batch(**json.loads(raw)) if raw else Batch(number)

    def set_batch(self, notice_id: str, batch: Batch) -> None:
        """Record one batch's state (written before and after every LINE call)."""
        self.r.hset(self.key(notice_id, "batches"), str(batch.number), json.dumps(asdict(batch), ensure_ascii=False))

    def batches(self, notice_id: str) -> list[Batch]:
        """Every batch tried so far, in order."""
        raw = self.r.hgetall(self.key(notice_id, "batches"))
        return sorted((Batch(**json.loads(v)) for v in raw.values()), key=lambda b: b.number)
