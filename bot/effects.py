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
