"""The admin JSON API: Bearer ADMIN_TOKEN (else 401 and nothing reaches LINE), 503 without a token, send/list/show."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from bot.app import create_app
from tests.conftest import ACCESS_TOKEN, CONTENT, close_app
from tests.fake_line import MULTICAST
from tests.notices.conftest import user_ids

TOKEN = "admin-test-token-5678-Qx7pL2vN9k"  # strong enough for the startup check
BODY = {"text": "ศูนย์วิทยาศาสตร์เปิดให้เข้าชมฟรีวันเด็ก", "audience": "province:ขอนแก่น", "by": "สมหญิง"}


@pytest.fixture(scope="module")
def admin_app(line_server, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for the module (building one loads all content), with ADMIN_TOKEN set."""
    built = create_app({"INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")), "REDIS_URL": redis_url,
                        "CONTENT_DIR": str(CONTENT), "ADMIN_TOKEN": TOKEN, "LINE_API_BASE_URL": line_server.url,
                        "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN, "NOTICE_BACKOFF_S": "0.01"}, watch=False)
    yield built
    close_app(built)


@pytest.fixture
def app(admin_app: Flask, fake_line, notice_env, redis_client) -> Flask:
    """The module's app, on an emptied Redis and a reset fake LINE server."""
    return admin_app


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


ENDPOINTS = [("get", "/admin/api/notices"), ("post", "/admin/api/notices"), ("get", "/admin/api/notices/n-1"),
             ("post", "/admin/api/notices/n-1/cancel"), ("post", "/admin/api/notices/n-1/resend"),
             ("get", "/admin/api/audit")]


@pytest.mark.parametrize("headers", [{}, auth("wrong"), {"Authorization": TOKEN}, {"Authorization": "Basic eA=="},
                                     auth("")], ids=["missing", "wrong", "no-scheme", "basic", "empty"])
def test_wrong_or_missing_token_is_401_everywhere_and_nothing_is_sent(app, fake_line, follow, work, headers):
    follow("province", "ขอนแก่น", user_ids(3))
    client = app.test_client()
    for method, path in ENDPOINTS:
        response = getattr(client, method)(path, json=BODY, headers=headers)
        assert response.status_code == 401, (method, path)
        assert "Bearer" in response.headers["WWW-Authenticate"]
    work()
    assert fake_line.requests == []


def test_without_admin_token_admin_routes_answer_503_with_a_clear_message(make_app, fake_line, notice_env):
    client = make_app(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="", LINE_API_BASE_URL=fake_line.url).test_client()
    for method, path in [*ENDPOINTS, ("get", "/admin/notices")]:
        response = getattr(client, method)(path, json=BODY, headers=auth())
        assert response.status_code == 503
        assert "ADMIN_TOKEN" in response.get_data(as_text=True)
    assert fake_line.requests == []


def test_send_list_show_through_the_api(app, fake_line, follow, work):
    people = follow("province", "ขอนแก่น", user_ids(501))
    client = app.test_client()
    dry = client.post("/admin/api/notices", json={**BODY, "dry_run": True}, headers=auth())
    assert dry.status_code == 200 and dry.json["count"] == 501 and dry.json["mode"] == "multicast"
    created = client.post("/admin/api/notices", json=BODY, headers=auth())
    assert created.status_code == 202 and created.json["notice"]["status"] == "queued"
    assert fake_line.to(MULTICAST) == []  # the web request only queues
    work()
    notice_id = created.json["notice"]["id"]
    shown = client.get(f"/admin/api/notices/{notice_id}", headers=auth()).json
    assert shown["status"] == "sent" and shown["sent_batches"] == 2 and shown["recipients"] == 501
    assert all(b["request_id"] for b in shown["batch_states"])
    listed = client.get("/admin/api/notices", headers=auth()).json
    assert listed["notices"][0]["id"] == notice_id
    assert ("สมหญิง", "send") in {(e["who"], e["action"]) for e in listed["audit"]}
    assert sorted(fake_line.delivered()) == sorted(people)


