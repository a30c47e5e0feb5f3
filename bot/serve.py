"""`make run`: serve with gunicorn plus the notices worker, print one line once /healthz answers 200, stop both.

gunicorn's master owns the embedded Redis (gunicorn.conf.py: on_starting/on_exit); the worker joins it and is
stopped first, so Ctrl-C or SIGTERM to this process leaves no Redis and no worker behind.
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
STOP_TIMEOUT_S = 20


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


def stop(procs: list[subprocess.Popen]) -> None:
    """Stop the children newest first (the worker finishes its job and leaves the web's embedded Redis to the web,
    which shuts it down last); kill whatever does not stop in time."""
    for proc in reversed(procs):
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    """Start gunicorn on host:port, wait until healthy, start the notices worker, print the serving line, wait."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--no-worker", action="store_true", help="serve the web only (no notices worker)")
    args = parser.parse_args(argv)
    try:
        settings_from({"PORT": str(args.port), "HOST": f"{args.host}:{args.port}"})
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    env = {**os.environ, "PORT": str(args.port)}
    cmd = [sys.executable, "-m", "gunicorn", "bot.app:create_app()", "--bind", f"{args.host}:{args.port}"]
    procs = [subprocess.Popen(cmd, env=env)]
    stopping = False

    def on_signal(*_: object) -> None:
        nonlocal stopping
        stopping = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, on_signal)
    base = f"http://{args.host}:{args.port}"
    if not wait_healthy(base + "/healthz", procs[0], STARTUP_TIMEOUT_S):
        print("RianRu failed to start; see the log above", file=sys.stderr)
        stop(procs)
        return procs[0].returncode or 1
    if not args.no_worker:  # started after the web is healthy: it joins the embedded Redis the web started
        procs.append(subprocess.Popen([sys.executable, "-m", "bot.notices.worker"], env=env))
    print(f"RianRu serving on {base} (preview: {base}/preview, admin: {base}/admin/notices; "
          f"{'web and notices worker' if len(procs) > 1 else 'web only'})", flush=True)
    while not stopping and all(proc.poll() is None for proc in procs):
        time.sleep(0.2)
    exited = [proc for proc in procs if proc.poll() is not None]
    stop(procs)
    if stopping:
        return 0
    return exited[0].returncode or 1 if exited else 0


if __name__ == "__main__":
    sys.exit(main())
