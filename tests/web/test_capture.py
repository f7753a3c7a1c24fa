"""Capture: record an interview on one page, confirm the decision date, edit it, start the next round."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.interviews.models import Contact, Interview, Opportunity, Participant, Topic
from tests.web.flows import JUST_AFTER, record

NEW = reverse("interview_new")


def capture_post(**changes) -> dict:
    """The capture form as a phone sends it: three people, topics one per line."""
    data = {
        "company": "Larkspur Robotics, Inc.", "role": "Controls Engineer",
        "day": "2026-03-05", "start": "13:00", "end": "14:30", "timezone": "America/Denver",
        "format": "onsite", "next_step": "We'll decide by Friday next week.",
        "decision_date": "", "decision_date_read": "",
        "interviewer_count": "3",
        "p0-contact": "", "p0-name": "Rafael Quiñones", "p0-title": "Director of Engineering",
        "p0-email": "rquinones@larkspur.example", "p0-role": "hiring_manager",
        "p0-topics": "tuning the gripper's force controller\nsimulation versus hardware tests",
        "p1-contact": "", "p1-name": "Meghan Oyelaran-Schmidt", "p1-title": "Senior Controls Engineer",
        "p1-email": "meghan.os@larkspur.example", "p1-role": "interviewer", "p1-topics": "ROS 2 migration",
        "p2-contact": "", "p2-name": "Tomás Wright", "p2-title": "Technical Recruiter",
        "p2-email": "twright@larkspur.example", "p2-role": "recruiter", "p2-topics": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def at_the_lobby():
    with time_machine.travel(JUST_AFTER, tick=False):
        yield


def test_the_capture_page_starts_with_one_person_and_the_users_zone(dana_client, at_the_lobby):
    page = dana_client.get(NEW).content.decode()
    assert 'name="p0-name"' in page and 'name="p1-name"' not in page
    assert 'value="America/Denver"' in page
    assert 'value="2026-03-05"' in page  # today, in the user's zone


def test_recording_an_interview_with_three_people_stores_them_and_shows_the_plan(dana_client, dana, at_the_lobby):
    response = dana_client.post(NEW, capture_post())
    opportunity = Opportunity.objects.get(owner=dana)
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunity", args=[opportunity.public_id])
    interview = Interview.objects.get(owner=dana)
    assert [p.contact.name for p in interview.participants.all()] == [
        "Rafael Quiñones", "Meghan Oyelaran-Schmidt", "Tomás Wright",
    ]
    assert list(Topic.objects.filter(participant__contact__name="Rafael Quiñones").values_list("text", flat=True)) == [
        "tuning the gripper's force controller", "simulation versus hardware tests",
    ]
    thank_yous = FollowUp.objects.filter(owner=dana, kind="thank_you")
    assert sorted(f.contact.name for f in thank_yous) == ["Meghan Oyelaran-Schmidt", "Rafael Quiñones", "Tomás Wright"]
    page = dana_client.get(response["Location"]).content.decode()
    assert "Controls Engineer at Larkspur Robotics, Inc." in page
    assert page.count("<strong>Thank-you note</strong>") == 3
    assert "after the interview, in their" in page and "<summary>Why this time?</summary>" in page


def test_the_decision_date_read_from_next_steps_is_shown_for_confirmation(dana_client, at_the_lobby):
    response = dana_client.post(reverse("read_decision_date"), capture_post(next_step="We'll decide by Friday next week."))
    page = response.content.decode()
    assert "We read: <strong>decision by Fri 13 Mar</strong>" in page
    assert 'value="2026-03-13"' in page


def test_a_corrected_decision_date_is_kept_while_typing_continues(dana_client, at_the_lobby):
    data = capture_post(next_step="We'll decide by Friday next week, maybe later",
                        decision_date="2026-03-20", decision_date_read="2026-03-13")
    page = dana_client.post(reverse("read_decision_date"), data).content.decode()
    assert 'value="2026-03-20"' in page


def test_a_vague_next_step_says_no_date_was_read(dana_client, at_the_lobby):
    page = dana_client.post(reverse("read_decision_date"), capture_post(next_step="We'll be in touch soon")).content.decode()
    assert "No date in that" in page


def test_a_corrected_date_is_confirmed_and_status_checks_follow_it(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post(decision_date="2026-03-25", decision_date_read="2026-03-13"))
    interview = Interview.objects.get(owner=dana)
    assert (interview.decision_date.isoformat(), interview.decision_date_confirmed) == ("2026-03-25", True)
    first_check = FollowUp.objects.filter(owner=dana, kind="status_check").order_by("send_at").first()
    assert first_check.send_at.date().isoformat() > "2026-03-25"


def test_without_javascript_the_plan_page_asks_whether_the_date_read_is_right(dana_client, dana, at_the_lobby):
    response = dana_client.post(NEW, capture_post(), follow=True)
    page = response.content.decode()
    assert "We read: <strong>decision by Fri 13 Mar</strong>" in page
    interview = Interview.objects.get(owner=dana)
    assert interview.decision_date_confirmed is False
    dana_client.post(reverse("decision_date", args=[interview.public_id]), {"decision_date": "2026-03-13"})
    interview.refresh_from_db()
    assert interview.decision_date_confirmed is True
    assert "We read:" not in dana_client.get(reverse("opportunity", args=[interview.opportunity.public_id])).content.decode()


def test_add_another_person_works_without_javascript_and_keeps_what_was_typed(dana_client, dana, at_the_lobby):
    data = capture_post(interviewer_count="1", add_interviewer="1")
    response = dana_client.post(NEW, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="p1-name"' in page and 'value="Rafael Quiñones"' in page
    assert "errors" not in page.split('id="people"')[1].split("</div>")[0]
    assert not Interview.objects.exists()


def test_an_empty_extra_person_block_is_skipped(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post(interviewer_count="4", **{"p3-name": "", "p3-role": "interviewer"}))
    assert Participant.objects.filter(interview__owner=dana).count() == 3


def test_capture_needs_at_least_one_person_and_says_so_next_to_the_field(dana_client, dana, at_the_lobby):
    data = capture_post(interviewer_count="1", **{"p0-name": "", "p0-email": "", "p0-title": "", "p0-topics": ""})
    response = dana_client.post(NEW, data)
    assert response.status_code == 422
    assert "Add at least one person you met." in response.content.decode()
    assert not Interview.objects.exists()


def test_picking_someone_already_met_reuses_the_contact(dana_client, dana, at_the_lobby):
    met = Contact.objects.create(owner=dana, name="Rafael Quiñones", email="rquinones@larkspur.example")
    data = capture_post(interviewer_count="1", **{"p0-contact": str(met.public_id), "p0-name": ""})
    dana_client.post(NEW, data)
    assert Contact.objects.filter(owner=dana).count() == 1
    assert Participant.objects.get(interview__owner=dana).contact == met


def test_another_users_contact_cannot_be_picked(dana_client, dana, mallory, at_the_lobby):
    theirs = Contact.objects.create(owner=mallory, name="Secret Person")
    data = capture_post(interviewer_count="1", **{"p0-contact": str(theirs.public_id)})
    response = dana_client.post(NEW, data)
    assert response.status_code == 422
    assert not Participant.objects.filter(contact=theirs).exists()


def test_an_existing_company_is_reused_by_its_exact_name(dana_client, dana, at_the_lobby):
    record(dana)
    dana_client.post(NEW, capture_post(role="Robotics Engineer"))
    assert Opportunity.objects.filter(owner=dana).count() == 2
    assert set(Opportunity.objects.filter(owner=dana).values_list("company__name", flat=True)) == {"Larkspur Robotics, Inc."}


def test_editing_the_interview_replans_what_is_not_sent_and_keeps_what_was(dana_client, dana, at_the_lobby):
    interview = record(dana)
    sent = FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Tomás Wright")
    FollowUp.objects.filter(pk=sent.pk).update(status="sent", sent_at=JUST_AFTER)
    page = dana_client.get(reverse("interview_edit", args=[interview.public_id])).content.decode()
    assert 'value="Meghan Oyelaran-Schmidt"' in page and "ROS 2" in page
    data = capture_post(day="2026-03-04")  # it was the day before
    response = dana_client.post(reverse("interview_edit", args=[interview.public_id]), data)
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.sent_at) == ("sent", JUST_AFTER)
    moved = FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Rafael Quiñones")
    assert moved.send_at.date().isoformat() <= "2026-03-05"
    assert FollowUp.objects.filter(owner=dana, kind="thank_you").count() == 3


def test_next_round_carries_over_the_people_and_counts_up(dana_client, dana, at_the_lobby):
    first = record(dana)
    page = dana_client.get(NEW + f"?after={first.public_id}").content.decode()
    assert "Next round at Larkspur Robotics, Inc." in page
    assert 'value="Rafael Quiñones"' in page and 'value="Tomás Wright"' in page
    contacts = {p.contact.name: str(p.contact.public_id) for p in first.participants.all()}
    data = capture_post(
        day="2026-03-12", interviewer_count="1", after=str(first.public_id),
        **{"p0-contact": contacts["Rafael Quiñones"], "p0-topics": "the team's roadmap"},
    )
    response = dana_client.post(NEW + f"?after={first.public_id}", data)
    assert response.status_code == 302
    second = Interview.objects.get(owner=dana, round=2)
    assert second.opportunity == first.opportunity
    assert Contact.objects.filter(owner=dana).count() == 3
    # The later round ends the first round's status checks.
    assert not FollowUp.objects.filter(interview=first, kind="status_check", status="planned").exists()
    assert FollowUp.objects.filter(interview=second, kind="thank_you").count() == 1


def test_next_round_of_another_users_interview_is_a_404(dana_client, mallory, at_the_lobby):
    theirs = record(mallory)
    assert dana_client.get(NEW + f"?after={theirs.public_id}").status_code == 404


def test_names_and_topics_are_escaped_on_the_plan_page(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post(**{"p0-name": "<script>alert(1)</script>", "p0-topics": "<b>bold</b>"}))
    page = dana_client.get(reverse("opportunity", args=[Opportunity.objects.get(owner=dana).public_id])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_capture_needs_a_csrf_token(dana, at_the_lobby):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(dana)
    assert client.post(NEW, capture_post()).status_code == 403
