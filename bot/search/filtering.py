"""Filtered lists (a type, place, topic or audience): which entries pass, and the best `limit` of them in order.

Every rank criterion is packed into one integer per entry, so ordering is one numpy sort. The word-fit score
(partial_ratio, the costly part) is bounded first and computed exactly only for entries that could still be
among the first `limit`; past them the order is by those bounds (no one pages that far: session.MAX_RESULTS)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from bot.search.candidates import NameCandidates
from bot.search.columns import Columns
from bot.search.lexicon import Lexicon
from bot.search.name_scores import NameRows, score_words
from bot.search.pools import Pools
from bot.search.thai import compact
from bot.search.understand import Query


class Index(Protocol):
    """What filtering reads of the search index (bot.search.index.Index)."""

    @property
    def entries(self) -> Sequence[Any]: ...
    @property
    def lexicon(self) -> Lexicon: ...
    @property
    def candidates(self) -> NameCandidates: ...
    @property
    def pools(self) -> Pools: ...
    @property
    def columns(self) -> Columns: ...
    @property
    def name_rows(self) -> NameRows: ...


FAMILY = {"เด็ก": ("เด็ก", "ครอบครัว", "ทุกวัย", "เยาวชน"), "ครอบครัว": ("ครอบครัว", "ทุกวัย", "เด็ก")}
_ORDER_BITS = 24  # catalogue position: up to 16 million entries
EXACT_RANKS = 1000  # the first this many of a filtered list are in exact order (≥ session.MAX_RESULTS)
_FIRST_BATCH = 32  # entries whose word fit is computed exactly before checking whether the rest can matter


@dataclass
class _Words:
    """The leftover words of a query and, per word, boolean arrays over all entries."""

    words: list[str]
    inside: list[np.ndarray]
    equal: list[np.ndarray]
    partial: list[np.ndarray]
    address: list[np.ndarray | None]

    def hits(self, size: int) -> np.ndarray:
        """Entries where some word can score above 0."""
        out = np.zeros(size, dtype=bool)
        for found in (*self.inside, *self.partial, *(a for a in self.address if a is not None)):
            out |= found
        return out

    def bounds(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Lowest and highest word score each entry can have, without running partial_ratio."""
        low, high = np.zeros(len(positions)), np.zeros(len(positions))
        for at, word in enumerate(self.words):
            known = np.where(self.inside[at][positions], 95.0 if len(word) >= 4 else 60.0, 0.0)
            known[self.equal[at][positions]] = 100.0
            where = self.address[at]
            floor = np.where(where[positions], 70.0, 0.0) if where is not None else np.zeros(len(positions))
            known = np.maximum(known, floor)  # an address lifts a weaker fit to 70
            open_ = self.partial[at][positions] & (known < 95) if len(word) >= 4 else np.zeros(len(positions), bool)
            low += known
            high += np.where(open_, np.maximum(known, 90.0), known)
        return low / len(self.words), high / len(self.words)

    def exact(self, index: Index, positions: np.ndarray) -> np.ndarray:
        """The word scores of these entries (index.word_scores' rules)."""
        return score_words(index.name_rows, positions, self.words, self.inside, self.equal, self.partial,
                           self.address)


def words_of(index: Index, query: Query) -> _Words | None:
    """The query's leftover words (2+ characters) with where each can score; None when there are none."""
    words = [compact(w) for w in query.words if len(w) >= 2]
    if not words:
        return None
    cols, size = index.columns, len(index.entries)
    none = np.zeros(size, dtype=bool)
    return _Words(
        words,
        [cols.mask(cols.holding("names", w)) for w in words],
        [cols.mask(index.candidates.compact.exact.get(w, ())) for w in words],
        [cols.mask(_partial_positions(index, w)) if len(w) >= 4 else none for w in words],
        [cols.in_address([w]) if len(w) >= 4 else None for w in words])


def _partial_positions(index: Index, word: str) -> np.ndarray:
    """Entries where partial_ratio(word, one of their names) can reach 80 (cached per word)."""
    return index.columns.remembered("partial", word, lambda: index.candidates.partial_entries(word, 80))


