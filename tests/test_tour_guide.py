"""The tour guide as chat transcripts with the pure core: start, next, back, jump, typed commands, resume, switch,
check-in, finish and rating. Trips carry over between turns the way the runner keeps them in Redis (SaveTrip)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from bot.catalog.models import Stop
from bot.content import Content
from bot.conversation import answer
from bot.effects import CountTrip, Effect, SaveTrip
from bot.replies.codec import encode
from bot.replies.tour_stops import chunks, legs, stop_views
from bot.session import Session
from bot.trip import Progress, TripRules, Trips
from bot.turn import UserInput
from tests.line_checker import assert_valid

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
KALASIN = "rt-tat70-kk-kalasin-roiet"  # 6 stops, named stops with district centres
SILK = "rt-kk-chonnabot-silk"  # 4 stops, starts in the city (no check-in there)
Messages = list[dict[str, Any]]


class TourChat:
    """One citizen: the session (30 min) and the trips (days) carry over as the runner would keep them."""

    def __init__(self, content: Content, rules: TripRules | None = None) -> None:
        self.content, self.session, self.trips = content, Session(), Trips(rules=rules or TripRules())
        self.now = NOW
        self.effects: list[Effect] = []

    def send(self, user_input: UserInput) -> Messages:
        reply = answer(self.session, user_input, self.content, self.now, trips=self.trips)
        if reply.messages:
            assert_valid(reply.messages)
        self.session = reply.session
        self.effects += reply.effects
        for effect in reply.effects:
            if isinstance(effect, SaveTrip):
                progress = Progress.from_json(effect.progress)
                assert progress is not None
                routes = {**self.trips.routes, effect.route: progress}
                self.trips = replace(self.trips, routes=routes, active=effect.route if effect.active
                                     else self.trips.active)
        return reply.messages

    def say(self, text: str) -> Messages:
        return self.send(UserInput("text", text=text))

    def tap(self, data: str) -> Messages:
        return self.send(UserInput("postback", data=data))

    def share_location(self, lat: float, lon: float) -> Messages:
        return self.send(UserInput("location", lat=lat, lon=lon))

    def start(self, route: str) -> Messages:
        return self.tap(encode("tour_start", item=route))

    @property
    def stop(self) -> int:
        """The stop shown now, from 1 (as citizens count)."""
        current = self.trips.current
        assert current is not None
        return current.stop + 1


@pytest.fixture
def chat(content: Content) -> TourChat:
    return TourChat(content)


def texts(messages: Messages) -> list[str]:
    return [m["text"] for m in messages if m["type"] == "text"]


def guide_bubble(messages: Messages) -> dict[str, Any]:
    [bubble] = [m["contents"] for m in messages if m["type"] == "flex"]
    return bubble


def heading(messages: Messages) -> str:
    """ "🧭 จุดที่ 2/6 · <route>" of the stop bubble."""
    return guide_bubble(messages)["body"]["contents"][0]["text"]


def stop_name(messages: Messages) -> str:
    return guide_bubble(messages)["body"]["contents"][1]["text"]


def buttons(messages: Messages) -> dict[str, dict[str, Any]]:
    """Every footer button of the stop bubble by label (nested boxes included)."""
    found: dict[str, dict[str, Any]] = {}

    def walk(box: dict[str, Any]) -> None:
        for item in box.get("contents", []):
            if item["type"] == "button":
                found[item["action"]["label"]] = item["action"]
            elif item["type"] == "box":
                walk(item)

    walk(guide_bubble(messages)["footer"])
    return found


def quick(messages: Messages) -> dict[str, dict[str, Any]]:
    return {i["action"]["label"]: i["action"] for i in messages[-1].get("quickReply", {}).get("items", [])}


def button(messages: Messages, label: str) -> str:
    return buttons(messages)[label]["data"]


def names(content: Content, route: str) -> list[str]:
    tour = content.catalog.tours[route]
    return [v.name for v in stop_views(content.catalog, tour)]


# --- start, next through every stop, finish ------------------------------------------------------------------


@pytest.mark.parametrize("route", ["rt-kk-chonnabot-silk", "rt-tat-kw-ratchaburi-nakhonpathom", "rt-tat-kw-buriram",
                                   "rt-tat-kw-udon-samtomkhao", "rt-phrae-creative-community",
                                   "rt-tat70-kk-kalasin-roiet", "rt-songkhla-old-town"])
def test_every_shipped_route_plays_from_start_through_every_stop_to_the_rating(chat: TourChat, route: str) -> None:
    expected = names(chat.content, route)
    reply = chat.start(route)
    assert texts(reply)[0].startswith("เริ่มเส้นทาง")
    seen = [stop_name(reply)]
    for n in range(2, len(expected) + 1):
        reply = chat.tap(button(reply, "ถัดไป"))
        assert heading(reply).startswith(f"🧭 จุดที่ {n}/{len(expected)}")
        seen.append(stop_name(reply))
    assert seen == expected
    assert "ถัดไป" not in buttons(reply)  # the last stop offers only "finish"
    reply = chat.tap(button(reply, "จบเส้นทาง"))
    [text] = texts(reply)
    assert "จบเส้นทาง" in text and "ให้คะแนน" in text
    assert [label[-1] for label in quick(reply)] == ["1", "2", "3", "4", "5"]
    assert chat.trips.current is None and chat.trips.routes[route].done


def test_a_stop_shows_name_time_duration_what_to_do_map_and_location(chat: TourChat) -> None:
    reply = chat.start("rt-tat-kw-udon-samtomkhao")
    reply = chat.tap(encode("tour_go", item="rt-tat-kw-udon-samtomkhao:2"))
    body = " ".join(c["text"] for c in guide_bubble(reply)["body"]["contents"])
    assert "08:30" in body and "210 นาที" in body and "ฟังผู้ใหญ่บ้าน" in body
    assert "ตำแหน่งโดยประมาณ" in body  # the venue's point is a district centre
    assert buttons(reply)["แผนที่จุดนี้"]["uri"].startswith("https://www.google.com/maps/")
    [location] = [m for m in reply if m["type"] == "location"]
    assert location["title"].endswith("(โดยประมาณ)")
    assert [label.split(".")[0] for label in quick(reply) if label[0].isdigit()] == ["1", "2", "3", "4"]


def test_a_stop_without_coordinates_says_so_and_sends_no_location(chat: TourChat) -> None:
    chat.start("rt-tat-kw-udon-samtomkhao")
    reply = chat.tap(encode("tour_go", item="rt-tat-kw-udon-samtomkhao:1"))  # the breakfast shop
    assert "ยังไม่มีพิกัด" in " ".join(c["text"] for c in guide_bubble(reply)["body"]["contents"])
    assert not [m for m in reply if m["type"] == "location"]


def test_route_bubbles_and_route_details_offer_start(chat: TourChat) -> None:
    reply = chat.say("เส้นทางท่องเที่ยว ขอนแก่น")
    bubble = next(m for m in reply if m["type"] == "flex")["contents"]["contents"][0]
    labels = [b["action"]["label"] for b in bubble["footer"]["contents"]]
    assert "เริ่มเส้นทาง" in labels
    details = chat.tap(encode("detail", item=SILK))
    assert quick(details)["เริ่มเส้นทาง"]["data"] == encode("tour_start", item=SILK)


# --- previous, jump, typed commands ----------------------------------------------------------------------------


def test_previous_goes_back_one_stop(chat: TourChat) -> None:
    reply = chat.start(KALASIN)
    reply = chat.tap(button(reply, "ถัดไป"))
    reply = chat.tap(button(reply, "ถัดไป"))
    assert chat.stop == 3
    reply = chat.tap(button(reply, "ก่อนหน้า"))
    assert chat.stop == 2 and heading(reply).startswith("🧭 จุดที่ 2/6")


def test_the_jump_list_goes_to_any_stop(chat: TourChat) -> None:
    reply = chat.start(KALASIN)
    reply = chat.tap(quick(reply)["5. ศูนย์วัฒนธรรมผู้ไทย…"]["data"])  # labels are cut at a word boundary
    assert chat.stop == 5 and stop_name(reply).startswith("ศูนย์วัฒนธรรมผู้ไทย")


@pytest.mark.parametrize(("typed", "expected"), [
    ("ถัดไป", 3), ("จุดต่อไป", 3), ("ต่อไป", 3), ("next", 3), ("Next stop", 3),
    ("ย้อนกลับ", 1), ("ก่อนหน้า", 1), ("back", 1), ("previous", 1),
    ("จุดที่ 5", 5), ("ไปจุดที่ 4", 4), ("จุดที่ ๖", 6), ("stop 2", 2), ("Stop 6", 6), ("go to stop 1", 1),
])
def test_typed_commands_in_thai_and_english(chat: TourChat, typed: str, expected: int) -> None:
    chat.start(KALASIN)
    chat.tap(encode("tour_go", item=f"{KALASIN}:1"))  # at stop 2
    reply = chat.say(typed)
    assert chat.stop == expected
    assert heading(reply).startswith(f"🧭 {'Stop' if typed.isascii() else 'จุดที่'} {expected}")


def test_typed_finish_and_next_on_the_last_stop_end_the_route(chat: TourChat) -> None:
    chat.start(SILK)
    chat.say("จุดที่ 4")
    reply = chat.say("ถัดไป")
    assert "จบเส้นทาง" in texts(reply)[0]
    chat.start(KALASIN)
    reply = chat.say("finish")
    assert "finished" in texts(reply)[0]


def test_a_stop_number_beyond_the_route_is_explained(chat: TourChat) -> None:
    chat.start(SILK)
    reply = chat.say("จุดที่ 9")
    assert texts(reply) == ["เส้นทางนี้มี 4 จุดค่ะ เลือกจุดที่ 1–4 ได้จากปุ่มด้านล่าง"]
    assert chat.stop == 1


@pytest.mark.parametrize("typed", ["ถัดไป", "next", "จุดที่ 3", "stop 2", "ย้อนกลับ"])
def test_guide_words_mean_nothing_special_without_a_trip(chat: TourChat, typed: str) -> None:
    reply = chat.say(typed)
    assert not any(m["type"] == "flex" and "🧭 จุดที่" in str(m) for m in reply)
    assert chat.trips.current is None


def test_resume_without_a_trip_says_there_is_none(chat: TourChat) -> None:
    reply = chat.say("ต่อเส้นทาง")
    assert "ยังไม่มีเส้นทางที่เที่ยวค้างไว้" in texts(reply)[0]
    assert "เส้นทางท่องเที่ยว" in quick(reply)


# --- resume, stale and double taps, switching ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ต่อเส้นทาง", "resume"])
def test_resume_days_later_after_the_chat_session_expired(chat: TourChat, typed: str) -> None:
    reply = chat.start(KALASIN)
    chat.tap(button(reply, "ถัดไป"))
    chat.tap(encode("tour_go", item=f"{KALASIN}:3"))
    chat.session, chat.now = Session(), NOW + timedelta(days=3)  # the 30-minute session is long gone
    reply = chat.say(typed)
    assert chat.stop == 4 and heading(reply).startswith(("🧭 จุดที่ 4/6", "🧭 Stop 4 of 6"))
    assert texts(reply)[0].startswith(("ต่อเส้นทาง", "Resuming"))


def test_a_stale_tap_on_an_older_stop_moves_to_exactly_that_stop(chat: TourChat) -> None:
    first = chat.start(KALASIN)
    old_next = button(first, "ถัดไป")  # "go to stop 2", kept in the chat history
    chat.say("จุดที่ 5")
    chat.tap(old_next)
    assert chat.stop == 2


def test_a_double_tap_on_next_never_skips_a_stop(chat: TourChat) -> None:
    reply = chat.start(KALASIN)
    data = button(reply, "ถัดไป")
    chat.tap(data)
    second = chat.tap(data)
    assert chat.stop == 2 and heading(second).startswith("🧭 จุดที่ 2/6")
    assert chat.trips.routes[KALASIN].furthest == 1


def test_starting_another_route_asks_to_switch_and_keeps_the_old_progress(chat: TourChat) -> None:
    chat.start(KALASIN)
    chat.say("จุดที่ 3")
    reply = chat.start(SILK)
    assert "จะเปลี่ยนไปเส้นทาง" in texts(reply)[0] and chat.trips.active == KALASIN
    keep = chat.tap(quick(reply)["ทำเส้นทางเดิมต่อ"]["data"])
    assert chat.stop == 3 and heading(keep).startswith("🧭 จุดที่ 3/6")
    reply = chat.start(SILK)
    chat.tap(quick(reply)["เปลี่ยนเส้นทาง"]["data"])
    assert chat.trips.active == SILK and chat.stop == 1
    reply = chat.tap(quick(chat.start(KALASIN))["เปลี่ยนเส้นทาง"]["data"])  # back to the first: where it was
    assert chat.trips.active == KALASIN and chat.stop == 3
    assert "เริ่มจุดแรกใหม่" in quick(reply)


# --- check-in -----------------------------------------------------------------------------------------------


def test_check_in_inside_the_radius_stamps_the_stop_and_the_finish_counts_stamps(chat: TourChat) -> None:
    views = stop_views(chat.content.catalog, chat.content.catalog.tours[KALASIN])
    total = sum(1 for v in views if v.checkin)  # stops with coordinates (one has none yet)
    assert total == 5
    chat.start(KALASIN)
    reply = chat.share_location(views[0].lat + 0.01, views[0].lon)  # ~1.1 km from a district centre
    assert texts(reply) == [f"✅ เช็กอินจุดที่ 1: {views[0].name} แล้วค่ะ (ตราประทับ 1/{total})"]
    again = chat.share_location(views[0].lat, views[0].lon)
    assert "เช็กอินไว้แล้ว" in texts(again)[0]
    shown = chat.tap(encode("tour_go", item=f"{KALASIN}:0"))
    assert "✅ เช็กอินแล้ว" in str(guide_bubble(shown)["body"])
    chat.tap(encode("tour_go", item=f"{KALASIN}:5"))
    chat.share_location(views[5].lat, views[5].lon)
    reply = chat.tap(encode("tour_end", item=KALASIN))
    assert f"ตราประทับที่สะสมได้ 2/{total} จุด" in texts(reply)[0]


def test_check_in_outside_the_radius_says_how_far_the_nearest_stop_is(chat: TourChat) -> None:
    chat.start(KALASIN)
    reply = chat.share_location(13.7563, 100.5018)  # Bangkok
    [text] = texts(reply)
    assert text.startswith("ตำแหน่งนี้ยังห่างจากจุดแวะที่ใกล้ที่สุด (จุดที่ 1: พระธาตุขามแก่น) ประมาณ ")
    assert "กม." in text and "5.0 กม." in text  # the approximate radius
    assert chat.trips.routes[KALASIN].stamps == ()


def test_exact_points_use_the_narrow_radius(content: Content) -> None:
    chat = TourChat(content, TripRules(radius_m=300, approx_radius_m=300))
    views = stop_views(content.catalog, content.catalog.tours[KALASIN])
    chat.start(KALASIN)
    reply = chat.share_location(views[0].lat + 0.01, views[0].lon)  # ~1.1 km: outside 300 m
    assert "ห่าง" in texts(reply)[0] and "1.1 กม." in texts(reply)[0]


def test_a_stop_with_check_in_switched_off_is_never_stamped(chat: TourChat) -> None:
    views = stop_views(chat.content.catalog, chat.content.catalog.tours[SILK])
    assert not views[0].checkin and views[0].has_point  # the city-centre start
    chat.start(SILK)
    reply = chat.share_location(views[0].lat, views[0].lon)
    assert "ห่าง" in texts(reply)[0] and chat.trips.routes[SILK].stamps == ()


def test_officers_can_switch_check_ins_off_for_a_route(content: Content) -> None:
    tours = dict(content.catalog.tours)
    tours[KALASIN] = tours[KALASIN].model_copy(update={"checkin": False})
    chat = TourChat(Content.build(replace(content.catalog, tours=tours)))
    reply = chat.start(KALASIN)
    assert "📍 ที่ใกล้ฉัน" not in quick(reply) and "แชร์ตำแหน่งเพื่อเช็กอิน" not in str(reply)
    reply = chat.share_location(16.69, 102.87)
    assert "ที่ใกล้ที่สุด" in texts(reply)[0] and [m for m in reply if m["type"] == "flex"]  # the usual nearby list


# --- finish and rating ---------------------------------------------------------------------------------------


def test_rating_and_comment_are_counted_for_the_route(chat: TourChat) -> None:
    chat.start(SILK)
    reply = chat.tap(encode("tour_end", item=SILK))
    reply = chat.tap(quick(reply)["⭐⭐⭐⭐ 4"]["data"])
    assert texts(reply)[0].startswith("ขอบคุณสำหรับ 4 ดาว")
    reply = chat.say("ชอบมาก ได้เห็นการทอผ้าจริง")
    assert texts(reply)[0].startswith("ขอบคุณสำหรับความเห็น")
    counted = [e for e in chat.effects if isinstance(e, CountTrip)]
    assert counted[-1].rating == 4 and counted[-1].comment == "ชอบมาก ได้เห็นการทอผ้าจริง" and counted[-1].finished
    assert len({e.started for e in counted}) == 1  # one trip, counted idempotently
    reply = chat.say("หอดูดาวโคราช")  # the comment window closed: back to searching
    assert [m for m in reply if m["type"] == "flex"]


def test_skipping_the_comment(chat: TourChat) -> None:
    chat.start(SILK)
    reply = chat.tap(quick(chat.tap(encode("tour_end", item=SILK)))["⭐⭐⭐⭐⭐ 5"]["data"])
    reply = chat.tap(quick(reply)["ข้าม"]["data"])
    assert texts(reply)[0].startswith("ได้เลยค่ะ")
    assert chat.trips.routes[SILK].comment_until is None and chat.trips.routes[SILK].rating == 5


def test_a_comment_typed_after_the_window_is_a_normal_message(chat: TourChat) -> None:
    chat.start(SILK)
    chat.tap(encode("tour_rate", item=f"{SILK}:3"))
    chat.now += timedelta(hours=1)
    reply = chat.say("หอดูดาวโคราช")
    assert [m for m in reply if m["type"] == "flex"]


# --- long texts, directions, content changes, forged taps --------------------------------------------------------


def test_a_long_stop_text_is_split_into_parts_with_read_on_never_cut(content: Content) -> None:
    long_text = "ชมการทอผ้าไหมมัดหมี่ และเรียนรู้ขั้นตอนตั้งแต่เลี้ยงไหมจนถึงทอเป็นผืน " * 25
    tours = dict(content.catalog.tours)
    stops = list(tours[SILK].stops)
    stops[2] = Stop(venue="kk-sala-mai-thai", description_th=long_text.strip())
    tours[SILK] = tours[SILK].model_copy(update={"stops": stops})
    chat = TourChat(Content.build(replace(content.catalog, tours=tours)))
    chat.start(SILK)
    reply = chat.say("จุดที่ 3")
    parts = [guide_bubble(reply)["body"]["contents"][2]["text"].rsplit(" (", 1)[0]]
    data = button(reply, "อ่านต่อ")
    while data:
        reply = chat.tap(data)
        parts.append(texts(reply)[0].rsplit(" (", 1)[0])
        data = quick(reply).get("อ่านต่อ", {}).get("data")
    assert len(parts) > 3
    assert "".join(parts).replace(" ", "") == long_text.replace(" ", "")
    assert all(len(p) <= 350 for p in parts)


def test_chunks_split_at_word_boundaries() -> None:
    text = "พิพิธภัณฑ์สิรินธรจัดแสดงซากไดโนเสาร์ที่ขุดพบในภูกุ้มข้าว" * 10
    parts = chunks(text, 60)
    assert "".join(parts) == text and all(len(p) <= 60 for p in parts)


def test_directions_come_in_legs_of_at_most_five_points(content: Content) -> None:
    views = stop_views(content.catalog, content.catalog.tours[KALASIN])
    points = [v for v in views if v.has_point]
    twelve = [replace(points[i % len(points)], index=i) for i in range(12)]
    found = legs(twelve)
    assert len(found) == 3
    for _first, _last, url in found:
        query = parse_qs(urlparse(url).query)
        assert len(query["waypoints"][0].split("|")) <= 3 and url.startswith("https://www.google.com/maps/dir/")
    assert [(a.index, b.index) for a, b, _ in found] == [(0, 4), (4, 8), (8, 11)]


def test_the_remaining_route_button_gives_one_link_per_leg(chat: TourChat) -> None:
    reply = chat.start(KALASIN)
    reply = chat.tap(button(reply, "เส้นทางจุดที่เหลือ"))
    [text] = texts(reply)
    assert text.count("https://www.google.com/maps/dir/") == 1  # 5 of the 6 stops have points: one leg
    assert "ช่วงที่ 1: จุดที่ 1–6" in text and "(จุดที่ 4 ยังไม่มีพิกัด จึงไม่อยู่ในลิงก์)" in text


@pytest.mark.parametrize("data", [
    encode("tour_go", item="no-such-route:1"), encode("tour_go", item=f"{KALASIN}:x"),
    encode("tour_go", item=KALASIN), encode("tour_rate", item=f"{KALASIN}:9"), encode("tour_read", item=f"{SILK}:0:7"),
    encode("tour_end", item=SILK), encode("tour_rate", item=f"{SILK}:5"),  # trips that expired or never began
])
def test_forged_or_stale_tour_taps_get_a_polite_answer(chat: TourChat, data: str) -> None:
    reply = chat.tap(data)
    assert texts(reply) and chat.trips.current is None
    assert not [e for e in chat.effects if isinstance(e, CountTrip)]


def test_a_removed_route_in_progress_is_no_trip(chat: TourChat) -> None:
    chat.start(SILK)
    tours = {k: v for k, v in chat.content.catalog.tours.items() if k != SILK}
    chat.content = Content.build(replace(chat.content.catalog, tours=tours))
    reply = chat.say("ต่อเส้นทาง")
    assert "ยังไม่มีเส้นทาง" in texts(reply)[0]
