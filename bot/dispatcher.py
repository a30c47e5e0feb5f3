"""Answer webhook events after the HTTP response: dedup, session, answer(), save, send — each isolated."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime

from bot.content_state import ContentState
from bot.conversation import answer
from bot.events import Work
from bot.line_gateway import LineGateway
from bot.messages import t
from bot.replies import text_message
from bot.sessions import SessionStore, user_key

log = logging.getLogger(__name__)


class Dispatcher:
    """A bounded thread pool so the webhook returns 200 at once, even when LINE is slow."""

    def __init__(self, content: ContentState, sessions: Callable[[], SessionStore], gateway: LineGateway,
                 workers: int = 8):
        self.content, self.sessions, self.gateway = content, sessions, gateway
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
        """Handle one event end to end; returns what happened (for logs and tests)."""
        who = user_key(work.chat_id)[:12]
        try:
            store = self.sessions()
            if not store.first_time(work.event_id):
                log.info("event %s already handled; skipping", work.event_id)
                return "duplicate"
            library = self.content.library
            assert library is not None
            session = store.load(user_key(work.chat_id))
            reply = answer(session, work.user_input, library, datetime.now(UTC))
            store.save(user_key(work.chat_id), reply.session)
            outcome = self.gateway.reply(work.reply_token, work.chat_id, reply.messages)
            log.info("event %s user %s: %s", work.event_id, who, outcome)
            return outcome
        except Exception:
            log.exception("event %s user %s failed", work.event_id, who)
            try:
                self.gateway.reply(work.reply_token, work.chat_id, [text_message(t("th", "apology"))])
            except Exception:
                log.exception("apology for event %s failed", work.event_id)
            return "error"
