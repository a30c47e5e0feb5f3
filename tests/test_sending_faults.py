"""LINE's bad moments, through the signed webhook: every fault kind, 10 events each, 0 lost and 0 duplicated.

The fake LINE accepts a reply token once (as LINE does) and a push retry key once (409 afterwards), so the
messages it accepted are exactly what citizens received: one per event, whatever LINE did on the way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from flask import Flask

from bot.line.gateway import retry_key_for
from tests.conftest import close_app, webhook_app
from tests.fake_line import PUSH, REPLY, FakeLine
from tests.line_checker import assert_valid
from tests.test_webhook import post, text_event

INVALID_TOKEN = {"message": "Invalid reply token"}
QUESTIONS = ["หอดูดาวโคราช", "พิพิธภัณฑ์ในเชียงใหม่", "ห้องสมุด กทม", "tk park", "มิวเซียมสยาม"] * 2


@pytest.fixture(scope="module")
def line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        fake.single_use_tokens = True
        yield fake


@pytest.fixture(scope="module")
def app(line: FakeLine, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    built = webhook_app(tmp_path_factory.mktemp("instance"), redis_url, line.url, LINE_RETRY_BACKOFF_S="0.05")
    yield built
    close_app(built)


def received(line: FakeLine, event_ids: list[str], tokens: dict[str, str]) -> Counter[str]:
    """How many messages LINE accepted for each event (reply by its token, push by its retry key)."""
    by_key = {retry_key_for(e): e for e in event_ids}
    counts: Counter[str] = Counter({e: 0 for e in event_ids})
    for request in line.taken():
        assert_valid(request.body)
        if request.path == REPLY:
            counts[tokens[request.body["replyToken"]]] += 1
        else:
            counts[by_key[request.retry_key]] += 1
    return counts


FAULTS = {
    "reply 500": lambda line: line.respond(REPLY, 500, {"message": "Internal server error"}),
    "reply 503 once each": lambda line: line.respond(REPLY, 503, {"message": "Service unavailable"}, times=1,
                                                     each=True),
    "reply 429 Retry-After": lambda line: line.respond(REPLY, 429, {"message": "Too many requests"},
                                                       headers={"Retry-After": "1"}, times=1, each=True),
    "reply hang": lambda line: line.hang(REPLY, 1.5, times=10),
    "reply reset": lambda line: line.drop(REPLY, times=10),
    "push 429 Retry-After": lambda line: (line.respond(REPLY, 400, INVALID_TOKEN),
                                          line.respond(PUSH, 429, {"message": "Too many requests"},
                                                       headers={"Retry-After": "1"}, times=10)),
    "push 500 three times": lambda line: (line.respond(REPLY, 400, INVALID_TOKEN),
                                          line.respond(PUSH, 500, {"message": "Internal server error"}, times=3,
                                                       each=True)),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_no_answer_lost_or_duplicated(fault: str, app: Flask, line: FakeLine) -> None:
    line.reset()
    FAULTS[fault](line)
    events = [text_event(q) for q in QUESTIONS]
    for ev in events:
        assert post(app, [ev]).status_code == 200
    assert app.extensions["rianru"].wait_idle(40)
    ids = [ev["webhookEventId"] for ev in events]
    counts = received(line, ids, {ev["replyToken"]: ev["webhookEventId"] for ev in events})
    lost = [e for e, n in counts.items() if n == 0]
    doubled = [e for e, n in counts.items() if n > 1]
    assert (len(lost), len(doubled)) == (0, 0), f"{fault}: {len(lost)} lost, {len(doubled)} duplicated"


def test_retry_after_is_honoured_and_the_push_keeps_its_key_and_body(app: Flask, line: FakeLine) -> None:
    line.reset()
    line.respond(REPLY, 400, INVALID_TOKEN)
    line.respond(PUSH, 429, {"message": "Too many requests"}, headers={"Retry-After": "1"}, times=1)
    ev = text_event("หอดูดาวโคราช")
    assert post(app, [ev]).status_code == 200
    first, second = line.wait_for(2, path=PUSH, timeout=10)
    assert app.extensions["rianru"].wait_idle(10)
    assert second.at - first.at >= 0.95  # waited as LINE asked
    assert first.retry_key == second.retry_key == retry_key_for(ev["webhookEventId"])
    assert first.raw == second.raw


def test_a_push_refused_for_good_is_logged_as_failed(app: Flask, line: FakeLine,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    line.reset()
    line.respond(REPLY, 400, INVALID_TOKEN)
    line.respond(PUSH, 403, {"message": "Not allowed"})
    assert post(app, [text_event("หอดูดาวโคราช")]).status_code == 200
    assert app.extensions["rianru"].wait_idle(10)
    assert len(line.to(PUSH)) == 1  # a 4xx is never retried
    assert any(getattr(r, "outcome", None) == "failed" for r in caplog.records)


