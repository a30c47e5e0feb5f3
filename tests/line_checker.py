"""An independent check of LINE message bodies against the limits in /work/shared/LINE.md.

The SDK models enforce only part of LINE's rules (they accept 13-bubble carousels, 6000-char texts, ftp:// URIs
and 100-char labels), so this checker counts what LINE counts itself: text in UTF-16 code units, labels in
grapheme clusters (`regex` `\\X`: Thai "กี่" is one), JSON sizes in UTF-8 bytes. It never imports the bot.

    problems(body_or_messages) -> list[str]    # empty when valid
    assert_valid(body_or_messages)             # AssertionError listing every problem
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import regex
from linebot.v3.messaging import PushMessageRequest, ReplyMessageRequest

MAX_MESSAGES = 5
TEXT_MAX_UTF16 = 5000
TEXT_MAX_EMOJIS = 20
ALT_TEXT_MAX = 1500
CAROUSEL_MAX_BUBBLES = 12
CAROUSEL_MAX_BYTES = 50_000  # "50 KB"; the stricter reading (1000 bytes per KB)
BUBBLE_MAX_BYTES = 30_000  # "30 KB"
QUICK_REPLY_MAX_ITEMS = 13
QUICK_REPLY_LABEL_MAX = 20
FLEX_LABEL_MAX = 40
POSTBACK_DATA_MAX = 300
DISPLAY_TEXT_MAX = 300
MESSAGE_TEXT_MAX = 300
URI_MAX = 1000
URI_SCHEMES = {"http", "https", "tel", "line"}
MEDIA_URL_MAX = 2000
LOCATION_FIELD_MAX = 100
QUICK_REPLY_ACTIONS = {"postback", "message", "uri", "datetimepicker", "camera", "cameraRoll", "location",
                       "clipboard"}


def utf16_units(text: str) -> int:
    """Length as LINE counts message text: UTF-16 code units (an emoji outside the BMP is 2)."""
    return len(text.encode("utf-16-le")) // 2


def graphemes(text: str) -> int:
    """Length as LINE counts labels: user-perceived characters (Thai "กี่" and a flag emoji are 1 each)."""
    return len(regex.findall(r"\X", text))


def json_bytes(value: Any) -> int:
    """Size of the compact UTF-8 JSON LINE receives."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def problems(body: dict[str, Any] | list[dict[str, Any]]) -> list[str]:
    """Every rule a reply/push request body (or a bare list of messages) breaks; empty when valid."""
    found: list[str] = []
    if isinstance(body, dict):
        messages = body.get("messages")
        if "replyToken" in body:
            if not isinstance(body["replyToken"], str) or not body["replyToken"]:
                found.append("replyToken: must be a non-empty string")
        elif "to" in body:
            if not isinstance(body["to"], str) or not body["to"]:
                found.append("to: must be a non-empty string")
        else:
            found.append("body: neither replyToken (reply) nor to (push)")
    else:
        messages = body
    if not isinstance(messages, list):
        return [*found, "messages: must be a list"]
    if not 1 <= len(messages) <= MAX_MESSAGES:
        found.append(f"messages: {len(messages)} messages, LINE allows 1–{MAX_MESSAGES}")
    for n, message in enumerate(messages):
        where = f"messages[{n}]"
        if not isinstance(message, dict):
            found.append(f"{where}: not an object")
            continue
        found += _check_message(message, where)
        if "quickReply" in message and n != len(messages) - 1:
            found.append(f"{where}.quickReply: only the last message's quick reply is shown")
    found += _check_with_sdk(body, messages)
    return found


def assert_valid(body: dict[str, Any] | list[dict[str, Any]]) -> None:
    """Fail with every problem listed (and the offending body) when the body breaks a LINE rule."""
    found = problems(body)
    assert not found, "LINE would reject or misshow this:\n  " + "\n  ".join(found) + \
        "\n" + json.dumps(body, ensure_ascii=False)[:3000]


def _check_message(message: dict[str, Any], where: str) -> list[str]:
    found: list[str] = []
    kind = message.get("type")
    if kind == "text":
        text = message.get("text")
        if not isinstance(text, str) or not text:
            found.append(f"{where}.text: required, non-empty")
        elif utf16_units(text) > TEXT_MAX_UTF16:
            found.append(f"{where}.text: {utf16_units(text)} UTF-16 units > {TEXT_MAX_UTF16}")
        if len(message.get("emojis") or []) > TEXT_MAX_EMOJIS:
            found.append(f"{where}.emojis: more than {TEXT_MAX_EMOJIS} LINE emojis")
    elif kind == "flex":
        found += _check_alt_text(message, where)
        found += _check_flex(message.get("contents"), f"{where}.contents")
    elif kind == "template":
        found += _check_alt_text(message, where)
        for path, action in _actions(message.get("template"), f"{where}.template"):
            found += _check_action(action, path, label_max=QUICK_REPLY_LABEL_MAX, label_required=True)
    elif kind == "image":
        for key in ("originalContentUrl", "previewImageUrl"):
            found += _check_media_url(message.get(key), f"{where}.{key}")
    elif kind == "location":
        for key in ("title", "address"):
            value = message.get(key)
            if not isinstance(value, str) or not value:
                found.append(f"{where}.{key}: required")
            elif len(value) > LOCATION_FIELD_MAX:
                found.append(f"{where}.{key}: {len(value)} characters > {LOCATION_FIELD_MAX}")
    elif kind not in ("sticker", "video", "audio", "imagemap"):
        found.append(f"{where}.type: unknown message type {kind!r}")
    if "quickReply" in message:
        found += _check_quick_reply(message["quickReply"], f"{where}.quickReply")
    return found


