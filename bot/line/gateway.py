"""The one wrapper around line-bot-sdk's MessagingApi: reply (→ push fallback) and push with retry keys."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    MessagingApi,
    PushMessageRequest,
    ReplyMessageRequest,
)
from linebot.v3.messaging.exceptions import ApiException
from urllib3.exceptions import HTTPError as Urllib3Error

log = logging.getLogger(__name__)
PUSH_ATTEMPTS = 3
CONNECT_TIMEOUT_S = 2.0


class LineGateway:
    """Sends messages to LINE; the host is LINE_API_BASE_URL when set, else the SDK's own."""

    def __init__(self, access_token: str | None, base_url: str | None, timeout_s: float,
                 backoff_s: float = 0.5):
        config = Configuration(access_token=access_token or "unset", host=base_url)
        config.retries = 0  # we decide what to retry: only pushes, only with a retry key
        self.api = MessagingApi(ApiClient(config))
        self.timeout = (CONNECT_TIMEOUT_S, timeout_s)
        self.backoff_s = backoff_s

    def reply(self, reply_token: str | None, to: str, messages: list[dict[str, Any]]) -> str:
        """Reply with the token; push instead when LINE rejects the token. Returns what happened."""
        if not messages:
            return "nothing"
        if reply_token:
            request = ReplyMessageRequest.from_dict({"replyToken": reply_token, "messages": messages})
            try:
                self.api.reply_message_with_http_info(request, _request_timeout=self.timeout)
                return "replied"
            except ApiException as exc:
                if exc.status != 400 or "reply token" not in (exc.body or "").lower():
                    # A 5xx or timeout may have delivered; reply has no retry key, so retrying could duplicate.
                    log.error("reply failed: status=%s body=%s", exc.status, (exc.body or "")[:200])
                    return "failed"
                log.info("reply token rejected; pushing instead")
            except (Urllib3Error, OSError) as exc:
                log.error("reply failed: %s", type(exc).__name__)
                return "failed"
        return "pushed" if self.push(to, messages) else "failed"

    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str | None = None) -> bool:
        """Push with an X-Line-Retry-Key, retrying 5xx and timeouts with the same key and body."""
        request = PushMessageRequest.from_dict({"to": to, "messages": messages})
        key = retry_key or str(uuid.uuid4())
        for attempt in range(1, PUSH_ATTEMPTS + 1):
            try:
                self.api.push_message_with_http_info(request, x_line_retry_key=key, _request_timeout=self.timeout)
                return True
            except ApiException as exc:
                if exc.status == 409:  # an earlier attempt with this key was accepted
                    return True
                if exc.status is None or exc.status < 500:
                    log.error("push refused: status=%s body=%s", exc.status, (exc.body or "")[:200])
                    return False
                log.warning("push attempt %d got %s", attempt, exc.status)
            except (Urllib3Error, OSError) as exc:
                log.warning("push attempt %d failed: %s", attempt, type(exc).__name__)
            if attempt < PUSH_ATTEMPTS:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
        return False
