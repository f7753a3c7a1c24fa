"""The data model: ownership, UUID public ids, states backed by database constraints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404

from clinch.followups.models import FollowUp
from clinch.interviews.models import Company, Interview, Opportunity
from clinch.owned import get_owned_or_404, owned_by

START = datetime(2026, 5, 20, 19, 0, tzinfo=UTC)


@pytest.fixture
def opportunity(dana):
    company = Company.objects.create(owner=dana, name="Larkspur Robotics, Inc.")
    return Opportunity.objects.create(owner=dana, company=company, role="Controls Engineer")


def test_public_ids_are_uuids(opportunity):
    assert len(str(opportunity.public_id)) == 36


def test_another_users_object_is_a_404(opportunity, mallory):
    with pytest.raises(Http404):
        get_owned_or_404(Opportunity, mallory, opportunity.public_id)
    assert list(owned_by(Opportunity, mallory)) == []


def test_a_malformed_id_is_a_404_not_an_error(dana):
    with pytest.raises(Http404):
        get_owned_or_404(Opportunity, dana, "not-a-uuid")


@pytest.mark.parametrize(
    "field, value",
    [("stage", "lost"), ("outcome", "maybe")],
)
def test_the_database_refuses_unknown_states(opportunity, field, value):
    setattr(opportunity, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        opportunity.save()


def test_an_interview_cannot_end_before_it_starts(opportunity, dana):
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.create(
            owner=dana, opportunity=opportunity, starts_at=START, ends_at=START - timedelta(hours=1),
            timezone="America/Denver",
        )


def test_a_sent_followup_must_say_when(opportunity, dana):
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            owner=dana, opportunity=opportunity, kind="thank_you", status="sent",
            plan_key="thank_you:a", send_at=START,
        )


def test_one_plan_key_per_opportunity(opportunity, dana):
    FollowUp.objects.create(owner=dana, opportunity=opportunity, kind="thank_you", plan_key="k", send_at=START)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(owner=dana, opportunity=opportunity, kind="thank_you", plan_key="k", send_at=START)
