"""schemathesis against the live schema (fetched from the running app): no 5xx, and every
response matches the schema. The schema is loaded directly (its lazy pytest loader breaks on
pytest 9.2), from the WSGI application, so the calls go through the whole Django stack."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.api.conftest import build_world, token_for

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def world(dana):
    """The caller's headers. The calls go straight to the WSGI application, whose request
    signals would close the test's connection (and its transaction) on PostgreSQL after the
    first call; Django's own test client turns them off for the same reason."""
    build_world(dana)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {token_for(dana)}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, suppress_health_check=list(HealthCheck), deadline=None)
def test_the_api_never_fails_and_always_matches_its_schema(case, world):
    case.call_and_validate(
        headers=world, checks=[not_a_server_error, response_schema_conformance, status_code_conformance]
    )
