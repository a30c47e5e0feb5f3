"""A catalog as JSON (a published version's catalog.json): written once, read fast by every worker."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bot.catalog.keywords import Keywords
from bot.catalog.models import Catalog, TourRoute, Venue
from bot.catalog.places import Places


def snapshot_data(catalog: Catalog) -> dict:
    """The JSON-ready form of a catalog kept with each published version."""
    return {
        "version": catalog.version,
        "saved_at": time.time(),
        "venues": [v.model_dump(mode="json") for v in catalog.venues.values()],
        "tours": [t.model_dump(mode="json") for t in catalog.tours.values()],
        "places": catalog.places.model_dump(mode="json"),
        "keywords": catalog.keywords.model_dump(mode="json"),
    }


def read_snapshot(path: Path) -> Catalog | None:
    """The catalog saved at `path`, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        venues = [Venue.model_validate(v) for v in data["venues"]]
        tours = [TourRoute.model_validate(t) for t in data["tours"]]
        return Catalog(venues={v.id: v for v in venues}, tours={t.id: t for t in tours},
                       places=Places.model_validate(data["places"]),
                       keywords=Keywords.model_validate(data["keywords"]), version=data["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
