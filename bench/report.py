"""The benchmark's Markdown table (bench/RESULTS.md) and its chart (latency against catalogue size, ours vs naive)."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path


def markdown(sizes: list[dict], cold: dict | None, hooks: list[dict], command: str, load: str) -> str:
    """One table per measurement, with targets and pass/fail where the issue sets one."""
    lines = ["# Benchmarks", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}. {load}", "",
             "## Search: load, build, memory and `answer()` on synthetic catalogues", "",
             "| venues | load s (CPU) | build s (CPU) | RSS after build (peak) MB | `answer()` p50 / p99 ms "
             "| naive p50 / p99 ms | ratio p50 / p99 |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for s in sizes:
        lines.append(
            f"| {s['venues']:,} | {s['load_s']:.1f} ({s['load_cpu_s']:.1f}) "
            f"| {s['build_s']:.1f} ({s['build_cpu_s']:.1f}) "
            f"| {s['rss_mb']:.0f} ({s['rss_peak_mb']:.0f}) | {s['p50']:.2f} / {s['p99']:.2f} "
            f"| {s['naive_p50']:.2f} / {s['naive_p99']:.2f} "
            f"| {s['naive_p50'] / s['p50']:.0f}× / {s['naive_p99'] / s['p99']:.0f}× |")
    lines += ["", "The same, in CPU time of the answering thread (what the figures would be on an idle machine):", "",
              "| venues | `answer()` CPU p50 / p99 ms | naive CPU p50 / p99 ms | ratio p50 / p99 |",
              "|---:|---:|---:|---:|"]
    for s in sizes:
        lines.append(f"| {s['venues']:,} | {s['cpu_p50']:.2f} / {s['cpu_p99']:.2f} | {s['naive_cpu_p50']:.2f} / "
                     f"{s['naive_cpu_p99']:.2f} | {s['naive_cpu_p50'] / s['cpu_p50']:.0f}× / "
                     f"{s['naive_cpu_p99'] / s['cpu_p99']:.0f}× |")
    lines += ["", "Naive = rapidfuzz `process.extract` with `WRatio` over every name (C++ loop) for text, a haversine "
              "distance to every venue and a sort for shared locations. `answer()` is the whole pure turn "
              "(parse, search, carousel).", "", "`answer()` p50 / p99 ms by kind of question:", "",
              "| venues | " + " | ".join(sizes[0]["by_kind"]) + " |", "|---:|" + "---:|" * len(sizes[0]["by_kind"])]
    for s in sizes:
        lines.append(f"| {s['venues']:,} | " + " | ".join(f"{p50:.2f} / {p99:.2f}" for p50, p99 in
                                                           s["by_kind"].values()) + " |")
    if cold:
        lines += ["", "## Cold start (shipped content, fresh interpreter, median)", "",
                  "| imports s | `create_app()` s | total s | CPU s (whole process) |", "|---:|---:|---:|---:|",
                  f"| {cold['imports']:.2f} | {cold['create_app']:.2f} | {cold['total']:.2f} | "
                  f"{cold.get('cpu', 0):.2f} |"]
    if hooks:
        lines += ["", "## Webhook under gunicorn (fake LINE API on loopback)", "",
                  "| app | concurrency | events | accepted/s | replies/s | missing | webhook→reply p50 / p99 s |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for h in hooks:
            lines.append(f"| {h['app']} | {h['concurrency']} | {h['events']} | {h['accept_rate']:.0f} | "
                         f"{h['reply_rate']:.0f} | {h['missing']} | {h['p50']:.2f} / {h['p99']:.2f} |")
    return "\n".join(lines) + "\n"


def chart(sizes: list[dict], path: Path) -> None:
    """Latency (p50 and p99) against catalogue size, ours vs naive, log-log."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [s["venues"] for s in sizes]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for key, label, style in (("p50", "RianRu p50", "o-"), ("p99", "RianRu p99", "o--"),
                              ("naive_p50", "naive p50", "s-"), ("naive_p99", "naive p99", "s--")):
        ax.plot(x, [s[key] for s in sizes], style, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("venues in the catalogue")
    ax.set_ylabel("ms per question")
    ax.set_title("answer() latency against catalogue size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
