"""A conversation, not a search box: follow-ups keep context, time questions, nearby by place, English names.

Transcripts of the pure core at a fixed `now` (Monday 23 Nov 2026, 10:00 in Bangkok).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from math import asin, cos, radians, sin, sqrt
from typing import Any

import pytest
from pythainlp.tokenize import word_tokenize

from bot.catalog.hours import expand_days
from bot.content import Content
from bot.conversation import answer
from bot.search.thai import clip, graphemes
from bot.session import Session
from bot.turn import UserInput
from tests.line_checker import assert_valid

MONDAY_10AM = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 in Bangkok, a Monday
THAI = re.compile(r"[\u0E00-\u0E7F]")
Messages = list[dict[str, Any]]


class Chat:
    """One citizen; the session carries over between messages as it would in Redis."""

    def __init__(self, content: Content, now: datetime = MONDAY_10AM) -> None:
        self.content, self.session, self.now = content, Session(), now

    def send(self, user_input: UserInput) -> Messages:
        reply = answer(self.session, user_input, self.content, self.now)
        assert_valid(reply.messages)
        self.session = reply.session
        return reply.messages

    def say(self, text: str) -> Messages:
        return self.send(UserInput("text", text=text))

    def share(self, lat: float, lon: float) -> Messages:
        return self.send(UserInput("location", lat=lat, lon=lon))

    def shown(self) -> list[str]:
        return self.session.results[: self.session.shown]


@pytest.fixture
def chat(content: Content) -> Chat:
    return Chat(content)


def text_of(messages: Messages) -> str:
    return "\n".join(m["text"] for m in messages if m["type"] == "text")


def titles(messages: Messages) -> list[str]:
    return [b["body"]["contents"][1]["text"] for m in messages if m["type"] == "flex"
            for b in m["contents"]["contents"]]


def labels(messages: Messages) -> list[str]:
    return [i["action"].get("label", "") for i in messages[-1].get("quickReply", {}).get("items", [])]


def provinces(chat: Chat) -> set[str]:
    venues = chat.content.catalog.venues
    return {venues[i].province_th for i in chat.shown() if i in venues}


def types(chat: Chat) -> set[str]:
    entries = chat.content.index.by_id
    return set().union(*(entries[i].types for i in chat.shown()))


# ---- at least 10 follow-up conversations -------------------------------------------------------------------

def test_another_province_keeps_the_type(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์ในขอนแก่น")
    reply = chat.say("แล้วที่เชียงใหม่ล่ะ")
    assert provinces(chat) == {"เชียงใหม่"} and "museum" in types(chat)
    assert text_of(reply).startswith("พิพิธภัณฑ์ในเชียงใหม่ · ")
    assert "✕ พิพิธภัณฑ์" in labels(reply), "the remembered type can be dropped"


def test_another_type_keeps_the_province(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์ในเชียงใหม่")
    reply = chat.say("แล้วห้องสมุดล่ะ")
    assert provinces(chat) == {"เชียงใหม่"}
    assert all({"library", "tk_park"} & chat.content.index.by_id[i].types for i in chat.shown())
    assert "✕ เชียงใหม่" in labels(reply), "the remembered province can be dropped"


def test_dropping_a_remembered_filter_asks_without_it(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์ในเชียงใหม่")
    reply = chat.say("แล้วห้องสมุดล่ะ")
    drop = next(i["action"] for i in reply[-1]["quickReply"]["items"] if i["action"]["label"] == "✕ เชียงใหม่")
    chat.say(drop["text"])
    assert len(provinces(chat)) > 1, "the library list is no longer limited to Chiang Mai"


def test_a_new_full_question_starts_afresh(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์ในขอนแก่น")
    chat.say("ห้องสมุดในภูเก็ต")
    assert provinces(chat) == {"ภูเก็ต"}
    reply = chat.say("ห้องสมุด ตาก")
    assert provinces(chat) == {"ตาก"} and not any(label.startswith("✕") for label in labels(reply))


def test_a_day_follow_up_keeps_type_and_place(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์ในกรุงเทพ")
    reply = chat.say("แล้ววันจันทร์ล่ะ")
    assert provinces(chat) == {"กรุงเทพมหานคร"}
    assert "วันจันทร์" in text_of(reply)
    assert chat.session.last_day == "2026-11-23"


def test_more_by_typing_pages_on(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์")
    first = chat.shown()
    chat.say("ขออีก")
    assert len(chat.shown()) == 20 and chat.shown()[:10] == first


def test_the_echoed_more_label_pages_on(chat: Chat) -> None:
    chat.say("ห้องสมุด")
    chat.say("ดูเพิ่มเติม")  # what LINE shows (and some clients send) after tapping the button
    assert len(chat.shown()) == 20


def test_which_is_nearest_sorts_the_list_from_the_shared_location(chat: Chat) -> None:
    chat.share(18.79, 98.98)  # Chiang Mai old town
    chat.say("พิพิธภัณฑ์ในเชียงใหม่")
    reply = chat.say("อันไหนใกล้สุด")
    distances = [round(chat.session.distances[i], 1) for i in chat.shown()]  # ties: exact places first
    assert distances == sorted(distances) and "ตำแหน่งที่คุณแชร์" in text_of(reply)


def test_what_about_in_english(chat: Chat) -> None:
    chat.say("museums in Chiang Mai")
    reply = chat.say("what about libraries?")
    assert provinces(chat) == {"เชียงใหม่"}
    assert text_of(reply).startswith("Library in Chiang Mai · ")


def test_hours_follow_up_is_about_the_venue_just_shown(chat: Chat) -> None:
    chat.say("มิวเซียมสยาม")
    reply = chat.say("เปิดกี่โมง")
    assert "มิวเซียมสยาม" in text_of(reply) and "10:00–18:00" in text_of(reply)
    assert "ปิดทุกวันจันทร์" in text_of(reply)


def test_a_shared_location_then_a_bare_type_lists_by_nearness(chat: Chat) -> None:
    chat.share(13.7563, 100.5018)
    reply = chat.say("ห้องสมุด")
    distances = [chat.session.distances[i] for i in chat.shown()]
    assert distances and distances == sorted(distances)
    assert "ตำแหน่งที่คุณแชร์" in text_of(reply)


def test_a_type_asked_turns_ago_does_not_filter_a_later_location(chat: Chat) -> None:
    chat.say("หอดูดาว")
    chat.say("ขอบคุณค่ะ")
    chat.share(13.7563, 100.5018)
    assert len(types(chat)) > 1, "every kind of venue near the point, not only observatories"


def test_near_me_without_a_location_asks_for_it_then_uses_it(chat: Chat) -> None:
    chat.say("พิพิธภัณฑ์ในภูเก็ต")
    asked = chat.say("ห้องสมุดใกล้ฉัน")
    assert not titles(asked) and "แชร์ตำแหน่ง" in text_of(asked), "never measured from Phuket's centre"
    reply = chat.share(13.7563, 100.5018)
    assert "ห้องสมุด" in text_of(reply) and "✕ ห้องสมุด" in labels(reply)
    assert all({"library", "tk_park"} & chat.content.index.by_id[i].types for i in chat.shown())


def test_an_old_shared_location_is_not_used(content: Content) -> None:
    chat = Chat(content)
    chat.share(13.7563, 100.5018)
    chat.now = MONDAY_10AM + timedelta(hours=3)
    reply = chat.say("ห้องสมุดใกล้ฉัน")
    assert not titles(reply) and "แชร์ตำแหน่ง" in text_of(reply)


def test_a_location_abroad_says_so(chat: Chat) -> None:
    reply = chat.share(35.68, 139.76)  # Tokyo
    assert not titles(reply) and "นอกประเทศไทย" in text_of(reply)


# ---- named venues ------------------------------------------------------------------------------------------

def test_a_named_venue_is_shown_alone_not_its_whole_type(chat: Chat) -> None:
    reply = chat.say("มิวเซียมสยาม")
    assert chat.shown()[0] == "okmd-museum-siam" and len(chat.shown()) <= 3
    assert "แห่ง" not in text_of(reply).split("\n")[0]


def test_a_name_we_do_not_list_says_so(chat: Chat) -> None:
    reply = chat.say("พิพิธภัณฑ์หุ่นขี้ผึ้ง")
    assert "ยังไม่มีพิพิธภัณฑ์หุ่นขี้ผึ้งในข้อมูลของเรา" in text_of(reply)


@pytest.mark.parametrize(("text", "province"), [
    ("ห้องสมุดประชาชนจังหวัดพะเยา", "พะเยา"), ("ห้องสมุดประชาชนจังหวัดอุบล", "อุบลราชธานี"),
    ("ห้องสมุดประชาชนจังหวัดนนท์", "นนทบุรี"), ("ห้องสมุดประชาชนจังหวัดเพชรบุรี", "เพชรบุรี"),
])
def test_the_provincial_library_of_a_province(chat: Chat, text: str, province: str) -> None:
    chat.say(text)
    first = chat.content.catalog.venues[chat.shown()[0]]
    assert first.province_th == province and "จังหวัด" in first.name_th and first.type == "library"


@pytest.mark.parametrize(("text", "branch"), [
    ("หอสมุดแห่งชาติ จันทบุรี", "lib-nl-chanthaburi"), ("หอสมุดแห่งชาติโคราช", "lib-nl-korat"),
    ("หอสมุดแห่งชาติหาดใหญ่ ในสวนสาธารณะ", "lib-nl-songkhla-hatyai"),
    ("ศูนย์วิทยาศาสตร์เพื่อการศึกษา ปากน้ำโพ", "sce-nakhonsawan"),
])
def test_a_shared_name_plus_a_place_finds_that_branch(chat: Chat, text: str, branch: str) -> None:
    chat.say(text)
    assert chat.shown()[0] == branch


# ---- at least 15 time questions at a fixed now ------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("มิวเซียมสยามเปิดกี่โมง", "10:00–18:00"),
    ("มิวเซียมสยามเปิดวันจันทร์ไหม", "ปิดวันจันทร์"),  # its closed day
    ("มิวเซียมสยามเปิดวันอังคารไหม", "เปิดวันอังคาร 10:00–18:00"),
    ("มิวเซียมสยามเปิดพรุ่งนี้ไหม", "เปิดวันอังคาร 10:00–18:00"),  # tomorrow is Tuesday
    ("มิวเซียมสยามเปิดอยู่ไหม", "ปิดอยู่"),  # Monday 10:00: closed now
    ("มิวเซียมสยาม เปิดเสาร์นี้ไหม", "เปิดวันเสาร์"),
    ("มิวเซียมสยามเปิดวันอาทิตย์ไหม", "เปิดวันอาทิตย์"),
    ("พิพิธภัณฑ์เหรียญเปิดอยู่ไหม", "เปิดอยู่"),  # open every day 10:00–18:00: open now
    ("พิพิธภัณฑ์เหรียญปิดกี่โมง", "10:00–18:00"),
    ("หอสมุดแห่งชาติท่าวาสุกรีเปิดวันเสาร์ไหม", "เปิดวันเสาร์ 09:00–17:00"),
    ("หอสมุดแห่งชาติท่าวาสุกรีเปิดวันนี้ไหม", "เปิดวันจันทร์ 09:00–18:30"),
    ("พิพิธภัณฑสถานแห่งชาติ พระนคร เปิดวันอังคารไหม", "ปิดวันอังคาร"),
    ("ท้องฟ้าจำลองกรุงเทพเปิดกี่โมง", "ไม่มีข้อมูลเวลาทำการ"),  # a venue without hours is never "open"
    ("พิพิธภัณฑสถานแห่งชาติ เรือพระราชพิธี เปิดวันจันทร์ไหม", "ไม่มีข้อมูลเวลาทำการ"),
    ("Museum Siam open on Sunday?", "open on Sunday, 10:00–18:00"),
    ("is museum siam open now", "closed now"),
])
def test_time_questions_get_a_direct_sentence(chat: Chat, text: str, expected: str) -> None:
    reply = chat.say(text)
    assert expected in text_of(reply), text_of(reply)
    assert titles(reply), "the venue's card is shown under the answer"


def test_a_day_in_a_search_ranks_venues_open_that_day_first(chat: Chat) -> None:
    reply = chat.say("พาลูกไปพิพิธภัณฑ์ในกรุงเทพ วันจันทร์")
    venues = chat.content.catalog.venues

    def state(item_id: str) -> int:  # 0 open on Monday, 1 no hours (never taken as open), 2 closed on Monday
        venue = venues[item_id]
        if not venue.hours:
            return 1
        return 0 if any("mon" in expand_days(h.days) for h in venue.hours) else 2
    states = [state(i) for i in chat.session.results]
    assert states == sorted(states) and states[0] == 0
    assert "okmd-museum-siam" in chat.session.results and state("okmd-museum-siam") == 2
    assert "วันจันทร์" in text_of(reply)
    assert any("วันจันทร์: ปิด" in str(b) for b in reply[-1]["contents"]["contents"]) or states.count(2) == 0 \
        or len(chat.session.results) > 10


# ---- English -----------------------------------------------------------------------------------------------

def test_english_replies_use_english_names_and_places(chat: Chat) -> None:
    reply = chat.say("museums in Chiang Mai")
    assert text_of(reply).startswith("Museum in Chiang Mai · ")
    venues = chat.content.catalog.venues
    expected = [venues[i].name_en or venues[i].name_th for i in chat.shown()]
    assert titles(reply) == expected
    assert all(not THAI.search(label) for label in labels(reply))
    assert not THAI.search(str(reply[-1]["contents"]["contents"][0]["body"]["contents"][2]["text"]))


def test_hi_can_you_help_gets_help_in_english(chat: Chat) -> None:
    reply = chat.say("hi, can you help me?")
    assert not titles(reply) and text_of(reply).startswith("Try")


def test_the_language_follows_each_message(chat: Chat) -> None:
    thai = chat.say("มิวเซียมสยาม")
    assert titles(thai) == ["มิวเซียมสยาม พิพิธภัณฑ์การเรียนรู้"]
    english = chat.say("museum siam")
    assert titles(english)[0] == "Museum Siam (Discovery Museum)"


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km, computed here independently of bot.search.geo."""
    p1, p2 = radians(lat1), radians(lat2)
    a = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))


