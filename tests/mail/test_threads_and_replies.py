"""Threads, replies and the small promises around them (reliability scenario 12)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from clinch.followups.models import FollowUp
from clinch.mail import crypto, services
from clinch.mail import imap as imap_module
from clinch.mail.models import Message
from tests.mail.conftest import NOW, drain, make_account, make_followup, reply_mail, with_imap

pytestmark = pytest.mark.django_db


def status_check(interview, **fields):
    fields.setdefault("subject", "Checking in")
    fields.setdefault("body", "Dear Rosa,\n\nIs there any news on the Staff Engineer role?\n\nDana")
    return make_followup(interview, kind="status_check", send_at=NOW + timedelta(days=8), **fields)


def test_a_status_check_threads_under_the_thank_you(account, interview, thank_you, sink):
    note = services.schedule_followup(thank_you, now=NOW)
    drain(NOW)
    check = services.schedule_followup(status_check(interview), now=NOW)
    drain(NOW + timedelta(days=8))
    check.refresh_from_db()
    assert check.in_reply_to == note.message_id and check.references == note.message_id
    assert check.subject == "Re: Thank you for today, Rosa"
    [mail] = sink.by_id(check.message_id)
    assert mail["In-Reply-To"] == note.message_id
    assert mail["References"] == note.message_id
    assert mail["Subject"] == "Re: Thank you for today, Rosa"


def test_a_note_to_someone_else_starts_its_own_thread(account, interview, thank_you):
    from clinch.interviews.models import Contact, Participant

    services.schedule_followup(thank_you, now=NOW)
    other = Contact.objects.create(owner=interview.owner, name="Lee Park", email="lee@larkspur.example")
    Participant.objects.create(interview=interview, contact=other)
    check = services.schedule_followup(status_check(interview, contact=other), now=NOW)
    assert check.in_reply_to == "" and check.subject == "Checking in"


def test_they_replied_pauses_pending_status_checks_of_that_opportunity(account, interview, thank_you, sink):
    services.schedule_followup(thank_you, now=NOW)
    drain(NOW)
    check_followup = status_check(interview)
    check = services.schedule_followup(check_followup, now=NOW)
    reply = services.record_reply(opportunity=interview.opportunity, now=NOW + timedelta(days=2))
    check.refresh_from_db()
    check_followup.refresh_from_db()
    interview.opportunity.refresh_from_db()
    assert reply.direction == "in" and reply.state == "received"
    assert interview.opportunity.replied_at == NOW + timedelta(days=2)
    assert check.state == "paused" and check_followup.status == "paused"
    drain(NOW + timedelta(days=9))
    assert sink.by_id(check.message_id) == []


def test_a_paused_status_check_can_be_scheduled_again(account, interview):
    followup = status_check(interview)
    message = services.schedule_followup(followup, now=NOW)
    services.record_reply(opportunity=interview.opportunity, now=NOW)
    again = services.schedule_followup(followup, now=NOW)
    assert again.pk == message.pk and again.state == "scheduled"


def test_the_worker_reads_a_reply_by_thread_over_imap_and_pauses_status_checks(account, interview, thank_you, imap):
    with_imap(account, imap)
    note = services.schedule_followup(thank_you, now=NOW)
    check_followup = status_check(interview)
    services.schedule_followup(check_followup, now=NOW)
    imap.mailbox.add(b"From: newsletter@shop.example\r\nSubject: Sale\r\nMessage-ID: <n1@shop>\r\n\r\nBuy.\r\n")
    imap.mailbox.add(reply_mail(in_reply_to=note.message_id, sender="Someone <assistant@larkspur.example>"))
    assert imap_poll(NOW) == 1
    reply = Message.objects.get(direction="in")
    assert reply.opportunity == interview.opportunity and reply.from_email == "assistant@larkspur.example"
    assert "decide by Friday" in reply.body_text and reply.message_id == "<r1@larkspur.example>"
    check_followup.refresh_from_db()
    assert check_followup.status == "paused"
    account.refresh_from_db()
    assert account.imap_last_uid == 2
    assert all("STORE" not in command for command in imap.commands)  # nothing marked read
    assert any(command.startswith("LOGIN") for command in imap.commands)


def imap_poll(now):
    return imap_module.poll_due_accounts(now=now)


def test_a_reply_from_a_contacts_address_counts_without_a_thread(account, interview, imap):
    with_imap(account, imap)
    imap.mailbox.add(reply_mail())
    assert imap_poll(NOW) == 1
    assert Message.objects.get(direction="in").opportunity == interview.opportunity


def test_imap_is_polled_on_its_interval_and_never_records_a_reply_twice(account, interview, imap, settings):
    with_imap(account, imap)
    imap.mailbox.add(reply_mail())
    assert imap_poll(NOW) == 1
    imap.mailbox.add(reply_mail())  # the same mail again (copied into the folder)
    assert imap_poll(NOW + timedelta(seconds=10)) == 0  # not due yet
    assert imap_poll(NOW + timedelta(seconds=settings.IMAP_POLL_SECONDS)) == 0
    assert Message.objects.filter(direction="in").count() == 1


def test_a_wrong_imap_password_is_logged_not_fatal(account, interview, imap, caplog, settings):
    with_imap(account, imap)
    imap.mailbox.add(reply_mail())
    account.imap_password_encrypted = crypto.encrypt("wrong")
    account.save()
    with caplog.at_level(logging.WARNING, logger="clinch.imap"):
        assert imap_poll(NOW) == 0
    [record] = [r for r in caplog.records if r.name == "clinch.imap"]
    assert record.levelno == logging.WARNING
    assert f"IMAP 127.0.0.1 for {account.owner_id}" in record.getMessage()
    assert "AUTHENTICATIONFAILED" in record.getMessage()  # the server's own answer, for the user to act on
    # Not fatal: with the password mended, the next round on the interval reads the reply.
    account.refresh_from_db()
    account.imap_password_encrypted = crypto.encrypt("imap-secret")
    account.save()
    assert imap_poll(NOW + timedelta(seconds=settings.IMAP_POLL_SECONDS)) == 1


def test_worker_status_is_healthy_only_with_a_recent_heartbeat(settings, db):
    from clinch.mail.worker import beat

    assert services.worker_status(NOW) == (False, None)
    beat(name="w1", started_at=NOW, now=NOW)
    assert services.worker_status(NOW + timedelta(seconds=10)) == (True, NOW)
    late = NOW + timedelta(seconds=settings.WORKER_STALE_AFTER_SECONDS + 1)
    assert services.worker_status(late) == (False, NOW)


def test_today_reads_the_account_and_the_worker_status_together(dana, mallory, sink, settings):
    from clinch.mail.worker import beat

    assert services.account_and_worker_status(mallory, NOW) == (None, True, None)  # Clinch sends nothing for her
    account = make_account(dana, sink.port)
    beat(name="w1", started_at=NOW, now=NOW)
    assert services.account_and_worker_status(dana, NOW + timedelta(seconds=10)) == (account, True, NOW)
    late = NOW + timedelta(seconds=settings.WORKER_STALE_AFTER_SECONDS + 1)
    assert services.account_and_worker_status(dana, late) == (account, False, NOW)
    settings.MAIL_SERVER_ACCOUNT_FOR_USERS = True
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 2}}}
    server, healthy, last_seen = services.account_and_worker_status(mallory, late)
    assert server.server_wide and (healthy, last_seen) == (False, NOW)


def test_send_test_message_delivers_to_the_account_owner(account, sink):
    assert services.send_test_message(account) == (True, "")
    [mail] = sink.messages
    assert mail["To"] == "dana@example.org"


def test_send_test_message_shows_the_servers_exact_answer(account, sink):
    sink.mode = "reject-rcpt"
    ok, answer = services.send_test_message(account)
    assert not ok
    assert answer == "The server answered: 550 5.1.1 <dana@example.org>: Recipient address rejected: User unknown"


def test_send_test_message_reports_a_server_that_is_not_there(account, sink):
    sink.stop()
    ok, answer = services.send_test_message(account)
    assert not ok and answer.startswith(f"Could not connect to 127.0.0.1 port {sink.port}.")


def test_passwords_are_stored_encrypted_and_read_back(settings):
    token = crypto.encrypt("app password 123")
    assert "app password" not in token and crypto.decrypt(token) == "app password 123"
    settings.FIELD_ENCRYPTION_OLD_KEYS = [settings.FIELD_ENCRYPTION_KEY]
    settings.FIELD_ENCRYPTION_KEY = "a new key"
    assert crypto.decrypt(token) == "app password 123"  # old key still opens it during rotation
    settings.FIELD_ENCRYPTION_OLD_KEYS = []
    assert crypto.decrypt(token) == ""  # a lost key loses the password, not the app


def test_a_cancelled_followup_leaves_no_pending_message(account, interview):
    followup = status_check(interview)
    message = services.schedule_followup(followup, now=NOW)
    services.cancel_message(message, now=NOW)
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.CANCELLED
