"""Apply a turn's effects to Redis exactly once per event: a marker and the writes commit in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import redis

from bot.effects import CountTrip, Effect, Follow, ForgetCitizen, LogUnanswered, SaveTrip, Unfollow, UnfollowAll
from bot.store.follows import Citizen, follows_key, write_follow, write_forget, write_unfollow, write_unfollow_all
from bot.store.trips import count_trip, forget_trips, save_trip

MARKER_TTL_S = 24 * 3600
UNANSWERED_CAP = 5000  # distinct questions kept; the least asked are dropped first
Writer = Callable[[Any, str, str, Any], None]  # (pipeline, prefix, who, effect)
CitizenWriter = Callable[[Any, str, Citizen, Any], None]  # (pipeline, prefix, citizen, effect)


def _log_unanswered(pipe: Any, prefix: str, who: str, effect: LogUnanswered) -> None:
    key = f"{prefix}unanswered"
    pipe.zincrby(key, 1, effect.text[:200])
    pipe.zremrangebyrank(key, 0, -UNANSWERED_CAP - 1)


def _forget(pipe: Any, prefix: str, who: str, effect: ForgetCitizen) -> None:
    pipe.delete(f"{prefix}session:{who}")
    forget_trips(pipe, prefix, who)


WRITERS: dict[type[Effect], Writer] = {
    LogUnanswered: _log_unanswered,
    ForgetCitizen: _forget,
    SaveTrip: save_trip,
    CountTrip: count_trip,
}


# Writers that need the raw LINE id or what the citizen had (read before MULTI). A type may be in both tables.
CITIZEN_WRITERS: dict[type[Effect], CitizenWriter] = {
    Follow: lambda pipe, prefix, citizen, e: write_follow(pipe, prefix, citizen, e.kind, e.value),
    Unfollow: lambda pipe, prefix, citizen, e: write_unfollow(pipe, prefix, citizen, e.kind, e.value),
    UnfollowAll: lambda pipe, prefix, citizen, e: write_unfollow_all(pipe, prefix, citizen),
    ForgetCitizen: lambda pipe, prefix, citizen, e: write_forget(pipe, prefix, citizen),
}


def _text(member: bytes | str) -> str:
    return member.decode() if isinstance(member, bytes) else member


class EffectStore:
    """Performs effects under `prefix`; the same (event id, effects) applied twice writes once."""

    def __init__(self, client: redis.Redis, prefix: str):
        self.client, self.prefix = client, prefix

    def apply(self, who: str, event_id: str, effects: list[Effect], line_id: str | None = None) -> bool:
        """Apply every effect of one event; False when this event's effects were already applied.

        `line_id` is the citizen's raw LINE id, needed only to join or leave audiences (None: lists only)."""
        if not effects:
            return True
        marker = f"{self.prefix}applied:{event_id}"
        applied = False

        def write(pipe: Any) -> None:
            nonlocal applied
            if pipe.exists(marker):
                return
            citizen = None
            if any(type(effect) in CITIZEN_WRITERS for effect in effects):
                forgetting = any(isinstance(effect, ForgetCitizen) for effect in effects)
                citizen = Citizen.read(pipe, self.prefix, who, line_id, forgetting)
            pipe.multi()
            for effect in effects:
                if type(effect) in WRITERS:
                    WRITERS[type(effect)](pipe, self.prefix, who, effect)
                if citizen is not None and type(effect) in CITIZEN_WRITERS:
                    CITIZEN_WRITERS[type(effect)](pipe, self.prefix, citizen, effect)
            pipe.set(marker, "1", ex=MARKER_TTL_S)
            applied = True

        self.client.transaction(write, marker, follows_key(who, self.prefix))
        return applied

    def unanswered(self, top: int = 50) -> list[tuple[str, int]]:
        """The most often unanswered questions with their counts."""
        rows: Any = self.client.zrevrange(f"{self.prefix}unanswered", 0, top - 1, withscores=True)
        return [(_text(member), int(score)) for member, score in rows]
