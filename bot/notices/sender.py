"""One LINE send with its retry key: retries 5xx, timeouts and 429 (honouring Retry-After) with bounded backoff."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from urllib3.exceptions import HTTPError as Urllib3Error

from bot.line import sdk

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_S = 2.0


def _sdk() -> Any:
    """line-bot-sdk's messaging package, imported on first use (about a second; bot/line/sdk.py)."""
    return sdk.messaging()


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one batch: attempts, first backoff, cap on any single wait."""

    attempts: int = 5
    backoff_s: float = 1.0
    max_wait_s: float = 60.0

    def wait(self, attempt: int, retry_after: str | None) -> float:
        """Seconds before the next attempt: LINE's Retry-After when given, else exponential; both capped."""
        if retry_after:
            try:
                return min(self.max_wait_s, max(0.0, float(retry_after)))
            except ValueError:
                pass
        return min(self.max_wait_s, self.backoff_s * 2 ** (attempt - 1))


@dataclass(frozen=True)
class Outcome:
    """How one batch ended: sent (incl. 409 already accepted) or failed, LINE's request id, the error."""

    sent: bool
    request_id: str | None = None
    error: str | None = None
    attempts: int = 0
    retryable: bool = False  # failed only after exhausting retries (a later run may succeed)


class NoticeLine:
    """LINE's sending endpoints for notices, through line-bot-sdk with a configurable host."""

    def __init__(self, access_token: str | None, base_url: str | None, timeout_s: float, policy: RetryPolicy,
                 sleep: Callable[[float], None] = time.sleep):
        messaging = _sdk()
        config = messaging.Configuration(access_token=access_token or "unset", host=base_url)
        config.retries = 0
        self.api = messaging.MessagingApi(messaging.ApiClient(config))
        self.configured = bool(access_token)
        self.timeout = (CONNECT_TIMEOUT_S, timeout_s)
        self.policy, self.sleep = policy, sleep

    def _call(self, mode: str, payload: dict[str, Any], key: str) -> Any:
        kwargs: dict[str, Any] = {"x_line_retry_key": key, "_request_timeout": self.timeout}
        if mode == "multicast":
            return self.api.multicast_with_http_info(_sdk().MulticastRequest.from_dict(payload), **kwargs)
        if mode == "broadcast":
            return self.api.broadcast_with_http_info(_sdk().BroadcastRequest.from_dict(payload), **kwargs)
        if mode == "narrowcast":
            return self.api.narrowcast_with_http_info(_sdk().NarrowcastRequest.from_dict(payload), **kwargs)
        return self.api.push_message_with_http_info(_sdk().PushMessageRequest.from_dict(payload), **kwargs)

    def send(self, mode: str, payload: dict[str, Any], key: str) -> Outcome:
        """Send one request with X-Line-Retry-Key `key`; the same body and key on every attempt."""
        if not self.configured:
            return Outcome(False, error="LINE_CHANNEL_ACCESS_TOKEN is not set: nothing was sent")
        error = "no attempt"
        for attempt in range(1, self.policy.attempts + 1):
            retry_after = None
            try:
                response = self._call(mode, payload, key)
                return Outcome(True, (response.headers or {}).get("x-line-request-id"), attempts=attempt)
            except _sdk().ApiException as exc:
                headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
                body = (exc.body or "")[:300] if isinstance(exc.body, str) else str(exc.body)[:300]
                if exc.status == 409:  # the key was accepted before: LINE already has this batch
                    return Outcome(True, headers.get("x-line-accepted-request-id"), attempts=attempt)
                error = f"{exc.status} {body}".strip()
                if exc.status == 429 and "monthly limit" in body.lower():
                    return Outcome(False, error=error, attempts=attempt)
                if exc.status is not None and exc.status < 500 and exc.status != 429:
                    return Outcome(False, error=error, attempts=attempt)
                retry_after = headers.get("retry-after")
                log.warning("notice %s attempt %d got %s", mode, attempt, exc.status)
            except (Urllib3Error, OSError) as exc:
                error = f"network: {type(exc).__name__}"
                log.warning("notice %s attempt %d failed: %s", mode, attempt, type(exc).__name__)
            if attempt < self.policy.attempts:
                self.sleep(self.policy.wait(attempt, retry_after))
        return Outcome(False, error=error, attempts=self.policy.attempts, retryable=True)

    def quota(self) -> tuple[int | None, int | None]:
        """(the month's quota or None when unlimited, messages used so far); (None, None) when LINE won't say."""
        if not self.configured:
            return None, None
        try:
            quota = self.api.get_message_quota(_request_timeout=self.timeout)
            used = self.api.get_message_quota_consumption(_request_timeout=self.timeout)
        except (_sdk().ApiException, Urllib3Error, OSError, ValueError):
            return None, None
        limit = quota.value if getattr(quota, "type", "none") == "limited" else None
        return limit, int(used.total_usage)

    def validate(self, mode: str, messages: list[dict[str, Any]]) -> str | None:
        """Ask LINE's validate endpoint; None when valid, else LINE's reason."""
        if not self.configured:
            return None
        request = _sdk().ValidateMessageRequest.from_dict({"messages": messages})
        method = {"multicast": self.api.validate_multicast, "broadcast": self.api.validate_broadcast,
                  "narrowcast": self.api.validate_narrowcast}.get(mode, self.api.validate_push)
        try:
            method(request, _request_timeout=self.timeout)
        except _sdk().ApiException as exc:
            return f"{exc.status} {exc.body}"
        except (Urllib3Error, OSError) as exc:
            return f"LINE validate unreachable: {type(exc).__name__}"
        return None
