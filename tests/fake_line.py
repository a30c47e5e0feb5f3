"""A fake LINE Messaging API on 127.0.0.1 that the real line-bot-sdk client talks to (LINE_API_BASE_URL).

    with FakeLine() as line:                     # or the `fake_line` fixture in a test module
        line.respond("/v2/bot/message/reply", 400, {"message": "Invalid reply token"})
        ... make_app(LINE_API_BASE_URL=line.url) ...
        requests = line.wait_for(2)              # every request: method, path, headers, JSON body

Like LINE it answers reply and push with 200 `{"sentMessages": [...]}`, refuses a request without a bearer
token (401), refuses `X-Line-Retry-Key` on reply (400), and answers a push that repeats an accepted retry key
with 409 plus `x-line-accepted-request-id`. Behaviours per path: status + body, a delay (a "hang"), once or
for a number of requests, then back to normal.

Rich menus (`line.rich_menus`, `line.rich_menu_images`, `line.default_rich_menu`): create (checked like LINE:
size, ≤20 areas, chatBarText ≤14), upload one PNG/JPEG image ≤1 MB (a second upload is refused), list, get,
set/get/cancel the default (only a menu with an image), and delete.
Sending to many (notices): multicast (≤500 ids, 200 `{}`), broadcast (200 `{}`), narrowcast (202 `{}`, progress),
the validate endpoints, and the month's quota and consumption (`quota`, counted from accepted sends). The same
retry-key rules hold for push, multicast, broadcast and narrowcast. Faults: `respond(path, 500, accept=True)`
accepts the request (its retry key, its recipients) and then answers 500 — a lost response;
`respond(path, 429, headers={"Retry-After": "1"})`. `delivered()` lists every user id messaged by an accepted
request, so a test can check that nobody got a notice twice.
with 409 plus `x-line-accepted-request-id`. Behaviours per path: status + body (+ headers such as Retry-After),
a delay (a "hang"), a dropped connection (`reset`), once or for a number of requests, then back to normal.
With `single_use_tokens = True` a reply token is accepted once (as LINE does); `taken()` lists what LINE
actually took (200 replies and pushes), to count lost and duplicated answers.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"
RICH_MENU = re.compile(r"^/v2/bot/(?:richmenu(?:/list|/(?P<id>richmenu-[0-9a-f]+)(?P<content>/content)?)?|"
                       r"user/all/richmenu(?:/(?P<default>richmenu-[0-9a-f]+))?)$")
MULTICAST = "/v2/bot/message/multicast"
BROADCAST = "/v2/bot/message/broadcast"
NARROWCAST = "/v2/bot/message/narrowcast"
RETRY_KEY_ENDPOINTS = {PUSH, MULTICAST, BROADCAST, NARROWCAST}
QUOTA = "/v2/bot/message/quota"
CONSUMPTION = "/v2/bot/message/quota/consumption"
VALIDATE_PREFIX = "/v2/bot/message/validate/"
NARROWCAST_PROGRESS = "/v2/bot/message/progress/narrowcast"


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
    accept: bool = False  # accept the send (retry key, recipients) before answering with `status`
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
        self.rich_menus: dict[str, dict[str, Any]] = {}
        self.rich_menu_images: dict[str, tuple[str, bytes]] = {}  # id → (content type, bytes)
        self.default_rich_menu: str | None = None
        self._ids = itertools.count(1)
        self.accepted: list[Request] = []  # sends LINE accepted (and would deliver), in order
        self.quota: int | None = None  # the month's message quota (None = "none": no limit)
        self.followers = 0  # what a broadcast reaches (counted into consumption)
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
            self.rich_menus.clear()
            self.rich_menu_images.clear()
            self.default_rich_menu = None
            self.accepted.clear()
            self._used_tokens.clear()
        self._release = threading.Event()

    def respond(self, path: str, status: int = 200, body: Any = None, *, delay_s: float = 0.0,
                times: int | None = None, accept: bool = False, headers: dict[str, str] | None = None,
                each: bool = False) -> None:
        """Answer requests to `path` with `status`/`body` after `delay_s`; for `times` requests (None = all).

        accept=True first accepts the send (as LINE would) and only then answers `status` (a lost response).
        With `each`, the first `times` requests of every retry key (push) or reply token are answered so.
        """
        with self._changed:
            self._behaviours.setdefault(path, []).append(
                Behaviour(status, body, delay_s, times, accept=accept, headers=dict(headers or {}), each=each))

    def drop(self, path: str, *, times: int | None = None) -> None:
        """Close the connection of requests to `path` without answering (the client sees a reset)."""
        with self._changed:
            self._behaviours.setdefault(path, []).append(Behaviour(0, None, 0.0, times, reset=True))

    def taken(self) -> list[Request]:
        """Reply and push requests LINE accepted (status 200), i.e. messages citizens received."""
        with self._changed:
            return [r for r in self.requests if r.path in (REPLY, PUSH) and r.status == 200]

    def delivered(self) -> list[str]:
        """Every user id an accepted push or multicast reached, once per delivery (duplicates = sent twice)."""
        with self._changed:
            found: list[str] = []
            for request in self.accepted:
                if request.path == PUSH:
                    found.append(request.body["to"])
                elif request.path == MULTICAST:
                    found.extend(request.body["to"])
            return found

    def usage(self) -> int:
        """Messages counted against the month's quota so far (per recipient, as LINE counts)."""
        with self._changed:
            total = 0
            for request in self.accepted:
                if request.path == PUSH:
                    total += 1
                elif request.path == MULTICAST:
                    total += len(request.body["to"])
                elif request.path == BROADCAST:
                    total += self.followers
            return total

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

    def _answer(self, method: str, path: str, headers: dict[str, str], body: Any, raw: bytes = b""
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
        if method == "GET" and path in (QUOTA, CONSUMPTION, NARROWCAST_PROGRESS) and behaviour.status == 200 \
                and behaviour.body is None:
            return 200, self._info(path), {}, behaviour.delay_s
        if method == "POST" and path.startswith(VALIDATE_PREFIX) and behaviour.status == 200 \
                and behaviour.body is None:
            return 200, {}, {}, behaviour.delay_s
        if behaviour.accept and method == "POST" and path in RETRY_KEY_ENDPOINTS:
            self._accept(path, key, headers, body, {})
        if behaviour.status != 200 or behaviour.body is not None:
            return (behaviour.status, behaviour.body if behaviour.body is not None else {}, behaviour.headers,
                    behaviour.delay_s)
        rich = RICH_MENU.match(path)
        if rich:
            with self._changed:
                status, answer = self._rich_menu(method, rich, headers, body, raw)
            return status, answer, {}, behaviour.delay_s
        if method == "POST" and path in (MULTICAST, BROADCAST, NARROWCAST):
            if path == MULTICAST and not (isinstance(body, dict) and 1 <= len(body.get("to", [])) <= 500):
                return 400, {"message": "The request body has 1 error(s)",
                             "details": [{"message": "Size must be between 1 and 500", "property": "to"}]}, {}, 0.0
            request_id = self._accept(path, key, headers, body, {})
            status = 202 if path == NARROWCAST else 200
            return status, {}, {"x-line-request-id": request_id}, behaviour.delay_s
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
        if path == PUSH:  # accepted now, even if the answer is then delayed past the client's timeout
            self._accept(path, key, headers, body, answer)
        return 200, answer, {}, behaviour.delay_s

    def _rich_menu(self, method: str, match: re.Match[str], headers: dict[str, str], body: Any, raw: bytes
                   ) -> tuple[int, Any]:
        """The rich-menu endpoints, answered as LINE documents them."""
        path, menu_id = match[0], match["id"] or match["default"]
        if menu_id is not None and menu_id not in self.rich_menus:
            return 404, {"message": "Not found"}
        if path == "/v2/bot/richmenu" and method == "POST":
            problem = _rich_menu_problem(body)
            if problem:
                return 400, {"message": problem}
            new_id = f"richmenu-{next(self._ids):032x}"
            self.rich_menus[new_id] = {"richMenuId": new_id, **body}
            return 200, {"richMenuId": new_id}
        if path == "/v2/bot/richmenu/list" and method == "GET":
            return 200, {"richmenus": list(self.rich_menus.values())}
        if match["content"] and method == "POST":
            kind = headers.get("content-type", "")
            if kind not in ("image/png", "image/jpeg") or not raw or len(raw) > 1_000_000:
                return 400, {"message": "Invalid image: PNG or JPEG up to 1 MB"}
            if menu_id in self.rich_menu_images:
                return 400, {"message": "An image has already been uploaded to the richmenu"}
            self.rich_menu_images[menu_id] = (kind, raw)  # type: ignore[index]
            return 200, {}
        if match["default"] and method == "POST":
            if menu_id not in self.rich_menu_images:
                return 400, {"message": "must upload richmenu image before applying it to user"}
            self.default_rich_menu = menu_id
            return 200, {}
        if path == "/v2/bot/user/all/richmenu" and method == "GET":
            return (200, {"richMenuId": self.default_rich_menu}) if self.default_rich_menu else \
                (404, {"message": "no default richmenu"})
        if path == "/v2/bot/user/all/richmenu" and method == "DELETE":
            self.default_rich_menu = None
            return 200, {}
        if match["id"] and not match["content"] and method == "GET":
            return 200, self.rich_menus[menu_id]  # type: ignore[index]
        if match["id"] and not match["content"] and method == "DELETE":
            del self.rich_menus[menu_id]  # type: ignore[arg-type]
            self.rich_menu_images.pop(menu_id, None)  # type: ignore[arg-type]
            if self.default_rich_menu == menu_id:
                self.default_rich_menu = None
            return 200, {}
        return 404, {"message": "Not found"}
    def _accept(self, path: str, key: str | None, headers: dict[str, str], body: Any, answer: Any) -> str:
        """Record an accepted send (and its retry key); returns its request id."""
        with self._changed:
            request_id = f"req-{next(self._ids)}"
            if key is not None:
                self._accepted_keys[key] = (request_id, answer)
            self.accepted.append(Request("POST", path, headers, body, b"", 200))
            return request_id

    def _info(self, path: str) -> Any:
        if path == QUOTA:
            return {"type": "none"} if self.quota is None else {"type": "limited", "value": self.quota}
        if path == CONSUMPTION:
            return {"totalUsage": self.usage()}
        return {"phase": "succeeded", "successCount": 0, "failureCount": 0, "targetCount": 0}

    def _record(self, request: Request) -> None:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes; don't wait 40 ms between them

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if len(raw) < length:  # the client died mid-request (a killed worker): LINE acts on no half request
                    self.close_connection = True
                    return
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = None
                headers = {k.lower(): v for k, v in self.headers.items()}
                path = self.path.split("?", 1)[0]
                request = Request(self.command, path, headers, body, raw)
                fake._record(request)
                status, answer, extra, delay_s = fake._answer(self.command, path, headers, body, raw)
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
                    if "x-line-request-id" not in extra:
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


def _rich_menu_problem(body: Any) -> str | None:
    """What LINE would refuse in a rich menu object, or None."""
    if not isinstance(body, dict):
        return "The request body has 1 error(s)"
    size, areas = body.get("size") or {}, body.get("areas") or []
    width, height = size.get("width", 0), size.get("height", 0)
    if not (800 <= width <= 2500 and height >= 250 and width / height >= 1.45):
        return "size must be 800-2500 wide, at least 250 high, width/height at least 1.45"
    if not 1 <= len(areas) <= 20:
        return "areas must have 1 to 20 items"
    if not body.get("name") or len(body["name"]) > 300 or len(body.get("chatBarText", "")) > 14 \
            or "selected" not in body:
        return "name, chatBarText (≤14) and selected are required"
    for area in areas:
        b = area.get("bounds") or {}
        if b.get("x", -1) < 0 or b.get("y", -1) < 0 or b.get("x", 0) + b.get("width", 0) > width \
                or b.get("y", 0) + b.get("height", 0) > height or not area.get("action"):
            return "each area needs bounds inside the menu and an action"
    return None
