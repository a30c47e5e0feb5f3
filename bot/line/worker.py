"""Answer webhook events after the HTTP response, each on its own thread, through the one turn runner."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from bot.line.gateway import LineGateway
from bot.line.inbound import Work
from bot.runner import TurnRunner
from bot.store.keys import user_key

log = logging.getLogger(__name__)


class Dispatcher:
    """A bounded thread pool so the webhook returns 200 at once, even when LINE is slow."""

    def __init__(self, runner: TurnRunner, gateway: LineGateway, workers: int = 8):
        self.runner, self.gateway = runner, gateway
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="event")
        self._pending: set[Future] = set()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)

    def submit(self, work: Work) -> None:
        """Queue one event; failures are logged and never reach other events or the response."""
        future = self.pool.submit(self.process, work)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)
            if not self._pending:
                self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every queued event is finished (used by tests and at shutdown)."""
        with self._lock:
            return self._idle.wait_for(lambda: not self._pending, timeout=timeout)

    def process(self, work: Work) -> str:
        """Handle one event end to end through the turn runner; returns what happened (for logs and tests)."""
        who = user_key(work.chat_id)

        def send(messages: list[dict[str, Any]]) -> str:
            return self.gateway.reply(work.reply_token, work.chat_id, messages)

        try:
            # Only a user id may join notice audiences: LINE multicast refuses group and room ids.
            line_id = work.chat_id if work.chat_id.startswith("U") else None
            result = self.runner.run(who, work.user_input, work.event_id, send=send, line_id=line_id)
        except Exception:  # the runner answers its own failures; this is only the send itself failing
            log.exception("event %s user %s failed", work.event_id, who[:12])
            return "error"
        log.info("event %s user %s: %s", work.event_id, who[:12], result.outcome)
        return result.outcome
