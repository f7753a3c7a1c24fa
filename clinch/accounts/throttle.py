"""The login throttle: failed passwords counted per client and name, and per name alone.

Names are compared the way Django compares them when it logs someone in (NFKC, so
full-width and mathematical letters are the plain ones) and casefolded on top, so
look-alike spellings of one name share one count. The client is the real one
behind a trusted proxy (``clinch.net.client_ip``).

Two counts, each over LOGIN_FAILURE_WINDOW_SECONDS from the latest failure:

* client and name: LOGIN_FAILURE_LIMIT failures lock that client out of that name;
* name alone: LOGIN_FAILURE_LIMIT_PER_ACCOUNT failures, from anywhere, lock the
  password form for that name (a guesser spreading over many addresses).

Neither touches the password reset: the owner who proves control of the address
can always set a new password, and doing so clears both counts.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.core.cache import cache

from clinch.net import client_ip


def normalise_username(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw or "").strip().casefold()


def _key(*parts: str) -> str:
    return "login-failures:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _keys(request, username: str) -> tuple[tuple[str, int], tuple[str, int]]:
    name = normalise_username(username)
    return (
        (_key("client", client_ip(request), name), settings.LOGIN_FAILURE_LIMIT),
        (_key("account", name), settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT),
    )


def is_locked(request, username: str) -> bool:
    return any(cache.get(key, 0) >= limit for key, limit in _keys(request, username))


def record_failure(request, username: str) -> None:
    # set(), not incr(): the database cache's incr() would cut the window to its default timeout.
    # The window runs from the latest failure, so a patient guesser stays locked out.
    for key, _ in _keys(request, username):
        cache.set(key, cache.get(key, 0) + 1, settings.LOGIN_FAILURE_WINDOW_SECONDS)


def clear(request, username: str) -> None:
    """Forget the failures for this name: from this client, and from everywhere."""
    cache.delete_many([key for key, _ in _keys(request, username)])
