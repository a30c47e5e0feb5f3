"""Candidate generation before scoring: bigram posting lists that find every name a fuzzy score could accept.

The bounds are exact, not heuristics: two strings whose rapidfuzz ratio is ≥ r share at least
3L − m − n − 1 bigrams (L = longest common subsequence ≥ r/200·(m+n)), so a name that shares fewer cannot
reach the cut-off and is never scored. Rows are sorted by length, so the length window a ratio allows is
one slice of every posting list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

_NONE = np.empty(0, dtype=np.int32)
_FEW = 64  # rows left to check one by one for a substring
_FIRST_LOOK = 256  # rows holding a word's rarest bigram checked before narrowing by the others


def _code(gram: str) -> int:
    return (ord(gram[0]) << 21) | ord(gram[1]) if len(gram) == 2 else (1 << 42) | ord(gram)


def bigrams(text: str) -> list[str]:
    """Overlapping two-character pieces of `text` (one piece for a one-character text)."""
    return [text[i : i + 2] for i in range(len(text) - 1)] or ([text] if text else [])


class GramIndex:
    """Strings (rows, each owned by an entry position) indexed by their bigrams, rows sorted by length."""

    def __init__(self, rows: Iterable[tuple[str, int]]):
        ordered = sorted(((text, owner) for text, owner in rows if text), key=lambda r: len(r[0]))
        self.texts = [text for text, _ in ordered]
        self.owner = np.fromiter((owner for _, owner in ordered), dtype=np.int32, count=len(ordered))
        self.lengths = np.fromiter((len(t) for t in self.texts), dtype=np.int32, count=len(ordered))
        self.exact: dict[str, list[int]] = defaultdict(list)
        for row, text in enumerate(self.texts):
            self.exact[text].append(int(self.owner[row]))
        self.longest = int(self.lengths[-1]) if len(self.texts) else 0
        self.postings: dict[int, np.ndarray] = {}
        self.repeats = np.zeros(len(self.texts), dtype=np.int32)
        if self.texts:
            self._index_bigrams()

    def _index_bigrams(self) -> None:
        # Every bigram of every text at once in numpy: code points of all texts joined by NUL, pairs of
        # neighbours as one integer, (code, row) pairs made unique and sorted, so each posting is one slice.
        points = np.frombuffer("\0".join(self.texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        row_of = np.cumsum(points == 0)
        pair = (points[:-1] << 21) | points[1:]
        keep = (points[:-1] != 0) & (points[1:] != 0)
        codes, rows = pair[keep], row_of[:-1][keep]
        singles = np.flatnonzero(self.lengths == 1)
        if len(singles):
            codes = np.concatenate([codes, [_code(self.texts[r]) for r in singles]])
            rows = np.concatenate([rows, singles])
        keys = np.sort(codes * len(self.texts) + rows)  # < 2**42 · rows: fits int64 below 2**21 rows
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        shift_codes, all_rows = np.divmod(keys, len(self.texts))
        all_rows = all_rows.astype(np.int32)
        starts = np.flatnonzero(np.concatenate(([True], shift_codes[1:] != shift_codes[:-1])))
        distinct = shift_codes[starts]
        ends = [*starts[1:].tolist(), len(all_rows)]
        self.postings = {int(c): all_rows[a:b] for c, a, b in zip(distinct.tolist(), starts.tolist(), ends,
                                                                  strict=True)}
        per_row = np.bincount(all_rows, minlength=len(self.texts))
        self.repeats = np.maximum(self.lengths - 1 - per_row, 0).astype(np.int32)

    @cached_property
    def text_array(self) -> np.ndarray:
        """The rows' texts as a numpy object array, so a selection of them is one C operation."""
        return np.asarray(self.texts, dtype=object)

    def posting(self, gram: str) -> np.ndarray:
        """Sorted rows that contain `gram` (a bigram, or a whole one-character text); empty when none."""
        return self.postings.get(_code(gram), _NONE)

    @staticmethod
    def _bounds(lo: int, hi: int) -> np.ndarray:
        return np.array((lo, hi), dtype=np.int32)

    def _window(self, shortest: int, longest: int) -> tuple[int, int]:
        return (int(np.searchsorted(self.lengths, shortest, "left")),
                int(np.searchsorted(self.lengths, longest, "right")))

    def similar(self, text: str, cutoff: float) -> np.ndarray:
        """Owners of rows whose rapidfuzz ratio with `text` can be ≥ cutoff (a superset, never missing one)."""
        m = len(text)
        if not m or not len(self.texts):
            return np.empty(0, dtype=np.int32)
        share = cutoff / 200  # L ≥ share·(m+n) and L ≤ min(m, n)
        lo, hi = self._window(math.ceil(m * share / (1 - share) - 1e-9), math.floor(m * (1 - share) / share + 1e-9))
        if lo >= hi:
            return np.empty(0, dtype=np.int32)
        grams = bigrams(text)
        distinct = set(grams)
        repeats = len(grams) - len(distinct)
        pieces = []
        for gram in distinct:
            rows = self.posting(gram)
            start, end = rows.searchsorted(self._bounds(lo, hi))
            pieces.append(rows[start:end])
        counts = np.bincount(np.concatenate(pieces), minlength=hi)[lo:] if pieces else np.zeros(hi - lo, np.int64)
        # 3L − m − n − 1 with L ≥ share·(m+n); repeated bigrams of `text` may match one distinct posting. The need
        # grows with the row's length: the shortest row's need first (one pass), the exact need of each after.
        slope = 3 * share - 1
        kept = np.flatnonzero(counts >= math.ceil(slope * (m + self.lengths[lo]) - 1 - 1e-9) - repeats)
        need = np.ceil(slope * (m + self.lengths[kept + lo]) - 1 - 1e-9) - repeats
        kept = kept[counts[kept] >= need] + lo
        if not len(kept):
            return kept
        # The bound prunes; rapidfuzz (C++, Thai-safe: no processor) then scores only what is left.
        return self._scored(text, kept, cutoff)

    def _scored(self, text: str, rows: np.ndarray, cutoff: float) -> np.ndarray:
        """Owners of those `rows` whose rapidfuzz ratio with `text` reaches `cutoff`."""
        scores = process.cdist([text], self.text_array[rows].tolist(), scorer=fuzz.ratio, processor=None,
                               score_cutoff=cutoff, dtype=np.float64)[0]
        return self.owner[rows[scores >= cutoff]]

    def containing(self, text: str) -> np.ndarray:
        """Owners of rows that contain `text` as a substring."""
        return np.asarray([self.owner[r] for r in self.with_bigrams_of(text) if text in self.texts[r]], dtype=np.int32)

    def any_containing(self, text: str) -> bool:
        """True when some row contains `text` (stops at the first)."""
        postings = self.rarest_first(text)
        if postings:  # a common word is usually in one of the first rows holding its rarest bigram: look there first
            if any(text in self.texts[r] for r in postings[0][:_FIRST_LOOK].tolist()):
                return True
            if len(postings[0]) <= _FIRST_LOOK:
                return False
        return any(text in self.texts[r] for r in self.with_bigrams_of(text))

    def rarest_first(self, text: str) -> list[np.ndarray]:
        """The posting of each distinct bigram of `text`, shortest first."""
        return sorted((self.posting(gram) for gram in set(bigrams(text))), key=len)

    def with_bigrams_of(self, text: str) -> list[int]:
        """Rows holding every bigram of `text` (narrowed rarest first, until few are left): a superset of
        the rows that contain it."""
        postings = self.rarest_first(text)
        if not postings:
            return []
        rows = postings[0]
        for posting in postings[1:]:
            if len(rows) <= _FEW:
                break
            # sorted: membership by binary search costs O(rows · log posting)
            at = np.minimum(posting.searchsorted(rows), len(posting) - 1)
            rows = rows[posting[at] == rows] if len(posting) else rows[:0]
        return rows.tolist()

    def inside(self, text: str, shortest: int) -> list[int]:
        """Owners of rows that are substrings of `text`, at least `shortest` characters long."""
        found: list[int] = []
        n, longest = len(text), min(self.longest, len(text))
        for i in range(n):
            for j in range(i + shortest, min(n, i + longest) + 1):
                owners = self.exact.get(text[i:j])
                if owners:
                    found.extend(owners)
        return found

    def partial_rows(self, word: str, cutoff: float, by_overlap: bool = False) -> np.ndarray:
        """Rows where rapidfuzz partial_ratio(word, row) can reach `cutoff` (a superset, never missing one);
        sorted, or with `by_overlap` those sharing the most bigrams first (the likeliest matches)."""
        # partial_ratio aligns the shorter string (the needle, k chars) with windows of the longer one at least
        # k·share/(1−share) long; a window reaching the cut-off shares ≥ (3·share−1)·(k + window) − 1 bigrams.
        m, share = len(word), cutoff / 200
        grams = bigrams(word)
        needle = np.minimum(self.lengths, m)
        window = np.ceil(needle * share / (1 - share) - 1e-9)
        repeats = np.where(self.lengths < m, self.repeats, len(grams) - len(set(grams)))
        need = np.ceil((3 * share - 1) * (needle + window) - 1 - 1e-9) - repeats
        postings = [self.posting(gram) for gram in set(grams)]
        counts = np.bincount(np.concatenate(postings), minlength=len(self.texts)) if postings else \
            np.zeros(len(self.texts))
        rows = np.flatnonzero(counts >= need)
        return rows[np.argsort(-counts[rows], kind="stable")] if by_overlap else rows


