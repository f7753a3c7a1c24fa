"""Bad input gets one clear problem document with the right status, and nothing is saved."""

from __future__ import annotations

import pytest
import time_machine

from tests.api.conftest import NOW, build_world

pytestmark = pytest.mark.django_db


def assert_problem(response, status, detail=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    if detail:
        assert detail in body["detail"], body
    return body


def test_malformed_json_is_400(dana_api):
    from clinch.interviews.models import Company

    assert_problem(dana_api.post("companies", raw='{"name": "Larkspur'), 400, "not valid JSON")
    assert not Company.objects.exists()


def test_wrong_types_are_422_with_the_field_path(dana_api):
    body = assert_problem(dana_api.post("articles", {"title": "Joins", "url": "https://e.org/j", "in_reading_list": "maybe"}), 422)
    assert [e["path"] for e in body["errors"]] == ["/in_reading_list"]


def test_nested_errors_name_the_nested_field(dana_api):
    payload = {"company": "Larkspur", "role": "Engineer", "starts_at": "2026-05-20T10:00:00Z",
               "ends_at": "2026-05-20T11:00:00Z", "timezone": "America/Denver",
               "interviewers": [{"name": "Rosa"}, {"name": "Ivo", "role": "boss"}]}
    body = assert_problem(dana_api.post("interviews", payload), 422)
    assert [e["path"] for e in body["errors"]] == ["/interviewers/1/role"]


def test_unknown_fields_are_refused(dana_api):
    body = assert_problem(dana_api.post("companies", {"name": "Larkspur", "owner": 1}), 422)
    assert [e["path"] for e in body["errors"]] == ["/owner"]


def test_naive_times_are_refused(dana_api):
    payload = {"company": "Larkspur", "role": "Engineer", "starts_at": "2026-05-20T10:00:00",
               "ends_at": "2026-05-20T11:00:00Z", "timezone": "America/Denver"}
    body = assert_problem(dana_api.post("interviews", payload), 422)
    assert [e["path"] for e in body["errors"]] == ["/starts_at"]


def test_model_rules_come_back_as_field_errors(dana_api):
    from clinch.interviews.models import Contact

    body = assert_problem(dana_api.post("contacts", {"name": "Rosa", "email": "not an address"}), 422)
    assert [e["path"] for e in body["errors"]] == ["/email"]
    assert not Contact.objects.exists()


def test_a_huge_page_is_refused(dana_api):
    body = assert_problem(dana_api.get("followups", limit=10_000), 422)
    assert body["errors"][0]["path"] == "/limit" or "limit" in body["errors"][0]["path"]


def test_a_forged_cursor_is_400(dana_api):
    assert_problem(dana_api.get("companies", cursor="12"), 400, "cursor")


def test_an_unknown_id_and_an_unknown_route_are_404_problems(dana_api):
    assert_problem(dana_api.get("companies/7d0e0a4e-8c3c-4f39-9b38-2a8d7a3f0d11"), 404)
    assert_problem(dana_api.get("companies/12"), 404)
    assert_problem(dana_api.get("nothing-here"), 404)


def test_deleting_a_company_still_in_use_is_409_and_keeps_it(dana, dana_api):
    from clinch.interviews.models import Company

    with time_machine.travel(NOW, tick=False):
        world = build_world(dana)
        assert_problem(dana_api.delete(f"companies/{world['companies'].public_id}"), 409)
    assert Company.objects.filter(owner=dana).count() == 1


def test_scheduling_goes_through_the_timing_guard(dana, dana_api):
    from clinch.followups.models import FollowUp

    with time_machine.travel(NOW, tick=False):
        world = build_world(dana)
        followup = world["followups"]
        night = "2026-05-21T09:30:00Z"  # 03:30 in Denver
        body = assert_problem(dana_api.post(f"followups/{followup.public_id}/schedule", {"at": night}), 409)
        assert body["errors"] and body["errors"][0]["path"] == "/timing"
        assert FollowUp.objects.get(pk=followup.pk).status == "planned"


def test_pages_walk_with_a_cursor(dana, dana_api):
    from clinch.interviews.models import Company

    Company.objects.bulk_create(Company(owner=dana, name=f"Company {i:02}") for i in range(5))
    first = dana_api.get("companies", limit=2).json()
    second = dana_api.get("companies", limit=2, cursor=first["next_cursor"]).json()
    third = dana_api.get("companies", limit=2, cursor=second["next_cursor"]).json()
    names = [c["name"] for page in (first, second, third) for c in page["items"]]
    assert names == [f"Company {i:02}" for i in range(5)] and third["next_cursor"] is None


def test_pages_of_objects_with_people_inside_walk_with_a_cursor_too(dana, dana_api):
    with time_machine.travel(NOW, tick=False):
        made = [build_world(dana, company=f"Company {i}", person=f"Person {i}", email=f"p{i}@c{i}.example")["interviews"]
                for i in range(3)]
        first = dana_api.get("interviews", limit=2).json()
        second = dana_api.get("interviews", limit=2, cursor=first["next_cursor"]).json()
    ids = [item["id"] for page in (first, second) for item in page["items"]]
    assert ids == [str(i.public_id) for i in made] and second["next_cursor"] is None
    assert first["items"][0]["participants"][0]["name"] == "Person 0"


def test_a_change_to_null_is_refused_only_where_the_field_cannot_be_empty(dana, dana_api):
    with time_machine.travel(NOW, tick=False):
        contact = build_world(dana)["contacts"]
        body = assert_problem(dana_api.patch(f"contacts/{contact.public_id}", {"company": None, "name": None}), 422)
        assert body["errors"] == [{"path": "/name", "detail": "May not be null."}]
        contact.refresh_from_db()
        assert contact.company is not None and contact.name == "Rosa Quiñones"
        response = dana_api.patch(f"contacts/{contact.public_id}", {"company": None})
        assert response.status_code == 200 and response.json()["company"] is None


def test_one_webhook_more_than_the_limit_is_a_conflict_and_saves_nothing(dana, dana_api):
    from clinch.hooks.models import Webhook
    from clinch.hooks.services import MAX_WEBHOOKS_PER_USER

    for n in range(MAX_WEBHOOKS_PER_USER):
        made = dana_api.post("webhooks", {"url": f"https://hooks.example/{n}", "events": ["followup.sent"]})
        assert made.status_code == 201, made.content
    body = assert_problem(dana_api.post("webhooks", {"url": "https://hooks.example/more", "events": ["followup.sent"]}),
                          409, "delete one first")
    assert body["errors"] == []
    assert Webhook.objects.filter(owner=dana).count() == MAX_WEBHOOKS_PER_USER


def test_the_page_size_bound_is_in_the_schema_and_named_as_a_parameter(dana_api):
    from django.conf import settings

    from clinch.api.api import api

    parameters = api.get_openapi_schema()["paths"]["/api/v1/followups"]["get"]["parameters"]
    assert next(p for p in parameters if p["name"] == "limit")["schema"]["maximum"] == settings.API_MAX_PAGE
    body = assert_problem(dana_api.get("followups", limit=settings.API_MAX_PAGE + 1), 422)
    assert [e["path"] for e in body["errors"]] == ["query.limit"]
    assert dana_api.get("followups", limit=settings.API_MAX_PAGE).status_code == 200
