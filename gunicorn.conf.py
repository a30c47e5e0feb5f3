"""Gunicorn settings (read automatically from the working directory; see README "Serving")."""

import os
import sys
from pathlib import Path

from bot.config import PROJECT_ROOT, ConfigError, settings_from

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Few processes with several threads each: the work is I/O-bound and each process holds its own Thai dictionary
# and index. The worker buffers whole requests on an event loop before a thread sees them, so slow clients
# cannot hold application threads (bot/buffered_worker.py).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "bot.buffered_worker.BufferedWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 10
keepalive = 5
accesslog = "-"
errorlog = "-"
# gunicorn >= 25.1 opens a control socket (for `gunicornc`), by default at one path per user that every server
# of that user shares (a second server takes it over, the first to stop removes it): each bot keeps its own.
control_socket = str(Path(os.environ.get("INSTANCE_PATH", str(PROJECT_ROOT / "instance"))).resolve() / "gunicorn.ctl")


def on_starting(server):
    """Check the settings against the real bind (refuse to start with one message); own the embedded Redis."""
    os.environ["HOST"] = ",".join(server.cfg.bind)
    try:
        settings = settings_from(None)
    except ConfigError as exc:
        print(exc, file=sys.stderr, flush=True)
        sys.exit(2)
    if not os.environ.get("REDIS_URL"):  # one embedded Redis for all workers, stopped with the master
        from bot.store.redis_server import start_embedded

        server.rianru_redis = start_embedded(settings.instance_path)
        os.environ["REDIS_URL"] = f"unix://{server.rianru_redis.socket_file}"


def on_exit(server):
    """Stop the embedded Redis after the workers are gone, and wait until its process has exited."""
    embedded = getattr(server, "rianru_redis", None)
    if embedded is not None:
        from bot.store.redis_server import stop_embedded

        stop_embedded(embedded)
