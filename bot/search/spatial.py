"""Nearest venues through a k-d tree on unit-sphere points: exact great-circle order, sub-linear per query."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from math import cos, radians, sin
from typing import Any

from bot.search.geo import distance_km


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = radians(lat), radians(lon)
    return (cos(la) * cos(lo), cos(la) * sin(lo), sin(la))


class Spatial:
    """Located points (position, lat, lon); the tree is built on the first nearby question (scipy loads then)."""

    def __init__(self, points: Sequence[tuple[int, float, float]]):
        self.points = list(points)
        self._tree: Any = None
        self._lock = threading.Lock()

    def _built(self):
        with self._lock:
            if self._tree is None:
                from scipy.spatial import cKDTree  # ~0.2 s import, paid by the first nearby question only

                self._tree = cKDTree([_unit(lat, lon) for _, lat, lon in self.points]) if self.points else False
            return self._tree

    def nearest(self, point: tuple[float, float], accept: Callable[[int], bool], limit: int,
                order: Callable[[int], int]) -> list[tuple[float, int]]:
        """Up to `limit` accepted positions as (km, position), nearest first, ties by `order`.

        Asks the tree for k points, doubling k until `limit` accepted ones are found and the farthest point
        asked for is strictly farther than the last accepted one (so ties at the edge are all seen)."""
        tree = self._built()
        if not tree:
            return []
        size, k = len(self.points), min(len(self.points), max(64, limit * 4))
        target = _unit(*point)
        while True:
            chord, rows = tree.query(target, k=k)
            if k == 1:
                chord, rows = [chord], [rows]
            hits = [(float(c), int(r)) for c, r in zip(chord, rows, strict=True) if accept(self.points[r][0])]
            if k >= size or (len(hits) >= limit and float(chord[-1]) > hits[limit - 1][0]):
                break
            k = min(size, k * 4)
        found = [(distance_km(point[0], point[1], self.points[r][1], self.points[r][2]), self.points[r][0])
                 for _, r in hits]
        found.sort(key=lambda dp: (dp[0], order(dp[1])))
        return found[:limit]
