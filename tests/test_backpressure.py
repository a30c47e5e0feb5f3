"""Backpressure: more events than the bot can answer in time still get one answer each, by reply token or push.

The bot answers slowly here (LINE takes 0.25 s per reply and there are 4 consumers), the backlog limit is 4
events and an event that waited over 1 s gets the short "busy" reply instead of a search.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from flask import Flask

from bot.line.gateway import REPLY_TOKEN_FRESH_S, retry_key_for
from bot.line.inbound import Work
from bot.replies.phrases import t
from bot.session import Session
from bot.store.keys import user_key
from bot.turn import UserInput
from tests.fake_line import PUSH, REPLY, FakeLine
from tests.line_checker import assert_valid
from tests.test_webhook import post, text_event

BUSY = t("th", "busy")
BACKLOG_MAX = 4


@pytest.fixture
def line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        fake.single_use_tokens = True  # as LINE: a reply token works once
        yield fake


@pytest.fixture
def slow_app(make_app, line: FakeLine) -> Flask:
    line.respond(REPLY, 200, delay_s=0.25)
    return make_app(LINE_API_BASE_URL=line.url, EVENT_BACKLOG_MAX=str(BACKLOG_MAX), EVENT_BUSY_AFTER_S="1")


def user(n: int) -> str:
    return f"U{n:032x}"


def test_a_burst_beyond_the_backlog_limit_is_answered_once_each_before_the_tokens_expire(
        slow_app: Flask, line: FakeLine, redis_client) -> None:
    services = slow_app.extensions["rianru"]
    stream = services.queue.stream
    deepest = 0
    sampling = threading.Event()

    def sample() -> None:
        nonlocal deepest
        while not sampling.is_set():
            deepest = max(deepest, int(redis_client.xlen(stream)))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    posted: dict[str, float] = {}
    for n in range(30):  # citizens asking all at once, far faster than 4 consumers at 0.25 s a reply
        ev = text_event("หอดูดาวโคราช", user=user(n))
        posted[ev["replyToken"]] = time.monotonic()
        assert post(slow_app, [ev]).status_code == 200
    assert services.wait_idle(60)
    sampling.set()
    sampler.join()

    assert deepest <= BACKLOG_MAX, "the queue grew beyond its limit"
    taken = line.taken()
    assert [r.path for r in taken].count(PUSH) == 0
    used = Counter(r.body["replyToken"] for r in taken)
    assert used == Counter(posted.keys()), "every event answered exactly once by its own reply token"
    for request in taken:
        assert_valid(request.body)
        assert request.at - posted[request.body["replyToken"]] < REPLY_TOKEN_FRESH_S
    busy = [r for r in taken if BUSY in r.body["messages"][0].get("text", "")]
    searched = [r for r in taken if any(m["type"] == "flex" for m in r.body["messages"])]
    assert busy and searched, "the first events were searched, the overflow told to ask again"
    assert len(busy) + len(searched) == 30


def test_an_event_that_waited_too_long_gets_the_busy_reply_and_no_turn(slow_app: Flask, line: FakeLine,
                                                                        redis_client) -> None:
    services = slow_app.extensions["rianru"]
    work = Work("01WAITED", user(1), "token-waited", UserInput("text", text="หอดูดาวโคราช"),
                received_at=time.time() - 5)
    assert services.dispatcher.process(work) == "busy-replied"
    [reply] = line.to(REPLY)
    assert reply.body["replyToken"] == "token-waited"
    assert BUSY in reply.body["messages"][0]["text"] and "Please send it again" in reply.body["messages"][0]["text"]
    assert redis_client.get(services.stores().sessions.key(user_key(user(1)))) is None  # no turn ran


def test_an_event_past_its_reply_token_is_pushed(slow_app: Flask, line: FakeLine) -> None:
    services = slow_app.extensions["rianru"]
    work = Work("01STALE", user(2), "token-stale", UserInput("text", text="หอดูดาวโคราช"),
                received_at=time.time() - REPLY_TOKEN_FRESH_S - 5)
    assert services.dispatcher.process(work) == "busy-pushed"
    assert line.to(REPLY) == []
    [push] = line.to(PUSH)
    assert push.body["to"] == user(2) and push.retry_key == retry_key_for("01STALE")


def test_a_taken_over_event_keeps_its_full_answer_however_late(slow_app: Flask, line: FakeLine) -> None:
    services = slow_app.extensions["rianru"]
    work = Work("01RECLAIMED", user(3), "token-reclaimed", UserInput("text", text="หอดูดาวโคราช"),
                received_at=time.time() - 30, reclaimed=True)
    assert services.dispatcher.process(work) == "replied"
    [reply] = line.to(REPLY)
    assert any(m["type"] == "flex" for m in reply.body["messages"])


def test_blocking_the_bot_is_never_shed_however_late(slow_app: Flask, line: FakeLine, redis_client) -> None:
    services = slow_app.extensions["rianru"]
    stores = services.stores()
    who = user_key(user(4))
    stores.sessions.save(who, Session(seq=2))
    work = Work("01UNFOLLOW", user(4), None, UserInput("unfollow"), received_at=time.time() - 30)
    services.dispatcher.process(work)
    assert redis_client.get(stores.sessions.key(who)) is None  # forgotten, as a blocked citizen must be
    assert line.taken() == []