# ---- at least 8 place-name nearby cases, checked against haversine distances computed here -----------------

@pytest.mark.parametrize(("text", "district", "province", "origin"), [
    ("พิพิธภัณฑ์ใกล้แม่ริม", "แม่ริม", "เชียงใหม่", "ตัวอำเภอแม่ริม"),
    ("ห้องสมุดใกล้หาดใหญ่", "หาดใหญ่", "สงขลา", "ตัวอำเภอหาดใหญ่"),
    ("แหล่งเรียนรู้ใกล้ปากช่อง", "ปากช่อง", "นครราชสีมา", "ตัวอำเภอปากช่อง"),
    ("ห้องสมุดใกล้เขตบางรัก", "บางรัก", "กรุงเทพมหานคร", "ตัวอำเภอบางรัก"),
    ("พิพิธภัณฑ์ใกล้ขอนแก่น", None, "ขอนแก่น", "ตัวจังหวัดขอนแก่น"),
    ("ห้องสมุดใกล้ๆ อุดร", None, "อุดรธานี", "ตัวจังหวัดอุดรธานี"),
    ("museum near Chiang Mai", None, "เชียงใหม่", "the centre of Chiang Mai"),
    ("library near Phuket", None, "ภูเก็ต", "the centre of Phuket"),
    ("ศูนย์วิทยาศาสตร์ใกล้โคราช", None, "นครราชสีมา", "ตัวจังหวัดนครราชสีมา"),
])
def test_nearby_a_named_place_sorts_by_distance_from_its_centre(chat: Chat, text: str, district: str | None,
                                                                 province: str, origin: str) -> None:
    places = chat.content.catalog.places
    if district:
        centre = next(d for d in places.districts if d.name_th == district and d.province_th == province)
    else:
        centre = places.province(province)  # type: ignore[assignment]
    assert centre is not None
    reply = chat.say(text)
    assert origin in text_of(reply), "the reply says where distances are measured from"
    venues = chat.content.catalog.venues
    shown = chat.shown()
    assert shown
    expected = {i: haversine(centre.lat, centre.lon, venues[i].lat, venues[i].lon) for i in shown}  # type: ignore
    for item_id in shown:
        assert abs(chat.session.distances[item_id] - expected[item_id]) < 0.05
    assert [round(expected[i], 1) for i in shown] == sorted(round(expected[i], 1) for i in shown)
    # nothing unshown is nearer than the farthest shown (same type filter)
    wanted = chat.content.index.by_id[shown[0]].types & chat.content.index.by_id[shown[-1]].types
    nearer = [v for v in venues.values() if v.lat is not None and v.id not in shown
              and chat.content.index.by_id[v.id].types & wanted
              and haversine(centre.lat, centre.lon, v.lat, v.lon) < max(expected.values()) - 0.1]
    assert len(nearer) == 0 or len(chat.session.results) > len(shown)


