"""Array scoring gives exactly the scores of the one-entry-at-a-time rules it replaced (checked on random names)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz

from bot.search.columns import TextScan
from bot.search.name_scores import NameRows, score_names, score_words
from bot.search.name_text import NameText

PIECES = ["ห้องสมุด", "ประชาชน", "พิพิธภัณฑ์", "เชียงใหม่", "บ้าน", "นา", "ดี", "ศูนย์", "เรียนรู้", "tk", "park",
          "museum", "วัด", "ผ้า", "ไหม", "สิรินธร", "ก", "ข้าว", "ตำบล"]


def _entries(rnd: random.Random, count: int) -> list[tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]]:
    entries = []
    for _ in range(count):
        spaced = tuple(" ".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 3)))
        compact = tuple(dict.fromkeys(s.replace(" ", "") for s in spaced))
        generic = frozenset(c for c in compact if c in {"ห้องสมุด", "พิพิธภัณฑ์"})
        entries.append((compact, spaced, generic))
    return entries


def _one_by_one(names, spaced_names, generic, q, spaced_q, full, long_q, phrase_q) -> float:
    """The rules as they were written per entry before scoring moved to arrays."""
    best = 0.0
    for name, spaced in zip(names, spaced_names, strict=False):
        if not name:
            continue
        score = fuzz.ratio(q, name, processor=None)
        if len(name) >= 4 and name in q and name not in generic:
            score = max(score, 90 + 10 * len(name) / len(q))
        elif len(name) >= 8 and full != q and name in full and name not in generic:
            score = max(score, 90 + 10 * len(name) / len(full))
        elif long_q and len(name) > len(q) and name[:2] != q[:2] and q[:3] in name:
            partial = fuzz.partial_ratio(q, name, processor=None)
            if partial >= 90:
                score = max(score, partial - 3)
        elif len(q) >= 5 and q in name and not phrase_q:
            score = max(score, 92 if name.startswith(q) else 84 + 14 * len(q) / len(name))
        if " " in spaced_q or " " in spaced:
            score = max(score, fuzz.token_sort_ratio(spaced_q, spaced, processor=None) - 2)
        best = max(best, score)
    return best


@pytest.mark.parametrize("seed", range(4))
def test_array_name_scores_equal_the_per_entry_rules(seed: int) -> None:
    rnd = random.Random(seed)
    entries = _entries(rnd, 200)
    rows = NameRows(entries)
    everyone = np.arange(len(entries))
    for _ in range(40):
        spaced_q = " ".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 4)))
        q = spaced_q.replace(" ", "")
        full = q + rnd.choice(["", "จังหวัดเชียงใหม่"])
        long_q, phrase_q = len(q) >= 8 and rnd.random() < 0.7, rnd.random() < 0.2
        got = score_names(rows, everyone, q, spaced_q, full, long_q, phrase_q)
        for i, (names, spaced, generic) in enumerate(entries):
            want = _one_by_one(names, spaced, generic, q, spaced_q, full, long_q, phrase_q)
            assert got[i] == pytest.approx(want), (q, names)


@pytest.mark.parametrize("seed", range(3))
def test_array_word_scores_equal_the_per_entry_rules(seed: int) -> None:
    rnd = random.Random(50 + seed)
    entries = _entries(rnd, 200)
    rows = NameRows(entries)
    everyone = np.arange(len(entries))
    addresses = [rnd.choice(["ถนนราชดำเนิน", "ตำบลนาดี", ""]) for _ in entries]
    for _ in range(30):
        words = [rnd.choice([*PIECES, "ราชดำเนิน", "เรียนรู"]) for _ in range(rnd.randint(1, 3))]
        inside = [np.array([any(w in n for n in e[0]) for e in entries]) for w in words]
        equal = [np.array([w in e[0] for e in entries]) for w in words]
        partial = [np.ones(len(entries), dtype=bool) for _ in words]
        address = [np.array([w in a for a in addresses]) if len(w) >= 4 else None for w in words]
        got = score_words(rows, everyone, words, inside, equal, partial, address)
        for i, (names, _, _) in enumerate(entries):
            total = 0.0
            for word in words:
                best = 0.0
                for name in names:
                    if word == name:
                        best = 100.0
                        break
                    if word in name:
                        best = max(best, 95.0 if len(word) >= 4 else 60.0)
                    elif len(word) >= 4:
                        value = fuzz.partial_ratio(word, name, processor=None)
                        best = max(best, value * 0.9 if value >= 80 else 0.0)
                if best < 70 and len(word) >= 4 and word in addresses[i]:
                    best = 70.0
                total += best
            assert got[i] == pytest.approx(total / len(words)), (words, names)


@pytest.mark.parametrize("word", ["ห้อง", "สมุด", "ก", "museum", "ข้าวไหม", "😀", "ไม่มีเลย"])
def test_text_scan_finds_exactly_the_texts_holding_a_word(word: str) -> None:
    rnd = random.Random(7)
    texts = ["".join(rnd.choice([*PIECES, "😀"]) for _ in range(rnd.randint(0, 4))) for _ in range(300)]
    assert TextScan(texts).rows(word).tolist() == [i for i, t in enumerate(texts) if word in t]


@pytest.mark.parametrize(("text", "expected"), [("ห้องสมุดประชาชน", True), ("ห้องสมดประชาชน", True),
                                                ("museumpark", True), ("จองตั๋วเครื่องบิน", False), ("", False)])
def test_name_text_resembles_a_name_only_through_the_bigram_bound(text: str, expected: bool) -> None:
    index = NameText(["ห้องสมุดประชาชนนาดี", "พิพิธภัณฑ์บ้าน", "museum", "park"])
    assert index.resembles(text, 80) is expected
    assert index.holds("นาดี") and not index.holds("ตั๋ว")
