"""Benchmarks: run as ``python -m bench.<name>``; results are summarised in BENCHMARKS.md."""
