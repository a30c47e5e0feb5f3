"""A Library is one content version ready to serve: catalog, lexicon and search index built together."""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog import Catalog
from bot.lexicon import Lexicon, build_lexicon
from bot.search import Index


@dataclass(frozen=True)
class Library:
    """Swapped as one reference, so a request never sees a half-built catalog."""

    catalog: Catalog
    lexicon: Lexicon
    index: Index

    @classmethod
    def build(cls, catalog: Catalog) -> Library:
        """Build the lexicon (newmm dictionary) and index for a loaded catalog."""
        lexicon = build_lexicon(catalog)
        return cls(catalog, lexicon, Index(catalog, lexicon))
