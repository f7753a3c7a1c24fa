"""The data model: ownership, UUID public ids, states backed by database constraints."""

from __future__ import annotations

import uuid
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


def test_public_ids_are_random_uuids_unique_in_the_database(opportunity, dana):
    """Random (version 4), so an id says nothing about its neighbours; a repeat is refused by the database."""
    more = [Opportunity.objects.create(owner=dana, company=opportunity.company, role=f"Role {n}") for n in range(3)]
    stored = list(Opportunity.objects.order_by("pk").values_list("public_id", flat=True))
    assert len(stored) == 4 and len(set(stored)) == 4
    assert all(isinstance(public_id, uuid.UUID) and public_id.version == 4 for public_id in stored)
    assert stored[1:] == [o.public_id for o in more]
    with pytest.raises(IntegrityError), transaction.atomic():
        Opportunity.objects.create(owner=dana, company=opportunity.company, role="Copy", public_id=stored[0])


def test_another_users_object_is_a_404(opportunity, mallory):
    with pytest.raises(Http404):
        get_owned_or_404(Opportunity, mallory, opportunity.public_id)
    assert list(owned_by(Opportunity, mallory)) == []


@pytest.mark.parametrize("public_id", ["not-a-uuid", "", None, 42, ["x"], "5d2f6c1e-8b1a-4c3e-9f00-2a6b7c8d9e0f"])
def test_a_malformed_or_unknown_id_is_a_404_not_an_error(opportunity, dana, public_id):
    with pytest.raises(Http404):
        get_owned_or_404(Opportunity, dana, public_id)
    assert get_owned_or_404(Opportunity, dana, str(opportunity.public_id)) == opportunity


def test_owned_by_narrows_a_queryset_and_gives_a_visitor_nothing(opportunity, dana, mallory):
    from django.contrib.auth.models import AnonymousUser

    other = Opportunity.objects.create(owner=dana, company=opportunity.company, role="Data Engineer")
    Opportunity.objects.create(owner=mallory, company=Company.objects.create(owner=mallory, name="M"), role="Data Engineer")
    assert list(owned_by(Opportunity.objects.filter(role="Data Engineer"), dana)) == [other]
    assert list(owned_by(Opportunity.objects.order_by("pk"), dana)) == [opportunity, other]
    assert list(owned_by(Opportunity, AnonymousUser())) == []
    assert list(owned_by(Opportunity, None)) == []
    assert get_owned_or_404(Opportunity.objects.filter(role="Data Engineer"), dana, other.public_id) == other
    with pytest.raises(Http404):  # dana's, but outside the queryset given
        get_owned_or_404(Opportunity.objects.filter(role="Data Engineer"), dana, opportunity.public_id)


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
