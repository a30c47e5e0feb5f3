"""Answer one webhook event through the one turn runner and the gateway; a thread pool for in-process answers.

An event that waited longer than `busy_after_s` (EVENT_BUSY_AFTER_S) since the webhook received it gets a short
"busy, please ask again" reply instead of a turn: it costs one send and no Redis, so a backlog drains several
times faster than it built up and the reply token is used while LINE still honours it (bot/line/intake.py).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from bot.line.gateway import LineGateway
from bot.line.inbound import Work
from bot.replies.phrases import t
from bot.replies.texts import text_message
from bot.runner import TurnRunner
from bot.store.keys import user_key

log = logging.getLogger(__name__)
NEVER_SHED = frozenset({"follow", "unfollow"})  # the greeting, and forgetting a citizen who blocked the bot


class Dispatcher:
    """Answers events: `process` for the durable queue's consumers, `submit` when Redis is down (best effort)."""

    def __init__(self, runner: TurnRunner, gateway: LineGateway, workers: int = 8, busy_after_s: float = 20.0):
        self.runner, self.gateway, self.busy_after_s = runner, gateway, busy_after_s
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="event")
        self._pending: set[Future] = set()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)

    def submit(self, work: Work, busy: bool = False) -> None:
        """Answer one event on this process's pool (no durability): while Redis is unusable, or with `busy` the
        short busy reply to an event over the backlog limit."""
        future = self.pool.submit(self.shed, work) if busy else self.pool.submit(self.process, work, True)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)
            if not self._pending:
                self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every in-process event is finished (used by tests and at shutdown)."""
        with self._lock:
            return self._idle.wait_for(lambda: not self._pending, timeout=timeout)

    def process(self, work: Work, dedup: bool = False) -> str:
        """Handle one event end to end through the turn runner; returns what happened (for logs and tests)."""
        waited_s = time.time() - work.received_at if work.received_at else 0.0
        # A taken-over event keeps its full answer, however late: its first attempt may have been the one that hung.
        if waited_s > self.busy_after_s and not work.reclaimed and work.user_input.kind not in NEVER_SHED:
            return self.reply_busy(work)
        who = user_key(work.chat_id)
        started = time.monotonic()

        def send(messages: list[dict[str, Any]]) -> str:
            return self.gateway.reply(work.reply_token, work.chat_id, messages, event_id=work.event_id,
                                      received_at=work.received_at or None, maybe_sent=work.reclaimed)

        try:
            # Only a user id may join notice audiences: LINE multicast refuses group and room ids.
            line_id = work.chat_id if work.chat_id.startswith("U") else None
            result = self.runner.run(who, work.user_input, work.event_id, send=send, dedup=dedup,
                                     line_id=line_id)
        except Exception:  # the runner answers its own failures; this is only the send itself failing
            log.exception("event failed", extra={"event": work.event_id, "user": who[:12], "outcome": "error"})
            return "error"
        level = logging.ERROR if result.outcome == "failed" else logging.INFO
        log.log(level, "event %s", result.outcome, extra={
            "event": work.event_id, "user": who[:12], "intent": work.user_input.kind, "outcome": result.outcome,
            "latency_ms": round((time.monotonic() - started) * 1000, 1), "problems": result.problems or None})
        return result.outcome

    def shed(self, work: Work) -> str:
        """An event over the backlog limit (its id already claimed): the busy reply, or the turn when never shed."""
        return self.process(work) if work.user_input.kind in NEVER_SHED else self.reply_busy(work)

    def reply_busy(self, work: Work) -> str:
        """Answer "busy, please ask again" (Thai and English: no session is read) while the reply token is fresh."""
        messages = [text_message(f"{t('th', 'busy')}\n\n{t('en', 'busy')}")]
        try:
            outcome = self.gateway.reply(work.reply_token, work.chat_id, messages, event_id=work.event_id,
                                         received_at=work.received_at or None, maybe_sent=work.reclaimed)
        except Exception:
            log.exception("busy reply failed", extra={"event": work.event_id, "outcome": "error"})
            return "error"
        log.warning("event answered busy", extra={"event": work.event_id, "outcome": f"busy-{outcome}"})
        return f"busy-{outcome}"
