"""End to end: signed webhooks → the real app → real Redis → the real MessagingApi → a fake LINE server.

Two app instances are built once for the module (create_app loads and indexes the content, ~4 s each);
every test starts with an empty Redis and a fresh fake, and ends when both dispatchers are idle.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from bot.line.gateway import retry_key_for
from bot.store.keys import user_key
from tests.conftest import ACCESS_TOKEN, BEARER, CHANNEL_SECRET, close_app, webhook_app
from tests.fake_line import PUSH, REPLY, FakeLine
from tests.line_checker import assert_valid

USER = "U" + "1" * 32
OTHER_USER = "U" + "2" * 32
GROUP = "C" + "a" * 32
INVALID_TOKEN = {"message": "Invalid reply token"}
Event = dict[str, Any]


# --- fixtures -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        yield fake


def _build(fake: FakeLine, redis_url: str, instance: Path) -> Flask:
    return webhook_app(instance, redis_url, fake.url)


@pytest.fixture(scope="module")
def two_apps(fake_line: FakeLine, redis_url: str, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[Flask, Flask]]:
    """Two instances on one Redis, like two gunicorn workers (or two containers)."""
    instance = tmp_path_factory.mktemp("instance")
    apps = (_build(fake_line, redis_url, instance), _build(fake_line, redis_url, instance))
    yield apps
    for app in apps:
        close_app(app)


@pytest.fixture
def app(two_apps: tuple[Flask, Flask]) -> Flask:
    return two_apps[0]


@pytest.fixture(autouse=True)
def clean(request: pytest.FixtureRequest, fake_line: FakeLine, redis_client) -> Iterator[None]:
    """Empty Redis (redis_client flushes) and a fresh fake; afterwards wait for background sending."""
    fake_line.reset()
    yield
    if "two_apps" in request.fixturenames:
        for each in request.getfixturevalue("two_apps"):
            assert each.extensions["rianru"].wait_idle(10), "events still being answered"
    fake_line.reset()


# --- building and posting webhooks ------------------------------------------------------------------------


def event(kind: str, *, user: str = USER, source: dict[str, str] | None = None, event_id: str | None = None,
          reply_token: str | None = None, mode: str = "active", redelivery: bool = False, **fields: Any) -> Event:
    """A webhook event as LINE sends it (active events carry a reply token)."""
    data: Event = {
        "type": kind, "mode": mode, "timestamp": int(time.time() * 1000),
        "source": source or {"type": "user", "userId": user},
        "webhookEventId": event_id or "01" + uuid.uuid4().hex[:24].upper(),
        "deliveryContext": {"isRedelivery": redelivery}, **fields,
    }
    if mode == "active":
        data["replyToken"] = reply_token or uuid.uuid4().hex
    return data


def text_event(text: str, **kw: Any) -> Event:
    message = {"type": "text", "id": str(uuid.uuid4().int)[:18], "text": text, "quoteToken": "q" + uuid.uuid4().hex}
    message.update(kw.pop("message", {}))
    return event("message", message=message, **kw)


def postback_event(data: str, **kw: Any) -> Event:
    return event("postback", postback={"data": data}, **kw)


def signed(events: list[Event], secret: str = CHANNEL_SECRET) -> tuple[bytes, str]:
    """The raw body (with real Thai UTF-8, not \\u escapes) and its X-Line-Signature."""
    body = json.dumps({"destination": "U" + "f" * 32, "events": events}, ensure_ascii=False).encode()
    signature = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    return body, signature


def post(app: Flask, events: list[Event], *, signature: str | None = None, headers: dict[str, str] | None = None):
    body, good = signed(events)
    sent_headers = {"Content-Type": "application/json", "X-Line-Signature": good if signature is None else signature}
    sent_headers.update(headers or {})
    return app.test_client().post("/callback", data=body, headers=sent_headers)


def idle(*apps: Flask) -> None:
    for each in apps:
        assert each.extensions["rianru"].wait_idle(10)


def replies(fake: FakeLine) -> list[dict[str, Any]]:
    """Bodies of the reply requests LINE got, each checked against LINE's limits."""
    bodies = [r.body for r in fake.to(REPLY)]
    for body in bodies:
        assert_valid(body)
    return bodies


