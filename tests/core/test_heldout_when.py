"""The held-out batches of decision phrases (tests/heldout/when/, tests/heldout/when2/) are frozen: their
files still hash to the sums recorded when they were written, before the readers were scored on them
(bench/bench_when_heldout.py). A batch edited to fit the readers would fail here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

HELD_OUT = Path(__file__).resolve().parents[1] / "heldout"
BATCHES = [pytest.param(HELD_OUT / name, id=name) for name in ("when", "when2")]


@pytest.mark.parametrize("folder", BATCHES)
def test_the_held_out_batch_is_unchanged_since_it_was_frozen(folder):
    sums = [line.split(maxsplit=1) for line in (folder / "SHA256SUMS").read_text().splitlines() if line.strip()]
    assert sorted(name for _, name in sums) == ["README.md", "phrases.jsonl"]
    for digest, name in sums:
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("folder", BATCHES)
def test_every_held_out_phrase_has_what_the_benchmark_reads(folder):
    for line in (folder / "phrases.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            assert {"lang", "text", "after", "country", "expected"} <= set(item)