@pytest.mark.parametrize("body, problem", [
    ({"text": "x", "audience": "province:ขอนเเก่น"}, "ไม่รู้จักจังหวัด"),
    ({"text": "x", "audience": "moon:1"}, "ไม่รู้จักผู้รับ"),
    ({"text": "x", "audience": "region:th_09"}, "th_01"),
    ({"text": "x", "audience": "province:ขอนแก่น+age:20-40"}, "cannot be combined"),
    ({"text": "", "audience": "all"}, "ต้องมีข้อความ"),
    ({"text": "x" * 5001, "audience": "all"}, "5000"),
    ({"text": "x", "image": "http://example.org/a.jpg", "audience": "all"}, "https"),
    ({"text": "x", "audience": "all", "at": "2001-01-01T09:00"}, "ผ่านไปแล้ว"),
    ({"text": "x", "audience": "all", "at": "พรุ่งนี้"}, "unreadable time"),
    ({"event": "no-such-event", "audience": "all"}, "ไม่พบกิจกรรม"),
])
def test_bad_requests_get_a_clear_422_and_nothing_is_sent(app, fake_line, body, problem):
    response = app.test_client().post("/admin/api/notices", json=body, headers=auth())
    assert response.status_code == 422
    assert any(problem in p for p in response.json["problems"]), response.json["problems"]
    assert fake_line.to(MULTICAST) == [] and fake_line.to("/v2/bot/message/broadcast") == []


def test_malformed_json_is_400_not_500(app):
    client = app.test_client()
    assert client.post("/admin/api/notices", data="nope", headers=auth()).status_code == 400
    assert client.post("/admin/api/notices", json={"text": 5, "audience": "all"}, headers=auth()).status_code == 400
    assert client.get("/admin/api/notices/missing", headers=auth()).status_code == 404


def test_cancel_a_scheduled_notice_through_the_api(app, fake_line, follow, work):
    follow("province", "ขอนแก่น", user_ids(2))
    client = app.test_client()
    created = client.post("/admin/api/notices", json={**BODY, "at": "2099-01-09T09:00"}, headers=auth()).json
    assert created["notice"]["status"] == "scheduled" and created["notice"]["send_at"] == "2099-01-09T02:00:00+00:00"
    cancelled = client.post(f"/admin/api/notices/{created['notice']['id']}/cancel", headers=auth())
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    work()
    assert fake_line.to(MULTICAST) == []


def login(client) -> str:
    """Log in through the preview's form; returns this browser's CSRF token."""
    client.get("/preview/login")
    with client.session_transaction() as session:
        csrf = session["preview_csrf"]
    assert client.post("/preview/login", data={"csrf": csrf, "token": TOKEN}).status_code == 302
    assert client.get("/admin/notices").status_code == 200  # a fresh session gets its CSRF token here
    with client.session_transaction() as session:
        return session["preview_csrf"]


def test_the_page_needs_the_preview_login_and_its_csrf_token(app, fake_line, follow, work, redis_client):
    follow("province", "ขอนแก่น", user_ids(2))
    client = app.test_client()
    response = client.get("/admin/notices")
    assert response.status_code == 302 and response.headers["Location"].endswith("/preview/login")
    form = {"by": "ก", "text": "ข่าว", "audience": "province:ขอนแก่น", "action": "send"}
    assert client.post("/admin/notices", data=form).status_code == 302  # not logged in: to the login form
    csrf = login(client)
    assert client.get("/admin/notices").status_code == 200
    assert client.post("/admin/notices", data={**form, "csrf": "wrong"}).status_code == 400
    assert client.post("/admin/notices", data={**form, "csrf": csrf, "by": ""}).status_code == 400
    assert client.get("/admin/notices/status.json").json == {}
    preview = client.post("/admin/notices", data={**form, "csrf": csrf, "action": "preview"})
    assert preview.status_code == 200 and "lf-" in preview.get_data(as_text=True)
    work()
    assert fake_line.to(MULTICAST) == []  # refused forms and previews send nothing
    sent = client.post("/admin/notices", data={**form, "csrf": csrf})
    assert sent.status_code == 302 and "done=n-" in sent.headers["Location"]
    work()
    assert len(fake_line.to(MULTICAST)) == 1
