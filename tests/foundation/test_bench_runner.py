"""`make bench`'s runner: every result says on which Python and machine, how fast and how busy."""

from __future__ import annotations

import sys
import types

from bench.__main__ import run_one


def test_every_result_records_the_machine_the_yardstick_and_the_load(monkeypatch):
    fake = types.ModuleType("bench.bench_fake")
    fake.main = lambda: {"median_ms": 1.0}
    monkeypatch.setitem(sys.modules, "bench.bench_fake", fake)
    result = run_one("fake")
    assert result["benchmark"] == "fake" and result["ok"] is True and result["median_ms"] == 1.0
    assert result["python"] and result["machine"] and result["yardstick_ms"] > 0
    start, end = result["load_average_1min_start_end"]
    assert start >= 0 and end >= 0
