"""The server as deployed (gunicorn + bot.buffered_worker): slow clients, a worker killed mid-backlog, clean stops."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
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
        self.count = workers
        self.log: list[str] = []  # gunicorn's and the app's log lines (stderr; the access log goes nowhere)
        cmd = [sys.executable, "-m", "gunicorn", "bot.app:create_app()", "--workers", str(workers),
               "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "5"]
        full = {**os.environ, **env}
        full = {k: v for k, v in full.items() if v != ""}  # "" means: unset it (e.g. REDIS_URL → embedded Redis)
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line.rstrip())

    def wait_healthy(self, timeout: float = 60) -> None:
        """Until /healthz answers 200 and every worker's event consumers are ready (line-bot-sdk imported): a
        worker still starting competes for the CPU, which is not what the tests here measure."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "gunicorn exited:\n" + "\n".join(self.log[-30:])
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200 and len(self.ready_workers()) >= self.count:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("gunicorn never became ready:\n" + "\n".join(self.log[-30:]))

    def ready_workers(self) -> set[int]:
        """The workers whose event consumers said they are ready (JSON log lines)."""
        return {json.loads(line)["pid"] for line in list(self.log)
                if line.startswith("{") and '"event consumers ready"' in line}

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


@pytest.fixture(scope="module")
def line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        fake.single_use_tokens = True
        yield fake


def bot_env(tmp_path: Path, line: FakeLine) -> dict[str, str]:
    return {"INSTANCE_PATH": str(tmp_path / "instance"), "CONTENT_DIR": str(CONTENT), "REDIS_URL": "",
            "LINE_CHANNEL_SECRET": CHANNEL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
            "ADMIN_TOKEN": ADMIN_TOKEN, "LINE_API_BASE_URL": line.url, "LINE_TIMEOUT_S": "2",
            "EVENT_CLAIM_IDLE_S": "2", "LOG_FORMAT": "json"}


@pytest.fixture(scope="module")
def server(line: FakeLine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    """One gunicorn for the module, as `make run` starts it: 2 workers, embedded Redis owned by the master.

    Starting one costs most of the time here (each worker loads all content), so the tests share it, in order:
    slow clients, a worker killed mid-backlog, then the clean stop.
    """
    folder = tmp_path_factory.mktemp("serving")
    started = Gunicorn(bot_env(folder, line), workers=2)
    started.instance = folder / "instance"  # type: ignore[attr-defined]
    started.wait_healthy()
    yield started
    if started.proc.poll() is None:
        started.stop()


def test_64_slow_clients_do_not_hold_the_webhook(server: Gunicorn, line: FakeLine) -> None:
    line.reset()
    slow: list[socket.socket] = []
    try:
        for _ in range(64):  # headers sent, body promised and withheld
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"POST /callback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"X-Line-Signature: x\r\nContent-Length: 100000\r\n\r\n{\"events\": [")
            slow.append(sock)
        time.sleep(0.5)
        for ev in [text_event("หอดูดาวโคราช"), text_event("ห้องสมุด กทม"), text_event("tk park")]:
            status, took = server.post([ev], timeout=5)
            assert status == 200 and took < 2, f"a real webhook took {took:.2f}s behind 64 slow clients"
        line.wait_for(3, path=REPLY, timeout=10)
    finally:
        for sock in slow:
            sock.close()


def test_a_worker_killed_during_a_backlog_of_80_loses_and_repeats_nothing(server: Gunicorn, line: FakeLine) -> None:
    line.reset()
    line.respond(REPLY, 200, None, delay_s=0.15)  # LINE is slow: a backlog builds up
    events = [text_event(q) for q in ["หอดูดาวโคราช", "ห้องสมุด กทม", "มิวเซียมสยาม", "tk park"] * 20]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda ev: server.post([ev])[0], events))
    assert codes == [200] * 80
    line.wait_for(8, path=REPLY, timeout=20)  # mid-backlog
    server.workers()[0].send_signal(signal.SIGKILL)
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


def leftovers(instance: Path) -> list[str]:
    """Processes still running that belong to this bot: gunicorn of this instance or redis-server in its folder."""
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


def stop_and_check(server: Gunicorn, instance: Path) -> None:
    """SIGTERM gunicorn: exit 0, its workers gone, its embedded Redis gone."""
    children = [p.pid for p in server.workers()]
    assert [c for c in leftovers(instance) if "redis-server" in c], "the embedded Redis should be running"
    assert server.stop() == 0
    for pid in children:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert leftovers(instance) == [], "left behind"


def test_clean_stop_leaves_no_redis_or_worker_behind(server: Gunicorn, line: FakeLine, tmp_path: Path) -> None:
    stop_and_check(server, server.instance)  # type: ignore[attr-defined]
    for cycle in range(STOP_CYCLES - 1):  # STOP_CYCLES=30 for the full check by hand
        again = Gunicorn(bot_env(tmp_path, line), workers=2)
        again.wait_healthy()
        stop_and_check(again, tmp_path / "instance")
        print(f"cycle {cycle + 2}: clean", flush=True)