def _check_alt_text(message: dict[str, Any], where: str) -> list[str]:
    alt = message.get("altText")
    if not isinstance(alt, str) or not alt.strip():
        return [f"{where}.altText: required, non-empty"]
    if len(alt) > ALT_TEXT_MAX:
        return [f"{where}.altText: {len(alt)} characters > {ALT_TEXT_MAX}"]
    return []


def _check_flex(container: Any, where: str) -> list[str]:
    if not isinstance(container, dict):
        return [f"{where}: flex contents must be a bubble or carousel object"]
    if container.get("type") == "bubble":
        return _check_bubble(container, where)
    if container.get("type") != "carousel":
        return [f"{where}.type: {container.get('type')!r} is neither bubble nor carousel"]
    found: list[str] = []
    bubbles = container.get("contents") or []
    if not 1 <= len(bubbles) <= CAROUSEL_MAX_BUBBLES:
        found.append(f"{where}: {len(bubbles)} bubbles, LINE allows 1–{CAROUSEL_MAX_BUBBLES}")
    size = json_bytes(container)
    if size > CAROUSEL_MAX_BYTES:
        found.append(f"{where}: carousel JSON is {size} bytes > {CAROUSEL_MAX_BYTES}")
    sizes = {b.get("size", "mega") for b in bubbles if isinstance(b, dict)}
    if len(sizes) > 1:
        found.append(f"{where}: bubbles of a carousel must share one size, got {sorted(sizes)}")
    for n, bubble in enumerate(bubbles):
        if not isinstance(bubble, dict) or bubble.get("type") != "bubble":
            found.append(f"{where}.contents[{n}]: a carousel holds bubbles only")
            continue
        found += _check_bubble(bubble, f"{where}.contents[{n}]")
    return found


def _check_bubble(bubble: dict[str, Any], where: str) -> list[str]:
    found: list[str] = []
    size = json_bytes(bubble)
    if size > BUBBLE_MAX_BYTES:
        found.append(f"{where}: bubble JSON is {size} bytes > {BUBBLE_MAX_BYTES}")
    for path, component in _components(bubble, where):
        kind = component.get("type")
        if kind == "text" and not component.get("text") and not component.get("contents"):
            found.append(f"{path}.text: a flex text needs non-empty text (or spans)")
        if kind in ("image", "video"):
            found += _check_media_url(component.get("url"), f"{path}.url")
        if kind == "video":
            found += _check_media_url(component.get("previewUrl"), f"{path}.previewUrl")
        if kind == "button" and not isinstance(component.get("action"), dict):
            found.append(f"{path}.action: a button needs an action")
        action = component.get("action")
        if isinstance(action, dict):
            found += _check_action(action, f"{path}.action", label_max=FLEX_LABEL_MAX,
                                   label_required=kind == "button")
    return found


def _check_quick_reply(quick_reply: Any, where: str) -> list[str]:
    items = quick_reply.get("items") if isinstance(quick_reply, dict) else None
    if not isinstance(items, list) or not items:
        return [f"{where}.items: 1–{QUICK_REPLY_MAX_ITEMS} items required"]
    found: list[str] = []
    if len(items) > QUICK_REPLY_MAX_ITEMS:
        found.append(f"{where}.items: {len(items)} items > {QUICK_REPLY_MAX_ITEMS}")
    for n, item in enumerate(items):
        path = f"{where}.items[{n}]"
        if not isinstance(item, dict) or item.get("type") != "action" or not isinstance(item.get("action"), dict):
            found.append(f"{path}: must be {{type: action, action: {{…}}}}")
            continue
        if "imageUrl" in item:
            found += _check_media_url(item["imageUrl"], f"{path}.imageUrl")
        action = item["action"]
        if action.get("type") not in QUICK_REPLY_ACTIONS:
            found.append(f"{path}.action.type: {action.get('type')!r} is not allowed in a quick reply")
        found += _check_action(action, f"{path}.action", label_max=QUICK_REPLY_LABEL_MAX, label_required=True)
    return found


