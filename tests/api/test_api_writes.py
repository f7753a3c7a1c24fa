"""Changing things through the API goes through the same services as the pages: topics, interviews,
follow-ups of one's own and received messages, each written, refused or re-planned as on the pages."""

from __future__ import annotations

import pytest
import time_machine

from tests.api.conftest import NOW, build_world
from tests.api.test_api_problems import assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(dana):
    with time_machine.travel(NOW, tick=False):
        yield build_world(dana)


# -- topics ----------------------------------------------------------------------------------------


def test_a_topic_added_shows_at_the_interview_and_in_its_thank_you(dana_api, world):
    from clinch.followups.models import FollowUp

    interview, contact = world["interviews"], world["contacts"]
    response = dana_api.post("topics", {"interview": str(interview.public_id), "contact": str(contact.public_id),
                                        "text": "on-call rotations"})
    assert response.status_code == 201, response.content
    topic = response.json()
    assert topic["interview"] == str(interview.public_id) and topic["contact"] == str(contact.public_id)
    assert topic["contact_name"] == "Rosa Quiñones" and topic["text"] == "on-call rotations"
    shown = dana_api.get(f"interviews/{interview.public_id}").json()["participants"][0]["topics"]
    assert [t["text"] for t in shown] == ["the data pipeline", "on-call rotations"]
    assert topic["id"] in {t["id"] for t in shown}
    thank_you = FollowUp.objects.get(interview=interview, kind="thank_you")
    assert "on-call rotations" in thank_you.body  # re-planned: the unedited draft cites it


def test_a_topic_is_changed_and_deleted(dana_api, world):
    from clinch.interviews.models import Topic

    topic = world["topics"]
    response = dana_api.patch(f"topics/{topic.public_id}", {"text": "stream processing", "article": None})
    assert response.status_code == 200, response.content
    assert response.json()["text"] == "stream processing" and response.json()["article"] is None
    assert Topic.objects.get(pk=topic.pk).article_id is None
    assert dana_api.delete(f"topics/{topic.public_id}").status_code == 204
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_a_topic_for_someone_not_at_the_interview_is_refused(dana, dana_api, world):
    from clinch.interviews.models import Contact, Topic

    stranger = Contact.objects.create(owner=dana, name="Ivo Brandt")
    body = assert_problem(dana_api.post("topics", {"interview": str(world["interviews"].public_id),
                                                   "contact": str(stranger.public_id), "text": "x"}), 422)
    assert [e["path"] for e in body["errors"]] == ["/contact"]
    assert Topic.objects.count() == 1


def test_a_person_keeps_to_twenty_topics(dana_api, world):
    from clinch.interviews.models import Topic

    ids = {"interview": str(world["interviews"].public_id), "contact": str(world["contacts"].public_id)}
    for n in range(19):
        assert dana_api.post("topics", {**ids, "text": f"topic {n}"}).status_code == 201
    body = assert_problem(dana_api.post("topics", {**ids, "text": "one too many"}), 422)
    assert body["errors"][0]["path"] == "/text"
    assert Topic.objects.count() == 20


def test_topics_are_listed_by_interview_date(dana_api, world):
    page = dana_api.get("topics", since="2026-05-20T00:00:00Z").json()
    assert [t["text"] for t in page["items"]] == ["the data pipeline"]
    assert dana_api.get("topics", since="2026-05-21T00:00:00Z").json()["items"] == []


# -- interviews --------------------------------------------------------------------------------------