def passing(index: Index, query: Query, places: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """Positions that pass the query's filters (catalogue order), and which of them a name_prefers rule picks."""
    pools, cols = index.pools, index.columns
    tour = cols.is_tour
    if places or query.venue_types or query.topics or query.audience:
        keep = np.ones(cols.size, dtype=bool)
    else:
        keep = tour.copy()  # "เส้นทาง" alone (or only what it is not): tours only
    if places:
        keep &= pools.mask("province", places)
    if query.venue_types:
        keep &= (tour & query.wants_tour) | (~tour & pools.mask("type", query.venue_types))
    if query.exclude_types:
        keep &= tour | ~pools.mask("type", query.exclude_types)
    if query.topics:
        keep &= pools.mask("topic", query.topics)
    if not (places or query.venue_types or query.topics) and query.audience:
        keep &= pools.mask("audience", audience_of(query))
    pool = np.flatnonzero(keep)
    text = query.full or query.core
    prefer = tuple(p for when, p in index.lexicon.prefers if when in text)
    preferred = cols.holding_any("name_th", prefer)[pool] if prefer else np.zeros(len(pool), dtype=bool)
    if preferred.any():  # "หอดูดาว", "ห้องสมุดประชาชนจังหวัด…": only those, when any fits
        pool, preferred = pool[preferred], preferred[preferred]
    return pool, preferred


def audience_of(query: Query) -> set[str]:
    """The audiences a query's audience words accept ("เด็ก" also fits family and all-ages venues)."""
    return {a for want in query.audience for a in FAMILY.get(want, (want,))}


def ranked(index: Index, query: Query, pool: np.ndarray, preferred: np.ndarray, limit: int) -> np.ndarray:
    """`pool` best first: tours when asked, the district named, name_prefers, more query phrases in the text,
    better word fit, audience fit, venues before tours, precise locations, catalogue order."""
    cols = index.columns
    tour = cols.is_tour[pool]
    district = cols.in_districts(query.districts)[pool] if query.districts else np.zeros(len(pool), dtype=bool)
    phrases = np.minimum(cols.count_holding("text", query.phrases, pool), 63)
    audience = index.pools.mask("audience", audience_of(query))[pool] & bool(query.audience)
    head = (~(tour & query.wants_tour)).astype(np.int64)
    for flag, bits in ((~district, 1), (~preferred, 1), (63 - phrases, 6)):
        head = (head << bits) | flag.astype(np.int64)
    tail = ((~audience).astype(np.int64) << 1) | (tour & (not query.wants_tour))
    tail = (((tail << 3) | cols.precision[pool]) << _ORDER_BITS) | pool

    def packed(scores: np.ndarray, at: np.ndarray | slice = slice(None)) -> np.ndarray:
        # np.round, like Python's round(), rounds halves to even; a better fit packs smaller.
        fit = 10 - np.round(scores / 10).astype(np.int64)
        return (((head[at] << 4) | fit) << (_ORDER_BITS + 5)) | tail[at]

    words = words_of(index, query)
    if words is None:
        return pool[np.argsort(packed(np.zeros(len(pool))))]
    low, high = words.bounds(pool)
    best, worst = packed(high), packed(low)
    unsure = np.flatnonzero(best != worst)
    if limit >= len(pool):
        worst[unsure] = packed(words.exact(index, pool[unsure]), unsure)
        return pool[np.argsort(worst)]
    # Exact scores, likeliest first, in growing batches; each batch can only lower the limit-th key, and an entry
    # whose best case is past it can never be among the first `limit` (keys are unique: they end in the position).
    unsure = unsure[np.argsort(best[unsure], kind="stable")]
    done, batch = 0, _FIRST_BATCH
    while done < len(unsure):
        threshold = np.partition(worst, limit - 1)[limit - 1]
        if best[unsure[done]] > threshold:
            break
        now = unsure[done : done + batch]
        worst[now] = packed(words.exact(index, pool[now]), now)
        done, batch = done + len(now), batch * 2
    worst[unsure[done:]] = best[unsure[done:]]  # never scored: past the first `limit`, ordered by their bound
    return pool[np.argsort(worst)]


def word_scores(index: Index, query: Query, positions: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(entries that can score, their word scores), of `positions` when given."""
    words = words_of(index, query)
    if words is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    hits = words.hits(len(index.entries))
    scored = np.flatnonzero(hits) if positions is None else positions[hits[positions]]
    return scored, words.exact(index, scored) if len(scored) else np.zeros(0)
