"""Session: what a citizen's chat remembers between messages (kept with a TTL), and its named states."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

PAGE_SIZE = 10  # bubbles per carousel page (LINE allows 12; 10 leaves room to read on a phone)
MAX_RESULTS = 1000  # ids remembered for paging: above the catalogue size, so every match can be paged to


class State:
    """Named conversation states (kept in Session.state)."""

    IDLE = "idle"  # nothing open: the next message is a new question
    BROWSING = "browsing"  # a result list is open: "more" pages through it

    ALL = (IDLE, BROWSING)


@dataclass
class Session:
    """What the bot remembers between messages (stored as JSON with a TTL)."""

    seq: int = 0
    lang: str = "th"
    state: str = State.IDLE
    results: list[str] = field(default_factory=list)
    shown: int = 0
    distances: dict[str, float] = field(default_factory=dict)
    anchor: list[float] | None = None
    last_types: list[str] = field(default_factory=list)
    last_places: list[str] = field(default_factory=list)

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
    if not _is_str_list(session.last_types) or not _is_str_list(session.last_places):
        raise ValueError("bad remembered filters")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(i, str) for i in value)
