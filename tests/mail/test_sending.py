"""Sending one message: on time, once, with the answer the server gave (reliability scenarios 4-6, 11)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from clinch.followups.models import FollowUp
from clinch.mail import services
from clinch.mail.models import Message
from clinch.mail.worker import SWEPT, sweep_expired_leases
from tests.mail.conftest import NOW, drain, make_followup

pytestmark = pytest.mark.django_db


def test_it_sends_a_scheduled_thank_you_once_at_its_time(account, thank_you, sink):
    message = services.schedule_followup(thank_you, now=NOW - timedelta(hours=1))
    drain(NOW - timedelta(minutes=1))
    assert sink.messages == []
    drain(NOW)
    drain(NOW + timedelta(minutes=5))
    message.refresh_from_db()
    thank_you.refresh_from_db()
    assert message.state == "sent" and message.attempts == 1
    assert thank_you.status == "sent" and thank_you.sent_at == NOW
    [mail] = sink.messages
    assert mail["Message-ID"] == message.message_id
    assert mail["To"] == "Rosa Quiñones <rquinones@larkspur.example>"
    assert mail["Subject"] == "Thank you for today, Rosa"


@pytest.mark.parametrize("mode,code", [("421", 421), ("451", 451), ("454", 454)])
def test_it_retries_a_4xx_answer_with_growing_backoff_and_delivers_once_after_recovery(
    account, thank_you, sink, mode, code
):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = mode
    drain(NOW)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_smtp_code) == ("scheduled", 1, code)
    assert message.next_attempt_at == NOW + timedelta(minutes=1) and message.claimed_by == ""
    drain(NOW + timedelta(seconds=59))  # not yet due: backoff respected
    message.refresh_from_db()
    assert message.attempts == 1
    drain(NOW + timedelta(minutes=1))
    message.refresh_from_db()
    assert message.attempts == 2 and message.next_attempt_at == NOW + timedelta(minutes=3)
    sink.mode = "accept"
    drain(NOW + timedelta(minutes=3))
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 3)
    assert sink.message_ids() == {message.message_id: 1}


def test_it_gives_up_on_4xx_after_the_documented_number_of_attempts(account, thank_you, sink, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "451"
    for minutes in (0, 1, 3):
        drain(NOW + timedelta(minutes=minutes))
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", 3)
    assert message.last_error.startswith("gave up after 3 attempts")
    assert message.last_smtp_code == 451


def test_it_fails_a_5xx_at_once_with_the_code_and_text(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "5xx"
    drain(NOW)
    drain(NOW + timedelta(hours=2))
    message.refresh_from_db()
    thank_you.refresh_from_db()
    assert (message.state, message.attempts, message.last_smtp_code) == ("failed", 1, 550)
    assert message.last_error == "5.7.1 Message rejected as spam"
    assert thank_you.status == "scheduled"  # still visible as not sent; the message says why
    assert sink.messages == []


def test_a_refused_recipient_fails_with_the_servers_words(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "reject-rcpt"
    drain(NOW)
    message.refresh_from_db()
    assert message.state == "failed" and message.last_smtp_code == 550
    assert "Recipient address rejected" in message.last_error


def test_a_server_that_never_answers_costs_one_timeout_and_others_still_go_out(
    dana, mallory, interview, silent, sink, settings
):
    import time

    from tests.mail.conftest import make_account

    make_account(dana, silent.port)
    hung = services.send_now(make_followup(interview), now=NOW - timedelta(minutes=1))
    other = _mallory_message(mallory, sink)
    started = time.monotonic()
    drain(NOW)
    elapsed = time.monotonic() - started
    hung.refresh_from_db()
    other.refresh_from_db()
    assert elapsed < settings.MAIL_TIMEOUT_SECONDS + 2
    assert hung.state == "scheduled" and hung.attempts == 1 and "timed out" in hung.last_error
    assert other.state == "sent" and sink.message_ids() == {other.message_id: 1}


def _mallory_message(mallory, sink):
    from clinch.interviews.models import Company, Contact, Interview, Opportunity, Participant
    from tests.mail.conftest import make_account

    make_account(mallory, sink.port)
    company = Company.objects.create(owner=mallory, name="Fernbrook")
    opportunity = Opportunity.objects.create(owner=mallory, company=company, role="Designer")
    contact = Contact.objects.create(owner=mallory, company=company, name="Ada Obi", email="ada@fernbrook.example")
    interview = Interview.objects.create(
        owner=mallory, opportunity=opportunity, starts_at=NOW - timedelta(hours=3),
        ends_at=NOW - timedelta(hours=2), timezone="Europe/London",
    )
    Participant.objects.create(interview=interview, contact=contact)
    followup = make_followup(interview, subject="Thank you, Ada", body="Dear Ada,\n\nThanks.\n\nMallory")
    return services.send_now(followup, now=NOW)


def test_smtp_down_for_an_hour_loses_nothing(account, interview, sink):
    from clinch.interviews.models import Contact, Participant

    messages = []
    for number in range(5):
        contact = Contact.objects.create(owner=interview.owner, name=f"Person {number}", email=f"p{number}@larkspur.example")
        Participant.objects.create(interview=interview, contact=contact)
        messages.append(services.send_now(make_followup(interview, contact=contact), now=NOW))
    sink.stop()  # connection refused for an hour
    for minute in range(0, 61):
        drain(NOW + timedelta(minutes=minute))
    assert set(Message.objects.values_list("state", flat=True)) == {"scheduled"}
    sink.start()
    drain(NOW + timedelta(hours=2))
    assert set(Message.objects.values_list("state", flat=True)) == {"sent"}
    assert sink.message_ids() == {m.message_id: 1 for m in messages}


def test_a_connection_dropped_after_data_is_uncertain_never_resent(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "drop"
    drain(NOW)
    sink.mode = "accept"
    drain(NOW + timedelta(hours=3))
    message.refresh_from_db()
    assert message.state == "uncertain" and message.attempts == 1
    assert sink.message_ids() == {message.message_id: 1}


def test_a_sending_message_whose_lease_expired_becomes_uncertain(account, thank_you, settings):
    from clinch.mail.worker import claim_one

    message = services.send_now(thank_you, now=NOW)
    assert claim_one(now=NOW, worker_name="died") is not None  # then the process is killed
    assert sweep_expired_leases(now=NOW + timedelta(seconds=settings.WORKER_LEASE_SECONDS - 1)) == 0
    assert sweep_expired_leases(now=NOW + timedelta(seconds=settings.WORKER_LEASE_SECONDS + 1)) == 1
    message.refresh_from_db()
    assert message.state == "uncertain"
    assert message.last_error == SWEPT
    drain(NOW + timedelta(hours=1))
    message.refresh_from_db()
    assert message.state == "uncertain"


def test_send_again_reuses_the_message_id(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "drop"
    drain(NOW)
    message.refresh_from_db()
    first_id = message.message_id
    services.retry_message(message, now=NOW + timedelta(minutes=5))
    sink.mode = "accept"
    drain(NOW + timedelta(minutes=5))
    message.refresh_from_db()
    assert message.state == "sent" and message.message_id == first_id
    assert (message.budget, message.attempts) == (2, 1)  # a fresh budget, the first try kept
    assert list(message.attempt_rows.values_list("budget", "number", "outcome")) == [
        (1, 1, "uncertain"), (2, 1, "sent")]
    assert sink.message_ids() == {first_id: 2}  # the user chose to send again, with the same id


def test_mark_as_sent_settles_an_uncertain_message_and_its_followup(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "drop"
    drain(NOW)
    message.refresh_from_db()
    services.mark_message_sent(message, now=NOW + timedelta(minutes=10))
    thank_you.refresh_from_db()
    assert message.state == "sent" and thank_you.status == "sent"
    with pytest.raises(ValidationError):
        services.retry_message(message, now=NOW)


def test_it_does_not_send_cancelled_followups(account, thank_you, sink):
    message = services.schedule_followup(thank_you, now=NOW - timedelta(hours=1))
    services.cancel_message(message, now=NOW - timedelta(minutes=1))
    drain(NOW + timedelta(hours=1))
    message.refresh_from_db()
    thank_you.refresh_from_db()
    assert message.state == "cancelled" and thank_you.status == "cancelled"
    assert sink.messages == []


def test_a_message_being_sent_cannot_be_cancelled_or_edited(account, thank_you):
    from clinch.mail.worker import claim_one

    message = services.send_now(thank_you, now=NOW)
    claim_one(now=NOW, worker_name="w")
    with pytest.raises(ValidationError):
        services.cancel_message(message, now=NOW)
    with pytest.raises(ValidationError):
        services.schedule_followup(thank_you, now=NOW)


def test_rescheduling_keeps_one_message_and_its_id(account, thank_you):
    first = services.schedule_followup(thank_you, now=NOW)
    thank_you.subject = "Thanks again, Rosa"
    thank_you.save()
    second = services.schedule_followup(thank_you, send_at=NOW + timedelta(hours=1), now=NOW)
    assert second.pk == first.pk and second.message_id == first.message_id
    assert second.subject == "Thanks again, Rosa" and second.next_attempt_at == NOW + timedelta(hours=1)
    assert Message.objects.count() == 1


@pytest.mark.parametrize("field,value", [
    ("subject", "Thanks\r\nBcc: everyone@example.org"),
    ("subject", "Thanks\nBcc: everyone@example.org"),
])
def test_header_injection_in_a_subject_is_rejected_before_anything_is_stored(account, thank_you, sink, field, value):
    setattr(thank_you, field, value)
    with pytest.raises(ValidationError):
        services.schedule_followup(thank_you, now=NOW)
    drain(NOW)
    assert Message.objects.count() == 0 and sink.messages == []


@pytest.mark.parametrize("field,value", [
    ("name", "Rosa\r\nBcc: everyone@example.org"),
    ("email", "rosa@larkspur.example\r\nBcc: everyone@example.org"),
])
def test_header_injection_in_a_contact_is_rejected_before_anything_is_stored(account, thank_you, sink, field, value):
    setattr(thank_you.contact, field, value)
    with pytest.raises(ValidationError):
        services.schedule_followup(thank_you, now=NOW)
    assert Message.objects.count() == 0


def test_header_injection_in_the_senders_name_is_rejected(account, thank_you):
    account.from_name = "Dana\r\nBcc: everyone@example.org"
    account.save()
    with pytest.raises(ValidationError):
        services.schedule_followup(thank_you, now=NOW)
    assert Message.objects.count() == 0


def test_it_refuses_followups_it_cannot_send(dana, interview, account):
    followup = make_followup(interview)
    followup.channel = FollowUp.Channel.LINKEDIN
    with pytest.raises(ValidationError):
        services.schedule_followup(followup, now=NOW)
    followup.channel = FollowUp.Channel.EMAIL
    followup.contact.email = ""
    with pytest.raises(ValidationError):
        services.schedule_followup(followup, now=NOW)
    assert Message.objects.count() == 0


def test_without_an_account_there_is_nothing_to_send_from(interview):
    with pytest.raises(ValidationError, match="mail account"):
        services.schedule_followup(make_followup(interview), now=NOW)


def test_the_server_wide_account_sends_for_users_without_their_own(dana, interview, sink, settings):
    settings.MAIL_SERVER_ACCOUNT_FOR_USERS = True
    settings.DEFAULT_FROM_EMAIL = "Larkspur Careers <careers@agency.example>"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 2}}}
    account = services.account_for(dana)
    assert account.server_wide and account.pk is None
    message = services.send_now(make_followup(interview), now=NOW)
    drain(NOW)
    [mail] = sink.messages
    assert mail["From"] == "Dana Whitfield <careers@agency.example>"
    assert mail["Reply-To"] == "dana@example.org"
    message.refresh_from_db()
    assert message.state == "sent"


def test_the_daylight_saving_change_does_not_move_the_stored_instant(account, interview, sink):
    import zoneinfo
    from datetime import datetime

    new_york = zoneinfo.ZoneInfo("America/New_York")
    # 09:40 local on the Monday after clocks went forward (8 March 2026): 13:40 UTC, not 14:40.
    send_at = datetime(2026, 3, 9, 9, 40, tzinfo=new_york)
    message = services.schedule_followup(make_followup(interview, send_at=send_at), now=NOW - timedelta(days=80))
    drain(send_at - timedelta(seconds=1))
    assert sink.messages == []
    drain(send_at)
    drain(send_at + timedelta(hours=1))
    message.refresh_from_db()
    assert message.sent_at == send_at and message.sent_at.astimezone(new_york).hour == 9
    assert sink.message_ids() == {message.message_id: 1}


def test_a_row_that_cannot_become_an_email_fails_visibly_and_the_worker_goes_on(account, interview, sink):
    from clinch.interviews.models import Contact, Participant

    bad = services.send_now(make_followup(interview), now=NOW - timedelta(minutes=1))
    Message.objects.filter(pk=bad.pk).update(to_email="rosa@@larkspur")  # written around the validators
    lee = Contact.objects.create(owner=interview.owner, name="Lee Park", email="lee@larkspur.example")
    Participant.objects.create(interview=interview, contact=lee)
    good = services.send_now(make_followup(interview, contact=lee), now=NOW)
    drain(NOW)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.state == "failed" and "rosa@@larkspur" in bad.last_error
    assert good.state == "sent"


def test_the_server_wide_test_message_goes_to_the_user(dana, sink, settings):
    settings.MAIL_SERVER_ACCOUNT_FOR_USERS = True
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 2}}}
    assert services.send_test_message(services.account_for(dana)) == (True, "")
    [mail] = sink.messages
    assert mail["To"] == "dana@example.org"


# -- recording the outcome: only the claim's owner, only from the states it may leave -----------------


def claimed(thank_you, worker_name="w1"):
    from clinch.mail.worker import claim_one

    services.send_now(thank_you, now=NOW)
    message = claim_one(now=NOW, worker_name=worker_name)
    assert message is not None
    return message


def test_only_the_worker_holding_the_claim_records_its_outcome(account, thank_you):
    from clinch.mail import transport
    from clinch.mail.worker import record_outcome

    message = claimed(thank_you, "w1")
    record_outcome(message, transport.Outcome(transport.SENT, 250, "OK"), worker_name="w2")
    message.refresh_from_db()
    assert message.state == "sending" and message.sent_at is None


def test_a_restarted_worker_of_the_same_name_settles_only_the_message_it_sent(account, interview, thank_you, sink):
    from clinch.mail.worker import send_one_due

    stale = claimed(thank_you, "w1")  # then w1 died mid-send
    other = services.send_now(make_followup(interview, kind="status_check"), now=NOW)
    assert send_one_due(now=NOW, worker_name="w1")  # w1 again, after a restart
    stale.refresh_from_db()
    other.refresh_from_db()
    assert (other.state, stale.state) == ("sent", "sending")  # the stale one ends uncertain by the sweep


def test_a_success_heard_after_the_lease_ran_out_still_counts_as_sent(account, thank_you, settings):
    from clinch.mail import transport
    from clinch.mail.worker import record_outcome

    message = claimed(thank_you)
    sweep_expired_leases(now=NOW + timedelta(seconds=settings.WORKER_LEASE_SECONDS + 1))
    record_outcome(message, transport.Outcome(transport.SENT, 250, "OK"), worker_name="w1")
    message.refresh_from_db()
    assert message.state == "sent"


@pytest.mark.parametrize("kind", ["retry", "failed", "uncertain"])
def test_an_uncertain_message_is_never_rescheduled_or_failed_by_a_late_answer(account, thank_you, settings, kind):
    from clinch.mail import transport
    from clinch.mail.worker import record_outcome

    message = claimed(thank_you)
    sweep_expired_leases(now=NOW + timedelta(seconds=settings.WORKER_LEASE_SECONDS + 1))
    record_outcome(message, transport.Outcome(kind, 451, "try later"), worker_name="w1")
    message.refresh_from_db()
    assert message.state == "uncertain"


def test_a_long_server_answer_is_kept_to_2000_characters(account, thank_you, settings):
    from clinch.mail import transport
    from clinch.mail.worker import record_outcome

    record_outcome(claimed(thank_you), transport.Outcome(transport.FAILED, 550, "x" * 3000), worker_name="w1")
    assert len(Message.objects.get().last_error) == 2000
    message = Message.objects.get()
    message.state, message.claimed_by, message.attempts = "sending", "w1", settings.MAIL_MAX_ATTEMPTS
    message.lease_expires_at = NOW + timedelta(minutes=2)
    message.save()
    record_outcome(message, transport.Outcome(transport.RETRY, 451, "y" * 3000), worker_name="w1")
    message.refresh_from_db()
    assert message.state == "failed" and len(message.last_error) == 2000
    assert message.last_error.startswith(f"gave up after {settings.MAIL_MAX_ATTEMPTS} attempts; last answer: yyy")


def test_a_message_whose_owner_lost_the_mail_account_fails_and_says_why(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    account.delete()
    drain(NOW)
    message.refresh_from_db()
    assert (message.state, message.last_smtp_code, message.last_error) == (
        "failed", None, "No mail account is set up for this user.")
    assert sink.messages == []
