"""Every organisation-scoped URL, walked: 404 to members of another organisation, to candidates, and to
coaches without the candidate's consent; the consenting coach opens them all.

Like tests/web/test_isolation.py, the walk takes every route under ``org/`` from the URLconf
(a route added later is covered without touching this file) and fills each argument with
Northwind's real ids. A 405 counts only where a made-up id gets the same 405 (the method is
refused before any lookup). Runs on SQLite and PostgreSQL like the rest of the suite.

The desk is walked the same way: every route under ``desk/<id>/`` answers 404 to another
organisation's owner and desk staff for a request that came through this organisation's form.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
import time_machine

from clinch.agency import members
from clinch.agency.models import Membership
from tests.agency.conftest import NOW, client_for, coached, membership, opportunity_with_steps
from tests.consult.conftest import make_request
from tests.web.test_isolation import _routes

ORG_PREFIX = "org/"
ARGUMENT = re.compile(r"<uuid:(?P<name>[^>]+)>")
CANDIDATE_ARGS = {"coaching_id", "followup_id"}  # routes that reach into a candidate's data
DESK_ROUTE_PREFIX = "desk/<uuid:public_id>/"  # the desk is scoped per organisation too


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(northwind, southbank, marcus, dana, make_user):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW + timedelta(hours=2))
    coaching = coached(dana, marcus, "drafts")
    members.add(organisation=northwind, user=make_user("kim", display_name="Kim Novak"), role=Membership.Role.COACH)
    return {"org_id": northwind.public_id, "coaching_id": coaching.public_id,
            "followup_id": steps["thank_you"].public_id, "member_id": membership(northwind, "kim").public_id}


def _org_routes():
    routes = [(route, name) for route, name, _ in _routes() if route.startswith(ORG_PREFIX)]
    assert len(routes) >= 7, routes
    return routes


def _fill(route: str, values: dict) -> str:
    return "/" + ARGUMENT.sub(lambda m: str(values[m.group("name")]), route)


def _made_up(route: str) -> str:
    return "/" + ARGUMENT.sub(lambda m: str(uuid.uuid4()), route)


def _refused(client, route, world) -> list[str]:
    failures = []
    for method in ("get", "post"):
        baseline = getattr(client, method)(_made_up(route)).status_code
        status = getattr(client, method)(_fill(route, world)).status_code
        if not (status == 404 or status == 405 == baseline):
            failures.append(f"{method.upper()} {route} -> {status}")
    return failures


def test_members_of_another_organisation_and_candidates_get_404_everywhere(world, southbank, dana, erin):
    outsiders = {"Southbank's owner": membership(southbank, "sam").user, "a candidate": dana, "another": erin}
    failures = [f"{who}: {failure}" for who, user in outsiders.items() for route, _ in _org_routes()
                for failure in _refused(client_for(user), route, world)]
    assert not failures, "\n".join(failures)


def test_a_coach_of_the_same_organisation_without_consent_gets_404_on_the_candidate(world, northwind):
    kim = client_for(membership(northwind, "kim").user)
    routes = [route for route, _ in _org_routes() if CANDIDATE_ARGS & set(ARGUMENT.findall(route))]
    assert routes
    failures = [failure for route in routes for failure in _refused(kim, route, world)]
    assert not failures, "\n".join(failures)


def test_desk_staff_get_404_on_every_coach_and_candidate_route(world, northwind):
    priya = client_for(membership(northwind, "priya").user)
    routes = [route for route, name in _org_routes() if name not in ("organisation",)]
    failures = [failure for route in routes for failure in _refused(priya, route, world)]
    assert not failures, "\n".join(failures)


def test_the_consenting_coach_opens_every_get_route_with_the_same_ids(world, marcus):
    """Without this, a walk filled with junk ids would pass for the wrong reason."""
    coach = client_for(marcus.user)
    owner = client_for(membership(marcus.organisation, "olivia").user)  # owner-only pages: the policy
    unreachable = [route for route, _ in _org_routes()
                   if all(who.get(_fill(route, world)).status_code not in (200, 405) for who in (coach, owner))]
    assert not unreachable, unreachable
    assert owner.post(_fill("org/<uuid:org_id>/members/<uuid:member_id>/remove/", world)).status_code == 302


def _desk_routes():
    routes = [route for route, _, _ in _routes() if route.startswith(DESK_ROUTE_PREFIX)]
    assert len(routes) >= 5, routes
    return routes


def test_another_organisations_desk_staff_get_404_on_a_request_of_yours_on_every_route(northwind, southbank,
                                                                                      make_user):
    """Every route under ``desk/<id>/``, from the URLconf, with a request that came through Northwind's form."""
    northwind_request = make_request(first_name="Ana", email="ana@example.org", organisation=northwind)
    members.add(organisation=southbank, user=make_user("rhea", role="agency_staff"), role=Membership.Role.STAFF)
    outsiders = {"Southbank's owner": membership(southbank, "sam").user,
                 "Southbank's desk staff": membership(southbank, "rhea").user}
    failures = []
    for who, user in outsiders.items():
        client = client_for(user)
        for route in _desk_routes():
            url = "/" + route.replace("<uuid:public_id>", str(northwind_request.public_id))
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status not in (404, 405):
                    failures.append(f"{who}: {method.upper()} {url} -> {status}")
    assert not failures, "\n".join(failures)
    northwind_request.refresh_from_db()
    assert (northwind_request.status, northwind_request.invited_at, northwind_request.notes.count()) == ("new", None, 0)
    priya = client_for(membership(northwind, "priya").user)
    assert priya.get(f"/desk/{northwind_request.public_id}/").status_code == 200  # the ids were real
