"""Durable intake: webhook events go into a Redis stream before the 200; consumer threads answer and acknowledge.

Each web process runs a few consumer threads in one consumer group (XREADGROUP). An event is acknowledged
(XACK + XDEL) only after its turn ran and its answer went out, and a `done` marker is written first, so an
event reclaimed from a crashed process (XAUTOCLAIM after `claim_idle_s`) is answered exactly once: the effects
carry a per-event marker, a reused reply token is refused by LINE, and a push repeats its retry key.

Backpressure: the stream never holds more than `backlog_max` events. An event that would go beyond it is not
queued (its id is still claimed, so a redelivery is recognised) and is handed back to the webhook, which answers
it at once with a short "busy, please ask again" reply while its reply token is fresh. Events that waited in the
stream longer than EVENT_BUSY_AFTER_S get the same cheap reply from the consumers (bot/line/worker.py), so a
backlog drains several times faster than full turns and every event is answered before its token is too old.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import redis

from bot.line.inbound import Work
from bot.store.dedup import DEDUP_TTL_S
from bot.store.recent import RecentEvents

log = logging.getLogger(__name__)
GROUP = "answerers"
DONE_TTL_S = 24 * 3600
# Claim each new id (SET NX) and queue it in one atomic step: two processes given the same event queue it once.
# A new event beyond the backlog limit (ARGV[3]) is claimed but returned in the second list, not queued.
ENQUEUE = """
local queued, over = {}, {}
local backlog = redis.call('XLEN', KEYS[1])
for i = 4, #ARGV, 2 do
  if redis.call('SET', ARGV[1] .. ARGV[i], '1', 'NX', 'EX', ARGV[2]) then
    if backlog < tonumber(ARGV[3]) then
      redis.call('XADD', KEYS[1], '*', 'work', ARGV[i + 1])
      queued[#queued + 1] = ARGV[i]
      backlog = backlog + 1
    else
      over[#over + 1] = ARGV[i]
    end
  end
end
return {queued, over}
"""


class EventQueue:
    """The stream `prefix`events, its consumer group, and this process's consumer threads."""

    def __init__(self, client: Callable[[], redis.Redis], prefix: str, recent: RecentEvents,
                 process: Callable[[Work], str], replay_window_s: float, claim_idle_s: float, threads: int = 3,
                 backlog_max: int = 2000, prepare: Callable[[], None] = lambda: None):
        self.client, self.prefix, self.recent, self.process = client, prefix, recent, process
        # Run by each consumer before its first event: an event taken and then left waiting on slow setup (the
        # line-bot-sdk import) could outlast claim_idle_s and be reclaimed while this consumer still answers it.
        self.prepare = prepare
        self.replay_window_s, self.claim_idle_s, self.threads = replay_window_s, claim_idle_s, threads
        self.backlog_max = backlog_max
        self.stream = f"{prefix}events"
        self.name = f"{socket.gethostname()}-{os.getpid()}-{id(self) % 10000:04d}"
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._lost = False  # True after a Redis failure: the next success writes recent ids back first
        self._nogroup = True  # True until the group is known to exist (again)
        self._lock = threading.Lock()
        self.busy = 0
        # Events answered in-process while Redis was unusable: a write that was only delayed (a frozen Redis) may
        # still land in the stream, so these are marked done on recovery and skipped by consumers here.
        self.answered_here = RecentEvents(replay_window_s)

    # --- intake --------------------------------------------------------------------------------------------------

    def enqueue(self, works: list[Work]) -> tuple[list[Work], list[Work]]:
        """Queue new events durably: (queued, over the backlog limit: the caller answers these at once).

        Duplicates are in neither list. Raises when Redis is unusable."""
        fresh = [w for w in works if not self.recent.seen(w.event_id)]
        if not fresh:
            return [], []
        client = self.client()
        self._recover(client, create=True)
        args: list[Any] = [f"{self.prefix}event:", DEDUP_TTL_S, self.backlog_max]
        for work in fresh:
            args += [work.event_id, work.to_json()]
        try:
            result: Any = client.eval(ENQUEUE, 1, self.stream, *args)
        except redis.RedisError as exc:
            if "NOGROUP" not in str(exc):
                self._lost = self._nogroup = True
            raise
        queued, over = ({_text(i) for i in ids} for ids in result)
        for work in fresh:
            self.recent.add(work.event_id)
        return [w for w in fresh if w.event_id in queued], [w for w in fresh if w.event_id in over]

    def _recover(self, client: redis.Redis, create: bool = False) -> None:
        """Make sure the group exists; after a Redis failure also write back the ids this process saw.

        A Redis that failed may come back empty: the ids this process queued or answered within the replay window
        are written again (SET NX), so a redelivery is still recognised. The stream itself is created only by an
        enqueue (consumers wait for it), so an idle bot writes nothing to Redis.
        """
        if not (self._lost or self._nogroup):
            return
        with self._lock:
            if self._lost:
                pipe = client.pipeline(transaction=False)
                for event_id, ttl in self.recent.remaining():
                    pipe.set(f"{self.prefix}event:{event_id}", "1", nx=True, ex=ttl)
                for event_id, _ in self.answered_here.remaining():
                    pipe.set(f"{self.prefix}done:{event_id}", "1", ex=DONE_TTL_S)
                pipe.execute()
                self._lost = False
            if self._nogroup and (create or client.exists(self.stream)):
                try:
                    client.xgroup_create(self.stream, GROUP, id="0", mkstream=True)
                except redis.ResponseError as exc:
                    if "BUSYGROUP" not in str(exc):
                        raise
                self._nogroup = False

    # --- consuming -----------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start this process's consumer threads (daemons: a hard kill leaves their events to be reclaimed)."""
        for i in range(self.threads):
            thread = threading.Thread(target=self._loop, args=(f"{self.name}-{i}", i == 0), daemon=True,
                                      name=f"events-{i}")
            thread.start()
            self._workers.append(thread)

    def restart(self) -> None:
        """In a forked child: the parent's threads did not come along, so start fresh ones under a new name."""
        if self._workers and not self._stop.is_set():
            self._workers = []
            self._stop = threading.Event()
            self.name = f"{socket.gethostname()}-{os.getpid()}-{id(self) % 10000:04d}"
            self.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the consumers to finish the event in hand and stop."""
        self._stop.set()
        for thread in self._workers:
            thread.join(timeout)

    def _loop(self, consumer: str, reclaims: bool) -> None:
        try:
            self.prepare()
        except Exception:  # answering fails visibly later; the consumer still drains the queue
            log.exception("event consumer setup failed")
        if reclaims:  # one line per process
            log.info("event consumers ready")
        next_claim = 0.0
        while not self._stop.is_set():
            try:
                client = self.client()
                self._recover(client)
                if reclaims and time.monotonic() >= next_claim:
                    next_claim = time.monotonic() + max(0.5, self.claim_idle_s / 2)
                    self._reclaim(client, consumer)
                rows: Any = client.xreadgroup(GROUP, consumer, {self.stream: ">"}, count=1, block=500)
                for _, entries in rows or []:
                    for entry_id, fields in entries:
                        self._handle(client, entry_id, fields)
            except redis.ResponseError as exc:
                if "NOGROUP" in str(exc):  # no event queued yet, or Redis came back empty
                    self._nogroup = True
                    self._stop.wait(0.2)
                else:
                    log.exception("event queue error")
                    self._stop.wait(1)
            except Exception:  # Redis down or frozen: webhooks answer in-process meanwhile
                self._lost = self._nogroup = True
                self._stop.wait(0.5)

    def _reclaim(self, client: redis.Redis, consumer: str) -> None:
        """Take over events another consumer held longer than claim_idle_s (it crashed or was killed)."""
        start = "0-0"
        while True:
            result: Any = client.xautoclaim(self.stream, GROUP, consumer, int(self.claim_idle_s * 1000),
                                            start_id=start, count=20)
            start, entries = result[0], result[1]
            for entry_id, fields in entries:
                if fields:
                    log.info("reclaimed an event of a stopped consumer")
                    self._handle(client, entry_id, fields, reclaimed=True)
            if _text(start) == "0-0" or self._stop.is_set():
                return

    def _handle(self, client: redis.Redis, entry_id: Any, fields: dict[Any, Any], reclaimed: bool = False) -> None:
        raw = fields.get(b"work") or fields.get("work")
        try:
            work = Work.from_json(raw)  # type: ignore[arg-type]
            if reclaimed:
                work = dataclasses.replace(work, reclaimed=True)
        except (TypeError, ValueError, KeyError):
            log.error("unreadable queued event dropped")
            self._ack(client, entry_id)
            return
        done = f"{self.prefix}done:{work.event_id}"
        if self.answered_here.seen(work.event_id) or client.exists(done):
            self._ack(client, entry_id)
            return
        age_s = time.time() - work.timestamp_ms / 1000 if work.timestamp_ms else 0.0
        if age_s > self.replay_window_s:
            log.info("queued event older than the replay window; not answered", extra={"event": work.event_id})
        else:
            with self._lock:
                self.busy += 1
            try:
                self.process(work)
            finally:
                with self._lock:
                    self.busy -= 1
        self._ack(client, entry_id, done)

    def _ack(self, client: redis.Redis, entry_id: Any, done: str | None = None) -> None:
        """Acknowledge and delete the entry; with `done`, mark the event answered in the same transaction."""
        pipe = client.pipeline(transaction=True)
        if done:
            pipe.set(done, "1", ex=DONE_TTL_S)
        pipe.xack(self.stream, GROUP, entry_id)
        pipe.xdel(self.stream, entry_id)
        pipe.execute()

    def backlog(self) -> int:
        """Events queued and not yet acknowledged (for readiness and tests)."""
        return int(self.client().xlen(self.stream))

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until the stream is empty and no consumer is busy (tests and shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.backlog() == 0 and self.busy == 0:
                    return True
            except redis.RedisError:
                return True  # Redis gone: nothing more can be drained here
            time.sleep(0.02)
        return False


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
