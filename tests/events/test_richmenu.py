"""`flask richmenu deploy|delete` through the real SDK against the fake LINE server, and the drawn image."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image, ImageFont
from pythainlp.tokenize import word_tokenize

from bot.commands.richmenu import MENU
from bot.commands.richmenu_image import FONT, wrap
from bot.content import Content
from bot.conversation import answer
from bot.replies.phrases import t
from bot.session import Session
from bot.turn import UserInput
from tests.events.conftest import NOW
from tests.fake_line import FakeLine


@pytest.fixture(scope="module")
def fake_line() -> Iterator[FakeLine]:
    with FakeLine() as fake:
        yield fake


def test_deploy_sends_a_valid_menu_with_its_image_and_a_second_deploy_leaves_one(make_app, fake_line) -> None:
    fake_line.reset()
    runner = make_app(LINE_API_BASE_URL=fake_line.url).test_cli_runner()
    first = runner.invoke(args=["richmenu", "deploy"])
    assert first.exit_code == 0, first.output
    assert len(fake_line.rich_menus) == 1
    (menu_id, menu), = fake_line.rich_menus.items()
    assert 1 <= len(menu["areas"]) <= 20 and menu["size"] == {"width": 2500, "height": 1686}
    assert all(area["action"]["label"] for area in menu["areas"])  # read aloud by screen readers
    kind, png = fake_line.rich_menu_images[menu_id]
    assert kind == "image/png" and len(png) <= 1_000_000
    assert Image.open(io.BytesIO(png)).size == (2500, 1686)
    assert fake_line.default_rich_menu == menu_id
    assert all(r.headers["authorization"] == "Bearer test-access-token" for r in fake_line.requests)

    second = runner.invoke(args=["richmenu", "deploy"])
    assert second.exit_code == 0, second.output
    assert len(fake_line.rich_menus) == 1 and menu_id not in fake_line.rich_menus
    assert fake_line.default_rich_menu in fake_line.rich_menus

    gone = runner.invoke(args=["richmenu", "delete"])
    assert gone.exit_code == 0 and fake_line.rich_menus == {} and fake_line.default_rich_menu is None


@pytest.mark.parametrize("index", range(len(MENU)))
def test_every_area_does_something_the_bot_understands(event_content: Content, index: int) -> None:
    _, action = MENU[index]
    given = UserInput("postback", data=action["data"]) if action["type"] == "postback" else \
        UserInput("text", text=action["text"])
    reply = answer(Session(), given, event_content, NOW)
    first = reply.messages[0].get("text", "")
    assert reply.messages and first not in (t("th", "out_of_scope"), t("th", "expired"))


def test_labels_wrap_only_between_thai_words() -> None:
    font = ImageFont.truetype(str(FONT), 150)
    text = "แหล่งเรียนรู้ใกล้บ้านสำหรับครอบครัว"
    lines = wrap(text, font, 700)
    assert len(lines) > 1 and "".join(lines) == text
    words = word_tokenize(text, engine="newmm")
    word_ends = {sum(len(w) for w in words[:n]) for n in range(len(words) + 1)}
    breaks = [sum(len(line) for line in lines[:n]) for n in range(1, len(lines))]
    assert set(breaks) <= word_ends  # never inside a word (a vowel or tone mark never starts a line)
    assert all(font.getlength(line) <= 700 for line in lines if len(line) > 1)
    assert wrap("กิจกรรม", font, 700) == ["กิจกรรม"]
