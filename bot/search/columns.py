"""Per-entry facts as arrays, so filtering and ranking thousands of entries is a few numpy operations."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from bot.search.candidates import GramIndex
from bot.search.word_positions import BigramPositions

_CACHED_POSITIONS = 4_000_000  # positions kept in the word cache per content version (16 MB as int32)


class TextScan:
    """Texts joined into one array of UTF-16 code units, so "which texts contain this word" costs a few
    vectorised comparisons however many texts match, instead of a Python step per text or per match."""

    def __init__(self, texts: Sequence[str]):
        joined = "\0".join(texts)  # NUL between texts: a word never holds one, so no match spans two texts
        self._units = np.frombuffer(joined.encode("utf-16-le"), dtype=np.uint16)
        if len(self._units) == len(joined):  # no character outside the BMP: one code unit per character
            lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        else:
            lengths = np.fromiter((len(t.encode("utf-16-le")) // 2 + 1 for t in texts), dtype=np.int64,
                                  count=len(texts))
        self._starts = np.cumsum(lengths) - lengths

    def rows(self, word: str) -> np.ndarray:
        """Sorted unique indexes of the texts that contain `word`."""
        units, starts = self._units, self._starts
        code = np.frombuffer(word.encode("utf-16-le"), dtype=np.uint16)
        if not len(code):
            return np.arange(len(starts), dtype=np.int64)
        at = np.flatnonzero(units[: max(0, len(units) - len(code) + 1)] == code[0])
        for step in range(1, len(code)):
            at = at[units[at + step] == code[step]]
        return np.unique(np.searchsorted(starts, at, side="right") - 1)


class Columns:
    """Kind, precision, district and the texts of every entry, with cached "which texts hold this word"."""

    def __init__(self, entries: Sequence[Any], prefer_words: Iterable[str] = ()):
        """`prefer_words`: the name_prefers words, looked up in every official name once, here."""
        self.size = len(entries)
        self.is_tour = np.fromiter((e.kind == "tour" for e in entries), dtype=bool, count=self.size)
        self.precision = np.fromiter((e.precision for e in entries), dtype=np.int8, count=self.size)
        districts: dict[str, int] = {}
        self.district = np.fromiter((districts.setdefault(e.district, len(districts)) for e in entries),
                                    dtype=np.int32, count=self.size)
        self.district_ids = districts
        # Words are looked up by where bigrams occur, not by scanning every text. \1 between an entry's names:
        # a word inside one name, never across two.
        self.scans = {"text": BigramPositions([e.text for e in entries]),
                      "names": BigramPositions(["\1".join(e.names) for e in entries])}
        # Official names are only read for the name_prefers words: those are found now, and the scan let go.
        self._name_th = [e.name_th for e in entries]
        official = TextScan(self._name_th)
        self._preferred = {word: official.rows(word) for word in set(prefer_words)}
        # A landmark or street is looked up in addresses through their bigrams, never by scanning them all.
        self.addresses = GramIndex((e.where, i) for i, e in enumerate(entries) if e.where)
        self._memo: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._cached = 0  # positions held in _memo: the cache is bounded by size, not by count of words
        self._lock = threading.Lock()

    def mask(self, positions: Iterable[int] | np.ndarray) -> np.ndarray:
        """A boolean array over all entries, True at `positions`."""
        out = np.zeros(self.size, dtype=bool)
        out[positions if isinstance(positions, np.ndarray) else np.fromiter(positions, dtype=np.int64)] = True
        return out

    def in_districts(self, names: Iterable[str]) -> np.ndarray:
        """A boolean array: the entry's district is one of `names`."""
        ids = [self.district_ids[n] for n in names if n in self.district_ids]
        return np.isin(self.district, ids) if ids else np.zeros(self.size, dtype=bool)

    def holding(self, field: str, word: str) -> np.ndarray:
        """Sorted positions of entries whose `field` ("text", "name_th": the official name, "names": any of its
        names, or "where": its address) contains `word` (cached per word: citizens' words repeat)."""
        if field == "where":
            return self.remembered(field, word, lambda: np.unique(self.addresses.containing(word)))
        if field == "name_th":
            return self.remembered(field, word, lambda: self._official_holding(word))
        return self.remembered(field, word, lambda: self.scans[field].rows(word))

    def _official_holding(self, word: str) -> np.ndarray:
        found = self._preferred.get(word)
        if found is None:  # not a name_prefers word: one pass over the names, in Python
            found = np.fromiter((i for i, name in enumerate(self._name_th) if word in name), dtype=np.int64)
        return found

    def remembered(self, kind: str, word: str, find: Callable[[], np.ndarray]) -> np.ndarray:
        """`find()` (sorted entry positions for a word), kept in a cache bounded by the positions it holds."""
        key = (kind, word)
        with self._lock:
            found = self._memo.get(key)
            if found is not None:
                self._memo.move_to_end(key)
                return found
        found = find()
        with self._lock:
            if key not in self._memo:
                found = found.astype(np.int32)
                self._memo[key] = found
                self._cached += len(found)
            while self._cached > _CACHED_POSITIONS and len(self._memo) > 1:
                self._cached -= len(self._memo.popitem(last=False)[1])
        return found

    def holding_any(self, field: str, words: Iterable[str]) -> np.ndarray:
        """A boolean array: the entry's `field` contains any of `words`."""
        out = np.zeros(self.size, dtype=bool)
        for word in words:
            out[self.holding(field, word)] = True
        return out

    def count_holding(self, field: str, words: Iterable[str], positions: np.ndarray) -> np.ndarray:
        """For each of `positions`, how many of `words` its `field` contains."""
        total = np.zeros(len(positions), dtype=np.int64)
        for word in words:
            inside = np.zeros(self.size, dtype=bool)
            inside[self.holding(field, word)] = True
            total += inside[positions]
        return total

    def in_address(self, words: Sequence[str]) -> np.ndarray:
        """A boolean array: some word is inside the entry's address (landmarks, streets)."""
        out = np.zeros(self.size, dtype=bool)
        for word in words:
            out[self.holding("where", word)] = True
        return out
