"""Where every bigram occurs in a set of texts, so "which texts contain this word" costs in proportion to the
rarest bigram of the word, not to the length of all the texts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_SHIFT = 21  # code points fit in 21 bits: a bigram is one integer


class BigramPositions:
    """Texts joined into one sequence of code points; for each bigram, the sorted positions where it starts."""

    def __init__(self, texts: Sequence[str]):
        joined = "\0".join(texts)  # NUL between texts, never inside a word: no match spans two texts
        points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self._starts = np.cumsum(lengths) - lengths
        codes = (points[:-1] << _SHIFT) | points[1:]
        where = np.flatnonzero((points[:-1] != 0) & (points[1:] != 0))
        codes = codes[where]
        order = _stable_order(points, where)  # stable: each bigram's positions stay in ascending order
        self._positions = where[order].astype(np.int32)
        sorted_codes = codes[order]
        firsts = np.flatnonzero(np.concatenate(([True], sorted_codes[1:] != sorted_codes[:-1])))
        self._codes, self._firsts = sorted_codes[firsts], np.append(firsts, len(sorted_codes))
        ends = self._firsts[1:].tolist()
        self._slices = dict(zip(self._codes.tolist(), zip(firsts.tolist(), ends, strict=True), strict=True))
        ends_at = self._starts + lengths - 2  # each text's last character (a 1-character text: its only one)
        self._last = np.where(lengths > 1, points[np.maximum(ends_at, 0)], -1)

    def _at(self, gram: str) -> np.ndarray:
        span = self._slices.get((ord(gram[0]) << _SHIFT) | ord(gram[1]))
        return self._positions[span[0] : span[1]] if span else self._positions[:0]

    def rows(self, word: str) -> np.ndarray:
        """Sorted unique indexes of the texts that contain `word`."""
        if not word:
            return np.arange(len(self._starts), dtype=np.int64)
        if len(word) == 1:
            return self._holding_char(ord(word))
        places = sorted(((self._at(word[i : i + 2]), i) for i in range(len(word) - 1)), key=lambda p: len(p[0]))
        rarest, offset = places[0]
        starts = rarest.astype(np.int64) - offset  # where the word would start, by its rarest bigram
        for found, shift in places[1:]:
            if not len(starts):
                break
            # The word is there only if every other bigram is at its place too (binary search in sorted positions).
            wanted = starts + shift
            at = np.minimum(found.searchsorted(wanted), max(len(found) - 1, 0))
            starts = starts[found[at] == wanted] if len(found) else starts[:0]
        return np.unique(np.searchsorted(self._starts, starts, side="right") - 1)

    def _holding_char(self, point: int) -> np.ndarray:
        """Texts holding one character: it starts a bigram (all bigrams starting with it are one run of the
        sorted codes), or it ends the text."""
        lo, hi = np.searchsorted(self._codes, [point << _SHIFT, (point + 1) << _SHIFT])
        starts = self._positions[self._firsts[lo] : self._firsts[hi]]
        rows = np.searchsorted(self._starts, starts, side="right") - 1
        return np.union1d(rows, np.flatnonzero(self._last == point))


def _stable_order(points: np.ndarray, where: np.ndarray) -> np.ndarray:
    """The order that sorts the bigrams starting at `where` by code, stably. With at most 256 distinct characters
    a bigram fits 16 bits, which numpy sorts stably by radix in linear time (far quicker than by comparison)."""
    alphabet = np.flatnonzero(np.bincount(points))
    if len(alphabet) > 256:
        return np.argsort((points[where] << _SHIFT) | points[where + 1], kind="stable")
    rank = np.zeros(int(alphabet[-1]) + 1, dtype=np.uint16)
    rank[alphabet] = np.arange(len(alphabet), dtype=np.uint16)
    small = (rank[points[where]] << 8) | rank[points[where + 1]]  # same order as the full codes
    return np.argsort(small, kind="stable")
