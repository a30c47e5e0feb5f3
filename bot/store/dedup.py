"""Once-only processing of LINE webhook event ids (atomic SET NX with a TTL)."""

from __future__ import annotations

import redis

DEDUP_TTL_S = 24 * 3600


class Dedup:
    """Claims webhook event ids under `prefix`event:<id>."""

    def __init__(self, client: redis.Redis, prefix: str, ttl_s: int = DEDUP_TTL_S):
        self.client, self.prefix, self.ttl_s = client, prefix, ttl_s

    def first_time(self, event_id: str) -> bool:
        """True only for the first caller with this webhook event id (kept 24 h)."""
        return bool(self.client.set(f"{self.prefix}event:{event_id}", "1", nx=True, ex=self.ttl_s))
