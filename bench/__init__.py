"""Benchmarks: speed and memory, measured (never asserted in tests)."""
