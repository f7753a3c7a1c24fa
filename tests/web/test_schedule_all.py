""""Schedule all thank-you notes": the checks run on every note first; nothing is queued while
one has an error, unless the user accepts it for that note."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from clinch.followups import bulk
from clinch.followups.checking import check_draft
from clinch.followups.models import FollowUp
from clinch.mail.models import MailAccount, Message
from tests.web.flows import DENVER, recorded_with_mail

AFTERWARDS = datetime(2026, 3, 5, 15, 0, tzinfo=DENVER)


@pytest.fixture
def opportunity(dana):
    return recorded_with_mail(dana)


def thank_yous(dana):
    return FollowUp.objects.filter(owner=dana, kind="thank_you").order_by("contact__name")


def misspell_meghans(dana) -> FollowUp:
    meghan = thank_yous(dana).get(contact__name="Meghan Oyelaran-Schmidt")
    meghan.body = meghan.body.replace("Meghan", "Megan", 1)
    meghan.save()
    return meghan


def post(client, opportunity, **form):
    with time_machine.travel(AFTERWARDS, tick=False):
        return client.post(reverse("opportunity_schedule_all", args=[opportunity.public_id]), form)


def test_the_plan_offers_to_schedule_all_three_notes(dana_client, opportunity):
    page = dana_client.get(reverse("opportunity", args=[opportunity.public_id])).content.decode()
    assert "Schedule all 3 thank-you notes" in page


def test_clean_notes_are_all_scheduled_at_their_planned_times_in_one_go(dana_client, dana, opportunity):
    response = post(dana_client, opportunity)
    assert response.status_code == 302
    assert set(thank_yous(dana).values_list("status", flat=True)) == {"scheduled"}
    assert {m.send_at for m in Message.objects.all()} == {f.send_at for f in thank_yous(dana)}
    assert Message.objects.count() == 3


def test_scheduling_all_runs_the_checks_once_per_note(dana_client, dana, opportunity, monkeypatch):
    checked = []

    def counting(**draft):
        checked.append(draft["followup"].pk)
        return check_draft(**draft)

    monkeypatch.setattr(bulk, "check_draft", counting)
    assert post(dana_client, opportunity).status_code == 302
    assert sorted(checked) == sorted(thank_yous(dana).values_list("pk", flat=True))


def test_a_note_with_an_error_is_listed_and_nothing_is_queued(dana_client, dana, opportunity):
    misspell_meghans(dana)
    page = post(dana_client, opportunity).content.decode()
    assert "Before they are scheduled" in page and "1 note has an error to fix" in page
    assert 'Write "Meghan", not "Megan"' in page.replace("&quot;", '"')
    assert page.count('data-testid="review-item"') == 3
    assert not Message.objects.exists()
    response = post(dana_client, opportunity, confirm="1")
    assert response.status_code == 422 and not Message.objects.exists()


def test_accepting_the_error_on_that_note_schedules_all_and_records_the_override(dana_client, dana, opportunity):
    meghan = misspell_meghans(dana)
    response = post(dana_client, opportunity, confirm="1", override=str(meghan.public_id))
    assert response.status_code == 302
    assert Message.objects.count() == 3
    meghan.refresh_from_db()
    assert (meghan.status, meghan.checks_overridden) == ("scheduled", True)


def test_the_service_queues_none_without_a_mail_account(dana, opportunity):
    MailAccount.objects.all().delete()
    queued, reviews = bulk.schedule_all(opportunity=opportunity, kind="thank_you", now=AFTERWARDS)
    assert queued == [] and all(item.blocked and not item.overridable for item in reviews)
    assert set(thank_yous(dana).values_list("status", flat=True)) == {"planned"}
