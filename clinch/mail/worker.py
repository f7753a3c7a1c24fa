"""The sender: claims due messages, sends each outside any transaction, records the outcome.

One unit of work is ``send_one_due``; ``run_worker`` is a plain loop around it
plus the chores (lease sweep, heartbeat, replies, daily retention).

Why it never sends a message twice, with any number of workers:

* A claim is one UPDATE: the oldest due row (``FOR UPDATE SKIP LOCKED`` on
  PostgreSQL; SQLite serializes writers) moves ``scheduled -> sending`` with a
  lease, conditionally on its state. Only the worker whose UPDATE changed the
  row sends it.
* The network call happens after that commit and before the next transaction.
* A worker that dies leaves ``sending``; once the lease expires the sweep turns
  it ``uncertain`` (shown to the user), never back into ``scheduled``.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

from clinch.agency import digest
from clinch.followups.models import FollowUp
from clinch.hooks import services as hooks
from clinch.mail import breaker, oauth, sent_copy, transport, wakeup
from clinch.mail.models import Attempt, DailyChore, MailAccount, Message, WorkerHeartbeat
from clinch.mail.services import account_for

log = logging.getLogger("clinch.worker")
State = Message.State


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the ``attempts``-th failed try: base, 2x base, 4x base ... capped."""
    base = settings.MAIL_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.MAIL_RETRY_MAX_SECONDS))


# The owner_id condition is clinch.mail.wakeup.waiting_accounts: keep the two in step.
CLAIM_SQL = """
UPDATE {table} SET state = 'sending', claimed_by = %s, lease_expires_at = %s, attempts = attempts + 1
WHERE id = (
    SELECT id FROM {table}
    WHERE state = 'scheduled' AND direction = 'out' AND next_attempt_at <= %s
      AND owner_id NOT IN (SELECT owner_id FROM {accounts} WHERE paused_until > %s OR oauth_problem <> '')
    ORDER BY next_attempt_at, id LIMIT 1 {lock}
) AND state = 'scheduled'
RETURNING *
"""


