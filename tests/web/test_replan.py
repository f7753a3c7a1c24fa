"""replan: the FollowUp rows follow the engine, keep what the user did, and never add twins."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Max

from clinch.followups.models import FollowUp
from clinch.followups.services import core_interview, load_interview, replan
from clinch.interviews.models import Contact, Participant
from tests.web.flows import JUST_AFTER, record

pytestmark = pytest.mark.django_db


def snapshot(owner):
    return sorted(FollowUp.objects.filter(owner=owner).values_list("plan_key", "status", "send_at", "subject", "body"))


def test_the_engine_sees_the_rows_as_the_user_entered_them(dana):
    interview = record(dana, replan=False)
    facts = core_interview(load_interview(interview.pk))
    assert facts.candidate.name == "Dana Whitfield" and facts.candidate.timezone == "America/Denver"
    assert facts.company == "Larkspur Robotics, Inc."
    assert [p.name for p in facts.interviewers] == ["Rafael Quiñones", "Meghan Oyelaran-Schmidt", "Tomás Wright"]
    assert facts.interviewers[0].role == "hiring_manager"
    assert facts.decision_date is None  # read, not confirmed: the planner reads next_step itself


def test_replanning_twice_changes_nothing(dana):
    interview = record(dana)
    before = snapshot(dana)
    stamp = FollowUp.objects.aggregate(last=Max("updated_at"))["last"]
    replan(interview=interview, now=JUST_AFTER + timedelta(minutes=5))
    assert snapshot(dana) == before
    assert FollowUp.objects.aggregate(last=Max("updated_at"))["last"] == stamp


def test_sent_and_cancelled_rows_are_left_alone(dana):
    interview = record(dana)
    sent, cancelled = FollowUp.objects.filter(owner=dana, kind="thank_you")[:2]
    FollowUp.objects.filter(pk=sent.pk).update(status="sent", sent_at=JUST_AFTER, body="what I really sent")
    FollowUp.objects.filter(pk=cancelled.pk).update(status="cancelled")
    replan(interview=interview, now=JUST_AFTER)
    sent.refresh_from_db()
    cancelled.refresh_from_db()
    assert (sent.status, sent.body) == ("sent", "what I really sent")
    assert cancelled.status == "cancelled"


def test_a_person_removed_loses_their_planned_note(dana):
    interview = record(dana)
    Participant.objects.filter(interview=interview, contact__name="Tomás Wright").delete()
    replan(interview=interview, now=JUST_AFTER)
    assert not FollowUp.objects.filter(owner=dana, contact__name="Tomás Wright").exists()


def test_a_removed_person_whose_note_was_edited_is_cancelled_not_deleted(dana):
    interview = record(dana)
    FollowUp.objects.filter(owner=dana, kind="thank_you", contact__name="Tomás Wright").update(draft_edited=True)
    Participant.objects.filter(interview=interview, contact__name="Tomás Wright").delete()
    replan(interview=interview, now=JUST_AFTER)
    assert FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Tomás Wright").status == "cancelled"


def test_a_corrected_name_redrafts_unedited_notes(dana):
    interview = record(dana)
    Contact.objects.filter(owner=dana, name="Meghan Oyelaran-Schmidt").update(preferred_name="Meg")
    replan(interview=interview, now=JUST_AFTER)
    note = FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Meghan Oyelaran-Schmidt")
    assert "Meg," in note.body.splitlines()[0]


def test_a_confirmed_later_decision_moves_the_planned_status_checks(dana):
    interview = record(dana)
    first = FollowUp.objects.filter(owner=dana, kind="status_check").order_by("send_at").first()
    interview.decision_date = interview.decision_date + timedelta(days=14)
    interview.decision_date_confirmed = True
    interview.save()
    replan(interview=interview, now=JUST_AFTER)
    moved = FollowUp.objects.get(pk=first.pk)
    assert moved.send_at > first.send_at + timedelta(days=10)
    assert FollowUp.objects.filter(owner=dana, kind="status_check").count() == 2
