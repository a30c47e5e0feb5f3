"""Event ids this process has seen within the replay window, kept in memory to survive Redis coming back empty."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

MAX_IDS = 200_000  # ~30 MB at most; beyond it the oldest ids are forgotten first


class RecentEvents:
    """A bounded, time-limited set of webhook event ids (the second line of dedup after Redis)."""

    def __init__(self, window_s: float, max_ids: int = MAX_IDS):
        self.window_s, self.max_ids = window_s, max_ids
        self._ids: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def seen(self, event_id: str) -> bool:
        """True when this id was added within the window."""
        with self._lock:
            self._expire()
            return event_id in self._ids

    def add(self, event_id: str) -> bool:
        """Remember the id; False when it was already there."""
        with self._lock:
            self._expire()
            if event_id in self._ids:
                return False
            self._ids[event_id] = time.monotonic() + self.window_s
            while len(self._ids) > self.max_ids:
                self._ids.popitem(last=False)
            return True

    def remaining(self) -> list[tuple[str, int]]:
        """Every id still remembered with its seconds left, to write back into a Redis that lost them."""
        with self._lock:
            self._expire()
            now = time.monotonic()
            return [(event_id, max(1, int(until - now))) for event_id, until in self._ids.items()]

    def _expire(self) -> None:
        now = time.monotonic()
        while self._ids:
            first, until = next(iter(self._ids.items()))
            if until > now:
                break
            del self._ids[first]
