"""Two agencies on one server, their coaches, and candidates with interviews and follow-ups.

Northwind (owner Olivia, coach Marcus, desk staff Priya) and Southbank (coach Sam). Dana and
Erin are candidates; who coaches whom is set by each test through ``coached``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from clinch.agency import invitations, members
from clinch.agency.models import Membership

NOW = datetime(2026, 5, 22, 16, 0, tzinfo=UTC)  # a Friday afternoon


@pytest.fixture
def northwind(make_user):
    olivia = make_user("olivia", display_name="Olivia Brandt")
    org = members.create_organisation(name="Northwind Careers", owner=olivia)
    members.add(organisation=org, user=make_user("marcus", display_name="Marcus Lee", role="agency_staff"), role=Membership.Role.COACH)
    members.add(organisation=org, user=make_user("priya", display_name="Priya Raman", role="agency_staff"), role=Membership.Role.STAFF)
    return org


@pytest.fixture
def southbank(make_user):
    return members.create_organisation(name="Southbank Talent", owner=make_user("sam", display_name="Sam Okafor"))


def membership(org, username: str) -> Membership:
    return Membership.objects.select_related("user", "organisation").get(organisation=org, user__username=username)


@pytest.fixture
def marcus(northwind):
    return membership(northwind, "marcus")


@pytest.fixture
def erin(make_user):
    return make_user("erin", display_name="Erin Castillo", timezone="Europe/Berlin")


def coached(candidate, coach: Membership, level: str = "progress"):
    """``candidate`` accepts a fresh invitation from ``coach`` with ``level``; the Coaching row."""
    made = invitations.create(membership=coach, email=candidate.email)
    return invitations.accept(token=made.token, candidate=candidate, level=level)


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def opportunity_with_steps(owner, *, company="Larkspur Robotics", role="Controls Engineer", now=NOW,
                           thank_you_at=None, status_check_at=None, outcome="pending", replied=False):
    """One opportunity with one interview (yesterday), a thank-you and a status check to one contact."""
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Company, Contact, Interview, Opportunity

    company_row, _ = Company.objects.get_or_create(owner=owner, name=company)
    opp = Opportunity.objects.create(owner=owner, company=company_row, role=role, outcome=outcome,
                                     outcome_at=now if outcome != "pending" else None,
                                     replied_at=now - timedelta(hours=1) if replied else None)
    interview = Interview.objects.create(owner=owner, opportunity=opp, starts_at=now - timedelta(days=1, hours=2),
                                         ends_at=now - timedelta(days=1, hours=1), timezone="America/Denver")
    contact = Contact.objects.create(owner=owner, company=company_row, name="Siobhán O'Connor",
                                     email=f"siobhan.{opp.pk}@larkspur.example")
    steps = {}
    for kind, at in (("thank_you", thank_you_at), ("status_check", status_check_at)):
        if at is not None:
            steps[kind] = FollowUp.objects.create(
                owner=owner, opportunity=opp, interview=interview, contact=contact, kind=kind,
                plan_key=f"t:{kind}", send_at=at, deadline=at + timedelta(hours=4) if kind == "thank_you" else None,
                subject="Thank you", body="Dear Siobhán,\n\nThank you for the conversation about Kafka pipelines.",
            )
    return opp, steps
