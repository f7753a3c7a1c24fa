"""The weekly digest: queued as rows, sent by the worker once per coach and week, unsubscribed in one click."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from clinch.agency import digest
from clinch.agency.models import AccessLog, Digest
from clinch.mail.worker import run_daily_chores
from tests.agency.conftest import NOW, client_for, coached, membership, opportunity_with_steps


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.SITE_URL = "https://clinch.agency.example"
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def week(northwind, marcus, dana, erin):
    opportunity_with_steps(dana, thank_you_at=NOW - timedelta(days=2))
    opportunity_with_steps(erin, outcome="offer", role="Data Engineer")
    coached(dana, marcus)
    coached(erin, marcus)


def _drain():
    sent = 0
    while digest.send_one_due(now=NOW, worker_name="w1"):
        sent += 1
    return sent


def test_the_worker_queues_and_sends_one_digest_per_coach_with_candidates(week, marcus):
    run_daily_chores(now=NOW)
    assert list(Digest.objects.values_list("membership", "week", "state")) == [
        (marcus.pk, digest.week_of(NOW), "pending")]  # Olivia and Sam have no candidate, Priya is desk staff
    assert _drain() == 1
    sent = mail.outbox[-1]
    assert sent.to == ["Marcus Lee <marcus@example.org>"]
    assert "Dana Whitfield: Thank-you overdue" in sent.body
    assert "Erin Castillo: Offer, Data Engineer at Larkspur Robotics" in sent.body
    assert sent.extra_headers["List-Unsubscribe"].startswith("<https://clinch.agency.example/digest/unsubscribe/")
    assert Digest.objects.get().state == "sent"
    assert AccessLog.objects.filter(what__startswith="Weekly digest").count() == 2


def test_nothing_is_sent_twice_in_a_week(week):
    digest.queue_week(now=NOW)
    _drain()
    run_daily_chores(now=NOW + timedelta(days=1, minutes=1))
    assert digest.queue_week(now=NOW + timedelta(days=2)) == 0
    assert _drain() == 0 and len(mail.outbox) == 1
    assert digest.queue_week(now=NOW + timedelta(days=7)) == 1  # next week's


def test_a_digest_whose_worker_died_is_left_uncertain_not_resent(week):
    digest.queue_week(now=NOW)
    assert digest.claim_one(now=NOW, worker_name="dies") is not None
    later = NOW + timedelta(hours=1)
    assert digest.send_one_due(now=later, worker_name="w2") is False
    assert Digest.objects.get().state == "uncertain" and not mail.outbox


def test_two_workers_never_claim_the_same_digest(week):
    digest.queue_week(now=NOW)
    first = digest.claim_one(now=NOW, worker_name="w1")
    assert first is not None and digest.claim_one(now=NOW, worker_name="w2") is None


def test_one_click_unsubscribes_and_no_digest_follows(week, marcus):
    digest.queue_week(now=NOW)
    _drain()
    link = re.search(r"https://clinch\.agency\.example(/digest/unsubscribe/\S+/)", mail.outbox[-1].body).group(1)
    visitor = client_for(membership(marcus.organisation, "olivia").user)
    visitor.logout()
    page = visitor.get(link)
    assert b"Stop the digest" in page.content
    marcus.refresh_from_db()
    assert marcus.digest  # opening the link (a mail scanner does) changes nothing
    assert b"no more weekly digests" in visitor.post(link).content
    marcus.refresh_from_db()
    assert not marcus.digest
    assert digest.queue_week(now=NOW + timedelta(days=7)) == 0


def test_a_forged_unsubscribe_link_is_404(db):
    assert client_for_anonymous().get("/digest/unsubscribe/abc:def/").status_code == 404


def client_for_anonymous():
    from django.test import Client

    return Client()


def test_a_digest_queued_before_the_coach_unsubscribed_is_not_sent(week, marcus):
    digest.queue_week(now=NOW)
    digest.unsubscribe(marcus)
    assert _drain() == 1 and not mail.outbox
    assert Digest.objects.get().state == "failed"
