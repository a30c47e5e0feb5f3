"""Stores: the Redis-backed stores one turn uses (sessions, dedup, effects, trips), sharing one client and prefix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis

from bot.session import Session
from bot.store.dedup import Dedup
from bot.store.effects import EffectStore
from bot.store.follows import follows_from, follows_key
from bot.store.sessions import SessionStore
from bot.store.trips import TripStore, trips_key
from bot.trip import TripRules, Trips


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

    def read_turn(self, who: str) -> tuple[Session, Trips, tuple[str, ...]]:
        """A citizen's session, trips and follows, read in one round trip (a pipeline, no transaction)."""
        prefix = self.sessions.prefix
        pipe: Any = self.sessions.client.pipeline(transaction=False)
        pipe.get(self.sessions.key(who))
        pipe.hgetall(trips_key(prefix, who))
        pipe.smembers(follows_key(who, prefix))
        raw_session, raw_trips, raw_follows = pipe.execute()
        return Session.from_json(raw_session), self.trips.parse(raw_trips), follows_from(raw_follows)
