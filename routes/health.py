"""GET /healthz: liveness with Redis and content status."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from bot import __version__

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 once content and the Thai dictionary are loaded; Redis state is reported, not required."""
    services = current_app.extensions["rianru"]
    live = services.live
    content = live.current
    redis_ok = services.redis.ping()
    body = {
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
    return jsonify(body), 200 if content is not None and content.lexicon.dictionary is not None else 503
