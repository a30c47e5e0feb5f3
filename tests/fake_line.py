"""A fake LINE Messaging API on 127.0.0.1 that the real line-bot-sdk client talks to (LINE_API_BASE_URL).

    with FakeLine() as line:                     # or the `fake_line` fixture in a test module
        line.respond("/v2/bot/message/reply", 400, {"message": "Invalid reply token"})
        ... make_app(LINE_API_BASE_URL=line.url) ...
        requests = line.wait_for(2)              # every request: method, path, headers, JSON body

Like LINE it answers reply and push with 200 `{"sentMessages": [...]}`, refuses a request without a bearer
token (401), refuses `X-Line-Retry-Key` on reply (400), and answers a push that repeats an accepted retry key
with 409 plus `x-line-accepted-request-id`. Behaviours per path: status + body (+ headers such as Retry-After),
a delay (a "hang"), a dropped connection (`reset`), once or for a number of requests, then back to normal.
With `single_use_tokens = True` a reply token is accepted once (as LINE does); `accepted()` lists what LINE
actually took (200 replies and pushes), to count lost and duplicated answers.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"
RETRY_KEY_ENDPOINTS = {PUSH, "/v2/bot/message/multicast", "/v2/bot/message/broadcast", "/v2/bot/message/narrowcast"}


@dataclass
class Request:
    """One request the fake received."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    raw: bytes
    status: int | None = None  # what the fake answered (None while it is still hanging)
    at: float = field(default_factory=time.monotonic)

    @property
    def retry_key(self) -> str | None:
        """The X-Line-Retry-Key header, if any."""
        return self.headers.get("x-line-retry-key")


@dataclass
class Behaviour:
    """How to answer the next `times` requests to one path (None = every request from now on)."""

    status: int = 200
    body: Any = None
    delay_s: float = 0.0
    times: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False  # close the connection without answering (a "connection reset")
    each: bool = False  # `times` counts per retry key / reply token, not for the path as a whole
    used: dict[str, int] = field(default_factory=dict)


