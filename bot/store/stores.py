"""Stores: the Redis-backed stores one turn uses (sessions, dedup, effects, trips), sharing one client and prefix."""

from __future__ import annotations

from dataclasses import dataclass

import redis

from bot.store.dedup import Dedup
from bot.store.effects import EffectStore
from bot.store.sessions import SessionStore
from bot.store.trips import TripStore
from bot.trip import TripRules


@dataclass(frozen=True)
class Stores:
    """Everything a turn reads or writes in Redis."""

    sessions: SessionStore
    dedup: Dedup
    effects: EffectStore
    trips: TripStore

    @classmethod
    def on(cls, client: redis.Redis, prefix: str, session_ttl_s: int, trip_rules: TripRules | None = None
           ) -> Stores:
        """The stores under one key prefix ("rianru:" for LINE, "preview:" for the preview chat)."""
        return cls(SessionStore(client, prefix, session_ttl_s), Dedup(client, prefix), EffectStore(client, prefix),
                   TripStore(client, prefix, trip_rules or TripRules()))
