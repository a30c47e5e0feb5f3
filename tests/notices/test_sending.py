"""Sending a notice exactly once against the fake LINE server: batches, lost responses, retries, stops, locks."""

from __future__ import annotations

import pytest

from bot.notices import batches, desk
from bot.notices.model import retry_key
from tests.fake_line import MULTICAST
from tests.notices.conftest import user_ids

KHON_KAEN = "ขอนแก่น"


def make(rt, audience: str = f"province:{KHON_KAEN}", text: str = "ห้องสมุดปิดปรับปรุงวันเสาร์นี้", catalog=None):
    draft = desk.prepare(rt, catalog, by="สมชาย", audience=audience, text=text)
    assert draft.problems == [] and draft.notice is not None
    rt.store.save(draft.notice)
    return draft


def test_1234_followers_go_out_in_three_multicasts_each_citizen_once(rt, fake_line, follow):
    people = follow("province", KHON_KAEN, user_ids(1234))
    draft = make(rt)
    assert draft.count == 1234
    notice = batches.run_notice(rt, draft.notice.id)
    calls = fake_line.to(MULTICAST)
    assert [len(c.body["to"]) for c in calls] == [500, 500, 234]
    assert sorted(fake_line.delivered()) == sorted(people)
    assert notice.status == "sent" and notice.recipients == 1234 and notice.batches == 3
    assert [c.retry_key for c in calls] == [retry_key(notice.id, n) for n in range(3)]
    assert all(c.body["messages"] == [{"type": "text", "text": "ห้องสมุดปิดปรับปรุงวันเสาร์นี้"}] for c in calls)


def test_a_lost_response_is_retried_with_the_same_key_and_409_counts_as_sent(rt, fake_line, follow):
    people = follow("province", KHON_KAEN, user_ids(1234))
    fake_line.respond(MULTICAST, 200, times=1)
    fake_line.respond(MULTICAST, 500, {"message": "Internal error"}, accept=True, times=1)
    notice = batches.run_notice(rt, make(rt).notice.id)
    calls = fake_line.to(MULTICAST)
    assert [c.status for c in calls] == [200, 500, 409, 200]
    assert calls[1].retry_key == calls[2].retry_key and calls[1].body == calls[2].body
    assert notice.status == "sent"
    assert sorted(fake_line.delivered()) == sorted(people)  # nobody twice
    assert [b.state for b in rt.store.batches(notice.id)] == ["sent", "sent", "sent"]


def test_429_waits_for_retry_after_then_sends(rt, fake_line, follow):
    follow("topic", "ดาราศาสตร์", user_ids(10))
    fake_line.respond(MULTICAST, 429, {"message": "Too many requests"}, headers={"Retry-After": "0.02"}, times=2)
    notice = batches.run_notice(rt, make(rt, "topic:ดาราศาสตร์").notice.id)
    assert [c.status for c in fake_line.to(MULTICAST)] == [429, 429, 200]
    assert notice.status == "sent" and rt.store.batches(notice.id)[0].attempts == 3


def test_a_4xx_stops_the_notice_and_is_reported_then_a_rerun_sends_only_the_rest(rt, fake_line, follow):
    people = follow("venue", "kk-library", user_ids(1100))
    fake_line.respond(MULTICAST, 200, times=1)
    fake_line.respond(MULTICAST, 400, {"message": "The request body has 1 error(s)"}, times=1)
    notice = batches.run_notice(rt, make(rt, "venue:kk-library").notice.id)
    assert notice.status == "failed" and "batch 2/3: 400" in (notice.error or "")
    assert len(fake_line.to(MULTICAST)) == 2  # no retry of a 400, and batch 3 was not tried
    again = batches.run_notice(rt, notice.id)
    assert again.status == "sent"
    assert [len(c.body["to"]) for c in fake_line.to(MULTICAST)] == [500, 500, 500, 100]
    assert sorted(fake_line.delivered()) == sorted(people)


def test_5xx_until_attempts_run_out_fails_and_a_rerun_finishes(rt, fake_line, follow):
    people = follow("province", KHON_KAEN, user_ids(3))
    fake_line.respond(MULTICAST, 503, {"message": "busy"}, times=4)
    notice = batches.run_notice(rt, make(rt).notice.id)
    assert notice.status == "failed" and len(fake_line.to(MULTICAST)) == 4
    assert len({c.retry_key for c in fake_line.to(MULTICAST)}) == 1
    assert batches.run_notice(rt, notice.id).status == "sent"
    assert fake_line.delivered() == people


def test_two_senders_at_once_cannot_both_send(rt, fake_line, follow):
    follow("province", KHON_KAEN, user_ids(5))
    notice_id = make(rt).notice.id
    with batches._Lock(rt, notice_id), pytest.raises(batches.Busy):
        batches.run_notice(rt, notice_id)
    assert fake_line.to(MULTICAST) == []
    batches.run_notice(rt, notice_id)
    batches.run_notice(rt, notice_id)  # a double click after it went out: nothing more
    assert len(fake_line.to(MULTICAST)) == 1


def test_a_notice_over_the_months_quota_is_refused(rt, fake_line, follow):
    follow("province", KHON_KAEN, user_ids(600))
    fake_line.quota = 500
    draft = desk.prepare(rt, None, by="สมชาย", audience=f"province:{KHON_KAEN}", text="ข่าว")
    assert draft.quota == 500 and draft.used == 0 and draft.count == 600
    assert any("โควตา" in p for p in draft.problems)
    fake_line.quota = 10_000
    notice = make(rt)
    fake_line.quota = 100
    assert batches.run_notice(rt, notice.notice.id).status == "refused"
    assert fake_line.to(MULTICAST) == []


def test_broadcast_narrowcast_and_test_push_use_their_endpoints(rt, fake_line):
    for audience, path in (("all", "/v2/bot/message/broadcast"), ("test:me", "/v2/bot/message/push"),
                           ("region:th_07+age:20-40", "/v2/bot/message/narrowcast")):
        notice = batches.run_notice(rt, make(rt, audience).notice.id)
        assert notice.status == "sent", (audience, notice.error)
        request = fake_line.to(path)[-1]
        assert request.retry_key == retry_key(notice.id, 0)
    narrow = fake_line.to("/v2/bot/message/narrowcast")[0].body
    assert narrow["filter"] == {"demographic": {"type": "operator", "and": [
        {"type": "area", "oneOf": ["th_07"]}, {"type": "age", "gte": "age_20", "lt": "age_40"}]}}
    assert fake_line.to("/v2/bot/message/push")[0].body["to"] == "U" + "a" * 32


def test_without_an_access_token_nothing_is_sent_and_the_notice_says_why(notice_env, redis_client, fake_line, follow):
    from bot.config import settings_from
    from bot.notices.runtime import Runtime

    follow("province", KHON_KAEN, user_ids(2))
    rt = Runtime.build(settings_from({**notice_env, "LINE_CHANNEL_ACCESS_TOKEN": ""}), redis_client)
    notice = batches.run_notice(rt, make(rt).notice.id)
    assert notice.status == "failed" and "LINE_CHANNEL_ACCESS_TOKEN" in (notice.error or "")
    assert fake_line.requests == []
