"""Follow commands as chat transcripts of the pure core: the effects asked for, in Thai and English."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.conversation import answer
from bot.effects import Follow, Unfollow, UnfollowAll
from bot.session import Session
from bot.turn import Reply, UserInput
from tests.events.conftest import NOW
from tests.line_checker import assert_valid


def say(content: Content, text: str, follows: tuple[str, ...] = ()) -> Reply:
    reply = answer(Session(), UserInput("text", text=text), content, NOW, follows=follows)
    assert_valid(reply.messages)
    return reply


@pytest.mark.parametrize(("text", "effects"), [
    ("ติดตามข่าวขอนแก่น", [Follow("province", "ขอนแก่น")]),
    ("ติดตามกิจกรรมวิทยาศาสตร์", [Follow("topic", "วิทยาศาสตร์")]),
    ("ติดตามมิวเซียมสยาม", [Follow("venue", "okmd-museum-siam")]),
    ("ขอติดตามข่าวจังหวัดเชียงใหม่ค่ะ", [Follow("province", "เชียงใหม่")]),
    ("follow Khon Kaen", [Follow("province", "ขอนแก่น")]),
    ("follow science", [Follow("topic", "วิทยาศาสตร์")]),
    ("follow news from Chiang Mai", [Follow("province", "เชียงใหม่")]),
])
def test_follow_commands_ask_for_the_right_follow(event_content: Content, text: str, effects: list) -> None:
    assert say(event_content, text).effects == effects


def test_following_nothing_in_particular_asks_what(event_content: Content) -> None:
    reply = say(event_content, "ติดตาม")
    assert reply.effects == [] and "อยากติดตามอะไร" in reply.messages[0]["text"]


def test_following_again_changes_nothing(event_content: Content) -> None:
    reply = say(event_content, "ติดตามข่าวขอนแก่น", follows=("province:ขอนแก่น",))
    assert reply.effects == [] and "อยู่แล้ว" in reply.messages[0]["text"]


MINE = ("province:ขอนแก่น", "topic:วิทยาศาสตร์", "venue:okmd-museum-siam")


@pytest.mark.parametrize(("text", "effects"), [
    ("เลิกติดตามขอนแก่น", [Unfollow("province", "ขอนแก่น")]),
    ("ยกเลิกการติดตามมิวเซียมสยาม", [Unfollow("venue", "okmd-museum-siam")]),
    ("unfollow science", [Unfollow("topic", "วิทยาศาสตร์")]),
    ("เลิกติดตามทั้งหมด", [UnfollowAll()]),
    ("unfollow all", [UnfollowAll()]),
    ("เลิกติดตามเชียงใหม่", []),  # not followed: says so
])
def test_unfollow_commands(event_content: Content, text: str, effects: list) -> None:
    assert say(event_content, text, MINE).effects == effects


@pytest.mark.parametrize("text", ["การติดตามของฉัน", "my follows", "รายการที่ติดตาม"])
def test_the_list_has_an_unfollow_button_per_item_and_an_unfollow_all(event_content: Content, text: str) -> None:
    reply = say(event_content, text, MINE)
    bubble = reply.messages[1]["contents"]
    rows = [c for c in bubble["body"]["contents"] if c["type"] == "box"]
    assert len(rows) == 3 and all(r["contents"][1]["action"]["data"].startswith("a=unfollow&i=") for r in rows)
    assert bubble["footer"]["contents"][0]["action"]["data"] == "a=unfollow_all"
    assert reply.effects == []


def test_a_forged_follow_tap_is_refused_politely(event_content: Content) -> None:
    reply = answer(Session(), UserInput("postback", data="a=follow&i=venue:no-such-place"), event_content, NOW)
    assert reply.effects == [] and "หมดอายุ" in reply.messages[0]["text"]
