"""Conversations with the pure core, read like chat transcripts: answer(session, input, library, now).

No Redis, no HTTP. Every reply any test here produces is checked against LINE's limits (tests/line_checker.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.content import Content
from bot.conversation import answer
from bot.session import Session
from bot.turn import UserInput
from tests.line_checker import assert_valid

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
THAI = re.compile(r"[\u0E00-\u0E7F]")
Messages = list[dict[str, Any]]


class Chat:
    """One citizen talking to the bot; the session carries over like it would in Redis."""

    def __init__(self, content: Content) -> None:
        self.current = content
        self.session = Session()

    def send(self, user_input: UserInput) -> Messages:
        reply = answer(self.session, user_input, self.current, NOW)
        if reply.messages:
            assert_valid(reply.messages)
        self.session = reply.session
        return reply.messages

    def say(self, text: str) -> Messages:
        return self.send(UserInput("text", text=text))

    def tap(self, data: str) -> Messages:
        return self.send(UserInput("postback", data=data))

    def share_location(self, lat: float, lon: float, title: str = "") -> Messages:
        return self.send(UserInput("location", lat=lat, lon=lon, title=title))


@pytest.fixture
def chat(content: Content) -> Chat:
    return Chat(content)


def texts(messages: Messages) -> list[str]:
    return [m["text"] for m in messages if m["type"] == "text"]


def bubbles(messages: Messages) -> list[dict[str, Any]]:
    found = []
    for m in messages:
        if m["type"] == "flex":
            contents = m["contents"]
            found += contents["contents"] if contents["type"] == "carousel" else [contents]
    return found


def titles(messages: Messages) -> list[str]:
    """Venue/tour names: the second text of each bubble's body (see bot/flex.py venue_bubble)."""
    return [b["body"]["contents"][1]["text"] for b in bubbles(messages)]


def quick_replies(messages: Messages) -> list[dict[str, Any]]:
    return [item["action"] for item in messages[-1].get("quickReply", {}).get("items", [])]


def quick_postback(messages: Messages, label: str) -> str:
    """The postback data of the quick-reply button with this label."""
    matches = [a["data"] for a in quick_replies(messages) if a["type"] == "postback" and a["label"] == label]
    assert matches, f"no quick reply {label!r}; have {[a.get('label') for a in quick_replies(messages)]}"
    return matches[0]


def first_title(messages: Messages) -> str:
    """The Core A acceptance path: contents.contents[0].body.contents[1].text of the flex message."""
    flex = next(m for m in messages if m["type"] == "flex")
    return flex["contents"]["contents"][0]["body"]["contents"][1]["text"]


def has_flex(messages: Messages) -> bool:
    return any(m["type"] == "flex" for m in messages)


