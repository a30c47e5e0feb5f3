"""The benchmark code runs (tiny catalogue, tiny webhook load), so `make bench` cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import run
from bench.webhook import webhook_runs


@pytest.mark.slow
def test_tiny_bench_writes_a_table_and_a_chart(tmp_path: Path) -> None:
    assert run.main(["--tiny", "--out", str(tmp_path)]) == 0
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| venues |" in text and "naive" in text
    assert (tmp_path / "latency.png").stat().st_size > 1000


@pytest.mark.slow
def test_webhook_bench_counts_every_reply_for_both_bots() -> None:
    runs = webhook_runs(concurrencies=(2,), events=6, wait_s=20)
    assert [r["app"] for r in runs] == ["RianRu", "echo bot (line-bot-sdk)"]
    assert all(r["missing"] == 0 and r["reply_rate"] > 0 for r in runs)
