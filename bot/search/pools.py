"""Filters as precomputed id sets and masks: which entries are in a province, of a type, about a topic, for an
audience."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np


class Pools:
    """Entry positions by province, type, topic and audience, so a filter reads a set instead of every entry."""

    def __init__(self, entries: Sequence[Any], topic_keys: Mapping[str, tuple[str, ...]],
                 texts: Callable[[str], np.ndarray]):
        """`texts(word)`: the entries whose text (names, topics, aliases) holds the word."""
        self.by_province: dict[str, set[int]] = defaultdict(set)
        self.by_type: dict[str, set[int]] = defaultdict(set)
        self.by_topic = _TopicSets(texts, topic_keys)
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
            found = self.by_topic.arrays.get(key) if table == "topic" else self._arrays.get((table, key))
            if found is None:
                found = self._arrays[(table, key)] = np.fromiter(sorted(sets.get(key, set())), dtype=np.int64)
            out[found] = True
        return out


class _TopicSets(dict[str, set[int]]):
    """Entries whose text holds a topic's words, found when the content is built (a first question about a topic
    would otherwise pay for scanning every text)."""

    def __init__(self, texts: Callable[[str], np.ndarray], topic_keys: Mapping[str, tuple[str, ...]]):
        super().__init__()
        self.arrays: dict[str, np.ndarray] = {}
        for topic, keys in topic_keys.items():
            found = np.unique(np.concatenate([texts(key) for key in keys])) if keys else np.zeros(0, np.int64)
            self.arrays[topic] = found.astype(np.int64)
            self[topic] = set(found.tolist())
