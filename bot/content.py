"""A Content is one content version ready to serve: catalog, lexicon and search index built together."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from bot.catalog.models import Catalog
from bot.heap import collector_paused, release_free_memory
from bot.search.index import Index
from bot.search.lexicon import Lexicon, build_lexicon


@dataclass(frozen=True)
class Content:
    """Swapped as one reference, so a request never sees a half-built catalog."""

    catalog: Catalog
    lexicon: Lexicon
    index: Index

    @classmethod
    def build(cls, catalog: Catalog) -> Content:
        """Build the lexicon (newmm dictionary) and index for a loaded catalog (reused per content version)."""
        with _LOCK:
            cached = _BUILT.get(catalog.version) if catalog.version else None
            if cached is not None and cached.catalog == catalog:
                return cached
        with collector_paused():
            forms: dict[str, str] = {}  # names normalised once for both, then dropped
            lexicon = build_lexicon(catalog, forms)
            content = cls(catalog, lexicon, Index(catalog, lexicon, forms))
        del forms
        if catalog.version:
            with _LOCK:
                _BUILT.clear()  # keep one version: an old one is never served again in this process
                _BUILT[catalog.version] = content
        release_free_memory()
        return content


_LOCK = threading.Lock()
_BUILT: dict[str, Content] = {}
