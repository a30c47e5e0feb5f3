"""content/README.md documents every field of every content model, with examples that really validate."""

from __future__ import annotations

import re

import pytest
import yaml
from pydantic import BaseModel

from bot.catalog.keywords import Keywords
from bot.catalog.models import OpeningHours, Stop, TourRoute, Venue
from bot.catalog.places import District, Places, Province, Region
from tests.conftest import CONTENT

README = (CONTENT / "README.md").read_text(encoding="utf-8")
MODELS = [Venue, OpeningHours, TourRoute, Stop, Places, Region, Province, District, Keywords]


def section(name: str) -> str:
    """The README text under the heading that names `name` (e.g. "## สถานที่ — Venue"), up to the next heading."""
    match = re.search(rf"^#+ [^\n]*\b{name}\b[^\n]*\n(.*?)(?=^#)", README, re.MULTILINE | re.DOTALL)
    assert match, f"no heading for {name} in content/README.md"
    return match.group(1)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    text = section(model.__name__)
    missing = [f for f in model.model_fields if f"| `{f}` |" not in text]
    assert not missing, f"content/README.md does not document {model.__name__}: {', '.join(missing)}"


def _example(first_line: str) -> object:
    for block in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL):
        if block.startswith(first_line):
            return yaml.safe_load(block)
    raise AssertionError(f"no example starting {first_line!r}")


def test_examples_are_complete_and_valid() -> None:
    venues = _example("# venues/")
    assert set(venues[0]) == set(Venue.model_fields)
    Venue.model_validate(venues[0])
    tour = TourRoute.model_validate(_example("# tours/"))
    assert set(_example("# tours/")) == set(TourRoute.model_fields)
    assert {f for s in _example("# tours/")["stops"] for f in s} == set(Stop.model_fields)
    places = _example("# places.yaml")
    Places.model_validate(places)
    assert set(places["provinces"][0]) == set(Province.model_fields)
    assert set(places["districts"][0]) == set(District.model_fields)
    keywords = _example("# keywords.yaml")
    Keywords.model_validate(keywords)
    assert set(keywords) == set(Keywords.model_fields)
    assert tour.stops[1].venue == "kk-sala-mai-thai"
