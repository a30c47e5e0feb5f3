"""What sending needs, built once from Settings and a Redis client: store, LINE, audit, rate limits, policy."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

from bot.config import NoticeSettings, Settings
from bot.notices.audit import AuditLog
from bot.notices.model import NoticeStore
from bot.notices.ratelimit import RateLimiter
from bot.notices.sender import NoticeLine, RetryPolicy


@dataclass
class Runtime:
    """The notices' tools on one Redis: the store, LINE, the audit log, rate limits, and their settings."""

    client: redis.Redis
    store: NoticeStore
    line: NoticeLine
    audit: AuditLog
    limiter: RateLimiter
    settings: NoticeSettings

    @classmethod
    def build(cls, settings: Settings, client: redis.Redis, sleep: Callable[[float], None] = time.sleep) -> Runtime:
        """Everything from the app's settings, on `client`."""
        ns = settings.notices
        policy = RetryPolicy(ns.attempts, ns.backoff_s, ns.max_wait_s)
        line = NoticeLine(settings.channel_access_token, settings.line_api_base_url, settings.line_timeout_s,
                          policy, sleep)
        return cls(client, NoticeStore(client), line, AuditLog(client), RateLimiter(client), ns)
