"""The Mail page, the test button, the outbox and its actions, the stale-worker warning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from clinch.mail import crypto, services
from clinch.mail.models import MailAccount, Message
from tests.mail.conftest import NOW, make_account

pytestmark = pytest.mark.django_db

FORM = {
    "from_name": "Dana Whitfield", "from_email": "dana@example.org", "smtp_host": "127.0.0.1",
    "smtp_port": "2525", "smtp_security": "none", "smtp_username": "dana", "smtp_password": "app pass 1",
    "imap_host": "", "imap_port": "993", "imap_security": "ssl", "imap_username": "", "imap_password": "",
    "imap_folder": "INBOX",
}


def test_saving_the_account_stores_the_password_encrypted(dana_client, dana):
    response = dana_client.post(reverse("mail:settings"), FORM)
    assert response.status_code == 302
    account = MailAccount.objects.get(owner=dana)
    assert "app pass 1" not in account.smtp_password_encrypted
    assert crypto.decrypt(account.smtp_password_encrypted) == "app pass 1"
    page = dana_client.get(reverse("mail:settings")).content.decode()
    assert "app pass 1" not in page and "Send me a test message" in page


def test_a_blank_password_keeps_the_saved_one(dana_client, dana):
    dana_client.post(reverse("mail:settings"), FORM)
    dana_client.post(reverse("mail:settings"), {**FORM, "smtp_password": "", "smtp_port": "587"})
    account = MailAccount.objects.get(owner=dana)
    assert account.smtp_port == 587 and crypto.decrypt(account.smtp_password_encrypted) == "app pass 1"


def test_line_breaks_in_the_account_are_refused_next_to_the_field(dana_client, dana):
    response = dana_client.post(reverse("mail:settings"), {**FORM, "from_name": "Dana\r\nBcc: x@example.org"})
    assert response.status_code == 200
    assert "Line breaks are not allowed here." in response.content.decode()
    assert not MailAccount.objects.exists()


def test_the_page_explains_app_passwords_for_common_providers(dana_client):
    page = dana_client.get(reverse("mail:settings")).content.decode()
    for provider in ("Gmail", "Outlook", "iCloud", "Fastmail", "Yahoo"):
        assert provider in page


def test_the_test_button_shows_the_servers_exact_answer(dana_client, dana, sink):
    make_account(dana, sink.port)
    sink.mode = "reject-rcpt"
    page = dana_client.post(reverse("mail:send_test"), follow=True).content.decode()
    assert "550 5.1.1 &lt;dana@example.org&gt;: Recipient address rejected: User unknown" in page
    sink.mode = "accept"
    page = dana_client.post(reverse("mail:send_test"), follow=True).content.decode()
    assert "Test message sent to dana@example.org" in page and len(sink.messages) == 1


def test_the_outbox_shows_states_and_the_right_actions(dana_client, dana, account, interview, thank_you):
    message = services.schedule_followup(thank_you, now=NOW)
    Message.objects.filter(pk=message.pk).update(state="uncertain")
    page = dana_client.get(reverse("mail:outbox")).content.decode()
    assert "Uncertain: check your Sent folder" in page and "Send again" in page and "Mark as sent" in page
    Message.objects.filter(pk=message.pk).update(state="failed", last_smtp_code=550, last_error="5.7.1 No <b>way</b>")
    page = dana_client.get(reverse("mail:outbox")).content.decode()
    assert "550 5.7.1 No &lt;b&gt;way&lt;/b&gt;" in page and "Mark as sent" not in page


def test_outbox_actions_change_the_row(dana_client, account, thank_you):
    message = services.schedule_followup(thank_you, now=NOW)
    Message.objects.filter(pk=message.pk).update(state="uncertain")
    dana_client.post(reverse("mail:message_action", args=[message.public_id, "mark-sent"]))
    message.refresh_from_db()
    thank_you.refresh_from_db()
    assert message.state == "sent" and thank_you.status == "sent"
    response = dana_client.post(reverse("mail:message_action", args=[message.public_id, "cancel"]), follow=True)
    assert "nothing was changed" in response.content.decode()


def test_another_users_message_is_a_404_on_every_route(client, mallory, account, thank_you, interview):
    message = services.schedule_followup(thank_you, now=NOW)
    client.force_login(mallory)
    for action in ("retry", "mark-sent", "cancel"):
        assert client.post(reverse("mail:message_action", args=[message.public_id, action])).status_code == 404
    assert client.post(reverse("mail:they_replied", args=[interview.opportunity.public_id])).status_code == 404
    assert client.post(reverse("mail:message_action", args=[message.public_id, "explode"])).status_code == 404
    message.refresh_from_db()
    assert message.state == "scheduled"
    assert message.subject not in client.get(reverse("mail:outbox")).content.decode()


def test_forms_need_a_csrf_token(dana):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dana)
    assert client.post(reverse("mail:settings"), FORM).status_code == 403
    assert client.post(reverse("mail:send_test")).status_code == 403


def test_pages_need_a_login(client):
    for name in ("mail:settings", "mail:outbox"):
        assert client.get(reverse(name)).status_code == 302


def test_they_replied_is_one_click_with_the_same_effect(dana_client, account, interview):
    from tests.mail.conftest import make_followup

    check = make_followup(interview, kind="status_check", subject="Checking in", send_at=NOW + timedelta(days=8))
    message = services.schedule_followup(check, now=NOW)
    response = dana_client.post(reverse("mail:they_replied", args=[interview.opportunity.public_id]),
                                {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    message.refresh_from_db()
    interview.opportunity.refresh_from_db()
    assert message.state == "paused" and interview.opportunity.replied_at is not None


def render_warning(user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load mail_tags %}{% worker_warning %}").render(Context({"request": request}))


def test_the_warning_shows_when_no_worker_ran_recently(dana, settings):
    from clinch.mail.worker import beat

    assert "No sender has run on this server yet" in render_warning(dana)
    beat(name="w", started_at=timezone.now(), now=timezone.now())
    assert render_warning(dana).strip() == ""
    old = timezone.now() - timedelta(seconds=settings.WORKER_STALE_AFTER_SECONDS + 60)
    beat(name="w", started_at=old, now=old)
    assert "Scheduled notes are not going out" in render_warning(dana)


def test_an_empty_outbox_says_what_to_do_next(dana_client):
    page = dana_client.get(reverse("mail:outbox")).content.decode()
    assert "Nothing in your outbox yet" in page and reverse("mail:settings") in page


@pytest.mark.browser
def test_mail_pages_on_a_phone(live_server, phone_page, screenshot, dana, account, thank_you):
    message = services.schedule_followup(thank_you, now=NOW)
    Message.objects.filter(pk=message.pk).update(state="uncertain")
    page = phone_page
    page.goto(f"{live_server.url}{reverse('login')}")
    page.fill("input[name=username]", "dana")
    page.fill("input[name=password]", "correct horse battery")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}{reverse('mail:settings')}")
    screenshot(page, "settings")
    assert page.locator("text=Send me a test message").is_visible()
    page.goto(f"{live_server.url}{reverse('mail:outbox')}")
    screenshot(page, "outbox")
    page.click("text=Mark as sent")
    assert page.locator("text=Marked as sent.").is_visible()
    screenshot(page, "marked")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
