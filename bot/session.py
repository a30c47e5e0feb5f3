"""The conversation state kept per citizen, and the pure types that flow through answer()."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

PAGE_SIZE = 10  # bubbles per carousel page (LINE allows 12; 10 leaves room to read on a phone)
MAX_RESULTS = 60  # ids remembered for paging; more than anyone scrolls through


@dataclass
class Session:
    """What the bot remembers between messages (stored as JSON with a TTL)."""

    seq: int = 0
    lang: str = "th"
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
    if not isinstance(session.seq, int) or session.seq < 0 or session.lang not in ("th", "en"):
        raise ValueError("bad session header")
    if not isinstance(session.results, list) or not all(isinstance(i, str) for i in session.results):
        raise ValueError("bad results")
    if not isinstance(session.shown, int) or not isinstance(session.distances, dict):
        raise ValueError("bad paging")
    if session.anchor is not None and (not isinstance(session.anchor, list) or len(session.anchor) != 2):
        raise ValueError("bad anchor")


@dataclass(frozen=True)
class UserInput:
    """A transport-free event from a citizen: text, postback, location, follow, unfollow or other."""

    kind: str
    text: str = ""
    data: str = ""
    lat: float | None = None
    lon: float | None = None
    title: str = ""


@dataclass
class Reply:
    """What the bot answers: LINE message dicts (≤5) and the session to save."""

    messages: list[dict[str, Any]]
    session: Session