def titles(body: dict[str, Any]) -> list[str]:
    flex = [m for m in body["messages"] if m["type"] == "flex"]
    return [b["body"]["contents"][1]["text"] for f in flex for b in f["contents"]["contents"]]


def texts(body: dict[str, Any]) -> list[str]:
    return [m["text"] for m in body["messages"] if m["type"] == "text"]


def quick_postback(body: dict[str, Any], label: str) -> str:
    items = body["messages"][-1]["quickReply"]["items"]
    return next(i["action"]["data"] for i in items if i["action"].get("label") == label)


def ask(app: Flask, fake: FakeLine, ev: Event) -> dict[str, Any]:
    """Post one event and return the reply body LINE received for it."""
    before = len(fake.to(REPLY))
    assert post(app, [ev]).status_code == 200
    fake.wait_for(before + 1, path=REPLY)
    idle(app)
    return replies(fake)[before]


# --- signature and shape ------------------------------------------------------------------------------------


def test_a_bad_signature_is_400_and_nothing_happens(app: Flask, fake_line: FakeLine, redis_client) -> None:
    _, wrong = signed([text_event("หอดูดาวโคราช")], secret="not-the-secret")
    response = post(app, [text_event("หอดูดาวโคราช")], signature=wrong)
    assert response.status_code == 400
    idle(app)
    assert fake_line.requests == []
    assert redis_client.keys("*") == []


