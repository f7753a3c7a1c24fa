"""Contacts, reading list and calendar pages run the same number of queries for 1 row or 40."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Participant, Topic
from clinch.web.calendar_feed import create_feed

START = datetime(2026, 5, 1, 15, 0, tzinfo=UTC)


def grow(owner, n: int) -> dict:
    """``n`` of everything: interviews with two people and two topics each, articles, follow-ups."""
    company = Company.objects.create(owner=owner, name=f"Company {n}")
    star = Contact.objects.create(owner=owner, company=company, name=f"Star {n}", email="star@example.org")
    first_interview = None
    for i in range(n):
        opportunity = Opportunity.objects.create(owner=owner, company=company, role=f"Role {i}")
        interview = Interview.objects.create(
            owner=owner, opportunity=opportunity, starts_at=START + timedelta(days=i),
            ends_at=START + timedelta(days=i, hours=1), timezone="Europe/Berlin" if i % 2 else "America/Denver",
        )
        first_interview = first_interview or interview
        other = Contact.objects.create(owner=owner, company=company, name=f"Person {n}-{i}", email=f"p{i}@example.org")
        for position, contact in enumerate((star, other)):
            participant = Participant.objects.create(interview=interview, contact=contact, position=position)
            Topic.objects.create(participant=participant, text=f"streaming pipelines {i}")
            Topic.objects.create(participant=participant, text=f"mentoring juniors {i}", position=1)
        for j, kind in enumerate(("thank_you", "status_check", "keep_in_touch")):
            FollowUp.objects.create(
                owner=owner, opportunity=opportunity, interview=interview, contact=star if j else other, kind=kind,
                status=("sent", "scheduled", "planned")[j], plan_key=f"{i}:{kind}",
                send_at=START + timedelta(days=i + j), sent_at=START if j == 0 else None,
            )
        Article.objects.create(owner=owner, title=f"Streaming pipelines, part {i}", url=f"https://example.org/{i}",
                               summary="Kafka and mentoring")
    # The interview page grows too: more people at one interview.
    for i in range(n):
        extra = Contact.objects.create(owner=owner, name=f"Panel {n}-{i}")
        participant = Participant.objects.create(interview=first_interview, contact=extra, position=10 + i)
        Topic.objects.create(participant=participant, text="Kafka pipelines", article=Article.objects.filter(owner=owner).first())
    return {"star": star, "interview": first_interview}


def pages(owner, world, token):
    return {
        "contacts": reverse("contact_list"),
        "contacts search": reverse("contact_list") + "?q=person",
        "contact": reverse("contact_detail", args=[world["star"].public_id]),
        "contact edit": reverse("contact_edit", args=[world["star"].public_id]),
        "contact vcard": reverse("contact_vcard", args=[world["star"].public_id]),
        "reading list": reverse("reading_list"),
        "interview articles": reverse("interview_reading", args=[world["interview"].public_id]),
        "calendar settings": reverse("calendar_settings"),
        "calendar feed": reverse("calendar_feed", kwargs={"token": token}),
    }


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_each_page_runs_a_constant_number_of_queries(client, make_user):
    counts = {}
    for n in (1, 40):
        user = make_user(f"user{n}")
        world = grow(user, n)
        _, token = create_feed(owner=user)
        client.force_login(user)
        for name, url in pages(user, world, token).items():
            count(client, url)  # warm: the first request may fill a cache
            counts.setdefault(name, []).append(count(client, url))
    varying = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    assert not varying, f"queries grow with the data (1 row vs 40): {varying}"
    assert max(pair[0] for pair in counts.values()) <= 12, counts
