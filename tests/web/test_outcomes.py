"""Outcomes: next round, offer, rejected (gracious reply + keep in touch), withdrew, no answer, they replied."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.interviews.models import Opportunity
from tests.web.flows import JUST_AFTER, record


@pytest.fixture
def opportunity(dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(dana)
        FollowUp.objects.filter(owner=dana, kind="thank_you").update(status="sent", sent_at=JUST_AFTER)
        yield interview.opportunity


def decide(client, opportunity, outcome):
    return client.post(reverse("opportunity_outcome", args=[opportunity.public_id]), {"outcome": outcome}, follow=True)


def test_a_rejection_drafts_the_gracious_reply_and_plans_keep_in_touch(dana_client, dana, opportunity):
    page = decide(dana_client, opportunity, "rejected").content.decode()
    opportunity.refresh_from_db()
    assert (opportunity.outcome, opportunity.stage, opportunity.outcome_at) == ("rejected", "closed", JUST_AFTER)
    reply = FollowUp.objects.get(opportunity=opportunity, kind="rejection_reply")
    assert reply.contact.name == "Rafael Quiñones" and reply.status == "planned"
    assert "Rafael" in reply.body
    assert FollowUp.objects.filter(opportunity=opportunity, kind="keep_in_touch").exists()
    assert not FollowUp.objects.filter(opportunity=opportunity, kind="status_check").exclude(status="cancelled").exists()
    assert "Reply to a rejection" in page and "gracious reply is drafted" in page


def test_sent_notes_stay_sent_after_an_outcome(dana_client, dana, opportunity):
    decide(dana_client, opportunity, "rejected")
    assert FollowUp.objects.filter(opportunity=opportunity, kind="thank_you", status="sent").count() == 3


def test_no_answer_closes_politely_and_stops_status_checks(dana_client, opportunity):
    decide(dana_client, opportunity, "no_answer")
    opportunity.refresh_from_db()
    assert (opportunity.outcome, opportunity.stage) == ("no_answer", "closed")
    assert not FollowUp.objects.filter(
        opportunity=opportunity, kind="status_check", status__in=["planned", "scheduled", "paused"]
    ).exists()


@pytest.mark.parametrize("outcome", ["offer", "withdrew"])
def test_offer_and_withdrew_end_the_status_checks(dana_client, opportunity, outcome):
    decide(dana_client, opportunity, outcome)
    opportunity.refresh_from_db()
    assert opportunity.outcome == outcome
    assert not FollowUp.objects.filter(opportunity=opportunity, kind="status_check", status="planned").exists()


def test_an_outcome_recorded_by_mistake_can_be_undone(dana_client, opportunity):
    decide(dana_client, opportunity, "rejected")
    decide(dana_client, opportunity, "reopen")
    opportunity.refresh_from_db()
    assert opportunity.outcome == "pending"
    assert FollowUp.objects.filter(opportunity=opportunity, kind="status_check", status="planned").exists()
    assert not FollowUp.objects.filter(opportunity=opportunity, kind="rejection_reply", status="planned").exists()


def test_they_replied_pauses_the_status_checks(dana_client, opportunity):
    dana_client.post(reverse("opportunity_replied", args=[opportunity.public_id]))
    opportunity.refresh_from_db()
    assert opportunity.replied_at == JUST_AFTER
    statuses = set(FollowUp.objects.filter(opportunity=opportunity, kind="status_check").values_list("status", flat=True))
    assert statuses == {"paused"}


def test_an_unknown_outcome_changes_nothing(dana_client, opportunity):
    decide(dana_client, opportunity, "hired-by-magic")
    opportunity.refresh_from_db()
    assert opportunity.outcome == "pending"


def test_another_user_cannot_record_an_outcome(client, mallory, opportunity):
    client.force_login(mallory)
    assert decide(client, opportunity, "rejected").status_code == 404
    assert Opportunity.objects.get(pk=opportunity.pk).outcome == "pending"


def test_the_plan_page_lists_what_to_whom_when_and_why(dana_client, opportunity):
    page = dana_client.get(reverse("opportunity", args=[opportunity.public_id])).content.decode()
    assert "Status check</strong>" in page and "to Rafael Quiñones" in page
    assert "Two business days after the date they gave (Fri 13 Mar), in their morning." in page
    assert "An hour after the interview, in their afternoon." in page  # the thank-you notes
    why = page.index("<summary>Why this time?</summary>")
    assert page.index("F2: first status check after the decision date") > why  # the rule ids come last
    assert "Sent and cancelled" in page
    for label in ("Next round", "They replied", "Offer", "Rejected", "Withdrew", "No answer"):
        assert f">{label}<" in page


def test_once_every_status_check_went_unanswered_the_plan_suggests_closing_politely(dana_client, opportunity):
    url = reverse("opportunity", args=[opportunity.public_id])
    assert "closes this one politely" not in dana_client.get(url).content.decode()
    for check in FollowUp.objects.filter(opportunity=opportunity, kind="status_check"):
        FollowUp.objects.filter(pk=check.pk).update(status="sent", sent_at=check.send_at)
    assert "closes this one politely" in dana_client.get(url).content.decode()
    decide(dana_client, opportunity, "no_answer")
    assert "closes this one politely" not in dana_client.get(url).content.decode()
