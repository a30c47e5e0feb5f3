"""`make eval`: the evaluation table (bot vs naive baseline) and the list of misses."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.catalog.loader import load_catalog
from bot.content import Content
from tests.eval.conversations import evaluate_conversations
from tests.eval.metrics import EVAL_DIR, METRICS, baseline_results, bot_results, evaluate, load_queries

LABELS = {"top1": "top-1 (named, tours)", "top3": "top-3 (named, tours)", "precision3": "precision@3 (type/place)",
          "out_of_scope": "out-of-scope", "greeting": "greetings"}
TARGETS = {"top1": 97, "top3": 99, "precision3": 95, "out_of_scope": 95, "greeting": 100}


def main() -> int:
    """Print the table and misses; exit 0."""
    result = load_catalog(Path(__file__).resolve().parents[2] / "content")
    assert result.catalog is not None
    content = Content.build(result.catalog)
    sets = [name for name in ("queries", "holdout", "blind") if (EVAL_DIR / f"{name}.yaml").exists()]
    runs = {}
    for name in sets:
        queries = load_queries(name)
        runs[name] = (evaluate(bot_results(content), queries), evaluate(baseline_results(content), queries),
                      len(queries))
    header = "".join(f" {name} ({runs[name][2]}) RianRu | baseline |" for name in sets)
    print(f"| {'metric':26} |{header} target |")
    print("|" + "---|" * (2 + 2 * len(sets)))
    for metric in METRICS:
        cells = "".join(f" {runs[n][0].percent(metric):5.1f}% | {runs[n][1].percent(metric):5.1f}% |" for n in sets)
        print(f"| {LABELS[metric]:26} |{cells} {TARGETS[metric]}% |")
    talks = evaluate_conversations(content)
    print(f"\nconversations (tests/eval/conversations.yaml): {talks.conversations} conversations, {talks.turns} turns"
          f" — turns passed {talks.percent('turns'):.1f}%, whole conversations passed "
          f"{talks.percent('conversations'):.1f}%")
    for name in sets:
        ours = runs[name][0]
        print(f"\n{name}: misses ({len(ours.misses)}):")
        for miss in ours.misses:
            print("  " + miss)
    print(f"\nconversations: misses ({len(talks.misses)}):")
    for miss in talks.misses:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
