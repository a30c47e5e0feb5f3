"""The one error type citizens may see: raised by handlers, turned into a friendly reply by answer()."""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    """A problem the citizen can act on; `key` names a phrase in the catalogue, `params` fill it in."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
