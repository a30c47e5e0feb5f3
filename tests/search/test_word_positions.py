"""Which texts hold a word, by where bigrams occur: the same answer as Python's `in` on every text."""

from __future__ import annotations

import random

import pytest

from bot.search.word_positions import BigramPositions

LETTERS = "กขคงาิี่้ab\1"


@pytest.mark.parametrize("seed", range(3))
def test_rows_are_exactly_the_texts_holding_the_word(seed: int) -> None:
    rnd = random.Random(seed)
    texts = ["".join(rnd.choice(LETTERS) for _ in range(rnd.randint(0, 12))) for _ in range(800)]
    positions = BigramPositions(texts)
    for _ in range(400):
        word = "".join(rnd.choice(LETTERS[:-1]) for _ in range(rnd.randint(1, 5)))
        assert positions.rows(word).tolist() == [i for i, text in enumerate(texts) if word in text], word


@pytest.mark.parametrize(("word", "expected"), [
    ("ห้องสมุด", [0]), ("สมุด", [0, 2]), ("ด", [0, 2, 3]), ("ดพ", []), ("ชาชน", [0]), ("", [0, 1, 2, 3]),
])
def test_thai_words_never_span_two_texts(word: str, expected: list[int]) -> None:
    positions = BigramPositions(["ห้องสมุดประชาชน", "พิพิธภัณฑ์", "หอสมุด", "ด"])
    assert positions.rows(word).tolist() == expected