def test_an_interview_changed_through_the_api_is_planned_again(dana_api, world):
    from clinch.followups.models import FollowUp

    interview = world["interviews"]
    before = FollowUp.objects.get(interview=interview, kind="thank_you").send_at
    later = "2026-05-20T17:00:00Z"
    response = dana_api.patch(f"interviews/{interview.public_id}",
                              {"starts_at": "2026-05-20T16:00:00Z", "ends_at": later, "notes": "Went well."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ends_at"].startswith("2026-05-20T17:00") and body["notes"] == "Went well."
    # Untouched facts stay; the topic keeps its id and its article.
    assert body["participants"][0]["topics"] == [
        {"id": str(world["topics"].public_id), "text": "the data pipeline", "article": str(world["articles"].public_id)}
    ]
    assert FollowUp.objects.get(interview=interview, kind="thank_you").send_at > before


def test_an_interview_patch_replaces_the_people_when_given(dana_api, world):
    interview = world["interviews"]
    people = [{"contact": str(world["contacts"].public_id), "role": "hiring_manager", "topics": ["hiring plans"]},
              {"name": "Ivo Brandt", "email": "ivo@larkspur.example", "topics": []}]
    body = dana_api.patch(f"interviews/{interview.public_id}", {"interviewers": people}).json()
    assert [p["name"] for p in body["participants"]] == ["Rosa Quiñones", "Ivo Brandt"]
    assert [t["text"] for t in body["participants"][0]["topics"]] == ["hiring plans"]


def test_a_person_who_may_be_a_contact_is_a_conflict_until_named(dana_api, world):
    from clinch.interviews.models import Contact, Interview

    payload = {"company": "Larkspur Analytics", "role": "Engineer", "starts_at": "2026-05-19T10:00:00Z",
               "ends_at": "2026-05-19T11:00:00Z", "timezone": "America/Denver",
               "interviewers": [{"name": "Ivo Brandt"}, {"name": "Rosa Quiñones"}]}
    body = assert_problem(dana_api.post("interviews", payload), 409, "may be contacts you have")
    assert [e["path"] for e in body["errors"]] == ["/interviewers/1"]
    assert Interview.objects.count() == 1
    payload["interviewers"][1] = {"contact": str(world["contacts"].public_id)}
    made = dana_api.post("interviews", payload)
    assert made.status_code == 201, made.content
    assert [p["contact"] for p in made.json()["participants"]][1] == str(world["contacts"].public_id)
    assert Contact.objects.filter(name="Rosa Quiñones").count() == 1


def test_an_interview_patch_that_breaks_a_rule_changes_nothing(dana_api, world):
    from clinch.interviews.models import Interview

    interview = world["interviews"]
    body = assert_problem(dana_api.patch(f"interviews/{interview.public_id}", {"ends_at": "2026-05-19T10:00:00Z"}), 422)
    assert [e["path"] for e in body["errors"]] == ["/ends_at"]
    assert_problem(dana_api.patch(f"interviews/{interview.public_id}", {"notes": None}), 422)
    assert Interview.objects.get(pk=interview.pk).ends_at == interview.ends_at


# -- follow-ups of one's own -----------------------------------------------------------------------


def own_followup(world, **changes):
    return {"opportunity": str(world["opportunities"].public_id), "interview": str(world["interviews"].public_id),
            "contact": str(world["contacts"].public_id), "kind": "status_check", "channel": "email",
            "send_at": "2026-05-27T16:00:00Z", "subject": "Checking in", "body": "Dear Rosa, any news?", **changes}


def test_a_followup_of_ones_own_is_planned_and_survives_replanning(dana_api, world):
    from clinch.followups.models import FollowUp
    from clinch.followups.services import replan

    response = dana_api.post("followups", own_followup(world))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "planned" and response.json()["subject"] == "Checking in"
    row = FollowUp.objects.get(public_id=response.json()["id"])
    with time_machine.travel(NOW, tick=False):
        replan(interview=world["interviews"], now=NOW)
    row.refresh_from_db()
    assert row.status == "planned" and row.body == "Dear Rosa, any news?"


def test_scheduling_ones_own_followup_goes_through_the_timing_guard(dana_api, world):
    from clinch.followups.models import FollowUp

    made = dana_api.post("followups", own_followup(world)).json()
    with time_machine.travel(NOW, tick=False):
        body = assert_problem(dana_api.post(f"followups/{made['id']}/schedule", {"at": "2026-05-28T09:30:00Z"}), 409)
    assert body["errors"][0]["path"] == "/timing"
    assert FollowUp.objects.get(public_id=made["id"]).status == "planned"


def test_a_followup_with_an_interview_of_another_opportunity_is_refused(dana, dana_api, world):
    from clinch.followups.models import FollowUp

    other = build_world(dana, company="Quarry Labs", person="Ivo Brandt", email="ivo@quarry.example")
    before = FollowUp.objects.count()
    body = assert_problem(dana_api.post("followups", own_followup(world, interview=str(other["interviews"].public_id))),
                          422)
    assert [e["path"] for e in body["errors"]] == ["/interview"]
    assert FollowUp.objects.count() == before


def test_only_ones_own_planned_followups_are_deleted(dana_api, world):
    from clinch.followups.models import FollowUp

    made = dana_api.post("followups", own_followup(world)).json()
    assert dana_api.delete(f"followups/{made['id']}").status_code == 204
    assert not FollowUp.objects.filter(public_id=made["id"]).exists()
    planned_step = world["followups"]
    assert_problem(dana_api.delete(f"followups/{planned_step.public_id}"), 409, "step of the plan")
    assert FollowUp.objects.filter(pk=planned_step.pk).exists()


def test_ones_own_followup_passes_the_checks_before_it_is_scheduled_and_then_is_not_deleted(dana, dana_api, world):
    from clinch.followups.models import FollowUp
    from tests.mail.conftest import make_account

    make_account(dana, 2525)  # never reached: nothing is sent here

    made = dana_api.post("followups", own_followup(world, kind="thank_you", send_at="2026-05-20T18:00:00Z")).json()
    with time_machine.travel(NOW, tick=False):
        assert_problem(dana_api.post(f"followups/{made['id']}/schedule", {}), 409, "checks found")
        draft = {"subject": "Checking in", "body": "Dear Rosa, any news?", "override": True}
        assert dana_api.put(f"followups/{made['id']}/draft", draft).status_code == 200
        response = dana_api.post(f"followups/{made['id']}/schedule", {"timing": "anyway"})
        assert response.status_code == 200, response.content
        assert_problem(dana_api.delete(f"followups/{made['id']}"), 409, "take it back first")
    assert FollowUp.objects.get(public_id=made["id"]).status == "scheduled"


# -- messages ------------------------------------------------------------------------------------


def test_a_reply_recorded_through_the_api_pauses_status_checks_once(dana_api, world):
    from clinch.followups.models import FollowUp
    from clinch.mail.models import Message

    reply = {"opportunity": str(world["opportunities"].public_id), "from_email": "rquinones@larkspur.example",
             "subject": "Re: Thank you", "body": "We will call you Monday.", "message_id": "<r1@larkspur.example>"}
    response = dana_api.post("messages", reply)
    assert response.status_code == 201, response.content
    assert response.json()["direction"] == "in" and response.json()["state"] == "received"
    assert dana_api.post("messages", reply).json()["id"] == response.json()["id"]
    assert Message.objects.filter(message_id="<r1@larkspur.example>").count() == 1
    checks = FollowUp.objects.filter(opportunity=world["opportunities"], kind="status_check")
    assert checks and all(f.status == "paused" for f in checks)


def test_a_message_id_another_user_has_is_refused(dana_api, world, mallory):
    theirs = build_world(mallory, company="Quarry Labs", person="Ivo Brandt", email="ivo@quarry.example")
    body = assert_problem(dana_api.post("messages", {"opportunity": str(world["opportunities"].public_id),
                                                     "message_id": theirs["messages"].message_id}), 422)
    assert [e["path"] for e in body["errors"]] == ["/message_id"]


def test_messages_that_are_over_are_deleted_and_queued_ones_are_not(dana_api, world):
    from clinch.mail.models import Message

    sent = world["messages"]
    assert dana_api.delete(f"messages/{sent.public_id}").status_code == 204
    assert not Message.objects.filter(pk=sent.pk).exists()
    queued = Message.objects.create(owner=sent.owner, opportunity=sent.opportunity, state="scheduled",
                                    message_id="<queued@clinch.test>", to_email="r@larkspur.example", subject="Hi")
    assert_problem(dana_api.delete(f"messages/{queued.public_id}"), 409, "cancel it")
    assert Message.objects.filter(pk=queued.pk).exists()
