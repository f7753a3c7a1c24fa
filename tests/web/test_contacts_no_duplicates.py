"""One contact per person: entered again by hand, card or invitation, they are the same contact."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinch.interviews.models import Contact, Interview, Participant
from clinch.interviews.services import InterviewerData, NamesakeQuestion, record_interview
from clinch.web.forms import Capture
from tests.web.flows import JUST_AFTER, PANEL, interview_data, record
from tests.web.test_capture import capture_post

NEW = reverse("interview_new")


@pytest.fixture
def at_the_lobby():
    with time_machine.travel(JUST_AFTER, tick=False):
        yield


def test_the_same_three_people_entered_for_a_second_round_are_still_three_contacts(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post())
    response = dana_client.post(NEW, capture_post(day="2026-03-12", role="Controls Engineer"))
    assert response.status_code == 302
    assert Contact.objects.filter(owner=dana).count() == 3
    assert Interview.objects.filter(owner=dana).count() == 2
    second = Interview.objects.filter(owner=dana).order_by("-starts_at").first()
    assert sorted(p.contact.name for p in second.participants.all()) == [
        "Meghan Oyelaran-Schmidt", "Rafael Quiñones", "Tomás Wright",
    ]


def test_an_email_in_other_case_is_the_same_contact(dana):
    first = record(dana)
    again = (InterviewerData(name="Rafael Quiñones", email="RQuinones@Larkspur.example", phone="+1 720 555 0100"),)
    record_interview(owner=dana, data=interview_data(interviewers=again), now=JUST_AFTER, opportunity=first.opportunity)
    rafael = Contact.objects.get(owner=dana, email__iexact="rquinones@larkspur.example")
    assert Contact.objects.filter(owner=dana, name="Rafael Quiñones").count() == 1
    assert rafael.phone == "+1 720 555 0100"  # what was entered next to them is kept


def test_a_namesake_at_the_same_company_without_an_email_is_asked_about_and_nothing_is_saved(dana):
    record(dana)
    by_name = (InterviewerData(name="rafael quinones"),)
    with pytest.raises(NamesakeQuestion) as raised:
        record_interview(owner=dana, data=interview_data(interviewers=by_name), now=JUST_AFTER)
    assert raised.value.messages == ["Is this the Rafael Quiñones you met on 5 March 2026?"]
    assert Interview.objects.filter(owner=dana).count() == 1
    assert Contact.objects.filter(owner=dana).count() == 3


def test_someone_new_with_a_namesakes_name_is_a_new_contact_when_the_user_says_so(dana):
    record(dana)
    other = (InterviewerData(name="Rafael Quiñones", new_contact=True),)
    record_interview(owner=dana, data=interview_data(interviewers=other), now=JUST_AFTER)
    assert Contact.objects.filter(owner=dana, name="Rafael Quiñones").count() == 2


def test_a_namesake_at_another_company_is_no_question(dana):
    record(dana)
    elsewhere = (InterviewerData(name="Rafael Quiñones"),)
    record_interview(owner=dana, data=interview_data(company="Cascadia Instruments", interviewers=elsewhere), now=JUST_AFTER)
    assert Contact.objects.filter(owner=dana, name="Rafael Quiñones").count() == 2


def test_the_capture_page_asks_is_this_the_person_you_met_and_saves_after_the_answer(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post())
    rafael = Contact.objects.get(owner=dana, name="Rafael Quiñones")
    by_name = capture_post(interviewer_count="1", **{"p0-email": "", "p0-name": "Rafael Quinones"})
    asked = dana_client.post(NEW, by_name)
    page = asked.content.decode()
    assert asked.status_code == 422
    assert "Is this the Rafael Quiñones you met on 5 March 2026?" in page
    assert f'value="{rafael.public_id}"' in page and 'value="new"' in page
    assert Interview.objects.filter(owner=dana).count() == 1

    answered = dana_client.post(NEW, {**by_name, "p0-namesake": str(rafael.public_id)})
    assert answered.status_code == 302
    assert Contact.objects.filter(owner=dana).count() == 3
    assert Participant.objects.filter(contact=rafael).count() == 2


def test_answering_someone_new_makes_a_second_contact(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post())
    by_name = capture_post(interviewer_count="1", **{"p0-email": "", "p0-namesake": "new"})
    assert dana_client.post(NEW, by_name).status_code == 302
    assert Contact.objects.filter(owner=dana, name="Rafael Quiñones").count() == 2


def test_another_users_contact_is_never_matched_by_email(dana, mallory):
    record(mallory)
    record(dana)
    assert Contact.objects.filter(owner=dana).count() == 3
    assert Contact.objects.filter(owner=mallory).count() == 3


def test_people_handed_to_the_capture_form_as_dicts_keep_phone_and_time_zone(dana):
    people = [{
        "name": "Anna-Lena Brandt", "title": "Senior Robotics Engineer", "email": "anna-lena.brandt@fernwerk.de",
        "role": "interviewer", "topics": ["gripper design", "ROS 2"], "contact": None,
        "phone": "+49 30 1234567", "timezone": "Europe/Berlin",
    }]
    page_data = {
        "company": "Fernwerk Robotics", "role": "Robotics Engineer", "day": "2026-03-24", "start": "09:30",
        "end": "10:30", "timezone": "Europe/Berlin", "format": "onsite", "interviewer_count": "1",
    }
    blank = Capture(initial=page_data, people=people, person_zone="America/Denver")
    person = blank.people[0]
    assert person["topics"].value() == "gripper design\nROS 2"
    assert (person["phone"].value(), person["timezone"].value()) == ("+49 30 1234567", "Europe/Berlin")
    posted = {**page_data, **{f"p0-{k}": v for k, v in person.initial.items()}, "p0-topics": "gripper design\nROS 2"}
    capture = Capture(posted)
    assert capture.is_valid(), capture.form.errors
    with time_machine.travel(JUST_AFTER, tick=False):
        record_interview(owner=dana, data=capture.as_data(), now=JUST_AFTER)
    anna = Contact.objects.get(owner=dana)
    assert (anna.phone, anna.timezone) == ("+49 30 1234567", "Europe/Berlin")


def test_a_new_person_block_starts_in_the_users_zone(dana_client, at_the_lobby):
    page = dana_client.get(NEW).content.decode()
    assert 'name="p0-timezone" value="America/Denver"' in page


def test_a_person_zone_that_is_not_a_zone_is_refused_next_to_the_field(dana_client, dana, at_the_lobby):
    response = dana_client.post(NEW, capture_post(**{"p0-timezone": "Mars/Olympus"}))
    assert response.status_code == 422
    assert "Pick a time zone like Europe/Berlin" in response.content.decode()
    assert not Interview.objects.exists()


def test_zones_are_checked_without_listing_every_zone_on_the_system(dana_client, dana, at_the_lobby, monkeypatch):
    # Listing every zone walks the zone directory (milliseconds); a capture checks up to 13 zones.
    def listing():
        raise AssertionError("zoneinfo.available_timezones() called while saving a capture")

    monkeypatch.setattr("zoneinfo.available_timezones", listing)
    response = dana_client.post(NEW, capture_post(**{"p0-timezone": "Europe/Berlin"}))
    assert response.status_code == 302
    assert Interview.objects.filter(owner=dana).count() == 1


@pytest.mark.parametrize("others", [10, 20])
def test_many_addresses_are_matched_like_one_in_a_single_query(dana, others, django_assert_num_queries):
    from clinch.interviews.contacts import by_email, by_emails

    record(dana)
    rafael = by_email(dana, "rquinones@larkspur.example")
    asked = [" RQuinones@Larkspur.example", None, "", *(f"nobody{n}@larkspur.example" for n in range(others))]
    with django_assert_num_queries(1):
        found = by_emails(dana, asked)
    assert found == {" RQuinones@Larkspur.example": rafael}


@pytest.mark.parametrize("size", [6, 12])
def test_finding_the_namesakes_of_a_panel_takes_the_same_queries_for_any_size(dana, size, django_assert_num_queries):
    from clinch.interviews.services import unresolved_namesakes

    record(dana)
    rafael = Contact.objects.get(owner=dana, name="Rafael Quiñones")
    people = tuple(
        InterviewerData(name="Rafael Quinones") if n % 2 else InterviewerData(name=f"Person {n}", email=f"p{n}@x.example")
        for n in range(size)
    )
    with django_assert_num_queries(2):
        questions = unresolved_namesakes(owner=dana, data=interview_data(interviewers=people))
    assert sorted(questions) == list(range(1, size, 2))
    assert all([n.contact for n in found] == [rafael] for found in questions.values())


def test_a_namesake_question_is_a_validation_error_every_caller_already_reports(dana):
    record(dana)
    with pytest.raises(ValidationError):
        record_interview(owner=dana, data=interview_data(interviewers=(PANEL[0], InterviewerData(name="Rafael Quinones"))),
                         now=JUST_AFTER)


def test_adding_by_hand_someone_with_a_known_email_opens_that_contact(dana_client, dana):
    record(dana)
    response = dana_client.post(reverse("contact_new"), {
        "name": "Rafael Quinones", "email": "RQUINONES@larkspur.example", "phone": "+1 720 555 0100",
        "company_name": "Larkspur Robotics, Inc.",
    })
    rafael = Contact.objects.get(owner=dana, email="rquinones@larkspur.example")
    assert response["Location"] == reverse("contact_detail", args=[rafael.public_id])
    assert (rafael.name, rafael.phone) == ("Rafael Quiñones", "+1 720 555 0100")
    assert Contact.objects.filter(owner=dana).count() == 3


def test_adding_by_hand_a_namesake_asks_first_then_adds_when_told_it_is_someone_new(dana_client, dana):
    record(dana)
    data = {"name": "Tomas Wright", "company_name": "Larkspur Robotics, Inc."}
    asked = dana_client.post(reverse("contact_new"), data)
    assert asked.status_code == 422
    assert "Is this the Tomás Wright you met on 5 March 2026?" in asked.content.decode()
    assert Contact.objects.filter(owner=dana).count() == 3
    assert dana_client.post(reverse("contact_new"), {**data, "someone_new": "1"}).status_code == 302
    assert Contact.objects.filter(owner=dana).count() == 4
