"""The capture's idempotency key: a phone that kept a capture offline may send it twice (the
connection drops after the server saved it); the second POST returns the same interview and
creates nothing."""

from __future__ import annotations

import uuid

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.interviews import services
from clinch.interviews.models import Contact, Interview, Opportunity
from tests.web.flows import JUST_AFTER, interview_data
from tests.web.test_capture import NEW, capture_post

KEY = "0b6c8f0e-3a51-4d5e-9a4e-1c2d3e4f5a6b"


@pytest.fixture(autouse=True)
def at_the_lobby():
    with time_machine.travel(JUST_AFTER, tick=False):
        yield


def counts(owner):
    return (Opportunity.objects.filter(owner=owner).count(), Interview.objects.filter(owner=owner).count(),
            Contact.objects.filter(owner=owner).count(), FollowUp.objects.filter(owner=owner).count())


def test_the_capture_page_carries_a_fresh_key_each_time(dana_client):
    first, second = (dana_client.get(NEW).content.decode() for _ in range(2))
    keys = [page.split('name="capture_key" value="')[1].split('"')[0] for page in (first, second)]
    assert all(uuid.UUID(key) for key in keys) and keys[0] != keys[1]


def test_a_second_post_with_the_same_key_returns_the_same_interview_and_creates_nothing(dana_client, dana):
    first = dana_client.post(NEW, capture_post(capture_key=KEY))
    before = counts(dana)
    assert before[:3] == (1, 1, 3) and before[3] > 0
    second = dana_client.post(NEW, capture_post(capture_key=KEY, company="Something Else Ltd"))
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert counts(dana) == before
    assert Interview.objects.get(owner=dana).capture_key == uuid.UUID(KEY)


def test_two_different_keys_are_two_interviews(dana_client, dana):
    dana_client.post(NEW, capture_post(capture_key=KEY))
    dana_client.post(NEW, capture_post(capture_key=str(uuid.uuid4())))
    assert Interview.objects.filter(owner=dana).count() == 2


def test_a_malformed_key_is_an_error_on_the_page_and_nothing_is_saved(dana_client, dana):
    response = dana_client.post(NEW, capture_post(capture_key="not-a-key"))
    assert response.status_code == 422
    assert not Interview.objects.filter(owner=dana).exists()


def test_the_same_key_from_someone_else_is_their_own_capture(dana_client, dana, mallory, client):
    dana_client.post(NEW, capture_post(capture_key=KEY))
    client.force_login(mallory)
    client.post(NEW, capture_post(capture_key=KEY, timezone="Europe/London"))
    assert Interview.objects.filter(owner=mallory).count() == 1 and Interview.objects.filter(owner=dana).count() == 1


def test_the_service_returns_the_saved_interview_for_a_known_key(dana):
    data = interview_data(capture_key=uuid.UUID(KEY))
    first = services.record_interview(owner=dana, data=data, now=JUST_AFTER)
    again = services.record_interview(owner=dana, data=data, now=JUST_AFTER)
    assert again.pk == first.pk and Interview.objects.count() == 1
