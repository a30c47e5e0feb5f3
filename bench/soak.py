"""`make soak`: simulated citizens chat with the bot as deployed (gunicorn, real Redis, fake LINE), faults halfway.

    python -m bench.soak --users 20 --seconds 60 --faults redis-restart,line-500,worker-kill

Prints requests, errors (non-200 webhooks), webhook p50/p99, and missing and duplicated answers (from what the
fake LINE accepted: one reply or push per event is the target).
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import tempfile
import threading
import time
import urllib.error
from pathlib import Path
from typing import Any

from tests.conftest import ACCESS_TOKEN, ADMIN_TOKEN, CHANNEL_SECRET, CONTENT
from tests.fake_line import REPLY, FakeLine
from tests.test_intake import RedisServer
from tests.test_sending_faults import received
from tests.test_serving import Gunicorn
from tests.test_webhook import event, postback_event, text_event

QUESTIONS = ["หอดูดาวโคราช", "ห้องสมุด กทม", "พิพิธภัณฑ์ในเชียงใหม่", "tk park", "มิวเซียมสยาม", "พาลูกไปเที่ยว",
             "science museum bangkok", "ห้องสมุดใกล้ฉัน", "พิพิธภัณฑ์", "ขอสูตรต้มยำ"]


class Citizen(threading.Thread):
    """One simulated user: a question, maybe "more", maybe a shared location, again and again."""

    def __init__(self, n: int, server: Gunicorn, line: FakeLine, until: float, log: dict[str, Any]):
        super().__init__(daemon=True)
        self.user = "U" + f"{n:032x}"
        self.server, self.line, self.until, self.log = server, line, until, log
        self.rng = random.Random(n)

    def send(self, ev: dict[str, Any]) -> None:
        try:
            status, took = self.server.post([ev], timeout=10)
        except (urllib.error.URLError, OSError):
            status, took = 0, 10.0
        with self.log["lock"]:
            self.log["latencies"].append(took)
            self.log["events"].append(ev)
            if status != 200:
                self.log["errors"] += 1

    def more_data(self, token: str) -> str | None:
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            for request in self.line.to(REPLY):
                if request.body and request.body.get("replyToken") == token and request.status == 200:
                    items = (request.body["messages"][-1].get("quickReply") or {}).get("items", [])
                    return next((i["action"]["data"] for i in items if i["action"].get("type") == "postback"), None)
            time.sleep(0.05)
        return None

    def run(self) -> None:
        while time.monotonic() < self.until:
            ev = text_event(self.rng.choice(QUESTIONS), user=self.user)
            self.send(ev)
            data = self.more_data(ev["replyToken"]) if self.rng.random() < 0.5 else None
            if data:
                self.send(postback_event(data, user=self.user))
            if self.rng.random() < 0.3:
                self.send(event("message", user=self.user, message={
                    "type": "location", "id": "1", "latitude": 13.7 + self.rng.random(), "longitude": 100.5,
                    "address": "?"}))
            time.sleep(self.rng.uniform(0.2, 1.0))


def inject(faults: list[str], server: Gunicorn, line: FakeLine, redis: RedisServer) -> None:
    """The faults halfway through."""
    if "line-500" in faults:
        line.respond(REPLY, 500, {"message": "Internal server error"}, times=30)
    if "worker-kill" in faults:
        server.workers()[0].send_signal(signal.SIGKILL)
    if "redis-restart" in faults:
        redis.kill()
        time.sleep(2)
        redis.start()  # empty


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--faults", default="", help="comma list: redis-restart, line-500, worker-kill")
    args = parser.parse_args(argv)
    faults = [f for f in args.faults.split(",") if f]
    with tempfile.TemporaryDirectory() as folder, FakeLine() as line:
        line.single_use_tokens = True
        redis = RedisServer(Path(folder))
        redis.start()
        env = {"INSTANCE_PATH": f"{folder}/instance", "CONTENT_DIR": str(CONTENT), "REDIS_URL": redis.url,
               "LINE_CHANNEL_SECRET": CHANNEL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
               "ADMIN_TOKEN": ADMIN_TOKEN, "LINE_API_BASE_URL": line.url, "EVENT_CLAIM_IDLE_S": "10"}
        server = Gunicorn(env, workers=args.workers)
        try:
            server.wait_healthy(120)
            log: dict[str, Any] = {"lock": threading.Lock(), "latencies": [], "events": [], "errors": 0}
            until = time.monotonic() + args.seconds
            citizens = [Citizen(n, server, line, until, log) for n in range(args.users)]
            for citizen in citizens:
                citizen.start()
            if faults:
                time.sleep(args.seconds / 2)
                inject(faults, server, line, redis)
            for citizen in citizens:
                citizen.join()
            events = log["events"]
            ids = [e["webhookEventId"] for e in events]
            tokens = {e["replyToken"]: e["webhookEventId"] for e in events}
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and 0 in received(line, ids, tokens).values():
                time.sleep(0.5)
            time.sleep(2)
            counts = received(line, ids, tokens)
        finally:
            server.stop()
            redis.kill()
    latencies = sorted(log["latencies"])
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    print(f"users={args.users} seconds={args.seconds:g} workers={args.workers} faults={','.join(faults) or 'none'}")
    print(f"requests={len(latencies)} errors={log['errors']} webhook_p50_ms={statistics.median(latencies) * 1000:.1f} "
          f"webhook_p99_ms={p99 * 1000:.1f} missing={sum(1 for n in counts.values() if n == 0)} "
          f"duplicated={sum(1 for n in counts.values() if n > 1)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
