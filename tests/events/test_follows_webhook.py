"""Follows end to end: signed webhooks → the real app → real Redis → the real MessagingApi → the fake LINE.

Follow, list, unfollow one, unfollow all; blocking the account removes the citizen from every audience and
deletes their session and tour progress; the embedded Redis keeps follows across a crash (append-only file).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from bot.effects import Follow
from bot.store.effects import EffectStore
from bot.store.follows import audience_key, follows_key, follows_of, members
from bot.store.keys import user_key
from bot.store.redis_server import RedisProvider, stop_embedded
from tests.conftest import close_app, webhook_app
from tests.fake_line import REPLY, FakeLine
from tests.test_webhook import event, post, postback_event, replies, text_event

USER = "U" + "3" * 32
NEIGHBOUR = "U" + "4" * 32


@pytest.fixture(scope="module")
def fake_line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        yield fake


@pytest.fixture(scope="module")
def app(fake_line: FakeLine, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    built = webhook_app(tmp_path_factory.mktemp("instance"), redis_url, fake_line.url)
    yield built
    close_app(built)


@pytest.fixture(autouse=True)
def clean(fake_line: FakeLine, redis_client) -> Iterator[None]:
    fake_line.reset()
    yield
    fake_line.reset()


def send(app: Flask, fake: FakeLine, ev: dict[str, Any]) -> dict[str, Any] | None:
    """Post one signed event; the reply body LINE received (None when the bot sent nothing)."""
    before = len(fake.to(REPLY))
    assert post(app, [ev]).status_code == 200
    assert app.extensions["rianru"].wait_idle(10)
    bodies = replies(fake)
    return bodies[before] if len(bodies) > before else None


def say(app: Flask, fake: FakeLine, text: str, user: str = USER) -> dict[str, Any]:
    body = send(app, fake, text_event(text, user=user))
    assert body is not None
    return body


def first_text(body: dict[str, Any]) -> str:
    return body["messages"][0]["text"]


def unfollow_buttons(body: dict[str, Any]) -> dict[str, str]:
    """Row label → unfollow postback data, from the follows list bubble."""
    bubble = next(m for m in body["messages"] if m["type"] == "flex")["contents"]
    rows = [c for c in bubble["body"]["contents"] if c["type"] == "box"]
    return {row["contents"][0]["text"]: row["contents"][1]["action"]["data"] for row in rows}


def test_follow_list_unfollow_one_and_unfollow_all(app: Flask, fake_line: FakeLine, redis_client) -> None:
    who = user_key(USER)
    assert "ติดตามข่าวจังหวัดขอนแก่นแล้ว" in first_text(say(app, fake_line, "ติดตามข่าวขอนแก่น"))
    assert "ติดตามหัวข้อวิทยาศาสตร์แล้ว" in first_text(say(app, fake_line, "ติดตามกิจกรรมวิทยาศาสตร์"))
    tapped = send(app, fake_line, postback_event("a=follow&i=venue:okmd-museum-siam", user=USER))
    assert tapped is not None and "มิวเซียมสยาม" in first_text(tapped)
    assert "อยู่แล้ว" in first_text(say(app, fake_line, "ติดตามมิวเซียมสยาม"))  # no duplicate
    assert members(redis_client, "province", "ขอนแก่น") == {USER}
    assert members(redis_client, "topic", "วิทยาศาสตร์") == {USER}
    assert members(redis_client, "venue", "okmd-museum-siam") == {USER}
    assert follows_of(redis_client, who) == ("province:ขอนแก่น", "topic:วิทยาศาสตร์", "venue:okmd-museum-siam")
    assert not any(USER in key.decode() for key in redis_client.keys("*"))  # raw ids only inside audience sets

    listed = say(app, fake_line, "การติดตามของฉัน")
    assert first_text(listed).startswith("คุณติดตามอยู่ 3 รายการ")
    buttons = unfollow_buttons(listed)
    assert set(buttons) == {"ข่าวจังหวัดขอนแก่น", "หัวข้อวิทยาศาสตร์", "มิวเซียมสยาม พิพิธภัณฑ์การเรียนรู้"}
    gone = send(app, fake_line, postback_event(buttons["หัวข้อวิทยาศาสตร์"], user=USER))
    assert gone is not None and "เลิกติดตามหัวข้อวิทยาศาสตร์แล้ว" in first_text(gone)
    assert members(redis_client, "topic", "วิทยาศาสตร์") == set()
    assert "เลิกติดตามข่าวจังหวัดขอนแก่นแล้ว" in first_text(say(app, fake_line, "เลิกติดตามขอนแก่น"))
    assert follows_of(redis_client, who) == ("venue:okmd-museum-siam",)

    say(app, fake_line, "follow Khon Kaen")
    assert "เลิกติดตามทั้งหมดแล้ว" in first_text(say(app, fake_line, "เลิกติดตามทั้งหมด"))
    assert follows_of(redis_client, who) == ()
    assert not redis_client.keys("rianru:audience:*")
    assert "ยังไม่ได้ติดตาม" in first_text(say(app, fake_line, "การติดตามของฉัน"))


def test_blocking_the_account_forgets_every_follow_the_session_and_tour_progress(
        app: Flask, fake_line: FakeLine, redis_client) -> None:
    who = user_key(USER)
    say(app, fake_line, "ติดตามข่าวขอนแก่น")
    say(app, fake_line, "ติดตามมิวเซียมสยาม")
    say(app, fake_line, "ติดตามข่าวขอนแก่น", user=NEIGHBOUR)
    redis_client.set(f"rianru:progress:{who}:rt-kk-chonnabot-silk", "2")
    redis_client.hset(f"rianru:progress:{who}:rt-other", "stop", "1")
    assert redis_client.exists(f"rianru:session:{who}")

    assert send(app, fake_line, event("unfollow", user=USER, mode="active")) is None  # nothing to say
    assert members(redis_client, "province", "ขอนแก่น") == {NEIGHBOUR}
    assert members(redis_client, "venue", "okmd-museum-siam") == set()
    assert not redis_client.exists(follows_key(who), f"rianru:session:{who}")
    assert not redis_client.keys(f"rianru:progress:{who}:*")
    assert not [key for key in redis_client.keys("*") if who.encode() in key]


def test_a_redelivered_follow_is_applied_once(app: Flask, fake_line: FakeLine, redis_client) -> None:
    ev = text_event("ติดตามข่าวขอนแก่น", user=USER, event_id="01FOLLOWONCE0000000000000")
    send(app, fake_line, ev)
    redis_client.srem(audience_key("province", "ขอนแก่น"), USER)  # were it applied again, USER would be back
    assert post(app, [{**ev, "deliveryContext": {"isRedelivery": True}}]).status_code == 200
    assert app.extensions["rianru"].wait_idle(10)
    assert members(redis_client, "province", "ขอนแก่น") == set()


@pytest.mark.slow
def test_follows_survive_a_crash_of_the_embedded_redis(tmp_path: Path) -> None:
    provider = RedisProvider(None, tmp_path / "instance")
    client = provider.client()
    EffectStore(client, "rianru:").apply("citizen", "ev-1", [Follow("province", "ขอนแก่น")], line_id=USER)
    assert client.config_get("appendonly") == {"appendonly": "yes"}
    time.sleep(0.3)  # the write reaches the append-only file at once; fsync (every second) is for power loss
    os.kill(int(client.info("server")["process_id"]), signal.SIGKILL)  # a crash: no snapshot on the way down
    time.sleep(0.3)
    client.connection_pool.disconnect()
    stop_embedded(provider._server)  # only forgets the dead one (no exit hook left waiting on it)
    restarted = RedisProvider(None, tmp_path / "instance")
    again = restarted.client()
    try:
        assert members(again, "province", "ขอนแก่น") == {USER}
        assert follows_of(again, "citizen") == ("province:ขอนแก่น",)
    finally:
        stop_embedded(restarted._server)  # not SHUTDOWN: redis-py retries it for ~4 s once the server is gone


def test_a_follow_from_a_group_chat_joins_no_audience(app: Flask, fake_line: FakeLine, redis_client) -> None:
    group = "C" + "b" * 32
    mention = {"mention": {"mentionees": [{"index": 0, "length": 7, "type": "user", "isSelf": True}]}}
    body = send(app, fake_line, text_event("@RianRu ติดตามข่าวขอนแก่น", message=mention,
                                           source={"type": "group", "groupId": group, "userId": USER}))
    assert body is not None
    assert members(redis_client, "province", "ขอนแก่น") == set()  # multicast takes user ids only
    assert follows_of(redis_client, user_key(group)) == ("province:ขอนแก่น",)
