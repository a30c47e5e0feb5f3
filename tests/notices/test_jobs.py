"""Notices as RQ jobs: queued and worked in the background, scheduled with a clock the test controls, cancelled,
resumed after a worker is killed half-way, and event reminders with the daily cap."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.notices import batches, desk, jobs, reminders
from bot.notices.model import retry_key
from tests.conftest import ROOT
from tests.fake_line import MULTICAST
from tests.notices.conftest import FixtureEvent, user_ids

NOW = datetime(2027, 1, 8, 2, 0, tzinfo=UTC)  # 09:00 in Bangkok


class Catalog:
    """Just enough of a catalog for reminders: events, no venues or places."""

    def __init__(self, *events: FixtureEvent):
        self.events = events
        self.venues: dict = {}


def test_send_runs_as_a_background_job(rt, fake_line, follow, work):
    people = follow("province", "ขอนแก่น", user_ids(700))
    draft = desk.prepare(rt, None, by="สมชาย", audience="province:ขอนแก่น", text="ข่าวดี")
    notice = desk.submit(rt, draft)
    assert notice.status == "queued" and fake_line.to(MULTICAST) == []  # nothing sent by submitting
    work()
    assert rt.store.get(notice.id).status == "sent"
    assert sorted(fake_line.delivered()) == sorted(people)
    actions = [(e["who"], e["action"], e["outcome"]) for e in rt.audit.recent(10, notice.id)]
    assert ("สมชาย", "send", "queued") in actions and ("system", "sent", "2/2 batches") in actions


def test_a_scheduled_notice_goes_out_at_its_time_and_a_cancelled_one_never(rt, fake_line, follow, work):
    follow("province", "ขอนแก่น", user_ids(3))
    soon = datetime.now(UTC) + timedelta(hours=2)
    at = soon.astimezone(reminders.BANGKOK).replace(tzinfo=None).isoformat(timespec="minutes")  # Bangkok wall time
    kept = desk.submit(rt, desk.prepare(rt, None, by="a", audience="province:ขอนแก่น", text="หนึ่ง", at=at))
    dropped = desk.submit(rt, desk.prepare(rt, None, by="b", audience="province:ขอนแก่น", text="สอง", at=at))
    assert kept.status == dropped.status == "scheduled"
    assert desk.cancel(rt, dropped.id, "b").status == "cancelled"
    work()
    assert fake_line.to(MULTICAST) == []  # not yet: the clock has not reached the time
    assert jobs.release_due(rt.client, soon - timedelta(minutes=5)) == []
    assert jobs.release_due(rt.client, soon + timedelta(minutes=1)) == [jobs.job_id(kept.id)]
    work()
    assert [c.body["messages"][0]["text"] for c in fake_line.to(MULTICAST)] == ["หนึ่ง"]
    assert rt.store.get(kept.id).status == "sent" and rt.store.get(dropped.id).status == "cancelled"
    batches.run_notice(rt, dropped.id)  # even run by hand, a cancelled notice sends nothing
    assert len(fake_line.to(MULTICAST)) == 1


def test_a_reminder_reaches_each_follower_once_even_when_three_follows_match(rt, fake_line, follow, work):
    both = follow("venue", "kk-science", user_ids(5))
    follow("province", "ขอนแก่น", both + user_ids(2, 100))
    follow("topic", "ดาราศาสตร์", both + user_ids(1, 200))
    event = FixtureEvent("stars-2027", "คืนดูดาว", date(2027, 1, 9), venue_id="kk-science", province="ขอนแก่น",
                         topics=["ดาราศาสตร์"], booking_url="https://example.org/book")
    planned = reminders.plan(rt, Catalog(event), now=NOW - timedelta(days=1))
    assert [n.id for n in planned] == ["r-stars-2027-20270109"] and planned[0].status == "scheduled"
    assert reminders.plan(rt, Catalog(event), now=NOW - timedelta(days=1)) == []  # planning again adds nothing
    assert jobs.release_due(rt.client, NOW) == [jobs.job_id(planned[0].id)]  # 09:00 Bangkok the day before
    work()
    assert sorted(fake_line.delivered()) == sorted(set(both + user_ids(2, 100) + user_ids(1, 200)))
    bubble = fake_line.to(MULTICAST)[0].body["messages"][0]
    assert bubble["type"] == "flex" and "คืนดูดาว" in bubble["altText"]
    rt.store.update(planned[0].id, status="failed", recipients=None)  # even a forced second run
    batches.run_notice(rt, planned[0].id)
    assert len(fake_line.delivered()) == 8


def test_the_daily_cap_holds_across_notices(rt, fake_line, follow, work, monkeypatch):
    people = follow("province", "ขอนแก่น", user_ids(4))
    for text in ("หนึ่ง", "สอง"):  # two admin notices today reach the first two citizens
        follow("venue", "v1", people[:2])
        batches.run_notice(rt, desk.submit(rt, desk.prepare(rt, None, by="a", audience="venue:v1", text=text)).id,
                           now=NOW)
    event = FixtureEvent("talk", "เสวนา", datetime(2027, 1, 9, 13, 0), province="ขอนแก่น")
    (notice,) = reminders.plan(rt, Catalog(event), now=NOW - timedelta(hours=1))
    batches.run_notice(rt, notice.id, now=NOW)
    reminded = fake_line.to(MULTICAST)[-1].body["to"]
    assert sorted(reminded) == sorted(people[2:])  # the cap (2 a day) kept the first two out
    assert rt.store.get(notice.id).recipients == 2


@pytest.mark.slow
def test_a_worker_killed_after_the_first_batch_is_resumed_sending_only_the_rest(rt, fake_line, follow, work,
                                                                              notice_env):
    people = follow("province", "ขอนแก่น", user_ids(1234))
    notice = desk.submit(rt, desk.prepare(rt, None, by="a", audience="province:ขอนแก่น", text="ข่าว"))
    fake_line.respond(MULTICAST, 200, times=1)
    fake_line.hang(MULTICAST, 30, times=1)  # the second batch never answers: the worker dies waiting
    env = {**os.environ, **notice_env, "NOTICE_LOCK_S": "1"}
    worker = subprocess.Popen([sys.executable, "-m", "bot.notices.worker", "--burst"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        fake_line.wait_for(2, timeout=60, path=MULTICAST)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    assert [b.state for b in rt.store.batches(notice.id)] == ["sent", "pending"]
    time.sleep(1.1)  # the dead worker's lock expires (NOTICE_LOCK_S=1 for this test)
    desk.resend(rt, notice.id, "a")
    work()
    calls = fake_line.to(MULTICAST)
    assert [c.retry_key for c in calls] == [retry_key(notice.id, n) for n in (0, 1, 1, 2)]
    assert calls[2].status == 409  # LINE had accepted batch 2 before the worker died
    assert rt.store.get(notice.id).status == "sent"
    assert sorted(fake_line.delivered()) == sorted(people)
