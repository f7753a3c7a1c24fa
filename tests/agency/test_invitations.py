"""Invitation links: single-use, expiring, not replayable, and only a hash of the secret is stored."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from clinch.agency import invitations
from clinch.agency.models import Coaching, Invitation
from tests.agency.conftest import NOW, client_for


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_row_stores_a_hash_of_the_secret_never_the_link(marcus):
    made = invitations.create(membership=marcus, email="dana@example.org")
    row = Invitation.objects.get()
    assert made.token not in row.secret_hash and len(row.secret_hash) == 64
    secret = made.token.rsplit(":", 2)[0]
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()


def test_accepting_makes_one_consent_with_the_chosen_level(marcus, dana):
    made = invitations.create(membership=marcus)
    coaching = invitations.accept(token=made.token, candidate=dana, level="progress")
    assert (coaching.owner, coaching.membership, coaching.level) == (dana, marcus, "progress")
    assert Invitation.objects.get().accepted_by == dana


def test_an_accepted_invitation_cannot_be_replayed_by_anyone(marcus, dana, mallory):
    made = invitations.create(membership=marcus)
    invitations.accept(token=made.token, candidate=dana, level="progress")
    for who in (dana, mallory):
        with pytest.raises(invitations.InvitationError, match="already been used"):
            invitations.accept(token=made.token, candidate=who, level="drafts")
    assert Coaching.objects.count() == 1 and Coaching.objects.get().level == "progress"


def test_an_invitation_expires_after_fourteen_days(marcus, dana):
    made = invitations.create(membership=marcus)
    with time_machine.travel(NOW + timedelta(days=14, seconds=1), tick=False):
        with pytest.raises(invitations.InvitationError, match="expired"):
            invitations.accept(token=made.token, candidate=dana, level="progress")
    assert not Coaching.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 5000, "abc:def:ghi"])
def test_a_tampered_or_oversized_link_is_refused_without_a_lookup(marcus, dana, token):
    with pytest.raises(invitations.InvitationError, match="not valid"):
        invitations.accept(token=token, candidate=dana, level="progress")


def test_a_tampered_secret_with_a_good_signature_shape_is_refused(marcus, dana):
    made = invitations.create(membership=marcus)
    forged = "A" + made.token[1:]
    with pytest.raises(invitations.InvitationError):
        invitations.accept(token=forged, candidate=dana, level="progress")


def test_the_page_accepts_once_and_shows_why_a_second_time_fails(marcus, dana):
    made = invitations.create(membership=marcus)
    client = client_for(dana)
    url = reverse("agency:invitation", args=[made.token])
    page = client.get(url)
    assert b"Marcus Lee invites you" in page.content and b"Progress and drafts" in page.content
    assert client.post(url, {"level": "drafts"}).status_code == 302
    again = client.post(url, {"level": "progress"})
    assert again.status_code == 404 and b"already been used" in again.content
    assert Coaching.objects.get().level == "drafts"


def test_a_visitor_signs_up_and_comes_back_to_the_invitation(marcus, db):
    made = invitations.create(membership=marcus, email="new@example.org")
    visitor = Client()
    url = reverse("agency:invitation", args=[made.token])
    page = visitor.get(url)
    assert b"Create your account" in page.content and b"new%40example.org" in page.content
    signed_up = visitor.post(reverse("signup"), {
        "username": "newbie", "email": "new@example.org", "display_name": "New Person",
        "password1": "a long enough passphrase 42", "password2": "a long enough passphrase 42",
        "timezone": "UTC", "country": "US",
    })
    assert signed_up.status_code == 302 and signed_up["Location"] == url, signed_up.content[:2000]


def test_the_coach_cannot_accept_their_own_link(marcus):
    made = invitations.create(membership=marcus)
    with pytest.raises(invitations.InvitationError, match="your own"):
        invitations.accept(token=made.token, candidate=marcus.user, level="progress")
