"""The preview's working copy: diff and problems, a chat that talks to either copy, publishing and the log."""

from __future__ import annotations

import re
from pathlib import Path

from tests.content.conftest import replace_after
from tests.content.test_content_state import KK, OLD_NAME
from tests.preview.test_routes import TOKEN, csrf_of

NEW_NAME = "ศาลาไหมไทย ชื่อใหม่"
DETAIL = {"kind": "postback", "data": "a=detail&i=kk-sala-mai-thai"}


def first_line(reply: dict) -> str:
    """The first line of the first message the chat answered."""
    return reply["messages"][0]["text"].split("\n")[0]


def login(client, name: str) -> str:
    """Log in with the admin token and a name; returns the page's CSRF token."""
    form = client.get("/preview/login")
    csrf = re.search(rb'name="csrf" value="([^"]+)"', form.data).group(1).decode()
    assert client.post("/preview/login", data={"token": TOKEN, "csrf": csrf, "name": name}).status_code == 302
    return csrf_of(client.get("/preview").data)


def test_working_copy_diff_chat_publish_and_log(content_copy: Path, make_app) -> None:
    client = make_app(CONTENT_DIR=str(content_copy), ADMIN_TOKEN=TOKEN).test_client()
    csrf = login(client, "สมหญิง ใจดี")
    replace_after(content_copy, KK, None, f"name_th: {OLD_NAME}", f"name_th: {NEW_NAME}")
    html = client.get("/preview").data.decode()
    assert f'renamed): kk-sala-mai-thai: &#34;{OLD_NAME}&#34; → &#34;{NEW_NAME}&#34;' in html
    assert "ฉบับร่าง: 1 ไฟล์ยังไม่เผยแพร่" in html and 'value="สมหญิง ใจดี"' in html  # the name given at login
    headers = {"X-CSRF-Token": csrf}
    published = client.post("/preview/api/chat", json=DETAIL, headers=headers).json
    working = client.post("/preview/api/chat", json={**DETAIL, "copy": "working"}, headers=headers).json
    assert (first_line(published), first_line(working)) == (OLD_NAME, NEW_NAME)
    draft_gallery = client.get("/preview?copy=working&q=ศาลาไหม").data.decode()
    assert NEW_NAME in draft_gallery

    assert client.post("/preview/publish", data={"csrf": "forged", "note": "x"}).status_code == 400
    done = client.post("/preview/publish", data={"csrf": csrf, "note": "ป้ายใหม่", "by": ""})
    assert done.status_code == 302 and "published=2" in done.headers["Location"]
    assert first_line(client.post("/preview/api/chat", json=DETAIL, headers=headers).json) == NEW_NAME
    html = client.get("/preview?published=2").data.decode()
    assert "เผยแพร่แล้ว ฉบับที่ v2" in html and "ฉบับร่างตรงกับที่ประชาชนเห็น" in html
    log = re.search(r'id="pv-history".*?</details>', html, re.S).group(0)
    assert "v2" in log and "สมหญิง ใจดี" in log and "ป้ายใหม่" in log and "v1" in log


def test_publishing_needs_a_login_when_a_token_is_set(content_copy: Path, make_app) -> None:
    client = make_app(CONTENT_DIR=str(content_copy), ADMIN_TOKEN=TOKEN).test_client()
    assert client.post("/preview/publish", data={"csrf": "x"}).status_code == 302  # to the login page
    assert len(make_app(CONTENT_DIR=str(content_copy)).extensions["rianru"].live.store.history()) == 1


def test_the_gallery_shows_one_page_of_cards(make_app) -> None:
    client = make_app(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="").test_client()
    html = client.get("/preview").data.decode()
    visible = re.findall(r'<article class="pv-item"[^>]*?(hidden)?>', html)
    assert len(visible) > 395 and sum(1 for hidden in visible if not hidden) == 24
    assert "หน้า 1 / 17" in html
    second = client.get("/preview?page=2&province=กรุงเทพมหานคร&type=museum").data.decode()
    assert 'data-page="2"' in second
