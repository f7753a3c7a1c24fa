"""Every page of the candidate flows runs the same number of queries for one interview or many."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.followups.services import record_reply
from clinch.mail.models import MailAccount, Message
from tests.web.flows import JUST_AFTER, record

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_interviews(owner, n):
    """``n`` more interviews at other companies, each with notes in every state and a reply."""
    last = None
    for i in range(n):
        last = record(owner, company=f"Company {i}", starts_at=JUST_AFTER - timedelta(days=i, hours=2),
                      ends_at=JUST_AFTER - timedelta(days=i, hours=1))
        notes = list(FollowUp.objects.filter(interview=last))
        FollowUp.objects.filter(pk=notes[0].pk).update(status="sent", sent_at=JUST_AFTER)
        Message.objects.create(
            owner=owner, followup=notes[1], opportunity=last.opportunity, state="uncertain",
            message_id=f"<{last.public_id}@example.org>", from_email="d@example.org", to_email="x@example.org",
            subject="Thank you", body_text="...",
        )
        record_reply(opportunity=last.opportunity, now=JUST_AFTER)
    return last


def pages(interview):
    note = FollowUp.objects.filter(interview=interview, status="planned").first()
    return {
        "today": "/",
        "plan": reverse("opportunity", args=[interview.opportunity.public_id]),
        "list": reverse("opportunity_list"),
        "capture": reverse("interview_new"),
        "edit": reverse("interview_edit", args=[interview.public_id]),
        "next round": reverse("interview_new") + f"?after={interview.public_id}",
        "editor": reverse("followup", args=[note.public_id]),
        "rejected?": reverse("opportunity_outcome", args=[interview.opportunity.public_id]) + "?outcome=rejected",
    }


@pytest.mark.parametrize("with_mail_account", [False, True])
def test_each_page_runs_a_constant_number_of_queries(dana_client, dana, with_mail_account):
    if with_mail_account:
        MailAccount.objects.create(owner=dana, from_name="Dana", from_email="dana@example.org", smtp_host="smtp.example")
    with time_machine.travel(JUST_AFTER, tick=False):
        small = add_interviews(dana, 1)
        counts_small = {name: queries(dana_client, url) for name, url in pages(small).items()}
        large = add_interviews(dana, 12)
        counts_large = {name: queries(dana_client, url) for name, url in pages(large).items()}
    assert counts_large == counts_small
    preview = counts_small.pop("rejected?")  # records the outcome for real, then rolls it back
    assert max(counts_small.values()) <= 20, counts_small
    assert preview <= 60
