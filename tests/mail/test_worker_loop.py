"""The worker loop itself: drains, beats, sweeps, runs the daily chores once a day."""

from __future__ import annotations

import os
import signal
import socket
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from clinch.mail import services
from clinch.mail.models import Message, WorkerHeartbeat
from clinch.mail.worker import Stopper, claim_daily, claim_one, run_worker
from tests.mail.conftest import reply_mail, with_imap

# Each test takes well under a second; a claim that takes a sent message again would keep
# ``run_worker(once=True)`` sending it forever, so fail soon rather than at the suite's limit.
pytestmark = [pytest.mark.django_db, pytest.mark.timeout(30)]


def test_run_worker_once_sends_what_is_due_and_leaves_a_heartbeat(account, thank_you, sink):
    message = services.send_now(thank_you, now=timezone.now())
    assert run_worker(once=True, name="loop-test", poll_seconds=0) == 0
    message.refresh_from_db()
    assert message.state == "sent" and sink.message_ids() == {message.message_id: 1}
    beat = WorkerHeartbeat.objects.get(name="loop-test")
    assert services.worker_status(timezone.now()) == (True, beat.last_seen_at)


def test_run_worker_turns_expired_leases_uncertain_before_sending(account, thank_you, sink, settings):
    now = timezone.now()
    message = services.send_now(thank_you, now=now - timedelta(hours=1))
    claim_one(now=now - timedelta(hours=1), worker_name="killed")
    run_worker(once=True, name="loop-test", poll_seconds=0)
    message.refresh_from_db()
    assert message.state == "uncertain" and sink.messages == []


def test_a_stopped_worker_claims_nothing(account, thank_you, sink):
    from clinch.mail.worker import Stopper

    services.send_now(thank_you, now=timezone.now())
    stopper = Stopper()
    stopper.stop()
    assert run_worker(name="stopped", poll_seconds=0, stopper=stopper) == 0
    assert Message.objects.get().state == "scheduled"


def test_the_daily_chore_runs_once_a_day_across_workers(db):
    now = timezone.now()
    assert claim_daily("consult-retention", now=now) is True
    assert claim_daily("consult-retention", now=now + timedelta(hours=23)) is False
    assert claim_daily("consult-retention", now=now + timedelta(hours=24)) is True


@pytest.mark.django_db(transaction=True)
def test_a_waiting_worker_is_woken_when_a_note_is_scheduled(account, thank_you, sink, settings):
    """With a 60 s poll, a note scheduled for now still leaves within two seconds:
    NOTIFY wakes the worker on PostgreSQL, the short poll finds it on SQLite."""
    import threading
    import time

    from clinch.mail.worker import Stopper

    stopper = Stopper()
    worker = threading.Thread(target=run_worker, kwargs={"name": "waiting", "poll_seconds": 60, "stopper": stopper})
    worker.start()
    try:
        time.sleep(1.0)  # the worker found nothing and waits
        started = time.monotonic()
        message = services.send_now(thank_you, now=timezone.now())
        while time.monotonic() - started < 5 and not sink.messages:
            time.sleep(0.02)
        lateness = time.monotonic() - started
    finally:
        stopper.stop()
        worker.join(10)
    message.refresh_from_db()
    assert sink.message_ids() == {message.message_id: 1}
    assert lateness < 2.0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL waits on NOTIFY")
@pytest.mark.django_db(transaction=True)
def test_an_idle_worker_on_sqlite_looks_for_due_mail_without_running_whole_rounds(settings, monkeypatch):
    """The short SQLite poll reads one query; the round (webhooks, replies, chores, heartbeat) waits for the poll."""
    import threading
    import time

    from clinch.mail import worker as worker_module

    settings.WORKER_SQLITE_POLL_MS = 100
    rounds = []
    monkeypatch.setattr(worker_module, "poll_replies", lambda now: rounds.append(now))
    stopper = Stopper()
    worker = threading.Thread(target=run_worker, kwargs={"name": "idle", "poll_seconds": 60, "stopper": stopper})
    worker.start()
    time.sleep(1.0)
    stopper.stop()
    worker.join(10)
    assert len(rounds) == 1


def test_each_daily_chore_keeps_its_own_day(db):
    now = timezone.now()
    assert claim_daily("consult-retention", now=now) and claim_daily("sweep-drafts", now=now)
    later = now + timedelta(hours=24)
    assert claim_daily("consult-retention", now=later) is True
    assert claim_daily("sweep-drafts", now=later) is True


def test_a_round_with_nothing_due_beats_reads_runs_the_chores_and_logs_no_error(db, caplog, monkeypatch):
    from clinch.consult import retention

    runs = []
    monkeypatch.setattr(retention, "delete_expired_requests", lambda *, now: runs.append(now) or 0)
    with caplog.at_level("INFO"):
        assert run_worker(once=True, name="idle", poll_seconds=0) == 0
    assert WorkerHeartbeat.objects.filter(name="idle").exists()
    assert len(runs) == 1
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


