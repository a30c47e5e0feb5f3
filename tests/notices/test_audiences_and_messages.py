"""Audience specs and notice messages: what each spec means for LINE, events as valid bubbles, settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.config import ConfigError, settings_from
from bot.notices import batches, desk, jobs, reminders
from bot.notices.audiences import AudienceError, parse
from bot.notices.events import view
from bot.notices.messages import problems, thai_date
from routes.preview.render import render_message, unsupported
from tests.line_checker import assert_valid
from tests.notices.conftest import FixtureEvent, user_ids


@pytest.mark.parametrize("spec, mode, keys, filters", [
    ("all", "broadcast", (), ()),
    ("test:me", "push", (), ()),
    ("province:ขอนแก่น", "multicast", ("rianru:audience:province:ขอนแก่น",), ()),
    ("province:ขอนแก่น + topic:ดาราศาสตร์, venue:kk-1", "multicast",
     ("rianru:audience:province:ขอนแก่น", "rianru:audience:topic:ดาราศาสตร์", "rianru:audience:venue:kk-1"), ()),
    ("region:th_01", "narrowcast", (), ({"type": "area", "oneOf": ["th_01"]},)),
    ("gender:female+age:30+", "narrowcast", (), ({"type": "gender", "oneOf": ["female"]},
                                                 {"type": "age", "gte": "age_30"})),
    ("age:-25", "narrowcast", (), ({"type": "age", "lt": "age_25"},)),
])
def test_audience_specs(spec, mode, keys, filters):
    audience = parse(spec)
    assert (audience.mode, audience.follow_keys, audience.filters) == (mode, keys, filters)


@pytest.mark.parametrize("spec", ["", "everyone", "province:", "age:18-40", "age:abc", "gender:x", "region:th_9",
                                  "all+province:ขอนแก่น", "venue:a+region:th_01"])
def test_bad_audience_specs_say_why(spec):
    with pytest.raises(AudienceError) as error:
        parse(spec)
    assert "·" in str(error.value)  # Thai · English


EVENT = FixtureEvent("stars", "คืนดูดาวที่ศูนย์วิทยาศาสตร์", datetime(2027, 1, 9, 19, 0), datetime(2027, 1, 9, 22, 0),
                     province="ขอนแก่น", image="https://example.org/stars.jpg", booking_url="https://example.org/b")


class Catalog:
    """Events (one unreadable, one without a title) and no venues."""

    def __init__(self) -> None:
        self.events = (EVENT, object(), FixtureEvent("no-title", "", date(2027, 1, 1)))
        self.venues: dict = {}


def test_an_event_becomes_one_valid_bubble_that_the_preview_draws():
    draft_messages = desk.event_messages(view(EVENT), "ขอนแก่น")  # type: ignore[arg-type]
    assert_valid({"to": "U" + "0" * 32, "messages": draft_messages})  # checked as a push body
    assert problems(draft_messages) == []
    html = str(render_message(draft_messages[0]))
    assert unsupported(html) == [] and "คืนดูดาว" in html and "ส. 9 ม.ค. 2570 19:00–22:00" in html


def test_events_are_read_defensively():
    assert [e.id for e in reminders.events.all_events(Catalog())] == ["stars"]
    assert thai_date(view(FixtureEvent("d", "งาน", date(2027, 2, 1), date(2027, 2, 3)))) == \
        "จ. 1 ก.พ. 2570 – พ. 3 ก.พ. 2570"  # type: ignore[arg-type]


def test_send_an_event_notice(rt, fake_line, follow):
    follow("province", "ขอนแก่น", user_ids(2))
    draft = desk.prepare(rt, Catalog(), by="a", audience="province:ขอนแก่น", event_id="stars")
    assert draft.problems == []
    notice = batches.run_notice(rt, rt.store.save(draft.notice).id)  # type: ignore[arg-type]
    assert notice.status == "sent" and notice.event_id == "stars"
    assert fake_line.to("/v2/bot/message/multicast")[0].body["messages"][0]["type"] == "flex"


def test_line_validate_endpoint_when_configured(notice_env, redis_client, fake_line):
    from bot.notices.runtime import Runtime

    rt = Runtime.build(settings_from({**notice_env, "NOTICE_VALIDATE": "1"}), redis_client)
    fake_line.respond("/v2/bot/message/validate/broadcast", 400, {"message": "A message (messages[0]) is invalid"})
    draft = desk.prepare(rt, None, by="a", audience="all", text="ข่าว")
    assert any("validate" in p for p in draft.problems)
    assert fake_line.to("/v2/bot/message/broadcast") == []


def test_the_61st_broadcast_in_an_hour_waits_for_the_next_window(rt, fake_line):
    import time

    rt.client.set(f"rianru:rate:broadcast:{int(time.time() // 3600)}", 60)
    notice = rt.store.save(desk.prepare(rt, None, by="a", audience="all", text="ข่าว").notice)  # type: ignore[arg-type]
    assert jobs.run(rt, notice.id) == "rescheduled"
    stored = rt.store.get(notice.id)
    assert stored.status == "scheduled" and "60 requests per 3600 s" in stored.error  # type: ignore[union-attr]
    assert fake_line.to("/v2/bot/message/broadcast") == []
    assert datetime.fromisoformat(stored.send_at) <= datetime.now(UTC) + timedelta(hours=1, seconds=5)  # type: ignore[union-attr,arg-type]


@pytest.mark.parametrize("name, value", [("NOTICE_VALIDATE", "maybe"), ("REMINDER_AT", "9am"),
                                         ("NOTICE_DAILY_CAP", "0"), ("NOTICE_BACKOFF_S", "fast")])
def test_bad_notice_settings_stop_startup(name, value, tmp_path):
    with pytest.raises(ConfigError) as error:
        settings_from({"INSTANCE_PATH": str(tmp_path), name: value})
    assert name in str(error.value)
