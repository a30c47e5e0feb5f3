"""Tours end to end: signed postbacks → the real app → real Redis → the fake LINE server; progress that outlives the
chat session; route statistics in Redis, on the preview page and from `flask report routes`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from bot.replies.codec import encode
from bot.store.keys import user_key
from tests.conftest import close_app, log_in, webhook_app
from tests.fake_line import REPLY, FakeLine
from tests.test_webhook import USER, ask, event, idle, post, postback_event, text_event

ROUTE = "rt-tat70-kk-kalasin-roiet"  # 6 stops
PREFIX = "rianru:"


@pytest.fixture(scope="module")
def fake_line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        yield fake


@pytest.fixture(scope="module")
def shared_app(fake_line: FakeLine, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for the module (building one loads and indexes the content, ~4 s)."""
    app = webhook_app(tmp_path_factory.mktemp("instance"), redis_url, fake_line.url, TRIP_TTL_S="600")
    yield app
    close_app(app)


@pytest.fixture
def app(shared_app: Flask, fake_line: FakeLine, redis_client) -> Iterator[Flask]:
    """The shared app on an empty Redis (redis_client flushes) and a fresh fake LINE."""
    fake_line.reset()
    yield shared_app
    assert shared_app.extensions["rianru"].wait_idle(10)


def heading(body: dict[str, Any]) -> str:
    [flex] = [m for m in body["messages"] if m["type"] == "flex"]
    return flex["contents"]["body"]["contents"][0]["text"]


def footer_data(body: dict[str, Any], label: str) -> str:
    [flex] = [m for m in body["messages"] if m["type"] == "flex"]
    found: dict[str, str] = {}

    def walk(box: dict[str, Any]) -> None:
        for item in box.get("contents", []):
            if item["type"] == "box":
                walk(item)
            elif item["type"] == "button" and item["action"]["type"] == "postback":
                found[item["action"]["label"]] = item["action"]["data"]

    walk(flex["contents"]["footer"])
    return found[label]


def quick_data(body: dict[str, Any], label: str) -> str:
    items = body["messages"][-1]["quickReply"]["items"]
    return next(i["action"]["data"] for i in items if i["action"]["label"] == label)


def trip(redis_client) -> dict[str, str]:
    raw = redis_client.hgetall(f"{PREFIX}trips:{user_key(USER)}")
    return {k.decode(): v.decode() for k, v in raw.items()}


def test_a_whole_route_through_signed_postbacks_with_a_redelivery(app: Flask, fake_line: FakeLine,
                                                                  redis_client) -> None:
    """Every reply is checked by tests/line_checker.py (inside ask → replies)."""
    body = ask(app, fake_line, postback_event(encode("tour_start", item=ROUTE)))
    assert heading(body).startswith("🧭 จุดที่ 1/6")
    assert [m["type"] for m in body["messages"]] == ["text", "flex", "location"]
    key = f"{PREFIX}trips:{user_key(USER)}"
    assert 0 < redis_client.ttl(key) <= 600  # its own TTL (TRIP_TTL_S), not the session's
    next_event = postback_event(footer_data(body, "ถัดไป"))
    body = ask(app, fake_line, next_event)
    assert heading(body).startswith("🧭 จุดที่ 2/6")
    # LINE redelivers the same event (same webhookEventId): answered once, the trip does not advance twice
    before = len(fake_line.to(REPLY))
    redelivered = {**next_event, "deliveryContext": {"isRedelivery": True}}
    assert post(app, [redelivered]).status_code == 200
    idle(app)
    assert len(fake_line.to(REPLY)) == before
    assert '"stop":1' in trip(redis_client)[f"r:{ROUTE}"]
    # a second tap on the same "next" button (a new event) lands on the same stop, never stop 3
    body = ask(app, fake_line, postback_event(next_event["postback"]["data"]))
    assert heading(body).startswith("🧭 จุดที่ 2/6")
    for n in range(3, 7):
        body = ask(app, fake_line, postback_event(footer_data(body, "ถัดไป")))
        assert heading(body).startswith(f"🧭 จุดที่ {n}/6")
    body = ask(app, fake_line, postback_event(footer_data(body, "จบเส้นทาง")))
    assert "จบเส้นทาง" in body["messages"][0]["text"]
    body = ask(app, fake_line, postback_event(quick_data(body, "⭐⭐⭐⭐ 4")))
    body = ask(app, fake_line, text_event("สนุกมาก"))
    assert body["messages"][0]["text"].startswith("ขอบคุณสำหรับความเห็น")
    started = redis_client.smembers(f"{PREFIX}tour:{ROUTE}:started")
    assert len(started) == 1
    assert redis_client.smembers(f"{PREFIX}tour:{ROUTE}:finished") == started
    assert list(redis_client.hvals(f"{PREFIX}tour:{ROUTE}:ratings")) == [b"4"]
    assert [v.decode() for v in redis_client.hvals(f"{PREFIX}tour:{ROUTE}:comments")] == ["สนุกมาก"]
    assert USER not in str(redis_client.keys("*")) and user_key(USER) not in str(started)


