"""Deterministic synthetic catalogues in our own content format: real venues plus generated ones over every district."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# What a type of venue is called at the start of its name (real official prefixes).
TYPE_WORDS = {
    "library": ["ห้องสมุดประชาชน", "ห้องสมุด", "หอสมุด", "ห้องสมุดประชาชนเฉลิมราชกุมารี"],
    "museum": ["พิพิธภัณฑ์", "พิพิธภัณฑ์พื้นบ้าน", "พิพิธภัณฑสถานแห่งชาติ", "หอศิลป์"],
    "learning_centre": ["ศูนย์เรียนรู้", "ศูนย์การเรียนรู้", "ศูนย์การเรียนรู้ชุมชน", "ศูนย์เรียนรู้เกษตร"],
    "science_centre": ["ศูนย์วิทยาศาสตร์เพื่อการศึกษา", "หอดูดาว", "ท้องฟ้าจำลอง"],
    "community_centre": ["ศูนย์ศึกษาและพัฒนาชุมชน", "ศูนย์พัฒนาชุมชน"],
    "heritage_site": ["วัด", "โบราณสถาน", "อุทยานประวัติศาสตร์"],
    "tk_park": ["อุทยานการเรียนรู้"],
    "playground": ["ลานเพลินเพลย์แลนด์", "สนามเด็กเล่นสร้างปัญญา"],
}
TYPE_WEIGHTS = {"library": 30, "museum": 15, "learning_centre": 35, "science_centre": 3, "community_centre": 5,
                "heritage_site": 8, "tk_park": 1, "playground": 3}
# Common words of Thai venue names.
NAME_WORDS = ["เฉลิมพระเกียรติ", "บ้าน", "ชุมชน", "เกษตร", "ผ้าทอ", "ภูมิปัญญา", "ท้องถิ่น", "วัฒนธรรม", "พื้นบ้าน",
              "ไทยทรงดำ", "ไทลื้อ", "สมุนไพร", "เศรษฐกิจพอเพียง", "ปลาน้ำจืด", "เครื่องปั้นดินเผา", "ข้าวหอมมะลิ",
              "ป่าชายเลน", "ผึ้ง", "ไหม", "ดอกไม้", "ช้าง", "ควาย", "แม่น้ำ", "ภูเขา", "ทะเล", "ศิลปะ", "ดนตรี", "หนังสือ",
              "สิรินธร", "ราชภัฏ", "ศรีสุข", "หนองบัว", "ดอนแก้ว", "โพธิ์ทอง", "นาดี", "ทุ่งทอง", "บางพระ", "ห้วยทราย"]
EN_WORDS = {"library": "Public Library", "museum": "Museum", "learning_centre": "Learning Centre",
            "science_centre": "Science Centre", "community_centre": "Community Development Centre",
            "heritage_site": "Heritage Site", "tk_park": "TK Park", "playground": "Play Park"}
TOPICS = ["ประวัติศาสตร์", "เกษตร", "ผ้า", "วิทยาศาสตร์", "ศิลปะ", "ภูมิปัญญา", "ดาราศาสตร์", "ธรรมชาติ"]
AUDIENCES = ["เด็ก", "ครอบครัว", "นักเรียน", "ประชาชนทั่วไป", "ผู้สูงอายุ", "นักท่องเที่ยว"]


@dataclass(frozen=True)
class Synthetic:
    """A generated content directory and a few of its venues, for building queries."""

    path: Path
    size: int
    sample: list[dict]


def build(size: int, target: Path, seed: int = 14) -> Synthetic:
    """Write content/ plus (size − real venues) generated venues to `target`; same seed, same files."""
    rnd = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("venues", "README.md"))
    (target / "venues").mkdir()
    places = yaml.load((CONTENT / "places.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    districts = places["districts"]
    real = sum(len(yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or [])
               for p in (CONTENT / "venues").glob("*.yaml"))
    for path in (CONTENT / "venues").glob("*.yaml"):
        shutil.copy(path, target / "venues" / path.name)
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    by_province: dict[str, list[str]] = {}
    sample: list[dict] = []
    for n in range(max(0, size - real)):
        d = rnd.choice(districts)
        vtype = rnd.choices(types, weights)[0]
        words = rnd.sample(NAME_WORDS, rnd.choice((1, 1, 2)))
        place = d["name_th"] if rnd.random() < 0.6 else f"ตำบล{rnd.choice(NAME_WORDS)}"
        name = f"{rnd.choice(TYPE_WORDS[vtype])}{''.join(words)} {place}"
        lat = round(d["lat"] + rnd.uniform(-0.08, 0.08), 5)
        lon = round(d["lon"] + rnd.uniform(-0.08, 0.08), 5)
        venue = {"id": f"syn-{n:06d}", "name_th": name, "type": vtype, "province_th": d["province_th"],
                 "district_th": d["name_th"], "lat": lat, "lon": lon, "location_precision": "tambon",
                 "topics": rnd.sample(TOPICS, rnd.choice((0, 1, 2))), "audience": rnd.sample(AUDIENCES, 2),
                 "hours": "[{days: tue-sun, open: '08:30', close: '16:30'}]"}
        if rnd.random() < 0.3:
            venue["name_en"] = f"{' '.join(w.title() for w in rnd.sample(['Ban', 'Nong', 'Don', 'Sri', 'Pho'], 2))} " \
                               f"{EN_WORDS[vtype]}"
        if rnd.random() < 0.1:
            venue["aliases"] = [f"{rnd.choice(TYPE_WORDS[vtype])}{words[0]}"[:60]]
        by_province.setdefault(d["province_th"], []).append(_yaml_item(venue))
        if len(sample) < 400 and rnd.random() < 400 / max(1, size):
            sample.append(venue)
    for i, (_province, items) in enumerate(sorted(by_province.items())):
        (target / "venues" / f"zz-synthetic-{i:02d}.yaml").write_text("\n".join(items), encoding="utf-8")
    return Synthetic(target, max(size, real), sample)


def _yaml_item(venue: dict) -> str:
    lines: list[str] = []
    for key, value in venue.items():
        prefix = "- " if not lines else "  "
        if key == "hours":
            lines.append(f"{prefix}{key}: {value}")
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{prefix}{key}: {value}")
    return "\n".join(lines) + "\n"
