"""Filters as precomputed id sets: which entries can pass a place, type, topic or audience filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from bot.search.columns import TextScan


class Pools:
    """Entry positions by province, type, topic and audience, so a filter reads a set instead of every entry."""

    def __init__(self, entries: Sequence[Any], topic_keys: Mapping[str, tuple[str, ...]]):
        self.by_province: dict[str, set[int]] = defaultdict(set)
        self.by_type: dict[str, set[int]] = defaultdict(set)
        self.by_topic = _TopicSets(entries, topic_keys)
        self.by_audience: dict[str, set[int]] = defaultdict(set)
        self.tours: set[int] = set()
        self.located: set[int] = set()
        self.size = len(entries)
        self._arrays: dict[tuple[str, str], np.ndarray] = {}
        for pos, e in enumerate(entries):
            for province in e.provinces:
                self.by_province[province].add(pos)
            if e.kind == "tour":
                self.tours.add(pos)
            else:
                for vtype in e.types:
                    self.by_type[vtype].add(pos)
                if e.lat is not None:
                    self.located.add(pos)
            for who in e.audience:
                self.by_audience[who].add(pos)

    def union(self, table: Mapping[str, set[int]], keys: Iterable[str]) -> set[int]:
        """Positions filed under any of `keys`."""
        out: set[int] = set()
        for key in keys:
            out |= table.get(key, set())
        return out

    def mask(self, table: str, keys: Iterable[str]) -> np.ndarray:
        """A boolean array over all entries: filed under any of `keys` in `table` (province, type, topic or
        audience); each key's positions become an array once per content version."""
        out = np.zeros(self.size, dtype=bool)
        sets = {"province": self.by_province, "type": self.by_type, "topic": self.by_topic,
                "audience": self.by_audience}[table]
        for key in keys:
            found = self._arrays.get((table, key))
            if found is None:
                found = self._arrays[(table, key)] = np.fromiter(sorted(sets.get(key, set())), dtype=np.int64)
            out[found] = True
        return out

    def filtered(self, places: set[str], types: Sequence[str], wants_tour: bool, topics: Sequence[str],
                 audience_values: set[str]) -> list[int] | None:
        """Sorted positions that can pass Index._filtered's conditions (a superset); None = every entry."""
        sets: list[set[int]] = []
        if places:
            sets.append(self.union(self.by_province, places))
        if types:
            sets.append(self.union(self.by_type, types) | (self.tours if wants_tour else set()))
        if topics:
            sets.append(self.union(self.by_topic, topics))
        if not (places or types or topics):
            if not audience_values:
                sets.append(self.tours)
            else:
                sets.append(self.union(self.by_audience, audience_values) | self.tours)
        if not sets:
            return None
        sets.sort(key=len)
        found = set(sets[0])
        for other in sets[1:]:
            found &= other
        return sorted(found)

    def in_provinces(self, places: Iterable[str]) -> list[int]:
        """Sorted positions of entries in any of these provinces."""
        return sorted(self.union(self.by_province, places))


class _TopicSets(dict[str, set[int]]):
    """Entries whose text holds a topic's words, found on the first question about that topic."""

    def __init__(self, entries: Sequence[Any], topic_keys: Mapping[str, tuple[str, ...]]):
        super().__init__()
        self.scan, self.topic_keys = TextScan([e.text for e in entries]), topic_keys

    def get(self, topic: str, default: Any = None) -> Any:
        """The positions for `topic` (computed once per content version)."""
        if topic not in self and topic in self.topic_keys:
            keys = self.topic_keys[topic]
            self[topic] = {pos for key in keys for pos in self.scan.rows(key).tolist()}
        return super().get(topic, default)
