"""LINE's per-endpoint rate limits, counted in Redis so every worker shares them (fixed windows)."""

from __future__ import annotations

import time

import redis

# requests per window (seconds), from LINE's reference: multicast 200/s, broadcast and narrowcast 60/hour.
LIMITS = {"multicast": (200, 1), "push": (2000, 1), "broadcast": (60, 3600), "narrowcast": (60, 3600)}


class RateLimited(Exception):
    """The endpoint's window is full for longer than we wait in-line; try again after `wait_s`."""

    def __init__(self, mode: str, wait_s: float):
        self.mode, self.wait_s = mode, wait_s
        super().__init__(f"{mode}: LINE allows {LIMITS[mode][0]} requests per {LIMITS[mode][1]} s; "
                         f"next slot in {wait_s:.0f} s")


class RateLimiter:
    """take(mode) claims one request slot, sleeping briefly when the window is full."""

    def __init__(self, client: redis.Redis, prefix: str = "rianru:", max_inline_wait_s: float = 5.0):
        self.r, self.prefix, self.max_inline_wait_s = client, prefix, max_inline_wait_s

    def take(self, mode: str) -> None:
        """Claim a slot for one request to `mode`'s endpoint; raise RateLimited when the wait would be long."""
        limit, window = LIMITS[mode]
        while True:
            now = time.time()
            slot = int(now // window)
            key = f"{self.prefix}rate:{mode}:{slot}"
            with self.r.pipeline() as pipe:
                pipe.incr(key)
                pipe.expire(key, window * 2)
                used = int(pipe.execute()[0])
            if used <= limit:
                return
            wait = (slot + 1) * window - now
            if wait > self.max_inline_wait_s:
                raise RateLimited(mode, wait)
            time.sleep(wait)
