"""The LINE checker catches every limit it claims to check (one broken copy of a valid body per rule)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tests.line_checker import assert_valid, graphemes, problems, utf16_units

Body = dict[str, Any]


def bubble(size: str = "mega", text: str = "มิวเซียมสยาม พิพิธภัณฑ์การเรียนรู้") -> Body:
    return {
        "type": "bubble", "size": size,
        "hero": {"type": "image", "url": "https://example.org/siam.jpg", "size": "full"},
        "body": {"type": "box", "layout": "vertical", "contents": [
            {"type": "text", "text": "พิพิธภัณฑ์", "size": "xs"},
            {"type": "text", "text": text, "wrap": True},
        ]},
        "footer": {"type": "box", "layout": "vertical", "contents": [
            {"type": "button", "action": {"type": "uri", "label": "แผนที่", "uri": "https://maps.google.com/?q=13.7,100.5"}},
            {"type": "button", "action": {"type": "uri", "label": "โทร", "uri": "tel:022252777"}},
            {"type": "button", "action": {"type": "postback", "label": "รายละเอียด", "data": "a=detail&i=museum-siam",
                                          "displayText": "มิวเซียมสยาม"}},
        ]},
    }


def valid_body() -> Body:
    return {"replyToken": "reply-token", "messages": [
        {"type": "text", "text": "พบ 2 แห่ง"},
        {"type": "flex", "altText": "ผลการค้นหา: มิวเซียมสยาม",
         "contents": {"type": "carousel", "contents": [bubble(), bubble()]},
         "quickReply": {"items": [
             {"type": "action", "action": {"type": "postback", "label": "ดูเพิ่มเติม", "data": "a=more&s=1",
                                           "displayText": "ดูเพิ่มเติม"}},
             {"type": "action", "action": {"type": "message", "label": "ห้องสมุด กทม", "text": "ห้องสมุด กทม"}},
             {"type": "action", "action": {"type": "location", "label": "📍 ที่ใกล้ฉัน"}},
         ]}},
    ]}


def text_of(body: Body) -> Body:
    return body["messages"][0]


def flex_of(body: Body) -> Body:
    return body["messages"][1]


def first_bubble(body: Body) -> Body:
    return flex_of(body)["contents"]["contents"][0]


def button(body: Body, n: int = 2) -> Body:
    return first_bubble(body)["footer"]["contents"][n]["action"]


def quick(body: Body, n: int = 0) -> Body:
    return flex_of(body)["quickReply"]["items"][n]["action"]


def qr_item(label: str) -> Body:
    return {"type": "action", "action": {"type": "message", "label": label, "text": label}}


def set_(getter: Callable[[Body], Body], key: str, value: Any) -> Callable[[Body], None]:
    return lambda body: getter(body).__setitem__(key, value)


def drop(getter: Callable[[Body], Body], key: str) -> Callable[[Body], None]:
    return lambda body: getter(body).pop(key)


def bubbles(count: int, text: str = "x") -> Callable[[Body], None]:
    return lambda body: flex_of(body)["contents"].__setitem__("contents", [bubble(text=text) for _ in range(count)])


def move_quick_reply_to_first(body: Body) -> None:
    text_of(body)["quickReply"] = flex_of(body).pop("quickReply")


VIOLATIONS = [
    ("six messages", lambda b: b["messages"].extend([{"type": "text", "text": "x"}] * 4), "6 messages"),
    ("no messages", lambda b: b["messages"].clear(), "0 messages"),
    ("text 5001 Thai characters", set_(text_of, "text", "ก" * 5001), "5001 UTF-16 units"),
    ("text 2501 emoji = 5002 UTF-16 units", set_(text_of, "text", "😀" * 2501), "5002 UTF-16 units"),
    ("empty text", set_(text_of, "text", ""), "text: required"),
    ("flex without altText", drop(flex_of, "altText"), "altText: required"),
    ("blank altText", set_(flex_of, "altText", "  "), "altText: required"),
    ("altText 1501", set_(flex_of, "altText", "ก" * 1501), "altText: 1501"),
    ("13 bubbles", bubbles(13), "13 bubbles"),
    ("carousel over 50 KB", bubbles(12, "ก" * 1500), "carousel JSON"),
    ("bubble over 30 KB", bubbles(2, "ก" * 10_500), "bubble JSON"),
    ("bubbles of two sizes", set_(first_bubble, "size", "kilo"), "share one size"),
    ("unknown flex component", lambda b: first_bubble(b)["body"]["contents"].append({"type": "widget"}), "SDK"),
    ("empty flex text", lambda b: first_bubble(b)["body"]["contents"][1].__setitem__("text", ""), "non-empty text"),
    ("misspelt quickReply", lambda b: flex_of(b).__setitem__("quickreply", flex_of(b).pop("quickReply")),
     "drops or changes"),
    ("14 quick replies", lambda b: flex_of(b)["quickReply"].__setitem__("items", [qr_item(str(i)) for i in range(14)]),
     "14 items"),
    ("quick reply not on the last message", move_quick_reply_to_first, "only the last"),
    ("quick reply label 21", set_(quick, "label", "ก" * 21), "21 characters > 20"),
    ("quick reply without label", drop(lambda b: quick(b, 2), "label"), "label: required"),
    ("quick reply richmenuswitch", set_(quick, "type", "richmenuswitch"), "not allowed in a quick reply"),
    ("quick reply icon over http", lambda b: flex_of(b)["quickReply"]["items"][1].__setitem__(
        "imageUrl", "http://example.org/i.png"), "https"),
    ("button label 41", set_(button, "label", "ก" * 41), "41 characters > 40"),
    ("button without label", drop(button, "label"), "label: required"),
    ("postback data 301", set_(button, "data", "a" * 301), "data: 301"),
    ("postback without data", drop(button, "data"), "data: required"),
    ("displayText 301", set_(button, "displayText", "ก" * 301), "displayText: 301"),
    ("displayText and text", set_(button, "text", "x"), "mutually exclusive"),
    ("message action text 301", set_(lambda b: quick(b, 1), "text", "ก" * 301), "text: 301"),
    ("message action without text", drop(lambda b: quick(b, 1), "text"), "text: required"),
    ("uri ftp", set_(lambda b: button(b, 0), "uri", "ftp://example.org/file"), "scheme 'ftp'"),
    ("uri javascript", set_(lambda b: button(b, 0), "uri", "javascript:alert(1)"), "scheme 'javascript'"),
    ("uri 1001", set_(lambda b: button(b, 0), "uri", "https://example.org/" + "a" * 981), "1001 characters"),
    ("altUri ftp", set_(lambda b: button(b, 0), "altUri", {"desktop": "ftp://x.org"}), "altUri.desktop"),
    ("hero over http", lambda b: first_bubble(b)["hero"].__setitem__("url", "http://example.org/a.jpg"), "https"),
    ("hero URL not encoded", lambda b: first_bubble(b)["hero"].__setitem__("url", "https://example.org/รูป.jpg"),
     "percent-encoded"),
]


def test_a_valid_body_passes() -> None:
    assert problems(valid_body()) == []
    assert_valid(valid_body())


def test_push_bodies_and_bare_message_lists_are_checked_too() -> None:
    messages = valid_body()["messages"]
    assert problems({"to": "U" + "0" * 32, "messages": messages}) == []
    assert problems(messages) == []
    assert any("6 messages" in p for p in problems({"to": "U0", "messages": [{"type": "text", "text": "x"}] * 6}))
    assert any("neither replyToken" in p for p in problems({"messages": messages}))


@pytest.mark.parametrize(("name", "break_it", "expected"), VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_the_checker_catches(name: str, break_it: Callable[[Body], None], expected: str) -> None:
    body = copy.deepcopy(valid_body())
    break_it(body)
    found = problems(body)
    assert any(expected in p for p in found), f"{name}: expected a problem containing {expected!r}, got {found}"
    with pytest.raises(AssertionError):
        assert_valid(body)


AT_THE_LIMIT = [
    ("text of exactly 5000 Thai characters", set_(text_of, "text", "ก" * 5000)),
    ("12 bubbles", bubbles(12)),
    ("13 quick replies", lambda b: flex_of(b)["quickReply"].__setitem__("items", [qr_item(str(i)) for i in range(13)])),
    ("Thai quick reply label of 20 graphemes, 60 code points", set_(quick, "label", "กี่" * 20)),
    ("button label of 40", set_(button, "label", "ก" * 40)),
    ("postback data of 300", set_(button, "data", "a" * 300)),
    ("a line: URI", set_(lambda b: button(b, 0), "uri", "line://nv/location")),
    ("uri of 1000", set_(lambda b: button(b, 0), "uri", "https://example.org/" + "a" * 980)),
]


@pytest.mark.parametrize(("name", "fix_it"), AT_THE_LIMIT, ids=[a[0] for a in AT_THE_LIMIT])
def test_the_limits_themselves_are_allowed(name: str, fix_it: Callable[[Body], None]) -> None:
    body = copy.deepcopy(valid_body())
    fix_it(body)
    assert problems(body) == [], name


def test_counting_units() -> None:
    assert utf16_units("กี่") == 3 and graphemes("กี่") == 1
    assert utf16_units("😀") == 2 and graphemes("😀") == 1
    assert graphemes("🇹🇭") == 1
