"""/admin/notices in headless Chromium: log in, write, preview with the count, test to me, send, live status."""

from __future__ import annotations

import pytest

from routes.preview.render import unsupported
from tests.fake_line import MULTICAST, PUSH
from tests.notices.conftest import user_ids
from tests.preview.conftest import artifacts, serve  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
TOKEN = "admin-page-token-1234-Rz8mK3wB6j"  # strong enough for the startup check
ADMIN_ID = "U" + "a" * 32


def test_an_admin_previews_tests_and_sends_a_notice(serve, page, artifacts, fake_line, follow, work,  # noqa: F811
                                                    notice_env):
    people = follow("province", "ขอนแก่น", user_ids(1234))
    base = serve(ADMIN_TOKEN=TOKEN, LINE_API_BASE_URL=fake_line.url, ADMIN_LINE_USER_ID=ADMIN_ID)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(base + "/admin/notices")
    assert page.url.endswith("/preview/login")  # the preview's login guards the admin page
    page.fill("#pv-token", TOKEN)
    page.click("#pv-login-form button[type=submit]")
    page.wait_for_url(base + "/preview")
    page.goto(base + "/admin/notices")

    page.fill("#ad-by", "สมหญิง")
    page.fill("#ad-text", "ห้องสมุดประชาชนขอนแก่นเปิดถึงสองทุ่มตลอดเดือนนี้")
    page.fill("#ad-audience", "province:ขอนแก่น")
    page.click("#ad-preview")
    assert "1,234" in page.locator("#ad-count").inner_text()
    bubble = page.locator("#ad-result .lf-text, #ad-result .pv-msg").first
    assert "สองทุ่ม" in page.locator("#ad-result").inner_text() and bubble.is_visible()
    assert unsupported(page.locator("#ad-result").inner_html()) == []
    page.locator("#ad-result").screenshot(path=str(artifacts / "admin-notice-preview.png"))
    assert fake_line.requests == [] or all(r.path.startswith("/v2/bot/message/quota") for r in fake_line.requests)

    page.click("#ad-test")  # the form keeps its values after a preview
    page.wait_for_selector("#ad-message")
    work()
    assert [r.body["to"] for r in fake_line.to(PUSH)] == [ADMIN_ID]

    page.fill("#ad-text", "ห้องสมุดประชาชนขอนแก่นเปิดถึงสองทุ่มตลอดเดือนนี้")
    page.fill("#ad-audience", "province:ขอนแก่น")
    page.click("#ad-send")
    page.wait_for_selector("#ad-message")
    row = page.locator("#ad-notices tr[data-notice^='n-']").first
    assert row.locator(".ad-status").inner_text() == "queued"
    work()
    page.wait_for_function("() => document.querySelector(\"#ad-notices tr[data-notice^='n-'] .ad-status\")"
                           ".textContent === 'sent'")
    assert row.locator(".ad-batches").inner_text() == "3/3"
    assert sorted(fake_line.delivered()) == sorted([ADMIN_ID, *people])
    assert len(fake_line.to(MULTICAST)) == 3
    page.reload()
    assert "สมหญิง" in page.locator("#ad-audit").inner_text()
    page.screenshot(path=str(artifacts / "admin-notices.png"), full_page=True)
    assert problems == []
