"""Preview access: ADMIN_TOKEN login, CSRF tokens in the signed session, cookie flags, security headers."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from flask.sessions import SecureCookieSessionInterface
from flask.typing import ResponseReturnValue

log = logging.getLogger(__name__)
CSRF_KEY, AUTH_KEY, USER_KEY = "preview_csrf", "preview_auth", "preview_uid"
OPEN_ENDPOINTS = {"preview.login", "preview.static"}
CSP = ("default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


class PreviewSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with the Secure flag whenever the request came over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when configured, or when this request is https (directly or via X-Forwarded-Proto)."""
        if super().get_cookie_secure(app):
            return True
        if not has_request_context():
            return False
        forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        return request.is_secure or forwarded == "https"


def _install_session(state: BlueprintSetupState) -> None:
    app: Flask = state.app  # type: ignore[assignment]  # Sansio App is a Flask here
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    if type(app.session_interface) is SecureCookieSessionInterface:  # never replace someone else's interface
        app.session_interface = PreviewSessionInterface()


def admin_token() -> str | None:
    """ADMIN_TOKEN, or None when the preview is open (local use)."""
    return current_app.extensions["rianru"].settings.admin_token


def csrf_token() -> str:
    """This browser's CSRF token (created on first use; forms post it, scripts send X-CSRF-Token)."""
    if not isinstance(session.get(CSRF_KEY), str):
        session[CSRF_KEY] = secrets.token_urlsafe(32)
    return session[CSRF_KEY]


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison that does not leak the expected length either."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())


def csrf_ok(given: object) -> bool:
    """True when `given` is this session's CSRF token."""
    expected = session.get(CSRF_KEY)
    return isinstance(given, str) and isinstance(expected, str) and bool(given) and _same(given, expected)


def _fingerprint(token: str) -> str:
    key = str(current_app.secret_key).encode()
    return hmac.new(key, b"preview-login:" + token.encode(), hashlib.sha256).hexdigest()


def logged_in() -> bool:
    """Open without ADMIN_TOKEN; otherwise the session must carry this token's fingerprint."""
    token = admin_token()
    if not token:
        return True
    mark = session.get(AUTH_KEY)
    return isinstance(mark, str) and _same(mark, _fingerprint(token))


def _require_login() -> ResponseReturnValue | None:
    if request.endpoint in OPEN_ENDPOINTS or logged_in():
        return None
    if request.path.startswith("/preview/api/"):
        return jsonify(error="login required"), 401
    return redirect(url_for("preview.login"))


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.endpoint != "preview.static":
        response.headers["Cache-Control"] = "no-store"
    return response


def login() -> ResponseReturnValue:
    """The token form (GET) and its check (POST): CSRF first, then a constant-time token comparison."""
    token = admin_token()
    if not token or logged_in():
        return redirect(url_for("preview.page"))
    if request.method == "GET":
        return render_template("preview/login.html", csrf=csrf_token(), error=None)
    if not csrf_ok(request.form.get("csrf")):
        return render_template("preview/login.html", csrf=csrf_token(), error="csrf"), 400
    if not _same(request.form.get("token", ""), token):
        log.warning("preview login refused from %s", request.remote_addr)
        return render_template("preview/login.html", csrf=csrf_token(), error="token"), 401
    session.clear()  # a fresh session after login: new CSRF token, new chat
    session[AUTH_KEY] = _fingerprint(token)
    return redirect(url_for("preview.page"))


def logout() -> ResponseReturnValue:
    """Forget the login (POST with the CSRF token)."""
    if not csrf_ok(request.form.get("csrf")):
        abort(400)
    session.clear()
    return redirect(url_for("preview.login") if admin_token() else url_for("preview.page"))


def preview_user() -> str:
    """A random id per browser, kept in the signed session; keys this browser's chat session in Redis."""
    if not isinstance(session.get(USER_KEY), str):
        session[USER_KEY] = secrets.token_hex(16)
    return session[USER_KEY]


def init(bp: Blueprint) -> None:
    """Attach the session interface, login gate, headers and the login/logout routes to the blueprint."""
    bp.record_once(_install_session)
    bp.before_request(_require_login)
    bp.after_request(_headers)
    bp.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    bp.add_url_rule("/logout", "logout", logout, methods=["POST"])
