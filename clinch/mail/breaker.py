"""The circuit breaker of one mail account: a server that stops answering pauses its queue.

Counted per account, by the worker, in the same transaction as each outcome:

* a timeout or a dropped connection before the message was handed over (``RETRY``
  without an SMTP code) counts one; at ``MAIL_BREAKER_FAILURES`` in a row the
  account pauses;
* no answer after the hand-over (``UNCERTAIN``) pauses it at once, so the message
  in flight at a hang is the only one that can be left uncertain;
* any answer from the server (sent, 4xx, 5xx) closes the breaker.

The pause doubles from ``MAIL_BREAKER_BASE_SECONDS`` up to ``MAIL_BREAKER_MAX_SECONDS``;
when it ends one message goes as a probe. Paused messages keep their attempt budget:
they are not claimed at all (``clinch.mail.worker.claim_one``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce

from clinch.mail import transport
from clinch.mail.models import MailAccount


def pause_for(failures: int) -> timedelta:
    """How long the queue waits after ``failures`` failures in a row."""
    base, cap = settings.MAIL_BREAKER_BASE_SECONDS, settings.MAIL_BREAKER_MAX_SECONDS
    steps = max(failures - settings.MAIL_BREAKER_FAILURES, 0)
    return timedelta(seconds=min(base * 2 ** min(steps, 20), cap))


def not_answering(outcome: transport.Outcome) -> bool:
    """True when the server did not answer at all (timeout, refused or dropped connection)."""
    return outcome.code is None and outcome.kind in (transport.RETRY, transport.UNCERTAIN)


def count(account: MailAccount, outcome: transport.Outcome, *, now: datetime) -> None:
    """Record ``outcome`` on ``account``'s breaker (see the module's docstring)."""
    rows = MailAccount.objects.filter(pk=account.pk)
    if not not_answering(outcome):
        rows.exclude(breaker_failures=0, paused_until=None).update(
            breaker_failures=0, not_answering_since=None, paused_until=None)
        return
    rows.update(breaker_failures=F("breaker_failures") + 1,
                not_answering_since=Coalesce(F("not_answering_since"), now))
    failures = rows.values_list("breaker_failures", flat=True).first() or 0
    if outcome.kind == transport.UNCERTAIN or failures >= settings.MAIL_BREAKER_FAILURES:
        rows.update(paused_until=now + pause_for(max(failures, settings.MAIL_BREAKER_FAILURES)))
