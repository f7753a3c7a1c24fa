"""Every page that takes a form, posted any mix of its fields filled with anything (``tests/fuzzing``'s
``form_targets``), over a valid post where it has one: the answer is a page, a redirect or a refusal,
never a server error, and within the page's time bound."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinch.agency import invitations, members
from clinch.agency.models import Membership
from clinch.consult.models import ConsultationRequest
from clinch.followups.models import FollowUp
from clinch.interviews.models import Topic
from tests.fuzzing import field_values, file_values, form_targets
from tests.web.flows import record


@pytest.fixture
def world(dana, make_user):
    """Dana's recorded interview, and an agency whose coach follows her drafts with her consent."""
    interview = record(dana)
    followup = FollowUp.objects.filter(interview=interview, kind="thank_you").first()
    topic = Topic.objects.filter(participant__interview=interview).first()
    owner = make_user("olivia", display_name="Olivia Brandt")
    organisation = members.create_organisation(name="Northwind Careers", owner=owner)
    coach = members.add(organisation=organisation, role=Membership.Role.COACH,
                        user=make_user("marcus", display_name="Marcus Lee", role="agency_staff"))
    desk = make_user("priya", display_name="Priya Raman", role="agency_staff")
    members.add(organisation=organisation, user=desk, role=Membership.Role.STAFF)
    coaching = invitations.accept(token=invitations.create(membership=coach, email=dana.email).token,
                                  candidate=dana, level="drafts")
    candidate = make_user("erin", display_name="Erin Castillo")
    consultation = ConsultationRequest.objects.create(
        first_name="Zoë", last_name="Brennan", email="zoe@example.org", consent=True, organisation=organisation,
        how_can_we_help="Interview coaching, please.")
    return {"dana": dana, "interview": interview, "opportunity": interview.opportunity, "followup": followup,
            "contact": followup.contact, "topic": topic, "organisation": organisation, "owner": owner,
            "coach": coach.user, "desk": desk, "coaching": coaching, "candidate": candidate,
            "invitation_token": invitations.create(membership=coach, email=candidate.email).token,
            "consultation": consultation}


def _valid_post(target, world) -> dict:
    """The target's valid post, with the world's topic where the form names one."""
    topic = str(world["topic"].pk)
    posted = {name.replace("{topic}", topic): value for name, value in (target.base or {}).items()}
    if "topic" in target.fields:
        posted.setdefault("topic", topic)
    return posted


@pytest.mark.parametrize("target", form_targets(), ids=lambda target: target.name)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_form_answers_with_a_server_error(target, world, dana, data):
    fields = [name.replace("{topic}", str(world["topic"].pk)) for name in target.fields]
    drawn = data.draw(st.dictionaries(st.sampled_from(fields), field_values(), max_size=len(fields)), label="form")
    uploads = data.draw(st.dictionaries(st.sampled_from(target.files), file_values(), max_size=len(target.files)),
                        label="files") if target.files else {}
    posted = {**_valid_post(target, world), **drawn}
    posted.update({name: SimpleUploadedFile(f"{name}.bin", text.encode("utf-8", "surrogatepass"))
                   for name, text in uploads.items()})
    client = Client()  # a server error raises here, with its traceback
    if target.who:
        client.force_login(world[target.who])
    started = time.process_time()
    response = client.post(target.url(world), posted)
    assert response.status_code < 500
    assert time.process_time() - started < target.max_seconds


@pytest.mark.parametrize("target", form_targets(), ids=lambda target: target.name)
def test_every_form_is_reached_by_whoever_it_is_for(target, world):
    """The fuzzing above means something only if its posts reach the form: no 404, no sign-in page."""
    client = Client()
    if target.who:
        client.force_login(world[target.who])
    response = client.post(target.url(world), _valid_post(target, world))
    assert response.status_code not in (403, 404, 405)
    assert "/accounts/login/" not in response.get("Location", "")
