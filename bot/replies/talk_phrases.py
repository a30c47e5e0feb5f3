"""Sentences of the conversation around a search: understood headings, follow-ups, time, facts, nearby origins."""

from __future__ import annotations

from bot.replies import phrases

PHRASES: dict[str, dict[str, str]] = {
    "th": {
        "heading": "{what} · {count} แห่ง{more}",
        "heading_everywhere": "{what}ทั่วประเทศ · {count} แห่ง{more}\nบอกจังหวัด อำเภอ หรือแชร์ตำแหน่ง 📍 "
                              "เพื่อดูที่ใกล้คุณได้นะคะ",
        "heading_named": "{name}",
        "heading_named_alts": "{name}\n(และชื่อใกล้เคียงอีก {count} แห่งในการ์ดถัดไป)",
        "heading_near": "{what}ใกล้{origin} · เรียงตามระยะทางจาก{origin}",
        "origin_you": "ตำแหน่งที่คุณแชร์",
        "origin_district": "ตัวอำเภอ{name}",
        "origin_province": "ตัวจังหวัด{name}",
        "what_all": "แหล่งเรียนรู้",
        "on_day": "เปิดวัน{day}",
        "open_now": "เปิดอยู่ตอนนี้",
        "day_open": "🗓 {day}: เปิด {spans}",
        "day_closed": "🗓 {day}: ปิด",
        "day_unknown": "🗓 {day}: ไม่มีข้อมูลเวลาทำการ",
        "drop": "✕ {what}",
        "drop_place": "ทุกจังหวัด",
        "drop_type": "ทุกประเภท",
        "drop_day": "ทุกวัน",
        "not_listed": "ยังไม่มี{what}ในข้อมูลของเราค่ะ ลองดูที่ใกล้เคียงด้านล่างนะคะ",
        "not_listed_none": "ยังไม่มี{what}ในข้อมูลของเราค่ะ ลองพิมพ์ชื่ออื่น หรือเลือกจากตัวเลือกด้านล่างนะคะ",
        "which_venue": "หมายถึงที่ไหนคะ พิมพ์ชื่อสถานที่ได้เลย เช่น \"มิวเซียมสยามเปิดกี่โมง\"",
        "hours_none": "{name}ยังไม่มีข้อมูลเวลาทำการค่ะ{note} ควรโทรถามก่อนไปนะคะ{phone}",
        "hours_week": "{name}เปิด {hours}{closed}ค่ะ{note}",
        "closed_days": " · ปิดทุกวัน{days}",
        "hours_day_open": "{name}เปิดวัน{day} {spans}ค่ะ{note}",
        "hours_day_closed": "{name}ปิดวัน{day}ค่ะ (เปิด {hours}){note}",
        "hours_now_open": "ตอนนี้{name}เปิดอยู่ค่ะ ปิด {close} น.{note}",
        "hours_now_closed": "ตอนนี้{name}ปิดอยู่ค่ะ (เปิด {hours}){note}",
        "phone_is": "เบอร์โทร{name}: {phone}",
        "phone_none": "ยังไม่มีเบอร์โทรของ{name}ในข้อมูลของเราค่ะ",
        "website_is": "เว็บไซต์{name}: {url}",
        "website_none": "ยังไม่มีเว็บไซต์ของ{name}ในข้อมูลของเราค่ะ",
        "fee_none": "ยังไม่มีข้อมูลค่าเข้าชมของ{name}ค่ะ{phone}",
        "directions": "{name}อยู่ที่ {where} กดปุ่ม \"แผนที่\" บนการ์ดเพื่อนำทางได้เลยค่ะ",
        "directions_none": "ยังไม่มีที่อยู่ละเอียดของ{name}ค่ะ ({where})",
        "ask_phone_hint": " (โทร {phone})",
        "abroad": "ตำแหน่งที่แชร์อยู่นอกประเทศไทยค่ะ เรียนรู้มีข้อมูลแหล่งเรียนรู้ในไทยเท่านั้น "
                  "ลองพิมพ์ชื่อจังหวัดที่จะไป เช่น \"พิพิธภัณฑ์ เชียงใหม่\" นะคะ",
        "location_kept": "{what}ใกล้ตำแหน่งที่คุณแชร์",
        "need_location_for": "แชร์ตำแหน่งของคุณ 📍 แล้วเรียนรู้จะหา{what}ที่ใกล้ที่สุดให้ค่ะ "
                             "หรือพิมพ์ชื่อจังหวัด/อำเภอ เช่น \"{what}ใกล้แม่ริม\"",
        "near_me_any": "แหล่งเรียนรู้ใกล้ฉัน",
        "nothing_to_sort": "ยังไม่มีรายการให้เรียงค่ะ ลองค้นหาก่อน เช่น \"พิพิธภัณฑ์ในขอนแก่น\"",
    },
    "en": {
        "heading": "{what} · {count}{more}",
        "heading_everywhere": "{what} across Thailand · {count}{more}\nTell me a province or district, or share "
                              "your location 📍 to see what is near you.",
        "heading_named": "{name}",
        "heading_named_alts": "{name}\n(and {count} similar names on the next cards)",
        "heading_near": "{what} near {origin} · sorted by distance from {origin}",
        "origin_you": "your shared location",
        "origin_district": "the centre of {name} district",
        "origin_province": "the centre of {name}",
        "what_all": "Learning places",
        "on_day": "open on {day}",
        "open_now": "open now",
        "day_open": "🗓 {day}: open {spans}",
        "day_closed": "🗓 {day}: closed",
        "day_unknown": "🗓 {day}: opening hours not known",
        "drop": "✕ {what}",
        "drop_place": "any province",
        "drop_type": "any type",
        "drop_day": "any day",
        "not_listed": "{what} is not in our data yet. Here are the nearest matches.",
        "not_listed_none": "{what} is not in our data yet. Try another name or a suggestion below.",
        "which_venue": "Which place do you mean? Type its name, e.g. \"Museum Siam opening hours\".",
        "hours_none": "We don't have opening hours for {name} yet{note}; please call before you go.{phone}",
        "hours_week": "{name} is open {hours}{closed}.{note}",
        "closed_days": " · closed every {days}",
        "hours_day_open": "{name} is open on {day}, {spans}.{note}",
        "hours_day_closed": "{name} is closed on {day} (open {hours}).{note}",
        "hours_now_open": "{name} is open now, until {close}.{note}",
        "hours_now_closed": "{name} is closed now (open {hours}).{note}",
        "phone_is": "{name} phone: {phone}",
        "phone_none": "We don't have a phone number for {name} yet.",
        "website_is": "{name} website: {url}",
        "website_none": "We don't have a website for {name} yet.",
        "fee_none": "We don't have admission fees for {name} yet.{phone}",
        "directions": "{name} is at {where}. Tap \"Map\" on the card for directions.",
        "directions_none": "We don't have a detailed address for {name} yet ({where}).",
        "ask_phone_hint": " (phone {phone})",
        "abroad": "That location is outside Thailand. RianRu only knows learning places in Thailand; "
                  "type the province you will visit, e.g. \"museum Chiang Mai\".",
        "location_kept": "{what} near your shared location",
        "need_location_for": "Share your location 📍 and RianRu will find the nearest {what}, or type a "
                             "province or district, e.g. \"{what} near Chiang Mai\".",
        "near_me_any": "learning places near me",
        "nothing_to_sort": "There is no list to sort yet. Try a search first, e.g. \"museums in Khon Kaen\".",
    },
}

DAY_FULL = {
    "th": {"mon": "จันทร์", "tue": "อังคาร", "wed": "พุธ", "thu": "พฤหัสบดี", "fri": "ศุกร์", "sat": "เสาร์",
           "sun": "อาทิตย์"},
    "en": {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
           "sat": "Saturday", "sun": "Sunday"},
}

phrases.register(PHRASES)
