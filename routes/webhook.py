"""POST /callback: verify LINE's signature, acknowledge at once, answer each event in the background."""

from __future__ import annotations

import json
import logging

from flask import Blueprint, current_app, jsonify, request
from linebot.v3 import SignatureValidator, WebhookParser

from bot.line.inbound import to_work

log = logging.getLogger(__name__)
bp = Blueprint("webhook", __name__)
MAX_BODY = 2 * 1024 * 1024


@bp.post("/callback")
def callback():
    """Verify, parse and queue events; 400 only for a bad signature or body, else 200."""
    services = current_app.extensions["rianru"]
    secret = services.settings.channel_secret
    if not secret:
        return jsonify(error="LINE_CHANNEL_SECRET is not set; the webhook is disabled"), 503
    if (request.content_length or 0) > MAX_BODY:
        return jsonify(error="body too large"), 413
    signature = request.headers.get("X-Line-Signature", "")
    body = request.get_data(as_text=True)
    if not SignatureValidator(secret).validate(body, signature):
        log.warning("webhook with a bad signature rejected")
        return jsonify(error="invalid signature"), 400
    try:
        raw_events = json.loads(body)["events"]
        if not isinstance(raw_events, list):
            raise TypeError("events is not a list")
    except (ValueError, KeyError, TypeError):
        log.warning("signed webhook with a malformed body rejected")
        return jsonify(error="malformed body"), 400
    # Parsed one by one: the SDK's parser fails the whole batch on one odd event (no type, unknown mode, …).
    parser = WebhookParser(secret, skip_signature_verification=lambda: True)
    for raw in raw_events:
        try:
            events = parser.parse(json.dumps({"events": [raw]}), signature)
            work = to_work(events[0])
        except Exception:  # one odd event must not affect the others
            log.exception("could not read event %s", raw.get("webhookEventId", "?") if isinstance(raw, dict) else "?")
            continue
        if work is not None:
            services.dispatcher.submit(work)
    return jsonify(status="ok"), 200
