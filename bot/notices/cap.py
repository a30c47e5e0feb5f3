"""Once per citizen per event, and at most N notices per citizen per day (Asia/Bangkok), counted in Redis."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import redis
from redis.client import Pipeline

from bot.store.keys import user_key

BANGKOK = ZoneInfo("Asia/Bangkok")
DAY_S = 24 * 3600
CHUNK = 5000
# One command per chunk instead of one HINCRBY each: 100,000 recipients cost 20 round trips' worth of packing.
INCREMENT_ALL = "for _, field in ipairs(ARGV) do redis.call('HINCRBY', KEYS[1], field, 1) end return #ARGV"


def cap_key(now: datetime, prefix: str = "rianru:") -> str:
    """The day's counter hash (field = hashed user id → notices sent today)."""
    return f"{prefix}cap:{now.astimezone(BANGKOK):%Y-%m-%d}"


def reminded_key(event_id: str, prefix: str = "rianru:") -> str:
    """The set of (hashed) citizens already reminded of this event."""
    return f"{prefix}reminded:{event_id}"


def eligible(client: redis.Redis, ids: list[str], now: datetime, cap: int, event_id: str | None) -> list[str]:
    """The citizens who may still get a notice today (and, for a reminder, were not yet reminded of it)."""
    if not ids:
        return []
    hashed = [user_key(i) for i in ids]
    counts = client.hmget(cap_key(now), hashed)
    seen: list[bool] = [False] * len(ids)
    if event_id is not None:
        seen = []
        for start in range(0, len(hashed), CHUNK):
            seen += [bool(x) for x in client.smismember(reminded_key(event_id), hashed[start:start + CHUNK])]
    return [i for i, c, s in zip(ids, counts, seen, strict=True) if not s and int(c or 0) < cap]


def count(pipe: Pipeline, ids: list[str], now: datetime, event_id: str | None) -> None:
    """Queue, in the caller's transaction, today's count for each citizen (and the reminded mark)."""
    key = cap_key(now)
    hashed = [user_key(i) for i in ids]
    for start in range(0, len(hashed), CHUNK):
        pipe.eval(INCREMENT_ALL, 1, key, *hashed[start:start + CHUNK])
    pipe.expire(key, 2 * DAY_S)
    if event_id is not None and hashed:
        for start in range(0, len(hashed), CHUNK):
            pipe.sadd(reminded_key(event_id), *hashed[start:start + CHUNK])
        pipe.expire(reminded_key(event_id), 400 * DAY_S)
