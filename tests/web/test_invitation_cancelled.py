"""A cancelled invitation cancels the interview it made: it is marked, its plan stops, and the pages say so.

An update of the invitation (same UID, a higher SEQUENCE) that puts it back on reinstates it.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clinch.followups import services as followups
from clinch.followups.models import FollowUp
from clinch.interviews.models import Interview
from clinch.mail.models import Message
from tests.web.flows import add_mail_account
from tests.web.test_invitation_capture import AFTER_CASCADIA, FIXTURES, READ, save_as_read, upload

EVENING = datetime.fromisoformat(AFTER_CASCADIA)


@pytest.fixture
def evening():
    with time_machine.travel(EVENING, tick=False):
        yield


def recorded(client) -> Interview:
    """The Cascadia interview saved from its Outlook invitation, with its plan."""
    response = save_as_read(client, upload(client, "outlook.ics").content.decode(), role="Staff Test Engineer")
    assert response.status_code == 302
    return Interview.objects.get()


def cancel_it(client):
    page = upload(client, "outlook_cancelled.ics").content.decode()
    assert ticked(page)  # ticked for the user, who can untick it
    return save_as_read(client, page, cancelled="on")


def ticked(page: str) -> bool:
    """The capture form's "Cancelled" box is shown, ticked."""
    return re.search(r'<input type="checkbox" name="cancelled"[^>]*checked>', page) is not None


def upload_text(client, text: str, name: str = "invite.ics"):
    return client.post(READ, {"file": SimpleUploadedFile(name, text.encode(), content_type="text/calendar")})


def test_saving_a_cancellation_marks_the_interview_cancelled_and_stops_what_was_not_sent(dana_client, dana, evening):
    interview = recorded(dana_client)
    add_mail_account(dana)
    notes = list(FollowUp.objects.filter(owner=dana, kind="thank_you").order_by("id"))
    assert len(notes) == 3
    scheduled = followups.schedule(followup=notes[0], now=EVENING, timing="anyway")
    followups.mark_sent(followup=notes[1], now=EVENING)

    assert cancel_it(dana_client).status_code == 302
    interview.refresh_from_db()
    assert interview.cancelled_at == EVENING and interview.calendar_sequence == 3
    assert Interview.objects.filter(owner=dana).count() == 1  # the same interview, not a second one
    remaining = {f.pk: f.status for f in FollowUp.objects.filter(owner=dana)}
    assert remaining[notes[0].pk] == "cancelled"  # scheduled: withdrawn, its email too
    assert Message.objects.get(pk=scheduled.pk).state == Message.State.CANCELLED
    assert remaining[notes[1].pk] == "sent"  # what was sent stays sent
    assert notes[2].pk not in remaining  # only planned: gone with the plan
    assert not FollowUp.objects.filter(owner=dana, status__in=followups.ACTIVE).exists()  # no status check either


def test_the_pages_show_a_cancelled_interview(dana_client, dana, evening):
    interview = recorded(dana_client)
    cancel_it(dana_client)
    page = dana_client.get(reverse("opportunity", args=[interview.opportunity.public_id])).content.decode()
    assert "Cancelled</span>" in page and "The invitation was cancelled on Tue 10 Mar" in page
    edit = dana_client.get(reverse("interview_edit", args=[interview.public_id])).content.decode()
    assert "This interview was cancelled on Tue 10 Mar: nothing is planned for it." in edit
    assert ticked(edit)


def test_the_cancellation_page_says_what_saving_does(dana_client, dana, evening):
    recorded(dana_client)
    page = upload(dana_client, "outlook_cancelled.ics").content.decode()
    assert "The organiser cancelled this event." in page and "Save to mark it cancelled" in page
    assert Interview.objects.get().cancelled_at is None  # reading changes nothing


def test_an_unknown_cancelled_invitation_is_recorded_cancelled_with_nothing_planned(dana_client, dana, evening):
    page = upload(dana_client, "outlook_cancelled.ics").content.decode()
    assert "Saving records it as cancelled" in page
    assert save_as_read(dana_client, page, role="Staff Test Engineer", cancelled="on").status_code == 302
    assert Interview.objects.get(owner=dana).cancelled
    assert not FollowUp.objects.filter(owner=dana).exists()


def test_unticking_cancelled_records_an_interview_that_took_place_after_all(dana_client, dana, evening):
    page = upload(dana_client, "outlook_cancelled.ics").content.decode()
    assert save_as_read(dana_client, page, role="Staff Test Engineer").status_code == 302  # box left unticked
    assert not Interview.objects.get(owner=dana).cancelled
    assert FollowUp.objects.filter(owner=dana, kind="thank_you").count() == 3


def test_a_later_update_that_puts_it_back_on_reinstates_the_interview_and_its_plan(dana_client, dana, evening):
    interview = recorded(dana_client)
    cancel_it(dana_client)
    back_on = (FIXTURES / "outlook_moved.ics").read_text(encoding="utf-8")
    back_on = back_on.replace("SEQUENCE:2", "SEQUENCE:4").replace("X-MICROSOFT-CDO-APPT-SEQUENCE:2", "")
    page = upload_text(dana_client, back_on).content.decode()
    assert "Saving moves it to the new time" in page and 'name="cancelled"' not in page
    assert save_as_read(dana_client, page).status_code == 302
    interview.refresh_from_db()
    assert interview.cancelled_at is None and interview.calendar_sequence == 4
    assert FollowUp.objects.filter(owner=dana, kind="thank_you", status="planned").count() == 3


def test_editing_a_cancelled_interview_keeps_it_cancelled_until_unticked(dana_client, dana, evening):
    interview = recorded(dana_client)
    cancel_it(dana_client)
    url = reverse("interview_edit", args=[interview.public_id])
    page = dana_client.get(url).content.decode()
    data = _form(page)
    data["cancelled"] = "on"
    data["notes"] = "They will rebook."
    assert dana_client.post(url, data).status_code == 302
    interview.refresh_from_db()
    assert interview.cancelled_at == EVENING and not FollowUp.objects.filter(status__in=followups.ACTIVE).exists()
    del data["cancelled"]
    assert dana_client.post(url, data).status_code == 302
    interview.refresh_from_db()
    assert interview.cancelled_at is None
    assert FollowUp.objects.filter(owner=dana, kind="thank_you", status="planned").count() == 3


def _form(page: str) -> dict:
    from tests.web.test_cards import review_form

    data = review_form(page.split('class="form capture"', 1)[1])
    data.pop("cancelled", None)
    return data
