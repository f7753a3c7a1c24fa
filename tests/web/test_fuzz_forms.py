"""Every page that takes a form, posted any mix of its fields filled with anything (``tests/fuzzing``'s
``form_targets``), over a valid post where it has one: the answer is a page, a redirect or a refusal,
never a server error, and within the page's time bound."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinch.followups.models import FollowUp
from clinch.interviews.models import Topic
from tests.fuzzing import field_values, form_targets
from tests.web.flows import record


@pytest.fixture
def world(dana):
    interview = record(dana)
    followup = FollowUp.objects.filter(interview=interview, kind="thank_you").first()
    topic = Topic.objects.filter(participant__interview=interview).first()
    return {"interview": interview, "opportunity": interview.opportunity, "followup": followup,
            "contact": followup.contact, "topic": topic}


@pytest.mark.parametrize("target", form_targets(), ids=lambda target: target.name)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_form_answers_with_a_server_error(target, world, dana, data):
    fields = [name.replace("{topic}", str(world["topic"].pk)) for name in target.fields]
    drawn = data.draw(st.dictionaries(st.sampled_from(fields), field_values(), max_size=len(fields)), label="form")
    posted = {**(target.base or {}), **drawn}
    if "topic" in fields:
        posted.setdefault("topic", str(world["topic"].pk))
    client = Client()  # a server error raises here, with its traceback
    if target.signed_in:
        client.force_login(dana)
    started = time.process_time()
    response = client.post(target.url(world), posted)
    assert response.status_code < 500
    assert time.process_time() - started < target.max_seconds
