"""Notice messages: free text (with an optional image) or an event bubble, checked against LINE's limits."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlparse

from bot.notices.events import EventView

MAX_MESSAGES = 5
TEXT_MAX = 5000  # UTF-16 code units
ALT_TEXT_MAX = 1500
URL_MAX = 2000
BUBBLE_BYTES_MAX = 30 * 1024
LABEL_MAX = 40
THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
THAI_DAYS = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")


def utf16_units(text: str) -> int:
    """Length as LINE counts text: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def https_url(value: str | None) -> bool:
    """True for an https URL of at most 2000 characters (what LINE accepts for images and links)."""
    if not value or len(value) > URL_MAX:
        return False
    parsed = urlparse(value)
    return parsed.scheme == "https" and bool(parsed.netloc)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def thai_date(event: EventView) -> str:
    """The event's date (and time) in Thai with a Buddhist-era year: ส. 9 ม.ค. 2570 09:00–12:00."""
    def one(moment: Any, with_day: bool = True) -> str:
        day = f"{THAI_DAYS[moment.weekday()]} " if with_day else ""
        return f"{day}{moment.day} {THAI_MONTHS[moment.month - 1]} {moment.year + 543}"

    text = one(event.start)
    if event.end and event.end.date() != event.start.date():
        text += f" – {one(event.end)}"
    if not event.all_day:
        text += f" {event.start:%H:%M}"
        if event.end and event.end.date() == event.start.date():
            text += f"–{event.end:%H:%M}"
    return text


def text_messages(text: str, image: str | None = None) -> list[dict[str, Any]]:
    """A text notice; with an image it becomes one bubble (picture on top, the text below)."""
    text = text.strip()
    if not image:
        return [{"type": "text", "text": text}]
    bubble = {"type": "bubble", "size": "mega",
              "hero": {"type": "image", "url": image, "size": "full", "aspectRatio": "20:13", "aspectMode": "cover"},
              "body": {"type": "box", "layout": "vertical", "contents": [
                  {"type": "text", "text": text, "wrap": True, "size": "md"}]}}
    return [{"type": "flex", "altText": _clip(text, 400), "contents": bubble}]


def event_messages(event: EventView, place: str | None, heading: str = "กิจกรรม") -> list[dict[str, Any]]:
    """An event as a bubble: image, heading, Thai title, date, place, and a booking button when there is a link."""
    when = thai_date(event)
    body: list[dict[str, Any]] = [
        {"type": "text", "text": heading, "size": "xs", "color": "#C62828", "weight": "bold", "wrap": True},
        {"type": "text", "text": event.title_th, "size": "lg", "weight": "bold", "wrap": True, "maxLines": 3,
         "margin": "sm"},
        {"type": "text", "text": "📅 " + when, "size": "sm", "color": "#555555", "wrap": True, "margin": "md"},
    ]
    if place:
        body.append({"type": "text", "text": "📍 " + place, "size": "sm", "color": "#555555", "wrap": True,
                     "margin": "sm"})
    bubble: dict[str, Any] = {"type": "bubble", "size": "mega",
                              "body": {"type": "box", "layout": "vertical", "contents": body}}
    if https_url(event.image):
        bubble["hero"] = {"type": "image", "url": event.image, "size": "full", "aspectRatio": "20:13",
                          "aspectMode": "cover"}
    if https_url(event.booking_url):
        bubble["footer"] = {"type": "box", "layout": "vertical", "contents": [
            {"type": "button", "style": "primary", "height": "sm",
             "action": {"type": "uri", "label": "จองที่นั่ง / ดูรายละเอียด", "uri": event.booking_url}}]}
    alt = f"{heading}: {event.title_th} · {when}" + (f" · {place}" if place else "")
    return [{"type": "flex", "altText": _clip(alt, 400), "contents": bubble}]


def _urls(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("url", "uri", "originalContentUrl", "previewImageUrl")
                 and isinstance(v, str)]
        return found + [u for v in node.values() for u in _urls(v)]
    if isinstance(node, list):
        return [u for v in node for u in _urls(v)]
    return []


def problems(messages: list[dict[str, Any]]) -> list[str]:
    """Every way these messages break LINE's limits (empty when they can be sent)."""
    found: list[str] = []
    if not 1 <= len(messages) <= MAX_MESSAGES:
        found.append(f"ส่งได้ 1–5 ข้อความ · 1–5 messages, got {len(messages)}")
    for i, message in enumerate(messages, 1):
        kind = message.get("type")
        if kind == "text":
            text = message.get("text") or ""
            if not text.strip():
                found.append(f"ข้อความที่ {i} ว่าง · message {i} is empty")
            elif utf16_units(text) > TEXT_MAX:
                found.append(f"ข้อความที่ {i} ยาวเกิน 5000 ตัวอักษร · message {i}: text over 5000 UTF-16 units")
        elif kind == "flex":
            alt = message.get("altText") or ""
            if not alt or len(alt) > ALT_TEXT_MAX:
                found.append(f"ข้อความที่ {i}: altText 1–1500 · message {i}: altText must be 1–1500 characters")
            if len(json.dumps(message.get("contents"), ensure_ascii=False).encode()) > BUBBLE_BYTES_MAX:
                found.append(f"ข้อความที่ {i}: บับเบิลใหญ่เกิน 30 KB · message {i}: bubble over 30 KB")
        elif kind != "image":
            found.append(f"ข้อความที่ {i}: ชนิด {kind!r} ส่งไม่ได้ · message {i}: unsupported type")
        for url in _urls(message):
            if urlparse(url).scheme in ("tel", "line") and kind == "flex":
                continue
            if not https_url(url):
                found.append(f"ข้อความที่ {i}: ลิงก์ต้องเป็น https ไม่เกิน 2000 ตัว · message {i}: not an https URL: "
                             f"{url[:80]!r}")
    return found
