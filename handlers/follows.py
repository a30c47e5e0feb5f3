"""Follows: "ติดตามข่าวขอนแก่น", "การติดตามของฉัน", "เลิกติดตาม…", "เลิกติดตามทั้งหมด" (and English), and buttons."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.effects import Effect, Follow, Unfollow, UnfollowAll
from bot.replies.codec import Postback
from bot.replies.event_follows import follow_label, follows_bubble
from bot.replies.phrases import t
from bot.replies.texts import ask, text_message, with_quick_replies
from bot.search.understand import parse
from bot.turn import Reply, Turn

MAX_FOLLOWS = 30
KINDS = ("province", "topic", "venue")
_POLITE = r"(?:\s*(?:ค่ะ|คะ|ครับ|นะ|จ้า|ด้วย|หน่อย|please))*\s*$"
LIST = re.compile(r"^(?:ดู)?(?:การติดตาม(?:ของฉัน)?|รายการ(?:ที่)?ติดตาม|ติดตามอะไรอยู่(?:บ้าง)?|"
                  r"my follows|what do i follow|following)" + _POLITE, re.IGNORECASE)
UNFOLLOW_ALL = re.compile(r"^(?:เลิก|ยกเลิก(?:การ)?)ติดตาม(?:ทั้งหมด|ทุกอย่าง)|^unfollow (?:all|everything)",
                          re.IGNORECASE)
UNFOLLOW = re.compile(r"^(?:เลิก|ยกเลิก(?:การ)?|ไม่)ติดตาม\s*(?:ข่าว(?:สาร)?|กิจกรรม|ประกาศ)?\s*(.*)$|^unfollow\s+(.*)$",
                      re.IGNORECASE)
FOLLOW = re.compile(r"^(?:ขอ|อยาก|กด)?ติดตาม\s*(?:ข่าว(?:สาร)?|กิจกรรม|ประกาศ)?\s*(?:ของ|จาก|ที่|ใน|จังหวัด|หัวข้อ|ด้าน)?"
                    r"\s*(.*)$|^follow\s+(?:(?:news|events?|notices?)\s+(?:from|in|at|about|of)\s+)?(.*)$",
                    re.IGNORECASE)


def _text(turn: Turn) -> str:
    return " ".join(turn.input.text.split())


def matches(turn: Turn) -> bool:
    """Text that asks to follow, unfollow or list follows."""
    if turn.input.kind != "text":
        return False
    text = _text(turn)
    return any(p.match(text) for p in (LIST, UNFOLLOW_ALL, UNFOLLOW, FOLLOW))


def handle(turn: Turn) -> Reply:
    """Follow, unfollow or list, by the words used."""
    text = _text(turn)
    if LIST.match(text):
        return show_list(turn)
    if UNFOLLOW_ALL.match(text):
        return _unfollow_all(turn)
    match = UNFOLLOW.match(text)
    if match:
        return _unfollow(turn, targets(turn, re.sub(_POLITE, "", match[1] or match[2] or "")))
    match = FOLLOW.match(text)
    assert match is not None
    return _follow(turn, targets(turn, re.sub(_POLITE, "", match[1] or match[2] or "")))


def targets(turn: Turn, words: str) -> list[tuple[str, str]]:
    """What the words name: a venue (by name), else provinces and topics."""
    if not words.strip():
        return []
    content = turn.content
    query = parse(words, content.lexicon)
    if query.intent != "find":
        return []
    found = content.index.find(query)
    if found.mode == "named" and found.ids and found.ids[0] in content.catalog.venues:
        return [("venue", found.ids[0])]
    return [("province", p) for p in query.provinces] + [("topic", topic) for topic in query.topics]


def _items(turn: Turn) -> list[tuple[str, str]]:
    pairs = [item.partition(":") for item in turn.follows]
    return [(kind, value) for kind, _, value in pairs if kind in KINDS]


def _label(turn: Turn, kind: str, value: str, lang: str) -> str:
    return follow_label(turn.content.catalog, kind, value, lang) or value


def _reply(turn: Turn, text: str, effects: list[Effect], extra: list[dict[str, Any]] | None = None) -> Reply:
    lang = turn.lang
    messages = with_quick_replies([text_message(text)], [*(extra or []), ask(t(lang, "qr_my_follows"))])
    return Reply(messages, replace(turn.session, lang=lang), effects)


def _follow(turn: Turn, wanted: list[tuple[str, str]]) -> Reply:
    lang = turn.lang
    if not wanted:
        return _reply(turn, t(lang, "fw_what_missing"), [])
    have = set(_items(turn))
    new = [item for item in wanted if item not in have]
    what = ", ".join(_label(turn, kind, value, lang) for kind, value in wanted)
    if not new:
        return _reply(turn, t(lang, "fw_already", what=what), [])
    if len(have) + len(new) > MAX_FOLLOWS:
        return _reply(turn, t(lang, "fw_too_many", max=MAX_FOLLOWS), [])
    return _reply(turn, t(lang, "fw_done", what=what), [Follow(kind, value) for kind, value in new])


def _unfollow(turn: Turn, wanted: list[tuple[str, str]]) -> Reply:
    lang = turn.lang
    have = _items(turn)
    if not wanted:
        return show_list(turn)
    gone = [item for item in wanted if item in have]
    what = ", ".join(_label(turn, kind, value, lang) for kind, value in wanted)
    if not gone:
        return _reply(turn, t(lang, "fw_not_following", what=what), [])
    return _reply(turn, t(lang, "fw_unfollowed", what=what), [Unfollow(kind, value) for kind, value in gone])


def _unfollow_all(turn: Turn) -> Reply:
    return _reply(turn, t(turn.lang, "fw_unfollowed_all"), [UnfollowAll()])


def show_list(turn: Turn) -> Reply:
    """ "การติดตามของฉัน": the list with an unfollow button each, or how to follow when it is empty."""
    lang = turn.lang
    items = _items(turn)
    if not items:
        return _reply(turn, t(lang, "fw_list_empty"), [])
    messages = [text_message(t(lang, "fw_list", count=len(items))),
                follows_bubble(turn.content.catalog, items, lang)]
    return Reply(messages, replace(turn.session, lang=lang))


def _tapped(turn: Turn, tapped: Postback) -> tuple[str, str] | None:
    kind, _, value = (tapped.item or "").partition(":")
    if kind not in KINDS or follow_label(turn.content.catalog, kind, value, turn.session.lang) is None:
        return None
    return kind, value


def follow_button(turn: Turn, tapped: Postback) -> Reply | None:
    """The follow button on venue and event bubbles."""
    item = _tapped(turn, tapped)
    return None if item is None else _follow(turn, [item])


def unfollow_button(turn: Turn, tapped: Postback) -> Reply | None:
    """An unfollow button in the list (an item removed from the content can still be unfollowed)."""
    kind, _, value = (tapped.item or "").partition(":")
    if kind not in KINDS or not value:
        return None
    return _unfollow(turn, [(kind, value)])


def unfollow_all_button(turn: Turn, tapped: Postback) -> Reply | None:
    """The unfollow-all button under the list."""
    return _unfollow_all(turn)
