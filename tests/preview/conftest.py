"""Preview fixtures: a real HTTP server for the app (werkzeug in a thread) and headless Debian Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture
def serve(make_app: Callable[..., Flask]) -> Iterator[Callable[..., str]]:
    """Start make_app(**config) on 127.0.0.1 with a real server; returns its base URL."""
    servers = []

    def start(**config: str) -> str:
        server = make_server("127.0.0.1", 0, make_app(**config), threaded=True)
        threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download); skipped loudly when missing."""
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


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored) for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
