"""Helpers for the card reader's tests: generated photos (seeded), each read once per session."""

from __future__ import annotations

import functools

import pytest

from bench.cards.generate import make_photo, panel_photos
from clinch.cards import read_photo


@functools.cache
def photo(index: int) -> tuple[bytes, dict]:
    """Generated photo ``index`` of the benchmark's set and its truth."""
    return make_photo(index)


@functools.cache
def reading(index: int):
    return read_photo(photo(index)[0], region="US")


@functools.cache
def panel():
    return panel_photos()


@pytest.fixture
def clinch(capsys):
    """Run ``clinch ...`` in-process; returns (status, stdout, stderr)."""
    from clinch.cli import main

    def run(*argv):
        try:
            status = main([str(arg) for arg in argv])
        except SystemExit as exc:
            status = exc.code
        out = capsys.readouterr()
        return status, out.out, out.err

    return run
