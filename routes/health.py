"""GET /healthz: liveness with Redis and content status."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from bot import __version__

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 once content and the Thai dictionary are loaded; Redis state is reported, not required."""
    services = current_app.extensions["rianru"]
    content = services.content
    library = content.library
    redis_ok = services.redis.ping()
    body = {
        "status": "ok" if library is not None and redis_ok else "degraded",
        "version": __version__,
        "redis": {"ok": redis_ok, "embedded": services.redis.embedded},
        "content": {
            "status": content.status,
            "version": library.catalog.version if library else None,
            "venues": len(library.catalog.venues) if library else 0,
            "tours": len(library.catalog.tours) if library else 0,
            "events": len(library.catalog.events) if library else 0,
            "errors": content.errors,
            "warnings": len(content.warnings),
        },
    }
    return jsonify(body), 200 if library is not None and library.lexicon.dictionary is not None else 503
