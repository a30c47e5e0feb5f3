"""Search-quality metrics over tests/eval/queries.yaml, for the bot and for a naive baseline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from bot.content import Content
from bot.conversation import answer
from bot.session import PAGE_SIZE, Session
from bot.turn import UserInput

EVAL_DIR = Path(__file__).parent
METRICS = ("top1", "top3", "precision3", "out_of_scope", "greeting")


@dataclass
class Score:
    """Per-metric hits and totals, plus the misses to print."""

    hits: dict[str, float] = field(default_factory=lambda: dict.fromkeys(METRICS, 0.0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    misses: list[str] = field(default_factory=list)

    def percent(self, metric: str) -> float:
        """The metric as a percentage (0 when no query counts towards it)."""
        return 100.0 * self.hits[metric] / self.totals[metric] if self.totals[metric] else 0.0


def load_queries(name: str = "queries") -> list[dict]:
    """A labelled set: "queries" (development) or "holdout" (never tuned on)."""
    return yaml.safe_load((EVAL_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def bot_results(content: Content, check: Callable[[list[dict]], None] | None = None
                ) -> Callable[[str], list[str]]:
    """The ids the bot shows on its first carousel page for a message (empty when it shows none)."""
    def shown(text: str) -> list[str]:
        reply = answer(Session(), UserInput("text", text=text), content, datetime.now(UTC))
        if check:
            check(reply.messages)
        if not any(m["type"] == "flex" for m in reply.messages):
            return []
        return reply.session.results[:PAGE_SIZE]
    return shown


def baseline_results(content: Content) -> Callable[[str], list[str]]:
    """Naive baseline: rapidfuzz WRatio (default processor) over name_th + name_en + aliases, always top 3."""
    choices: dict[str, str] = {}
    for venue in content.catalog.venues.values():
        choices[venue.id] = " ".join([venue.name_th, venue.name_en or "", *venue.aliases])
    for tour in content.catalog.tours.values():
        choices[tour.id] = " ".join([tour.name_th, tour.name_en or ""])

    def shown(text: str) -> list[str]:
        return [key for _, _, key in process.extract(text, choices, scorer=fuzz.WRatio, limit=3)]
    return shown


def evaluate(results: Callable[[str], list[str]], queries: list[dict]) -> Score:
    """Score one system over every labelled query."""
    score = Score()
    for item in queries:
        q, kind = item["q"], item["kind"]
        shown = results(q)
        if kind in ("named", "tour"):
            ok1 = bool(shown) and shown[0] in item["ids"]
            ok3 = any(i in item["ids"] for i in shown[:3])
            for metric, ok in (("top1", ok1), ("top3", ok3)):
                score.totals[metric] += 1
                score.hits[metric] += ok
            if not ok1:
                score.misses.append(f"{kind:12} {q!r}: want {item['ids']}, got {shown[:3]}")
        elif kind == "filter":
            wanted = set(item["set"])
            top = shown[:3]
            if not wanted:
                value = 1.0 if not top else 0.0
            else:
                value = sum(i in wanted for i in top) / len(top) if top else 0.0
            score.totals["precision3"] += 1
            score.hits["precision3"] += value
            if value < 1:
                score.misses.append(f"filter       {q!r}: p@3={value:.2f} got {top}")
        else:
            metric = "out_of_scope" if kind == "out_of_scope" else "greeting"
            ok = not shown
            score.totals[metric] += 1
            score.hits[metric] += ok
            if not ok:
                score.misses.append(f"{kind:12} {q!r}: showed {shown[:3]}")
    return score
