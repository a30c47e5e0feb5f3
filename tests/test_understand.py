"""Parsing tables: places (with the abbreviation traps), regions, types, topics, audience and intents."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.search.understand import parse


@pytest.mark.parametrize(("text", "province"), [
    ("ห้องสมุด กทม", "กรุงเทพมหานคร"),
    ("ห้องสมุดกทม.", "กรุงเทพมหานคร"),
    ("พิพิธภัณฑ์ในกรุงเทพ", "กรุงเทพมหานคร"),
    ("บางกอก", "กรุงเทพมหานคร"),
    ("แหล่งเรียนรู้ โคราช", "นครราชสีมา"),
    ("หอดูดาว korat", "นครราชสีมา"),
    ("ศูนย์เรียนรู้ ปทุม", "ปทุมธานี"),
    ("หอดูดาวแปดริ้ว", "ฉะเชิงเทรา"),
    ("museums in khon kaen", "ขอนแก่น"),
    ("หาดใหญ่", "สงขลา"),  # a district names its province
    ("แม่ริม", "เชียงใหม่"),
    ("เชียงไหม่", "เชียงใหม่"),  # misspelt, fixed by data
    ("เชียงใม่", "เชียงใหม่"),  # misspelt, caught by fuzzy matching
    ("ขก", "ขอนแก่น"),  # a two-letter abbreviation as the whole message
    ("ศพช. จ.นน", "น่าน"),  # after จ.
    ("พิพิธภัณฑ์ ขก.", "ขอนแก่น"),  # with a dot
])
def test_places(content: Content, text: str, province: str) -> None:
    assert province in parse(text, content.lexicon).provinces


@pytest.mark.parametrize("text", [
    "ฉันนน555",  # นน inside a word is not น่าน
    "นานมากกกก",
    "ขอบคุณมากกก",
    "สมุทรสงคราม",  # must not fuzzy-match ตาก or anything else than itself
])
def test_abbreviation_and_fuzzy_traps(content: Content, text: str) -> None:
    provinces = parse(text, content.lexicon).provinces
    assert "น่าน" not in provinces and "ตาก" not in provinces


@pytest.mark.parametrize(("text", "region"), [
    ("tk park ในภาคใต้", "south"), ("ศพช. อีสาน", "northeast"), ("พิพิธภัณฑ์ภาคเหนือ", "north"),
    ("museums in the north", "north"), ("ห้องสมุดภาคตะวันออก", "east"),
    ("แหล่งเรียนรู้ภาคตะวันออกเฉียงเหนือ", "northeast"),
])
def test_regions(content: Content, text: str, region: str) -> None:
    assert parse(text, content.lexicon).regions == (region,)


@pytest.mark.parametrize(("text", "vtype"), [
    ("ห้องสมุด", "library"), ("หอสมุด", "library"), ("library", "library"),
    ("tk park", "tk_park"), ("ทีเคพาร์ค", "tk_park"), ("อุทยานการเรียนรู้", "tk_park"),
    ("พิพิธภัณฑ์", "museum"), ("มิวเซียม", "museum"), ("museums", "museum"), ("พิพิทภัณฑ์", "museum"),
    ("หอดูดาว", "science_centre"), ("ท้องฟ้าจำลอง", "science_centre"), ("ศูนย์วิทย์", "science_centre"),
    ("ศพช.", "community_centre"), ("ศูนย์เรียนรู้", "learning_centre"), ("สนามเด็กเล่น", "playground"),
])
def test_types(content: Content, text: str, vtype: str) -> None:
    assert vtype in parse(text, content.lexicon).venue_types


@pytest.mark.parametrize(("text", "topic"), [
    ("ดูดาว", "ดาราศาสตร์"), ("ไดโนเสาร์", "ไดโนเสาร์"), ("ผ้าไหม ขอนแก่น", "ผ้า"),
    ("ประวัติศาสตร์", "ประวัติศาสตร์"), ("โคก หนอง นา", "โคก หนอง นา"),
])
def test_topics(content: Content, text: str, topic: str) -> None:
    assert topic in parse(text, content.lexicon).topics


@pytest.mark.parametrize(("text", "audience"), [("พาลูกไปพิพิธภัณฑ์", "เด็ก"), ("ที่เที่ยวครอบครัว", "ครอบครัว"),
                                                ("ผู้สูงอายุ", "ผู้สูงอายุ")])
def test_audience(content: Content, text: str, audience: str) -> None:
    assert audience in parse(text, content.lexicon).audience


@pytest.mark.parametrize(("text", "intent"), [
    ("สวัสดีครับ", "greeting"), ("hello", "greeting"), ("ขอบคุณค่ะ", "thanks"), ("ใช้ยังไง", "help"),
    ("ราคาทองวันนี้", "out_of_scope"),  # ราคาทอง is an off-topic word (keywords.yaml off_topic_words)
    ("555", "out_of_scope"), ("😂😂", "out_of_scope"), ("จองตั๋วเครื่องบินไปภูเก็ต", "out_of_scope"),
    ("เลยไม่ไปละ", "out_of_scope"), ("พิพิธภัณฑ์ในขอนแก่น", "find"), ("เส้นทางท่องเที่ยว", "find"),
])
def test_intents(content: Content, text: str, intent: str) -> None:
    assert parse(text, content.lexicon).intent == intent


def test_tour_words(content: Content) -> None:
    assert parse("ทริปเมืองเก่าสงขลา", content.lexicon).wants_tour
    assert not parse("พิพิธภัณฑ์สงขลา", content.lexicon).wants_tour


def test_huge_and_hostile_text_is_bounded(content: Content) -> None:
    query = parse("พิพิธภัณฑ์ " * 5000 + "<script>alert(1)</script>'; DROP TABLE venues;--", content.lexicon)
    assert len(query.text) <= 300


# Particles, weekdays and everyday words must never become places (keywords.yaml: place_needs_evidence,
# time_words); each row names the place it used to be read as, or could be.
@pytest.mark.parametrize("text", [
    "ไปเลย",  # เลย: particle, not Loei
    "เลยไม่ไปละ",
    "ดีมากเลยค่ะ",
    "ไปกันเลยค่ะ",
    "พิพิธภัณฑ์ในกรุงเทพ วันจันทร์",  # จันทร์ was read as จันทบุรี (plus Bangkok, which is right)
    "พิพิธภัณฑ์เปิดวันจันทร์",
    "ห้องสมุดเปิดวันอังคาร",
    "หอดูดาวเปิดวันพุธไหม",
    "วันศุกร์นี้มีที่ไหนเปิด",
    "วันอาทิตย์",
    "พรุ่งนี้ว่างไหม",
    "อยากไปชมพิพิธภัณฑ์",  # ชม: "to view", not Chiang Mai's abbreviation
    "ไปชม พิพิธภัณฑ์",
    "ชมดาว",
    "ตากผ้าไว้ ฝนตกพอดี",  # ตาก: "to dry in the sun"
    "อย่าแพร่ข่าวลือกันนะ",  # แพร่: "to spread"
    "แพร่เชื้อโควิดวันนี้กี่คน",
    "พิพิธภัณฑ์แบงค์ชาติ ใต้สะพานพระราม8",  # ใต้: "under", not the South
    "ร้านอยู่เหนือห้าง",  # เหนือ: "above", not the North
    "ปราสาทพนมรุ้ง",  # ปราสาท: a Khmer temple, not อ.ปราสาท (Surin)
    "ขอสองที่",  # สอง: the number two, not อ.สอง (Phrae)
    "บ้านจิมทอมสัน",  # บ้าน inside a name
    "เปิดถึงกี่โมง",
    "เสาร์อาทิตย์ไปไหนดี",
])
def test_everyday_words_do_not_become_places(content: Content, text: str) -> None:
    query = parse(text, content.lexicon)
    if "กรุงเทพ" in text:
        assert query.provinces == ("กรุงเทพมหานคร",), query
    else:
        assert not (query.provinces or query.districts or query.regions), query


@pytest.mark.parametrize(("text", "province"), [
    ("เลย", "เลย"), ("ห้องสมุดในเลย", "เลย"), ("ห้องสมุด ตาก", "ตาก"), ("พิพิธภัณฑ์ จ.ตาก", "ตาก"),
    ("หอคำ น่าน", "น่าน"), ("แพร่ มีแหล่งเรียนรู้ที่ไหนบ้าง", "แพร่"), ("พิพิธภัณฑ์ จ.ชม.", "เชียงใหม่"),
    ("ห้องสมุดสุรินมีที่ไหนบ้าง", "สุรินทร์"),  # a province typed without its silent ending
])
def test_place_words_with_evidence_are_places(content: Content, text: str, province: str) -> None:
    assert province in parse(text, content.lexicon).provinces
