"""Personal access tokens: shown once, stored hashed, scoped, expiring, revocable, rate-limited."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from tests.api.conftest import NOW, ApiClient, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_secret_is_shown_once_and_only_its_digest_is_stored(dana):
    from clinch.api.models import ApiToken

    secret = token_for(dana)
    token = ApiToken.objects.get(owner=dana)
    assert secret.startswith("clinch_") and len(secret) > 40
    assert secret not in (token.digest, token.prefix) and token.prefix == secret[:12]
    assert len(token.digest) == 64


def test_a_token_works_and_its_last_use_is_recorded(client, dana):
    from clinch.api.models import ApiToken

    api = ApiClient(client, token_for(dana))
    assert api.get("companies").status_code == 200
    assert ApiToken.objects.get(owner=dana).last_used_at == NOW


@pytest.mark.parametrize("secret, detail", [(None, "Send a personal access token"), ("clinch_nope", "not known")])
def test_no_token_or_an_unknown_one_is_401_problem(client, dana, secret, detail):
    response = ApiClient(client, secret).get("companies")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert detail in response.json()["detail"] and response.json()["status"] == 401


def test_a_revoked_token_is_refused(client, dana):
    from clinch.api.models import ApiToken
    from clinch.api.tokens import revoke_token

    api = ApiClient(client, token_for(dana))
    revoke_token(token=ApiToken.objects.get(owner=dana), now=NOW)
    response = api.get("companies")
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_an_expired_token_is_refused(client, dana):
    api = ApiClient(client, token_for(dana, expires_at=NOW + timedelta(days=1)))
    assert api.get("companies").status_code == 200
    with time_machine.travel(NOW + timedelta(days=1, seconds=1), tick=False):
        response = api.get("companies")
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_a_token_cannot_be_made_already_expired_or_with_an_unknown_scope(dana):
    with pytest.raises(ValueError, match="past"):
        token_for(dana, expires_at=NOW - timedelta(seconds=1))
    with pytest.raises(ValueError, match="scope"):
        token_for(dana, scope="admin")


def test_a_read_only_token_reads_but_cannot_write(client, dana):
    from clinch.interviews.models import Company

    api = ApiClient(client, token_for(dana, scope="read"))
    assert api.get("companies").status_code == 200
    response = api.post("companies", {"name": "Larkspur Analytics"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert not Company.objects.exists()


def test_each_token_has_its_own_rate_limit(client, dana, settings):
    settings.API_TOKEN_REQUESTS_PER_MINUTE = 3
    busy, other = ApiClient(client, token_for(dana)), ApiClient(client, token_for(dana, name="other"))
    assert [busy.get("companies").status_code for _ in range(3)] == [200, 200, 200]
    limited = busy.get("companies")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert other.get("companies").status_code == 200
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        assert busy.get("companies").status_code == 200


def test_a_request_refused_for_the_rate_limit_is_not_counted_and_the_first_use_of_a_minute_is(client, dana, settings):
    from clinch.api.models import ApiToken

    settings.API_TOKEN_REQUESTS_PER_MINUTE = 2
    api = ApiClient(client, token_for(dana))
    assert [api.get("companies").status_code for _ in range(4)] == [200, 200, 429, 429]
    token = ApiToken.objects.get(owner=dana)
    assert token.window_count == 2 and token.window_start == NOW.replace(second=0)
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        assert api.get("companies").status_code == 200
    token.refresh_from_db()
    assert token.window_count == 1 and token.last_used_at == NOW + timedelta(minutes=1)
