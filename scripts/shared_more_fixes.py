"""Hand-read clean-ups for the second batch of venues (shared/data/venues_more.csv, 307 rows).

Imported by convert_shared.py.  Every row of venues_more.csv with `opening_hours` is listed in
MORE_HOURS; every row with `phone` gets a dated `phone:` entry in `sources` (year from MORE_YEARS
when the source page's year is known, otherwise "year unknown").  Nothing here invents a fact: values
are the CSV's own, moved between fields (citizen-facing field <-> note) or reformatted.

Conventions (same as batch 1, see the VENUE_FIXES/HOURS_FIXES tables in convert_shared.py):
* research remarks never reach a citizen-facing field; they go to `note` (or `sources`);
* two sources that disagree: both values go to `note`, neither is shown as fact;
* hours and phone numbers keep the year of the page they came from in `sources`:
  'hours: <url or "sources above"> (<year CE | year unknown>)', 'phone: ... (...)';
* temporary closures: `note`, and a short neutral `hours_note_th` when citizens should know.
"""
from __future__ import annotations

CHECK = "โปรดตรวจสอบเวลาเปิด-ปิดก่อนเดินทาง"
MAY_CHANGE = "เวลาทำการอาจเปลี่ยนแปลง โปรดตรวจสอบก่อนเดินทาง"
FREE = "เข้าชมฟรี"
PH = "ปิดวันหยุดนักขัตฤกษ์"

