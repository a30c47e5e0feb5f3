"""Distances and map links for venues and shared locations."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt
from urllib.parse import quote

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(a))


def map_link(lat: float, lon: float, label: str | None = None) -> str:
    """A Google Maps search link for a point (https, opens the map app on phones)."""
    query = f"{lat:.6f},{lon:.6f}"
    if label:
        query = f"{label} {query}"
    return "https://www.google.com/maps/search/?api=1&query=" + quote(query, safe=",")
