"""Privacy: closed requests are deleted CONSULT_RETENTION_DAYS after closing (the worker runs this daily)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from clinch.consult.models import ConsultationRequest, RequestNote
from clinch.consult.retention import delete_expired_requests
from tests.consult.conftest import make_request

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def closed(status: str, days_ago: float, **fields) -> ConsultationRequest:
    request = make_request(**fields)
    request.set_status(status, now=NOW - timedelta(days=days_ago))
    request.save()
    return request


@pytest.mark.django_db
def test_it_deletes_requests_closed_longer_ago_than_the_retention_period():
    spam = closed("closed_spam", 31, email="spam@example.org")
    not_fit = closed("closed_not_fit", 45, email="nofit@example.org")
    RequestNote.objects.create(request=not_fit, body="Wants a role we do not place.")
    assert delete_expired_requests(now=NOW) == 2
    assert not ConsultationRequest.objects.filter(pk__in=[spam.pk, not_fit.pk]).exists()
    assert not RequestNote.objects.exists()


@pytest.mark.django_db
def test_it_keeps_recently_closed_open_and_converted_requests():
    recent = closed("closed_spam", 29)
    new = make_request(email="new@example.org")
    contacted = make_request(email="contacted@example.org", status="contacted")
    converted = make_request(email="converted@example.org", status="converted")
    ConsultationRequest.objects.filter(pk__in=[new.pk, contacted.pk, converted.pk]).update(
        created_at=NOW - timedelta(days=900)
    )
    assert delete_expired_requests(now=NOW) == 0
    assert set(ConsultationRequest.objects.values_list("pk", flat=True)) == {recent.pk, new.pk, contacted.pk, converted.pk}


@pytest.mark.django_db
def test_the_period_counts_from_closing_not_from_arrival():
    request = make_request()
    ConsultationRequest.objects.filter(pk=request.pk).update(created_at=NOW - timedelta(days=400))
    request.set_status("closed_not_fit", now=NOW - timedelta(days=2))
    request.save()
    assert delete_expired_requests(now=NOW) == 0


@pytest.mark.django_db
def test_the_period_comes_from_the_setting(settings):
    closed("closed_spam", 8)
    settings.CONSULT_RETENTION_DAYS = 10
    assert delete_expired_requests(now=NOW) == 0
    settings.CONSULT_RETENTION_DAYS = 7
    assert delete_expired_requests(now=NOW) == 1


@pytest.mark.django_db
def test_running_twice_deletes_nothing_more():
    closed("closed_spam", 90)
    assert delete_expired_requests(now=NOW) == 1
    assert delete_expired_requests(now=NOW) == 0


@pytest.mark.django_db
def test_a_reopened_request_is_no_longer_due_for_deletion():
    request = closed("closed_spam", 90)
    request.set_status("contacted")
    request.save()
    assert request.closed_at is None
    assert delete_expired_requests(now=NOW) == 0


@pytest.mark.django_db
def test_the_database_refuses_a_closed_request_without_a_closing_time():
    request = make_request()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationRequest.objects.filter(pk=request.pk).update(status="closed_spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationRequest.objects.filter(pk=request.pk).update(closed_at=NOW)


@pytest.mark.django_db
def test_the_workers_daily_chore_runs_it_once_a_day():
    from clinch.mail.worker import run_daily_chores

    closed("closed_spam", 60)
    run_daily_chores(now=NOW)
    assert not ConsultationRequest.objects.exists()
    closed("closed_spam", 60)
    run_daily_chores(now=NOW + timedelta(hours=1))  # already ran today
    assert ConsultationRequest.objects.count() == 1
