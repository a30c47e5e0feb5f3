"""The server as deployed (gunicorn + bot.buffered_worker): slow clients, a worker killed mid-backlog, clean stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from tests.conftest import ACCESS_TOKEN, ADMIN_TOKEN, CHANNEL_SECRET, CONTENT, ROOT
from tests.fake_line import REPLY, FakeLine
from tests.test_sending_faults import received
from tests.test_webhook import signed, text_event

pytestmark = pytest.mark.slow
# Kept small so `make test` stays quick; `STOP_CYCLES=30 pytest -m slow tests/test_serving.py -k clean` runs 30.
STOP_CYCLES = int(os.environ.get("STOP_CYCLES", "1"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """`gunicorn 'bot.app:create_app()'` as the Procfile runs it, on 127.0.0.1 with one worker by default."""

    def __init__(self, env: dict[str, str], workers: int = 1):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "gunicorn", "bot.app:create_app()", "--workers", str(workers),
               "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "5"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "gunicorn exited"
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn never became healthy")

    def workers(self) -> list[psutil.Process]:
        return psutil.Process(self.proc.pid).children()

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(30)

    def post(self, events: list[dict], timeout: float = 10) -> tuple[int, float]:
        body, signature = signed(events)
        request = urllib.request.Request(self.base + "/callback", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Line-Signature": signature})
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, time.monotonic() - started


@pytest.fixture
def line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        fake.single_use_tokens = True
        yield fake


def bot_env(tmp_path: Path, line: FakeLine, redis_url: str | None) -> dict[str, str]:
    env = {"INSTANCE_PATH": str(tmp_path / "instance"), "CONTENT_DIR": str(CONTENT),
           "LINE_CHANNEL_SECRET": CHANNEL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN, "ADMIN_TOKEN": ADMIN_TOKEN,
           "LINE_API_BASE_URL": line.url, "LINE_TIMEOUT_S": "2", "EVENT_CLAIM_IDLE_S": "2", "LOG_FORMAT": "json"}
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def test_64_slow_clients_do_not_hold_the_webhook(tmp_path: Path, line: FakeLine, redis_url: str, redis_client) -> None:
    server = Gunicorn(bot_env(tmp_path, line, redis_url))
    slow: list[socket.socket] = []
    try:
        server.wait_healthy()
        for _ in range(64):  # headers sent, body promised and withheld
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"POST /callback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"X-Line-Signature: x\r\nContent-Length: 100000\r\n\r\n{\"events\": [")
            slow.append(sock)
        time.sleep(0.5)
        events = [text_event("หอดูดาวโคราช"), text_event("ห้องสมุด กทม")]
        for ev in events:
            status, took = server.post([ev], timeout=5)
            assert status == 200 and took < 2, f"a real webhook took {took:.2f}s behind 64 slow clients"
        line.wait_for(2, path=REPLY, timeout=10)
    finally:
        for sock in slow:
            sock.close()
        server.stop()


def test_a_worker_killed_during_a_backlog_of_80_loses_and_repeats_nothing(tmp_path: Path, line: FakeLine,
                                                                          redis_url: str, redis_client) -> None:
    line.respond(REPLY, 200, None, delay_s=0.15)  # LINE is slow: a backlog builds up
    server = Gunicorn(bot_env(tmp_path, line, redis_url))
    try:
        server.wait_healthy()
        events = [text_event(q) for q in ["หอดูดาวโคราช", "ห้องสมุด กทม", "มิวเซียมสยาม", "tk park"] * 20]
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda ev: server.post([ev])[0], events))
        assert codes == [200] * 80
        [worker] = server.workers()
        line.wait_for(8, path=REPLY, timeout=20)  # mid-backlog
        worker.send_signal(signal.SIGKILL)
        ids = [ev["webhookEventId"] for ev in events]
        tokens = {ev["replyToken"]: ev["webhookEventId"] for ev in events}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and 0 in received(line, ids, tokens).values():
            time.sleep(0.2)
        time.sleep(1)  # anything late would be a duplicate
        counts = received(line, ids, tokens)
        lost = sum(1 for n in counts.values() if n == 0)
        doubled = sum(1 for n in counts.values() if n > 1)
        assert (lost, doubled) == (0, 0), f"{lost} lost, {doubled} duplicated"
    finally:
        server.stop()


def leftovers(instance: Path) -> list[str]:
    """Processes still running that belong to this bot: gunicorn on our port or redis-server of our instance."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if str(instance) in cmdline or ("redis-server" in cmdline and str(instance) in _cwd(proc)):
            found.append(cmdline)
    return found


def _cwd(proc: psutil.Process) -> str:
    try:
        return proc.cwd()
    except psutil.Error:
        return ""


def test_clean_stop_leaves_no_redis_or_worker_behind(tmp_path: Path, line: FakeLine) -> None:
    instance = tmp_path / "instance"
    for cycle in range(STOP_CYCLES):
        server = Gunicorn(bot_env(tmp_path, line, None), workers=2)  # embedded Redis, as `make run`
        started = time.monotonic()
        server.wait_healthy()
        print(f"cycle {cycle}: healthy after {time.monotonic() - started:.1f}s", flush=True)
        children = [p.pid for p in server.workers()]
        assert [c for c in leftovers(instance) if "redis-server" in c], "the embedded Redis should be running"
        stopping = time.monotonic()
        assert server.stop() == 0, f"cycle {cycle}"
        print(f"cycle {cycle}: stopped in {time.monotonic() - stopping:.1f}s", flush=True)
        for pid in children:
            assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        assert leftovers(instance) == [], f"cycle {cycle}: left behind"
