"""One turn runner for every door: the webhook, the preview chat and `flask ask` all apply a handler's effects."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from bot.effects import LogUnanswered
from bot.runner import TurnRunner
from bot.search.thai import normalise
from bot.session import Session
from bot.store.keys import user_key
from bot.store.stores import Stores
from bot.turn import UserInput
from tests.conftest import ACCESS_TOKEN, CHANNEL_SECRET, CONTENT, log_in
from tests.fake_line import REPLY, FakeLine
from tests.test_webhook import event, post, text_event

QUESTION = "ราคาทองวันนี้เท่าไหร่"  # out of scope: the fallback logs it as an unanswered question


@pytest.fixture(scope="module")
def fake_line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        yield fake


@pytest.fixture
def app(make_app, fake_line: FakeLine) -> Flask:
    fake_line.reset()
    return make_app(LINE_API_BASE_URL=fake_line.url, LINE_TIMEOUT_S="1")


def unanswered(redis_client, prefix: str) -> dict[str, float]:
    return {k.decode(): v for k, v in redis_client.zrange(f"{prefix}unanswered", 0, -1, withscores=True)}


def test_the_webhook_applies_the_handlers_effect(app: Flask, fake_line: FakeLine, redis_client) -> None:
    assert post(app, [text_event(QUESTION)]).status_code == 200
    fake_line.wait_for(1, path=REPLY)
    assert app.extensions["rianru"].wait_idle(10)
    assert unanswered(redis_client, "rianru:") == {normalise(QUESTION): 1.0}


def test_the_preview_chat_applies_the_handlers_effect(app: Flask, redis_client) -> None:
    client = app.test_client()
    log_in(client)  # a LINE secret is configured, so the preview needs the admin token
    html = client.get("/preview").data.decode()
    csrf = html.split('name="csrf-token" content="')[1].split('"')[0]
    answer = client.post("/preview/api/chat", json={"kind": "text", "text": QUESTION}, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 200 and answer.get_json()["messages"]
    assert unanswered(redis_client, "preview:") == {normalise(QUESTION): 1.0}


def test_flask_ask_applies_the_handlers_effect(app: Flask, redis_client) -> None:
    result = app.test_cli_runner().invoke(args=["ask", QUESTION])
    assert result.exit_code == 0, result.output
    assert unanswered(redis_client, "cli:") == {normalise(QUESTION): 1.0}


def test_a_redelivered_event_applies_its_effects_once(app: Flask, redis_client) -> None:
    runner: TurnRunner = app.extensions["rianru"].runner()
    for _ in range(3):  # the same event id, e.g. a worker that crashed after applying and before acknowledging
        result = runner.run("someone", UserInput("text", text=QUESTION), event_id="01EVENT", dedup=False)
        assert result.reply is not None and isinstance(result.reply.effects[0], LogUnanswered)
    assert unanswered(redis_client, "rianru:") == {normalise(QUESTION): 1.0}


def test_blocking_the_account_forgets_the_session(app: Flask, fake_line: FakeLine, redis_client) -> None:
    stores: Stores = app.extensions["rianru"].stores()
    who = user_key("U" + "a" * 32)
    stores.sessions.save(who, Session(seq=4, results=["okmd-museum-siam"], shown=1))
    assert post(app, [event("unfollow", user="U" + "a" * 32, mode="active")]).status_code == 200
    assert app.extensions["rianru"].wait_idle(10)
    assert redis_client.get(stores.sessions.key(who)) is None
    assert fake_line.to(REPLY) == []


def test_with_redis_down_the_runner_still_answers(make_app) -> None:
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    result = app.extensions["rianru"].runner().run("someone", UserInput("text", text="หอดูดาวโคราช"), "01DOWN")
    assert result.reply is not None and any(m["type"] == "flex" for m in result.reply.messages)
    assert "session not loaded" in result.problems and "session or effects not saved" in result.problems


def test_an_unexpected_error_becomes_the_apology_and_is_logged(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    runner = TurnRunner(lambda: None, app.extensions["rianru"].stores)  # no content: answer() cannot run
    result = runner.run("someone", UserInput("text", text="หอดูดาวโคราช"), "01BROKEN")
    assert result.reply is not None and result.reply.messages[0]["type"] == "text"
    assert "answer failed" in result.problems
    assert any("01BROKEN" in r.getMessage() for r in caplog.records)


def test_all_three_doors_share_one_runner_class(app: Flask) -> None:
    assert isinstance(app.extensions["rianru"].dispatcher.runner, TurnRunner)
    assert CONTENT.exists() and CHANNEL_SECRET and ACCESS_TOKEN  # the same fixtures as the webhook tests


def test_the_unanswered_report_lists_the_most_asked_first(app: Flask, redis_client) -> None:
    runner: TurnRunner = app.extensions["rianru"].runner()
    for n, question in enumerate([QUESTION, QUESTION, "ขอสูตรต้มยำกุ้ง"]):
        runner.run("someone", UserInput("text", text=question), event_id=f"01REPORT{n}")
    output = app.test_cli_runner().invoke(args=["report", "unanswered", "--top", "5"]).output
    assert output.splitlines() == [f"2  {normalise(QUESTION)}", f"1  {normalise('ขอสูตรต้มยำกุ้ง')}"]
    client = app.test_client()
    log_in(client)
    page = client.get("/preview").data.decode()
    assert 'id="pv-unanswered"' in page and normalise(QUESTION) in page
