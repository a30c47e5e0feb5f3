"""Normalisation tables: the same folding for queries and content, never losing Thai vowels or tone marks."""

from __future__ import annotations

import pytest

from bot.search.thai import clip, compact, graphemes, language_of, normalise

FIXES = {"พิพิธภัณท์": "พิพิธภัณฑ์", "พิพิธภัณ": "พิพิธภัณฑ์", "ปาร์ค": "พาร์ค", "กทม.": "กทม"}


@pytest.mark.parametrize(("raw", "expected"), [
    ("มากกกก", "มาก"),
    ("ค่าาา", "ค่า"),
    ("สยามมมม", "สยาม"),
    ("กรรม", "กรรม"),  # a legitimate double consonant stays
    ("ถนนนครนอก", "ถนนนครนอก"),  # a triple across a word boundary stays
    ("ก่่า", "ก่า"),  # a doubled tone mark is a typing slip
    ("เเม่", "แม่"),  # two sara e typed for sara ae
    ("หอดูดาว\u200bโคราช", "หอดูดาวโคราช"),  # zero-width space
    ("TK   Park", "tk park"),
    ("ＴＫ　Ｐａｒｋ", "tk park"),  # full-width letters and space
    ("๑๒๓", "123"),
    ("schoooool", "school"),
    ("ที่ไหนบ้าง", "ที่ไหนบ้าง"),
    ("พิพิธภัณฑ์", "พิพิธภัณฑ์"),  # vowels and tone marks kept
])
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("พิพิธภัณท์ขอนแก่น", "พิพิธภัณฑ์ขอนแก่น"),
    ("พิพิธภัณในขอนแก่น", "พิพิธภัณฑ์ในขอนแก่น"),
    ("พิพิธภัณฑ์ในขอนแก่น", "พิพิธภัณฑ์ในขอนแก่น"),  # the correct word is not "fixed" twice
    ("ทีเคปาร์คยะลา", "ทีเคพาร์คยะลา"),
    ("ห้องสมุด กทม.", "ห้องสมุด กทม"),
])
def test_misspellings_are_data(raw: str, expected: str) -> None:
    assert normalise(raw, FIXES) == expected


@pytest.mark.parametrize(("text", "count"), [("กี่", 1), ("ดูเพิ่มเติม", 7), ("👍🏽", 1), ("abc", 3), ("น้ำ", 1)])
def test_grapheme_clusters_as_line_counts(text: str, count: int) -> None:
    assert graphemes(text) == count


def test_clip_keeps_whole_clusters_and_whole_words() -> None:
    clipped = clip("พิพิธภัณฑ์วิทยาศาสตร์แห่งชาติ", 10)
    assert graphemes(clipped) <= 10 and clipped.endswith("…")
    assert clipped == "พิพิธภัณฑ์…", "cut after a whole word, never inside วิทยาศาสตร์"
    long_word = clip("ห" * 30, 10)  # no boundary at all: whole clusters up to the limit
    assert graphemes(long_word) == 10 and long_word.endswith("…")


@pytest.mark.parametrize(("text", "lang"), [("museums in khon kaen", "en"), ("พิพิธภัณฑ์", "th"),
                                            ("tk park ยะลา", "th"), ("555", "th")])
def test_language(text: str, lang: str) -> None:
    assert language_of(text) == lang


def test_compact_removes_spaces_only() -> None:
    assert compact("ทีเค พาร์ค") == "ทีเคพาร์ค"