class NameCandidates:
    """Which entries a name query can match: the only entries name and word scoring ever look at."""

    def __init__(self, names: Sequence[tuple[Sequence[str], Sequence[str]]]):
        """`names[i]` is (compact names, spaced names) of entry i."""
        self.compact = GramIndex((n, i) for i, (compact, _) in enumerate(names) for n in compact)
        self.sorted_tokens = GramIndex((_token_sorted(s), i) for i, (_, spaced) in enumerate(names) for s in spaced)
        self.size = len(names)

    def for_name(self, q: str, spaced_q: str, cutoff: float, short_ok: bool, full: str = "") -> list[int]:
        """Entry positions whose name score (index.name_scores) for q can reach `cutoff`, in entry order.

        `short_ok` is False when q is a known phrase, so "q inside a name" cannot score; `full` is the fuller
        text, in which a long name (8+ characters) also scores. The partial rule for long queries is not
        covered: it only lifts entries that another rule found."""
        found = set(self.compact.exact.get(q, ()))
        found.update(self.compact.inside(q, 4))
        if full and full != q:
            found.update(self.compact.inside(full, 8))
        if len(q) >= 5 and short_ok:
            found.update(self.compact.containing(q).tolist())
        found.update(self.compact.similar(q, cutoff).tolist())
        # token_sort_ratio − 2 ≥ cutoff is a plain ratio ≥ cutoff + 2 between token-sorted strings.
        found.update(self.sorted_tokens.similar(_token_sorted(spaced_q), min(100.0, cutoff + 2)).tolist())
        return sorted(found)

    def partial_entries(self, word: str, cutoff: float) -> np.ndarray:
        """Sorted entry positions where partial_ratio(word, a name) can reach `cutoff` (a superset)."""
        return np.unique(self.compact.owner[self.compact.partial_rows(word, cutoff)])

    def partial_mask(self, word: str, cutoff: float) -> np.ndarray:
        """A boolean array over entries: where partial_ratio(word, a name) can reach `cutoff` (a superset)."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.partial_entries(word, cutoff)] = True
        return mask


def _token_sorted(spaced: str) -> str:
    return " ".join(sorted(spaced.split()))
