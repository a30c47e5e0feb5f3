"""The evaluation runs with the suite: no figure may drop below its floor (5 points under what we reached)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content import Content
from tests.eval.conversations import evaluate_conversations
from tests.eval.metrics import METRICS, bot_results, evaluate, load_queries
from tests.line_checker import assert_valid

FLOORS = yaml.safe_load(Path(__file__).with_name("floors.yaml").read_text(encoding="utf-8"))
CONVERSATION_FLOORS = FLOORS.pop("conversations")


@pytest.fixture(scope="module")
def scores(content: Content):
    """Our scores on each labelled set."""
    # Every reply of the evaluation also has to respect LINE's limits.
    return {name: evaluate(bot_results(content, assert_valid), load_queries(name)) for name in FLOORS}


@pytest.mark.parametrize("set_name", list(FLOORS))
@pytest.mark.parametrize("metric", METRICS)
def test_quality_stays_above_its_floor(scores, set_name: str, metric: str) -> None:
    score = scores[set_name]
    reached = score.percent(metric)
    assert reached >= FLOORS[set_name][metric], (
        f"{set_name} {metric} fell to {reached:.1f}% (floor {FLOORS[set_name][metric]}%). Misses:\n"
        + "\n".join(score.misses))


def test_the_labelled_set_is_big_enough() -> None:
    assert len(load_queries("queries")) >= 150


def test_conversations_stay_above_their_floor(content: Content) -> None:
    score = evaluate_conversations(content, assert_valid)
    assert score.conversations >= 10
    for what in ("turns", "conversations"):
        assert score.percent(what) >= CONVERSATION_FLOORS[what], "\n".join(score.misses)
