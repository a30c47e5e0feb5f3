"""Event questions as chat transcripts with fixture events (now: Saturday 5 Dec 2026, 10:00 Bangkok)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.content import Content
from bot.conversation import answer
from bot.session import Session
from bot.turn import UserInput
from tests.events.conftest import NOW
from tests.line_checker import assert_valid

Messages = list[dict[str, Any]]


class Chat:
    """One citizen talking to the bot at NOW; the session carries over like it would in Redis."""

    def __init__(self, content: Content, follows: tuple[str, ...] = ()) -> None:
        self.content, self.session, self.follows = content, Session(), follows
        self.effects: list[Any] = []

    def send(self, user_input: UserInput) -> Messages:
        reply = answer(self.session, user_input, self.content, NOW, follows=self.follows)
        assert_valid(reply.messages)
        self.session, self.effects = reply.session, reply.effects
        return reply.messages

    def say(self, text: str) -> Messages:
        return self.send(UserInput("text", text=text))

    def tap(self, data: str) -> Messages:
        return self.send(UserInput("postback", data=data))


@pytest.fixture
def chat(event_content: Content) -> Chat:
    return Chat(event_content)


def bubbles(messages: Messages) -> list[dict[str, Any]]:
    return [b for m in messages if m["type"] == "flex" for b in m["contents"].get("contents", [m["contents"]])]


def titles(messages: Messages) -> list[str]:
    return [b["body"]["contents"][1]["text"] for b in bubbles(messages)]


def body_text(bubble: dict[str, Any]) -> str:
    return "\n".join(c.get("text", "") for c in bubble["body"]["contents"])


def buttons(bubble: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["action"]["label"]: c["action"] for c in bubble["footer"]["contents"]}


def quick_labels(messages: Messages) -> list[str]:
    return [i["action"]["label"] for i in messages[-1].get("quickReply", {}).get("items", [])]


def test_what_is_on_lists_upcoming_events_soonest_first_and_never_past_ones(chat: Chat) -> None:
    reply = chat.say("มีกิจกรรมอะไรบ้าง")
    assert titles(reply) == ["อ่านนิทานวันหยุด", "เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก", "มหกรรมพิพิธภัณฑ์กรุงเทพ",
                             "วันเด็กแห่งชาติ", "คืนดูดาวขอนแก่น"]
    assert "งานที่จบไปแล้ว" not in str(reply)
    assert reply[0]["text"].startswith("กิจกรรม 5 รายการ")


@pytest.mark.parametrize(("question", "expected"), [
    ("กิจกรรมเสาร์นี้ที่ขอนแก่น", ["อ่านนิทานวันหยุด"]),  # date + place
    ("กิจกรรมวันนี้", ["อ่านนิทานวันหยุด", "เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก"]),
    ("กิจกรรมสุดสัปดาห์หน้า", ["มหกรรมพิพิธภัณฑ์กรุงเทพ", "อ่านนิทานวันหยุด"]),  # all-day first
    ("กิจกรรมวิทยาศาสตร์เดือนหน้า", ["คืนดูดาวขอนแก่น"]),  # topic + date
    ("กิจกรรมประวัติศาสตร์", ["เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก", "มหกรรมพิพิธภัณฑ์กรุงเทพ"]),  # topic
    ("มิวเซียมสยามมีกิจกรรมอะไร", ["เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก"]),  # venue
    ("งานวันเด็กมีที่ไหน", ["วันเด็กแห่งชาติ"]),  # a named event
    ("กิจกรรม 12 ธ.ค. ๒๕๖๙", ["มหกรรมพิพิธภัณฑ์กรุงเทพ", "อ่านนิทานวันหยุด"]),  # a weekly one lands on it
    ("กิจกรรมที่ขอนแก่นเดือนมกราคม", ["อ่านนิทานวันหยุด", "วันเด็กแห่งชาติ", "คืนดูดาวขอนแก่น"]),
    ("กิจกรรมสำหรับเด็กวันนี้", ["อ่านนิทานวันหยุด", "เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก"]),  # audience
    ("กิจกรรมดาราศาสตร์ภาคอีสาน", ["คืนดูดาวขอนแก่น"]),  # a region
])
def test_event_questions_filter_by_date_place_topic_venue_and_name(chat: Chat, question: str,
                                                                   expected: list[str]) -> None:
    assert titles(chat.say(question)) == expected


def test_english_events_this_weekend_in_bangkok(chat: Chat) -> None:
    reply = chat.say("events this weekend in Bangkok")
    assert titles(reply) == ["History workshop for kids"]
    bubble = bubbles(reply)[0]
    assert "Sat 5 Dec 2026 · 13:00–16:00" in body_text(bubble)
    assert "Free" in body_text(bubble)
    assert reply[0]["text"].startswith("1 event(s) in Bangkok this weekend")


def test_an_event_bubble_has_thai_dates_venue_fee_and_four_buttons(chat: Chat) -> None:
    reply = chat.say("มิวเซียมสยามมีกิจกรรมอะไร")
    bubble = bubbles(reply)[0]
    text = body_text(bubble)
    assert "ส. 5 ธ.ค. 2569 · 13:00–16:00 น." in text  # Buddhist-era year
    assert "มิวเซียมสยาม" in text and "เข้าร่วมฟรี" in text
    assert set(buttons(bubble)) == {"รายละเอียด", "แผนที่", "จอง", "ติดตาม"}
    assert buttons(bubble)["จอง"]["uri"] == "https://example.org/book/siam"
    details = chat.tap(buttons(bubble)["รายละเอียด"]["data"])
    assert "เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก" in details[0]["text"]
    assert "ที่มา: https://example.org/siam" in details[0]["text"]
    followed = chat.tap(buttons(bubble)["ติดตาม"]["data"])
    assert "ติดตามมิวเซียมสยาม" in followed[0]["text"]


def test_a_multi_day_event_shows_its_date_range(chat: Chat) -> None:
    bubble = bubbles(chat.say("กิจกรรม 12 ธ.ค."))[0]
    assert "12–13 ธ.ค. 2569" in body_text(bubble)
    assert "💰" not in body_text(bubble)  # fee unknown: nothing claimed


def test_nothing_found_says_so_and_offers_the_nearest_date(chat: Chat) -> None:
    reply = chat.say("กิจกรรมดาราศาสตร์สัปดาห์นี้")
    assert not bubbles(reply)
    assert reply[-1]["text"].startswith("ยังไม่พบกิจกรรมด้านดาราศาสตร์ สัปดาห์นี้ค่ะ")
    assert "คืนดูดาวขอนแก่น ส. 9 ม.ค. 2570 · 18:00–21:00 น." in reply[-1]["text"]
    assert "คืนดูดาวขอนแก่น" in quick_labels(reply)


def test_nothing_found_in_a_place_offers_places_that_have_events(chat: Chat) -> None:
    reply = chat.say("กิจกรรมที่เชียงใหม่")
    assert titles(reply) == ["วันเด็กแห่งชาติ"]  # nationwide days happen in Chiang Mai too
    reply = chat.say("กิจกรรมประวัติศาสตร์ที่เชียงใหม่")
    assert not bubbles(reply)
    assert "กิจกรรมกรุงเทพมหานคร" in quick_labels(reply)


def test_a_venue_bubble_shows_its_next_event(chat: Chat) -> None:
    reply = chat.say("มิวเซียมสยาม")
    first = bubbles(reply)[0]
    assert "กิจกรรมถัดไป: เวิร์กช็อปประวัติศาสตร์สำหรับเด็ก (ส. 5 ธ.ค. 2569 · 13:00–16:00 น.)" in body_text(first)
    assert "ติดตาม" in buttons(first)


def test_a_details_tap_for_an_event_that_is_gone_is_polite(chat: Chat) -> None:
    reply = chat.tap("a=event&i=ev-past-fair")
    assert "จบไปแล้ว" in reply[0]["text"]
