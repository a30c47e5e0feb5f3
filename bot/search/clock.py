"""Clock words → a time of day: PyThaiNLP's thaiword_to_time, with a bare "แปดโมง" read as morning."""

from __future__ import annotations

import re
from datetime import time

from pythainlp.util import thaiword_to_time

_BARE_HOUR = re.compile(r"^(?:หก|เจ็ด|แปด|เก้า|สิบ|สิบเอ็ด)โมง(?:ครึ่ง)?$")  # no เช้า/เย็น/บ่าย: daytime
_DIGITS = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(?:น\.|นาฬิกา)?$")
_DIGIT_HOUR = re.compile(r"^(\d{1,2})\s*โมง\s*(เช้า|เย็น|ครึ่ง)?$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def clock_time(text: str) -> time | None:
    """A time of day from "แปดโมง", "บ่ายสองโมง", "สองทุ่ม", "9 โมง", "09:30" or "9.30 น."; None if unreadable.

    PyThaiNLP reads a bare "แปดโมง" (and 6–11 โมง) as evening (20:00); people asking about opening hours
    or events mean the morning, so those become 06:00–11:59. "หกโมงเย็น", "สองทุ่ม" stay evening."""
    word = "".join(text.translate(THAI_DIGITS).split())
    digits = _DIGITS.match(word)
    if digits and (digits[2] or "น." in word or "นาฬิกา" in word or ":" in word):
        hour, minute = int(digits[1]), int(digits[2] or 0)
        return time(hour, minute) if hour < 24 and minute < 60 else None
    spoken = _DIGIT_HOUR.match(word)
    if spoken:
        hour = int(spoken[1])
        if not 1 <= hour <= 12:
            return None
        if spoken[2] == "เย็น" or (spoken[2] != "เช้า" and hour < 6):
            hour = hour + 12 if hour < 12 else hour
        return time(hour % 24, 30 if spoken[2] == "ครึ่ง" else 0)
    try:
        read = thaiword_to_time(word)
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    hour, minute = (int(part) for part in read.split(":")[:2])
    if _BARE_HOUR.match(word) and hour >= 18:
        hour -= 12
    return time(hour, minute)
