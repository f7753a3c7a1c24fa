"""The schema's lengths are the models' lengths: what the API takes is what Clinch keeps."""

from __future__ import annotations

import pytest

from tests.api.test_api_problems import assert_problem

pytestmark = pytest.mark.django_db


def _shapes():
    from clinch.api import schemas as s
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Topic

    return [(s.CompanyIn, Company), (s.CompanyPatch, Company), (s.ContactIn, Contact), (s.ContactPatch, Contact),
            (s.ArticleIn, Article), (s.ArticlePatch, Article), (s.OpportunityPatch, Opportunity),
            (s.InterviewIn, Interview), (s.InterviewPatch, Interview), (s.TopicIn, Topic), (s.TopicPatch, Topic),
            (s.FollowUpIn, FollowUp), (s.DraftIn, FollowUp), (s.CheckIn, FollowUp)]


def _max_length(field):
    return next((m.max_length for m in field.metadata if getattr(m, "max_length", None) is not None), None)


def test_every_text_field_the_api_takes_is_as_long_as_the_model_keeps():
    from django.core.exceptions import FieldDoesNotExist

    compared = 0
    for shape, model in _shapes():
        for name, field in shape.model_fields.items():
            try:
                kept = model._meta.get_field(name).max_length
            except FieldDoesNotExist:
                continue
            if kept is not None and _max_length(field) is not None:
                assert _max_length(field) == kept, (shape.__name__, name, _max_length(field), kept)
                compared += 1
    assert compared >= 30


def _interview(**person):
    return {"company": "Larkspur", "role": "Engineer", "starts_at": "2026-05-20T10:00:00Z",
            "ends_at": "2026-05-20T11:00:00Z", "timezone": "America/Denver",
            "interviewers": [{"name": "Rosa", **person}]}


def test_a_topic_longer_than_a_topic_is_kept_is_refused_at_its_path(dana_api):
    from clinch.core.limits import TOPIC_CHARS
    from clinch.interviews.models import Interview

    body = assert_problem(dana_api.post("interviews", _interview(topics=["x" * (TOPIC_CHARS + 1)])), 422)
    assert [e["path"] for e in body["errors"]] == ["/interviewers/0/topics/0"]
    assert not Interview.objects.exists()


def test_more_people_than_an_interview_keeps_are_refused(dana_api):
    from clinch.core.limits import INTERVIEWERS
    from clinch.interviews.models import Interview

    payload = _interview()
    payload["interviewers"] = [{"name": f"Person {n}"} for n in range(INTERVIEWERS + 1)]
    body = assert_problem(dana_api.post("interviews", payload), 422)
    assert [e["path"] for e in body["errors"]] == ["/interviewers"]
    assert not Interview.objects.exists()


def test_the_openapi_schema_states_the_bounds():
    from clinch.api.api import api
    from clinch.core.limits import INTERVIEWERS, TOPIC_CHARS

    person = api.get_openapi_schema()["components"]["schemas"]["InterviewerIn"]["properties"]
    assert person["topics"]["items"]["maxLength"] == TOPIC_CHARS
    interview = api.get_openapi_schema()["components"]["schemas"]["InterviewIn"]["properties"]
    assert interview["interviewers"]["maxItems"] == INTERVIEWERS
