"""SessionStore and Dedup against a real Redis: round trips, TTLs, corrupt data, once-only webhook event ids."""

from __future__ import annotations

import json
import threading
import time

import pytest

from bot.session import Session
from bot.store.dedup import DEDUP_TTL_S, Dedup
from bot.store.keys import user_key
from bot.store.sessions import SessionStore

TTL = 1800
KEY = user_key("U" + "1" * 32)


@pytest.fixture
def store(redis_client) -> SessionStore:
    return SessionStore(redis_client, "test:", TTL)


def a_session() -> Session:
    return Session(seq=3, lang="en", results=["museum-siam", "tk-park-yala", "tour-khon-kaen"], shown=2,
                   distances={"museum-siam": 1.25}, anchor=[13.75, 100.49], last_types=["museum"],
                   last_places=["bangkok"])


def test_a_saved_session_loads_back_equal(store: SessionStore) -> None:
    session = a_session()
    store.save(KEY, session)
    assert store.load(KEY) == session


def test_thai_is_stored_as_utf8_not_escapes(store: SessionStore, redis_client) -> None:
    store.save(KEY, Session(last_places=["กรุงเทพมหานคร"]))
    assert "กรุงเทพมหานคร".encode() in redis_client.get(f"test:session:{KEY}")


def test_a_missing_session_is_fresh(store: SessionStore) -> None:
    assert store.load("nobody") == Session()


def test_every_save_sets_the_ttl_again(store: SessionStore, redis_client) -> None:
    store.save(KEY, a_session())
    assert TTL - 5 <= redis_client.ttl(f"test:session:{KEY}") <= TTL
    redis_client.expire(f"test:session:{KEY}", 10)
    store.save(KEY, a_session())
    assert TTL - 5 <= redis_client.ttl(f"test:session:{KEY}") <= TTL


def test_an_expired_session_is_fresh(store: SessionStore, redis_client) -> None:
    store.save(KEY, a_session())
    redis_client.pexpire(f"test:session:{KEY}", 1)
    time.sleep(0.01)
    assert store.load(KEY) == Session()


def test_the_app_uses_session_ttl_s(make_app, redis_client) -> None:
    app = make_app(SESSION_TTL_S="120")
    store = app.extensions["rianru"].stores().sessions
    store.save(KEY, a_session())
    [key] = redis_client.keys("*session*")
    assert 115 <= redis_client.ttl(key) <= 120
    assert store.load(KEY) == a_session()
    preview = app.extensions["rianru"].stores("preview:").sessions
    assert preview.load(KEY) == Session(), "preview sessions must not see LINE sessions"


def test_line_ids_never_appear_in_redis_keys(store: SessionStore, redis_client) -> None:
    line_id = "U" + "1" * 32
    store.save(user_key(line_id), a_session())
    assert user_key(line_id) == user_key(line_id) != user_key("U" + "2" * 32)
    assert all(line_id.encode() not in key for key in redis_client.keys("*"))


CORRUPT = [
    b"{not json", b"", b"null", b"[]", b"5", b'"text"', "\udcff".encode("utf-8", "surrogatepass"),
    json.dumps({"seq": -1}), json.dumps({"seq": "3"}), json.dumps({"seq": True}), json.dumps({"seq": 1.5}),
    json.dumps({"lang": "fr"}), json.dumps({"lang": 5}), json.dumps({"results": "abc"}),
    json.dumps({"results": [1, 2]}), json.dumps({"shown": -5, "results": ["x"]}),
    json.dumps({"shown": 99, "results": ["x"]}), json.dumps({"shown": "1"}),
    json.dumps({"distances": []}), json.dumps({"distances": {"x": "far"}}), '{"distances": {"x": NaN}}',
    json.dumps({"anchor": [1.0]}), json.dumps({"anchor": ["a", "b"]}), json.dumps({"anchor": [None, None]}),
    json.dumps({"anchor": {"lat": 1, "lon": 2}}), json.dumps({"last_types": "museum"}),
    json.dumps({"last_types": [1]}), json.dumps({"last_places": [None]}), json.dumps({"unknown_field": 1}),
]


@pytest.mark.parametrize("raw", CORRUPT, ids=[repr(c)[:40] for c in CORRUPT])
def test_corrupt_or_wrongly_shaped_sessions_load_fresh(store: SessionStore, redis_client, raw: str | bytes) -> None:
    redis_client.set(f"test:session:{KEY}", raw)
    assert store.load(KEY) == Session()


@pytest.fixture
def dedup(redis_client) -> Dedup:
    return Dedup(redis_client, "test:")


def test_an_event_id_is_first_once(dedup: Dedup, redis_client) -> None:
    assert dedup.first_time("01HZZZEVENT") is True
    assert dedup.first_time("01HZZZEVENT") is False
    assert dedup.first_time("01HZZZOTHER") is True
    ttl = redis_client.ttl("test:event:01HZZZEVENT")
    assert DEDUP_TTL_S == 24 * 3600
    assert DEDUP_TTL_S - 5 <= ttl <= DEDUP_TTL_S


def test_an_event_id_is_first_once_even_under_a_race(dedup: Dedup) -> None:
    winners: list[bool] = []
    start = threading.Barrier(16)

    def claim() -> None:
        start.wait()
        winners.append(dedup.first_time("01HZZZRACE"))

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert sorted(winners) == [False] * 15 + [True]
