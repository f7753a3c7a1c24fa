"""Fixtures for the sender: real servers on loopback, and a candidate with an interview to follow up."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # so `tests.mail.servers` imports

from tests.mail.servers import ImapMailbox, ImapServer, SilentServer, SmtpSink  # noqa: E402

NOW = datetime(2026, 5, 20, 15, 0, tzinfo=dt_timezone.utc)
DRAIN_LIMIT = 200  # far more sends than any test schedules at one moment


class DoubleClaim(AssertionError):
    """A claim took a message that was no longer ``scheduled``: it would be sent again."""


def pytest_runtest_makereport(item, call):
    """A double claim fails its test and stops the run: every later worker test would spin until its timeout."""
    if call.excinfo is not None and call.excinfo.errisinstance(DoubleClaim):
        item.session.shouldstop = f"double claim: {call.excinfo.value}"


def drain(at, *, limit=DRAIN_LIMIT):
    """Send everything due at ``at``, one claim at a time, as a worker does.

    Raises ``DoubleClaim``, naming the message, the moment a claim takes a
    message that was not ``scheduled``; fails after ``limit`` sends in one
    drain, so this loop always ends.
    """
    import time_machine

    from clinch.mail.models import Message
    from clinch.mail.worker import send_one_due

    outgoing = Message.objects.filter(direction="out")
    with time_machine.travel(at, tick=False):
        for _ in range(limit):
            before = {pk: (state, attempts) for pk, state, attempts in outgoing.values_list("pk", "state", "attempts")}
            if not send_one_due(now=at, worker_name="test"):
                return
            for pk, state, attempts in outgoing.filter(pk__in=before).values_list("pk", "state", "attempts"):
                was, tries = before[pk]
                if attempts > tries and was != Message.State.SCHEDULED:
                    raise DoubleClaim(f"message {pk} was claimed again while {was!r} (now {state!r} after "
                                      f"{attempts} attempts): it would be sent twice")
    pytest.fail(f"drain at {at.isoformat()}: still sending after {limit} messages; is one message claimed again and again?")


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def imap():
    server = ImapServer(ImapMailbox("dana@example.org", "imap-secret")).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fast_mail_settings(settings):
    settings.MAIL_TIMEOUT_SECONDS = 2
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_RETRY_MAX_SECONDS = 3600
    settings.MAIL_MAX_ATTEMPTS = 15
    settings.MAIL_ALLOW_PRIVATE_HOSTS = True  # the test servers listen on loopback


def make_account(owner, port, **fields):
    from clinch.mail import crypto
    from clinch.mail.models import MailAccount

    fields.setdefault("from_name", owner.display_name or owner.username)
    fields.setdefault("from_email", owner.email)
    fields.setdefault("smtp_password_encrypted", crypto.encrypt(fields.pop("smtp_password", "")))
    return MailAccount.objects.create(
        owner=owner, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", **fields
    )


@pytest.fixture
def account(dana, sink):
    return make_account(dana, sink.port)


@pytest.fixture
def interview(dana):
    """Dana's onsite at Larkspur with Rosa Quiñones (hiring manager)."""
    from clinch.interviews.models import Company, Contact, Interview, Opportunity, Participant

    company = Company.objects.create(owner=dana, name="Larkspur Analytics")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Staff Engineer")
    contact = Contact.objects.create(
        owner=dana, company=company, name="Rosa Quiñones", email="rquinones@larkspur.example"
    )
    interview = Interview.objects.create(
        owner=dana, opportunity=opportunity, starts_at=NOW - timedelta(hours=3),
        ends_at=NOW - timedelta(hours=2), timezone="America/Denver",
    )
    Participant.objects.create(interview=interview, contact=contact, role="hiring_manager")
    return interview


def make_followup(interview, *, kind="thank_you", send_at=None, contact=None, **fields):
    from clinch.followups.models import FollowUp

    contact = contact or interview.participants.first().contact
    fields.setdefault("subject", "Thank you for today, Rosa")
    fields.setdefault("body", "Dear Rosa,\n\nThank you for walking me through the pipeline.\n\nDana")
    return FollowUp.objects.create(
        owner=interview.owner, opportunity=interview.opportunity, interview=interview, contact=contact,
        kind=kind, channel="email", status="planned", plan_key=f"{kind}:{contact.pk}",
        send_at=send_at or NOW, **fields,
    )


@pytest.fixture
def thank_you(interview):
    return make_followup(interview)


def reply_mail(*, in_reply_to="", sender="Rosa Quiñones <rquinones@larkspur.example>", message_id="<r1@larkspur.example>"):
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "dana@example.org"
    mail["Subject"] = "Re: Thank you for today, Rosa"
    mail["Message-ID"] = message_id
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    mail.set_content("Hi Dana, thanks! We will decide by Friday.\n")
    return mail.as_bytes()


def with_imap(account, imap_server):
    from clinch.mail import crypto

    account.imap_host, account.imap_port, account.imap_security = "127.0.0.1", imap_server.port, "none"
    account.imap_username = "dana@example.org"
    account.imap_password_encrypted = crypto.encrypt("imap-secret")
    account.save()
    return account
