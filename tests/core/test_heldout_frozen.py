"""The held-out tone batch (``tests/heldout/tone/``) stays exactly as it was frozen.

It measures the tone checks on words nobody on the project wrote, so it must never be edited,
added to or trimmed: ``SHA256SUMS`` records every file's hash, and these tests fail on any change.
"""

from __future__ import annotations

import pytest

from bench.bench_tone_heldout import HELDOUT, changed_files, frozen_files

pytestmark = pytest.mark.skipif(not (HELDOUT / "SHA256SUMS").is_file(), reason="the held-out batch has not been copied in yet")


def test_every_file_of_the_held_out_batch_still_has_its_frozen_hash():
    assert changed_files() == []


def test_the_held_out_batch_holds_exactly_the_frozen_files():
    present = {p.name for p in HELDOUT.iterdir() if p.is_file()} - {"SHA256SUMS"}
    assert present == set(frozen_files())