def test_approximate_venues_never_outrank_exact_ones_at_the_same_distance(content: Content) -> None:
    result = content.index.nearest((13.7563, 100.5018))
    ranks = [(round(result.distances[i], 1), content.index.by_id[i].precision) for i in result.ids]  # type: ignore
    assert ranks == sorted(ranks)


# ---- labels -------------------------------------------------------------------------------------------------

def test_every_echoed_button_label_is_understood(chat: Chat) -> None:
    reply = chat.say("ห้องสมุด")
    taps = [i["action"] for i in reply[-1]["quickReply"]["items"] if i["action"]["type"] == "postback"]
    assert taps
    for action in taps:  # what LINE shows as the citizen's message after the tap, typed back as text
        again = Chat(chat.content)
        again.say("ห้องสมุด")
        answered = again.say(action["displayText"])
        assert "ขออภัย" not in text_of(answered), action["displayText"]


@pytest.mark.parametrize("text", ["ศูนย์วิทยาศาสตร์ในเชียงใหม่", "พิพิธภัณฑ์ ภาคตะวันออกเฉียงเหนือ",
                                  "library in Chiang Mai", "ห้องสมุดประชาชนจังหวัดนครศรีธรรมราช"])
def test_quick_reply_labels_are_cut_at_word_boundaries(text: str) -> None:
    cut = clip(text, 20)
    assert cut.endswith("…") and graphemes(cut) <= 20
    kept = cut[:-1].rstrip()
    boundaries, pos = {0}, 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        pos += len(word)
        boundaries.add(pos)
    assert len(kept) in boundaries or text[len(kept)] == " ", f"{cut!r} cuts a word"
