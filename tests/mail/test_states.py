"""One state per follow-up, derived from its email, the same on every page; illegal moves refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, settings as hsettings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from clinch.followups import services, states
from clinch.followups.models import FollowUp
from clinch.interviews.models import Contact
from clinch.mail import services as mail, transport
from clinch.mail.models import Message
from clinch.mail.worker import claim_one, record_outcome, send_one_due, sweep_expired_leases
from tests.mail.conftest import NOW, make_followup

pytestmark = pytest.mark.django_db


def outbound(followup) -> Message:
    return followup.messages.get(direction="out")


def test_restore_of_a_scheduled_note_is_refused_and_it_stays_queued(dana_client, account, thank_you):
    """A hand-made POST to /restore on a scheduled note used to make it a draft while its email stayed queued."""
    message = mail.schedule_followup(thank_you, now=NOW)
    response = dana_client.post(reverse("followup_act", args=[thank_you.public_id, "restore"]), follow=True)
    assert "It is scheduled: take it back first." in response.content.decode()
    thank_you.refresh_from_db()
    message.refresh_from_db()
    assert (thank_you.status, message.state) == ("scheduled", "scheduled")


def test_taking_back_a_scheduled_note_withdraws_its_email(dana_client, account, thank_you):
    message = mail.schedule_followup(thank_you, now=NOW)
    dana_client.post(reverse("followup_act", args=[thank_you.public_id, "unschedule"]))
    thank_you.refresh_from_db()
    message.refresh_from_db()
    assert (thank_you.state, message.state) == ("planned", "cancelled")
    assert claim_one(now=NOW + timedelta(days=1), worker_name="w") is None


def test_nothing_can_be_cancelled_edited_taken_back_or_restored_while_it_is_sending(account, thank_you):
    mail.schedule_followup(thank_you, now=NOW)
    claim_one(now=NOW, worker_name="w")
    assert thank_you.state == "sending"
    for attempt in (
        lambda: services.cancel(thank_you, now=NOW),
        lambda: services.take_back(followup=thank_you, now=NOW),
        lambda: services.restore(followup=thank_you),
        lambda: services.save_draft(followup=thank_you, subject="New", body="New words"),
        lambda: services.mark_sent(followup=thank_you, now=NOW),
    ):
        with pytest.raises(ValidationError, match="sending it right now"):
            attempt()
    thank_you.refresh_from_db()
    assert (thank_you.status, outbound(thank_you).state) == ("scheduled", "sending")


@pytest.mark.parametrize("answer, word", [("5xx", "Not sent"), ("drop", "May have gone out")])
def test_every_page_shows_a_failed_or_uncertain_note_as_such(dana_client, account, thank_you, sink, answer, word):
    """Today used to show these as "Scheduled" while "Needs a decision" said "Not sent"."""
    sink.mode = answer
    mail.schedule_followup(thank_you, now=NOW - timedelta(minutes=1))
    with time_machine.travel(NOW, tick=False):
        send_one_due(now=NOW, worker_name="w")
        pages = {
            "today": dana_client.get("/").content.decode(),
            "plan": dana_client.get(reverse("opportunity", args=[thank_you.opportunity.public_id])).content.decode(),
            "contact": dana_client.get(reverse("contact_detail", args=[thank_you.contact.public_id])).content.decode(),
            "editor": dana_client.get(reverse("followup", args=[thank_you.public_id])).content.decode(),
        }
    for name, page in pages.items():
        assert word in page, name
        assert '<span class="badge badge-ok">Scheduled</span>' not in page, name
    assert "Send again" in pages["editor"]


def test_rescheduling_a_failed_note_starts_a_fresh_budget_and_keeps_the_history(account, thank_you, sink, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    sink.mode = "4xx"
    message = mail.schedule_followup(thank_you, now=NOW)
    at = NOW
    for _ in range(2):
        with time_machine.travel(at, tick=False):
            send_one_due(now=at, worker_name="w")
        at += timedelta(hours=2)
    message.refresh_from_db()
    assert message.state == "failed"
    mail.schedule_followup(thank_you, send_at=at, now=at)
    with time_machine.travel(at, tick=False):
        send_one_due(now=at, worker_name="w")  # one more 451: retried, not given up
    message.refresh_from_db()
    assert (message.state, message.budget, message.attempts) == ("scheduled", 2, 1)
    assert list(message.attempt_rows.values_list("budget", "number")) == [(1, 1), (1, 2), (2, 1)]


class Lifecycle(RuleBasedStateMachine):
    """Random user actions and worker events on one follow-up; after each step the invariants hold."""

    def __init__(self):
        super().__init__()
        Lifecycle.count += 1
        interview = Lifecycle.interview
        contact = Contact.objects.create(owner=interview.owner, company=interview.opportunity.company,
                                         name="Rosa Quiñones", email=f"rosa{Lifecycle.count}@larkspur.example")
        self.followup = make_followup(interview, contact=contact)
        self.now = NOW
        self.sent_copies = 0

    count = 0
    interview = None

    def fresh(self) -> FollowUp:
        followup = FollowUp.objects.get(pk=self.followup.pk)
        return followup

    def user(self, action, call):
        """Run a user action: allowed ones succeed, the others are refused and change nothing."""
        before = self.snapshot()
        state = self.fresh().state
        try:
            call(self.fresh())
        except ValidationError:
            assert not states.allowed(state, action), (state, action)
            assert self.snapshot() == before
            return
        assert states.allowed(state, action), (state, action)

    def snapshot(self):
        followup = self.fresh()
        messages = list(Message.objects.filter(followup=followup).values_list("state", "attempts", "budget"))
        return followup.status, followup.subject, messages

    @rule()
    def schedule(self):
        self.user("schedule", lambda f: mail.schedule_followup(f, now=self.now) if states.allowed(f.state, "schedule")
                  else states.require(f.state, "schedule"))

    @rule()
    def take_back(self):
        self.user("take_back", lambda f: services.take_back(followup=f, now=self.now))

    @rule()
    def cancel(self):
        self.user("cancel", lambda f: services.cancel(f, now=self.now))

    @rule()
    def restore(self):
        self.user("restore", lambda f: services.restore(followup=f))

    @rule()
    def edit(self):
        self.user("edit", lambda f: services.save_draft(followup=f, subject="Edited", body="Edited words"))

    @rule()
    def mark_sent(self):
        self.user("mark_sent", lambda f: services.mark_sent(followup=f, now=self.now))

    @rule()
    def send_again(self):
        self.user("send_again", lambda f: services.send_again(followup=f, now=self.now))

    @rule()
    def worker_claims(self):
        self.now += timedelta(minutes=1)
        claim_one(now=self.now, worker_name="w")

    def _outcome(self, kind, code=None):
        message = Message.objects.filter(followup_id=self.followup.pk, state="sending").first()
        if message is not None:
            record_outcome(message, transport.Outcome(kind, code, "test"), worker_name="w", now=self.now)
            if kind == transport.SENT:
                self.sent_copies += 1

    @rule()
    def server_accepts(self):
        self._outcome(transport.SENT, 250)

    @rule()
    def server_refuses(self):
        self._outcome(transport.FAILED, 550)

    @rule()
    def server_defers(self):
        self._outcome(transport.RETRY, 451)

    @rule()
    def connection_drops_after_data(self):
        self._outcome(transport.UNCERTAIN)

    @rule()
    def worker_dies_and_lease_expires(self):
        self.now += timedelta(hours=1)
        sweep_expired_leases(now=self.now)

    @invariant()
    def one_truthful_state(self):
        followup = self.fresh()
        state = followup.state
        assert state in states.STATES
        live = Message.objects.filter(followup=followup, state__in=["scheduled", "sending"]).exists()
        # Nothing can go out unless the follow-up says it is scheduled or sending.
        if live:
            assert state in ("scheduled", "sending"), state
        if state in ("planned", "cancelled"):
            assert not live
        # "Sent" is shown only when it was sent (by Clinch or by hand), and Clinch sent it at most once.
        assert self.sent_copies <= 1
        if self.sent_copies:
            assert state == "sent"
        assert Message.objects.filter(followup=followup).count() <= 1


def test_random_actions_and_worker_events_keep_the_state_truthful(account, interview):
    Lifecycle.interview = interview
    run_state_machine_as_test(
        Lifecycle,
        settings=hsettings(max_examples=40, stateful_step_count=25, deadline=None,
                           suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]),
    )
