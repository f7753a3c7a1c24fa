"""Today: due, overdue (and by how long), coming, and what needs a decision, across all interviews."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.followups.services import record_reply
from clinch.mail.models import Message
from tests.web.flows import DENVER, JUST_AFTER, record


def sections(page: str) -> dict[str, str]:
    """The text of each Today section, by its heading id."""
    out = {}
    for name in ("decide", "overdue", "due", "coming"):
        marker = f'<h2 id="{name}">'
        out[name] = page.split(marker)[1].split("</section>")[0] if marker in page else ""
    return out


def test_right_after_the_interview_the_thank_yous_are_due_today(dana_client, dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        record(dana)
        page = dana_client.get("/").content.decode()
    today = sections(page)
    assert today["due"].count("Thank-you note") == 3
    assert "Nothing late." in today["overdue"]
    assert "Status check" in today["coming"]
    assert "15:30 MST" in today["due"]


def test_a_thank_you_left_unsent_is_overdue_by_how_long(dana_client, dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        record(dana)
    with time_machine.travel(datetime(2026, 3, 7, 16, 0, tzinfo=DENVER), tick=False):
        page = dana_client.get("/").content.decode()
    today = sections(page)
    assert today["overdue"].count("Thank-you note") == 3
    assert "2 days late" in today["overdue"]
    assert "Thank-you note" not in today["due"]


def test_sent_and_cancelled_notes_are_not_listed(dana_client, dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        record(dana)
        FollowUp.objects.filter(owner=dana, kind="thank_you").update(status="sent", sent_at=JUST_AFTER)
        FollowUp.objects.filter(owner=dana, kind="status_check").update(status="cancelled")
        page = dana_client.get("/").content.decode()
    assert "Thank-you note" not in page and "Status check" not in page


def test_an_uncertain_send_and_a_reply_need_a_decision(dana_client, dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(dana)
        note = FollowUp.objects.filter(owner=dana, kind="thank_you").first()
        Message.objects.create(
            owner=dana, followup=note, opportunity=interview.opportunity, state="uncertain",
            message_id="<m1@example.org>", from_email="dana@example.org", to_email="rquinones@larkspur.example",
            subject="Thank you", body_text="...", send_at=JUST_AFTER,
        )
        record_reply(opportunity=interview.opportunity, now=JUST_AFTER)
        page = dana_client.get("/").content.decode()
    decide = sections(page)["decide"]
    assert "May have gone out" in decide and f'href="/followups/{note.public_id}/"' in decide
    assert "They replied" in decide and "Controls Engineer at Larkspur Robotics, Inc." in decide
    assert f'href="/opportunities/{interview.opportunity.public_id}/"' in decide


def test_a_reply_leaves_needs_a_decision_once_the_user_has_seen_it(dana_client, dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(dana)
        record_reply(opportunity=interview.opportunity, now=JUST_AFTER)
        dana_client.post(reverse("opportunity_reply_seen", args=[interview.opportunity.public_id]))
        page = dana_client.get("/").content.decode()
    assert sections(page)["decide"] == ""


def test_today_shows_only_the_users_own_follow_ups(dana_client, mallory):
    with time_machine.travel(JUST_AFTER, tick=False):
        record(mallory)
        page = dana_client.get("/").content.decode()
    assert "Larkspur" not in page
    assert "Nothing to send yet" in page


def test_a_new_user_gets_an_honest_empty_state_with_a_next_step(dana_client):
    page = dana_client.get("/").content.decode()
    assert "Nothing to send yet" in page
    assert reverse("interview_new") in page


@pytest.mark.django_db
def test_times_are_shown_in_the_recipients_zone_and_the_users(dana_client, dana):
    from clinch.interviews.models import Contact

    with time_machine.travel(JUST_AFTER, tick=False):
        record(dana)
        Contact.objects.filter(owner=dana, name="Rafael Quiñones").update(timezone="America/Los_Angeles")
        page = dana_client.get("/").content.decode()
    assert "PST for them" in page and "MST for you" in page


def test_with_a_mail_account_and_no_sender_running_today_warns(dana_client, dana):
    from clinch.mail.models import MailAccount

    MailAccount.objects.create(owner=dana, from_name="Dana", from_email="dana@example.org", smtp_host="smtp.example")
    assert "Scheduled notes are not going out" in dana_client.get("/").content.decode()


def test_without_a_mail_account_there_is_no_sender_warning(dana_client):
    assert "Scheduled notes are not going out" not in dana_client.get("/").content.decode()


def test_today_warns_when_no_sender_runs_for_someone_clinch_sends_for(dana_client, dana, settings):
    from datetime import timedelta

    from clinch.mail.worker import beat
    from tests.mail.conftest import make_account

    warning = "Scheduled notes are not going out"
    with time_machine.travel(JUST_AFTER, tick=False):
        assert warning not in dana_client.get("/").content.decode()  # no account: nothing is sent for her
        make_account(dana, 2525)
        assert "No sender has run on this server yet" in dana_client.get("/").content.decode()
        beat(name="w1", started_at=JUST_AFTER, now=JUST_AFTER)
        assert warning not in dana_client.get("/").content.decode()
    with time_machine.travel(JUST_AFTER + timedelta(seconds=settings.WORKER_STALE_AFTER_SECONDS + 60), tick=False):
        assert warning in dana_client.get("/").content.decode()
