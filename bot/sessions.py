"""SessionStore: per-citizen sessions with a TTL, and once-only processing of webhook event ids."""

from __future__ import annotations

import hashlib

import redis

from bot.session import Session

DEDUP_TTL_S = 24 * 3600


def user_key(source_id: str) -> str:
    """A stable, non-reversible key for a LINE user/group id (ids never appear in Redis keys or logs)."""
    return hashlib.sha256(source_id.encode()).hexdigest()[:32]


class SessionStore:
    """Load/save sessions as JSON under `prefix`, each with a TTL."""

    def __init__(self, client: redis.Redis, prefix: str, ttl_s: int):
        self.client, self.prefix, self.ttl_s = client, prefix, ttl_s

    def load(self, key: str) -> Session:
        """The saved session, or a fresh one when missing, expired or corrupt."""
        return Session.from_json(self.client.get(f"{self.prefix}session:{key}"))

    def save(self, key: str, session: Session) -> None:
        """Save with the TTL renewed."""
        self.client.set(f"{self.prefix}session:{key}", session.to_json(), ex=self.ttl_s)

    def first_time(self, event_id: str) -> bool:
        """True only for the first caller with this webhook event id (atomic SET NX, kept 24 h)."""
        return bool(self.client.set(f"{self.prefix}event:{event_id}", "1", nx=True, ex=DEDUP_TTL_S))