class FakeLine:
    """The fake server: start() in a daemon thread on a free port; `url` is the LINE_API_BASE_URL to use."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._behaviours: dict[str, list[Behaviour]] = {}
        self._accepted_keys: dict[str, tuple[str, Any]] = {}
        self._ids = itertools.count(1)
        self._changed = threading.Condition()
        self._release = threading.Event()  # set on reset/stop: hanging requests give up at once
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.single_use_tokens = False
        self._used_tokens: set[str] = set()

    @property
    def url(self) -> str:
        """Base URL of the fake, e.g. http://127.0.0.1:54321."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeLine:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-line", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging requests and shut the server down."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeLine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget requests, behaviours and accepted retry keys; let any hanging request finish."""
        self._release.set()
        with self._changed:
            self.requests.clear()
            self._behaviours.clear()
            self._accepted_keys.clear()
            self._used_tokens.clear()
        self._release = threading.Event()

    def respond(self, path: str, status: int = 200, body: Any = None, *, delay_s: float = 0.0,
                times: int | None = None, headers: dict[str, str] | None = None, each: bool = False) -> None:
        """Answer requests to `path` with `status`/`body` after `delay_s`; for `times` requests (None = all).

        With `each`, the first `times` requests of every retry key (push) or reply token are answered so.
        """
        with self._changed:
            self._behaviours.setdefault(path, []).append(
                Behaviour(status, body, delay_s, times, headers or {}, each=each))

    def drop(self, path: str, *, times: int | None = None) -> None:
        """Close the connection of requests to `path` without answering (the client sees a reset)."""
        with self._changed:
            self._behaviours.setdefault(path, []).append(Behaviour(0, None, 0.0, times, {}, reset=True))

    def accepted(self) -> list[Request]:
        """Reply and push requests LINE accepted (status 200), i.e. messages citizens received."""
        with self._changed:
            return [r for r in self.requests if r.path in (REPLY, PUSH) and r.status == 200]

    def hang(self, path: str, seconds: float, *, times: int | None = None) -> None:
        """Hold requests to `path` for `seconds` (or until reset/stop) before answering normally."""
        self.respond(path, 200, None, delay_s=seconds, times=times)

    def to(self, path: str) -> list[Request]:
        """Requests received on `path`, in order."""
        with self._changed:
            return [r for r in self.requests if r.path == path]

    def wait_for(self, count: int, timeout: float = 5.0, path: str | None = None) -> list[Request]:
        """Block until at least `count` requests (to `path`, if given) arrived; fail after `timeout` seconds."""
        def matching() -> list[Request]:
            return [r for r in self.requests if path is None or r.path == path]

        with self._changed:
            if not self._changed.wait_for(lambda: len(matching()) >= count, timeout=timeout):
                got = [(r.method, r.path, r.status) for r in self.requests]
                raise AssertionError(f"expected {count} requests to {path or 'LINE'} within {timeout}s, got {got}")
            return matching()

    # --- serving -------------------------------------------------------------------------------------------

    def _behaviour(self, path: str, key: str = "") -> Behaviour | None:
        with self._changed:
            queue = self._behaviours.get(path, [])
            if not queue:
                return None
            current = queue[0]
            if current.each and current.times is not None:
                current.used[key] = current.used.get(key, 0) + 1
                return current if current.used[key] <= current.times else None
            if current.times is not None:
                current.times -= 1
                if current.times <= 0:
                    queue.pop(0)
            return current

    def _answer(self, method: str, path: str, headers: dict[str, str], body: Any
                ) -> tuple[int, Any, dict[str, str], float]:
        """(status, JSON body, extra headers, delay before answering)."""
        if not headers.get("authorization", "").startswith("Bearer ") or headers["authorization"] == "Bearer ":
            return 401, {"message": "Authentication failed. Confirm that the access token in the authorization "
                                    "header is valid."}, {}, 0.0
        key = headers.get("x-line-retry-key")
        if key is not None and path not in RETRY_KEY_ENDPOINTS:
            return 400, {"message": "The retry key is not supported for this API"}, {}, 0.0
        with self._changed:
            if key is not None and key in self._accepted_keys:
                request_id, original = self._accepted_keys[key]
                return 409, {"message": "The retry key is already accepted", **original}, \
                    {"x-line-accepted-request-id": request_id}, 0.0
        who = key or (str(body.get("replyToken")) if isinstance(body, dict) else "")
        behaviour = self._behaviour(path, who) or Behaviour()
        if behaviour.reset:
            return -1, None, {}, 0.0
        if behaviour.status != 200 or behaviour.body is not None:
            return (behaviour.status, behaviour.body if behaviour.body is not None else {}, behaviour.headers,
                    behaviour.delay_s)
        if self.single_use_tokens and path == REPLY and isinstance(body, dict):
            with self._changed:
                token = str(body.get("replyToken"))
                if token in self._used_tokens:
                    return 400, {"message": "Invalid reply token"}, {}, 0.0
                self._used_tokens.add(token)
        if method != "POST" or path not in (REPLY, PUSH):
            return (200, {}, {}, behaviour.delay_s) if method == "POST" else (404, {"message": "Not found"}, {}, 0.0)
        count = len(body.get("messages", [])) if isinstance(body, dict) else 0
        answer = {"sentMessages": [{"id": str(next(self._ids))} for _ in range(count)]}
        if key is not None:  # accepted now, even if the answer is then delayed past the client's timeout
            with self._changed:
                self._accepted_keys[key] = (f"req-{next(self._ids)}", answer)
        return 200, answer, {}, behaviour.delay_s

    def _record(self, request: Request) -> None:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = None
                headers = {k.lower(): v for k, v in self.headers.items()}
                path = self.path.split("?", 1)[0]
                request = Request(self.command, path, headers, body, raw)
                fake._record(request)
                status, answer, extra, delay_s = fake._answer(self.command, path, headers, body)
                request.status = status
                if status == -1:  # drop the connection: the client gets a reset / remote disconnect
                    request.status = None
                    self.close_connection = True
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(2)
                    return
                if delay_s:
                    fake._release.wait(delay_s)
                payload = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.send_header("x-line-request-id", f"fake-{time.monotonic_ns()}")
                    for name, value in extra.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            do_POST = do_GET = do_PUT = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
