"""The one wrapper around line-bot-sdk's ApiClient: reply (retried once) → push with a deterministic retry key.

Messages are sent as the JSON dicts the handlers built, through the SDK's ApiClient (auth, connection pool,
ApiException): a round trip through the SDK's pydantic models (from_dict → to_dict) produced the same JSON but
cost about two thirds of a turn's CPU. The SDK is imported on first use or in the background at startup
(bot/line/sdk.py), so a fresh process does not pay for it before it can answer.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from urllib3.exceptions import HTTPError as Urllib3Error

from bot.line import sdk

if TYPE_CHECKING:
    from linebot.v3.messaging import ApiClient

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_S = 2.0
PUSH_DEADLINE_S = 20.0  # a push is retried until then; after it the answer is logged as lost
MAX_WAIT_S = 5.0  # longest single back-off, even when LINE's Retry-After asks for more
REPLY_TOKEN_FRESH_S = 50.0  # LINE honours a reply token for about a minute; older events are pushed
RETRY_KEY_NAMESPACE = uuid.UUID("6f1d7a2e-3c52-4d0b-9a51-5e0f3b1c7d20")
LINE_API = "https://api.line.me"
REPLY_PATH = "/v2/bot/message/reply"
PUSH_PATH = "/v2/bot/message/push"


class LineRefused(Exception):
    """LINE answered with an error status (the SDK's ApiException, without importing the SDK to catch it)."""

    def __init__(self, status: int | None, body: str | None, headers: Any = None):
        super().__init__(f"LINE answered {status}")
        self.status, self.body, self.headers = status, body, headers


def retry_key_for(event_id: str) -> str:
    """The X-Line-Retry-Key of an event's push: the same on every attempt and after any crash."""
    return str(uuid.uuid5(RETRY_KEY_NAMESPACE, event_id))


def _retry_after(exc: LineRefused) -> float | None:
    headers = getattr(exc, "headers", None) or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None


def _invalid_token(exc: LineRefused) -> bool:
    return exc.status == 400 and "reply token" in (exc.body or "").lower()


class LineGateway:
    """Sends messages to LINE; the host is LINE_API_BASE_URL when set, else the SDK's own."""

    def __init__(self, access_token: str | None, base_url: str | None, timeout_s: float,
                 backoff_s: float = 0.5, push_deadline_s: float = PUSH_DEADLINE_S,
                 sleep: Callable[[float], None] = time.sleep):
        self.access_token, self.host = access_token or "unset", base_url or LINE_API
        self.timeout = (CONNECT_TIMEOUT_S, timeout_s)
        self.backoff_s, self.push_deadline_s, self.sleep = backoff_s, push_deadline_s, sleep
        self._api_client: ApiClient | None = None
        self._lock = threading.Lock()

    def _client(self) -> ApiClient:
        """The one ApiClient (and its urllib3 pool), built on first use."""
        if self._api_client is None:
            with self._lock:
                if self._api_client is None:
                    messaging = sdk.messaging()
                    config = messaging.Configuration(access_token=self.access_token, host=self.host)
                    config.retries = 0  # we decide what to retry, and how
                    self._api_client = messaging.ApiClient(config)
        return self._api_client

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        """POST one JSON body to LINE; raises LineRefused on a non-2xx answer."""
        client = self._client()
        try:
            client.call_api(path, "POST", header_params={"Accept": "application/json",
                                                         "Content-Type": "application/json", **(headers or {})},
                            body=body, response_types_map={}, auth_settings=["Bearer"],
                            _request_timeout=self.timeout, _host=self.host)
        except sdk.messaging().ApiException as exc:  # evaluated only when something was raised
            raise LineRefused(exc.status, exc.body, getattr(exc, "headers", None)) from exc

    def reply(self, reply_token: str | None, to: str, messages: list[dict[str, Any]], event_id: str | None = None,
              received_at: float | None = None, maybe_sent: bool = False) -> str:
        """Reply (one retry on 5xx/429/timeout/connection error), else push; returns the real outcome.

        `maybe_sent`: an earlier attempt (a crashed process) may have used the token, so a fresh token that
        LINE refuses means the citizen has the answer already.
        """
        if not messages:
            return "nothing"
        fresh = received_at is None or time.time() - received_at < REPLY_TOKEN_FRESH_S
        if reply_token and fresh:
            body = {"replyToken": reply_token, "messages": messages}
            unknown = maybe_sent  # True once an attempt may have reached LINE without our seeing the answer
            for attempt in (1, 2):
                try:
                    self._post(REPLY_PATH, body)
                    return "replied" if attempt == 1 else "replied-on-retry"
                except LineRefused as exc:
                    if _invalid_token(exc):
                        if unknown:  # our earlier attempt used the token: LINE has the reply
                            log.info("reply token used by the attempt that timed out: delivered",
                                     extra={"event": event_id, "outcome": "replied"})
                            return "replied"
                        log.info("reply token refused; pushing instead", extra={"event": event_id})
                        break
                    if exc.status is None or (exc.status < 500 and exc.status != 429):
                        log.warning("reply refused: status=%s body=%s", exc.status, (exc.body or "")[:200],
                                    extra={"event": event_id, "status": exc.status})
                        break
                    log.warning("reply attempt %d got %s", attempt, exc.status,
                                extra={"event": event_id, "status": exc.status, "attempts": attempt})
                    if attempt == 1:
                        self.sleep(min(_retry_after(exc) or 0.0, MAX_WAIT_S))
                except (Urllib3Error, OSError) as exc:
                    unknown = True
                    log.warning("reply attempt %d failed: %s", attempt, type(exc).__name__,
                                extra={"event": event_id, "attempts": attempt})
        key = retry_key_for(event_id) if event_id else None
        return "pushed" if self.push(to, messages, retry_key=key, event_id=event_id) else "failed"

    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str | None = None,
             event_id: str | None = None) -> bool:
        """Push with an X-Line-Retry-Key, retrying 5xx, 429 and timeouts (same key, same body) until the deadline."""
        body = {"to": to, "messages": messages}
        key = retry_key or str(uuid.uuid4())
        deadline = time.monotonic() + self.push_deadline_s
        attempt = 0
        while True:
            attempt += 1
            wait = self.backoff_s * 2 ** min(attempt - 1, 4)
            try:
                self._post(PUSH_PATH, body, {"X-Line-Retry-Key": key})
                return True
            except LineRefused as exc:
                if exc.status == 409:  # an earlier attempt with this key was accepted
                    log.info("push already accepted under its retry key", extra={"event": event_id})
                    return True
                if exc.status is None or (exc.status < 500 and exc.status != 429):
                    log.error("push refused: status=%s body=%s", exc.status, (exc.body or "")[:200],
                              extra={"event": event_id, "status": exc.status, "outcome": "failed"})
                    return False
                wait = max(wait, _retry_after(exc) or 0.0)
                log.warning("push attempt %d got %s", attempt, exc.status,
                            extra={"event": event_id, "status": exc.status, "attempts": attempt})
            except (Urllib3Error, OSError) as exc:
                log.warning("push attempt %d failed: %s", attempt, type(exc).__name__,
                            extra={"event": event_id, "attempts": attempt})
            wait = min(wait, MAX_WAIT_S)
            if time.monotonic() + wait >= deadline:
                log.error("push gave up after %d attempts", attempt,
                          extra={"event": event_id, "attempts": attempt, "outcome": "failed"})
                return False
            self.sleep(wait)