def test_a_missing_signature_is_400(app: Flask, fake_line: FakeLine, redis_client) -> None:
    body, _ = signed([text_event("หอดูดาวโคราช")])
    response = app.test_client().post("/callback", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    idle(app)
    assert fake_line.requests == []
    assert redis_client.keys("*") == []


def test_the_signature_header_name_is_case_insensitive(app: Flask, fake_line: FakeLine) -> None:
    body, good = signed([text_event("หอดูดาวโคราช")])
    response = app.test_client().post("/callback", data=body, headers={"x-line-signature": good})
    assert response.status_code == 200
    fake_line.wait_for(1, path=REPLY)


def test_lines_connectivity_check_with_no_events_is_200(app: Flask, fake_line: FakeLine) -> None:
    assert post(app, []).status_code == 200
    idle(app)
    assert fake_line.requests == []


def test_a_text_message_gets_one_valid_reply_with_the_bearer_token(app: Flask, fake_line: FakeLine) -> None:
    ev = text_event("หอดูดาวโคราช")
    assert post(app, [ev]).status_code == 200
    [request] = fake_line.wait_for(1)
    idle(app)
    assert (request.method, request.path) == ("POST", REPLY)
    assert request.headers["authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert request.retry_key is None  # LINE refuses X-Line-Retry-Key on reply
    assert request.body["replyToken"] == ev["replyToken"]
    assert_valid(request.body)
    assert titles(request.body) == ["หอดูดาวเฉลิมพระเกียรติ 7 รอบ พระชนมพรรษา นครราชสีมา"]
    assert len(fake_line.requests) == 1


def test_paging_with_the_more_postback_and_a_stale_button(app: Flask, fake_line: FakeLine) -> None:
    page1 = ask(app, fake_line, text_event("พิพิธภัณฑ์"))
    assert len(titles(page1)) == 10
    more = quick_postback(page1, "ดูเพิ่มเติม")

    page2 = ask(app, fake_line, postback_event(more))
    assert len(titles(page2)) == 10  # ~160 museums: page 2 is full
    assert not set(titles(page1)) & set(titles(page2))

    ask(app, fake_line, text_event("ห้องสมุด กทม"))  # a new list
    stale = ask(app, fake_line, postback_event(more))
    assert titles(stale) == []
    assert "หมดอายุ" in texts(stale)[0]


def test_sessions_are_per_user(app: Flask, fake_line: FakeLine) -> None:
    more = quick_postback(ask(app, fake_line, text_event("พิพิธภัณฑ์")), "ดูเพิ่มเติม")
    someone_else = ask(app, fake_line, postback_event(more, user=OTHER_USER))
    assert "หมดอายุ" in texts(someone_else)[0]


def test_a_corrupt_session_in_redis_is_replaced_not_fatal(app: Flask, fake_line: FakeLine, redis_client) -> None:
    key = f"rianru:session:{user_key(USER)}"
    redis_client.set(key, json.dumps({"seq": 2, "anchor": ["a", "b"]}))  # JSON, but not a session
    body = ask(app, fake_line, text_event("พิพิธภัณฑ์ใกล้เคียง"))
    assert "ขัดข้อง" not in " ".join(texts(body)), "the citizen got the apology"
    assert json.loads(redis_client.get(key))["anchor"] is None


def test_follow_is_greeted_and_unfollow_sends_nothing(app: Flask, fake_line: FakeLine) -> None:
    hello = ask(app, fake_line, event("follow", follow={"isUnblocked": False}))
    assert "สวัสดี" in texts(hello)[0]
    bye = event("unfollow")
    del bye["replyToken"]  # LINE sends none
    assert post(app, [bye]).status_code == 200
    idle(app)
    assert len(fake_line.requests) == 1


def test_an_unknown_event_type_is_200_and_ignored(app: Flask, fake_line: FakeLine) -> None:
    ev = event("somethingNew", somethingNew={"foo": 1})
    assert post(app, [ev]).status_code == 200
    idle(app)
    assert fake_line.requests == []


def test_a_redelivered_event_is_answered_once(app: Flask, fake_line: FakeLine) -> None:
    ev = text_event("หอดูดาวโคราช")
    assert post(app, [ev]).status_code == 200
    fake_line.wait_for(1)
    idle(app)
    again = {**ev, "deliveryContext": {"isRedelivery": True}}
    assert post(app, [again]).status_code == 200
    idle(app)
    assert len(fake_line.requests) == 1


def test_the_same_event_at_two_instances_at_once_is_answered_once(two_apps: tuple[Flask, Flask],
                                                                  fake_line: FakeLine) -> None:
    for attempt in range(3):  # a few rounds, so a lucky ordering cannot hide a race
        fake_line.reset()
        ev = text_event("หอดูดาวโคราช")
        start = threading.Barrier(2)
        codes: list[int] = []

        def deliver(instance: Flask, ev: Event = ev, start: threading.Barrier = start, codes: list[int] = codes
                    ) -> None:
            client = instance.test_client()
            body, signature = signed([ev])
            start.wait()
            codes.append(client.post("/callback", data=body, headers={"X-Line-Signature": signature}).status_code)

        threads = [threading.Thread(target=deliver, args=(instance,)) for instance in two_apps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        idle(*two_apps)
        assert codes == [200, 200]
        assert len(fake_line.requests) == 1, f"round {attempt}: {[(r.path, r.status) for r in fake_line.requests]}"


def test_standby_mode_never_replies(app: Flask, fake_line: FakeLine, redis_client) -> None:
    ev = text_event("หอดูดาวโคราช", mode="standby")
    assert "replyToken" not in ev
    assert post(app, [ev]).status_code == 200
    idle(app)
    assert fake_line.requests == []
    assert redis_client.keys("*") == []


def test_in_a_group_only_a_mention_of_the_bot_is_answered(app: Flask, fake_line: FakeLine) -> None:
    group = {"type": "group", "groupId": GROUP, "userId": USER}
    chatter = text_event("หอดูดาวโคราช", source=group)
    someone = text_event("@Ploy หอดูดาวโคราช", source=group, message={"mention": {"mentionees": [
        {"index": 0, "length": 5, "type": "user", "userId": OTHER_USER}]}})
    everyone = text_event("@All หอดูดาวโคราช", source=group, message={"mention": {"mentionees": [
        {"index": 0, "length": 4, "type": "all"}]}})
    assert post(app, [chatter, someone, everyone]).status_code == 200
    idle(app)
    assert fake_line.requests == []

    to_bot = text_event("@RianRu หอดูดาวโคราช", source=group, message={"mention": {"mentionees": [
        {"index": 0, "length": 7, "type": "user", "isSelf": True}]}})
    body = ask(app, fake_line, to_bot)
    assert body["replyToken"] == to_bot["replyToken"]
    assert titles(body) == ["หอดูดาวเฉลิมพระเกียรติ 7 รอบ พระชนมพรรษา นครราชสีมา"]


def test_one_broken_event_does_not_stop_the_others(app: Flask, fake_line: FakeLine) -> None:
    first = text_event("หอดูดาวโคราช")
    last = text_event("มิวเซียมสะยาม", user=OTHER_USER)
    no_type = {k: v for k, v in text_event("x").items() if k != "type"}
    odd_mode = text_event("x", mode="active") | {"mode": "sleeping"}
    no_message = event("message")
    not_an_object = "event"
    off_the_map = event("message", message={"type": "location", "id": "1", "latitude": 1e308, "longitude": -1e308,
                                            "address": "?"})
    fake_line.respond(REPLY, 500, {"message": "Internal error"}, times=1)  # and the first send fails at LINE
    response = post(app, [first, no_type, odd_mode, no_message, not_an_object, off_the_map, last])
    assert response.status_code == 200
    fake_line.wait_for(4, path=REPLY)
    idle(app)
    assert sorted(r.status for r in fake_line.to(REPLY)) == [200, 200, 200, 500]  # the 500 was retried
    tokens = {r.body["replyToken"] for r in fake_line.to(REPLY)}
    assert tokens == {first["replyToken"], last["replyToken"], off_the_map["replyToken"]}
    assert fake_line.to(PUSH) == []
    polite = next(r.body for r in fake_line.to(REPLY) if r.body["replyToken"] == off_the_map["replyToken"])
    assert not titles(polite)  # not "nan km" distances
    replies(fake_line)


def test_a_signed_body_that_is_not_a_webhook_is_400(app: Flask, fake_line: FakeLine) -> None:
    for raw in (b"not json", b'{"destination": "U0"}', b'{"events": {"type": "message"}}'):
        signature = base64.b64encode(hmac.new(CHANNEL_SECRET.encode(), raw, hashlib.sha256).digest()).decode()
        response = app.test_client().post("/callback", data=raw, headers={"X-Line-Signature": signature})
        assert response.status_code == 400, raw
    idle(app)
    assert fake_line.requests == []


# --- when LINE misbehaves ----------------------------------------------------------------------------------------


def test_an_invalid_reply_token_falls_back_to_a_push_with_a_retry_key(app: Flask, fake_line: FakeLine) -> None:
    fake_line.respond(REPLY, 400, INVALID_TOKEN)
    ev = text_event("หอดูดาวโคราช")
    assert post(app, [ev]).status_code == 200
    reply, push = fake_line.wait_for(2)
    idle(app)
    assert (reply.path, reply.status, push.path, push.status) == (REPLY, 400, PUSH, 200)
    assert push.body["to"] == USER
    assert push.body["messages"] == reply.body["messages"]
    assert_valid(push.body)
    assert str(uuid.UUID(push.retry_key)) == push.retry_key.lower()
    assert push.headers["authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert len(fake_line.requests) == 2


def test_a_push_that_fails_with_5xx_is_retried_with_the_same_key_and_body(app: Flask, fake_line: FakeLine) -> None:
    fake_line.respond(REPLY, 400, INVALID_TOKEN)
    fake_line.respond(PUSH, 503, {"message": "Service unavailable"}, times=1)
    assert post(app, [text_event("หอดูดาวโคราช")]).status_code == 200
    first, second = fake_line.wait_for(2, path=PUSH)
    idle(app)
    assert (first.status, second.status) == (503, 200)
    assert first.retry_key == second.retry_key
    assert first.raw == second.raw
    assert len(fake_line.to(PUSH)) == 2


def test_a_push_accepted_but_timed_out_is_not_sent_twice(app: Flask, fake_line: FakeLine) -> None:
    fake_line.respond(REPLY, 400, INVALID_TOKEN)
    fake_line.hang(PUSH, 5, times=1)  # LINE accepts, the answer never arrives within LINE_TIMEOUT_S=1
    assert post(app, [text_event("หอดูดาวโคราช")]).status_code == 200
    first, second = fake_line.wait_for(2, path=PUSH, timeout=8)
    idle(app)
    assert first.retry_key == second.retry_key
    assert second.status == 409  # "The retry key is already accepted": the gateway must stop here
    assert len(fake_line.to(PUSH)) == 2


def test_a_500_on_reply_is_retried_once_then_pushed_and_logged(app: Flask, fake_line: FakeLine,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    fake_line.respond(REPLY, 500, {"message": "Internal server error"})
    with caplog.at_level(logging.INFO):
        assert post(app, [text_event("หอดูดาวโคราช")]).status_code == 200
        fake_line.wait_for(3)
        idle(app)
    assert [(r.path, r.status) for r in fake_line.requests] == [(REPLY, 500), (REPLY, 500), (PUSH, 200)]
    assert any("reply attempt" in r.getMessage() and "500" in r.getMessage() for r in caplog.records)
    assert any(getattr(r, "outcome", None) == "pushed" for r in caplog.records)


def test_a_hanging_line_does_not_hold_the_webhook(app: Flask, fake_line: FakeLine) -> None:
    fake_line.hang(REPLY, 5)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        both = [text_event("หอดูดาวโคราช"), text_event("พิพิธภัณฑ์", user=OTHER_USER)]
        events = [e["webhookEventId"] for e in both]
        body, signature = signed(both)
        request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}/callback", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Line-Signature": signature})
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=10) as response:
            status = response.status
        elapsed = time.monotonic() - started
    finally:
        server.shutdown()
    assert status == 200
    assert elapsed < 2, f"the webhook took {elapsed:.1f}s while LINE hung"
    fake_line.wait_for(2, path=REPLY)  # the replies did go out, and are stuck at LINE
    idle(app)  # LINE_TIMEOUT_S=1 frees the workers: each reply was tried twice, then pushed with its retry key
    assert len(fake_line.to(REPLY)) == 4
    assert sorted(r.retry_key for r in fake_line.to(PUSH)) == sorted(retry_key_for(e) for e in events)


# --- configuration and health --------------------------------------------------------------------------------------


def test_without_a_secret_the_webhook_is_503_and_health_is_200(make_app, fake_line: FakeLine) -> None:
    unconfigured = make_app(LINE_CHANNEL_SECRET="", LINE_API_BASE_URL=fake_line.url)
    client = unconfigured.test_client()
    body, signature = signed([text_event("หอดูดาวโคราช")])
    assert client.post("/callback", data=body, headers={"X-Line-Signature": signature}).status_code == 503
    assert client.get("/healthz").status_code == 200
    assert fake_line.requests == []
    assert unconfigured.extensions["rianru"].queue._workers == []  # no webhook, no consumers


def test_healthz_reports_redis_and_content(app: Flask) -> None:
    response = app.test_client().get("/healthz", headers=BEARER)
    assert response.status_code == 200
    health = response.get_json()
    assert {"status", "version", "redis", "content"} <= set(health)
    assert health["status"] == "ok"
    assert isinstance(health["version"], str) and health["version"]
    assert health["redis"]["ok"] is True
    content = health["content"]
    assert {"status", "venues", "tours", "events", "errors"} <= set(content)
    assert content["status"] == "ok"
    assert content["venues"] > 50 and content["tours"] > 0
    assert isinstance(content["events"], int)
    assert content["errors"] == []


def test_redis_and_line_both_down_is_survived(make_app, caplog: pytest.LogCaptureFixture) -> None:
    with FakeLine() as gone:
        unreachable = gone.url  # a port nobody listens on any more
    outage = make_app(REDIS_URL="redis://127.0.0.1:1/0", LINE_API_BASE_URL=unreachable, LINE_TIMEOUT_S="1",
                      LINE_PUSH_DEADLINE_S="4")
    health = outage.test_client().get("/healthz", headers=BEARER).get_json()
    assert health["redis"]["ok"] is False
    assert health["status"] == "degraded"
    with caplog.at_level(logging.INFO):
        assert post(outage, [text_event("หอดูดาวโคราช")]).status_code == 200
        assert outage.extensions["rianru"].wait_idle(15)
    assert any("failed" in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


def test_a_body_over_2_mb_is_refused(app: Flask, fake_line: FakeLine) -> None:
    ev = text_event("ก" * (2 * 1024 * 1024))
    response = post(app, [ev])
    assert response.status_code == 413
    idle(app)
    assert fake_line.requests == []
