"""Every province can be asked about: "ห้องสมุด <province>" (or "แหล่งเรียนรู้ <province>" where the province has
no library or TK Park) shows at least one venue in that province.

The provinces come from content/places.yaml (the shipped content), read when the tests are collected.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from bot.content import Content
from bot.conversation import answer
from bot.session import PAGE_SIZE, Session
from bot.turn import UserInput

PLACES = Path(__file__).resolve().parent.parent / "content" / "places.yaml"
PROVINCES: list[dict] = yaml.safe_load(PLACES.read_text(encoding="utf-8"))["provinces"]
LIBRARY_TYPES = ("library", "tk_park")  # "ห้องสมุด" = library + TK Park, as in tests/eval/queries.yaml


def shown(content: Content, text: str) -> list[str]:
    """The ids on the first carousel page, called the way tests/eval/metrics.py calls the bot."""
    reply = answer(Session(), UserInput("text", text=text), content, datetime.now(UTC))
    if not any(m["type"] == "flex" for m in reply.messages):
        return []
    return reply.session.results[:PAGE_SIZE]


def test_all_77_provinces_are_listed() -> None:
    assert len(PROVINCES) == 77
    assert len({p["name_th"] for p in PROVINCES}) == 77


@pytest.mark.parametrize("province", PROVINCES, ids=[p["name_en"] for p in PROVINCES])
def test_a_province_query_shows_a_venue_in_that_province(content: Content, province: dict) -> None:
    name = province["name_th"]
    venues = content.catalog.venues
    in_province = [v for v in venues.values() if v.province_th == name]
    assert in_province, f"no venue at all in {name}"
    has_library = any(v.type in LIBRARY_TYPES for v in in_province)
    query = f"ห้องสมุด {name}" if has_library else f"แหล่งเรียนรู้ {name}"
    ids = shown(content, query)
    found = [i for i in ids if i in venues and venues[i].province_th == name]
    assert found, (f"{query!r} showed no venue in {name}; shown: "
                   + ", ".join(f"{i} ({venues[i].province_th})" if i in venues else i for i in ids))
