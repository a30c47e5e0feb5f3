"""Candidate generation never drops a name that the fuzzy scores could accept (checked against a full scan)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz

from bot.search.candidates import NameCandidates
from bot.search.name_scores import NameRows, score_names

PIECES = ["ห้องสมุด", "ประชาชน", "พิพิธภัณฑ์", "เชียงใหม่", "บ้าน", "นา", "ดี", "ศูนย์", "เรียนรู้", "tk", "park",
          "museum", "วัด", "ผ้า", "ไหม", "สิรินธร", "ก", "ข้าว"]


def _names(rnd: random.Random, count: int) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    names = []
    for _ in range(count):
        spaced = " ".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 4)))
        names.append(((spaced.replace(" ", ""),), (spaced,)))
    return names


def _mutate(rnd: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rnd.randint(0, 2)):
        if chars and rnd.random() < 0.5:
            del chars[rnd.randrange(len(chars))]
        else:
            chars.insert(rnd.randrange(len(chars) + 1), rnd.choice("กขคงา่้ ab"))
    return "".join(chars).strip()


@pytest.mark.parametrize("seed", range(4))
def test_every_name_reaching_the_ratio_cutoff_is_a_candidate(seed: int) -> None:
    rnd = random.Random(seed)
    names = _names(rnd, 300)
    candidates = NameCandidates(names)
    for _ in range(60):
        spaced = _mutate(rnd, rnd.choice(names)[1][0]) or "ก"
        q = spaced.replace(" ", "")
        found = set(candidates.for_name(q, spaced, 80, True))
        for i, (compact, spaced_names) in enumerate(names):
            if fuzz.ratio(q, compact[0], processor=None) >= 80 or q == compact[0] \
                    or fuzz.token_sort_ratio(spaced, spaced_names[0], processor=None) - 2 >= 80:
                assert i in found, (q, compact[0])


@pytest.mark.parametrize("seed", range(3))
def test_partial_candidates_cover_every_partial_match(seed: int) -> None:
    rnd = random.Random(100 + seed)
    names = _names(rnd, 300)
    candidates = NameCandidates(names)
    for _ in range(40):
        word = _mutate(rnd, rnd.choice([*PIECES, "ห้องสมุดประชาชน", "พิพิธภัณฑ์บ้าน"])).replace(" ", "")
        if len(word) < 4:
            continue
        hits = candidates.partial_mask(word, 80)
        for i, (compact, _) in enumerate(names):
            if fuzz.partial_ratio(word, compact[0], processor=None) >= 80:
                assert hits[i], (word, compact[0])


@pytest.mark.parametrize(("seed", "cutoff"), [(s, c) for s in range(3) for c in (80, 88)])
def test_every_entry_whose_name_score_reaches_the_cutoff_is_a_candidate(seed: int, cutoff: float) -> None:
    # The contract index.name_scores relies on: scoring only the candidates loses no entry ≥ cutoff, whichever
    # rule scores it (a name inside the fuller text included), except the partial rule for long queries, which
    # only lifts entries another rule found.
    rnd = random.Random(200 + seed)
    names = _names(rnd, 300)
    candidates = NameCandidates(names)
    rows = NameRows([(compact, spaced, ()) for compact, spaced in names])
    everyone = np.arange(len(names))
    for _ in range(60):
        spaced = _mutate(rnd, rnd.choice(names)[1][0]) or "ก"
        q = spaced.replace(" ", "")
        full = q + rnd.choice(["", "ไหม", "เปิดกี่โมง", rnd.choice(names)[0][0]])
        scores = score_names(rows, everyone, q, spaced, full, False, False)
        found = set(candidates.for_name(q, spaced, cutoff, True, full))
        missed = [names[i][0][0] for i in np.flatnonzero(scores >= cutoff) if i not in found]
        assert not missed, (q, full, missed)

