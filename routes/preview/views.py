"""GET /preview: published and working copies as LINE draws them, problems, the log, a chat, and publishing."""

from __future__ import annotations

import logging
import math
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request, session
from flask.typing import ResponseReturnValue

from bot.replies.codec import MAX_DATA
from bot.runner import TurnRunner
from bot.store.tour_stats import RouteStats, route_stats
from bot.turn import UserInput
from routes import admin_auth
from routes.admin_auth import USER_KEY, admin_token, csrf_ok, csrf_token, logged_in, preview_user
from routes.preview.gallery import KINDS, PAGE_SIZE, Filters, items, map_points, province_options, type_options
from routes.preview.officer import init as init_publishing
from routes.preview.officer import name as officer_name
from routes.preview.render import render_message, render_quick_reply
from routes.preview.working import working_copy

log = logging.getLogger(__name__)
bp = Blueprint("preview", __name__, url_prefix="/preview", template_folder="templates", static_folder="static")
admin_auth.init(bp)
init_publishing(bp)
MAX_TEXT = 2000
SESSION_PREFIX = "preview:"
WORKING_PREFIX = "preview-draft:"  # a draft's list positions must not leak into the published chat


@bp.get("")
def page() -> ResponseReturnValue:
    """The preview page: published vs working copy, problems, change log, paged bubble gallery, chat simulator."""
    services = current_app.extensions["rianru"]
    live = services.live
    working = working_copy(current_app.extensions)
    filters = Filters.from_args(request.args)
    content = working.content if filters.copy == "working" else live.current
    listed = items(content, filters.lang)
    counts = {kind: sum(1 for item in listed if item.kind == kind) for kind in KINDS}
    preview_user()
    return render_template(
        "preview/page.html", route_panels=route_panels(content), csrf=csrf_token(), filters=filters, items=listed,
        counts=counts,
        shown=sum(1 for item in listed if item.matches(filters)), types=type_options(content, filters.lang),
        provinces=province_options(listed), live=live, content=content, points=map_points(live.current),
        protected=bool(admin_token()), working=working, page_size=PAGE_SIZE, can_publish=logged_in(),
        history=list(reversed(live.store.history()))[:20], officer_name=officer_name(),
        published=request.args.get("published", ""), unanswered=unanswered_top(10))


def route_panels(content: Any) -> list[tuple[str, list[RouteStats]]] | None:
    """Route statistics from LINE chats and from this preview's chat; None when Redis cannot be read."""
    if content is None:
        return []
    services = current_app.extensions["rianru"]
    try:
        panels = []
        for label, prefix in (("LINE", ""), ("แชตจำลอง · preview chat", SESSION_PREFIX)):
            sessions = services.stores(prefix).sessions
            panels.append((label, route_stats(sessions.client, sessions.prefix, content.catalog.tours)))
        return panels
    except Exception:  # the page must render without Redis; the panel says so
        log.exception("route statistics unavailable")
        return None


def user_input(payload: Any) -> UserInput | None:
    """A UserInput from the chat's JSON ({kind: text|postback|location|follow, ...}); None when invalid."""
    if not isinstance(payload, dict):
        return None
    kind = payload.get("kind")
    if kind == "text" and isinstance(payload.get("text"), str) and payload["text"].strip():
        return UserInput("text", text=payload["text"][:MAX_TEXT])
    if kind == "postback" and isinstance(payload.get("data"), str) and len(payload["data"]) <= MAX_DATA:
        return UserInput("postback", data=payload["data"])
    if kind == "location":
        try:
            lat, lon = float(payload.get("lat")), float(payload.get("lon"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
            return UserInput("location", lat=lat, lon=lon, title=str(payload.get("title", ""))[:100])
        return None
    if kind == "follow":
        return UserInput("follow")
    return None


def reply_json(messages: list[dict[str, Any]], notice: str | None = None) -> dict[str, Any]:
    """The bot's messages (exactly as sent to LINE), each rendered, plus the last message's quick replies."""
    return {"messages": messages, "html": [str(render_message(m)) for m in messages],
            "quick_reply": str(render_quick_reply(messages[-1])) if messages else "", "notice": notice}


@bp.post("/api/chat")
def chat() -> ResponseReturnValue:
    """Answer one chat input with the webhook's own answer(); the session lives in Redis under preview:."""
    if not csrf_ok(request.headers.get("X-CSRF-Token")):
        return jsonify(error="missing or wrong CSRF token; reload the page"), 403
    if (request.content_length or 0) > 16 * 1024:
        return jsonify(error="message too large"), 413
    given = user_input(request.get_json(silent=True))
    if given is None:
        return jsonify(error="expected {kind: text|postback|location|follow, ...}"), 400
    services = current_app.extensions["rianru"]
    if services.live.current is None:
        return jsonify(error="content is not loaded"), 503
    runner = services.runner(prefix=SESSION_PREFIX)
    if (request.get_json(silent=True) or {}).get("copy") == "working":  # the same pipeline, on the draft
        draft = working_copy(current_app.extensions).content
        if draft is None:
            return jsonify(error="the working copy cannot be loaded; see the problems list"), 409
        runner = TurnRunner(lambda: draft, lambda: services.stores(WORKING_PREFIX))
    result = runner.run(preview_user(), given, dedup=False)
    notice = None
    if result.problems:  # Redis down: still answered, but the conversation is not remembered
        notice = "Redis is unavailable: this answer forgot the conversation or was not saved"
    messages = result.reply.messages if result.reply else []
    return jsonify(reply_json(messages, notice))


@bp.post("/api/reset")
def reset() -> ResponseReturnValue:
    """Start a new conversation (a new random browser id; the old session expires in Redis)."""
    if not csrf_ok(request.headers.get("X-CSRF-Token")):
        return jsonify(error="missing or wrong CSRF token; reload the page"), 403
    session.pop(USER_KEY, None)
    preview_user()
    return jsonify(status="ok")


def unanswered_top(top: int) -> list[tuple[str, int]] | None:
    """The most asked unanswered LINE questions for the preview's panel; None when Redis cannot say."""
    try:
        return current_app.extensions["rianru"].stores("rianru:").effects.unanswered(top)
    except Exception as exc:
        log.warning("unanswered report unavailable (%s)", type(exc).__name__)
        return None
