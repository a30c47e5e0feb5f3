"""The search Index: built once per catalog; find(query) ranks venues and tour routes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from bot.catalog.models import Catalog
from bot.search import filtering
from bot.search.candidates import NameCandidates
from bot.search.columns import Columns
from bot.search.entries import Entry, build_entries
from bot.search.lexicon import Lexicon
from bot.search.name_scores import NameRows, score_names
from bot.search.pools import Pools
from bot.search.spatial import Spatial
from bot.search.thai import compact, normalise
from bot.search.understand import Query

NAME_STRONG = 88.0  # a name or alias this close is what the citizen meant
NAME_WEAK = 80.0  # close enough to offer as "did you mean" when nothing else matched
_NAMED_SHOWN = 3  # a named answer shows its venue and two alternatives: only that many are ranked and returned


@dataclass(frozen=True)
class SearchResult:
    """Ranked ids and how they were found; `mode` is named, filtered, nearby, need_location or none.

    A named result holds only what a named answer shows: the venue and at most two alternatives."""

    ids: tuple[str, ...]
    mode: str
    distances: dict[str, float] | None = None


_IN_ORDER_MAX = 30  # longer text is a sentence, not a name
_GAP = 4  # letters that may be missing between two typed ones


def _letters_in_order(core: str, name: str) -> bool:
    """Every letter of `core` appears in `name` in order, each within _GAP letters of the previous (greedy)."""
    start = name.find(core[:2])
    while start >= 0:
        pos, ok = start + 1, True
        for letter in core[2:]:
            nxt = name.find(letter, pos + 1, pos + 2 + _GAP)
            if nxt < 0:
                ok = False
                break
            pos = nxt
        if ok:
            return True
        start = name.find(core[:2], start + 1)
    return False


class Index:
    """Search structures for one catalog version."""

    def __init__(self, catalog: Catalog, lexicon: Lexicon, forms: Mapping[str, str] | None = None):
        """`forms`: catalog words already normalised with the lexicon's corrections (build_lexicon fills them)."""
        self.catalog, self.lexicon = catalog, lexicon
        fix = lexicon.corrections
        entries = build_entries(catalog, lexicon, forms)
        self.entries = entries
        self.by_id = {e.id: e for e in entries}
        # Topic words normalised once here, not for every entry of every query.
        self.topic_keys = {t: tuple(dict.fromkeys(compact(normalise(w, fix)) for w in (t, *words)))
                           for t, words in catalog.keywords.topics.items()}
        # Sub-linear search: candidates before scoring, filters as id sets, a k-d tree for nearby.
        self.positions = {e.id: i for i, e in enumerate(entries)}
        self.ids = [e.id for e in entries]
        self.candidates = NameCandidates([(e.names, e.spaced_names) for e in entries])
        self.columns = Columns(entries, (prefer for _, prefer in lexicon.prefers))
        self.pools = Pools(entries, self.topic_keys, self.columns.scans["text"].rows)
        self.name_rows = NameRows([(e.names, e.spaced_names, e.generic) for e in entries])
        self.id_array = np.asarray(self.ids, dtype=object)
        self.spatial = Spatial([(i, e.lat, e.lon) for i, e in enumerate(entries)
                                if e.kind == "venue" and e.lat is not None and e.lon is not None])

    def name_scores(self, query: Query, cutoff: float = NAME_WEAK) -> dict[str, float]:
        """How well the query's words name each entry (only those ≥ cutoff), Thai-safe (no default processor)."""
        q = query.core
        if not q:
            return {}
        long_q = len(q) >= 8 and bool(query.words) and q not in self.lexicon.phrases
        # Only entries that can reach the cut-off are scored (candidates.py proves the others cannot).
        pool = np.asarray(self.candidates.for_name(q, query.text, cutoff, q not in self.lexicon.phrases,
                                                   query.full), dtype=np.int64)
        best = score_names(self.name_rows, pool, q, query.text, query.full or q, long_q, q in self.lexicon.phrases)
        kept = best >= cutoff
        return dict(zip(self.id_array[pool[kept]].tolist(), best[kept].tolist(), strict=True))

    def close_names(self, query: Query | None, ids: tuple[str, ...]) -> list[str]:
        """Those of `ids` whose names are close to the query too (the alternatives shown beside a named venue)."""
        if query is None or not query.core:
            return []
        q = query.core
        return [i for i in ids if i in self.by_id and max(
            (fuzz.ratio(q, n, processor=None) for n in self.by_id[i].names if n), default=0) >= NAME_WEAK]

    def word_scores(self, query: Query) -> dict[str, float]:
        """How well the leftover words (not places, types or fillers) fit each entry's names (0–100), for the
        entries where a word can score at all; a word in an entry's address (a landmark or street:
        "เซ็นทรัลเวิลด์", "ราชดำเนิน") also counts."""
        scored, values = filtering.word_scores(self, query, None)
        keep = values > 0
        return dict(zip(self.id_array[scored[keep]].tolist(), values[keep].tolist(), strict=True))

    def find(self, query: Query, anchor: tuple[float, float] | None = None) -> SearchResult:
        """Rank entries for a parsed query; `anchor` is the citizen's last known point for "nearby"."""
        # Scored from NAME_STRONG up first: that cut-off prunes far harder, and only the "did you mean" list at the
        # end reads the weaker band (each entry's score is its own, so both ways give the same strong set).
        scores = self.name_scores(query, NAME_STRONG)
        strong = [self.by_id[i] for i in scores]
        if query.nearby and not strong:
            if anchor is None:
                return SearchResult((), "need_location")
            return self.nearest(anchor, query.venue_types, query=query)
        if query.has_filters:
            filtered, preferred = filtering.passing(self, query, self._places(query))
            in_filter = np.zeros(len(self.entries), dtype=bool)
            in_filter[filtered] = True
            # An exact name wins over filters read from inside it (สิรินธร is also a district).
            fitting = [e for e in strong if in_filter[self.positions[e.id]] or scores[e.id] >= 100]
            # A clear name match outside the filters beats filters that no listed name supports
            # ("หอศิลป์ กทม" is an alias of a venue that is neither a museum nor about ศิลปะ by type).
            places = self._places(query)
            # ...but a name plus a place means that place's branch, never a namesake elsewhere.
            said = [compact(normalise(w)) for w in (*query.districts, *query.provinces)]
            outside = [e for e in strong if (not places or e.provinces & places  # unless the place is in the name
                                             or any(w and w in name for w in said for name in e.names))
                       and not e.types & set(query.inside_types)]  # the museum a library is inside
            if not fitting and outside and max(scores[e.id] for e in outside) >= 92 \
                    and not any(in_filter[self.positions[e.id]] for e in strong):
                fitting = [e for e in outside if scores[e.id] >= 92]
            if fitting and (query.words or any(scores[e.id] >= 92 for e in fitting)):
                fitting.sort(key=lambda e: (-scores[e.id], e.precision, e.order))
                first = np.fromiter((self.positions[e.id] for e in fitting), dtype=np.int64, count=len(fitting))
                if len(first) >= _NAMED_SHOWN and not query.wants_tour:  # the rest could not be shown
                    return SearchResult(self._id_tuple(first[:_NAMED_SHOWN], query), "named")
                in_filter[first] = False
                rest = filtering.ranked(self, query, filtered, preferred, len(first) + _NAMED_SHOWN)
                rest = rest[: len(first) + _NAMED_SHOWN]  # routes asked for lead ranked(): they are among these
                shown = self._id_tuple(np.concatenate([first, rest[in_filter[rest]]]), query)[:_NAMED_SHOWN]
                return SearchResult(shown, "named")
            if len(filtered):
                ranked = filtering.ranked(self, query, filtered, preferred, filtering.EXACT_RANKS)
                return SearchResult(self._id_tuple(ranked, query), "filtered")
            if strong:
                strong.sort(key=lambda e: (-scores[e.id], e.precision, e.order))
                return SearchResult(self._ids(strong, query)[:_NAMED_SHOWN], "named")
            return SearchResult((), "none")
        if strong:
            strong.sort(key=lambda e: (-scores[e.id], e.precision, e.order))
            return SearchResult(self._ids(strong, query)[:_NAMED_SHOWN], "named")
        weak_scores = self.name_scores(query, NAME_WEAK) if len(query.core) >= 5 else {}
        weak = sorted((self.by_id[i] for i in weak_scores), key=lambda e: (-weak_scores[e.id], e.order))[:3]
        if not weak and query.words and len(query.core) >= 8:
            weak = self._in_order(query.core)
        return SearchResult(tuple(e.id for e in weak), "named" if weak else "none")

    def _in_order(self, core: str) -> list[Entry]:
        """Names holding every letter of the query in order with small gaps ("บ้านจิมทอมสัน" in
        "พิพิธภัณฑ์บ้านไทยจิมทอมป์สัน": a dropped word and a dropped mark); at most three, else none."""
        if len(core) > _IN_ORDER_MAX:
            return []
        grams = self.candidates.compact
        rows = grams.posting(core[:2])  # the greedy match starts at the query's first two letters, side by side
        owners = sorted({int(grams.owner[r]) for r in rows.tolist() if _letters_in_order(core, grams.texts[r])})
        return [self.entries[pos] for pos in owners] if len(owners) <= 3 else []

    def _id_tuple(self, positions: np.ndarray, query: Query) -> tuple[str, ...]:
        """The ids at these positions, routes first when the citizen asked for routes (stable otherwise)."""
        if query.wants_tour:
            positions = positions[np.argsort(~self.columns.is_tour[positions], kind="stable")]
        return tuple(self.id_array[positions].tolist())

    def _ids(self, entries: list[Entry], query: Query) -> tuple[str, ...]:
        """The ids of these entries in their order (routes first when asked for, as _id_tuple)."""
        return self._id_tuple(np.fromiter((e.order for e in entries), dtype=np.int64, count=len(entries)), query)

    def nearest(self, point: tuple[float, float], types: tuple[str, ...] = (), query: Query | None = None,
                limit: int = 30) -> SearchResult:
        """Venues nearest to a point (optionally of some types), with distances in km."""
        typed = self.pools.union(self.pools.by_type, types) & self.pools.located if types else self.pools.located
        narrow = False
        if query and (query.topics or query.audience):
            fits = self.pools.union(self.pools.by_topic, query.topics) | self.pools.union(
                self.pools.by_audience, {a for want in query.audience for a in filtering.FAMILY.get(want, (want,))})
            narrow = bool(fits & typed)  # narrowed to topic or audience when any venue fits, else all of the type
            typed = fits & typed if narrow else typed
        if query:
            text = query.full or query.core
            prefer = tuple(p for when, p in self.lexicon.prefers if when in text)
            if prefer:
                preferred = {pos for pos in typed if any(p in self.entries[pos].name_th for p in prefer)}
                typed = preferred or typed
        found = self.spatial.nearest(point, typed.__contains__, limit, lambda pos: self.entries[pos].order)
        # A venue placed only at a district or province centre never outranks an exact one at the same distance.
        found.sort(key=lambda kp: (round(kp[0], 1), self.entries[kp[1]].precision, self.entries[kp[1]].order))
        chosen = [(self.entries[pos].id, km) for km, pos in found]
        return SearchResult(tuple(i for i, _ in chosen), "nearby", dict(chosen))

    def types_present(self, places: set[str], besides: Sequence[str]) -> list[str]:
        """Other venue types found in these provinces, the most common first (ties: first listed first)."""
        where = np.flatnonzero(self.pools.mask("province", places) & ~self.columns.is_tour)
        found = []
        for vtype in self.pools.by_type:
            if vtype not in besides:
                has = self.pools.mask("type", [vtype])[where]
                if has.any():
                    found.append((-int(has.sum()), int(np.argmax(has)), vtype))
        return [vtype for _, _, vtype in sorted(found)]

    def _places(self, query: Query) -> set[str]:
        places = set(query.provinces)
        for key in query.regions:
            region = self.catalog.places.regions.get(key)
            if region:
                places.update(region.provinces)
        return places

    def _topic_fit(self, query: Query, entry: Entry) -> bool:
        return any(key in entry.text for t in query.topics for key in self.topic_keys.get(t, ()))

    @staticmethod
    def _audience_fit(query: Query, entry: Entry) -> bool:
        wanted = {a for want in query.audience for a in filtering.FAMILY.get(want, (want,))}
        return any(a in wanted for a in entry.audience)
