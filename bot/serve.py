"""`make run`: serve with gunicorn and print one line once /healthz answers 200; a stop stops everything.

gunicorn's master owns the embedded Redis (gunicorn.conf.py: on_starting/on_exit), so stopping gunicorn, by
Ctrl-C or SIGTERM to this process, leaves no Redis and no worker behind.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request

from bot.config import ConfigError, settings_from

STARTUP_TIMEOUT_S = 180


def wait_healthy(url: str, proc: subprocess.Popen, timeout_s: float) -> bool:
    """Poll /healthz until it answers 200, the server exits, or time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def main(argv: list[str] | None = None) -> int:
    """Start gunicorn on host:port, wait until healthy, print the serving line, then wait."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    try:
        settings_from({"PORT": str(args.port), "HOST": f"{args.host}:{args.port}"})
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    env = {**os.environ, "PORT": str(args.port)}
    cmd = [sys.executable, "-m", "gunicorn", "bot.app:create_app()", "--bind", f"{args.host}:{args.port}"]
    proc = subprocess.Popen(cmd, env=env)  # gunicorn stops its workers, then its embedded Redis
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: proc.terminate())
    base = f"http://{args.host}:{args.port}"
    if not wait_healthy(base + "/healthz", proc, STARTUP_TIMEOUT_S):
        print("RianRu failed to start; see the log above", file=sys.stderr)
        proc.terminate()
        return proc.wait() or 1
    print(f"RianRu serving on {base} (preview: {base}/preview)", flush=True)
    return proc.wait()


if __name__ == "__main__":
    sys.exit(main())
