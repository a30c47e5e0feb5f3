"""Redis key names for a citizen: LINE ids are hashed, so they never appear in keys or logs."""

from __future__ import annotations

import hashlib


def user_key(source_id: str) -> str:
    """A stable, non-reversible key for a LINE user/group id."""
    return hashlib.sha256(source_id.encode()).hexdigest()[:32]
