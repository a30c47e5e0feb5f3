"""Webhook throughput under gunicorn against the fake LINE API: our bot and the SDK echo bot in the same run."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from tests.fake_line import REPLY, FakeLine

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret"
ADMIN_TOKEN = "bench-admin-token-0123456789-abcdefghij"  # required once a LINE secret is set
TEXTS = ["หอดูดาวโคราช", "ห้องสมุด เชียงใหม่", "พิพิธภัณฑ์ในขอนแก่น", "tk park", "museum in bangkok",
         "ศูนย์วิทยาศาสตร์", "สวัสดี", "ราคาทองวันนี้", "ที่เที่ยวเด็ก กรุงเทพ", "หอศิลป์"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _body(text: str, token: str) -> tuple[bytes, str]:
    event = {"type": "message", "mode": "active", "timestamp": int(time.time() * 1000),
             "source": {"type": "user", "userId": "U" + uuid.uuid4().hex}, "replyToken": token,
             "webhookEventId": "01" + uuid.uuid4().hex[:24].upper(), "deliveryContext": {"isRedelivery": False},
             "message": {"type": "text", "id": str(uuid.uuid4().int)[:18], "text": text,
                         "quoteToken": "q" + uuid.uuid4().hex}}
    body = json.dumps({"destination": "Ubench", "events": [event]}, ensure_ascii=False).encode()
    return body, base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()


def _serve(app: str, port: int, line_url: str, instance: str) -> subprocess.Popen:
    env = {**os.environ, "PORT": str(port), "LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": "bench",
           "ADMIN_TOKEN": ADMIN_TOKEN,
           "LINE_API_BASE_URL": line_url, "INSTANCE_PATH": instance}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                             "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", app],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("POST", "/callback", body=b'{"events":[]}', headers={"X-Line-Signature": "x"})
            conn.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.2)
    _stop(proc)
    raise RuntimeError(f"{app} did not start")


def _stop_embedded_redis(instance: str) -> None:
    """End the embedded Redis servers the app started under `instance` (they outlive gunicorn's workers)."""
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            mine = os.readlink(proc_dir / "cwd").startswith(instance)
            if mine and b"redis-server" in (proc_dir / "cmdline").read_bytes():
                os.kill(int(proc_dir.name), signal.SIGTERM)
        except (OSError, ValueError):
            continue


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def _load(port: int, concurrency: int, events: int, line: FakeLine, wait_s: float) -> dict:
    sent: dict[str, float] = {}
    accepted: list[float] = []
    lock = threading.Lock()
    counter = iter(range(events))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for n in counter:
            token = uuid.uuid4().hex
            body, signature = _body(TEXTS[n % len(TEXTS)], token)
            with lock:
                sent[token] = time.monotonic()
            try:
                conn.request("POST", "/callback", body=body,
                             headers={"Content-Type": "application/json", "X-Line-Signature": signature})
                ok = conn.getresponse()
                ok.read()
                if ok.status == 200:
                    with lock:
                        accepted.append(time.monotonic())
            except OSError:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sent_end = time.monotonic()
    deadline = sent_end + wait_s
    while time.monotonic() < deadline and len({r.body.get("replyToken") for r in line.to(REPLY)} & sent.keys()) \
            < len(sent):
        time.sleep(0.1)
    got = {r.body.get("replyToken"): r.at for r in line.to(REPLY) if r.body.get("replyToken") in sent}
    latency = sorted(got[t] - sent[t] for t in got)
    last = max(got.values()) if got else sent_end
    return {"events": events, "accept_rate": len(accepted) / max(1e-9, sent_end - start),
            "reply_rate": len(got) / max(1e-9, last - start), "missing": len(sent) - len(got),
            "p50": statistics.median(latency) if latency else float("nan"),
            "p99": latency[min(len(latency) - 1, int(len(latency) * 0.99))] if latency else float("nan")}


def webhook_runs(concurrencies: tuple[int, ...] = (8, 32), events: int = 400, wait_s: float = 60) -> list[dict]:
    """Accept rate, reply rate, missing replies and webhook→reply latency, ours and the echo bot."""
    runs = []
    with FakeLine() as line, tempfile.TemporaryDirectory(prefix="rianru-hook-") as instance:
        for name, app in (("RianRu", "bot.app:create_app()"), ("echo bot (line-bot-sdk)", "bench.echo_bot:app")):
            port = _free_port()
            proc = _serve(app, port, line.url, instance)
            try:
                _load(port, 4, 40, line, 20)  # warm-up (imports, first nearby tree, connections)
                for c in concurrencies:
                    line.reset()
                    runs.append({"app": name, "concurrency": c, **_load(port, c, events, line, wait_s)})
            finally:
                _stop(proc)
        _stop_embedded_redis(instance)
    return runs


if __name__ == "__main__":
    for run in webhook_runs(events=int(sys.argv[1]) if len(sys.argv) > 1 else 400):
        print(run)
