"""Admin and preview access: ADMIN_TOKEN login with Redis-backed rate limits and server-side sessions, CSRF, headers.

A login creates a random session id kept in Redis with an expiry (the signed cookie carries only that id), so
logging out or the expiry ends it for good. Failed logins are counted per client and in total over a window;
past either limit every attempt is refused with a lockout message until the window passes. Without Redis no
one can log in (fail closed).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections import deque
from typing import Any

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
SESSION_TTL_S = 8 * 3600
FAIL_WINDOW_S = 15 * 60
MAX_FAILS_PER_CLIENT = 5
MAX_FAILS_TOTAL = 50
KEYS = "rianru:admin:"
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


def _redis() -> Any:
    return current_app.extensions["rianru"].redis.client()


def _sid_key(sid: str) -> str:
    return f"{KEYS}session:{hashlib.sha256(sid.encode()).hexdigest()}"


def _client() -> str:
    """This client, hashed (addresses are personal data too)."""
    return hashlib.sha256((request.remote_addr or "?").encode()).hexdigest()[:16]


def locked_out() -> bool:
    """True while this client, or everyone together, failed too often within the window."""
    counts = _redis().mget(f"{KEYS}fails:{_client()}", f"{KEYS}fails:all")
    mine, total = (int(c or 0) for c in counts)
    return mine >= MAX_FAILS_PER_CLIENT or total >= MAX_FAILS_TOTAL


def record_failure() -> None:
    """Count one failed attempt for this client and in total (each count expires FAIL_WINDOW_S after its first)."""
    pipe = _redis().pipeline(transaction=True)
    for key in (f"{KEYS}fails:{_client()}", f"{KEYS}fails:all"):
        pipe.set(key, 0, ex=FAIL_WINDOW_S, nx=True)  # the window starts at the first failure; INCR keeps the TTL
        pipe.incr(key)
    pipe.execute()
    log.info("admin login refused", extra={"client": _client()})


_local_fails: deque[float] = deque()  # bearer failures while Redis is down: this process's own global limit
_local_lock = threading.Lock()


def _local_check(ok: bool) -> bool:
    """Without Redis: throttle bearer failures in this process (MAX_FAILS_TOTAL per window), then allow `ok`."""
    now = time.monotonic()
    with _local_lock:
        while _local_fails and _local_fails[0] < now - FAIL_WINDOW_S:
            _local_fails.popleft()
        if len(_local_fails) >= MAX_FAILS_TOTAL:
            return False
        if not ok:
            _local_fails.append(now)
    return ok


def logged_in() -> bool:
    """Open without ADMIN_TOKEN; otherwise the session id must be live in Redis for this token."""
    token = admin_token()
    if not token:
        return True
    sid = session.get(AUTH_KEY)
    if not isinstance(sid, str) or not sid:
        return False
    try:
        mark = _redis().get(_sid_key(sid))
    except Exception as exc:  # no Redis, no admin session: fail closed
        log.warning("admin session check failed (%s)", type(exc).__name__)
        return False
    return isinstance(mark, bytes) and _same(mark.decode(), _fingerprint(token))


def bearer_ok() -> bool:
    """True without ADMIN_TOKEN, or when `Authorization: Bearer <ADMIN_TOKEN>` is sent (failures are throttled)."""
    token = admin_token()
    if not token:
        return True
    given = request.headers.get("Authorization", "")
    if not given.startswith("Bearer "):
        return False
    ok = _same(given[7:].strip(), token)
    try:
        if locked_out():
            return False
        if not ok:
            record_failure()
        return ok
    except Exception as exc:  # Redis down: readiness must stay readable, still throttled in this process
        log.warning("admin token check without Redis (%s)", type(exc).__name__)
        return _local_check(ok)


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
    try:
        if locked_out():
            log.info("admin login locked out", extra={"client": _client()})
            return render_template("preview/login.html", csrf=csrf_token(), error="locked"), 429
        if not _same(request.form.get("token", ""), token):
            record_failure()
            return render_template("preview/login.html", csrf=csrf_token(), error="token"), 401
        sid = secrets.token_urlsafe(32)
        _redis().set(_sid_key(sid), _fingerprint(token), ex=SESSION_TTL_S)
        _redis().delete(f"{KEYS}fails:{_client()}")
    except Exception as exc:  # Redis down: nobody logs in
        log.warning("admin login unavailable (%s)", type(exc).__name__)
        return render_template("preview/login.html", csrf=csrf_token(), error="unavailable"), 503
    session.clear()  # a fresh session after login: new CSRF token, new chat
    session[AUTH_KEY] = sid
    return redirect(url_for("preview.page"))


def logout() -> ResponseReturnValue:
    """Forget the login (POST with the CSRF token)."""
    if not csrf_ok(request.form.get("csrf")):
        abort(400)
    sid = session.get(AUTH_KEY)
    if isinstance(sid, str) and sid:
        try:
            _redis().delete(_sid_key(sid))
        except Exception as exc:
            log.warning("admin session could not be revoked (%s)", type(exc).__name__)
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
