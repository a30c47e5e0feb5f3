"""Gunicorn settings (read automatically from the working directory; see README "Serving")."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# The work is I/O-bound (Redis, LINE API) and each process holds its own Thai dictionary and index
# (~100 MB), so few processes with several threads each: 2 workers survive one crashing, 4 threads
# each serve concurrent webhooks while background threads talk to LINE.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 10
keepalive = 5
accesslog = "-"
errorlog = "-"
