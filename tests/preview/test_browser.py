"""The preview page in headless Chromium: chat with the bot, tap buttons and quick replies, log in."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
OBSERVATORY = "หอดูดาวเฉลิมพระเกียรติ 7 รอบ พระชนมพรรษา นครราชสีมา"
LIBRARY = "หอสมุดแห่งชาติ (ท่าวาสุกรี)"
TOKEN = "preview-test-token-1234-Kq9Zm"


def turns(page) -> int:
    """How many bot replies the page has finished (the chat script counts them on <body>)."""
    return int(page.evaluate("Number(document.body.dataset.turns || 0)"))


def act(page, action) -> None:
    """Do something that talks to the bot, then wait until its reply is drawn."""
    before = turns(page)
    action()
    page.wait_for_function("n => Number(document.body.dataset.turns || 0) > n", arg=before)


def say(page, text: str) -> None:
    """Type a message into the chat box and send it."""
    act(page, lambda: (page.fill("#pv-text", text), page.press("#pv-text", "Enter")))


def last_bot(page):
    """The last reply's messages in the chat log."""
    return page.locator(".pv-log .pv-row-bot").last


def open_preview(page, base: str, problems: list[str]) -> None:
    """Load /preview, record console errors, and wait for the greeting a new friend gets."""
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(base + "/preview")
    page.wait_for_function("() => Number(document.body.dataset.turns || 0) >= 1")


def test_chat_and_gallery(serve, page, artifacts):
    base = serve(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="")
    problems: list[str] = []
    open_preview(page, base, problems)
    assert "สวัสดี" in page.locator(".pv-log").inner_text()
    assert page.evaluate("document.fonts.check('16px Sarabun', 'หอดูดาว')")

    say(page, "หอดูดาวโคราช")
    bubble = page.locator(".pv-log .lf-bubble", has_text=OBSERVATORY).last
    bubble.wait_for()
    box = bubble.bounding_box()
    assert box is not None and abs(box["width"] - 300) < 1  # mega
    assert page.evaluate("getComputedStyle(document.querySelector('.pv-log .lf-bubble')).borderRadius") == "17px"
    family = page.evaluate("getComputedStyle(document.querySelector('.pv-log .lf-text')).fontFamily")
    assert family.split(",")[0].strip('"') == "Sarabun"
    map_link = bubble.locator("a.lf-button", has_text="แผนที่")
    assert map_link.get_attribute("href").startswith("https://www.google.com/maps/")
    assert map_link.get_attribute("target") == "_blank"
    page.locator(".pv-phone").screenshot(path=str(artifacts / "preview-chat-observatory.png"))

    act(page, lambda: bubble.locator("button.lf-button", has_text="รายละเอียด").click())  # a postback button
    assert OBSERVATORY in page.locator(".pv-log .pv-row-user").last.inner_text()  # its displayText
    assert "เวลาทำการ" in last_bot(page).inner_text()

    say(page, "ห้องสมุด กทม")
    page.locator(".pv-log .lf-bubble", has_text=LIBRARY).last.wait_for()
    titles = last_bot(page).locator(".lf-body .lf-text:nth-child(2)").all_inner_texts()
    assert LIBRARY in titles

    say(page, "พิพิธภัณฑ์")
    assert page.locator(".pv-log .lf-carousel").last.locator(".lf-bubble").count() == 10
    found = int(re.findall(r"· (\d+) แห่ง", page.locator(".pv-log").inner_text())[-1])  # grows with the content
    act(page, lambda: page.locator("#pv-quick .lf-chip", has_text="ดูเพิ่มเติม").click())
    assert page.locator(".pv-log .pv-mine").last.inner_text() == "ดูเพิ่มเติม"
    assert page.locator(".pv-log .lf-carousel").last.locator(".lf-bubble").count() == min(10, found - 10)

    say(page, "13.75,100.5")
    assert "ที่ใกล้ที่สุด" in page.locator(".pv-log").inner_text()
    assert "ห่างประมาณ" in last_bot(page).inner_text()

    page.click(".pv-input .pv-loc")
    page.locator("#pv-map").wait_for()
    point = page.evaluate("""() => {  // the screen position of Bangkok (13.75 N, 100.5 E) on the SVG map
        const svg = document.getElementById("pv-map-svg"), pt = svg.createSVGPoint();
        pt.x = 100.5; pt.y = -13.75;
        const p = pt.matrixTransform(svg.getScreenCTM());
        return {x: p.x, y: p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    lat, lon = map(float, page.input_value("#pv-map-coords").split(","))
    assert abs(lat - 13.75) < 0.05 and abs(lon - 100.5) < 0.05
    page.locator("#pv-map").screenshot(path=str(artifacts / "preview-map-picker.png"))
    act(page, lambda: page.click("#pv-map-send"))
    assert "ตำแหน่งที่ตั้ง" in page.locator(".pv-log .pv-row-user").last.inner_text()
    assert "กรุงเทพมหานคร" in last_bot(page).locator(".lf-bubble").first.inner_text()
    page.locator(".pv-phone").screenshot(path=str(artifacts / "preview-chat-location.png"))

    page.fill("#pv-q", "หอดูดาวโคราช")
    assert page.locator(".pv-item:visible").count() == 1
    assert OBSERVATORY in page.locator(".pv-item:visible").inner_text()
    assert "q=" in page.url
    page.fill("#pv-q", "")
    page.select_option("#pv-kind", "tour")
    assert page.locator(".pv-item:visible").count() == int(page.inner_text("#pv-shown")) >= 1
    page.select_option("#pv-kind", "")
    page.screenshot(path=str(artifacts / "preview-page.png"))
    assert problems == []


def test_login_required_with_token(serve, page, artifacts):
    base = serve(ADMIN_TOKEN=TOKEN)
    page.goto(base + "/preview")
    assert page.url.endswith("/preview/login")
    assert page.locator("#pv-login-form").is_visible()
    assert page.locator(".pv-log").count() == 0

    page.fill("#pv-token", "wrong-token")
    page.click("#pv-login-form button[type=submit]")
    assert "รหัสไม่ถูกต้อง" in page.locator(".pv-error").inner_text()
    page.screenshot(path=str(artifacts / "preview-login-refused.png"))
    assert page.request.post(base + "/preview/api/chat", data={"kind": "text", "text": "hi"}).status == 401

    page.fill("#pv-token", TOKEN)
    page.click("#pv-login-form button[type=submit]")
    page.wait_for_url(base + "/preview")
    page.wait_for_function("() => Number(document.body.dataset.turns || 0) >= 1")
    say(page, "หอดูดาวโคราช")
    page.locator(".pv-log .lf-bubble", has_text=OBSERVATORY).last.wait_for()
    cookie = next(c for c in page.context.cookies() if c["name"] == "session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]  # plain http here

    page.click(".pv-logout button")
    page.wait_for_url(base + "/preview/login")
