"""The worker loop itself: drains, beats, sweeps, runs the daily chores once a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clinch.mail import services
from clinch.mail.models import Message, WorkerHeartbeat
from clinch.mail.worker import claim_daily, claim_one, run_worker

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
