"""Trip progress and route statistics in Redis: one hash per citizen (own TTL), sets per route, effect writers."""

from __future__ import annotations

import hashlib
from typing import Any

import redis

from bot.effects import CountTrip, SaveTrip
from bot.trip import Progress, TripRules, Trips

ACTIVE = "active"
COMMENT_MAX = 500


def trips_key(prefix: str, who: str) -> str:
    """The hash of one citizen's trips: field "active" → route id, "r:<route>" → Progress JSON."""
    return f"{prefix}trips:{who}"


def route_key(prefix: str, route: str, part: str) -> str:
    """A statistics key of one route: started, finished (sets), reach (zset), ratings, comments (hashes)."""
    return f"{prefix}tour:{route}:{part}"


def trip_id(who: str, route: str, started: str) -> str:
    """A trip's name in statistics: not reversible to the citizen, the same every time the trip is counted."""
    return hashlib.sha256(f"{who}|{route}|{started}".encode()).hexdigest()[:16]


class TripStore:
    """Loads a citizen's trips (writes go through effects, see save_trip and count_trip)."""

    def __init__(self, client: redis.Redis, prefix: str, rules: TripRules):
        self.client, self.prefix, self.rules = client, prefix, rules

    def load(self, who: str) -> Trips:
        """The citizen's trips; missing, expired or corrupt records read as no trip."""
        raw: Any = self.client.hgetall(trips_key(self.prefix, who))
        return self.parse(raw)

    def parse(self, raw: dict[Any, Any]) -> Trips:
        """Trips from the raw hash (HGETALL's answer, also when read in a pipeline with the session)."""
        fields = {_text(k): v for k, v in raw.items()}
        routes: dict[str, Progress] = {}
        for name, value in fields.items():
            if name.startswith("r:"):
                progress = Progress.from_json(value)
                if progress is not None and progress.route == name[2:]:
                    routes[progress.route] = progress
        active = _text(fields[ACTIVE]) if ACTIVE in fields else None
        return Trips(active if active in routes else None, routes, self.rules)


def save_trip(pipe: Any, prefix: str, who: str, effect: SaveTrip) -> None:
    """Writer of SaveTrip: the route's progress, the active route, and the TTL renewed."""
    key = trips_key(prefix, who)
    pipe.hset(key, f"r:{effect.route}", effect.progress)
    if effect.active:
        pipe.hset(key, ACTIVE, effect.route)
    pipe.expire(key, effect.ttl_s)


def count_trip(pipe: Any, prefix: str, who: str, effect: CountTrip) -> None:
    """Writer of CountTrip: sets and hashes keyed by trip id, so counting a trip again changes nothing."""
    trip = trip_id(who, effect.route, effect.started)
    pipe.sadd(route_key(prefix, effect.route, "started"), trip)
    pipe.zadd(route_key(prefix, effect.route, "reach"), {trip: effect.furthest})
    if effect.finished:
        pipe.sadd(route_key(prefix, effect.route, "finished"), trip)
    if effect.rating is not None:
        pipe.hset(route_key(prefix, effect.route, "ratings"), trip, effect.rating)
    if effect.comment:
        pipe.hset(route_key(prefix, effect.route, "comments"), trip, effect.comment[:COMMENT_MAX])


def forget_trips(pipe: Any, prefix: str, who: str) -> None:
    """Delete a citizen's trips (statistics keep only anonymous trip ids)."""
    pipe.delete(trips_key(prefix, who))


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
