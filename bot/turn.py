"""A Turn: one citizen input with the session, content library and clock it is answered against."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from bot.library import Library
from bot.session import Session, UserInput
from bot.thai import language_of
from bot.understand import Query, parse


@dataclass
class Turn:
    """Everything a handler may read; handlers return a Reply and never do I/O."""

    session: Session
    input: UserInput
    library: Library
    now: datetime
    notes: list[str] = field(default_factory=list)

    @cached_property
    def query(self) -> Query | None:
        """The parsed text, for text inputs."""
        if self.input.kind != "text":
            return None
        return parse(self.input.text, self.library.lexicon)

    @property
    def lang(self) -> str:
        """Reply language: English when the citizen wrote English, else the session's language."""
        if self.input.kind == "text" and self.input.text.strip():
            return language_of(self.input.text)
        return self.session.lang
