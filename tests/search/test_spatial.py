"""The k-d tree gives the same nearest venues, in the same order, as measuring the distance to every venue."""

from __future__ import annotations

import random

import pytest

from bot.search.geo import distance_km
from bot.search.spatial import Spatial


@pytest.mark.parametrize("seed", range(3))
def test_nearest_matches_a_full_scan(seed: int) -> None:
    rnd = random.Random(seed)
    points = [(i, round(rnd.uniform(5.7, 20.4), 2), round(rnd.uniform(97.4, 105.6), 2)) for i in range(2000)]
    points += [(2000 + i, lat, lon) for i, (_, lat, lon) in enumerate(points[:50])]  # exact ties
    spatial = Spatial(points)
    for _ in range(20):
        here = (rnd.uniform(5.7, 20.4), rnd.uniform(97.4, 105.6))
        accept = (lambda pos: pos % 3 == 0) if rnd.random() < 0.5 else (lambda pos: True)
        found = spatial.nearest(here, accept, 30, order=lambda pos: pos)
        scan = sorted((distance_km(here[0], here[1], lat, lon), pos) for pos, lat, lon in points if accept(pos))
        assert [pos for _, pos in found] == [pos for _, pos in scan[:30]]
