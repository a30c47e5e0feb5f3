"""The Flex → HTML renderer on golden JSON from the real builders, and on everything answer() sends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.conversation import answer
from bot.replies.codec import encode
from bot.session import Session
from bot.turn import UserInput
from routes.preview.render import render_bubble, render_flex, render_message, render_quick_reply, unsupported
from tests.preview import goldens


@pytest.mark.parametrize("name", sorted(goldens.build()))
def test_builders_still_produce_the_golden_json(name):
    assert goldens.build()[name] == goldens.load(name), "builders changed: run `python -m tests.preview.goldens`"


def test_venue_bubble_with_hero_buttons_and_escaping():
    html = str(render_bubble(goldens.load("venue_bubble")))
    assert 'class="lf-bubble lf-mega" style="width:300px"' in html
    assert '<div class="lf-block lf-hero">' in html
    assert '<img src="https://example.org/images/observatory.jpg"' in html
    assert "aspect-ratio:20/13" in html and "object-fit:cover" in html
    assert "หอดูดาวตัวอย่าง &lt;script&gt;alert(1)&lt;/script&gt; นครราชสีมา" in html
    assert "<script>" not in html
    assert "-webkit-line-clamp:3" in html and "font-size:19px" in html and "lf-bold" in html
    assert "🚶 ห่างประมาณ 2.3 กม." in html
    assert html.index("lf-hero") < html.index("lf-body") < html.index("lf-footer")
    assert ('<a class="lf-button lf-btn-primary lf-h-sm" href="https://www.google.com/maps/search/?api=1&amp;query='
            in html)
    assert 'href="tel:044123456" target="_blank" rel="noopener noreferrer"' in html
    assert 'data-kind="postback"' in html and 'data-data="a=detail&amp;i=sample-observatory"' in html
    assert '<span class="lf-label">รายละเอียด</span>' in html
    assert unsupported(html) == []


def test_tour_bubble_and_plain_venue():
    tour = str(render_bubble(goldens.load("tour_bubble")))
    assert "เส้นทางตัวอย่าง ผ้าไหมและดวงดาว" in tour and "🚩 2 จุดแวะ · ระยะเวลา 1 วัน" in tour
    assert 'class="lf-button lf-btn-primary lf-h-sm"' in tour and ">ดูจุดแวะ<" in tour
    plain = str(render_bubble(goldens.load("venue_bubble_plain")))
    assert "lf-hero" not in plain and "ยังไม่มีข้อมูลเวลาทำการ" in plain
    assert unsupported(tour) == unsupported(plain) == []


def test_carousel_message_scrolls_sideways_with_every_bubble():
    message = goldens.load("carousel")
    html = str(render_message(message))
    assert html.startswith('<div class="lf-msg lf-msg-flex"><div class="lf-carousel">')
    assert html.count('class="lf-bubble lf-mega"') == 3
    assert "ตำแหน่งโดยประมาณ (ระดับจังหวัด)" in html and "🚶 ห่างประมาณ 40.0 กม." in html
    assert "🔔 ผลการค้นหา: หอดูดาวตัวอย่าง &lt;script&gt;" in html and "<script>" not in html
    assert render_quick_reply(message) == "" and unsupported(html) == []


def test_text_messages_and_quick_replies():
    first, last = goldens.load("text_quick_reply")
    assert str(render_message(first)) == '<div class="lf-msg lf-msg-text">พบ 3 แห่ง</div>'
    text = str(render_message(last))
    assert ('<a href="https://www.narit.or.th" target="_blank" rel="noopener noreferrer">https://www.narit.or.th</a>'
            in text)
    assert "&lt;b&gt;ตัวหนา&lt;/b&gt;" in text
    chips = str(render_quick_reply(last))
    assert chips.startswith('<div class="lf-quick">') and chips.count('class="lf-chip"') == 8
    assert 'data-kind="postback" data-label="ดูเพิ่มเติม" data-data="a=more&amp;s=1"' in chips
    assert 'data-kind="message" data-label="ห้องสมุด กทม" data-text="ห้องสมุด กทม"' in chips
    assert 'data-kind="location"' in chips and unsupported(chips) == []


def test_sizes_layouts_and_components_like_line():
    bubble = {"type": "bubble", "size": "kilo", "body": {"type": "box", "layout": "horizontal", "spacing": "md",
              "contents": [{"type": "text", "text": "a", "size": "5xl", "flex": 2},
                           {"type": "separator", "color": "#DDDDDD"},
                           {"type": "text", "text": "b", "wrap": False, "align": "end", "margin": "10px"},
                           {"type": "button", "style": "secondary", "color": "#123456",
                            "action": {"type": "message", "label": "go", "text": "go"}}]}}
    html = str(render_bubble(bubble))
    assert "width:260px" in html and "lf-horizontal" in html and "font-size:74px" in html
    assert "flex:2 1 0" in html and "margin-left:8px" in html and "margin-left:10px" in html
    assert "lf-sep-v" in html and "border-color:#DDDDDD" in html and "lf-nowrap" in html
    assert "background-color:#123456" in html and unsupported(html) == []
    for size, width in (("micro", 160), ("giga", 500)):
        assert f"width:{width}px" in render_flex({"type": "bubble", "size": size, "body": {
            "type": "box", "layout": "baseline", "contents": []}})


def test_unknown_or_unsafe_input_is_flagged_never_trusted():
    bubble = {"type": "bubble", "direction": "rtl", "body": {"type": "box", "layout": "vertical", "contents": [
        {"type": "icon", "url": "https://example.org/i.png"},
        {"type": "text", "text": "x", "color": "red;background:url(x)", "gravity": "center"},
        {"type": "image", "url": "http://example.org/plain.jpg"},
        {"type": "button", "action": {"type": "uri", "label": "x", "uri": "javascript:alert(1)"}},
        {"type": "button", "action": {"type": "datetimepicker", "label": "x", "data": "d", "mode": "date"}}]}}
    html = str(render_bubble(bubble))
    found = unsupported(html)
    assert {"bubble.direction", "component=icon", "text.gravity", "text.color=red;background:url(x)",
            "image.url=http://example.org/plain.jpg", "action.uri=javascript:alert(1)",
            "action.type=datetimepicker"} <= set(found)
    assert "href=\"javascript" not in html and "color:red" not in html and 'src="http:' not in html
    assert unsupported(str(render_message({"type": "sticker", "packageId": "1"}))) == ["message.type=sticker"]


def walk(content) -> list[dict]:
    """Every message answer() sends through a realistic preview conversation."""
    now, session, sent = datetime.now(UTC), Session(), []

    def send(user_input: UserInput) -> list[dict]:
        nonlocal session
        reply = answer(session, user_input, content, now)
        session = reply.session
        sent.extend(reply.messages)
        return reply.messages

    venue_id, tour_id = next(iter(content.catalog.venues)), next(iter(content.catalog.tours))
    send(UserInput("follow"))
    for text in ("ห้องสมุด กทม", "เส้นทางท่องเที่ยว", "หอดูดาวโคราช", "สวัสดี", "วิธีใช้", "ขอบคุณ", "museums in Bangkok",
                 "ซื้อหวย", "ห้องสมุดในนครพนม"):
        send(UserInput("text", text=text))
    send(UserInput("text", text="พิพิธภัณฑ์"))
    send(UserInput("postback", data=encode("more", seq=session.seq)))
    send(UserInput("postback", data=encode("more", seq=session.seq)))
    send(UserInput("location", lat=13.75, lon=100.5))
    send(UserInput("text", text="ห้องสมุดใกล้เคียง"))
    for data in (encode("detail", item=venue_id), encode("detail", item=tour_id), encode("help"), "bogus"):
        send(UserInput("postback", data=data))
    send(UserInput("other"))
    return sent


def test_everything_the_bot_sends_is_drawn(content):
    messages = walk(content)
    html = "".join(str(render_message(m)) + str(render_quick_reply(m)) for m in messages)
    assert unsupported(html) == []
    assert {m["type"] for m in messages} == {"text", "flex"}
    assert "ห่างประมาณ" in html and "lf-carousel" in html and "เส้นทางท่องเที่ยว" in html
    assert 'data-kind="location"' in html and 'data-kind="postback"' in html and 'data-kind="message"' in html


def test_a_tour_stop_bubble_renders_with_nested_navigation():
    stop = str(render_bubble(goldens.load("tour_stop")["contents"]))
    assert "จุดที่ 1/2" in stop and ">อ่านต่อ<" in stop and ">ถัดไป<" in stop and ">จบเส้นทาง<" in stop
    assert "⏳ ประมาณ 90 นาที" in stop
    assert unsupported(stop) == []
    tour = str(render_bubble(goldens.load("tour_bubble")))
    assert ">เริ่มเส้นทาง<" in tour
