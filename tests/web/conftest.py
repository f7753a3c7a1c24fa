"""Web tests share one process: each starts with an empty calendar-feed cache (tests freeze time,
so two tests' feeds can have the same fingerprint)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _empty_feed_cache():
    from clinch.web.calendar_feed import _feeds, _feeds_lock

    with _feeds_lock:
        _feeds.clear()
    yield
