"""The pure types of one turn: UserInput in, Turn (what handlers read), Reply out (messages, session, effects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from bot.content import Content
from bot.effects import Effect
from bot.search.thai import language_of
from bot.search.understand import Query, parse
from bot.session import Session
from bot.trip import Trips


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
    """What the bot answers: LINE message dicts (≤5), the session to save and the effects to apply."""

    messages: list[dict[str, Any]]
    session: Session
    effects: list[Effect] = field(default_factory=list)


@dataclass
class Turn:
    """Everything a handler may read; handlers return a Reply and never do I/O."""

    session: Session
    input: UserInput
    content: Content
    now: datetime
    notes: list[str] = field(default_factory=list)
    trips: Trips = field(default_factory=Trips)
    follows: tuple[str, ...] = ()  # what the citizen follows ("province:ขอนแก่น"), loaded with the session

    @cached_property
    def query(self) -> Query | None:
        """The parsed text, for text inputs."""
        if self.input.kind != "text":
            return None
        return parse(self.input.text, self.content.lexicon)

    @property
    def lang(self) -> str:
        """Reply language: English when the citizen wrote English, else the session's language."""
        if self.input.kind == "text" and self.input.text.strip():
            return language_of(self.input.text)
        return self.session.lang
