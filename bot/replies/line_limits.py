"""LINE's message limits checked at run time (sizes, labels, links, media), so content is caught before publishing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import regex

MAX_MESSAGES, TEXT_MAX_UTF16, ALT_TEXT_MAX = 5, 5000, 1500
CAROUSEL_MAX_BUBBLES, CAROUSEL_MAX_BYTES, BUBBLE_MAX_BYTES = 12, 50_000, 30_000
QUICK_REPLY_MAX_ITEMS, QUICK_REPLY_LABEL_MAX, FLEX_LABEL_MAX = 13, 20, 40
POSTBACK_DATA_MAX, DISPLAY_TEXT_MAX, URI_MAX, MEDIA_URL_MAX = 300, 300, 1000, 2000
URI_SCHEMES = {"http", "https", "tel", "line"}


def _graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


def _over(text: str, limit: int) -> bool:
    """More than `limit` grapheme clusters (a cluster holds at least one character, so short text is never over)."""
    return len(text) > limit and _graphemes(text) > limit


def _bytes(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def message_problems(messages: list[dict[str, Any]]) -> list[str]:
    """Every LINE limit the messages of one reply break (empty when LINE would accept them)."""
    found: list[str] = []
    if not 1 <= len(messages) <= MAX_MESSAGES:
        found.append(f"{len(messages)} messages in one reply (LINE allows 1–{MAX_MESSAGES})")
    for n, message in enumerate(messages):
        where = f"messages[{n}]"
        if message.get("type") == "text":
            units = len(str(message.get("text", "")).encode("utf-16-le")) // 2
            if not units or units > TEXT_MAX_UTF16:
                found.append(f"{where}.text: {units} UTF-16 units (LINE allows 1–{TEXT_MAX_UTF16})")
        if message.get("type") == "flex":
            alt = str(message.get("altText", ""))
            if not alt.strip() or len(alt) > ALT_TEXT_MAX:
                found.append(f"{where}.altText: {len(alt)} characters (LINE allows 1–{ALT_TEXT_MAX})")
            found += _flex(message.get("contents") or {}, f"{where}.contents")
        items = (message.get("quickReply") or {}).get("items", [])
        if len(items) > QUICK_REPLY_MAX_ITEMS:
            found.append(f"{where}.quickReply: {len(items)} items > {QUICK_REPLY_MAX_ITEMS}")
        for i, item in enumerate(items):
            found += _action(item.get("action") or {}, f"{where}.quickReply.items[{i}].action", QUICK_REPLY_LABEL_MAX)
    return found


def _flex(container: dict[str, Any], where: str) -> list[str]:
    if container.get("type") == "bubble":
        return _bubble(container, where)
    bubbles = container.get("contents") or []
    found = []
    if not 1 <= len(bubbles) <= CAROUSEL_MAX_BUBBLES:
        found.append(f"{where}: {len(bubbles)} bubbles (LINE allows 1–{CAROUSEL_MAX_BUBBLES})")
    if _bytes(container) > CAROUSEL_MAX_BYTES:
        found.append(f"{where}: carousel is {_bytes(container)} bytes > {CAROUSEL_MAX_BYTES}")
    for n, bubble in enumerate(bubbles):
        found += _bubble(bubble, f"{where}.contents[{n}]")
    return found


def _bubble(bubble: dict[str, Any], where: str) -> list[str]:
    found = []
    if _bytes(bubble) > BUBBLE_MAX_BYTES:
        found.append(f"{where}: bubble is {_bytes(bubble)} bytes > {BUBBLE_MAX_BYTES}")
    for path, part in _parts(bubble, where):
        if part.get("type") == "text" and not part.get("text") and not part.get("contents"):
            found.append(f"{path}.text: empty")
        if part.get("type") == "image":
            found += _media(part.get("url"), f"{path}.url")
        if isinstance(part.get("action"), dict):
            found += _action(part["action"], f"{path}.action", FLEX_LABEL_MAX)
    return found


def _parts(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if node.get("type") == "bubble":
        for block in ("header", "hero", "body", "footer"):
            if isinstance(node.get(block), dict):
                yield from _parts(node[block], f"{where}.{block}")
        return
    yield where, node
    for n, child in enumerate(node.get("contents") or [] if node.get("type") == "box" else []):
        yield from _parts(child, f"{where}.contents[{n}]")


def _action(action: dict[str, Any], where: str, label_max: int) -> list[str]:
    found = []
    label = action.get("label")
    if isinstance(label, str) and _over(label, label_max):
        found.append(f"{where}.label: {_graphemes(label)} characters > {label_max}")
    if action.get("type") == "postback":
        if len(str(action.get("data", ""))) > POSTBACK_DATA_MAX:
            found.append(f"{where}.data: longer than {POSTBACK_DATA_MAX}")
        display = action.get("displayText")
        if isinstance(display, str) and _over(display, DISPLAY_TEXT_MAX):
            found.append(f"{where}.displayText: longer than {DISPLAY_TEXT_MAX}")
    if action.get("type") == "uri":
        found += uri_problems(action.get("uri"), f"{where}.uri")
    return found


def uri_problems(uri: Any, where: str) -> list[str]:
    """What LINE would refuse in a button link: scheme, host, length, spaces or unencoded characters."""
    if not isinstance(uri, str) or not uri:
        return [f"{where}: required"]
    found = []
    parsed = urlparse(uri)
    if len(uri) > URI_MAX:
        found.append(f"{where}: {len(uri)} characters > {URI_MAX}")
    if parsed.scheme.lower() not in URI_SCHEMES:
        found.append(f"{where}: scheme {parsed.scheme!r} not allowed")
    elif parsed.scheme.lower() in ("http", "https") and not parsed.netloc:
        found.append(f"{where}: {uri[:80]!r} has no host")
    if any(ord(c) > 127 or c.isspace() for c in uri):
        found.append(f"{where}: must be percent-encoded (no spaces or non-ASCII)")
    return found


def _media(url: Any, where: str) -> list[str]:
    if not isinstance(url, str) or not url:
        return [f"{where}: required"]
    parsed, found = urlparse(url), []
    if parsed.scheme != "https" or not parsed.netloc:
        found.append(f"{where}: images must be https URLs, got {url[:80]!r}")
    if len(url) > MEDIA_URL_MAX:
        found.append(f"{where}: {len(url)} characters > {MEDIA_URL_MAX}")
    if any(ord(c) > 127 or c.isspace() for c in url):
        found.append(f"{where}: must be percent-encoded (no spaces or non-ASCII)")
    return found
