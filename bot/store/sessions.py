"""SessionStore: per-citizen chat sessions as JSON in Redis, each with a TTL."""

from __future__ import annotations

import redis

from bot.session import Session


class SessionStore:
    """Load/save sessions under `prefix`session:<user key>."""

    def __init__(self, client: redis.Redis, prefix: str, ttl_s: int):
        self.client, self.prefix, self.ttl_s = client, prefix, ttl_s

    def key(self, who: str) -> str:
        """The Redis key of one citizen's session."""
        return f"{self.prefix}session:{who}"

    def load(self, who: str) -> Session:
        """The saved session, or a fresh one when missing, expired or corrupt."""
        return Session.from_json(self.client.get(self.key(who)))

    def save(self, who: str, session: Session) -> None:
        """Save with the TTL renewed."""
        self.client.set(self.key(who), session.to_json(), ex=self.ttl_s)

    def delete(self, who: str) -> None:
        """Forget the session."""
        self.client.delete(self.key(who))
