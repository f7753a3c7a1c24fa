"""Helpers for the card reader's tests: generated photos (seeded), each read once per session."""

from __future__ import annotations

import functools

from bench.cards.generate import make_photo, panel_photos
from clinch.cards import read_photo
from tests.core.conftest import clinch  # noqa: F401  (the same in-process runner)


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
