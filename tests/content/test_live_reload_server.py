"""Content in a real gunicorn with 2 workers: signed webhooks in, the replies sent to a fake LINE API read back.

Auto-publish (a saved valid file goes live by itself) and the officers' flow (edit → check → publish → rollback)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADMIN_TOKEN, BEARER, ROOT
from tests.content.conftest import replace_after
from tests.content.test_content_state import KK, OLD_NAME

pytestmark = pytest.mark.slow
SECRET = "live-reload-secret"
NEW_NAME = "ศาลาไหมไทย ชื่อใหม่"
DETAIL = "a=detail&i=kk-sala-mai-thai"


class FakeLine(ThreadingHTTPServer):
    """Records every reply LINE would receive, by reply token."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.replies: dict[str, list[dict[str, Any]]] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Recorder(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if "replyToken" in body:
            self.server.replies[body["replyToken"]] = body["messages"]  # type: ignore[attr-defined]
        answer = json.dumps({"sentMessages": [{"id": "1", "quoteToken": "q"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


class Bot:
    """One gunicorn server; `pid_of` maps a request number to the worker that served it (access log)."""

    def __init__(self, env: dict[str, str]):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.log: list[str] = []
        cmd = [sys.executable, "-m", "gunicorn", "bot.app:create_app()", "--workers", "2",
               "--bind", f"127.0.0.1:{port}", "--access-logformat", "ACCESS %(p)s %(q)s", "--graceful-timeout", "2"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line.rstrip())

    def wait_healthy(self, timeout: float = 40) -> None:
        """Until content is loaded and both workers' event consumers are ready (line-bot-sdk imported, which the
        first webhook would otherwise wait for)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "gunicorn exited:\n" + "\n".join(self.log[-30:])
            try:
                if self.health()["content"]["venues"] and len(self.ready_workers()) >= 2:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("gunicorn never became healthy:\n" + "\n".join(self.log[-30:]))

    def ready_workers(self) -> set[int]:
        """The workers whose event consumers said they are ready (JSON log lines)."""
        return {json.loads(line)["pid"] for line in list(self.log)
                if line.startswith("{") and '"event consumers ready"' in line}

    def health(self) -> dict[str, Any]:
        try:
            request = urllib.request.Request(self.base + "/healthz", headers=BEARER)  # details need the token
            with urllib.request.urlopen(request, timeout=5) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:  # 503 still carries the body
            return json.loads(exc.read())

    def pid_of(self, n: int) -> str | None:
        """The worker that served request `n` (its access log line may trail the reply a little)."""
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            found = next((line.split()[-2] for line in reversed(self.log) if line.endswith(f" n={n}")), None)
            if found:
                return found
            time.sleep(0.02)
        return None

    def answered_by(self, event_id: str) -> str | None:
        """The worker that answered an event: any worker's consumer may take it from the queue (its JSON log line)."""
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            for line in reversed(self.log):
                if f'"event": "{event_id}"' in line and '"outcome"' in line:
                    return str(json.loads(line)["pid"])
            time.sleep(0.02)
        return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


class Chat:
    """Sends signed postback webhooks and waits for the reply text recorded by FakeLine."""

    def __init__(self, line: FakeLine):
        self.line, self.count = line, 0

    def tap(self, bot: Bot) -> tuple[str, str | None]:
        """Tap "details" of the Sala Mai Thai venue; returns (first reply line, worker pid)."""
        self.count += 1
        n, token = self.count, f"token-{self.count}"
        event = {"type": "postback", "mode": "active", "timestamp": int(time.time() * 1000),
                 "source": {"type": "user", "userId": "U" + uuid.uuid4().hex}, "webhookEventId": uuid.uuid4().hex,
                 "deliveryContext": {"isRedelivery": False}, "replyToken": token, "postback": {"data": DETAIL}}
        body = json.dumps({"destination": "Ubot", "events": [event]}).encode()
        signature = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
        request = urllib.request.Request(f"{bot.base}/callback?n={n}", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Line-Signature": signature})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200
        deadline = time.monotonic() + 5
        while token not in self.line.replies:
            assert time.monotonic() < deadline, f"no reply for {token}:\n" + "\n".join(bot.log[-20:])
            time.sleep(0.02)
        return self.line.replies[token][0]["text"].split("\n")[0], bot.answered_by(event["webhookEventId"])


def until(check: Callable[[], bool], seconds: float, what: Callable[[], str]) -> None:
    """Wait until `check()` holds."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, f"not within {seconds} s: {what()}"
        time.sleep(0.1)


def both_workers_say(chat: Chat, bot: Bot, name: str, since: float, seconds: float) -> float:
    """Tap until each worker has replied `name`; returns when the later of the two first did so (from `since`)."""
    first: dict[str, float] = {}
    last: dict[str, str] = {}
    while len(first) < 2:
        assert time.monotonic() - since < seconds + 10, f"workers never all replied {name!r}: {last}"
        text, pid = chat.tap(bot)
        time.sleep(0.05)  # flooding the workers would only slow their reload
        if pid:
            last[pid] = text
            if text == name:
                first.setdefault(pid, time.monotonic() - since)
            else:
                assert pid not in first, f"worker {pid} went back to {text!r}"
    took = max(first.values())
    assert took <= seconds, f"{name!r} took {took:.1f} s to reach both workers (limit {seconds} s): {first}"
    return took


def stale_everywhere(bot: Bot) -> bool:
    """Eight health checks in a row say stale (the workers answer them in turn)."""
    return all(bot.health()["content"]["status"] == "stale" for _ in range(8))


@pytest.fixture
def fake_line() -> Iterator[FakeLine]:
    server = FakeLine()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _env(content: Path, tmp_path: Path, redis_url: str, line: FakeLine, **more: str) -> dict[str, str]:
    return {**os.environ, "CONTENT_DIR": str(content), "INSTANCE_PATH": str(tmp_path / "instance"),
            "REDIS_URL": redis_url, "CONTENT_POLL_S": "0.5", "LINE_CHANNEL_SECRET": SECRET, "ADMIN_TOKEN": ADMIN_TOKEN,
            "LINE_CHANNEL_ACCESS_TOKEN": "test-token", "LINE_API_BASE_URL": line.url, "WEB_CONCURRENCY": "2",
            "PYTHONUNBUFFERED": "1", **more}


def test_officer_flow_reaches_every_gunicorn_worker(content_copy: Path, tmp_path: Path, redis_url: str,
                                                    redis_client, fake_line: FakeLine, make_app) -> None:
    chat, bot = Chat(fake_line), Bot(_env(content_copy, tmp_path, redis_url, fake_line))
    try:
        bot.wait_healthy()
        both_workers_say(chat, bot, OLD_NAME, time.monotonic(), 10)
        # the officer's shell, same instance/ (no LINE secret: a tool never consumes the webhook queue)
        cli = make_app(CONTENT_DIR=str(content_copy), LINE_CHANNEL_SECRET="").test_cli_runner()

        replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
        assert cli.invoke(args=["content", "check"]).exit_code == 0
        assert "renamed): kk-sala-mai-thai" in cli.invoke(args=["content", "diff"]).output
        time.sleep(1.5)  # three polls: a saved file alone changes nothing for citizens
        for _ in range(6):
            assert chat.tap(bot)[0] == OLD_NAME

        assert cli.invoke(args=["content", "publish", "--by", "officer-a"]).exit_code == 0
        took = both_workers_say(chat, bot, NEW_NAME, time.monotonic(), 10)  # each worker rebuilds its index
        print(f"publish live in both workers after {took:.1f} s")

        assert cli.invoke(args=["content", "rollback", "1", "--by", "officer-a"]).exit_code == 0
        both_workers_say(chat, bot, OLD_NAME, time.monotonic(), 10)
        history = cli.invoke(args=["content", "history"]).output
        assert "v1 " in history and "v2 " in history and "* v3 " in history and "rollback to v1" in history
        assert any("content v3" in line and "is live" in line for line in bot.log)  # each worker logs the swap
    finally:
        bot.stop()


def test_live_reload_in_two_gunicorn_workers(content_copy: Path, tmp_path: Path, redis_url: str,
                                             redis_client, fake_line: FakeLine) -> None:
    env = _env(content_copy, tmp_path, redis_url, fake_line, CONTENT_AUTO_PUBLISH="1")
    chat, bots = Chat(fake_line), []
    try:
        bots.append(bot := Bot(env))
        bot.wait_healthy()
        both_workers_say(chat, bot, OLD_NAME, time.monotonic(), 10)

        # a correct change goes live in every worker within 5 s, no restart
        replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
        took = both_workers_say(chat, bot, NEW_NAME, time.monotonic(), 5)
        print(f"rename live in both workers after {took:.1f} s")

        # a broken change is rejected: replies unchanged, /healthz stale with the error and its line
        line = replace_after(content_copy, KK, "- id: kk-sala-mai-thai", "  type: museum", "  type: museum: oops")
        until(lambda: stale_everywhere(bot), 5, lambda: str(bot.health()))
        errors = bot.health()["content"]["errors"]
        assert any(e.startswith(f"content/{KK}:{line}: ") for e in errors), errors
        both_workers_say(chat, bot, NEW_NAME, time.monotonic(), 5)

        # fixing the file recovers
        replace_after(content_copy, KK, None, "  type: museum: oops", "  type: museum")
        until(lambda: all(bot.health()["content"]["status"] == "ok" for _ in range(8)), 5, lambda: str(bot.health()))

        # restarting while the file is broken serves the last good content (stale)
        replace_after(content_copy, KK, "- id: kk-sala-mai-thai", "  type: museum", "  type: museum: oops")
        until(lambda: stale_everywhere(bot), 5, lambda: str(bot.health()))
        bot.stop()
        bots.append(bot := Bot(env))
        bot.wait_healthy()
        assert stale_everywhere(bot) and bot.health()["content"]["errors"]
        both_workers_say(chat, bot, NEW_NAME, time.monotonic(), 10)
    finally:
        for server in bots:
            server.stop()
