"""Name scores for many entries at once: rapidfuzz in C over every name of the candidate entries, rules as masks.

Same scores as scoring each candidate's names one by one in Python (tests/search/test_name_scores.py checks),
but the cost per candidate is a few array operations, so thousands of look-alike names stay cheap."""

from __future__ import annotations

from collections.abc import Container, Sequence

import numpy as np
from rapidfuzz import fuzz, process


class NameRows:
    """Every (compact name, spaced name) pair of every entry, flattened in entry order."""

    def __init__(self, names: Sequence[tuple[Sequence[str], Sequence[str], Container[str]]]):
        """`names[i]` is (compact names, spaced names, generic names) of entry i; pairs are zipped as given."""
        counts = np.zeros(len(names), dtype=np.int64)
        compact: list[str] = []
        spaced: list[str] = []
        generic: list[bool] = []
        for i, (cnames, snames, gen) in enumerate(names):
            pairs = [(c, s) for c, s in zip(cnames, snames, strict=False) if c]
            counts[i] = len(pairs)
            for c, s in pairs:
                compact.append(c)
                spaced.append(s)
                generic.append(c in gen)
        self.compact, self.spaced = np.asarray(compact, dtype=object), np.asarray(spaced, dtype=object)
        self.generic = np.asarray(generic, dtype=bool)
        self.lengths = np.fromiter((len(c) for c in compact), dtype=np.int64, count=len(compact))
        self.has_space = np.fromiter((" " in s for s in spaced), dtype=bool, count=len(spaced))
        self.ends = np.cumsum(counts)
        self.starts = self.ends - counts

    def rows_of(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The name rows of these entry positions, and for each row the index of its entry in `positions`."""
        sizes = self.ends[positions] - self.starts[positions]
        which = np.repeat(np.arange(len(positions)), sizes)
        offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return self.starts[positions][which] + offsets, which


def score_names(rows: NameRows, positions: np.ndarray, q: str, spaced_q: str, full: str, long_q: bool,
                phrase_q: bool) -> np.ndarray:
    """The best name score (0–100) of each entry in `positions` for the compact query `q`.

    Rules, first that applies: a name (4+, not generic) inside the query; a long name inside the fuller text;
    a distinctive query inside a longer name (partial_ratio); the query as the start or part of a name
    (5+ characters, not a known phrase). A spaced query or name may also score by sorted tokens."""
    if not len(positions):
        return np.zeros(0)
    row_ids, which = rows.rows_of(positions)
    names = rows.compact[row_ids].tolist()
    lengths, generic = rows.lengths[row_ids], rows.generic[row_ids]
    score = process.cdist([q], names, scorer=fuzz.ratio, processor=None, dtype=np.float64)[0]
    m = len(q)
    decided = np.zeros(len(names), dtype=bool)
    short = np.flatnonzero((lengths >= 4) & (lengths <= m) & ~generic)
    inside = short[[names[r] in q for r in short]] if len(short) else short
    score[inside] = np.maximum(score[inside], 90 + 10 * lengths[inside] / m)
    decided[inside] = True
    if full != q:
        long_rows = np.flatnonzero((lengths >= 8) & (lengths <= len(full)) & ~generic & ~decided)
        in_full = long_rows[[names[r] in full for r in long_rows]] if len(long_rows) else long_rows
        score[in_full] = np.maximum(score[in_full], 90 + 10 * lengths[in_full] / len(full))
        decided[in_full] = True
    if long_q:
        longer = np.flatnonzero((lengths > m) & ~decided)
        head2, head3 = q[:2], q[:3]
        distinctive = longer[[names[r][:2] != head2 and head3 in names[r] for r in longer]] if len(longer) \
            else longer
        if len(distinctive):
            partial = process.cdist([q], [names[r] for r in distinctive], scorer=fuzz.partial_ratio,
                                    processor=None, dtype=np.float64)[0]
            good = partial >= 90
            score[distinctive[good]] = np.maximum(score[distinctive[good]], partial[good] - 3)
            decided[distinctive] = True
    if m >= 5 and not phrase_q:
        longer = np.flatnonzero((lengths >= m) & ~decided)
        holding = longer[[q in names[r] for r in longer]] if len(longer) else longer
        if len(holding):
            starts = np.fromiter((names[r].startswith(q) for r in holding), dtype=bool, count=len(holding))
            value = np.where(starts, 92.0, 84 + 14 * m / lengths[holding])
            score[holding] = np.maximum(score[holding], value)
    spaced_rows = np.arange(len(names)) if " " in spaced_q else np.flatnonzero(rows.has_space[row_ids])
    if len(spaced_rows):
        tokens = process.cdist([spaced_q], rows.spaced[row_ids[spaced_rows]].tolist(),
                               scorer=fuzz.token_sort_ratio, processor=None, dtype=np.float64)[0]
        score[spaced_rows] = np.maximum(score[spaced_rows], tokens - 2)
    best = np.zeros(len(positions))
    np.maximum.at(best, which, score)
    return best


def score_words(rows: NameRows, positions: np.ndarray, words: list[str], inside: list[np.ndarray],
                equal: list[np.ndarray], partial: list[np.ndarray], address: list[np.ndarray | None]) -> np.ndarray:
    """For each entry in `positions`, the mean over words of the best fit of the word to one of its names:
    100 equal, 95 inside (60 for a word under 4 characters), else 0.9·partial_ratio when ≥ 80; at least 70
    when the word is in the entry's address. Per word, `inside`, `equal`, `partial` (where partial_ratio can
    reach 80) and `address` are boolean arrays over all entries, found through the bigram indexes."""
    total = np.zeros(len(positions))
    for at, word in enumerate(words):
        best = np.where(inside[at][positions], 95.0 if len(word) >= 4 else 60.0, 0.0)
        best[equal[at][positions]] = 100.0
        if len(word) >= 4:
            maybe = np.flatnonzero(partial[at][positions] & (best == 0))
            if len(maybe):
                row_ids, which = rows.rows_of(positions[maybe])
                found = process.cdist([word], rows.compact[row_ids].tolist(), scorer=fuzz.partial_ratio,
                                      processor=None, score_cutoff=80, dtype=np.float64)[0]
                fit = np.zeros(len(maybe))
                np.maximum.at(fit, which, np.where(found >= 80, found * 0.9, 0.0))
                best[maybe] = fit
        where = address[at]
        if where is not None:
            best = np.where(where[positions] & (best < 70), 70.0, best)
        total += best
    return total / len(words) if words else total
