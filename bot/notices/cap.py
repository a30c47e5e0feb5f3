"""Once per citizen per event, and at most N notices per citizen per day (Asia/Bangkok), counted in Redis."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import redis
from redis.client import Pipeline

from bot.store.keys import user_key

BANGKOK = ZoneInfo("Asia/Bangkok")
DAY_S = 24 * 3600


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
        with client.pipeline(transaction=False) as pipe:
            for h in hashed:
                pipe.sismember(reminded_key(event_id), h)
            seen = [bool(x) for x in pipe.execute()]
    return [i for i, c, s in zip(ids, counts, seen, strict=True) if not s and int(c or 0) < cap]  # type: ignore[union-attr]


def count(pipe: Pipeline, ids: list[str], now: datetime, event_id: str | None) -> None:
    """Queue, in the caller's transaction, today's count for each citizen (and the reminded mark)."""
    key = cap_key(now)
    for i in ids:
        pipe.hincrby(key, user_key(i), 1)
    pipe.expire(key, 2 * DAY_S)
    if event_id is not None and ids:
        pipe.sadd(reminded_key(event_id), *[user_key(i) for i in ids])
        pipe.expire(reminded_key(event_id), 400 * DAY_S)