# --------------------------------------------------------------------------------------------
# Opening hours.  Keys:
#   parse    – the unambiguous day/time part, in the CSV's own words (None: nothing is parsed)
#   note_th  – hours_note_th shown to citizens (short, neutral)
#   ph       – closed_on_public_holidays (True/False; absent = unknown)
#   src      – which listed source gave the hours (a URL, or None = "sources above")
#   year     – year CE of that source page when known
#   note     – extra internal remarks
# Whenever `parse` is not the whole CSV text, the CSV text is kept verbatim in `note`.
# --------------------------------------------------------------------------------------------
MORE_HOURS: dict[str, dict] = {
    "lib-samutprakan-phrapradaeng-muni": {
        "parse": None, "note_th": CHECK,
        "note": ["เวลาเปิดขัดกันในหน้าเดียวกัน: จันทร์–ศุกร์ 10:00–18:00 และเสาร์–อาทิตย์ 09:00–18:00 "
                 "(หัวข้อ 'เวลาให้บริการ') กับ จันทร์–เสาร์ 10:00–18:00 (อีกตอนหนึ่ง); ไม่แสดงค่าใดเป็นข้อเท็จจริง"],
    },
    "lib-pathumthani-prov": {"parse": "จันทร์–ศุกร์ 08:30–19:00; เสาร์–อาทิตย์ 08:30–16:30",
                             "note_th": PH, "ph": True},
    "lib-lopburi-prov": {"parse": "จันทร์–ศุกร์ 08:30–18:30; เสาร์–อาทิตย์ 08:30–16:30",
                         "note_th": MAY_CHANGE, "year": 2012, "note": ["เวลาเปิดเป็นข้อมูลปี 2555"]},
    "lib-loei-crk": {"parse": "ทุกวัน 08:30–16:30"},
    "lib-chaiyaphum-kaengkhro": {"parse": "จันทร์–ศุกร์ 08:30–16:30", "note_th": PH, "ph": True},
    "nm-phimai": {"parse": "ทุกวัน 09:00–16:00"},
    "nm-ubon": {"parse": "พุธ–อาทิตย์ 09:00–16:00"},
    "nm-nakhonsithammarat": {"parse": "อังคาร–อาทิตย์ 09:00–17:00", "note_th": "ปิดวันจันทร์",
                             "src": "https://happyschoolbreak.com/พิพิธภัณฑสถานแห่งชาติ-น/"},
    "mus-yasothon-hong-history": {"parse": "ทุกวัน 08:00–18:00", "note_th": FREE},
    "mus-phangnga-city": {"parse": "จันทร์–ศุกร์ 09:00–16:00"},
    "mus-chiangrai-history-hall": {
        "parse": None, "year": 2012,
        "note": ["ข้อมูลการเข้าชม (ไม่เสียค่าเข้าชม ถอดรองเท้า ห้ามถ่ายภาพ) จากบล็อกปี 2555; ไม่มีเวลาเปิด-ปิด"],
    },
    "lib-chiangmai-prov": {"parse": "จันทร์–อาทิตย์ 08:30–17:00", "note_th": PH, "ph": True},
    "lib-phayao-chiangkham": {"parse": "ทุกวัน 08:30–16:30", "note_th": PH, "ph": True},
    "lib-phayao-chun-crk": {"parse": "ทุกวัน 08:30–16:30", "note_th": PH, "ph": True},
    "nm-uthong": {"parse": "พุธ–อาทิตย์ 09:00–16:00", "note_th": "ปิดวันจันทร์–อังคาร และวันหยุดนักขัตฤกษ์",
                  "ph": True, "src": "https://www.sanook.com/travel/652161/"},
    "nm-prachinburi": {
        "parse": None, "src": "https://www.pangpond.com/พิพิธภัณฑสถานแห่งชาติ-ปราจีนบุรี",
        "note": ["แหล่งระบุเวลา 09:00–16:00 แต่ไม่ระบุวันเปิด จึงไม่แปลงเป็นตารางเวลา"],
    },
    "nm-ratchaburi": {"parse": "พุธ–อาทิตย์ 09:00–16:00", "note_th": "ปิดวันจันทร์–อังคาร",
                      "src": "https://www.sanook.com/travel/653341/"},
    "nm-bankao": {"parse": "ทุกวัน 09:00–16:00"},
    "nm-chantharakasem": {"parse": "พุธ–อาทิตย์ 09:00–16:00"},
    "nm-phraphutthachinnarat": {"parse": "ทุกวัน 09:00–16:00", "note_th": FREE},
    "lib-ayutthaya-tharuea-crk": {"parse": "จันทร์–ศุกร์ 08:30–16:30; อาทิตย์ 09:00–17:00",
                                  "note_th": PH, "ph": True},
    "lib-nakhonnayok-banna": {"parse": "อาทิตย์–ศุกร์ 08:30–16:30",
                              "note_th": "ปิดวันเสาร์และวันหยุดนักขัตฤกษ์", "ph": True},
    "sce-nakhonsawan": {"parse": None, "note_th": "เปิดวันและเวลาราชการ · เข้าชมฟรี"},
    "mus-buengkan-life-community": {
        "parse": None, "note_th": "เปิดทุกวัน กรุณาติดต่อล่วงหน้า",
        "note": ["ค่าเข้าชม 50 บาท ตั้งแต่ 15 ต.ค. 2561 (ตามแหล่ง)"],
    },
    "mus-nongkhai-provincial": {"parse": "จันทร์–ศุกร์ 09:00–16:00", "note_th": FREE},
    "mus-nongkhai-muse-mobile": {"parse": "อังคาร–อาทิตย์ 10:00–17:00", "note_th": "ปิดวันจันทร์"},
    "mus-sakonnakhon-phuphan": {"parse": None, "year": 2012,
                                "note": ["ไม่เก็บค่าเข้าชมตามรีวิวปี 2555; ไม่มีเวลาเปิด-ปิด"]},
    "mus-phichit-city": {"parse": "ทุกวัน 08:30–16:30", "note_th": FREE},
    "mus-phetchabun-lomsak": {"parse": "พุธ–ศุกร์ 09:00–16:00; เสาร์ 17:00–21:00", "note_th": FREE},
    "mus-phatthalung-governor-palace": {
        # one opening rule per half day (the source gives a lunch break)
        "parse": "พุธ–อาทิตย์ 09:00–12:00; พุธ–อาทิตย์ 13:00–16:00",
        "note_th": "ปิดวันจันทร์–อังคาร และวันหยุดนักขัตฤกษ์ · พักเที่ยง 12:00–13:00", "ph": True,
    },
    "nm-sawankhaworanayok": {"parse": "พุธ–อาทิตย์ 09:00–16:00"},
    "nm-mahawirawong": {"parse": "พุธ–อาทิตย์ 09:00–16:00"},
    "nm-surin": {"parse": "พุธ–อาทิตย์ 09:00–16:00", "note_th": "ปิดวันจันทร์–อังคาร และวันหยุดนักขัตฤกษ์",
                 "ph": True},
    "nm-roiet": {"parse": "พุธ–อาทิตย์ 09:00–16:00", "note_th": "ปิดวันจันทร์–อังคาร และวันหยุดนักขัตฤกษ์",
                 "ph": True},
    "nm-thalang": {"parse": "ทุกวัน 09:00–16:00"},
    "nm-satun": {"parse": "พุธ–อาทิตย์ 09:00–16:00"},
    "nm-nakhonnayok": {"parse": "พุธ–อาทิตย์ 09:00–16:00", "note_th": "ปิดวันจันทร์–อังคาร และวันหยุดนักขัตฤกษ์",
                       "ph": True},
    "mus-samutprakan-muangboran": {
        "parse": None, "note_th": "เปิดทุกวัน · " + CHECK, "src": "https://jk.tours/tag/เมืองโบราณ/",
        "note": ["เวลาเปิดขัดกัน: jk.tours ระบุ ทุกวัน 09:00–18:00 อีกแหล่งระบุ 08:00–17:00; "
                 "ไม่แสดงเวลาใดเป็นข้อเท็จจริง; มีค่าเข้าชม"],
    },
    "mus-nonthaburi-provincial": {
        "parse": "อังคาร–ศุกร์ 09:00–17:00; เสาร์–อาทิตย์ 10:00–18:00",
        "note_th": "ปิดวันจันทร์ · วันหยุดนักขัตฤกษ์เปิด 10:00–18:00", "ph": False,
    },
    "nm-maritime-chanthaburi": {"parse": "พุธ–อาทิตย์ 09:00–16:00"},
    "mus-chanthaburi-taksin-shipyard": {"parse": "ทุกวัน 08:30–16:30"},
    "mus-chanthaburi-cultural-centre": {"parse": "ทุกวัน 08:30–16:00", "note_th": FREE},
    "mus-trat-city": {"parse": "อังคาร–ศุกร์ 09:00–16:00; เสาร์–อาทิตย์ 09:30–16:30", "note_th": "ปิดวันจันทร์"},
    "mus-trang-phraya-ratsada-house": {
        "parse": None, "note_th": "ปิดวันจันทร์ · เข้าชมฟรี · " + CHECK,
        "note": ["เวลาเปิดขัดกัน: แหล่งหนึ่งระบุ อังคาร–อาทิตย์ 09:00–16:00 teawpaktai.com ระบุ 08:00–16:30; "
                 "ไม่แสดงเวลาใดเป็นข้อเท็จจริง"],
    },
    "mus-yasothon-phaya-khankhak": {"parse": "ทุกวัน 10:00–16:00"},
    "mus-mahasarakham-city": {"parse": "จันทร์–ศุกร์ 08:30–16:30",
                              "note_th": "วันหยุดเปิดเฉพาะหมู่คณะที่ติดต่อล่วงหน้า · เข้าชมฟรี"},
    "mus-msu-museum": {"parse": "จันทร์–ศุกร์ 08:00–16:30", "note_th": FREE},
    "lib-phayao-pong": {"parse": "ทุกวัน 08:30–16:30", "note_th": PH, "ph": True},
    "nm-silpa-bhirasri": {"parse": "จันทร์–ศุกร์ 09:00–16:00"},
    "nm-changton": {
        "parse": None, "note_th": CHECK,
        "note": ["วันเปิดขัดกัน: db.sac.or.th ระบุ ทุกวัน 09:00–16:00, happyschoolbreak ระบุ อังคาร–อาทิตย์ "
                 "09:00–16:00; ไม่แสดงค่าใดเป็นข้อเท็จจริง"],
    },
    "nm-watbenchamabophit": {"parse": "ทุกวัน 09:00–16:00", "note_th": FREE},
    "mus-buriram-nongbuakhok": {"parse": "ทุกวัน 08:00–18:00", "note_th": FREE},
    "mus-uthai-local-history": {"parse": "จันทร์–ศุกร์ 09:00–16:30",
                                "note_th": "วันหยุดกรุณาติดต่อล่วงหน้า · เข้าชมฟรี"},
    "mus-chonburi-chuthathuchratchathan": {
        "parse": "อังคาร–ศุกร์ 09:00–17:00; เสาร์–อาทิตย์ 09:00–19:30",
        "note_th": "ปิดวันจันทร์ · วันหยุดนักขัตฤกษ์เปิดถึง 19:30 · เข้าชมฟรี", "ph": False,
    },
    "mus-tak-city-chaloemphrakiat": {"parse": "ทุกวัน 09:00–17:00", "note_th": FREE},
    "mus-narathiwat-city": {"parse": "จันทร์–ศุกร์ 09:00–16:00"},
    "mus-narathiwat-khunlahan": {"parse": "ทุกวัน 09:00–16:00"},
    "mus-lampang-ho-poom-lakhon": {"parse": "พุธ–อาทิตย์ 10:00–18:00",
                                   "note_th": "ปิดวันจันทร์–อังคาร และวันหยุดนักขัตฤกษ์", "ph": True},
    "mus-phrae-khum-chao-luang": {"parse": "ทุกวัน 08:30–17:00"},
    "hs-phangnga-takuapa-oldtown": {"parse": "ทุกวัน 08:00–20:00", "note_th": "ถนนคนเดินวันอาทิตย์"},
    "hs-hp-phimai": {"parse": None, "note_th": "เปิดทุกวัน"},
    "lib-bkk-minburi-learning": {
        "parse": "อังคาร–เสาร์ 08:30–20:00; อาทิตย์ 09:00–17:00",
        "note_th": "ปิดวันจันทร์และวันหยุดนักขัตฤกษ์ · " + MAY_CHANGE, "ph": True, "year": 2009,
        "note": ["เวลาทำการตามที่ประกาศวันเปิด 15 พ.ค. 2552"],
    },
    "mus-bkk-coin-museum": {"parse": "ทุกวัน 10:00–18:00", "note_th": FREE, "year": 2014},
    "mus-bkk-decorations-coins-pavilion": {"parse": "ทุกวัน 08:30–16:00", "year": 2014,
                                           "note": ["ค่าเข้าชม 10 บาท ผู้สูงอายุ 60+ และเด็กฟรี (ตามแหล่งปี 2557)"]},
    "mus-cm-city-arts-cultural-centre": {
        "parse": None, "note_th": CHECK, "src": "https://cmocity.com/news/ประกาศปิดให้บริการหอพื้/", "year": 2021,
        "note": ["เวลาเปิดขัดกัน: ประกาศ ต.ค. 2564 (cmocity.com) ระบุ พุธ–อาทิตย์ 08:30–16:30 ไม่เว้นวันหยุดนักขัตฤกษ์; "
                 "แหล่งเก่าระบุ อังคาร–อาทิตย์ 08:30–17:00; ไม่แสดงค่าใดเป็นข้อเท็จจริง"],
    },
    "mus-cm-historical-centre": {
        "parse": "พุธ–อาทิตย์ 08:30–16:30", "note_th": "เปิดวันหยุดนักขัตฤกษ์", "ph": False,
        "src": "https://cmocity.com/news/ประกาศปิดให้บริการหอพื้/", "year": 2021,
    },
    "mus-phuket-thaihua": {
        "parse": "พฤหัสบดี–อังคาร 09:00–17:00", "note_th": "ปิดวันพุธ",
        "src": "https://thai.tourismthailand.org/สถานที่ท่องเที่ยว/พิพิธภัณฑ์ภูเก็ตไทยหัว--5459",
        "note": ["ค่าเข้าชมคนไทย 50 บาท ต่างชาติ 200 บาท (lul.la)"],
    },
    "mus-kanchanaburi-jeath": {"parse": "ทุกวัน 08:30–16:30", "note": ["ค่าเข้าชม 50 บาท (thailandtravel.or.jp)"]},
    "mus-rayong-nangyai-wat-bandon": {"parse": None, "note_th": "เปิดทุกวัน · เข้าชมฟรี"},
    "mus-rayong-klaeng-geology": {
        "parse": None, "note_th": "ปิดวันจันทร์ (ถ้าตรงวันหยุดนักขัตฤกษ์เปิด) · " + MAY_CHANGE, "year": 2011,
        "note": ["วันเปิดตามบล็อกปี 2554; ไม่มีเวลาเปิด-ปิด"],
    },
    "mus-ayutthaya-history-study-centre": {
        "parse": None, "note_th": CHECK,
        "note": ["เวลาเปิดขัดกัน: ข่าวเปิดศูนย์ฯ ใหม่ 26 ก.ย. 2562 ระบุ อังคาร–อาทิตย์; เวลาเดิม 09:00–16:30 "
                 "วันหยุดถึง 17:00; ไม่แสดงค่าใดเป็นข้อเท็จจริง"],
    },
    "mus-phetchabun-wat-khosa": {"parse": None, "note_th": "เปิดตามนัดหมาย"},
    "lib-phetchabun-khaokho-intl": {"parse": "ทุกวัน 07:00–17:00"},
}