def database_now() -> datetime:
    """The database server's clock, the one clock every worker shares (a host's own may be off)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
            return datetime.fromisoformat(cursor.fetchone()[0]).replace(tzinfo=UTC)
        cursor.execute("SELECT clock_timestamp()")  # now() would stop at the transaction's start
        return cursor.fetchone()[0]


def claim_one(*, now: datetime | None = None, worker_name: str) -> Message | None:
    """Sweep expired leases, then move the oldest due message to ``sending`` under a lease; None
    when nothing is due.

    What is due and when a lease ends are read on the database's clock (``now`` stands in
    for it in tests), never the host's. The sweep runs in every claim, so a queue that never
    empties still turns a dead worker's rows ``uncertain``. Messages of an account whose
    circuit breaker is open, or whose OAuth sign-in waits for the user, wait. Safe under any
    number of concurrent workers: on PostgreSQL the row is locked with SKIP LOCKED (others
    take the next one); on SQLite writers are serialized; and the UPDATE is conditional on
    the state anyway, so two claims of one row cannot both succeed.
    """
    lock = "FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    sql = CLAIM_SQL.format(table=connection.ops.quote_name(Message._meta.db_table),
                           accounts=connection.ops.quote_name(MailAccount._meta.db_table), lock=lock)
    adapt = connection.ops.adapt_datetimefield_value
    with transaction.atomic():
        now = now or database_now()
        sweep_expired_leases(now=now)
        lease_expires_at = now + timedelta(seconds=settings.WORKER_LEASE_SECONDS)
        claimed = list(Message.objects.raw(sql, [worker_name, adapt(lease_expires_at), adapt(now), adapt(now)]))
    return claimed[0] if claimed else None


def record_outcome(message: Message, outcome: transport.Outcome, *, worker_name: str,
                   now: datetime | None = None, account=None) -> str:
    """Write what happened to a claimed message; returns the state it ends in.

    Conditional on the claim still being ours. A success is recorded even if
    the lease ran out meanwhile (``uncertain`` becomes ``sent``: we know better now).
    Each try is kept as an Attempt row; ``account``'s circuit breaker counts it.
    ``now`` (tests) stands in for the database's clock.
    """
    now = now or database_now()
    mine = Message.objects.filter(pk=message.pk, claimed_by=worker_name)
    done = {"lease_expires_at": None, "last_smtp_code": outcome.code, "last_error": outcome.text[:2000]}
    if outcome.kind == transport.SENT:
        state, extra = State.SENT, {"sent_at": now}
    elif outcome.kind == transport.RETRY and message.attempts < settings.MAIL_MAX_ATTEMPTS:
        state, extra = State.SCHEDULED, {"next_attempt_at": now + retry_delay(message.attempts), "claimed_by": ""}
    elif outcome.kind == transport.RETRY:
        state, extra = State.FAILED, {}
        done["last_error"] = f"gave up after {message.attempts} attempts; last answer: {outcome.text}"[:2000]
    elif outcome.kind == transport.UNCERTAIN:
        state, extra = State.UNCERTAIN, {}
    else:
        state, extra = State.FAILED, {}
    from_states = [State.SENDING, State.UNCERTAIN] if state == State.SENT else [State.SENDING]
    with transaction.atomic():
        _relax_commit()
        recorded = mine.filter(state__in=from_states).update(state=state, **done, **extra)
        Attempt.objects.create(
            message_id=message.pk, budget=message.budget, number=message.attempts, worker=worker_name[:100],
            finished_at=now, outcome=outcome.kind, smtp_code=outcome.code, error=outcome.text[:2000],
        )
        if recorded and state == State.SENT and message.followup_id:
            FollowUp.objects.filter(pk=message.followup_id).update(status=FollowUp.Status.SENT, sent_at=now)
        if account is not None and account.pk is not None:
            breaker.count(account, outcome, now=now)
        if recorded:
            message.last_smtp_code = outcome.code
            hooks.message_event(message, state, now=now)
    return state


def _relax_commit() -> None:
    """On PostgreSQL, let the outcome's commit skip waiting for the disk flush.

    Safe for exactly-once: the claim before the send is always flushed. If the
    database server itself crashed before flushing an outcome, the row would
    still say ``sending`` and end ``uncertain`` by the lease sweep: shown to the
    user, never re-sent. It halves the disk waits per message.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def send_one_due(*, now: datetime | None = None, worker_name: str, accounts: "AccountCache | None" = None,
                 pool: transport.ConnectionPool | None = None) -> bool:
    """Claim one due message, send it, record the outcome. False when nothing was due.

    The only network call runs with no transaction open; ``sent_at`` is the
    wall-clock moment the server said yes. ``accounts`` and ``pool`` let a
    loop reuse account look-ups and open SMTP connections for a few seconds.
    """
    message = claim_one(now=now, worker_name=worker_name)
    if message is None:
        return False
    account = (accounts or AccountCache()).get(message.owner_id, now=now or timezone.now())
    if account is None:
        outcome = transport.Outcome(transport.FAILED, None, "No mail account is set up for this user.")
    elif account.uses_oauth:
        try:
            outcome = deliver_signed_in(message, account, pool=pool)
        except oauth.NeedsReconnect as problem:
            release(message, worker_name=worker_name, reason=f"Waits until you connect your mailbox again: {problem}")
            if accounts is not None:
                accounts.forget(message.owner_id)
            log.info("message %s waits: %s", message.pk, problem)
            return True
    else:
        outcome = transport.deliver(message, account, pool=pool)
    # A test's ``now`` stands in for the database clock; then the (frozen) host clock says when it ended.
    state = record_outcome(message, outcome, worker_name=worker_name, account=account,
                           now=None if now is None else timezone.now())
    if state == State.SENT and account is not None:
        sent_copy.file_copy(message, account)
    log.info("message %s to %s: %s %s", message.pk, message.to_email, state, outcome.text[:200])
    return True


AUTH_REFUSED = 535  # SMTP: authentication credentials invalid


