"""Preview fixtures: a real HTTP server for the app (werkzeug in a thread) and a folder for screenshots.

The browser (`chromium`, `page`) is in tests/conftest.py: shared with tests/notices."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


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
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored) for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
