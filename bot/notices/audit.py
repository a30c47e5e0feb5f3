"""The audit log: every notice and admin action (who, when, what, audience, counts, outcome) in a Redis stream."""

from __future__ import annotations

from typing import Any

import redis

from bot.notices.model import now_iso

STREAM = "rianru:audit"
MAX_ENTRIES = 100_000


class AuditLog:
    """Append-only record in the Redis stream rianru:audit (trimmed to about 100,000 entries)."""

    def __init__(self, client: redis.Redis, stream: str = STREAM):
        self.r, self.stream = client, stream

    def record(self, who: str, action: str, notice_id: str = "", audience: str = "", count: Any = "",
               outcome: str = "", detail: str = "") -> None:
        """Append one entry."""
        fields = {"at": now_iso(), "who": who or "?", "action": action, "notice": notice_id, "audience": audience,
                  "count": "" if count is None else str(count), "outcome": outcome, "detail": detail[:500]}
        self.r.xadd(self.stream, fields, maxlen=MAX_ENTRIES, approximate=True)  # type: ignore[arg-type]

    def recent(self, limit: int = 50, notice_id: str | None = None) -> list[dict[str, str]]:
        """The newest entries first (only one notice's when notice_id is given)."""
        entries = []
        for entry_id, raw in self.r.xrevrange(self.stream, count=limit if notice_id is None else 2000):  # type: ignore[union-attr]
            row = {_s(k): _s(v) for k, v in (raw or {}).items()}
            row["id"] = _s(entry_id)
            if notice_id is None or row.get("notice") == notice_id:
                entries.append(row)
        return entries[:limit]


def _s(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
