"""Cold start: a fresh Python process importing the app and running create_app() with the shipped content."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PROBE = """
import json, time
t0 = time.perf_counter()
from bot.app import create_app
t1 = time.perf_counter()
create_app(watch=False)
t2 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "create_app": t2 - t1}))
"""


def cold_start(repeats: int = 3) -> dict:
    """Median seconds for imports, create_app() and both, each in a fresh interpreter (one warm-up run first)."""
    runs = []
    with tempfile.TemporaryDirectory() as instance:
        env = {**os.environ, "INSTANCE_PATH": instance, "CONTENT_DIR": str(ROOT / "content"),
               "LINE_CHANNEL_SECRET": "bench", "LINE_CHANNEL_ACCESS_TOKEN": "bench",
               "ADMIN_TOKEN": "bench-admin-token-0123456789-abcdefghij"}  # required with a LINE secret
        for i in range(repeats + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=120, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            if i:  # the first run fills the OS file cache (and any on-disk cache) like a redeploy would
                runs.append(json.loads(wall.stdout.strip().splitlines()[-1]) | {"cpu": cpu})
    return {key: statistics.median(r[key] for r in runs) for key in ("imports", "create_app", "cpu")} | {
        "total": statistics.median(r["imports"] + r["create_app"] for r in runs), "runs": len(runs)}
