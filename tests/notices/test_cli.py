"""`flask notice send|list|show|cancel`: dry runs, sending with a progress bar, scheduling and cancelling."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask

from bot.app import create_app
from tests.conftest import ACCESS_TOKEN, CONTENT, close_app
from tests.fake_line import MULTICAST
from tests.notices.conftest import user_ids


@pytest.fixture(scope="module")
def cli_app(line_server, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    built = create_app({"INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")), "REDIS_URL": redis_url,
                        "CONTENT_DIR": str(CONTENT), "LINE_API_BASE_URL": line_server.url,
                        "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN, "NOTICE_BACKOFF_S": "0.01"}, watch=False)
    yield built
    close_app(built)


@pytest.fixture
def notice(cli_app, fake_line, notice_env, redis_client):
    def run(*args: str, code: int = 0) -> str:
        result = cli_app.test_cli_runner().invoke(args=["notice", *args])
        assert result.exit_code == code, result.output + repr(result.exception)
        return result.output
    return run


def test_dry_run_shows_count_quota_and_the_message_and_sends_nothing(notice, fake_line, follow):
    follow("province", "ขอนแก่น", user_ids(1234))
    fake_line.quota = 5000
    out = notice("send", "--text", "ห้องสมุดประชาชนเปิดถึงสองทุ่ม", "--audience", "province:ขอนแก่น", "--dry-run")
    assert "recipients: 1,234" in out and "quota this month: 0 used of 5000" in out
    assert "ห้องสมุดประชาชนเปิดถึงสองทุ่ม" in out and "dry run: nothing sent" in out
    assert fake_line.to(MULTICAST) == []


def test_send_with_a_progress_bar_then_list_and_show(notice, fake_line, follow):
    people = follow("province", "ขอนแก่น", user_ids(1234))
    out = notice("send", "--text", "ข่าว", "--audience", "province:ขอนแก่น", "--by", "สมชาย")
    assert "batches" in out and out.strip().endswith("sent")
    assert sorted(fake_line.delivered()) == sorted(people)
    notice_id = out.split("notice ")[1].split(":")[0]
    listed = notice("list")
    assert notice_id in listed and "สมชาย" in listed and "audit log" in listed
    shown = json.loads(notice("show", notice_id))
    assert [b["size"] for b in shown["batch_states"]] == [500, 500, 234]
    assert all(b["state"] == "sent" and b["request_id"] for b in shown["batch_states"])


def test_schedule_and_cancel(notice, fake_line, follow):
    follow("topic", "ดาราศาสตร์", user_ids(3))
    out = notice("send", "--text", "คืนดูดาว", "--audience", "topic:ดาราศาสตร์", "--at", "2099-01-09T09:00")
    assert "scheduled for 2099-01-09T02:00:00+00:00" in out
    notice_id = out.split("notice ")[1].split(":")[0]
    assert "cancelled" in notice("cancel", notice_id)
    assert "unchanged" in notice("show", notice_id) or json.loads(notice("show", notice_id))["status"] == "cancelled"
    assert fake_line.to(MULTICAST) == []


def test_problems_exit_1_with_the_reason(notice, fake_line):
    out = notice("send", "--text", "x", "--audience", "province:ขอนเเก่น", code=1)
    assert "ไม่รู้จักจังหวัด" in out
    assert "no notice" in notice("show", "n-missing", code=1)
