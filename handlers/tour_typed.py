"""Typed guide commands ("ถัดไป", "ย้อนกลับ", "จุดที่ 3", "next", "stop 2", "ต่อเส้นทาง"…), only during a trip."""

from __future__ import annotations

import re

import handlers.tour_guide as tour_guide
from bot.replies.phrases import t
from bot.turn import Reply, Turn

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
NEXT = {"ถัดไป", "จุดถัดไป", "จุดต่อไป", "ต่อไป", "ไปต่อ", "ไปจุดต่อไป", "ไปจุดถัดไป", "next", "nextstop", "go on"}
BACK = {"ย้อนกลับ", "ก่อนหน้า", "จุดก่อนหน้า", "ย้อน", "กลับจุดก่อนหน้า", "back", "previous", "prev",
        "previousstop"}
FINISH = {"จบเส้นทาง", "จบทริป", "จบการเที่ยว", "finish", "finishroute", "endroute", "endtour", "endtrip"}
RESUME = {"ต่อเส้นทาง", "เที่ยวต่อ", "ทำเส้นทางต่อ", "ไปต่อเส้นทาง", "resume", "resumeroute", "resumetour",
          "continueroute", "continuetour"}
_JUMP = re.compile(r"^(?:ไป)?(?:ที่)?จุด(?:ที่)?(\d{1,2})$|^(?:goto)?stop(?:no\.?)?(\d{1,2})$")


def command(text: str) -> tuple[str, int | None] | None:
    """("next"|"back"|"finish"|"resume"|"jump", stop number from 1) for a typed guide command, else None."""
    word = re.sub(r"[\s!.?ๆ]+", "", text.strip().lower().translate(_THAI_DIGITS)).replace("ค่ะ", "").replace(
        "ครับ", "").replace("คะ", "")
    if not word or len(word) > 30:
        return None
    for name, words in (("next", NEXT), ("back", BACK), ("finish", FINISH), ("resume", RESUME)):
        if word in {w.replace(" ", "") for w in words}:
            return name, None
    match = _JUMP.match(word)
    if match:
        return "jump", int(match.group(1) or match.group(2))
    return None


def matches(turn: Turn) -> bool:
    """Text that is a guide command: "resume" always, the others only while a route is in progress."""
    if turn.input.kind != "text":
        return False
    found = command(turn.input.text)
    if found is None:
        return False
    return found[0] == "resume" or turn.trips.current is not None


def handle(turn: Turn) -> Reply:
    """Move relative to the stored stop (next/back), to a numbered stop, finish, or resume."""
    found = command(turn.input.text)
    assert found is not None
    name, number = found
    lang = turn.lang
    current = turn.trips.current
    if name == "resume" or current is None:
        return tour_guide.resume(turn, lang)
    route = current.route
    if name == "finish":
        return tour_guide.finish(turn, route, lang)
    if name == "jump":
        return tour_guide.go(turn, route, (number or 0) - 1, lang)
    tour = tour_guide.route_of(turn, route)
    if name == "next":
        if current.stop + 1 >= len(tour.stops):
            return tour_guide.finish(turn, route, lang)
        return tour_guide.go(turn, route, current.stop + 1, lang)
    if current.stop == 0:
        return tour_guide.go(turn, route, 0, lang, heading=t(lang, "tour_first_stop"))
    return tour_guide.go(turn, route, current.stop - 1, lang)

