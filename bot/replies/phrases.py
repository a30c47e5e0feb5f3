"""Every user-visible sentence, one catalogue per language (th, en)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "th": {
        "greeting": "สวัสดีค่ะ 🙏 เรียนรู้ (RianRu) ช่วยหาแหล่งเรียนรู้และเส้นทางท่องเที่ยวเชิงความรู้ทั่วไทย\n"
                    "พิมพ์ชื่อสถานที่ ประเภท หรือจังหวัดได้เลย เช่น \"พิพิธภัณฑ์ในขอนแก่น\" \"ห้องสมุด กทม\" "
                    "หรือแชร์ตำแหน่งเพื่อหาที่ใกล้คุณ",
        "help": "ลองพิมพ์แบบนี้ได้เลยค่ะ\n• ชื่อสถานที่ เช่น \"มิวเซียมสยาม\"\n• ประเภท + จังหวัด เช่น \"หอดูดาว โคราช\"\n"
                "• ภาค เช่น \"TK Park ภาคใต้\"\n• เส้นทาง เช่น \"เส้นทางท่องเที่ยว ขอนแก่น\"\n"
                "• หรือกดแชร์ตำแหน่ง 📍 เพื่อหาที่ใกล้คุณ",
        "thanks": "ยินดีค่ะ 😊 อยากหาที่ไหนเพิ่ม พิมพ์มาได้เลยนะคะ",
        "out_of_scope": "ขออภัยค่ะ เรียนรู้ช่วยได้เฉพาะการหาแหล่งเรียนรู้ (ห้องสมุด TK Park พิพิธภัณฑ์ "
                        "ศูนย์วิทยาศาสตร์ ศูนย์เรียนรู้ชุมชน) และเส้นทางท่องเที่ยวเชิงความรู้ ลองพิมพ์ตามตัวอย่างด้านล่างนะคะ",
        "no_match": "ยังไม่พบ{what}ค่ะ ลองพิมพ์ชื่อใหม่ หรือเลือกจากตัวเลือกด้านล่างนะคะ",
        "no_match_what_default": "สถานที่ที่ตรงกับคำค้น",
        "found": "พบ {count} แห่ง{more}",
        "found_more": " (แสดง {shown} แห่งแรก กด \"ดูเพิ่มเติม\" เพื่อดูต่อ)",
        "found_near": "ที่ใกล้ที่สุด {count} แห่ง",
        "alt_found": "ผลการค้นหา: {names}",
        "need_location": "แชร์ตำแหน่งของคุณ 📍 แล้วเรียนรู้จะหาที่ใกล้ที่สุดให้ค่ะ",
        "expired": "รายการนี้หมดอายุแล้วค่ะ กรุณาค้นหาใหม่อีกครั้งนะคะ",
        "no_more": "แสดงครบทุกแห่งแล้วค่ะ",
        "gone": "ขออภัยค่ะ ไม่พบข้อมูลสถานที่นี้แล้ว อาจถูกแก้ไขหรือนำออก ลองค้นหาใหม่นะคะ",
        "unsupported": "ตอนนี้เรียนรู้อ่านได้เฉพาะข้อความและตำแหน่งค่ะ ลองพิมพ์ชื่อสถานที่หรือแชร์ตำแหน่งนะคะ",
        "apology": "ขออภัยค่ะ ระบบขัดข้องชั่วคราว ลองใหม่อีกครั้งนะคะ",
        "busy": "ขออภัยค่ะ ตอนนี้มีคำถามเข้ามามาก ยังตอบคำถามนี้ไม่ทัน กรุณาส่งอีกครั้งในอีกสักครู่นะคะ",
        "too_long": "ข้อความยาวไปนิดค่ะ เรียนรู้อ่านแค่ช่วงแรก ลองพิมพ์สั้น ๆ เช่น \"พิพิธภัณฑ์ เชียงใหม่\"",
        "qr_more": "ดูเพิ่มเติม",
        "qr_location": "📍 ที่ใกล้ฉัน",
        "qr_help": "วิธีใช้",
        "btn_map": "แผนที่",
        "btn_call": "โทร",
        "btn_web": "เว็บไซต์",
        "btn_detail": "รายละเอียด",
        "btn_stops": "ดูจุดแวะ",
        "tour_label": "เส้นทางท่องเที่ยว",
        "stops": "{count} จุดแวะ",
        "duration": "ระยะเวลา {duration}",
        "hours_unknown": "ยังไม่มีข้อมูลเวลาทำการ",
        "closed_holidays": "ปิดวันหยุดนักขัตฤกษ์",
        "distance": "ห่างประมาณ {km} กม.",
        "approx_location": "ตำแหน่งโดยประมาณ (ระดับ{level})",
        "detail_address": "ที่อยู่: {value}",
        "detail_hours": "เวลาทำการ: {value}",
        "detail_phone": "โทร: {value}",
        "detail_web": "เว็บไซต์: {value}",
        "detail_topics": "เรื่องที่เรียนรู้: {value}",
        "detail_audience": "เหมาะกับ: {value}",
        "detail_stops": "จุดแวะ:",
        "detail_themes": "ธีม: {value}",
        "where": "{district}{province}",
        "in_place": "ใน{place}",
        "type_in_place": "{type}ใน{place}",
        "type_in_region": "{type} {region}",
        "type_nearby": "{type}ใกล้เคียง",
        "all_in_place": "แหล่งเรียนรู้ {place}",
        "tours_in_place": "เส้นทาง {place}",
    },
    "en": {
        "greeting": "Hello! 🙏 RianRu finds learning venues and knowledge-tourism routes across Thailand.\n"
                    "Type a place name, a kind of venue or a province, e.g. \"museums in Khon Kaen\", "
                    "\"library Bangkok\", or share your location to find what is near you.",
        "help": "Try:\n• a venue name, e.g. \"Museum Siam\"\n• a type + province, e.g. \"observatory Korat\"\n"
                "• a region, e.g. \"TK Park in the south\"\n• routes, e.g. \"trip Khon Kaen\"\n"
                "• or share your location 📍",
        "thanks": "You're welcome! 😊 Ask me about any other place.",
        "out_of_scope": "Sorry, RianRu can only help you find learning venues (libraries, TK Park, museums, "
                        "science centres, community learning centres) and knowledge-tourism routes. "
                        "Try one of the suggestions below.",
        "no_match": "I couldn't find {what}. Try another name or one of the suggestions below.",
        "no_match_what_default": "a place matching that",
        "found": "Found {count}{more}",
        "found_more": " (showing the first {shown}; tap \"More\" for the rest)",
        "found_near": "The {count} nearest",
        "alt_found": "Results: {names}",
        "need_location": "Share your location 📍 and RianRu will find the nearest places.",
        "expired": "That list has expired. Please search again.",
        "no_more": "That's everything.",
        "gone": "Sorry, that place is no longer listed. Please search again.",
        "unsupported": "RianRu reads text and locations only. Type a place name or share your location.",
        "apology": "Sorry, something went wrong on our side. Please try again.",
        "busy": "Sorry, many questions are arriving right now and we could not answer this one in time. "
                "Please send it again in a minute.",
        "too_long": "That message is long; RianRu read only the beginning. Try something short like "
                    "\"museum Chiang Mai\".",
        "qr_more": "More",
        "qr_location": "📍 Near me",
        "qr_help": "Help",
        "btn_map": "Map",
        "btn_call": "Call",
        "btn_web": "Website",
        "btn_detail": "Details",
        "btn_stops": "See stops",
        "tour_label": "Tour route",
        "stops": "{count} stops",
        "duration": "Duration {duration}",
        "hours_unknown": "Opening hours not yet known",
        "closed_holidays": "Closed on public holidays",
        "distance": "About {km} km away",
        "approx_location": "Approximate location ({level} level)",
        "detail_address": "Address: {value}",
        "detail_hours": "Hours: {value}",
        "detail_phone": "Phone: {value}",
        "detail_web": "Website: {value}",
        "detail_topics": "Topics: {value}",
        "detail_audience": "Good for: {value}",
        "detail_stops": "Stops:",
        "detail_themes": "Themes: {value}",
        "where": "{district}{province}",
        "in_place": "in {place}",
        "type_in_place": "{type} in {place}",
        "type_in_region": "{type} {region}",
        "type_nearby": "{type} nearby",
        "all_in_place": "learning places {place}",
        "tours_in_place": "trips {place}",
    },
}

EXAMPLES = {
    "th": ["พิพิธภัณฑ์ในกรุงเทพ", "ห้องสมุด กทม", "หอดูดาว", "TK Park ภาคใต้", "เส้นทางท่องเที่ยว"],
    "en": ["museums in Bangkok", "library Bangkok", "observatory", "TK Park in the south", "trips"],
}
DAY_NAMES = {
    "th": {"mon": "จ.", "tue": "อ.", "wed": "พ.", "thu": "พฤ.", "fri": "ศ.", "sat": "ส.", "sun": "อา."},
    "en": {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun"},
}
PRECISION_TH = {"tambon": "ตำบล", "amphoe": "อำเภอ", "province": "จังหวัด"}


def register(feature: dict[str, dict[str, str]]) -> None:
    """Add a feature's own sentences (e.g. bot/replies/tour_phrases.py) to the catalogue; keys must be new."""
    for lang, table in feature.items():
        clash = set(table) & set(TEXTS[lang])
        if clash:
            raise ValueError(f"phrase keys defined twice: {sorted(clash)}")
        TEXTS[lang].update(table)


def t(lang: str, key: str, **values: object) -> str:
    """The sentence `key` in `lang` (Thai when the language is unknown), formatted with `values`."""
    table = TEXTS.get(lang, TEXTS["th"])
    return table.get(key, TEXTS["th"][key]).format(**values)
