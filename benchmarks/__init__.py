"""Benchmarks against localhost fake servers; run ``python -m benchmarks``."""
