"""Who may use /admin: no ADMIN_TOKEN → 503; the API needs `Authorization: Bearer`, the page the preview login."""

from __future__ import annotations

import hashlib
import hmac
import logging

from flask import Blueprint, Response, current_app, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue

from bot.notices.runtime import Runtime
from routes.admin_auth import CSP, logged_in

log = logging.getLogger(__name__)
bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates", static_folder="static")
OFF = ("ADMIN_TOKEN is not set: admin routes are off until it is configured "
       "· ยังไม่ได้ตั้ง ADMIN_TOKEN จึงปิดหน้าผู้ดูแลไว้")


def token() -> str | None:
    """ADMIN_TOKEN, or None when admin routes are off."""
    return current_app.extensions["rianru"].settings.admin_token


def bearer_ok(header: str | None, expected: str) -> bool:
    """True when the header is `Bearer <expected>`, compared in constant time (length not leaked either)."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(hashlib.sha256(given.strip().encode()).digest(),
                               hashlib.sha256(expected.encode()).digest())


def runtime() -> Runtime:
    """The notices runtime on the app's Redis (cheap to build; one per request)."""
    services = current_app.extensions["rianru"]
    return Runtime.build(services.settings, services.redis.client())


@bp.before_request
def _gate() -> ResponseReturnValue | None:
    expected = token()
    is_api = request.path.startswith("/admin/api/")
    if request.endpoint == "admin.static":
        return None
    if not expected:
        return (jsonify(error=OFF), 503) if is_api else (Response(OFF, 503, mimetype="text/plain"))
    if is_api:
        if not bearer_ok(request.headers.get("Authorization"), expected):
            log.warning("admin API refused from %s", request.remote_addr)
            response = jsonify(error="missing or wrong token: send Authorization: Bearer <ADMIN_TOKEN>")
            response.headers["WWW-Authenticate"] = 'Bearer realm="rianru-admin"'
            return response, 401
        return None
    if not logged_in():
        return redirect(url_for("preview.login"))
    return None


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.endpoint != "admin.static":
        response.headers["Cache-Control"] = "no-store"
    return response
