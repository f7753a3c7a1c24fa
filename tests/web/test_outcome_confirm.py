"""An outcome says what it changes before it is recorded; a rejection is answered to whoever sent it."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from clinch.followups import services
from clinch.followups.models import FollowUp
from clinch.interviews.models import Contact, Opportunity
from tests.web.flows import DENVER, JUST_AFTER, record, recorded_with_mail

TOLD = datetime(2026, 3, 5, 15, 10, tzinfo=DENVER)  # a call soon after, before the notes went at 15:30


@pytest.fixture
def opportunity(dana):
    opportunity = recorded_with_mail(dana)
    for note in FollowUp.objects.filter(owner=dana, kind="thank_you").exclude(contact__name="Tomás Wright"):
        with time_machine.travel(JUST_AFTER, tick=False):
            services.schedule(followup=note, now=JUST_AFTER)
    return opportunity


def test_rejected_lists_what_it_cancels_and_asks_who_sent_it(dana_client, dana, opportunity):
    url = reverse("opportunity_outcome", args=[opportunity.public_id])
    with time_machine.travel(TOLD, tick=False):
        page = dana_client.get(url, {"outcome": "rejected"}).content.decode()
    assert "2 scheduled thank-you notes will not be sent." in page
    assert "1 planned thank-you note will not be sent." in page
    assert "2 planned status checks will not be sent." in page
    assert "Who sent the rejection?" in page
    assert page.index("Rafael Quiñones") < page.index("Meghan Oyelaran-Schmidt")  # the lead first, and checked
    rafael = Contact.objects.get(owner=dana, name="Rafael Quiñones")
    assert f'value="{rafael.public_id}" id="by-{rafael.public_id}" checked' in page
    # Only a preview: nothing changed.
    assert Opportunity.objects.get(pk=opportunity.pk).outcome == "pending"
    assert FollowUp.objects.filter(owner=dana, status="scheduled").count() == 2
    assert not FollowUp.objects.filter(owner=dana, kind="rejection_reply").exists()


def test_the_gracious_reply_goes_to_whoever_sent_the_rejection(dana_client, dana, opportunity):
    tomas = Contact.objects.get(owner=dana, name="Tomás Wright")
    with time_machine.travel(TOLD, tick=False):
        dana_client.post(reverse("opportunity_outcome", args=[opportunity.public_id]),
                         {"outcome": "rejected", "by": str(tomas.public_id)})
    reply = FollowUp.objects.get(owner=dana, kind="rejection_reply")
    assert reply.contact == tomas and "Tomás" in reply.body
    assert Opportunity.objects.get(pk=opportunity.pk).outcome_by == tomas
    assert FollowUp.objects.filter(owner=dana, kind="thank_you", status="cancelled").count() == 2


def test_someone_not_on_the_panel_cannot_be_named_as_the_sender(dana, opportunity, make_user):
    stranger = Contact.objects.create(owner=dana, name="Pat Stranger", email="pat@elsewhere.example")
    with pytest.raises(ValueError):
        services.record_outcome(opportunity=opportunity, outcome="rejected", now=TOLD, by=stranger)
    assert Opportunity.objects.get(pk=opportunity.pk).outcome == "pending"


def test_another_users_outcome_page_is_a_404(client, mallory, opportunity):
    client.force_login(mallory)
    url = reverse("opportunity_outcome", args=[opportunity.public_id])
    assert client.get(url, {"outcome": "rejected"}).status_code == 404


# -- an interview recorded long after it happened ------------------------------------------------

def test_an_interview_recorded_months_later_gets_a_warning_and_a_plan_from_today(dana_client, dana):
    from clinch.interviews.models import Interview

    months_later = datetime(2026, 12, 6, 10, 0, tzinfo=DENVER)  # 276 days after the onsite
    with time_machine.travel(months_later, tick=False):
        record(dana, now=months_later)
        interview = Interview.objects.get(owner=dana)
        page = dana_client.get(reverse("opportunity", args=[interview.opportunity.public_id])).content.decode()
        today = dana_client.get(reverse("home")).content.decode()
    assert "You recorded this interview 275 days after it happened" in page
    assert all(f.send_at >= months_later for f in FollowUp.objects.filter(owner=dana))
    assert "after you recorded the interview" in page
    assert "days late" not in today and "days late" not in page


def test_the_preview_writes_linkedin_as_the_name_it_is():
    from clinch.web.opportunities import _preview_lines

    stopped = [FollowUp(status="planned", kind="linkedin_connect") for _ in range(2)]
    stopped.append(FollowUp(status="scheduled", kind="thank_you"))
    assert _preview_lines({"stopped": stopped, "added": []})["stopped"] == [
        "2 planned LinkedIn connections will not be sent",
        "1 scheduled thank-you note will not be sent",
    ]
