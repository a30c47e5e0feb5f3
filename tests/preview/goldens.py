"""Golden LINE messages from the real builders on fixed sample content; `python -m tests.preview.goldens` rewrites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.catalog.keywords import Keywords
from bot.catalog.models import Catalog, OpeningHours, Stop, TourRoute, Venue
from bot.catalog.places import Places
from bot.replies.codec import encode
from bot.replies.flex import carousel, tour_bubble, venue_bubble
from bot.replies.texts import example_items, tap, text_message, with_quick_replies
from bot.replies.tour_flex import stop_bubble
from bot.replies.tour_stops import stop_view

GOLDEN = Path(__file__).parent / "golden"
IMAGE = "https://example.org/images/observatory.jpg"

VENUE = Venue(
    id="sample-observatory", name_th="หอดูดาวตัวอย่าง <script>alert(1)</script> นครราชสีมา",
    name_en="Sample Observatory", type="science_centre", province_th="นครราชสีมา", district_th="เมืองนครราชสีมา",
    lat=14.915, lon=102.037, location_precision="tambon", phone="044-123 456", website="https://www.narit.or.th",
    hours=[OpeningHours(days="tue-sun", open="09:00", close="17:00")], closed_on_public_holidays=True,
    image=IMAGE,
)
PLAIN = Venue(id="sample-library", name_th="ห้องสมุดประชาชนตัวอย่าง", type="library", province_th="ขอนแก่น",
              lat=16.43, lon=102.83, location_precision="province")
TOUR = TourRoute(id="rt-sample", name_th="เส้นทางตัวอย่าง ผ้าไหมและดวงดาว", provinces=["ขอนแก่น", "นครราชสีมา"],
                 themes=["ผ้าไหม", "ดาราศาสตร์"], duration_th="1 วัน",
                 stops=[Stop(venue="sample-observatory", time="09:00", duration_min=90,
                            description_th="ส่องกล้องโทรทรรศน์ดูดาว " * 30),
                       Stop(name_th="ตลาดผ้าไหม", lat=14.9, lon=102.1, location_precision="amphoe")])
KEYWORDS = Keywords(type_labels_th={"library": "ห้องสมุด", "science_centre": "ศูนย์วิทยาศาสตร์/หอดูดาว"},
                    type_labels_en={"library": "Content", "science_centre": "Science centre / observatory"})
CATALOG = Catalog(venues={v.id: v for v in (VENUE, PLAIN)}, tours={TOUR.id: TOUR},
                  places=Places(regions={}, provinces=[]), keywords=KEYWORDS, version="golden")


def build() -> dict[str, Any]:
    """Every golden case, built now by the bot's own builders."""
    texts = [text_message("พบ 3 แห่ง"), text_message("เว็บไซต์: https://www.narit.or.th <b>ตัวหนา</b>")]
    more = tap("ดูเพิ่มเติม", encode("more", seq=1), "ดูเพิ่มเติม")
    return {
        "venue_bubble": venue_bubble(VENUE, "th", "ศูนย์วิทยาศาสตร์/หอดูดาว", distance_km=2.345),
        "venue_bubble_plain": venue_bubble(PLAIN, "th", "ห้องสมุด"),
        "tour_bubble": tour_bubble(TOUR, "th"),
        "carousel": carousel(CATALOG, ["sample-observatory", "sample-library", "rt-sample"], "th",
                             distances={"sample-observatory": 1.25, "sample-library": 40.0}),
        "text_quick_reply": with_quick_replies(texts, [more, *example_items("th")]),
        "tour_stop": stop_bubble(TOUR, stop_view(CATALOG, TOUR, 0), "th", stamped=False),
    }


def load(name: str) -> Any:
    """One golden file's JSON."""
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def write() -> None:
    """Rewrite every golden file from the current builders (review the diff before committing)."""
    GOLDEN.mkdir(exist_ok=True)
    for name, value in build().items():
        text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
