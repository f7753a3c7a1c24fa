"""Benchmarks: each ``bench/bench_<name>.py`` has ``main() -> dict``; ``python -m bench`` runs them."""
