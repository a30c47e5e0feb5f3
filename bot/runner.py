"""The one turn runner: dedup → load session → answer() → apply effects → save → send. Webhook, preview and CLI."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.content import Content
from bot.conversation import answer
from bot.effects import ForgetCitizen, LogUnanswered
from bot.replies.phrases import t
from bot.replies.texts import text_message
from bot.session import Session
from bot.store.stores import Stores
from bot.trip import Trips
from bot.turn import Reply, UserInput

log = logging.getLogger(__name__)
Send = Callable[[list[dict[str, Any]]], str]


@dataclass
class TurnResult:
    """What happened in one turn: the outcome word (for logs and tests), the reply, and what was degraded."""

    outcome: str
    reply: Reply | None = None
    problems: list[str] = field(default_factory=list)


class TurnRunner:
    """Runs turns against the live content and a store factory (Redis connects lazily and may be down)."""

    def __init__(self, content: Callable[[], Content | None], stores: Callable[[], Stores],
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.content, self.stores, self.clock = content, stores, clock

    def run(self, who: str, user_input: UserInput, event_id: str | None = None, send: Send | None = None,
            dedup: bool = True, line_id: str | None = None) -> TurnResult:
        """Answer one input for citizen `who` (a hashed key); `event_id` makes dedup and effects once-only.

        `line_id` is the raw LINE user id, given only to effect writers (notice audiences). Preview and CLI
        chats, and group chats (multicast takes user ids only), leave it out: their follows are kept in their
        own list but join no audience."""
        event_id = event_id or f"local-{uuid.uuid4().hex}"
        problems: list[str] = []
        stores = self._stores(problems)
        if stores is not None and dedup and not self._first_time(stores, event_id, problems):
            log.info("event %s already handled; skipping", event_id)
            return TurnResult("duplicate")
        session, trips, follows = self._read(stores, who, problems)
        try:
            content = self.content()
            if content is None:
                raise RuntimeError("no content is loaded")
            reply = answer(session, user_input, content, self.clock(), trips=trips, follows=follows)
        except Exception:
            log.exception("answering event %s failed", event_id, extra={"event": event_id, "user": who[:12]})
            reply = Reply([text_message(t(session.lang, "apology"))], session)
            problems.append("answer failed")
        for effect in reply.effects:
            if isinstance(effect, LogUnanswered):  # the text, never with who asked it
                log.info("unanswered question", extra={"text": effect.text[:200]})
        self._write(stores, who, event_id, reply, problems, line_id)
        outcome = "answered"
        if send is not None and reply.messages:
            outcome = send(reply.messages)
        return TurnResult(outcome, reply, problems)

    def _stores(self, problems: list[str]) -> Stores | None:
        try:
            return self.stores()
        except Exception as exc:  # expected during an outage: one line, no traceback
            log.warning("Redis is unavailable (%s); answering without a session", type(exc).__name__)
            problems.append("redis unavailable")
            return None

    @staticmethod
    def _first_time(stores: Stores, event_id: str, problems: list[str]) -> bool:
        try:
            return stores.dedup.first_time(event_id)
        except Exception as exc:
            log.warning("dedup failed (%s); answering anyway", type(exc).__name__, extra={"event": event_id})
            problems.append("dedup unavailable")
            return True

    @staticmethod
    def _read(stores: Stores | None, who: str, problems: list[str]) -> tuple[Session, Trips, tuple[str, ...]]:
        if stores is None:
            return Session(), Trips(), ()
        try:
            return stores.read_turn(who)
        except Exception as exc:
            log.warning("session load failed (%s); answering without session, trips or follows",
                        type(exc).__name__)
            problems.extend(["session not loaded", "trips not loaded", "follows not loaded"])
            return Session(), Trips(), ()

    @staticmethod
    def _write(stores: Stores | None, who: str, event_id: str, reply: Reply, problems: list[str],
               line_id: str | None) -> None:
        if stores is None:
            if reply.effects:
                problems.append("effects not applied")
            return
        try:
            stores.effects.apply(who, event_id, reply.effects, line_id=line_id)
            if not any(isinstance(effect, ForgetCitizen) for effect in reply.effects):
                stores.sessions.save(who, reply.session)
        except Exception as exc:
            log.warning("saving the turn failed (%s)", type(exc).__name__, extra={"event": event_id})
            problems.append("session or effects not saved")
