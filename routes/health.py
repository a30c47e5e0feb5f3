"""GET /healthz: public liveness (details with the token); GET /readyz: readiness, 503 when Redis or content fails."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify

from bot import __version__
from routes.admin_auth import bearer_ok

bp = Blueprint("health", __name__)


def details(services: Any) -> dict[str, Any]:
    """Everything an operator needs to judge the service; extend it with new sections (one key per concern)."""
    live = services.live
    content = live.current
    redis_ok = services.redis.ping()
    return {
        "status": "ok" if content is not None and redis_ok else "degraded",
        "version": __version__,
        "redis": {"ok": redis_ok, "embedded": services.redis.embedded},
        "content": {
            "status": live.status,
            "version": content.catalog.version if content else None,
            "venues": len(content.catalog.venues) if content else 0,
            "tours": len(content.catalog.tours) if content else 0,
            "events": len(content.catalog.events) if content else 0,
            "published": live.version,
            "auto_publish": live.auto_publish,
            "errors": live.errors,
            "stale_files": live.stale_files,
            "warnings": len(live.warnings),
        },
    }


def content_ready(services: Any) -> bool:
    """True when content and the Thai dictionary are loaded."""
    content = services.live.current
    return content is not None and content.lexicon.dictionary is not None


@bp.get("/healthz")
def healthz():
    """Liveness: 200 while the process serves with content loaded; details only with the token (or without one)."""
    services = current_app.extensions["rianru"]
    code = 200 if content_ready(services) else 503
    if not bearer_ok():
        return jsonify(status="alive" if code == 200 else "starting"), code
    return jsonify(details(services)), code


@bp.get("/readyz")
def readyz():
    """Readiness (needs the token): 200 only when Redis answers and content is usable, else 503."""
    services = current_app.extensions["rianru"]
    if not bearer_ok():
        return jsonify(error="token required"), 401
    body = details(services)
    ready = body["redis"]["ok"] and content_ready(services)
    body["ready"] = ready
    return jsonify(body), 200 if ready else 503
