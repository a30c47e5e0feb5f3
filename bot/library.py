"""A Library is one content version ready to serve: catalog, lexicon and search index built together."""

from __future__ import annotations

import threading
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
        """Build the lexicon (newmm dictionary) and index for a loaded catalog (reused per content version)."""
        with _LOCK:
            cached = _BUILT.get(catalog.version) if catalog.version else None
            if cached is not None and cached.catalog == catalog:
                return cached
        lexicon = build_lexicon(catalog)
        library = cls(catalog, lexicon, Index(catalog, lexicon))
        if catalog.version:
            with _LOCK:
                _BUILT.clear()  # keep one version: an old one is never served again in this process
                _BUILT[catalog.version] = library
        return library


_LOCK = threading.Lock()
_BUILT: dict[str, Library] = {}
