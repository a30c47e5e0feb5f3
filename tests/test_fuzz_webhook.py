"""Property-based tests through the signed webhook: whatever arrives, never a 5xx, only valid replies, no traceback.

Bounded here (`make test`); `make fuzz` runs the same properties with many more examples (FUZZ_EXAMPLES).
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import close_app, webhook_app
from tests.fake_line import FakeLine
from tests.line_checker import assert_valid
from tests.test_intake import signed_raw

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
USER = "U" + "3" * 32


@pytest.fixture(scope="module")
def line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        yield fake


@pytest.fixture(scope="module")
def app(line: FakeLine, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    built = webhook_app(tmp_path_factory.mktemp("instance"), redis_url, line.url)
    yield built
    close_app(built)


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                             st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                          max_leaves=20)
texts = st.one_of(st.text(max_size=300), st.text(alphabet="กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮะาิีึืุูเแโใไ่้๊๋็์ ",
                                                 max_size=80),
                  st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(100, 20_000)))


def base_event(kind: str) -> dict[str, Any]:
    return {"type": kind, "mode": "active", "timestamp": int(time.time() * 1000),
            "source": {"type": "user", "userId": USER}, "webhookEventId": "01" + uuid.uuid4().hex[:24].upper(),
            "deliveryContext": {"isRedelivery": False}, "replyToken": uuid.uuid4().hex}


@st.composite
def events(draw: st.DrawFn) -> Any:
    """Well-formed, odd and broken events: text, postback, location, unknown types, missing or mistyped fields."""
    kind = draw(st.sampled_from(["text", "postback", "location", "sticker", "follow", "unknown", "mangled", "raw"]))
    if kind == "raw":
        return draw(json_value)
    if kind == "text":
        ev = base_event("message")
        ev["message"] = {"type": "text", "id": "1", "text": draw(texts)}
    elif kind == "postback":
        ev = base_event("postback")
        ev["postback"] = {"data": draw(st.text(max_size=400))}
    elif kind == "location":
        ev = base_event("message")
        ev["message"] = {"type": "location", "id": "1", "latitude": draw(st.floats()),
                         "longitude": draw(st.floats()), "title": draw(st.text(max_size=120))}
    elif kind == "sticker":
        ev = base_event("message")
        ev["message"] = {"type": draw(st.sampled_from(["sticker", "image", "video", "file", "brandNew"])), "id": "1"}
    elif kind == "follow":
        ev = base_event(draw(st.sampled_from(["follow", "unfollow", "join", "memberJoined", "beacon"])))
    else:
        ev = base_event(draw(st.text(max_size=12)) if kind == "unknown" else "message")
    if kind == "mangled":  # drop or retype a field
        field = draw(st.sampled_from(sorted(ev)))
        if draw(st.booleans()):
            del ev[field]
        else:
            ev[field] = draw(json_value)
    return ev


def post_raw(app: Flask, raw: bytes) -> int:
    return app.test_client().post("/callback", data=raw, headers=signed_raw(raw)).status_code


@FUZZ
@given(batch=st.lists(events(), max_size=4))
def test_any_signed_batch_is_answered_without_5xx_and_replies_are_valid(app: Flask, line: FakeLine, batch: list
                                                                        ) -> None:
    line.reset()
    raw = json.dumps({"destination": USER, "events": batch}, ensure_ascii=False).encode()
    assert post_raw(app, raw) in (200, 413)
    assert app.extensions["rianru"].wait_idle(20)
    for request in line.requests:
        assert request.body is not None
        assert_valid(request.body)


@FUZZ
@given(raw=st.one_of(st.binary(max_size=2000), json_value.map(lambda v: json.dumps(v).encode()),
                     st.integers(1, 5000).map(lambda n: b'{"events": ' + b"[" * n + b"]" * n + b"}"),
                     st.integers(1, 5000).map(lambda n: b'{"events": [' + b'{"a":' * n + b"1" + b"}" * n + b"]}")))
def test_non_webhook_bodies_are_400_or_200_never_5xx(app: Flask, raw: bytes) -> None:
    assert post_raw(app, raw) in (200, 400)


def test_no_unexpected_traceback_while_fuzzing(app: Flask, line: FakeLine, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        test_any_signed_batch_is_answered_without_5xx_and_replies_are_valid(app, line)  # type: ignore[call-arg]
        test_non_webhook_bodies_are_400_or_200_never_5xx(app)  # type: ignore[call-arg]
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


def test_an_oversized_body_is_413(app: Flask) -> None:
    raw = json.dumps({"events": [base_event("message") | {"message": {"type": "text", "id": "1",
                                                                        "text": "ก" * (2 * 1024 * 1024)}}]}).encode()
    assert post_raw(app, raw) == 413
