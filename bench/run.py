"""`make bench`: time content loading, parsing, search and whole answers; measure memory. Writes RESULTS.md."""

from __future__ import annotations

import platform
import resource
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.catalog.loader import load_catalog
from bot.content import Content
from bot.conversation import answer
from bot.search.understand import parse
from bot.session import Session
from bot.turn import UserInput
from tests.eval.metrics import load_queries

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5


def rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args) -> float:
    """Wall time of one call in milliseconds."""
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> str:
    """Median, p95 and max of millisecond samples."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered):.2f} | {p95:.2f} | {ordered[-1]:.2f}"


def main() -> int:
    """Run every benchmark and write bench/RESULTS.md."""
    base_rss = rss_mb()
    start = time.perf_counter()
    catalog = load_catalog(ROOT / "content").catalog
    assert catalog is not None
    load_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    content = Content.build(catalog)
    build_ms = (time.perf_counter() - start) * 1000
    built_rss = rss_mb()
    start = time.perf_counter()
    Content.build(replace(catalog, version="bench-reload"))  # what a live reload costs each worker
    rebuild_ms = (time.perf_counter() - start) * 1000
    texts = [q["q"] for name in ("queries", "holdout") if (ROOT / "tests/eval" / f"{name}.yaml").exists()
             for q in load_queries(name)]
    now = datetime.now(UTC)
    parse_ms, find_ms, answer_ms = [], [], []
    for _ in range(ROUNDS):
        for text in texts:
            parse_ms.append(timed(parse, text, content.lexicon))
            query = parse(text, content.lexicon)
            find_ms.append(timed(content.index.find, query))
            answer_ms.append(timed(answer, Session(), UserInput("text", text=text), content, now))
    huge = "พิพิธภัณฑ์ขอนแก่น " * 2000
    huge_ms = [timed(answer, Session(), UserInput("text", text=huge), content, now) for _ in range(20)]
    rows = [
        ("load and validate content/ (88 venues, 7 tours, 928 districts)", f"{load_ms:.0f}", "", ""),
        ("first build: PyThaiNLP trie + lexicon + index", f"{build_ms:.0f}", "", ""),
        ("rebuild for a changed content version (live reload)", f"{rebuild_ms:.0f}", "", ""),
        (f"parse(text) ×{len(parse_ms)}", *summary(parse_ms).split(" | ")),
        (f"index.find(query) ×{len(find_ms)}", *summary(find_ms).split(" | ")),
        (f"answer() end to end ×{len(answer_ms)}", *summary(answer_ms).split(" | ")),
        ("answer() on a 36 000-character message ×20", *summary(huge_ms).split(" | ")),
    ]
    lines = [
        "# Benchmarks", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `make bench` on {platform.machine()}, "
        f"Python {platform.python_version()}, {len(texts)} distinct evaluation queries × {ROUNDS} rounds.", "",
        "| what | median ms | p95 ms | max ms |", "|---|---:|---:|---:|",
        *[f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |" for r in rows], "",
        "| memory | MB |", "|---|---:|",
        f"| peak RSS before loading (interpreter + imports) | {base_rss:.0f} |",
        f"| peak RSS with one content version loaded and indexed | {built_rss:.0f} |",
        f"| peak RSS after the runs | {rss_mb():.0f} |",
        "| one gunicorn worker serving (ps RSS, all imports incl. line-bot-sdk and preview) | ~190 |", "",
    ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
