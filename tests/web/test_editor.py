"""Draft and check: the editor runs the checks as the user types; errors block scheduling; sending by hand."""

from __future__ import annotations

import html
import json
from datetime import timedelta
from urllib.parse import unquote

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.mail.models import MailAccount, Message
from tests.web.flows import JUST_AFTER, record


@pytest.fixture
def at_the_lobby():
    with time_machine.travel(JUST_AFTER, tick=False):
        yield


@pytest.fixture
def note(dana, at_the_lobby):
    record(dana)
    return FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Rafael Quiñones")


@pytest.fixture
def mail_account(dana):
    return MailAccount.objects.create(
        owner=dana, from_name="Dana Whitfield", from_email="dana@example.org", smtp_host="smtp.example.org",
    )


def misspelt(note) -> str:
    return note.body.replace("Rafael", "Rafel", 1)


def test_the_editor_opens_prefilled_with_the_draft(dana_client, note):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert "Thank-you note to Rafael Quiñones" in page
    assert "Hello Rafael" in page or "Dear Rafael" in page or "Hi Rafael" in page
    assert 'hx-post="%s"' % reverse("followup_check", args=[note.public_id]) in page
    assert "delay:400ms" in page


def marks(page: str) -> list[list]:
    """The positions the live check gives the page to mark (editor.js marks them in the text box)."""
    raw = page.split('data-marks="')[1].split('"')[0]
    return json.loads(html.unescape(raw))


def test_a_misspelt_name_is_flagged_and_its_place_given_to_mark_in_the_text(dana_client, note):
    body = misspelt(note)
    response = dana_client.post(reverse("followup_check", args=[note.public_id]),
                                {"subject": note.subject, "body": body})
    page = response.content.decode()
    assert "badge-error" in page
    assert '<q class="finding-span">Rafel</q>' in page
    assert "Rafael" in page  # the suggested spelling
    (field, start, end, severity, _, words), = [m for m in marks(page) if m[5] == "Rafel"]
    assert (field, severity, body[start:end]) == ("body", "error", "Rafel")


def test_the_full_page_marks_the_findings_in_the_text_itself(dana_client, note):
    url = reverse("followup", args=[note.public_id])
    page = dana_client.post(url, {"subject": note.subject, "body": misspelt(note), "action": "save"}, follow=True)
    assert '<mark class="mark-error"' in page.content.decode() and ">Rafel</mark>" in page.content.decode()


def test_the_check_escapes_what_the_user_typed(dana_client, note):
    page = dana_client.post(reverse("followup_check", args=[note.public_id]),
                            {"subject": note.subject, "body": "Dear Rafel, <script>x()</script>"}).content.decode()
    assert "<script>x()</script>" not in page


def test_errors_block_scheduling_until_fixed(dana_client, dana, note, mail_account):
    url = reverse("followup", args=[note.public_id])
    response = dana_client.post(url, {"subject": note.subject, "body": misspelt(note), "action": "schedule"})
    assert response.status_code == 422
    assert "Fix the errors" in response.content.decode()
    note.refresh_from_db()
    assert note.status == "planned" and "Rafel" in note.body  # the words are kept, not sent
    assert not Message.objects.exists()
    fixed = note.body.replace("Rafel", "Rafael")
    response = dana_client.post(url, {"subject": note.subject, "body": fixed, "action": "schedule"})
    assert response.status_code == 302
    note.refresh_from_db()
    message = Message.objects.get(followup=note)
    assert (note.status, message.state, message.to_email) == ("scheduled", "scheduled", "rquinones@larkspur.example")
    assert message.send_at == note.send_at


