"""The sender's fault scenarios, against real servers on loopback (run on SQLite and on PostgreSQL).

"Send again" after giving up, a lease swept under a queue that never empties, a worker
whose clock runs an hour fast, a hanging server and the circuit breaker, and uncertain
messages settled through the Sent folder of a real IMAP server.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.followups import services
from clinch.mail import crypto, sent_copy, wakeup
from clinch.mail import services as mail
from clinch.mail.models import MailAccount, Message
from clinch.mail.worker import claim_one, database_now, send_one_due
from tests.mail.conftest import NOW, make_account, make_followup

pytestmark = pytest.mark.django_db(transaction=True)


def contacts(interview, n):
    from clinch.interviews.models import Contact

    company = interview.opportunity.company
    return [Contact.objects.create(owner=interview.owner, company=company, name=f"Person {i}",
                                   email=f"person{i}@larkspur.example") for i in range(n)]


def queue(interview, n, *, send_at):
    return [mail.schedule_followup(make_followup(interview, contact=c), send_at=send_at, now=send_at)
            for c in contacts(interview, n)]


def drain_at(at):
    with time_machine.travel(at, tick=False):
        while send_one_due(now=at, worker_name="test"):
            pass


def test_send_again_after_giving_up_gets_a_fresh_budget(account, thank_you, sink, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    sink.mode = "4xx"
    message = mail.send_now(thank_you, now=NOW)
    drain_at(NOW)
    drain_at(NOW + timedelta(hours=1))
    message.refresh_from_db()
    assert message.state == "failed" and "gave up after 2 attempts" in message.last_error
    services.send_again(followup=thank_you, now=NOW + timedelta(hours=2))
    drain_at(NOW + timedelta(hours=2))  # one more 451: before, this gave up at once
    message.refresh_from_db()
    assert message.state == "scheduled" and message.attempts == 1
    sink.mode = "accept"
    drain_at(message.next_attempt_at)
    message.refresh_from_db()
    assert message.state == "sent"
    assert sink.message_ids() == {message.message_id: 1}
    assert list(message.attempt_rows.values_list("budget", "outcome")) == [
        (1, "retry"), (1, "retry"), (2, "retry"), (2, "sent")]


def test_a_dead_workers_lease_is_swept_while_the_queue_never_empties(account, interview, sink, settings):
    settings.WORKER_LEASE_SECONDS = 1
    real_now = database_now()
    first, *rest = queue(interview, 6, send_at=real_now - timedelta(minutes=1))
    assert claim_one(worker_name="killed").pk == first.pk  # then the process is killed
    time.sleep(1.3)
    assert send_one_due(worker_name="busy")  # the queue still has five due
    first.refresh_from_db()
    assert first.state == "uncertain"
    assert Message.objects.filter(state="scheduled").count() == 4  # still busy: never empty


def test_a_worker_whose_clock_runs_an_hour_fast_sends_nothing_early_and_sweeps_no_one(
    account, interview, sink
):
    real_now = database_now()
    due, early = queue(interview, 2, send_at=real_now - timedelta(seconds=1))
    Message.objects.filter(pk=early.pk).update(send_at=real_now + timedelta(minutes=30),
                                              next_attempt_at=real_now + timedelta(minutes=30))
    other = queue(interview, 1, send_at=real_now - timedelta(seconds=2))[0]
    assert claim_one(worker_name="healthy").pk == other.pk  # in flight elsewhere, lease 120 s
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=1), tick=True):
        while send_one_due(worker_name="fast-clock"):
            pass
    for message in (due, early, other):
        message.refresh_from_db()
    assert due.state == "sent"
    assert early.state == "scheduled"  # half an hour early by that host's clock: not sent
    assert other.state == "sending" and other.claimed_by == "healthy"  # not swept into uncertain
    assert abs(due.sent_at - database_now()) < timedelta(minutes=1)  # not an hour in the future
    assert list(sink.message_ids()) == [due.message_id]


def test_a_hanging_server_opens_the_breaker_and_nothing_is_uncertain(dana, dana_client, interview, silent, settings):
    settings.MAIL_TIMEOUT_SECONDS = 1
    settings.MAIL_BREAKER_FAILURES = 3
    account = make_account(dana, silent.port)
    messages = queue(interview, 5, send_at=NOW - timedelta(minutes=1))
    drain_at(NOW)
    states = sorted(Message.objects.filter(pk__in=[m.pk for m in messages]).values_list("state", flat=True))
    assert states == ["scheduled"] * 5  # a failure before DATA is retried, never uncertain
    account.refresh_from_db()
    assert account.breaker_failures == 3 and account.paused_until > NOW
    assert account.not_answering_since == NOW
    with time_machine.travel(NOW, tick=False):
        page = dana_client.get("/").content.decode()
    assert "Your mail server is not answering since" in page
    assert send_one_due(now=NOW + timedelta(seconds=20), worker_name="w") is False  # the queue waits
    probe_at = account.paused_until + timedelta(hours=1)  # the retries' own backoff has passed too
    with time_machine.travel(probe_at, tick=False):
        assert send_one_due(now=probe_at, worker_name="w")  # one probe; still no answer
    account.refresh_from_db()
    assert account.breaker_failures == 4 and account.paused_until == probe_at + timedelta(seconds=60)
    assert send_one_due(now=probe_at + timedelta(seconds=30), worker_name="w") is False  # longer pause
    assert not Message.objects.filter(state="uncertain").exists()


def test_a_hang_after_data_leaves_one_uncertain_then_the_queue_waits(dana, interview, sink, settings):
    account = make_account(dana, sink.port)
    sink.mode = "drop"
    queue(interview, 4, send_at=NOW - timedelta(minutes=1))
    drain_at(NOW)
    assert Message.objects.filter(state="uncertain").count() == 1
    assert Message.objects.filter(state="scheduled").count() == 3
    account.refresh_from_db()
    sink.mode = "accept"
    drain_at(account.paused_until + timedelta(seconds=1))
    assert Message.objects.filter(state="sent").count() == 3
    account.refresh_from_db()
    assert (account.breaker_failures, account.not_answering_since, account.paused_until) == (0, None, None)


def test_the_worker_sleeps_past_mail_it_cannot_claim(dana, interview, sink):
    """Due mail of an account that waits (open breaker, sign-in to renew) neither goes nor wakes the worker."""
    account = make_account(dana, sink.port)
    due = queue(interview, 1, send_at=NOW - timedelta(minutes=1))[0]
    assert wakeup.seconds_until_due(NOW) == wakeup.MIN_WAIT  # due now: claim it at once
    for waits in ({"paused_until": NOW + timedelta(minutes=5)}, {"oauth_problem": "Connect again."}):
        MailAccount.objects.filter(pk=account.pk).update(**waits)
        assert claim_one(now=NOW, worker_name="w") is None
        assert wakeup.seconds_until_due(NOW) is None
        MailAccount.objects.filter(pk=account.pk).update(paused_until=None, oauth_problem="")
    assert claim_one(now=NOW, worker_name="w").pk == due.pk


@pytest.fixture
def imap_account(dana, sink, imap):
    return make_account(dana, sink.port, imap_host="127.0.0.1", imap_port=imap.port, imap_security="none",
                        imap_username="dana@example.org", imap_password_encrypted=crypto.encrypt("imap-secret"),
                        imap_sent_folder="Sent")


def test_uncertain_messages_are_settled_by_the_sent_folder(imap_account, interview, sink, imap, settings):
    """A server that files what it sends: found means sent; missing after a grace period means not sent."""
    sink.mode = "drop"
    delivered, lost = queue(interview, 2, send_at=NOW - timedelta(minutes=5))
    drain_at(NOW)
    MailAccount.objects.update(paused_until=None)
    drain_at(NOW + timedelta(minutes=1))
    assert sorted(Message.objects.values_list("state", flat=True)) == ["uncertain", "uncertain"]
    imap.mailbox.add(sink.messages[0].as_bytes(), "Sent")  # the provider filed the one it accepted
    first = Message.objects.get(message_id=str(sink.messages[0]["Message-ID"]).strip())
    settled = sent_copy.settle_uncertain(now=NOW + timedelta(minutes=10))
    assert settled == 2
    first.refresh_from_db()
    other = Message.objects.exclude(pk=first.pk).get()
    assert first.state == "sent" and first.followup.state == "sent"
    assert other.state == "failed" and "did not go out" in other.last_error
    message_id = other.message_id
    sink.mode = "accept"
    services.send_again(followup=other.followup, now=NOW + timedelta(minutes=11))
    drain_at(NOW + timedelta(minutes=11))
    other.refresh_from_db()
    assert other.state == "sent" and other.message_id == message_id  # "Send again" keeps the Message-ID


def test_the_sent_folder_is_searched_on_the_mailbox_s_own_poll_not_every_round(imap_account, interview, sink, imap,
                                                                                settings):
    """A worker's round comes every second or so; the mailbox is visited once per IMAP_POLL_SECONDS."""
    from clinch.mail.worker import poll_replies

    MailAccount.objects.update(imap_file_sent_copy=True)  # a missing copy proves nothing: it stays uncertain
    sink.mode = "drop"
    [message] = queue(interview, 1, send_at=NOW - timedelta(minutes=5))
    drain_at(NOW)
    imap.commands.clear()
    later = NOW + timedelta(minutes=10)
    poll_replies(now=later)  # the account's poll: its inbox, then its Sent folder
    first_visit = list(imap.commands)
    assert 'EXAMINE "Sent"' in first_visit
    for seconds in (1, 2):
        poll_replies(now=later + timedelta(seconds=seconds))
    assert imap.commands == first_visit  # the next rounds leave the mailbox alone
    message.refresh_from_db()
    assert message.state == "uncertain"
    imap.mailbox.add(sink.messages[0].as_bytes(), "Sent")
    poll_replies(now=later + timedelta(seconds=settings.IMAP_POLL_SECONDS + 1))
    message.refresh_from_db()
    assert message.state == "sent"


def test_clinch_files_a_copy_in_sent_where_the_server_does_not(imap_account, thank_you, sink, imap):
    MailAccount.objects.update(imap_file_sent_copy=True)
    message = mail.send_now(thank_you, now=NOW)
    drain_at(NOW)
    message.refresh_from_db()
    assert message.state == "sent"
    assert imap.mailbox.message_ids("Sent") == [message.message_id]
    assert "APPEND" in " ".join(imap.commands)


def test_without_imap_the_page_says_plainly_what_is_known(dana_client, account, thank_you, sink):
    sink.mode = "drop"
    mail.send_now(thank_you, now=NOW)
    drain_at(NOW)
    with time_machine.travel(NOW, tick=False):
        page = dana_client.get(reverse("followup", args=[thank_you.public_id])).content.decode()
    assert "It may have gone out or not" in page and "Add IMAP on the Mail page" in page
