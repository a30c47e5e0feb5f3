"""Notice fixtures: the fake LINE server, a notices Runtime on the test Redis, followers, an in-process RQ worker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from rq import SimpleWorker

from bot.config import settings_from
from bot.notices import jobs
from bot.notices.followers import follow_key
from bot.notices.runtime import Runtime
from tests.conftest import ACCESS_TOKEN, CONTENT
from tests.fake_line import FakeLine

FAST = {"NOTICE_BACKOFF_S": "0.01", "NOTICE_MAX_WAIT_S": "0.05", "NOTICE_ATTEMPTS": "4"}


@pytest.fixture(scope="session")
def line_server() -> Iterator[FakeLine]:
    """One fake LINE server for the notices tests (apps built once per module point at it)."""
    with FakeLine() as line:
        yield line


@pytest.fixture
def fake_line(line_server: FakeLine) -> FakeLine:
    """The fake LINE server, with no requests, behaviours, accepted keys or quota from earlier tests."""
    line_server.reset()
    line_server.quota = None
    line_server.followers = 0
    return line_server


@pytest.fixture
def notice_env(monkeypatch: pytest.MonkeyPatch, fake_line: FakeLine, redis_url: str, tmp_path: Path
               ) -> dict[str, str]:
    """The environment a worker reads (its settings), pointed at the fake LINE server and the test Redis."""
    env = {"REDIS_URL": redis_url, "LINE_API_BASE_URL": fake_line.url, "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
           "INSTANCE_PATH": str(tmp_path / "instance"), "CONTENT_DIR": str(CONTENT), "SECRET_KEY": "test",
           "ADMIN_LINE_USER_ID": "U" + "a" * 32, **FAST}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def rt(notice_env: dict[str, str], redis_client) -> Runtime:
    """A notices Runtime on the test Redis talking to the fake LINE server, with tiny backoffs."""
    return Runtime.build(settings_from(notice_env), redis_client)


@pytest.fixture
def follow(redis_client) -> Callable[..., list[str]]:
    """follow('province', 'ขอนแก่น', ids) puts citizens into a follow set (what #11 writes)."""
    def add(kind: str, value: str, ids: list[str]) -> list[str]:
        if ids:
            redis_client.sadd(follow_key(kind, value), *ids)
        return ids
    return add


def user_ids(n: int, start: int = 0) -> list[str]:
    """n distinct LINE-like user ids."""
    return [f"U{i:032x}" for i in range(start, start + n)]


@pytest.fixture
def work(redis_client) -> Callable[[], None]:
    """Run every queued notice job in this process (RQ's SimpleWorker in burst mode)."""
    def run() -> None:
        SimpleWorker([jobs.queue(redis_client)], connection=redis_client).work(burst=True)
    return run


@dataclass(frozen=True)
class FixtureEvent:
    """An event with the attributes notices read (#11's Event has these, and more)."""

    id: str
    title_th: str
    start: date | datetime
    end: date | datetime | None = None
    venue_id: str | None = None
    province: str | None = None
    topics: list[str] = field(default_factory=list)
    image: str | None = None
    booking_url: str | None = None
