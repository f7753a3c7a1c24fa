"""The held-out tone batches (``tests/heldout/tone*/``) stay exactly as they were frozen.

They measure the tone checks on words nobody on the project wrote, so they must never be edited,
added to or trimmed: each ``SHA256SUMS`` records every file's hash, and these tests fail on any change.
"""

from __future__ import annotations

import pytest

from bench.bench_tone_heldout import BATCHES, TONE, changed_files, frozen_files, load_interviews, load_notes

FROZEN = [pytest.param(folder, id=name.replace(" ", "-")) for name, folder in BATCHES.items()
          if (folder / "SHA256SUMS").is_file()]


@pytest.mark.parametrize("folder", FROZEN)
def test_every_file_of_the_held_out_batch_still_has_its_frozen_hash(folder):
    assert changed_files(folder) == []


@pytest.mark.parametrize("folder", FROZEN)
def test_the_held_out_batch_holds_exactly_the_frozen_files(folder):
    present = {p.name for p in folder.iterdir() if p.is_file()} - {"SHA256SUMS"}
    assert present == set(frozen_files(folder))


@pytest.mark.parametrize("folder", FROZEN)
def test_every_held_out_note_names_its_interview_recipient_kind_and_tone_codes(folder):
    interviews, notes = load_interviews(folder), load_notes(folder)
    assert len({n["id"] for n in notes}) == len(notes) >= 200
    for note in notes:
        panel = {p.email for p in interviews[note["interview"]].interviewers}
        assert note["to"] in panel and note["labels"] <= set(TONE) and note["text"], note["id"]