def deliver_signed_in(message: Message, account: MailAccount, *, pool=None) -> transport.Outcome:
    """Send through an account signed in with OAuth: a fresh access token first (refreshed when
    close to expiry); if the server still refuses it (535, before anything was handed over), the
    token is refreshed once more and the message tried once more.

    Raises ``oauth.NeedsReconnect`` when the grant is gone: nothing was sent, and the caller puts
    the message back to wait. A provider that cannot be reached is a retry, like a mail server.
    """
    try:
        account.bearer_token = oauth.access_token(account, now=timezone.now())
    except oauth.ProviderUnavailable as problem:
        return transport.Outcome(transport.RETRY, None, str(problem))
    outcome = transport.deliver(message, account, pool=pool)
    if outcome.code != AUTH_REFUSED:
        return outcome
    try:
        account.bearer_token = oauth.access_token(account, now=timezone.now(), force=True)
    except oauth.ProviderUnavailable as problem:
        return transport.Outcome(transport.RETRY, None, str(problem))
    outcome = transport.deliver(message, account, pool=pool)
    if outcome.code == AUTH_REFUSED:
        raise oauth.needs_reconnect(account, f"The mail server refused the sign-in ({outcome.text[:150]}).",
                                    now=timezone.now())
    return outcome


def release(message: Message, *, worker_name: str, reason: str) -> None:
    """Put a claimed message back, untried and with its attempt budget intact: it waits for its
    account (``oauth_problem``), which only the user can mend. Nothing reached a mail server."""
    Message.objects.filter(pk=message.pk, claimed_by=worker_name, state=State.SENDING).update(
        state=State.SCHEDULED, claimed_by="", lease_expires_at=None, attempts=F("attempts") - 1,
        last_error=reason[:2000])


class AccountCache:
    """Accounts by owner for a few seconds: a burst of sends skips one query each.

    Short-lived on purpose, so a password changed on the Mail page is used within seconds.
    """

    ttl = timedelta(seconds=10)

    def __init__(self) -> None:
        self.entries: dict[int, tuple[datetime, object]] = {}

    def get(self, owner_id: int, *, now: datetime):
        hit = self.entries.get(owner_id)
        if hit and abs(now - hit[0]) < self.ttl:
            return hit[1]
        from clinch.accounts.models import User

        account = account_for(User.objects.get(pk=owner_id))
        self.entries[owner_id] = (now, account)
        return account

    def forget(self, owner_id: int) -> None:
        self.entries.pop(owner_id, None)


SWEPT = "The sender stopped before hearing the mail server's answer."


def sweep_expired_leases(*, now: datetime) -> int:
    """``sending`` past its lease (on the database's clock) -> ``uncertain``: its worker died
    mid-send. Never re-sent automatically; the try is kept as an Attempt row, and each message
    swept queues its followup.uncertain webhook event. Webhook deliveries are swept the same way.
    """
    hooks.sweep_expired_leases(now=now)
    expired = list(Message.objects.filter(state=State.SENDING, lease_expires_at__lt=now)
                   .values_list("pk", "budget", "attempts", "claimed_by")[:500])
    if not expired:
        return 0
    with transaction.atomic():
        swept_ids = set(Message.objects.select_for_update().filter(
            pk__in=[row[0] for row in expired], state=State.SENDING, lease_expires_at__lt=now,
        ).values_list("pk", flat=True))
        Message.objects.filter(pk__in=swept_ids).update(state=State.UNCERTAIN, last_error=SWEPT)
        Attempt.objects.bulk_create([
            Attempt(message_id=pk, budget=budget, number=attempts, worker=worker[:100], finished_at=now,
                    outcome=transport.UNCERTAIN, error=SWEPT)
            for pk, budget, attempts, worker in expired if pk in swept_ids
        ])
        for message in Message.objects.filter(pk__in=swept_ids).select_related("followup", "opportunity"):
            hooks.message_event(message, State.UNCERTAIN, now=now)
    swept = len(swept_ids)
    return swept


def beat(*, name: str, started_at: datetime, now: datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        name=name,
        defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "started_at": started_at, "last_seen_at": now},
    )


