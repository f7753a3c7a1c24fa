"""The held-out batch of decision phrases (tests/heldout/when/) is frozen: its files still hash to
the sums recorded when it was written, before the readers were scored on it
(bench/bench_when_heldout.py). A batch edited to fit the readers would fail here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HELD_OUT = Path(__file__).resolve().parents[1] / "heldout" / "when"


def test_the_held_out_batch_is_unchanged_since_it_was_frozen():
    sums = [line.split(maxsplit=1) for line in (HELD_OUT / "SHA256SUMS").read_text().splitlines() if line.strip()]
    assert sorted(name for _, name in sums) == ["README.md", "phrases.jsonl"]
    for digest, name in sums:
        assert hashlib.sha256((HELD_OUT / name).read_bytes()).hexdigest() == digest, name


def test_every_held_out_phrase_has_what_the_benchmark_reads():
    for line in (HELD_OUT / "phrases.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            assert {"lang", "text", "after", "country", "expected"} <= set(item)
