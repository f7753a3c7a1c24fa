"""Keeping bots out of the public form without a third-party CAPTCHA.

Three traps, each cheap and invisible to people:

* a honeypot field hidden from people (bots fill every field they find);
* a signed timestamp issued with the form: a submission sooner than
  ``CONSULT_MIN_FILL_SECONDS`` after the form was served is a script or an autofilling
  browser, so the form comes back as it was and asks for one more click (a person
  confirms, a simple script does not); one older than ``CONSULT_FORM_MAX_AGE_SECONDS``
  is re-rendered so the visitor submits again;
* a per-client rate limit on submissions, counted in Django's cache.

Blocked submissions are counted per day and reason in ``SpamCount`` so staff see them.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import time
from datetime import UTC

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import F, Sum
from django.utils import timezone

from clinch.consult.models import SpamCount

log = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "started"
_SALT = "clinch.consult.form-started"
# A token re-issued after expiry: the visitor already spent their time typing,
# so the minimum fill time does not apply to it again. Only a genuine expired
# token earns one; a forged or missing token gets an ordinary one, or a script
# could post junk once to skip the timing trap.
_FRESH, _AGAIN = "fresh", "again"


class Token(enum.Enum):
    OK = "ok"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"


def issue_token(*, again: bool = False) -> str:
    """A signed, timestamped token to embed in the form when it is served."""
    return signing.TimestampSigner(salt=_SALT).sign(_AGAIN if again else _FRESH)


def check_token(token: str) -> Token:
    """Judge the form's token: OK, TOO_FAST (a script), EXPIRED (ask again) or INVALID.

    The clock is ``time.time()`` (frozen by time-machine in tests).
    """
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        kind = signer.unsign(token or "", max_age=settings.CONSULT_FORM_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return Token.EXPIRED
    except signing.BadSignature:
        return Token.INVALID
    if kind == _AGAIN:
        return Token.OK
    try:
        # Succeeds only while the token is younger than the minimum fill time.
        signer.unsign(token, max_age=settings.CONSULT_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return Token.OK
    return Token.TOO_FAST


def honeypot_filled(data) -> bool:
    """True when the hidden field people never see came back with anything in it."""
    return bool(data.get(HONEYPOT_FIELD, ""))


def over_rate_limit(client: str) -> bool:
    """Count one submission from ``client``; True once it passes the limit in the current window.

    Fixed windows of CONSULT_RATE_WINDOW_SECONDS, one cache key each. The count is
    read and written with an explicit timeout rather than ``cache.incr``, which on the
    database cache re-sets the key with the default timeout and so shortens the window.
    Not atomic: under a burst a few extra submissions may slip through, which is fine
    for a courtesy limit.
    """
    window = settings.CONSULT_RATE_WINDOW_SECONDS
    digest = hashlib.sha256(client.encode()).hexdigest()
    key = f"consult-rate:{digest}:{int(time.time() // window)}"
    count = cache.get(key, 0) + 1
    cache.set(key, count, window)
    return count > settings.CONSULT_RATE_LIMIT


def record_blocked(reason: str, *, organisation=None, now=None) -> None:
    """Add one to today's count for ``reason`` on ``organisation``'s form (None: the server's own form);
    safe with concurrent writers (unique row, F() update)."""
    day = (now or timezone.now()).astimezone(UTC).date()
    row = {"day": day, "reason": reason, "organisation": organisation}
    # get_or_create retries its get when a concurrent request created the row first.
    SpamCount.objects.get_or_create(**row)
    SpamCount.objects.filter(**row).update(count=F("count") + 1)
    log.info("consultation form: blocked a submission (%s)", reason)


def blocked_since(day, *, counts) -> int:
    """How many submissions were blocked on ``day`` and after, among the SpamCount rows ``counts``."""
    return counts.filter(day__gte=day).aggregate(total=Sum("count"))["total"] or 0
