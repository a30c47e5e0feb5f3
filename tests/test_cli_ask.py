"""`flask ask TEXT [--json]`: the bot's answer on the command line, as readable text or LINE's exact body."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask

from bot.app import create_app
from tests.conftest import CONTENT, close_app
from tests.line_checker import assert_valid

OBSERVATORY = "หอดูดาวเฉลิมพระเกียรติ 7 รอบ พระชนมพรรษา นครราชสีมา"


@pytest.fixture(scope="module")
def app(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for the module (building one loads and indexes all content); `ask` itself never touches Redis."""
    built = create_app({"INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")), "REDIS_URL": redis_url,
                        "CONTENT_DIR": str(CONTENT)}, watch=False)
    yield built
    close_app(built)


def ask(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["ask", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_ask_prints_the_venue(app: Flask) -> None:
    output = ask(app, "หอดูดาวโคราช")
    assert f"[1] {OBSERVATORY}" in output and "[2]" not in output  # a named venue is shown alone
    assert output.count(OBSERVATORY) >= 2, "the heading names it too"
    assert "(แผนที่)" in output
    assert "quick replies:" in output


def test_ask_json_is_the_reply_body_line_would_get(app: Flask) -> None:
    body = json.loads(ask(app, "หอดูดาวโคราช", "--json"))
    assert_valid(body)
    flex = [m for m in body["messages"] if m["type"] == "flex"]
    assert flex[0]["contents"]["contents"][0]["body"]["contents"][1]["text"] == OBSERVATORY
    assert OBSERVATORY in ask(app, "--json", "หอดูดาวโคราช")  # Thai printed as Thai, not \u escapes


@pytest.mark.parametrize(("text", "expected"), [
    ("ราคาทองวันนี้", "ขออภัยค่ะ"),
    ("hello", "Hello!"),
    ("พิพิธภัณฑ์", "ดูเพิ่มเติม"),
])
def test_ask_other_questions(app: Flask, text: str, expected: str) -> None:
    output = ask(app, text)
    assert expected in output
    body = json.loads(ask(app, text, "--json"))
    assert_valid(body)
    if text == "ราคาทองวันนี้":
        assert [m["type"] for m in body["messages"]] == ["text"]


def test_ask_needs_text(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["ask"])
    assert result.exit_code != 0
    assert "TEXT" in result.output
