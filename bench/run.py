"""`make bench`: synthetic catalogues (1k, 10k, 100k), cold start and webhook throughput; writes bench/RESULTS.md."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import synth
from bench.coldstart import cold_start
from bench.report import chart, markdown

ROOT = Path(__file__).resolve().parent.parent


def one_size(size: int, work: Path, rounds: int, queries: int) -> dict:
    """Generate a catalogue and measure it in a fresh process (its RSS is its own)."""
    target = synth.build(size, work / f"catalogue-{size}").path
    out = subprocess.run([sys.executable, "-m", "bench.size", str(target), str(rounds), str(queries)], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=900)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; `--tiny` is the quick version `make test` runs (catalogue of 200, no webhook)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("--no-webhook", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args(argv)
    if args.tiny:
        args.sizes, args.rounds, args.queries, args.no_webhook = "200", 1, 40, True
    started = time.perf_counter()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="rianru-bench-") as tmp:
        sizes = [one_size(int(n), Path(tmp), args.rounds, args.queries) for n in args.sizes.split(",")]
    cold = None if args.tiny else cold_start()
    hooks: list[dict] = []
    if not args.no_webhook:
        from bench.webhook import webhook_runs

        hooks = webhook_runs()
    busy = "other jobs were running; " if load[0] >= 1.5 else ""
    note = (f"Load average at the start {load[0]:.1f} ({busy}absolute times are ±30% on a shared machine, "
            f"ratios matter). Finished in {time.perf_counter() - started:.0f} s.")
    text = markdown(sizes, cold, hooks, "make bench" if not args.tiny else "python -m bench.run --tiny", note)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "RESULTS.md").write_text(text, encoding="utf-8")
    chart(sizes, args.out / "latency.png")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
