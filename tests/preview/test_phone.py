"""The preview on a phone (390 px wide, headless Chromium): chat first, Thai problems in the bundled Sarabun."""

from __future__ import annotations

import pytest

from tests.preview.test_browser import open_preview, say

pytestmark = pytest.mark.browser

WIDTHS = """async (selector) => {
  // the first problem line's text measured in its own computed font, in Sarabun only, and in a monospace font
  await document.fonts.ready;
  const line = document.querySelector(selector);
  await document.fonts.load("13px Sarabun", line.textContent);
  const style = getComputedStyle(line);
  const probe = (family) => {
    const span = document.createElement("span");
    span.textContent = line.textContent;
    span.style.cssText = `position:absolute;white-space:nowrap;font-size:${style.fontSize};` +
                         `font-weight:${style.fontWeight};font-family:${family}`;
    document.body.append(span);
    const width = span.getBoundingClientRect().width;
    span.remove();
    return width;
  };
  return {family: style.fontFamily, text: line.textContent, own: probe(style.fontFamily), sarabun: probe("Sarabun"),
          mono: probe("monospace"), loaded: document.fonts.check(`${style.fontSize} Sarabun`, line.textContent)};
}"""


def test_phone_width_chat_first_and_thai_problems_in_sarabun(serve, chromium, artifacts):
    base = serve(ADMIN_TOKEN="", LINE_CHANNEL_SECRET="")  # the open preview of a developer's machine
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="th-TH", device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    try:
        open_preview(page, base, problems)
        chat, gallery = page.locator("#pv-chat").bounding_box(), page.locator("#pv-gallery").bounding_box()
        assert chat is not None and gallery is not None
        assert chat["y"] + chat["height"] <= gallery["y"], (chat, gallery)  # no card stands before the chat
        assert chat["y"] < 844 and page.evaluate("window.scrollY") == 0  # in the first screen
        text_box = page.locator("#pv-text").bounding_box()
        assert text_box is not None and text_box["y"] + text_box["height"] <= 844  # type without scrolling at all
        assert chat["width"] <= 390
        say(page, "หอดูดาวโคราช")
        assert page.locator(".pv-log .lf-bubble").count() >= 1
        page.screenshot(path=str(artifacts / "preview-phone-390.png"))

        page.locator("#pv-problems summary").click()
        line = "#pv-problems .pv-warnings .pv-line"
        page.locator(line).first.scroll_into_view_if_needed()
        widths = page.evaluate(WIDTHS, line)
        assert any("\u0e00" <= c <= "\u0e7f" for c in widths["text"]), widths["text"]
        assert widths["family"].split(",")[0].strip('"') == "Sarabun" and widths["loaded"], widths
        assert abs(widths["own"] - widths["sarabun"]) < 0.5, widths  # every glyph drawn by Sarabun
        assert abs(widths["own"] - widths["mono"]) > 5, widths  # and the comparison can tell fonts apart
        page.locator("#pv-problems").screenshot(path=str(artifacts / "preview-phone-problems.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"the page scrolls sideways on a phone: {width} px"
        assert problems == []
    finally:
        context.close()
