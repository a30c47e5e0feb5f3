"""Ranking with filters, read as short chats: what a citizen types and which places the bot shows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.content import Content
from bot.conversation import answer
from bot.replies.codec import decode
from bot.session import Session
from bot.turn import UserInput
from tests.line_checker import assert_valid


def ask(content: Content, text: str, session: Session | None = None):
    """Send one text; return (shown ids, reply)."""
    reply = answer(session or Session(), UserInput("text", text=text), content, datetime.now(UTC))
    assert_valid(reply.messages)
    shown = reply.session.results[: reply.session.shown] if any(m["type"] == "flex" for m in reply.messages) else []
    return shown, reply


def quick_labels(reply) -> list[str]:
    return [i["action"]["label"] for i in reply.messages[-1].get("quickReply", {}).get("items", [])]


def test_place_and_type_show_only_venues_that_satisfy_both(content: Content) -> None:
    shown, _ = ask(content, "พิพิธภัณฑ์ในขอนแก่น")
    venues = content.catalog.venues
    assert shown and all(venues[i].province_th == "ขอนแก่น" for i in shown)
    assert all(venues[i].type == "museum" or "พิพิธภัณฑ์" in venues[i].name_th for i in shown)


def test_type_alone_lists_every_venue_of_that_type_across_pages(content: Content) -> None:
    museums = {v.id for v in content.catalog.venues.values() if v.type == "museum"}
    shown, reply = ask(content, "พิพิธภัณฑ์")
    seen = set(shown)
    while True:
        more = [i for i in reply.messages[-1].get("quickReply", {}).get("items", [])
                if i["action"]["type"] == "postback" and decode(i["action"]["data"]).action == "more"]
        if not more:
            break
        before = reply.session.shown
        reply = answer(reply.session, UserInput("postback", data=more[0]["action"]["data"]), content,
                       datetime.now(UTC))
        assert_valid(reply.messages)
        seen.update(reply.session.results[before : reply.session.shown])
    assert museums <= seen


def test_place_alone_lists_its_venues_and_tours(content: Content) -> None:
    shown, reply = ask(content, "สงขลา")
    assert "rt-songkhla-old-town" in reply.session.results
    assert {"nm-songkhla", "sk-old-town"} <= set(reply.session.results)
    assert all(content.catalog.item(i) for i in shown)


def test_few_matches_show_only_those_and_offer_alternatives(content: Content) -> None:
    shown, reply = ask(content, "หอดูดาว เชียงใหม่")
    assert shown[0] == "narit-astropark"
    assert all(content.catalog.venues[i].province_th == "เชียงใหม่" for i in shown)
    labels = quick_labels(reply)
    assert any("ใกล้เคียง" in label for label in labels)


def test_no_match_says_so_in_text_and_offers_alternatives(content: Content) -> None:
    # Ranong has no museum in the content (checked here, so the case stays true as content grows)
    assert not [v for v in content.catalog.venues.values() if v.province_th == "ระนอง"
                and (v.type == "museum" or "พิพิธภัณฑ์" in v.name_th)]
    shown, reply = ask(content, "พิพิธภัณฑ์ในระนอง")
    assert shown == []
    assert all(m["type"] == "text" for m in reply.messages)
    assert "ไม่พบ" in reply.messages[0]["text"] and "ระนอง" in reply.messages[0]["text"]
    labels = quick_labels(reply)
    assert "พิพิธภัณฑ์ใกล้เคียง" in labels and any("ระนอง" in label for label in labels)


def test_nearby_after_a_place_uses_that_place(content: Content) -> None:
    _, reply = ask(content, "พิพิธภัณฑ์ในภูเก็ต")
    shown, reply = ask(content, "พิพิธภัณฑ์ใกล้เคียง", reply.session)
    assert shown and content.catalog.venues[shown[0]].province_th in {"สงขลา", "สุราษฎร์ธานี", "สตูล", "ภูเก็ต"}
    assert "กม." in str(reply.messages[1])


def test_nearby_without_a_known_place_asks_for_the_location(content: Content) -> None:
    shown, reply = ask(content, "ห้องสมุดใกล้ฉัน")
    assert shown == []
    assert any(i["action"]["type"] == "location" for i in reply.messages[-1]["quickReply"]["items"])


@pytest.mark.parametrize(("text", "first"), [
    ("พิพิธภัณฑ์ไดโนเสาร์", "ks-sirindhorn-museum"),  # a type word that is part of a name
    ("ท้องฟ้าจำลองกรุงเทพ", "sce-bangkok-planetarium"),
    ("อุทยานดาราศาสตร์สิรินธร", "narit-astropark"),  # สิรินธร is also a district name
    ("ทีเคพาร์ค เซ็นทรัลเวิลด์", "tk-bkk-centralworld"),
    ("tcdc ขอนแก่น", "tcdc-khonkaen"),
    ("ทริปเมืองเก่าสงขลา", "rt-songkhla-old-town"),  # tour words put routes first
    ("ศูนย์วิทยาศาสตร์ กทม", "sce-bangkok-planetarium"),
])
def test_names_win_over_words_inside_them(content: Content, text: str, first: str) -> None:
    shown, _ = ask(content, text)
    assert shown and shown[0] == first


def test_audience_ranks_family_places_first(content: Content) -> None:
    shown, _ = ask(content, "ที่เที่ยวสำหรับเด็ก ปทุมธานี")
    audience = content.catalog.venues[shown[0]].audience
    assert "เด็ก" in audience or "ครอบครัว" in audience


def test_english_question_gets_english_words(content: Content) -> None:
    _, reply = ask(content, "museums in khon kaen")
    assert reply.messages[0]["text"].startswith("Museum in Khon Kaen · ")  # what was understood, in English
