"""Trips: a citizen's progress on tour routes (kept for days, apart from the 30-minute session) and its rules."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

TRIP_TTL_S = 14 * 24 * 3600
CHECKIN_RADIUS_M = 300
CHECKIN_APPROX_RADIUS_M = 5000


@dataclass(frozen=True)
class TripRules:
    """Settings the guide needs: how long progress is kept and the check-in radii (exact / approximate points)."""

    ttl_s: int = TRIP_TTL_S
    radius_m: int = CHECKIN_RADIUS_M
    approx_radius_m: int = CHECKIN_APPROX_RADIUS_M


@dataclass(frozen=True)
class Progress:
    """One citizen on one route: the stop shown (0-based), the furthest reached, stamps, finish and rating."""

    route: str
    stop: int = 0
    furthest: int = 0
    stamps: tuple[int, ...] = ()
    started: str = ""  # ISO time the trip began; with the citizen it names the trip in route statistics
    done: bool = False
    rating: int | None = None
    comment_until: str | None = None  # ISO time: text sent before it is the rating's comment

    def at(self, stop: int) -> Progress:
        """The same trip moved to `stop` (the furthest stop reached never goes back)."""
        return replace(self, stop=stop, furthest=max(self.furthest, stop), done=False)

    def stamped(self, stop: int) -> Progress:
        """The same trip with `stop` checked in (a set: stamping twice changes nothing)."""
        return replace(self, stamps=tuple(sorted({*self.stamps, stop})))

    def to_json(self) -> str:
        """Serialise for Redis."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes) -> Progress | None:
        """Load from Redis; None for anything corrupt or of the wrong shape."""
        try:
            data: Any = json.loads(raw)
            data["stamps"] = tuple(data.get("stamps", ()))
            progress = cls(**data)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        ints = (progress.stop, progress.furthest, *progress.stamps)
        if not isinstance(progress.route, str) or not all(isinstance(i, int) and i >= 0 for i in ints):
            return None
        if progress.rating is not None and progress.rating not in range(1, 6):
            return None
        return progress


@dataclass(frozen=True)
class Trips:
    """What the turn knows about the citizen's trips: the active route, progress per route, and the rules."""

    active: str | None = None
    routes: dict[str, Progress] = field(default_factory=dict)
    rules: TripRules = TripRules()

    @property
    def current(self) -> Progress | None:
        """Progress on the active route, when it is not finished."""
        progress = self.routes.get(self.active) if self.active else None
        return progress if progress is not None and not progress.done else None