def claim_daily(name: str, *, now: datetime) -> bool:
    """True for exactly one caller per day across all workers."""
    try:
        DailyChore.objects.get_or_create(name=name, defaults={"last_run_at": now - timedelta(days=2)})
    except IntegrityError:
        pass
    return DailyChore.objects.filter(name=name, last_run_at__lte=now - timedelta(days=1)).update(last_run_at=now) == 1


def run_daily_chores(*, now: datetime) -> None:
    if claim_daily("agency-digest", now=now):
        digest.queue_week(now=now)  # one row per coach and week: a second day of the week adds none
    if not claim_daily("consult-retention", now=now):
        return
    try:
        from clinch.consult.retention import delete_expired_requests
    except ImportError:
        log.warning("consultation retention is not available yet: nothing deleted")
        return
    try:
        deleted = delete_expired_requests(now=now)
    except Exception:  # noqa: BLE001 - a chore must not stop the sending
        log.exception("retention failed; it runs again tomorrow")
        return
    log.info("retention: %s expired consultation requests deleted", deleted)


def poll_replies(*, now: datetime) -> None:
    from clinch.mail.imap import poll_due_accounts

    poll_due_accounts(now=now)  # it also settles uncertain messages by the Sent folder


class Stopper:
    """SIGTERM/SIGINT set a flag; the loop checks it between messages, so the one in flight finishes."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def install(self) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)

    def stop(self, *_args) -> None:
        self.event.set()

    @property
    def stopping(self) -> bool:
        return self.event.is_set()


def _refresh_connection() -> None:
    """Drop a broken or too-old database connection between rounds, as Django does between requests.

    Never inside a transaction (a test's): closing there would end it.
    """
    if not connection.in_atomic_block:
        close_old_connections()


def _sleep(poll: float, stopper: Stopper) -> None:
    """Until the next message is due (on the database's clock), a notification, or ``poll`` seconds."""
    try:
        until = wakeup.seconds_until_due(database_now())
        wakeup.wait(poll if until is None else min(poll, until), stopper, clock=database_now)
    except DatabaseError as error:
        log.warning("worker: database error while waiting: %s", error)
        stopper.event.wait(poll)


def run_worker(*, once: bool = False, name: str | None = None, poll_seconds: float | None = None,
               stopper: Stopper | None = None) -> int:
    """Send due messages until SIGTERM (or, with ``once``, until nothing is due).

    Exit status 0; with ``once``, 1 when the round met an error (the database away, say), so that
    cron or a systemd timer reports it. A long-running worker logs errors and carries on.
    """
    name = name or f"{socket.gethostname()}:{os.getpid()}"
    poll = settings.WORKER_POLL_SECONDS if poll_seconds is None else poll_seconds
    stopper = stopper or Stopper()
    stopper.install()
    started_at = timezone.now()
    last_beat = 0.0
    accounts = AccountCache()
    pool = transport.ConnectionPool()
    log.info("worker %s started (poll every %ss)", name, poll)
    failed = False
    while not stopper.stopping:
        try:
            _refresh_connection()
            while not stopper.stopping and send_one_due(
                now=None, worker_name=name, accounts=accounts, pool=pool
            ):
                if time.monotonic() - last_beat > min(poll, 5):
                    beat(name=name, started_at=started_at, now=timezone.now())
                    last_beat = time.monotonic()
            pool.close_idle()
            while not stopper.stopping and hooks.deliver_one_due(now=timezone.now(), worker_name=name):
                pass
            while not stopper.stopping and digest.send_one_due(now=timezone.now(), worker_name=name):
                pass
            beat(name=name, started_at=started_at, now=timezone.now())
            last_beat = time.monotonic()
            if not stopper.stopping:
                poll_replies(now=timezone.now())
                run_daily_chores(now=timezone.now())
        except DatabaseError as error:
            # The database is away (restart, network): say so and try again after a pause.
            log.warning("worker %s: database error, retrying: %s", name, error)
            _refresh_connection()
            failed = True
        except Exception:  # noqa: BLE001 - one bad row or mailbox must not stop all sending
            log.exception("worker %s: unexpected error, carrying on after a pause", name)
            failed = True
        if once:
            break
        _sleep(poll, stopper)
    pool.close_all()
    log.info("worker %s stopped", name)
    return 1 if once and failed else 0