def test_resume_after_the_session_expired_and_a_check_in(app: Flask, fake_line: FakeLine, redis_client) -> None:
    body = ask(app, fake_line, postback_event(encode("tour_start", item=ROUTE)))
    body = ask(app, fake_line, postback_event(footer_data(body, "ถัดไป")))
    body = ask(app, fake_line, text_event("จุดที่ 3"))
    location = next(m for m in body["messages"] if m["type"] == "location")
    redis_client.delete(f"{PREFIX}session:{user_key(USER)}")  # 30 minutes later: the chat session is gone
    body = ask(app, fake_line, text_event("ต่อเส้นทาง"))
    assert heading(body).startswith("🧭 จุดที่ 3/6")
    message = {"type": "location", "id": "1", "title": "ที่นี่", "address": "",
               "latitude": location["latitude"], "longitude": location["longitude"]}
    body = ask(app, fake_line, event("message", message=message))
    assert body["messages"][0]["text"].startswith("✅ เช็กอินจุดที่ 3")
    assert '"stamps":[2]' in trip(redis_client)[f"r:{ROUTE}"]


def test_unfollow_forgets_the_trip(app: Flask, fake_line: FakeLine, redis_client) -> None:
    ask(app, fake_line, postback_event(encode("tour_start", item=ROUTE)))
    assert post(app, [event("unfollow", mode="active")]).status_code == 200
    idle(app)
    assert trip(redis_client) == {}


def test_statistics_on_the_preview_page_and_from_flask_report_routes(app: Flask, fake_line: FakeLine,
                                                                       redis_client) -> None:
    # citizen 1 finishes and rates 5; citizen 2 stops at stop 3; citizen 3 finishes and rates 2
    for user, stops, rating in (("U" + "3" * 32, 6, 5), ("U" + "4" * 32, 3, None), ("U" + "5" * 32, 6, 2)):
        ask(app, fake_line, postback_event(encode("tour_start", item=ROUTE), user=user))
        ask(app, fake_line, postback_event(encode("tour_go", item=f"{ROUTE}:{stops - 1}"), user=user))
        if rating:
            ask(app, fake_line, postback_event(encode("tour_end", item=ROUTE), user=user))
            ask(app, fake_line, postback_event(encode("tour_rate", item=f"{ROUTE}:{rating}"), user=user))
    officer = app.test_client()
    log_in(officer)
    html = officer.get("/preview").data.decode()
    row = re.search(rf'<tr data-route="{ROUTE}">(.*?)</tr>', html, re.DOTALL)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.DOTALL)
    assert cells[1:] == ["3", "2", "จุดที่ 3/6 (1)", "3.50 ⭐ (2)"]
    result = app.test_cli_runner().invoke(args=["report", "routes"])
    assert result.exit_code == 0, result.output
    block = result.output.split(ROUTE, 1)[1]
    assert "starts 3 · completions 2 (67%) · rating 3.50 (2)" in block
    assert "unfinished trips stopped at: stop 3/6: 1" in block


def test_the_preview_chat_plays_a_whole_route_with_its_buttons(app: Flask, redis_client) -> None:
    client = app.test_client()
    log_in(client)
    page = client.get("/preview").data.decode()
    csrf = page.split('name="csrf-token" content="')[1].split('"')[0]

    def send(data: str) -> dict[str, Any]:
        reply = client.post("/preview/api/chat", json={"kind": "postback", "data": data},
                            headers={"X-CSRF-Token": csrf})
        assert reply.status_code == 200
        return reply.get_json()

    reply = send(encode("tour_start", item="rt-kk-chonnabot-silk"))
    for n in range(2, 5):
        html = "".join(reply["html"])
        assert "data-unsupported" not in html  # the location message and nested boxes render
        data = re.findall(r'data-data="([^"]+)"[^>]*>(?:<[^>]+>)*ถัดไป', html)
        assert data, html[:500]
        reply = send(data[0].replace("&amp;", "&"))
        assert f"จุดที่ {n}/4" in "".join(reply["html"])
    html = "".join(reply["html"])
    finish = re.findall(r'data-data="([^"]+)"[^>]*>(?:<[^>]+>)*จบเส้นทาง', html)[0].replace("&amp;", "&")
    reply = send(finish)
    assert "ให้คะแนน" in reply["html"][0] and "⭐" in reply["quick_reply"]
    assert redis_client.scard("preview:tour:rt-kk-chonnabot-silk:finished") == 1


def test_trip_settings_are_validated_with_the_others() -> None:
    from bot.config import ConfigError, Settings

    with pytest.raises(ConfigError) as error:
        Settings.from_env({"TRIP_TTL_S": "0", "CHECKIN_RADIUS_M": "far", "CHECKIN_APPROX_RADIUS_M": "-5"})
    assert [p.split(":")[0] for p in error.value.problems] == ["TRIP_TTL_S", "CHECKIN_RADIUS_M",
                                                               "CHECKIN_APPROX_RADIUS_M"]
    settings = Settings.from_env({})
    assert (settings.trip_ttl_s, settings.checkin_radius_m, settings.checkin_approx_radius_m) == (1209600, 300, 5000)


def test_flask_ask_shows_the_location_message() -> None:
    from bot.commands.ask import render_text

    message = {"type": "location", "title": "พระธาตุยาคู", "address": "กาฬสินธุ์", "latitude": 16.28929,
               "longitude": 103.607082}
    assert render_text([message]) == "📍 พระธาตุยาคู (16.28929, 103.60708)"
