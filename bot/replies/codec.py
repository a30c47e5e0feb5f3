"""Compact postback data (≤300 chars) carrying an action, its argument and the session's sequence number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

MAX_DATA = 300
_ACTION = re.compile(r"[a-z][a-z_]{0,19}")  # which actions exist is handlers.buttons.POSTBACKS


@dataclass(frozen=True)
class Postback:
    """A decoded postback: action, optional item id, and the list sequence it belongs to."""

    action: str
    seq: int | None = None
    item: str | None = None


def encode(action: str, seq: int | None = None, item: str | None = None) -> str:
    """Encode a postback as query-string data, e.g. "a=more&s=3"."""
    fields = {"a": action}
    if seq is not None:
        fields["s"] = str(seq)
    if item is not None:
        fields["i"] = item
    data = urlencode(fields)
    if len(data) > MAX_DATA:
        raise ValueError("postback data over 300 characters")
    return data


def decode(data: str) -> Postback | None:
    """Decode postback data; None for anything not ours or malformed (old formats, forged taps)."""
    if not data or len(data) > MAX_DATA:
        return None
    try:
        fields = dict(parse_qsl(data, strict_parsing=True))
    except ValueError:
        return None
    action = fields.get("a")
    if action is None or not _ACTION.fullmatch(action):
        return None
    seq_raw = fields.get("s")
    if seq_raw is not None and not (seq_raw.isascii() and seq_raw.isdigit()):  # "²".isdigit(), int("²") fails
        return None
    return Postback(action=action, seq=int(seq_raw) if seq_raw else None, item=fields.get("i"))
