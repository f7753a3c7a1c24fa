"""Waking the worker when something becomes due, so a note leaves within a second of its time.

* Scheduling, "Send again" and a new time call ``notify`` once their transaction commits;
  on PostgreSQL that is ``NOTIFY clinch_mail_due``, which a waiting worker hears at once.
* Between rounds a worker sleeps until the next message is due (read on the database's
  clock) or ``WORKER_POLL_SECONDS``, whichever is sooner. On SQLite, with no
  notifications, it looks every ``WORKER_SQLITE_POLL_MS`` whether a message fell due
  (one cheap query; the round's other work waits for the poll).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Q

from clinch.mail.models import MailAccount, Message

CHANNEL = "clinch_mail_due"
MIN_WAIT = 0.05  # a message due but not claimable (its account vanished) must not make the loop spin


def notify_on_commit() -> None:
    """Wake a waiting worker once the caller's transaction has committed (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        transaction.on_commit(_notify)


def _notify() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"NOTIFY {CHANNEL}")


def waiting_accounts(now):
    """Accounts whose mail is not claimed whatever its time: an open circuit breaker, or an OAuth
    sign-in only the user can renew. The same condition as ``clinch.mail.worker.CLAIM_SQL``."""
    return MailAccount.objects.filter(Q(paused_until__gt=now) | ~Q(oauth_problem=""))


def seconds_until_due(now) -> float | None:
    """Seconds from ``now`` (the database's clock) to the next scheduled message; None when none is.

    Messages of ``waiting_accounts`` are not counted: they are not claimed, so counting them
    would wake the worker every MIN_WAIT for nothing."""
    waiting = waiting_accounts(now).values("owner_id")
    first = (Message.objects.filter(state=Message.State.SCHEDULED, direction=Message.Direction.OUTBOUND)
             .exclude(owner_id__in=waiting).aggregate(first=Min("next_attempt_at"))["first"])
    return None if first is None else max((first - now).total_seconds(), MIN_WAIT)


def wait(seconds: float, stopper, *, clock) -> None:
    """Sleep up to ``seconds``; return early when stopping, on a notification (PostgreSQL), or
    when a message falls due (SQLite: ``seconds_until_due`` at ``clock()``, every WORKER_SQLITE_POLL_MS).

    On SQLite only that one query runs meanwhile, not the worker's whole round."""
    if connection.vendor == "sqlite":
        _look_every_sqlite_poll(seconds, stopper, clock)
        return
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        stopper.event.wait(seconds)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"LISTEN {CHANNEL}")
    deadline = time.monotonic() + seconds
    # In short slices, so SIGTERM is seen within a second.
    while not stopper.stopping and (left := deadline - time.monotonic()) > 0:
        if any(True for _ in connection.connection.notifies(timeout=min(left, 1.0), stop_after=1)):
            return


def _look_every_sqlite_poll(seconds: float, stopper, clock) -> None:
    step = settings.WORKER_SQLITE_POLL_MS / 1000
    deadline, left = time.monotonic() + seconds, seconds
    while not stopper.stopping and left > 0:
        stopper.event.wait(min(left, step))
        if stopper.stopping:
            return
        until = seconds_until_due(clock())
        if until is not None and until <= step:
            stopper.event.wait(until)
            return
        left = deadline - time.monotonic()
