"""Officers publish with confidence: edit → check/diff → publish → every worker → history → rollback, per file."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from bot.turn import UserInput
from tests.conftest import BEARER
from tests.content.conftest import replace_after, set_field
from tests.content.test_content_state import KK, OLD_NAME

NEW_NAME = "ศาลาไหมไทย ชื่อใหม่"
DETAIL = "a=detail&i=kk-sala-mai-thai"
TRAT_WEB = "https://www.tkpark.or.th/trat"


def bot_says(app: Flask, data: str = DETAIL) -> str:
    """The first line the bot answers to a tap on "details" (after the worker's next poll)."""
    services = app.extensions["rianru"]
    services.live.reload_if_changed()
    result = services.runner("test:").run("officer-test", UserInput("postback", data=data), dedup=False)
    assert result.reply is not None
    return result.reply.messages[0]["text"].split("\n")[0]


def trat_web(app: Flask) -> str | None:
    """The website citizens see for TK Park Trat."""
    live = app.extensions["rianru"].live
    live.reload_if_changed()
    return live.current.catalog.venues["tk-trat"].website


def _break(content: Path) -> int:
    return replace_after(content, KK, "- id: kk-sala-mai-thai", "  type: museum", "  type: museum: oops")


def test_officer_flow_check_diff_publish_every_worker_history_rollback(content_copy: Path, make_app) -> None:
    workers = [make_app(CONTENT_DIR=str(content_copy)) for _ in range(2)]  # one instance/, like gunicorn workers
    cli = workers[0].test_cli_runner()
    assert [bot_says(w) for w in workers] == [OLD_NAME, OLD_NAME]

    replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
    check = cli.invoke(args=["content", "check"])
    assert check.exit_code == 0 and "1 files differ from what citizens see now" in check.output, check.output
    diff = cli.invoke(args=["content", "diff"])
    assert diff.exit_code == 0 and f'renamed): kk-sala-mai-thai: "{OLD_NAME}" → "{NEW_NAME}"' in diff.output
    assert [bot_says(w) for w in workers] == [OLD_NAME, OLD_NAME]  # saved, checked, not yet published

    run = cli.invoke(args=["content", "publish", "--note", "ชื่อตามป้ายใหม่", "--by", "สมชาย"])
    assert run.exit_code == 0, run.output
    assert f'"{NEW_NAME}"' in run.output and "published as version 2" in run.output
    assert [bot_says(w) for w in workers] == [NEW_NAME, NEW_NAME]

    history = cli.invoke(args=["content", "history", "--details"]).output
    assert "v1 " in history and "initial" in history
    assert "* v2 " in history and "สมชาย" in history and "ชื่อตามป้ายใหม่" in history
    assert f"file: {KK}" in history and "renamed): kk-sala-mai-thai" in history

    run = cli.invoke(args=["content", "rollback", "1", "--by", "สมชาย", "--note", "ย้อนก่อน"])
    assert run.exit_code == 0 and "published as v3" in run.output, run.output
    assert [bot_says(w) for w in workers] == [OLD_NAME, OLD_NAME]
    history = cli.invoke(args=["content", "history"]).output
    assert "* v3 " in history and "rollback to v1" in history and "ย้อนก่อน" in history
    assert NEW_NAME in (content_copy / KK).read_text(encoding="utf-8")  # the officer's draft is kept
    assert cli.invoke(args=["content", "rollback", "99"]).exit_code == 1


def test_publish_sends_the_valid_file_and_holds_the_broken_one(content_copy: Path, make_app) -> None:
    app = make_app(CONTENT_DIR=str(content_copy))
    set_field(content_copy, "venues/trat.yaml", "tk-trat", "website", TRAT_WEB)
    replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
    line = _break(content_copy)
    run = app.test_cli_runner().invoke(args=["content", "publish", "--by", "test"])
    assert run.exit_code == 1, run.output  # something was held back: scripts notice
    assert f"held back at its last good version): content/{KK}" in run.output
    assert f"content/{KK}:{line}: " in run.output and "published as version 2" in run.output
    assert trat_web(app) == TRAT_WEB and bot_says(app) == OLD_NAME
    body = app.test_client().get("/healthz", headers=BEARER).get_json()["content"]
    assert body["status"] == "stale" and list(body["stale_files"]) == [KK]
    assert any(e.startswith(f"content/{KK}:{line}: ") for e in body["stale_files"][KK])


def test_auto_publish_sends_the_valid_file_and_holds_the_broken_one(content_copy: Path, make_app) -> None:
    app = make_app(CONTENT_DIR=str(content_copy), CONTENT_AUTO_PUBLISH="1")
    set_field(content_copy, "venues/trat.yaml", "tk-trat", "website", TRAT_WEB)
    replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
    _break(content_copy)
    assert trat_web(app) == TRAT_WEB and bot_says(app) == OLD_NAME
    client = app.test_client()
    assert list(client.get("/healthz", headers=BEARER).get_json()["content"]["stale_files"]) == [KK]
    replace_after(content_copy, KK, None, "  type: museum: oops", "  type: museum")  # fixed: goes live too
    assert bot_says(app) == NEW_NAME
    body = client.get("/healthz", headers=BEARER).get_json()["content"]
    assert body["status"] == "ok" and body["stale_files"] == {}
    history = app.extensions["rianru"].live.store.history()
    assert [e["action"] for e in history] == ["initial", "auto", "auto"] and history[1]["held"] == [KK]


def test_a_tour_needing_a_held_back_venue_is_held_back_too(content_copy: Path, make_app) -> None:
    app = make_app(CONTENT_DIR=str(content_copy))
    replace_after(content_copy, KK, None, "- id: kk-sala-mai-thai", "- id: kk-sala-mai-thai-2")
    _break(content_copy)
    replace_after(content_copy, "tours/rt-kk-chonnabot-silk.yaml", None, "venue: kk-sala-mai-thai",
                  "venue: kk-sala-mai-thai-2")
    run = app.test_cli_runner().invoke(args=["content", "publish"])
    assert run.exit_code == 1
    assert "held back at its last good version): content/tours/rt-kk-chonnabot-silk.yaml" in run.output
    assert bot_says(app) == OLD_NAME  # the old id still works: nothing half-published


def test_rollback_with_auto_publish_restores_the_files_so_the_next_save_does_not_undo_it(
        content_copy: Path, make_app) -> None:
    app = make_app(CONTENT_DIR=str(content_copy), CONTENT_AUTO_PUBLISH="1")
    replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
    assert bot_says(app) == NEW_NAME
    run = app.test_cli_runner().invoke(args=["content", "rollback", "1", "--by", "test"])
    assert run.exit_code == 0, run.output
    assert bot_says(app) == OLD_NAME and OLD_NAME in (content_copy / KK).read_text(encoding="utf-8")
    set_field(content_copy, "venues/trat.yaml", "tk-trat", "website", TRAT_WEB)  # the next save
    assert trat_web(app) == TRAT_WEB and bot_says(app) == OLD_NAME
