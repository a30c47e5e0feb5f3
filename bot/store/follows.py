"""Follows in Redis: per-audience sets of LINE user ids (what notices send to) and each citizen's own list.

Key schema (shared with the notices sender, keep it exactly):
`rianru:audience:<kind>:<value>` = SET of raw LINE user ids, kind province (name_th), topic or venue (id);
`rianru:follows:<user_key>` = SET of "<kind>:<value>" strings, the citizen's list.
Raw ids are needed to multicast; they are never logged and never used in key names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import redis

KINDS = ("province", "topic", "venue")
LINE_PREFIX = "rianru:"
PROGRESS = "progress"  # tour progress keys: <prefix>progress:<user_key>:*


def audience_key(kind: str, value: str, prefix: str = LINE_PREFIX) -> str:
    """The Redis SET of LINE user ids who follow `kind` `value`."""
    if kind not in KINDS:
        raise ValueError(f"unknown follow kind {kind!r}")
    return f"{prefix}audience:{kind}:{value}"


def follows_key(who: str, prefix: str = LINE_PREFIX) -> str:
    """The Redis SET of "<kind>:<value>" items one citizen (hashed key) follows."""
    return f"{prefix}follows:{who}"


def _text(member: bytes | str) -> str:
    return member.decode() if isinstance(member, bytes) else member


def members(client: redis.Redis, kind: str, value: str, prefix: str = LINE_PREFIX) -> set[str]:
    """The LINE user ids following `kind` `value` (the audience of a notice)."""
    raw: Any = client.smembers(audience_key(kind, value, prefix))
    return {_text(m) for m in raw}


def follows_of(client: Any, who: str, prefix: str = LINE_PREFIX) -> tuple[str, ...]:
    """What one citizen follows, as sorted "<kind>:<value>" strings."""
    raw: Any = client.smembers(follows_key(who, prefix))
    return follows_from(raw)


def follows_from(raw: Any) -> tuple[str, ...]:
    """The raw members of a citizen's follows SET as sorted "<kind>:<value>" strings."""
    return tuple(sorted(_text(m) for m in raw))


@dataclass
class Citizen:
    """Who an effect is about: the hashed key, the raw LINE id (None for stand-ins) and what was read first."""

    who: str
    line_id: str | None
    follows: tuple[str, ...] = ()
    progress_keys: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, pipe: Any, prefix: str, who: str, line_id: str | None, forgetting: bool) -> Citizen:
        """Read (before the transaction's MULTI) what the writers need to undo."""
        keys = [_text(k) for k in pipe.scan_iter(match=f"{prefix}{PROGRESS}:{who}:*", count=500)] if forgetting \
            else []
        return cls(who, line_id, follows_of(pipe, who, prefix), keys)


def split(item: str) -> tuple[str, str]:
    """ "province:ขอนแก่น" → ("province", "ขอนแก่น")."""
    kind, _, value = item.partition(":")
    return kind, value


def write_follow(pipe: Any, prefix: str, citizen: Citizen, kind: str, value: str) -> None:
    """Join an audience and add it to the citizen's list."""
    pipe.sadd(follows_key(citizen.who, prefix), f"{kind}:{value}")
    if citizen.line_id:
        pipe.sadd(audience_key(kind, value, prefix), citizen.line_id)


def write_unfollow(pipe: Any, prefix: str, citizen: Citizen, kind: str, value: str) -> None:
    """Leave an audience and remove it from the citizen's list."""
    pipe.srem(follows_key(citizen.who, prefix), f"{kind}:{value}")
    if citizen.line_id:
        pipe.srem(audience_key(kind, value, prefix), citizen.line_id)


def write_unfollow_all(pipe: Any, prefix: str, citizen: Citizen) -> None:
    """Leave every audience on the citizen's list and delete the list."""
    for item in citizen.follows:
        kind, value = split(item)
        if kind in KINDS and citizen.line_id:
            pipe.srem(audience_key(kind, value, prefix), citizen.line_id)
    pipe.delete(follows_key(citizen.who, prefix))


def write_forget(pipe: Any, prefix: str, citizen: Citizen) -> None:
    """Blocked: leave every audience, delete the list and every tour-progress key."""
    write_unfollow_all(pipe, prefix, citizen)
    for key in citizen.progress_keys:
        pipe.delete(key)