def test_greeting_then_search_then_paging_with_the_more_button(chat: Chat) -> None:
    hello = chat.say("สวัสดีครับ")
    assert not has_flex(hello)
    assert "สวัสดี" in texts(hello)[0]
    assert any(a["type"] == "location" for a in quick_replies(hello))

    page1 = chat.say("พิพิธภัณฑ์")
    found = re.match(r"พิพิธภัณฑ์ทั่วประเทศ · (\d+) แห่ง", texts(page1)[0])
    assert found, texts(page1)[0]
    assert "บอกจังหวัด" in texts(page1)[0], "a bare type word lists everything and asks where"
    total = int(found[1])  # the true count, not a cap: every museum is counted
    assert total >= sum(1 for v in chat.current.catalog.venues.values() if v.type == "museum")
    first_ten = titles(page1)
    assert len(first_ten) == 10
    more = quick_postback(page1, "ดูเพิ่มเติม")

    seen, page = list(first_ten), page1
    while "ดูเพิ่มเติม" in [a.get("label") for a in quick_replies(page)]:
        page = chat.tap(more)  # the same button pages on until the list is done
        assert 1 <= len(titles(page)) <= 10
        seen += titles(page)
    assert len(titles(page)) == total - 10 * ((total - 1) // 10), "the last page holds the rest"
    assert len(seen) == total, "every match can be paged to"
    assert len(chat.session.results) == len(set(chat.session.results)) == total, "no page repeats another"

    again = chat.tap(more)  # the same button once everything was shown
    assert not has_flex(again)
    assert texts(again) == ["แสดงครบทุกแห่งแล้วค่ะ"]


def test_a_button_from_an_older_list_has_expired_after_a_new_search(chat: Chat) -> None:
    old_more = quick_postback(chat.say("พิพิธภัณฑ์"), "ดูเพิ่มเติม")
    newer = chat.say("ห้องสมุด กทม")
    assert "หอสมุดแห่งชาติ (ท่าวาสุกรี)" in titles(newer)

    stale = chat.tap(old_more)
    assert not has_flex(stale)
    assert "หมดอายุ" in texts(stale)[0]

    # a forged sequence number is no better
    assert "หมดอายุ" in texts(chat.tap("a=more&s=999"))[0]


@pytest.mark.parametrize("data", ["", "garbage", "a=more&s=x", "a=more&s=²", "a=more&s=١", "a=more&s=", "a=launch&s=1",
                                  "a=" + "x" * 400, "a=more&a=more&s", "a=more&s=1%00"])
def test_postbacks_that_are_not_ours_get_a_polite_expired(chat: Chat, data: str) -> None:
    reply = chat.tap(data)
    assert "หมดอายุ" in texts(reply)[0]


def test_the_details_button_tells_everything_about_the_venue(chat: Chat) -> None:
    found = chat.say("หอดูดาวโคราช")
    venue = "หอดูดาวเฉลิมพระเกียรติ 7 รอบ พระชนมพรรษา นครราชสีมา"
    assert titles(found) == [venue]
    buttons = [c["action"] for c in bubbles(found)[0]["footer"]["contents"]]
    detail = next(a for a in buttons if a["type"] == "postback")
    assert detail["data"].startswith("a=detail")

    details = chat.tap(detail["data"])
    assert not has_flex(details)
    assert texts(details)[0].startswith(venue)
    assert "เวลาทำการ" in texts(details)[0]
    assert any(a["type"] == "location" for a in quick_replies(details))

    gone = chat.tap("a=detail&i=no-such-venue")
    assert "ไม่พบข้อมูลสถานที่นี้" in texts(gone)[0]


def test_sharing_a_location_lists_the_nearest_with_distances(chat: Chat) -> None:
    near = chat.share_location(13.7563, 100.5018, "Sanam Luang")  # central Bangkok
    assert texts(near)[0] == "ที่ใกล้ที่สุด 10 แห่ง"
    distances = []
    for bubble in bubbles(near):
        lines = [c["text"] for c in bubble["body"]["contents"]]
        km = [float(m.group(1)) for line in lines if (m := re.search(r"ห่างประมาณ ([\d.]+) กม\.", line))]
        assert km, f"no distance in {lines}"
        distances += km
    assert distances == sorted(distances)
    assert distances[0] < 5, "nothing within 5 km of Sanam Luang?"


def test_a_new_friend_is_greeted_and_an_unfollow_gets_no_messages(chat: Chat) -> None:
    hello = chat.send(UserInput("follow"))
    assert len(hello) == 1 and "สวัสดี" in texts(hello)[0]
    assert len(quick_replies(hello)) >= 3
    assert chat.send(UserInput("unfollow")) == []


def test_stickers_and_images_get_a_polite_text(chat: Chat) -> None:
    reply = chat.send(UserInput("other"))
    assert [m["type"] for m in reply] == ["text"]
    assert "ข้อความและตำแหน่ง" in texts(reply)[0]


@pytest.mark.parametrize("text", [
    "ราคาทองวันนี้", "asdfgh", "555", "😀🎉👍", "ก" * 10_000, "ราคาทอง " * 1_250,
    "'; DROP TABLE venues; --", "<script>alert('x')</script>", "{{7*7}} ${jndi:ldap://x}", "   ", "\u200b",
])
def test_out_of_scope_text_gets_text_only(chat: Chat, text: str) -> None:
    reply = chat.say(text)
    assert reply, "no answer at all"
    assert {m["type"] for m in reply} == {"text"}, [m["type"] for m in reply]
    assert len(texts(reply)[-1]) < 1000


def test_a_very_long_message_is_read_and_flagged(chat: Chat) -> None:
    reply = chat.say("พิพิธภัณฑ์ " * 1_000)
    assert texts(reply)[0].startswith("ข้อความยาวไปนิด")
    assert len(titles(reply)) == 10


def test_english_in_english_out_and_the_language_sticks(chat: Chat) -> None:
    hello = chat.say("hello")
    assert texts(hello)[0].startswith("Hello")
    found = chat.say("museums in Bangkok")
    assert texts(found)[0].startswith("Museum in Bangkok · ")
    assert not THAI.search(texts(found)[0])
    assert all(not THAI.search(a["label"]) for a in quick_replies(found))
    assert "Museum Siam (Discovery Museum)" in titles(found)  # English names in English replies
    near = chat.share_location(13.7563, 100.5018)
    assert texts(near)[0] == "The 10 nearest"
    assert not THAI.search(chat.say("asdfgh")[0]["text"])


@pytest.mark.parametrize(("text", "title"), [
    ("ทีเคพาร์คยะลา", "อุทยานการเรียนรู้ยะลา"),
    ("tk park yala", "TK Park Yala (Yala Knowledge Park)"),  # English in, English name out
    ("ทีเคปาร์คยะลา", "อุทยานการเรียนรู้ยะลา"),
    ("มิวเซียมสะยาม", "มิวเซียมสยาม พิพิธภัณฑ์การเรียนรู้"),
])
def test_core_a_first_bubble(chat: Chat, text: str, title: str) -> None:
    assert first_title(chat.say(text)) == title


@pytest.mark.parametrize("text", ["ราคาทองวันนี้", "สวัสดีครับ"])
def test_core_a_no_flex(chat: Chat, text: str) -> None:
    assert not has_flex(chat.say(text))