def _check_action(action: dict[str, Any], where: str, *, label_max: int, label_required: bool) -> list[str]:
    found: list[str] = []
    label = action.get("label")
    if label is None or label == "":
        if label_required:
            found.append(f"{where}.label: required here")
    elif not isinstance(label, str):
        found.append(f"{where}.label: must be a string")
    elif graphemes(label) > label_max:
        found.append(f"{where}.label: {graphemes(label)} characters > {label_max} ({label!r})")
    kind = action.get("type")
    if kind in ("postback", "datetimepicker"):
        data = action.get("data")
        if not isinstance(data, str) or not data:
            found.append(f"{where}.data: required")
        elif len(data) > POSTBACK_DATA_MAX:
            found.append(f"{where}.data: {len(data)} characters > {POSTBACK_DATA_MAX}")
    if kind == "postback":
        display = action.get("displayText")
        if display is not None and graphemes(display) > DISPLAY_TEXT_MAX:
            found.append(f"{where}.displayText: {graphemes(display)} characters > {DISPLAY_TEXT_MAX}")
        if display is not None and action.get("text") is not None:
            found.append(f"{where}: displayText and text are mutually exclusive")
    elif kind == "message":
        text = action.get("text")
        if not isinstance(text, str) or not text:
            found.append(f"{where}.text: required")
        elif graphemes(text) > MESSAGE_TEXT_MAX:
            found.append(f"{where}.text: {graphemes(text)} characters > {MESSAGE_TEXT_MAX}")
    elif kind == "uri":
        found += _check_uri(action.get("uri"), f"{where}.uri")
        desktop = (action.get("altUri") or {}).get("desktop")
        if desktop is not None:
            found += _check_uri(desktop, f"{where}.altUri.desktop")
    return found


def _check_uri(uri: Any, where: str) -> list[str]:
    if not isinstance(uri, str) or not uri:
        return [f"{where}: required"]
    found = []
    if len(uri) > URI_MAX:
        found.append(f"{where}: {len(uri)} characters > {URI_MAX}")
    scheme = urlparse(uri).scheme.lower()
    if scheme not in URI_SCHEMES:
        found.append(f"{where}: scheme {scheme!r} not allowed (http, https, tel, line)")
    elif scheme in ("http", "https") and not urlparse(uri).netloc:
        found.append(f"{where}: {uri!r} has no host")
    return found


def _check_media_url(url: Any, where: str) -> list[str]:
    if not isinstance(url, str) or not url:
        return [f"{where}: required"]
    found = []
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.netloc:
        found.append(f"{where}: images and media must be https URLs, got {url[:80]!r}")
    if len(url) > MEDIA_URL_MAX:
        found.append(f"{where}: {len(url)} characters > {MEDIA_URL_MAX}")
    if any(ord(c) > 127 or c == " " for c in url):
        found.append(f"{where}: must be percent-encoded (no spaces or non-ASCII)")
    return found


def _components(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every flex component (blocks, boxes and leaves) with its path."""
    if not isinstance(node, dict):
        return
    if node.get("type") == "bubble":
        for block in ("header", "hero", "body", "footer"):
            if isinstance(node.get(block), dict):
                yield from _components(node[block], f"{where}.{block}")
        return
    yield where, node
    if node.get("type") == "box":
        for n, child in enumerate(node.get("contents") or []):
            yield from _components(child, f"{where}.contents[{n}]")


def _actions(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every action object anywhere under `node` (for templates)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("action", "defaultAction") and isinstance(value, dict):
                yield f"{where}.{key}", value
            else:
                yield from _actions(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _actions(value, f"{where}[{n}]")


def _check_with_sdk(body: Any, messages: list[Any]) -> list[str]:
    """The SDK's own models must accept the body and keep every field we sent (a dropped key is a typo)."""
    if isinstance(body, dict) and "to" in body and "replyToken" not in body:
        model, request = PushMessageRequest, {"to": body.get("to") or "U0", "messages": messages}
    else:
        token = body.get("replyToken") if isinstance(body, dict) else None
        model, request = ReplyMessageRequest, {"replyToken": token or "token", "messages": messages}
    try:
        parsed = model.from_dict(request)
    except Exception as exc:  # pydantic ValidationError, or ValueError from a flex discriminator
        return [f"SDK {model.__name__} rejects the body: {type(exc).__name__}: {str(exc)[:300]}"]
    if parsed is None:
        return [f"SDK {model.__name__} rejects the body: nothing parsed"]
    difference = _dropped(messages, parsed.to_dict().get("messages"))
    if difference:
        return [f"SDK {model.__name__} drops or changes fields (a misspelt key?): {difference}"]
    return []


def _dropped(sent: Any, kept: Any, where: str = "messages") -> str | None:
    """The first field we sent that the SDK model did not keep as sent (defaults it adds are fine)."""
    if isinstance(sent, dict) and isinstance(kept, dict):
        for key, value in sent.items():
            if key not in kept:
                return f"{where}.{key} dropped"
            difference = _dropped(value, kept[key], f"{where}.{key}")
            if difference:
                return difference
        return None
    if isinstance(sent, list) and isinstance(kept, list):
        if len(sent) != len(kept):
            return f"{where}: {len(sent)} items sent, {len(kept)} kept"
        for n, (a, b) in enumerate(zip(sent, kept, strict=True)):
            difference = _dropped(a, b, f"{where}[{n}]")
            if difference:
                return difference
        return None
    return None if sent == kept else f"{where}: sent {sent!r:.80}, kept {kept!r:.80}"
