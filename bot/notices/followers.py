"""Read the follow sets (written by the follows handlers): Redis SETs of LINE user ids per province, topic, venue."""

from __future__ import annotations

import redis

from bot.store.follows import KINDS, audience_key

__all__ = ["KINDS", "count", "follow_key", "members"]


def follow_key(kind: str, value: str) -> str:
    """The Redis SET of a follow: rianru:audience:<kind>:<value> (province by Thai name, venue by id)."""
    return audience_key(kind, value)


def count(client: redis.Redis, keys: list[str]) -> int:
    """How many distinct citizens follow any of these sets."""
    if not keys:
        return 0
    if len(keys) == 1:
        return int(client.scard(keys[0]))
    return len(client.sunion(keys))


def members(client: redis.Redis, keys: list[str]) -> list[str]:
    """Every citizen following any of these sets, each once, sorted (so batches are the same on every run)."""
    if not keys:
        return []
    found = client.sunion(keys)
    return sorted(m.decode() if isinstance(m, bytes) else str(m) for m in found)
