"""Fixture events on the shipped venues: a Content whose only events are tests/events/fixtures/events.yaml."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from bot.catalog.events import Event
from bot.content import Content

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)  # Saturday 5 Dec 2026, 10:00 in Bangkok


def fixture_events() -> tuple[Event, ...]:
    """The test events, validated by the real model."""
    data = yaml.safe_load((FIXTURES / "events.yaml").read_text(encoding="utf-8"))
    return tuple(Event.model_validate(item) for item in data)


@pytest.fixture(scope="session")
def event_content(content: Content) -> Content:
    """The shipped content with the fixture events instead of the shipped ones (same lexicon and index)."""
    catalog = replace(content.catalog, events=fixture_events(), version="")
    return Content(catalog, content.lexicon, content.index)