def test_errors_can_be_overridden_explicitly(dana_client, note, mail_account):
    url = reverse("followup", args=[note.public_id])
    response = dana_client.post(url, {"subject": note.subject, "body": misspelt(note), "action": "schedule", "override": "on"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.status, note.checks_overridden) == ("scheduled", True)


def test_send_now_queues_it_for_this_minute(dana_client, note, mail_account):
    an_hour_on = JUST_AFTER + timedelta(hours=1)  # the interview ended over an hour ago (T4)
    with time_machine.travel(an_hour_on, tick=False):
        dana_client.post(reverse("followup", args=[note.public_id]),
                         {"subject": note.subject, "body": note.body, "action": "send_now"})
    message = Message.objects.get(followup=note)
    assert message.send_at == an_hour_on


def test_an_edited_draft_is_kept_when_the_interview_is_replanned(dana_client, dana, note):
    from clinch.followups.services import replan

    dana_client.post(reverse("followup", args=[note.public_id]),
                     {"subject": note.subject, "body": note.body + "\nP.S. Go team.", "action": "save"})
    replan(interview=note.interview, now=JUST_AFTER)
    note.refresh_from_db()
    assert note.draft_edited and note.body.endswith("P.S. Go team.")


def test_without_a_mail_account_it_offers_the_mail_app_copy_and_mark_as_sent(dana_client, note):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert "Schedule for the planned time" not in page
    assert "Open in my mail app" in page and 'id="copy"' in page and "Mark as sent" in page
    href = page.split('id="mailto" class="button button-secondary" href="')[1].split('"')[0]
    assert href.startswith("mailto:rquinones@larkspur.example?subject=")
    assert " " not in href and "+" not in href and "\n" not in href
    subject = href.split("subject=")[1].split("&amp;body=")[0]
    assert unquote(subject) == note.subject


def test_with_a_mail_account_it_offers_schedule_and_send_now(dana_client, note, mail_account):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert "Schedule for the planned time" in page and "Send now" in page


def test_mark_as_sent_records_when(dana_client, note):
    dana_client.post(reverse("followup", args=[note.public_id]),
                     {"subject": note.subject, "body": note.body, "action": "mark_sent"})
    note.refresh_from_db()
    assert (note.status, note.sent_at) == ("sent", JUST_AFTER)


def test_a_scheduled_note_can_be_taken_back_and_a_cancelled_one_restored(dana_client, note, mail_account):
    dana_client.post(reverse("followup", args=[note.public_id]),
                     {"subject": note.subject, "body": note.body, "action": "schedule"})
    dana_client.post(reverse("followup_act", args=[note.public_id, "unschedule"]))
    note.refresh_from_db()
    assert note.status == "planned"
    assert Message.objects.get(followup=note).state == "cancelled"
    dana_client.post(reverse("followup_act", args=[note.public_id, "cancel"]))
    note.refresh_from_db()
    assert note.status == "cancelled"
    dana_client.post(reverse("followup_act", args=[note.public_id, "restore"]))
    note.refresh_from_db()
    assert note.status == "planned"


def test_an_uncertain_message_offers_send_again_and_mark_sent(dana_client, dana, note, mail_account):
    dana_client.post(reverse("followup", args=[note.public_id]),
                     {"subject": note.subject, "body": note.body, "action": "schedule"})
    Message.objects.filter(followup=note).update(state="uncertain")
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert "Check your Sent folder" in page and "Send again" in page
    dana_client.post(reverse("followup_act", args=[note.public_id, "retry"]))
    assert Message.objects.get(followup=note).state == "scheduled"


def test_another_users_followup_is_a_404(client, mallory, note):
    client.force_login(mallory)
    assert client.get(reverse("followup", args=[note.public_id])).status_code == 404
    assert client.post(reverse("followup_check", args=[note.public_id]), {"body": "x"}).status_code == 404
    assert client.post(reverse("followup_act", args=[note.public_id, "cancel"])).status_code == 404
    note.refresh_from_db()
    assert note.status == "planned"


def test_a_finding_about_the_whole_note_does_not_hide_the_marked_name(dana_client, note):
    body = "Dear Rafel,\n\nThank you for the talk."
    page = dana_client.post(reverse("followup_check", args=[note.public_id]),
                            {"subject": note.subject, "body": body}).content.decode()
    assert [m[5] for m in marks(page)] == ["Rafel"]
    assert "Cite something Rafael" in page  # listed, though not marked


def test_a_misspelt_name_in_the_subject_is_flagged_but_the_subject_is_not_read_as_a_greeting(dana_client, note):
    url = reverse("followup_check", args=[note.public_id])
    page = dana_client.post(url, {"subject": "Re: Thank you", "body": note.body}).content.decode()
    assert "No problems found" in page
    page = dana_client.post(url, {"subject": "Thank you, Rafel", "body": note.body}).content.decode()
    assert '<q class="finding-span">Rafel</q>' in page and "Subject:" in page
