"""A token never reaches another user's objects: every route in the OpenAPI schema is walked.

Routes with an ``{id}`` are called with the other user's object of that kind (and must answer
404, changing nothing); lists must not show any of the other user's ids.
"""

from __future__ import annotations

import pytest
import time_machine

from tests.api.conftest import NOW, build_world

pytestmark = pytest.mark.django_db

# Bodies that pass validation, so a route cannot answer 422 before it looks the id up.
BODIES = {
    ("patch", "companies"): {"name": "Renamed"},
    ("patch", "contacts"): {"notes": "taken"},
    ("patch", "articles"): {"title": "Taken"},
    ("patch", "opportunities"): {"notes": "taken"},
    ("patch", "interviews"): {"notes": "taken"},
    ("patch", "topics"): {"text": "taken"},
    ("put", "draft"): {"subject": "Taken", "body": "Taken"},
    ("post", "check"): {"subject": "", "body": "Hello"},
    ("post", "outcome"): {"outcome": "offer"},
}


def routes():
    from clinch.api.api import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method in operations:
            yield method, path


def snapshot():
    from clinch.followups.models import FollowUp
    from clinch.hooks.models import Delivery, Webhook
    from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Topic
    from clinch.mail.models import Message

    return [list(m.objects.order_by("pk").values()) for m in
            (Company, Contact, Article, Opportunity, Interview, Topic, FollowUp, Message, Webhook, Delivery)]


def test_every_route_with_an_id_answers_404_for_another_users_object(dana, mallory, dana_api):
    with time_machine.travel(NOW, tick=False):
        build_world(dana)
        theirs = build_world(mallory, company="Quarry Labs", person="Ivo Brandt", email="ivo@quarry.example")
        before = snapshot()
        walked = 0
        for method, path in routes():
            if "{id}" not in path:
                continue
            kind = path.split("/")[3]
            url = path.replace("{id}", str(theirs[kind].public_id))
            action = kind if path.endswith("{id}") else path.rsplit("/", 1)[1]
            response = dana_api.call(method, url, BODIES.get((method, action), {}))
            assert response.status_code == 404, (method, url, response.content)
            assert response.json()["status"] == 404
            walked += 1
        assert walked >= 20  # the schema really was walked
        assert snapshot() == before


def test_every_list_shows_only_the_users_own_objects(dana, mallory, dana_api):
    with time_machine.travel(NOW, tick=False):
        mine = build_world(dana)
        theirs = build_world(mallory, company="Quarry Labs", person="Ivo Brandt", email="ivo@quarry.example")
        lists = [path for method, path in routes() if method == "get" and "{" not in path]
        assert len(lists) == 9
        for path in lists:
            kind = path.split("/")[3]
            ids = {item["id"] for item in dana_api.get(path).json()["items"]}
            assert str(mine[kind].public_id) in ids, path
            assert str(theirs[kind].public_id) not in ids, path


def test_a_body_naming_another_users_object_is_refused_at_that_field(dana, mallory, dana_api):
    from clinch.interviews.models import Contact

    with time_machine.travel(NOW, tick=False):
        mine = build_world(dana)
        theirs = build_world(mallory, company="Quarry Labs", person="Ivo Brandt", email="ivo@quarry.example")
        response = dana_api.post("contacts", {"name": "Ana Ruiz", "company": str(theirs["companies"].public_id)})
        assert response.status_code == 422
        assert response.json()["errors"] == [{"path": "/company", "detail": "No such company."}]
        response = dana_api.post(f"opportunities/{mine['opportunities'].public_id}/outcome",
                                 {"outcome": "rejected", "by": str(theirs["contacts"].public_id)})
        assert response.status_code == 422 and response.json()["errors"][0]["path"] == "/by"
        assert not Contact.objects.filter(owner=dana, name="Ana Ruiz").exists()
