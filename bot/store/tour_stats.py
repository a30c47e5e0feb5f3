"""Route statistics for officers: starts, completions, where unfinished trips stopped, ratings and comments."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import redis

from bot.catalog.models import TourRoute
from bot.store.trips import route_key


@dataclass(frozen=True)
class RouteStats:
    """One route's figures; `dropoff` maps a stop number (from 1) to unfinished trips that got no further."""

    route: str
    name: str
    stops: int
    starts: int
    completions: int
    dropoff: dict[int, int]
    ratings: int
    average: float | None
    comments: tuple[str, ...]

    @property
    def main_dropoff(self) -> tuple[int, int] | None:
        """(stop number, trips) where most unfinished trips stopped."""
        if not self.dropoff:
            return None
        return max(self.dropoff.items(), key=lambda kv: (kv[1], -kv[0]))


def route_stats(client: redis.Redis, prefix: str, tours: dict[str, TourRoute], comments: int = 5
                ) -> list[RouteStats]:
    """Figures for every route in the content, in content order."""
    found = []
    for route, tour in tours.items():
        pipe: Any = client.pipeline(transaction=False)
        pipe.scard(route_key(prefix, route, "started"))
        pipe.smembers(route_key(prefix, route, "finished"))
        pipe.zrange(route_key(prefix, route, "reach"), 0, -1, withscores=True)
        pipe.hvals(route_key(prefix, route, "ratings"))
        pipe.hvals(route_key(prefix, route, "comments"))
        starts, finished, reach, ratings, texts = pipe.execute()
        unfinished = Counter(int(score) + 1 for trip, score in reach if trip not in finished)
        values = [int(v) for v in ratings]
        found.append(RouteStats(
            route, tour.name_th, len(tour.stops), int(starts), len(finished), dict(sorted(unfinished.items())),
            len(values), round(sum(values) / len(values), 2) if values else None,
            tuple(_text(c) for c in texts[-comments:]) if comments else ()))
    return found


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
