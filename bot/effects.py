"""Effects: the writes a turn asks for beyond the session, described as data and applied by the turn runner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Effect:
    """Base of every effect: a pure description; `bot.store.effects` performs it once per event."""


@dataclass(frozen=True)
class LogUnanswered(Effect):
    """Count a question the bot could not answer (normalised text, never with who asked)."""

    text: str


@dataclass(frozen=True)
class ForgetCitizen(Effect):
    """The citizen blocked the account: delete everything kept about them (session and every other record)."""


@dataclass(frozen=True)
class SaveTrip(Effect):
    """Keep a citizen's progress on one route (Progress JSON) for `ttl_s`; `active` makes it the current route."""

    route: str
    progress: str
    active: bool
    ttl_s: int


@dataclass(frozen=True)
class CountTrip(Effect):
    """Route statistics of one trip, idempotent per trip: started, furthest stop, finished, rating, comment."""

    route: str
    started: str
    furthest: int = 0
    finished: bool = False
    rating: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Follow(Effect):
    """The citizen asks to hear about a province (name_th), a topic or a venue (id): join that audience."""

    kind: str  # "province" | "topic" | "venue"
    value: str


@dataclass(frozen=True)
class Unfollow(Effect):
    """The citizen stops hearing about one province, topic or venue."""

    kind: str
    value: str


@dataclass(frozen=True)
class UnfollowAll(Effect):
    """The citizen stops hearing about everything they followed."""
