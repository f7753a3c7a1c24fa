"""The desk converts a consultation request into an invitation from the recruiter who handled it,
and shows which invitations were accepted."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from clinch.agency.models import Coaching, Invitation
from clinch.consult.models import ConsultationRequest
from tests.agency.conftest import NOW, client_for, membership


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.SITE_URL = "https://clinch.agency.example"
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def request_from_erin(northwind):
    return ConsultationRequest.objects.create(
        first_name="Erin", last_name="Castillo", email="erin@example.org", how_can_we_help="Coaching please",
        consent=True, assigned_to=membership(northwind, "marcus").user, organisation=northwind,
    )


def _invite(northwind, consultation):
    priya = client_for(membership(northwind, "priya").user)
    priya.post(reverse("consult:desk_invite", args=[consultation.public_id]), {"seen_invited_at": ""})
    return priya


def test_converting_invites_the_requester_on_behalf_of_the_assigned_recruiter(northwind, request_from_erin):
    priya = _invite(northwind, request_from_erin)
    invitation = Invitation.objects.get()
    assert invitation.membership == membership(northwind, "marcus")
    assert (invitation.consultation, invitation.email) == (request_from_erin, "erin@example.org")
    link = re.search(r"https://clinch\.agency\.example/invitation/\S+/", mail.outbox[-1].body).group(0)
    url = reverse("consult:desk_detail", args=[request_from_erin.public_id])
    detail = priya.get(url)
    assert b"on behalf of Marcus Lee" in detail.content and b"Not accepted yet" in detail.content
    assert link.encode() in detail.content
    assert link.encode() not in priya.get(url).content  # shown once, right after sending: only its hash is kept


def test_the_desk_shows_the_invitation_was_accepted(northwind, request_from_erin, erin):
    priya = _invite(northwind, request_from_erin)
    link = re.search(r"https://clinch\.agency\.example(/invitation/\S+/)", mail.outbox[-1].body).group(1)
    signin = client_for(erin)
    signin.logout()
    assert b"display_name=Erin%20Castillo" in signin.get(link).content  # the sign-up form holds their name
    client_for(erin).post(link, {"level": "progress"})
    assert Coaching.objects.get().membership == membership(northwind, "marcus")
    listing = priya.get(reverse("consult:desk")).content.decode()
    assert re.search(r"Erin Castillo.*?Converted</span> <span class=\"badge badge-ok\">Accepted", listing, re.S)
    detail = priya.get(reverse("consult:desk_detail", args=[request_from_erin.public_id]))
    assert b"Accepted 22 May 2026" in detail.content


def test_a_recruiter_who_coaches_nowhere_gets_the_plain_sign_up_link(db, make_user, northwind):
    loner = make_user("lou", role="agency_staff")
    consultation = ConsultationRequest.objects.create(
        first_name="Al", last_name="Bo", email="al@example.org", how_can_we_help="Hi", consent=True, assigned_to=loner,
        organisation=northwind)
    _invite(northwind, consultation)
    assert not Invitation.objects.exists() and "/accounts/signup/" in mail.outbox[-1].body
