"""POST /callback: verify LINE's signature, queue each event durably in Redis, then acknowledge.

Redis unusable: the events are answered in this process as a best effort (search needs no Redis; sessions and
dedup are degraded, dedup falls back to this process's memory) and the webhook still answers 200 — a 5xx would
only make LINE redeliver (when redelivery is on) events we are already answering.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time

from flask import Blueprint, current_app, jsonify, request

from bot.line import sdk as line_sdk
from bot.line.inbound import Work, to_work, valid_chat_id

log = logging.getLogger(__name__)
bp = Blueprint("webhook", __name__)
MAX_BODY = 2 * 1024 * 1024
MAX_DEPTH = 64  # LINE's own events nest about 6 deep; json.loads recurses per level
STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(r"[\[\]{}]")
FUTURE_SKEW_S = 300


def too_deep(body: str, limit: int = MAX_DEPTH) -> bool:
    """True when the JSON text nests arrays/objects deeper than `limit` (checked without recursion)."""
    depth = 0
    for bracket in BRACKETS.findall(STRINGS.sub('""', body)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


@bp.post("/callback")
def callback():
    """Verify, bound, parse and queue events; 400 only for a bad signature or body, else 200."""
    services = current_app.extensions["rianru"]
    secret = services.settings.channel_secret
    if not secret:
        return jsonify(error="LINE_CHANNEL_SECRET is not set; the webhook is disabled"), 503
    if (request.content_length or 0) > MAX_BODY:
        log.info("webhook body over 2 MB refused")
        return jsonify(error="body too large"), 413
    signature = request.headers.get("X-Line-Signature", "")
    body = request.get_data(as_text=True)
    if not line_sdk.webhooks().SignatureValidator(secret).validate(body, signature):
        log.info("webhook with a bad signature refused", extra={"client": request.remote_addr})
        return jsonify(error="invalid signature"), 400
    if too_deep(body):
        log.info("signed webhook nested too deeply refused")
        return jsonify(error="body nested too deeply"), 400
    try:
        raw_events = json.loads(body)["events"]
        if not isinstance(raw_events, list):
            raise TypeError("events is not a list")
    except (ValueError, KeyError, TypeError):
        log.info("signed webhook with a malformed body refused")
        return jsonify(error="malformed body"), 400
    works = [w for w in (read_event(raw, secret, services.settings.replay_window_s) for raw in raw_events) if w]
    if works:
        queue(services, works)
    return jsonify(status="ok"), 200


def read_event(raw: object, secret: str, replay_window_s: float) -> Work | None:
    """One raw event as a Work item, or None (logged at INFO) when it is odd, too old, or not for the bot."""
    event_id = raw.get("webhookEventId") if isinstance(raw, dict) else None
    if not isinstance(event_id, str) or not event_id or len(event_id) > 64:
        log.info("event without a usable webhookEventId ignored")
        return None
    timestamp = raw.get("timestamp") if isinstance(raw, dict) else None
    now = time.time()
    if not isinstance(timestamp, int) or isinstance(timestamp, bool):
        log.info("event without a timestamp ignored", extra={"event": event_id})
        return None
    age_s = now - timestamp / 1000
    if age_s > replay_window_s or age_s < -FUTURE_SKEW_S:
        log.info("event outside the replay window (%.0f s old) not answered", age_s, extra={"event": event_id})
        return None
    source = raw.get("source") if isinstance(raw, dict) else None
    if isinstance(source, dict) and any(name in source and not (isinstance(source[name], str)
                                                                 and valid_chat_id(source[name]))
                                        for name in ("userId", "groupId", "roomId")):
        log.info("event with a malformed source id ignored", extra={"event": event_id})
        return None
    # Parsed one by one: the SDK's parser fails the whole batch on one odd event (no type, unknown mode, …).
    parser = line_sdk.webhooks().WebhookParser(secret, skip_signature_verification=lambda: True)
    try:
        work = to_work(parser.parse(json.dumps({"events": [raw]}), "")[0])
    except Exception as exc:  # an event the SDK cannot read: expected now and then, no traceback
        log.info("unreadable event ignored (%s)", type(exc).__name__, extra={"event": event_id})
        return None
    if work is None:
        return None
    if not valid_chat_id(work.chat_id):
        log.info("event with a malformed source id ignored", extra={"event": event_id})
        return None
    return dataclasses.replace(work, received_at=now)


def queue(services, works: list[Work]) -> None:
    """Queue durably; when Redis is unusable, answer here instead (deduplicated in this process's memory).

    Events over the backlog limit get the short busy reply at once, on this process's pool (bot/line/intake.py)."""
    try:
        _, over = services.queue.enqueue(works)
        for work in over:
            services.dispatcher.submit(work, busy=True)
    except Exception as exc:  # Redis down or frozen
        log.warning("event queue unavailable (%s); answering in this process", type(exc).__name__)
        for work in works:
            if services.recent.add(work.event_id):
                services.queue.answered_here.add(work.event_id)
                services.dispatcher.submit(work)