# Year CE of the page a row's phone number came from, when the source says it (else "year unknown").
MORE_PHONE_YEARS: dict[str, int] = {}

# --------------------------------------------------------------------------------------------
# Other citizen-facing fields.  Keys are output fields; a value replaces the CSV value; "note" is
# a list of internal remarks.  "drop_aliases" lists CSV aliases not used as names (with the reason
# recorded in note); "rename_aliases" maps a CSV alias to the form used.
# --------------------------------------------------------------------------------------------
_BUILDING = "ชื่ออาคาร/ที่ตั้งเดิมใน CSV ไม่ใช้เป็นชื่อเรียก (อาจชนกับคำค้นหน่วยราชการ)"
MORE_FIXES: dict[str, dict] = {
    # --- research remarks inside network/address ------------------------------------------
    "mus-nonthaburi-provincial": {"network": "เทศบาลเมืองนนทบุรี",
                                  "drop_aliases": {"ศาลากลางจังหวัดนนทบุรีหลังเก่า": _BUILDING}},
    "mus-rayong-klaeng-geology": {
        "network": None,
        "note": ["หน่วยงานดูแลอาจเป็นกรมทรัพยากรธรณี (อนุมานจากลิงก์ www.dmr.go.th ในแหล่ง ไม่ได้ระบุตรง)"],
    },
    "lc-prachuap-huaisatyai-karen": {
        "network": "ชุมชน",
        "note": ["อยู่ในทำเนียบแหล่งเรียนรู้ของห้องสมุดประชาชนอำเภอหัวหิน"],
    },
    "lib-saraburi-prov": {
        "address_th": "238 ถนนพหลโยธิน ตำบลปากเพรียว อำเภอเมืองสระบุรี จังหวัดสระบุรี "
                      "(ชั้น 1 อาคาร กศน.อำเภอเมืองสระบุรี ติดตลาดสุขุมาลย์)",
        "note": ["ที่อยู่เป็นข้อมูลปี 2551"],
        "sources_extra": ["address: https://sites.google.com/a/sara.nfe.go.th/ms-library02/prawati-hxng-smud-1 (2008)"],
    },
    "lib-samutprakan-prov": {
        "address_th": "ถนนศรีสมุทร อำเภอเมืองสมุทรปราการ จังหวัดสมุทรปราการ",
        "note": ["เดิมตั้งในวัดกลางวรวิหาร ตำบลปากน้ำ"],
    },
    "nm-nakhonsithammarat": {
        # the tambon differs between sources: show neither
        "address_th": "ถนนราชดำเนิน อำเภอเมืองนครศรีธรรมราช จังหวัดนครศรีธรรมราช 80000",
        "note": ["ตำบลขัดกัน: แหล่งหนึ่งระบุ ตำบลในเมือง อีกแหล่งระบุ ต.นาเคียน; ที่ตั้งเดิมวัดสวนหลวงตะวันออก"],
    },
    "nm-surin": {
        # old vs new building: show neither street address
        "address_th": "อำเภอเมืองสุรินทร์ จังหวัดสุรินทร์",
        "note": ["ที่อยู่ขัดกัน (อาคารเก่า/ใหม่): แหล่งหนึ่งระบุ ริมถนนสุรินทร์–ปราสาท กม. 4 ตำบลเฉนียง "
                 "อีกแหล่งระบุ ถ.กรุงศรีใน ต.ในเมือง"],
    },
    "lib-ranong-kraburi": {
        "address_th": "ถนนสุดสาคร ตำบลน้ำจืด อำเภอกระบุรี จังหวัดระนอง",
        "note": ["ที่อยู่ในแหล่ง: ที่ตั้งเดิม พ.ศ. 2503; อาคารใหม่สร้าง พ.ศ. 2531"],
    },
    "lib-surat-muni": {
        "address_th": None,
        "hours_note_th": "ที่ตั้งอาจเปลี่ยนแปลง โปรดตรวจสอบก่อนเดินทาง",
        "note": ["ที่อยู่ใน CSV: เดิมอยู่อาคารที่พักผู้โดยสารทางน้ำริมแม่น้ำตาปี (เปิด 1 ธ.ค. 2537); "
                 "ปี 2560 ย้ายชั่วคราวระหว่างปรับปรุง — ไม่ทราบที่ตั้งปัจจุบัน"],
    },
    "hs-hp-phimai": {"address_th": "ตำบลพิมาย อำเภอพิมาย จังหวัดนครราชสีมา 30110"},
    # --- temporary closures / renovation ---------------------------------------------------
    "mus-cm-lanna-folklife": {"hours_note_th": "ปิดปรับปรุงชั่วคราวตั้งแต่ ต.ค. 2564 โปรดตรวจสอบก่อนเดินทาง"},
    "sce-samutsongkhram-planetarium": {"hours_note_th": "อยู่ระหว่างปรับปรุง โปรดตรวจสอบก่อนเดินทาง"},
    "mus-udon-city": {"hours_note_th": "อยู่ระหว่างปรับปรุง โปรดตรวจสอบก่อนเดินทาง"},
    # --- websites without a scheme ---------------------------------------------------------
    "mus-lampang-ho-poom-lakhon": {"website": "http://www.lampangcity.go.th"},
    "hs-hp-phuphrabat": {"website": "http://www.finearts.go.th/phuphrabathistoricalpark"},
    "lib-nl-chiangmai": {"website": "http://finearts.go.th/chiangmailibrary"},
    # --- name caution (kept as in the CSV) -------------------------------------------------
    "lib-nl-trang": {"note": ["ชื่อเต็มในแหล่งถูกตัดหลัง 'สมเด็จพระ' — ตรวจชื่อทางการก่อนเผยแพร่"]},
    # --- aliases that are buildings/hosts/programmes rather than names of the venue -----------
    "lib-bkk-nl-latkrabang": {"drop_aliases": {
        "หอสมุดแห่งชาติ 4 มุมเมือง": "ชื่อโครงการที่มีหลายแห่ง ไม่ใช้เป็นชื่อเรียกของแห่งนี้"}},
    "mus-yasothon-hong-history": {"drop_aliases": {"ชมรมอนุรักษ์มรดกยโสธร": "ชื่อผู้ดำเนินการ ไม่ใช่ชื่อสถานที่"}},
    "lib-nl-nakhonphanom": {"drop_aliases": {"ศาลากลางจังหวัดนครพนมหลังเก่า": _BUILDING}},
    "nm-ratchaburi": {"drop_aliases": {"ศาลากลางจังหวัดราชบุรีหลังเดิม": _BUILDING}},
    "mus-nongkhai-provincial": {"drop_aliases": {"ศาลากลางจังหวัดหนองคายหลังเก่า": _BUILDING}},
    "mus-nongkhai-muse-mobile": {"drop_aliases": {"Muse Mobile": "ชื่อโครงการนิทรรศการเคลื่อนที่ที่มีหลายแห่ง"}},
    "nm-satun": {"drop_aliases": {"ศาลากลางเก่าสตูล": _BUILDING}},
    "mus-trat-city": {"drop_aliases": {"ศาลากลางจังหวัดตราดหลังเก่า": _BUILDING}},
    "mus-singburi-museum": {"drop_aliases": {"ศาลากลางหลังเก่า ร.ศ.130": _BUILDING}},
    "mus-uthai-local-history": {"drop_aliases": {"อาคารโรงเรียนเบญจมราชูทิศ (เดิม)": _BUILDING}},
    "mus-tak-city-chaloemphrakiat": {"drop_aliases": {"จวนผู้ว่าราชการจังหวัดตาก (หลังเก่า)": _BUILDING}},
    "mus-narathiwat-city": {"drop_aliases": {"ศาลากลางจังหวัดนราธิวาส (หลังเก่า)": _BUILDING}},
    "mus-phrae-khum-chao-luang": {"drop_aliases": {"จวนผู้ว่าราชการหลังเก่า": _BUILDING}},
    "lib-pattani-nongchik": {"drop_aliases": {
        "ศูนย์ส่งเสริมการเรียนรู้ระดับอำเภอหนองจิก": "ชื่อหน่วยงานต้นสังกัดระดับอำเภอ ไม่ใช่ชื่อห้องสมุด"}},
    "mus-ayutthaya-tourism-center": {"drop_aliases": {"ศาลากลางจังหวัดพระนครศรีอยุธยาหลังเก่า": _BUILDING}},
    "mus-cm-city-arts-cultural-centre": {"drop_aliases": {"ศาลากลางจังหวัดเชียงใหม่หลังเก่า": _BUILDING}},
    "mus-phuket-thaihua": {"drop_aliases": {
        "โรงเรียนภูเก็ตไทยหัว (เดิม)": "ชื่อโรงเรียนเดิมของอาคาร (โรงเรียนยังมีอยู่ที่อื่น)"}},
    "mus-loei-city": {"drop_aliases": {"ศาลากลางจังหวัดเลยหลังเดิม": _BUILDING}},
    # former names of the same institution: kept without the "(เดิม)" remark
    "mus-sakon-city-snru": {"rename_aliases": {"ศูนย์วัฒนธรรมจังหวัดสกลนคร (เดิม)": "ศูนย์วัฒนธรรมจังหวัดสกลนคร"},
                            "note": ["ชื่อเรียกอื่น 'ศูนย์วัฒนธรรมจังหวัดสกลนคร' เป็นชื่อเดิม (เปลี่ยนเป็นพิพิธภัณฑ์ 2559)"]},
    "lib-buriram-prakhonchai-muni": {
        "rename_aliases": {"หอสมุดแห่งชาติประโคนชัย (เดิม)": "หอสมุดแห่งชาติประโคนชัย"},
        "note": ["ชื่อเรียกอื่น 'หอสมุดแห่งชาติประโคนชัย' เป็นชื่อเดิม (โอนให้เทศบาล 1 ต.ค. 2553)"]},
}

# Phone remarks: a number's owner (when not the venue) goes to note; malformed numbers go to note.
PHONE_OWNER_NOTE = "เบอร์ {number} เป็นของ{owner} (ตามแหล่ง)"
