"""The benchmark's query mix over a synthetic catalogue, and the naive baseline answering the same queries."""

from __future__ import annotations

import random
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.catalog.models import Catalog
from bot.search.geo import distance_km
from bot.search.thai import normalise
from bot.turn import UserInput

OUT_OF_SCOPE = ["ราคาทองวันนี้", "อากาศพรุ่งนี้เป็นยังไง", "สั่งพิซซ่าได้ไหม", "หวยออกอะไร", "ผลบอลเมื่อคืน",
                "โอนเงินยังไง", "what is the weather", "buy a phone", "ขอเบอร์แท็กซี่", "555"]
ENGLISH = ["library in {p}", "museum {p}", "science centre near {p}", "learning centre {p}", "{p} museums"]
TYPE_WORDS = ["ห้องสมุด", "พิพิธภัณฑ์", "ศูนย์เรียนรู้", "หอดูดาว", "ห้องสมุดประชาชน", "ศูนย์วิทยาศาสตร์"]


@dataclass(frozen=True)
class Probe:
    """One benchmark question: its kind (exact, typo, type+place, place, english, out_of_scope, location)."""

    kind: str
    input: UserInput


def query_mix(catalog: Catalog, count: int = 200, seed: int = 14) -> list[Probe]:
    """A deterministic mix of citizen questions for this catalogue."""
    rnd = random.Random(seed)
    venues = list(catalog.venues.values())
    provinces = catalog.places.provinces
    districts = catalog.places.districts
    probes: list[Probe] = []
    share = {"exact": 0.2, "typo": 0.2, "type+place": 0.15, "place": 0.1, "english": 0.1,
             "out_of_scope": 0.1, "location": 0.15}
    for kind, part in share.items():
        for _ in range(max(1, round(count * part))):
            v = rnd.choice(venues)
            if kind == "exact":
                text = v.name_th
            elif kind == "typo":
                name = v.name_th
                i = rnd.randrange(1, max(2, len(name) - 1))
                text = name[:i] + name[i + 1 :] if rnd.random() < 0.5 else name[:i] + name[i + 1 : i + 2] + \
                    name[i : i + 1] + name[i + 2 :]
            elif kind == "type+place":
                place = rnd.choice(provinces).name_th if rnd.random() < 0.6 else f"อำเภอ{rnd.choice(districts).name_th}"
                text = f"{rnd.choice(TYPE_WORDS)} {place}"
            elif kind == "place":
                text = f"ที่เที่ยว{rnd.choice(provinces).name_th}" if rnd.random() < 0.5 else rnd.choice(provinces).name_th
            elif kind == "english":
                text = rnd.choice(ENGLISH).format(p=rnd.choice(provinces).name_en)
            elif kind == "out_of_scope":
                text = rnd.choice(OUT_OF_SCOPE)
            else:
                d = rnd.choice(districts)
                probes.append(Probe(kind, UserInput("location", lat=d.lat + rnd.uniform(-0.05, 0.05),
                                                    lon=d.lon + rnd.uniform(-0.05, 0.05))))
                continue
            probes.append(Probe(kind, UserInput("text", text=text)))
    return probes


class Naive:
    """The full scan: rapidfuzz WRatio over every name, and a haversine distance to every venue."""

    def __init__(self, catalog: Catalog):
        self.names = [normalise(n) for v in catalog.venues.values()
                      for n in (v.name_th, *v.aliases, *([v.name_en] if v.name_en else []))]
        self.points = [(v.id, v.lat, v.lon) for v in catalog.venues.values() if v.lat is not None]

    def answer(self, probe: Probe) -> list:
        """The ten best names for a text, or the thirty nearest venues for a location."""
        if probe.input.kind == "location":
            lat, lon = probe.input.lat, probe.input.lon
            assert lat is not None and lon is not None
            dist = [(distance_km(lat, lon, a, b), i) for i, a, b in self.points]  # type: ignore[arg-type]
            return sorted(dist)[:30]
        return process.extract(normalise(probe.input.text), self.names, scorer=fuzz.WRatio, processor=None,
                               limit=10)
