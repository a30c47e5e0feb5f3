"""A filtered list's first `limit` entries are exactly those and in exactly the order of a full ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synth
from bot.catalog.loader import load_catalog
from bot.content import Content
from bot.search import filtering
from bot.search.understand import parse
from bot.session import MAX_RESULTS


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    target = synth.build(3000, Path(tmp_path_factory.mktemp("synth")) / "content").path
    catalog = load_catalog(target).catalog
    assert catalog is not None
    return Content.build(catalog)


def test_exact_ranks_cover_every_page_a_citizen_can_reach() -> None:
    assert filtering.EXACT_RANKS >= MAX_RESULTS


@pytest.mark.parametrize("text", ["ห้องสมุด ตำบลบ้าน", "ศูนย์เรียนรู้เกษตร ดนตรี", "พิพิธภัณฑ์ช้าง เชียงใหม่",
                                  "ศูนย์การเรียนรู้ชุมชน ผ้าทอ ภูมิปัญญา", "ห้องสมุดประชาชนบ้าน ตำบลสมุนไพร",
                                  "museum ban nong", "ที่เที่ยวเด็ก ภาคเหนือ", "หอดูดาว ทะเล"])
@pytest.mark.parametrize("limit", [1, 3, 40])
def test_the_first_limit_entries_equal_a_full_ranking(content: Content, text: str, limit: int) -> None:
    index, query = content.index, parse(text, content.lexicon)
    pool, preferred = filtering.passing(index, query, index._places(query))
    assert len(pool) > 3, "the test needs a list longer than the limit"
    limit = min(limit, len(pool) - 1)
    full = filtering.ranked(index, query, pool, preferred, len(pool))
    quick = filtering.ranked(index, query, pool, preferred, limit)
    assert quick[:limit].tolist() == full[:limit].tolist()
    assert sorted(quick.tolist()) == sorted(full.tolist())
