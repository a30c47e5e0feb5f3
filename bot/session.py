"""Session: what a citizen's chat remembers between messages (kept with a TTL), and its named states."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

PAGE_SIZE = 10  # bubbles per carousel page (LINE allows 12; 10 leaves room to read on a phone)
MAX_RESULTS = 1000  # ids remembered for paging: above the catalogue size, so every match can be paged to


class State:
    """Named conversation states (kept in Session.state)."""

    IDLE = "idle"  # nothing open: the next message is a new question
    BROWSING = "browsing"  # a result list is open: "more" pages through it
    AWAITING_LOCATION = "awaiting_location"  # the bot asked for a location for the current search

    ALL = (IDLE, BROWSING, AWAITING_LOCATION)


# How long a shared location counts as "where the citizen is" (set from LOCATION_VALID_S by create_app).
LOCATION_VALID = timedelta(seconds=1800)


def configure(location_valid_s: int) -> None:
    """Set how long a shared location stays valid (from settings, once at startup)."""
    global LOCATION_VALID
    LOCATION_VALID = timedelta(seconds=location_valid_s)


@dataclass
class Session:
    """What the bot remembers between messages (stored as JSON with a TTL)."""

    seq: int = 0
    lang: str = "th"
    state: str = State.IDLE
    results: list[str] = field(default_factory=list)
    shown: int = 0
    distances: dict[str, float] = field(default_factory=dict)
    anchor: list[float] | None = None  # the location the citizen shared (never a province centre)
    anchor_at: str | None = None  # when it was shared (ISO, UTC)
    last_types: list[str] = field(default_factory=list)
    last_places: list[str] = field(default_factory=list)
    last_topics: list[str] = field(default_factory=list)
    last_regions: list[str] = field(default_factory=list)
    last_districts: list[str] = field(default_factory=list)
    last_audience: list[str] = field(default_factory=list)
    last_day: str | None = None  # ISO date the current search is about
    focus: str | None = None  # the venue the conversation is about (first of the last list)
    origin: str | None = None  # where distances of the current list are measured from (a label)

    def location(self, now: datetime) -> tuple[float, float] | None:
        """The shared location while it is still valid (LOCATION_VALID after it was shared), else None."""
        if self.anchor is None or self.anchor_at is None:
            return None
        try:
            shared = datetime.fromisoformat(self.anchor_at)
        except ValueError:
            return None
        if shared.tzinfo is None or now.tzinfo is None:
            shared, now = shared.replace(tzinfo=None), now.replace(tzinfo=None)
        if now - shared > LOCATION_VALID:
            return None
        return (self.anchor[0], self.anchor[1])

    def to_json(self) -> str:
        """Serialise for Redis."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes | None) -> Session:
        """Load from Redis; anything missing, corrupt or of the wrong shape gives a fresh session."""
        if not raw:
            return cls()
        try:
            data: Any = json.loads(raw)
            session = cls(**data)
            _check(session)
            return session
        except (ValueError, TypeError):
            return cls()


def _check(session: Session) -> None:
    if not _is_int(session.seq) or session.seq < 0 or session.lang not in ("th", "en") \
            or session.state not in State.ALL:
        raise ValueError("bad session header")
    if not _is_str_list(session.results):
        raise ValueError("bad results")
    if not _is_int(session.shown) or not 0 <= session.shown <= len(session.results):
        raise ValueError("bad paging")
    if not isinstance(session.distances, dict) or not all(
            isinstance(k, str) and _is_number(v) for k, v in session.distances.items()):
        raise ValueError("bad distances")
    if session.anchor is not None and (not isinstance(session.anchor, list) or len(session.anchor) != 2
                                       or not all(_is_number(x) for x in session.anchor)):
        raise ValueError("bad anchor")
    if not all(_is_str_list(x) for x in (session.last_types, session.last_places, session.last_topics,
                                           session.last_regions, session.last_districts, session.last_audience)):
        raise ValueError("bad remembered filters")
    if not all(x is None or isinstance(x, str) for x in (session.anchor_at, session.last_day, session.focus,
                                                         session.origin)):
        raise ValueError("bad remembered values")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(i, str) for i in value)
