"""`make eval`: the evaluation table (bot vs naive baseline) and the list of misses."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.content_loader import load_catalog
from bot.library import Library
from tests.eval.metrics import METRICS, baseline_results, bot_results, evaluate, load_queries

LABELS = {"top1": "top-1 (named, tours)", "top3": "top-3 (named, tours)", "precision3": "precision@3 (type/place)",
          "out_of_scope": "out-of-scope", "greeting": "greetings"}
TARGETS = {"top1": 95, "top3": 99, "precision3": 95, "out_of_scope": 95, "greeting": 100}


def main() -> int:
    """Print the table and misses; exit 0."""
    result = load_catalog(Path(__file__).resolve().parents[2] / "content")
    assert result.catalog is not None
    library = Library.build(result.catalog)
    queries = load_queries()
    ours, base = evaluate(bot_results(library), queries), evaluate(baseline_results(library), queries)
    print(f"{len(queries)} labelled queries\n")
    print(f"| {'metric':26} | {'RianRu':>7} | {'baseline':>8} | {'target':>6} | queries |")
    print(f"|{'-' * 28}|{'-' * 9}|{'-' * 10}|{'-' * 8}|{'-' * 9}|")
    for metric in METRICS:
        print(f"| {LABELS[metric]:26} | {ours.percent(metric):6.1f}% | {base.percent(metric):7.1f}% | "
              f"{TARGETS[metric]:5}% | {ours.totals[metric]:7} |")
    print(f"\nmisses ({len(ours.misses)}):")
    for miss in ours.misses:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
