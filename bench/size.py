"""One catalogue size, in its own process (so RSS is its own): load, build, answer() and the naive baseline."""

from __future__ import annotations

import gc
import json
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.queries import Naive, query_mix
from bot.catalog.loader import load_catalog
from bot.content import Content
from bot.conversation import answer
from bot.session import Session


def rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc; the peak where that is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return rss_mb()
    return pages * resource.getpagesize() / 2**20


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def measure(content_dir: Path, rounds: int, queries: int) -> dict:
    """Time load, build and the query mix (ours and naive) on one catalogue."""
    base = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = load_catalog(content_dir)
    load_s, load_cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert result.catalog is not None, [str(p) for p in result.errors[:5]]
    catalog = result.catalog
    wall, cpu = time.perf_counter(), time.process_time()
    content = Content.build(catalog)
    build_s, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    gc.collect()
    built_rss, peak_build = current_rss_mb(), rss_mb()
    probes = query_mix(catalog, queries)
    now = datetime.now(UTC)
    for probe in {p.kind: p for p in probes}.values():  # warm-up: the first nearby question builds the k-d tree
        answer(Session(), probe.input, content, now)
    ours: dict[str, list[float]] = {}
    ours_cpu: list[float] = []
    naive_ms: list[float] = []
    naive_cpu: list[float] = []
    naive = Naive(catalog)
    for _ in range(rounds):
        for probe in probes:
            start, cpu = time.perf_counter(), time.thread_time()
            answer(Session(), probe.input, content, now)
            ours.setdefault(probe.kind, []).append((time.perf_counter() - start) * 1000)
            ours_cpu.append((time.thread_time() - cpu) * 1000)
    for probe in probes:
        start, cpu = time.perf_counter(), time.thread_time()
        naive.answer(probe)
        naive_ms.append((time.perf_counter() - start) * 1000)
        naive_cpu.append((time.thread_time() - cpu) * 1000)
    every = [ms for samples in ours.values() for ms in samples]
    return {
        "venues": len(catalog.venues), "load_s": load_s, "load_cpu_s": load_cpu, "build_s": build_s,
        "build_cpu_s": build_cpu, "rss_base_mb": base, "rss_mb": built_rss, "rss_peak_mb": peak_build,
        "p50": statistics.median(every), "p99": percentile(every, 99), "max": max(every),
        "naive_p50": statistics.median(naive_ms), "naive_p99": percentile(naive_ms, 99),
        "cpu_p50": statistics.median(ours_cpu), "cpu_p99": percentile(ours_cpu, 99),
        "naive_cpu_p50": statistics.median(naive_cpu), "naive_cpu_p99": percentile(naive_cpu, 99),
        "by_kind": {k: [statistics.median(v), percentile(v, 99)] for k, v in ours.items()},
        "samples": len(every),
    }


if __name__ == "__main__":
    out = measure(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps(out))
