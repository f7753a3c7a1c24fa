"""The home page: a visitor learns what Clinch does; a user sees what is due."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_visitor_sees_what_clinch_does_and_how_to_sign_up(client):
    page = client.get("/").content.decode()
    assert "Land the job after the interview" in page
    assert reverse("signup") in page


def test_a_new_user_sees_an_empty_state_with_a_first_step(dana_client):
    page = dana_client.get("/").content.decode()
    assert "Nothing to send yet" in page


@pytest.mark.django_db
def test_healthz_answers_with_the_database(client):
    assert client.get(reverse("healthz")).json() == {"ok": True}


@pytest.mark.django_db
def test_user_text_is_escaped_on_home(dana_client, dana):
    from datetime import UTC, datetime

    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Company, Contact, Opportunity

    company = Company.objects.create(owner=dana, name="<script>alert(1)</script> Inc.")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Engineer")
    contact = Contact.objects.create(owner=dana, name="<b>Bold</b>")
    FollowUp.objects.create(
        owner=dana, opportunity=opportunity, contact=contact, kind="thank_you",
        plan_key="thank_you:x", send_at=datetime(2030, 1, 1, tzinfo=UTC),
    )
    page = dana_client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page
