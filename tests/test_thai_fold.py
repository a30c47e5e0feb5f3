"""Folding word by word (cached) gives exactly what folding the whole text gave, for content and queries alike."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pythainlp.util import normalize as thai_normalize

from bot.search.thai import normalise
from tests.conftest import CONTENT


def whole_text_fold(text: str) -> str:
    """The fold as it was before word-by-word caching: every rule over the whole text at once."""
    text = unicodedata.normalize("NFC", text).translate(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad")))
    text = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
    text = thai_normalize(text)
    text = re.sub(r"([\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e])\1+", r"\1", text)
    text = re.sub(r"([\u0e01-\u0e2e])\1{3,}", r"\1", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _shipped_strings() -> list[str]:
    found: set[str] = set()
    for path in sorted(Path(CONTENT).rglob("*.yaml")):
        found.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return sorted(found)


def test_every_shipped_content_string_folds_as_before() -> None:
    strings = _shipped_strings()
    assert len(strings) > 1000
    assert [normalise(s) for s in strings] == [whole_text_fold(s) for s in strings]


@pytest.mark.parametrize("text", [
    "พ ุ่มดอกไม้",  # a vowel typed after a space joins the consonant before it
    "นา าน", "นา  าน", "กะ ะ", "แม่ เ เมือง", "เ เมือง", "บ้าน เมือง", "ห้องสมุด เเม่",
    "ๅ ก", "ก ๅ", "ก ๆ ข", "ก ่ า", "่ ก", "่่ ก", "ก \u0e3aข", "ก ์", "ก ็ อ",
    "  ห้องสมุด   ประชาชน  ", "TK\tPark", "ห้องสมุด\nประชาชน", "ก\u00a0ุ", "ก\u3000ุ",
    "ก\u200b ุ", "ก \u200bุ", "ค่า่ ่", "schoooool  booook", "ΣΑΣ ΣΑΣ", "ﾊﾟ ﾟ", "¨ a", "ก ¨",
    "เมืองเชียงใหม่ โ โรงเรียน", "ไ ไ", "ใ ใจ", "ไป ใจ", "ที่ ่ ี", "ํ า", "ก ํา", "ก ํ า",
])
def test_tricky_spacing_folds_as_before(text: str) -> None:
    assert normalise(text) == whole_text_fold(text)


@pytest.mark.parametrize("alphabet", [
    [chr(c) for c in range(0x0E01, 0x0E5C)] + list("  \u00a0\u200babcAB1"),  # every Thai character
    [*"กขคงนมบปรลวสหอ" "เแโใไ" "าะำๅ" "ิีุู่้็์ํ" "      ", "เเ", "ํา"],  # mostly words, few marks after spaces
    [*"กขฤฦอ" "เแะาำๅ" "ัิีึืฺุู็่้๊๋์ํ๎" "aab", "ก่", "กา"],  # marks in every order, no spaces: one word
    [*"กกกกขขขอ" "ะาเ" "่้" "aaaabbbb ", "\u200b"],  # runs of letters and marks
    [*"เแโกา่ะ", " ", "  ", "เเ", "ํา", "ๅ", "ๆ"],  # lead vowels after spaces, after words ending in vowels
])
def test_random_thai_with_spaces_folds_as_before(alphabet: list[str]) -> None:
    rnd = random.Random(14)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 16))) for _ in range(20000)]
    assert [normalise(t) for t in texts] == [whole_text_fold(t) for t in texts]
