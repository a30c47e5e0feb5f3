"""Admin doors: the token rules at startup, brute force throttled, logout ends the session, headers, health split."""

from __future__ import annotations

import re

import pytest

from bot.config import ConfigError, Settings
from routes.admin_auth import MAX_FAILS_PER_CLIENT, MAX_FAILS_TOTAL
from tests.conftest import ADMIN_TOKEN, BEARER, log_in


@pytest.mark.parametrize(("env", "why"), [
    ({"LINE_CHANNEL_SECRET": "s"}, "LINE_CHANNEL_SECRET is set"),
    ({"HOST": "0.0.0.0:8000"}, "beyond loopback"),
    ({"HOST": "127.0.0.1:8000,192.168.1.5:8000"}, "beyond loopback"),
    ({"ADMIN_TOKEN": "1234"}, "too weak"),
    ({"ADMIN_TOKEN": "a" * 40}, "too weak"),
    ({"ADMIN_TOKEN": "abcabcabcabcabcabcabcabcabcabc"}, "too weak"),
])
def test_a_missing_or_weak_admin_token_stops_startup(tmp_path, env: dict[str, str], why: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"INSTANCE_PATH": str(tmp_path), **env})
    [problem] = caught.value.problems
    assert problem.startswith("ADMIN_TOKEN:") and why in problem and "secrets.token_urlsafe" in problem


@pytest.mark.parametrize("env", [
    {},  # a developer's machine: loopback, no LINE secret, open preview
    {"HOST": "127.0.0.1:8000"},
    {"HOST": "[::1]:8000"},
    {"LINE_CHANNEL_SECRET": "s", "ADMIN_TOKEN": ADMIN_TOKEN, "HOST": "0.0.0.0:8000"},
])
def test_startup_is_allowed(tmp_path, env: dict[str, str]) -> None:
    Settings.from_env({"INSTANCE_PATH": str(tmp_path), **env})


def csrf_of(html: bytes) -> str:
    return re.search(rb'name="csrf" value="([^"]+)"', html).group(1).decode()  # type: ignore[union-attr]


def test_login_brute_force_is_throttled_per_client_and_globally(make_app, redis_client) -> None:
    app = make_app()
    client = app.test_client()
    csrf = csrf_of(client.get("/preview/login").data)
    codes = [client.post("/preview/login", data={"token": f"guess-{i}", "csrf": csrf}).status_code
             for i in range(MAX_FAILS_PER_CLIENT + 3)]
    assert codes == [401] * MAX_FAILS_PER_CLIENT + [429] * 3
    locked = client.post("/preview/login", data={"token": ADMIN_TOKEN, "csrf": csrf})
    assert locked.status_code == 429 and "15" in locked.data.decode()  # even the right token waits
    assert client.get("/readyz", headers=BEARER).status_code == 401  # the same lock guards the bearer token

    redis_client.flushdb()  # a new window; now many clients together
    for n in range(MAX_FAILS_TOTAL):
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = f"10.0.{n // 250}.{n % 250}"
        token_form = csrf_of(other.get("/preview/login").data)
        assert other.post("/preview/login", data={"token": "nope", "csrf": token_form}).status_code == 401
    fresh = app.test_client()
    fresh.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert fresh.post("/preview/login", data={"token": ADMIN_TOKEN,
                                              "csrf": csrf_of(fresh.get("/preview/login").data)}).status_code == 429


def test_a_logged_out_cookie_is_refused(make_app) -> None:
    app = make_app()
    client = app.test_client()
    log_in(client)
    page = client.get("/preview")
    assert page.status_code == 200
    stolen = client.get_cookie("session")
    assert stolen is not None
    csrf = re.search(rb'name="csrf-token" content="([^"]+)"', page.data).group(1).decode()  # type: ignore[union-attr]
    assert client.post("/preview/logout", data={"csrf": csrf}).status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", stolen.value)
    assert replay.get("/preview").status_code == 302  # back to the login form


def test_sessions_expire_server_side(make_app, redis_client) -> None:
    app = make_app()
    client = app.test_client()
    log_in(client)
    [key] = redis_client.keys("rianru:admin:session:*")
    assert 0 < redis_client.ttl(key) <= 8 * 3600
    redis_client.delete(key)  # what the expiry does
    assert client.get("/preview").status_code == 302


def test_headers_hsts_over_https_and_no_server_banner(make_app) -> None:
    client = make_app().test_client()
    plain = client.get("/healthz")
    assert plain.headers["Server"] == "RianRu" and "Strict-Transport-Security" not in plain.headers
    https = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert https.headers["Strict-Transport-Security"].startswith("max-age=")
    assert client.get("/healthz", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_health_is_split_into_public_liveness_and_token_readiness(make_app) -> None:
    client = make_app().test_client()
    public = client.get("/healthz")
    assert public.status_code == 200 and public.get_json() == {"status": "alive"}
    assert client.get("/readyz").status_code == 401
    assert client.get("/readyz", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ready = client.get("/readyz", headers=BEARER)
    assert ready.status_code == 200 and ready.get_json()["ready"] is True
    assert client.get("/healthz", headers=BEARER).get_json()["redis"]["ok"] is True


def test_readiness_is_503_without_redis_and_answers_fast(make_app) -> None:
    import time

    client = make_app(REDIS_URL="redis://127.0.0.1:1/0").test_client()
    started = time.monotonic()
    response = client.get("/readyz", headers=BEARER)  # the token still works without Redis (throttled locally)
    assert response.status_code == 503 and response.get_json()["redis"]["ok"] is False
    assert time.monotonic() - started < 1.5
    assert client.get("/healthz").status_code == 200  # alive: citizens are still answered
