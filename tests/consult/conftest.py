"""People and helpers for the consultation form and the staff desk."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command

from clinch.consult import guard
from clinch.consult.models import ConsultationRequest


@pytest.fixture(autouse=True)
def fresh_cache(db):
    """The rate limit lives in the database cache: make sure its table exists and starts empty.

    Django's test database creation already runs createcachetable; calling it again is a
    no-op then, and covers databases created some other way.
    """
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def known_settings(settings):
    settings.CONSULT_MIN_FILL_SECONDS = 3
    settings.CONSULT_FORM_MAX_AGE_SECONDS = 86400
    settings.CONSULT_RATE_LIMIT = 5
    settings.CONSULT_RATE_WINDOW_SECONDS = 3600
    settings.CONSULT_RETENTION_DAYS = 30
    settings.STAFF_NOTIFY_EMAILS = ["desk@agency.example"]
    settings.SITE_URL = "https://clinch.agency.example"
    # Argon2 is the real hasher; these tests create many users and test no passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def priya(make_user):
    """The front desk: agency staff."""
    return make_user("priya", role="agency_staff", display_name="Priya Raman", timezone="Europe/London")


@pytest.fixture
def marcus(make_user):
    """A recruiter: agency staff too."""
    return make_user("marcus", role="agency_staff", display_name="Marcus Hale")


@pytest.fixture
def priya_client(client, priya):
    client.force_login(priya)
    return client


def person_token(seconds_ago: float = 60) -> str:
    """A form token issued ``seconds_ago``: a minute is a person's pace."""
    with time_machine.travel(time.time() - seconds_ago, tick=False):
        return guard.issue_token()


def form_data(**overrides) -> dict:
    data = {
        guard.TOKEN_FIELD: person_token(),
        "first_name": "Ana",
        "last_name": "Oliveira",
        "email": "ana.oliveira@example.org",
        "phone": "+1 555 0100",
        "role": "Data engineer",
        "how_can_we_help": "I am looking for a data engineering role in Denver.",
        "heard_from": "A friend",
        "consent": "on",
        guard.HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return data


def make_request(**fields) -> ConsultationRequest:
    values = {
        "first_name": "Ana", "last_name": "Oliveira", "email": "ana.oliveira@example.org",
        "how_can_we_help": "A data engineering role.", "consent": True,
    }
    values.update(fields)
    return ConsultationRequest.objects.create(**values)
