"""Our names, aliases and topics in one bigram index: is a word part of a name, does a text look like one."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from bot.search.candidates import GramIndex

_CHUNK = 256  # names scored per batch before checking whether one already matched
_RARE = 3  # bigrams whose names are tried first


class NameText:
    """Compact names, one row each of a bigram index (built with the lexicon, once per content version)."""

    def __init__(self, names: Iterable[str]):
        self.rows = GramIndex((name, i) for i, name in enumerate(names) if name)

    def holds(self, word: str) -> bool:
        """True when `word` is inside one of our names."""
        if len(word) < 2:
            return any(word in text for text in self.rows.texts)
        return self.rows.any_containing(word)

    def resembles(self, text: str, cutoff: float) -> bool:
        """True when partial_ratio(text, a name) reaches `cutoff`: only names the bigram bound allows are scored,
        likeliest first, stopping at the first that does."""
        if self._rare_pieces_resemble(text, cutoff):
            return True
        rows = self.rows.partial_rows(text, cutoff, by_overlap=True).tolist()
        for start in range(0, len(rows), _CHUNK):
            names = [self.rows.texts[r] for r in rows[start : start + _CHUNK]]
            if process.extractOne(text, names, scorer=fuzz.partial_ratio, processor=None, score_cutoff=cutoff):
                return True
        return False

    def _rare_pieces_resemble(self, text: str, cutoff: float) -> bool:
        """A quick first look: the few names that share the text's rarest bigrams are the likeliest to match,
        and finding one spares counting every bigram of every name."""
        postings = [p for p in self.rows.rarest_first(text) if len(p)][:_RARE]
        rows = np.unique(np.concatenate(postings))[:_CHUNK].tolist() if postings else []
        names = [self.rows.texts[r] for r in rows]
        return bool(names) and process.extractOne(text, names, scorer=fuzz.partial_ratio, processor=None,
                                                  score_cutoff=cutoff) is not None
