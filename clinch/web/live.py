"""A budget for the endpoints the pages call as the user types (the draft check, the decision date).

Each user may make ``BURST`` such calls at once and ``PER_MINUTE`` a minute after
that (a token bucket). A person typing stays far inside it: the pages wait for a
pause of 400 ms before they ask. A script posting as fast as it can gets 429 and
takes no more than its share of the server.

The budget is kept in the process's memory, not the database: it is asked on
every keystroke, and a write per keystroke would compete with the app's real
writes. With several web processes a user has one budget in each, which still
bounds what one user takes from each process. At most ``KEPT_USERS`` users are
remembered (the least recently seen are forgotten, with a full budget again).
Safe to call from any thread.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from django.http import HttpResponse

BURST = 20
PER_MINUTE = 120
KEPT_USERS = 10_000
clock = time.monotonic  # seconds; a test may stop it

_lock = threading.Lock()
_buckets: OrderedDict = OrderedDict()  # (user id, what) -> (tokens left, when counted)


def allow(user, what: str, *, now: float | None = None) -> bool:
    """Take one call from ``user``'s budget for ``what``; False when it is spent (answer 429)."""
    now = clock() if now is None else now
    key = (user.pk, what)
    with _lock:
        tokens, counted = _buckets.pop(key, (BURST, now))
        tokens = min(BURST, tokens + (now - counted) * PER_MINUTE / 60)
        allowed = tokens >= 1
        _buckets[key] = (tokens - 1 if allowed else tokens, now)
        while len(_buckets) > KEPT_USERS:
            _buckets.popitem(last=False)
    return allowed


def paused(words: str) -> HttpResponse:
    """The 429 answer for a spent budget: ``words`` say what waits, for the page to show."""
    return HttpResponse(words, status=429, content_type="text/plain; charset=utf-8")


def forget_all() -> None:
    """Every budget full again (tests)."""
    with _lock:
        _buckets.clear()
