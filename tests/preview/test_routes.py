"""The preview blueprint over HTTP: page, chat API (CSRF, sessions in Redis), login, cookies and headers."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import pytest

from bot.content import Content
from routes.preview.gallery import Filters, _event_item

TOKEN = "route-test-token-5678-Wb3Yx"


def csrf_of(html: bytes) -> str:
    """The CSRF token the page hands its script."""
    match = re.search(rb'name="csrf-token" content="([^"]+)"', html)
    assert match
    return match.group(1).decode()


@pytest.fixture
def open_client(make_app):
    """A test client on an app without ADMIN_TOKEN, with the page loaded once (session + CSRF token)."""
    client = make_app(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="").test_client()
    page = client.get("/preview")
    assert page.status_code == 200
    return client, csrf_of(page.data)


def test_page_lists_content_problems_and_filters(make_app):
    app = make_app(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="")
    live = app.extensions["rianru"].live
    live.stale_files, live.status = {"venues/x.yaml": ["content/venues/x.yaml:3: x-1: lat: <bad>"]}, "stale"
    client = app.test_client()
    page = client.get("/preview?kind=tour")
    html = page.data.decode()
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert page.headers["Cache-Control"] == "no-store" and page.headers["X-Frame-Options"] == "DENY"
    assert "content/venues/x.yaml:3: x-1: lat: &lt;bad&gt;" in html and "pv-status-stale" in html
    tours = len(live.current.catalog.tours)
    shown = re.findall(r'<article class="pv-item"[^>]*data-item-kind="(\w+)"[^>]*?(hidden)?>', html)
    assert sum(1 for kind, hidden in shown if not hidden) == tours
    assert all(kind == "tour" for kind, hidden in shown if not hidden)
    assert 'id="item-narit-obs-korat"' in html and "lf-bubble lf-mega" in html
    assert client.get("/preview/login").headers["Location"].endswith("/preview")


def test_chat_api_answers_like_the_webhook_and_keeps_the_session(open_client, redis_client):
    client, csrf = open_client
    assert client.post("/preview/api/chat", json={"kind": "text", "text": "x"}).status_code == 403
    assert client.post("/preview/api/chat", json={"kind": "text", "text": "x"},
                       headers={"X-CSRF-Token": "forged"}).status_code == 403
    headers = {"X-CSRF-Token": csrf}
    for bad in ({"kind": "text", "text": " "}, {"kind": "location", "lat": "nan", "lon": 1}, {"kind": "x"}, [1]):
        assert client.post("/preview/api/chat", json=bad, headers=headers).status_code == 400
    first = client.post("/preview/api/chat", json={"kind": "text", "text": "พิพิธภัณฑ์"}, headers=headers).json
    assert re.match(r"พิพิธภัณฑ์ทั่วประเทศ · \d+ แห่ง", first["messages"][0]["text"])  # what was understood, counted
    assert len(first["html"]) == len(first["messages"])
    assert "lf-carousel" in first["html"][1] and "ดูเพิ่มเติม" in first["quick_reply"]
    assert redis_client.keys("preview:session:*")
    more = re.search(r'data-data="(a=more&amp;s=\d+)"', first["quick_reply"]).group(1).replace("&amp;", "&")
    second = client.post("/preview/api/chat", json={"kind": "postback", "data": more}, headers=headers).json
    assert "lf-carousel" in second["html"][-1]  # paging used the session saved in Redis
    near = client.post("/preview/api/chat", json={"kind": "location", "lat": 13.75, "lon": 100.5},
                       headers=headers).json
    assert "ห่างประมาณ" in near["html"][1]
    assert client.post("/preview/api/reset", headers=headers).status_code == 200
    again = client.post("/preview/api/chat", json={"kind": "postback", "data": more}, headers=headers).json
    assert "หมดอายุ" in again["html"][0]  # a new conversation: the old list is gone


def test_login_gate_csrf_and_cookie_flags(make_app):
    client = make_app(ADMIN_TOKEN=TOKEN).test_client()
    assert client.get("/preview").headers["Location"].endswith("/preview/login")
    assert client.post("/preview/api/chat", json={"kind": "text", "text": "x"}).status_code == 401
    form = client.get("/preview/login")
    assert form.status_code == 200 and b'name="token"' in form.data
    csrf = re.search(rb'name="csrf" value="([^"]+)"', form.data).group(1).decode()
    assert client.post("/preview/login", data={"token": TOKEN, "csrf": "nope"}).status_code == 400
    refused = client.post("/preview/login", data={"token": TOKEN + "x", "csrf": csrf})
    assert refused.status_code == 401 and "รหัสไม่ถูกต้อง" in refused.data.decode()
    ok = client.post("/preview/login", data={"token": TOKEN, "csrf": csrf})
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/preview")
    cookie = ok.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/preview")
    assert page.status_code == 200 and b"pv-logout" in page.data
    assert client.post("/preview/logout", data={"csrf": "nope"}).status_code == 400
    assert client.post("/preview/logout", data={"csrf": csrf_of(page.data)}).status_code == 302
    assert client.get("/preview").status_code == 302


def test_cookie_is_secure_over_https(make_app):
    app = make_app(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="")
    direct = app.test_client().get("/preview", base_url="https://preview.example")
    assert "Secure" in direct.headers["Set-Cookie"]
    proxied = app.test_client().get("/preview", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in proxied.headers["Set-Cookie"]


def test_events_show_on_the_page(make_app):
    app = make_app(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="")
    live = app.extensions["rianru"].live
    content = live.current
    event = SimpleNamespace(id="ev-9", name_th="ค่ายดูดาว <หน้าหนาว>", province_th="เชียงใหม่", date="2026-12-24")
    live.current = Content(replace(content.catalog, events=(event,)), content.lexicon, content.index)
    html = app.test_client().get("/preview?kind=event&lang=en").data.decode()
    assert "ค่ายดูดาว &lt;หน้าหนาว&gt;" in html and "date: 2026-12-24" in html and "1 กิจกรรม" in html
    assert 'id="pv-shown">1<' in html


def test_events_are_listed_whatever_their_shape():
    event = SimpleNamespace(id="ev-1", name_th="ค่ายดาราศาสตร์", province_th="นครราชสีมา", start="2026-12-01")
    item = _event_item(event, 1)
    assert (item.kind, item.name, item.provinces, item.details) == ("event", "ค่ายดาราศาสตร์", ["นครราชสีมา"],
                                                                    ["start: 2026-12-01"])
    assert item.matches(Filters(q="ดาราศาสตร์", kind="event", province="นครราชสีมา"))
    assert not item.matches(Filters(kind="venue"))
