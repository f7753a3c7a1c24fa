"""The held-out batches of decision phrases (tests/heldout/when*/) are frozen: their
files still hash to the sums recorded when they were written, before the readers were scored on them
(bench/bench_when_heldout.py). A batch edited to fit the readers would fail here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.bench_tone_heldout import changed_files, frozen_files
from bench.bench_when_heldout import BATCHES as WHEN_BATCHES

HELD_OUT = Path(__file__).resolve().parents[1] / "heldout"
BATCHES = [pytest.param(folder, id=folder.name) for folder in WHEN_BATCHES.values()]


@pytest.mark.parametrize("folder", BATCHES)
def test_the_held_out_batch_is_unchanged_since_it_was_frozen(folder):
    assert sorted(frozen_files(folder)) == ["README.md", "phrases.jsonl"]
    assert changed_files(folder) == []


@pytest.mark.parametrize("folder", BATCHES)
def test_every_held_out_phrase_has_what_the_benchmark_reads(folder):
    for line in (folder / "phrases.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            assert {"lang", "text", "after", "country", "expected"} <= set(item)


def test_a_batch_edited_after_it_was_frozen_is_refused(tmp_path):
    from bench.bench_when_heldout import verified_lines

    for name in ("SHA256SUMS", "README.md", "phrases.jsonl"):
        (tmp_path / name).write_bytes((HELD_OUT / "when2" / name).read_bytes())
    assert len(verified_lines(tmp_path)) == 240
    with (tmp_path / "phrases.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"lang": "en", "text": "by Friday", "after": "2026-12-07T10:00:00+00:00", "country": "GB", "expected": null}\n')
    assert changed_files(tmp_path) == ["phrases.jsonl"]
    with pytest.raises(SystemExit, match="phrases.jsonl"):
        verified_lines(tmp_path)
