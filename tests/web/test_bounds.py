"""Every input bounded, on the web side: every text field has a length limit (model and form), the
limits are named in the messages, far-out dates are refused, the live endpoints answer in time
linear in what they are sent and with findings only, and each user has a budget of live calls.

The guards that walk every model and every form make a field added later without a limit fail
here, not in production.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from datetime import date, timedelta

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse

import clinch
from clinch.core import limits
from clinch.core.checks.finding import Finding
from clinch.followups.checking import pieces
from clinch.interviews.models import Interview, Opportunity
from clinch.validators import MaxChars
from clinch.web import live
from tests.core.test_bounds import LINEAR, RUNS
from tests.web.flows import JUST_AFTER, record
from tests.web.test_editor import at_the_lobby, note  # noqa: F401 (fixtures)
from tests.web.test_capture import NEW, capture_post

# Text fields no person types: written by Clinch itself or by the mail server.
NOT_USER_TEXT = {
    "followups.FollowUp.why", "mail.MailAccount.smtp_password_encrypted", "mail.MailAccount.imap_password_encrypted",
    # OAuth tokens from the provider's answer, which Clinch reads up to 64 KiB (clinch/mail/oauth.py).
    "mail.MailAccount.oauth_refresh_token_encrypted", "mail.MailAccount.oauth_access_token_encrypted",
    "mail.Message.references", "mail.Message.body_text", "mail.Message.last_error", "mail.Attempt.error",
    "hooks.Webhook.secret_encrypted", "hooks.Delivery.payload", "hooks.Delivery.response_body",
    "hooks.Delivery.last_error", "admin.LogEntry.change_message",
    "admin.LogEntry.object_id", "sessions.Session.session_data", "auth.Permission.name",
}


# -- limits by design ---------------------------------------------------------------------------

def test_every_text_field_of_every_model_has_a_length_limit_the_model_enforces():
    unbounded = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            label = f"{model._meta.label}.{field.name}"
            if not isinstance(field, (models.CharField, models.TextField)) or label in NOT_USER_TEXT:
                continue
            enforced = isinstance(field, models.CharField) or any(isinstance(v, MaxChars) for v in field.validators)
            if field.max_length is None or not enforced:
                unbounded.append(label)
    assert not unbounded, f"give these a max_length (and MaxChars on a TextField): {unbounded}"


def _all_form_classes():
    for module in pkgutil.walk_packages(clinch.__path__, "clinch."):
        if ".migrations" not in module.name and not module.name.endswith(("wsgi", "cli")):
            importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [f for f in seen if f.__module__.startswith("clinch.")]


def test_every_text_field_of_every_form_has_a_length_limit():
    unbounded = []
    for form_class in _all_form_classes():
        try:
            fields = form_class.base_fields
        except AttributeError:
            continue
        for name, field in fields.items():
            if type(field) is forms.CharField and field.max_length is None:
                unbounded.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    # Django's own password fields: hashing bounds them, and the login throttle guards them.
    unbounded = [f for f in unbounded if not f.endswith(("password", "password1", "password2", ".old_password",
                                                         ".new_password1", ".new_password2"))]
    assert not unbounded, f"give these form fields a max_length: {unbounded}"
    assert len(_all_form_classes()) >= 10  # the walk found the project's forms


# -- capture: limits named, far-out dates refused, nothing half-saved ----------------------------------

def test_a_next_step_past_the_limit_is_refused_with_the_limit_named_and_nothing_saved(dana_client, at_the_lobby):
    response = dana_client.post(NEW, capture_post(next_step="We'll decide soon. " * 300))
    assert response.status_code == 422
    assert f"{limits.NEXT_STEP_CHARS}" in response.content.decode()
    assert not Interview.objects.exists() and not Opportunity.objects.exists()


def test_a_topic_past_the_limit_is_refused_with_the_limit_named(dana_client, at_the_lobby):
    response = dana_client.post(NEW, capture_post(**{"p0-topics": "x" * (limits.TOPIC_CHARS + 1)}))
    assert response.status_code == 422
    assert f"Keep each topic to {limits.TOPIC_CHARS} characters" in response.content.decode()
    response = dana_client.post(NEW, capture_post(**{"p0-topics": "\n".join(["robots"] * 25)}))
    assert response.status_code == 422 and f"Keep to {limits.TOPICS_PER_PERSON} topics" in response.content.decode()
    assert not Interview.objects.exists()


FAR_OUT = [
    *({"day": day, "end": "23:59"} for day in ("9999-12-31", "0001-01-01", "1969-12-31", "2201-01-01")),
    *({"decision_date": day, "decision_date_ok": "on"} for day in ("9999-12-31", "0001-01-01", "2026-03-04", "2036-12-31")),
]


@pytest.mark.parametrize("changes", FAR_OUT, ids=lambda changes: "=".join(next(iter(changes.items()))))
def test_a_far_out_interview_or_decision_date_is_refused_not_a_server_error(dana_client, at_the_lobby, changes):
    response = dana_client.post(NEW, capture_post(**changes))
    assert response.status_code == 422
    expected = "between 1970 and 2200" if "day" in changes else "Pick a decision date from 5 Mar 2026"
    assert expected in response.content.decode()
    assert not Interview.objects.exists()


def test_reading_the_date_live_with_far_out_values_answers_without_a_server_error(dana_client, at_the_lobby):
    url = reverse("read_decision_date")
    for changes in ({"day": "9999-12-31"}, {"day": "0001-01-01"}, {"decision_date": "9999-12-31"},
                    {"decision_date_read": "0001-01-01"}, {"next_step": "by 31/12/9999 or in 9999 years"}):
        response = dana_client.post(url, capture_post(**changes))
        assert response.status_code == 200, changes


@pytest.mark.parametrize("decision", ["9999-12-31", "0001-01-01"])
def test_correcting_the_decision_date_to_a_far_out_day_is_refused(dana_client, dana, at_the_lobby, decision):
    interview = record(dana)
    url = reverse("decision_date", args=[interview.public_id])
    response = dana_client.post(url, {"decision_date": decision}, follow=True)
    assert response.status_code == 200
    assert "Pick a decision date from 5 Mar 2026" in response.content.decode()
    interview.refresh_from_db()
    assert not interview.decision_date_confirmed


@pytest.mark.parametrize("decision", [date(2026, 3, 4), date(2026, 3, 5) + timedelta(days=limits.DECISION_HORIZON_DAYS + 1)])
def test_confirming_a_decision_date_outside_the_window_is_refused_by_the_service_too(dana, decision):
    from django.core.exceptions import ValidationError

    from clinch.interviews.services import confirm_decision_date

    interview = record(dana)
    before = (interview.decision_date, interview.decision_date_confirmed)
    with pytest.raises(ValidationError, match="Pick a decision date from 5 Mar 2026"):
        confirm_decision_date(interview=interview, decision_date=decision)
    interview.refresh_from_db()
    assert (interview.decision_date, interview.decision_date_confirmed) == before


def test_the_live_reading_of_a_next_step_past_the_limit_names_the_limit(dana_client, at_the_lobby):
    response = dana_client.post(reverse("read_decision_date"), capture_post(next_step="by Friday " * 500))
    assert response.status_code == 200
    assert f"{limits.NEXT_STEP_CHARS}" in response.content.decode() and "We read" not in response.content.decode()


# -- the live draft check ----------------------------------------------------------------------------

def test_the_live_check_sends_back_findings_never_the_note(dana_client, note):
    secret = "My grandmother's recipe for plum dumplings is the reason I love control loops."
    body = note.body.replace("Rafael", "Rafel", 1) + "\n\n" + secret
    page = dana_client.post(reverse("followup_check", args=[note.public_id]),
                            {"subject": note.subject, "body": body}).content.decode()
    assert "Rafel" in page  # the words of a finding
    assert secret not in page and "plum dumplings" not in page


def test_a_note_full_of_slips_gets_a_bounded_answer(dana_client, note):
    body = ("Rafel " * (limits.NOTE_BODY_CHARS // 6))[: limits.NOTE_BODY_CHARS]
    response = dana_client.post(reverse("followup_check", args=[note.public_id]), {"subject": "", "body": body})
    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 100_000  # about 3,300 findings: the first 50 listed, the rest counted
    assert "more like these" in page


def test_a_note_past_the_limit_gets_the_limit_named_not_checked(dana_client, note):
    body = "Dear Rafael, " + "thank you " * (limits.NOTE_BODY_CHARS // 10)
    started = time.process_time()
    page = dana_client.post(reverse("followup_check", args=[note.public_id]), {"body": body}).content.decode()
    assert f"{limits.NOTE_BODY_CHARS}" in page and "finding-list" not in page
    assert time.process_time() - started < 1.0


def test_saving_a_draft_past_the_limit_is_refused_with_the_limit_named(dana_client, note):
    body = "x " * limits.NOTE_BODY_CHARS
    response = dana_client.post(reverse("followup", args=[note.public_id]),
                                {"subject": note.subject, "body": body, "action": "save"})
    assert response.status_code == 422 and f"{limits.NOTE_BODY_CHARS}" in response.content.decode()
    note.refresh_from_db()
    assert not note.draft_edited


def test_each_user_has_a_budget_of_live_checks(dana_client, note, client, mallory, monkeypatch):
    monkeypatch.setattr(live, "clock", lambda: 1000.0)  # no refill while the test runs
    url = reverse("followup_check", args=[note.public_id])
    answers = [dana_client.post(url, {"body": "Dear Rafael,"}).status_code for _ in range(live.BURST + 5)]
    assert answers[: live.BURST] == [200] * live.BURST and answers[live.BURST:] == [429] * 5
    client.force_login(mallory)
    assert client.post(url, {"body": "x"}).status_code == 404  # Mallory's budget is hers, and the note is not


def test_reading_the_date_live_has_its_own_budget(dana_client, at_the_lobby, monkeypatch):
    monkeypatch.setattr(live, "clock", lambda: 1000.0)
    url = reverse("read_decision_date")
    answers = [dana_client.post(url, capture_post()).status_code for _ in range(live.BURST + 2)]
    assert answers == [200] * live.BURST + [429, 429]


def test_a_spent_budget_fills_again_with_time(dana):
    start = 1000.0
    assert all(live.allow(dana, "check", now=start) for _ in range(live.BURST))
    assert not live.allow(dana, "check", now=start)
    assert live.allow(dana, "check", now=start + 60 / live.PER_MINUTE)
    assert live.allow(dana, "read_date", now=start)  # another endpoint, another budget


def _marking_time(n: int) -> float:
    text = "Rafel " * n
    findings = [Finding("name-misspelled", "error", "Write Rafael", 6 * i, 6 * i + 5) for i in range(n)]
    started = time.process_time()
    pieces(text, findings)
    return time.process_time() - started


def test_marking_the_findings_takes_time_in_step_with_their_number():
    """The old marking compared every finding with every other: 8,000 took 1.6 s, 16,000 four times that."""
    for _ in range(3):
        small = sorted(_marking_time(4_000) for _ in range(RUNS))[RUNS // 2]
        large = sorted(_marking_time(8_000) for _ in range(RUNS))[RUNS // 2]
        if large / small < LINEAR:
            return
    pytest.fail(f"doubling the findings multiplied the time by {large / small:.1f}")


def test_the_live_check_of_the_longest_note_full_of_slips_takes_well_under_a_second(dana_client, note):
    url = reverse("followup_check", args=[note.public_id])
    body = ("Rafel " * (limits.NOTE_BODY_CHARS // 6))[: limits.NOTE_BODY_CHARS]
    dana_client.post(url, {"body": body[:100]})
    started = time.process_time()
    assert dana_client.post(url, {"subject": "", "body": body}).status_code == 200
    assert time.process_time() - started < 0.8


# -- no slow work inside a write transaction -------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_the_decision_date_and_the_plan_are_worked_out_before_any_write_transaction(dana_client, monkeypatch):
    """Capturing reads the decision date and makes the plan and its drafts with no transaction open
    (on SQLite an open write transaction holds the lock every other writer waits for)."""
    from django.db import connection

    from clinch.core import drafts, planner, timeline

    seen = []

    def outside(name, real):
        def spy(*args, **kwargs):
            seen.append((name, connection.in_atomic_block))
            return real(*args, **kwargs)
        return spy

    monkeypatch.setattr(timeline, "read_decision_date", outside("read the date", timeline.read_decision_date))
    monkeypatch.setattr(planner, "plan", outside("plan", planner.plan))
    monkeypatch.setattr(drafts, "draft", outside("draft", drafts.draft))
    with time_machine.travel(JUST_AFTER, tick=False):
        response = dana_client.post(NEW, capture_post())
    assert response.status_code == 302
    assert {name for name, _ in seen} == {"read the date", "plan", "draft"}
    assert not [name for name, inside in seen if inside], seen