def test_a_round_for_cron_that_meets_a_database_error_exits_non_zero(db, caplog, monkeypatch):
    """``clinch worker --once`` under cron: a database that is away must not look like a quiet round."""
    from django.db import OperationalError

    from clinch.mail import worker

    def away(**_kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(worker, "send_one_due", away)
    with caplog.at_level("WARNING"):
        assert run_worker(once=True, name="cron", poll_seconds=0) == 1
    assert "database error" in caplog.text


def test_one_round_sends_a_whole_burst_of_due_messages(account, interview, sink, caplog):
    from tests.mail.conftest import make_followup

    for kind in ("thank_you", "status_check", "keep_in_touch"):
        services.send_now(make_followup(interview, kind=kind), now=timezone.now())
    with caplog.at_level("INFO"):
        run_worker(once=True, name="burst", poll_seconds=0)
    assert Counter(Message.objects.values_list("state", flat=True)) == {"sent": 3}
    assert len(sink.messages) == 3
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


def test_the_retention_chore_runs_once_a_day_and_a_failure_is_logged_not_raised(monkeypatch, caplog):
    from clinch.consult import retention
    from clinch.mail.worker import run_daily_chores

    runs = []

    def delete_expired_requests(*, now):
        runs.append(now)
        if len(runs) == 2:
            raise RuntimeError("disk full")
        return 3

    monkeypatch.setattr(retention, "delete_expired_requests", delete_expired_requests)
    now = timezone.now()
    with caplog.at_level("INFO", logger="clinch.worker"):
        run_daily_chores(now=now)
        run_daily_chores(now=now + timedelta(hours=23))  # the same day: not again
        run_daily_chores(now=now + timedelta(hours=24))  # fails: logged, and the worker carries on
    assert runs == [now, now + timedelta(hours=24)]
    assert "retention: 3 expired consultation requests deleted" in caplog.text
    assert "retention failed; it runs again tomorrow" in caplog.text


class OneRound:
    """Stands in for the stopper's event: records how long the loop asks to wait, then stops it."""

    def __init__(self) -> None:
        self.waits: list = []
        self.stopped = False

    def is_set(self) -> bool:
        return self.stopped

    def set(self) -> None:
        self.stopped = True

    def wait(self, timeout=None) -> bool:
        self.waits.append(timeout)
        self.stopped = True
        return True


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL waits on NOTIFY: see the wake-up test")
@pytest.mark.parametrize(("poll_seconds", "expected"), [(0.25, 0.25), (None, 0.5)])
def test_between_rounds_the_worker_waits_its_poll_interval_or_the_short_sqlite_poll(settings, poll_seconds, expected):
    """On SQLite the wait is the poll interval, at most WORKER_SQLITE_POLL_MS: nothing else wakes it."""
    settings.WORKER_POLL_SECONDS = 7
    settings.WORKER_SQLITE_POLL_MS = 500
    stopper = Stopper()
    stopper.event = OneRound()
    assert run_worker(name="poller", poll_seconds=poll_seconds, stopper=stopper) == 0
    assert stopper.event.waits == [expected]


def test_a_worker_without_a_name_beats_as_host_and_process(account, thank_you, sink):
    run_worker(once=True, poll_seconds=0)
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == [f"{socket.gethostname()}:{os.getpid()}"]


def test_sigterm_and_sigint_set_the_stop_flag_once_installed(db):
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    stopper = Stopper()
    try:
        stopper.install()
        assert signal.getsignal(signal.SIGTERM) == stopper.stop and signal.getsignal(signal.SIGINT) == stopper.stop
        os.kill(os.getpid(), signal.SIGTERM)  # the test process: the handler only sets the flag
        assert stopper.stopping
    finally:
        signal.signal(signal.SIGTERM, before[0])
        signal.signal(signal.SIGINT, before[1])


def test_each_round_also_reads_replies(account, interview, imap):
    with_imap(account, imap)
    imap.mailbox.add(reply_mail())
    run_worker(once=True, name="reader", poll_seconds=0)
    assert Message.objects.filter(direction="in", opportunity=interview.opportunity).count() == 1


@pytest.mark.django_db(transaction=True)
def test_old_database_connections_are_dropped_between_rounds_but_never_inside_a_transaction(monkeypatch):
    from django.db import transaction

    from clinch.mail import worker

    calls = []
    monkeypatch.setattr(worker, "close_old_connections", lambda: calls.append("closed"))
    with transaction.atomic():
        worker._refresh_connection()  # closing here would end the transaction
    assert calls == []
    worker._refresh_connection()
    assert calls == ["closed"]
