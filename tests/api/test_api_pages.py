"""The token page and the local docs page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_token_is_made_on_the_settings_page_shown_once_and_revoked_there(dana_client, dana):
    from clinch.api.models import ApiToken

    page = dana_client.post("/settings/api/", {"name": "calendar script", "scope": "read", "expires_in": "30"})
    secret = re.search(r'<code id="new-token">(clinch_[^<]+)</code>', page.content.decode()).group(1)
    token = ApiToken.objects.get(owner=dana)
    assert token.name == "calendar script" and token.scope == "read" and token.expires_at is not None
    again = dana_client.get("/settings/api/").content.decode()
    assert "calendar script" in again and secret not in again and "Never" in again  # not used yet
    api = dana_client.get("/api/v1/companies", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    assert dana_client.get("/settings/api/").content.decode().count("ago") == 1
    dana_client.post(f"/settings/api/{token.public_id}/revoke/")
    assert dana_client.get("/api/v1/companies", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_another_users_token_cannot_be_revoked(client, mallory, dana):
    from clinch.api.tokens import create_token

    token, _secret = create_token(owner=dana, name="x", scope="read", expires_at=None,
                                  now=__import__("django.utils.timezone").utils.timezone.now())
    client.force_login(mallory)
    assert client.post(f"/settings/api/{token.public_id}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_docs_page_is_served_from_this_site_with_the_openapi_31_schema(client):
    page = client.get("/api/v1/docs")
    html = page.content.decode()
    assert page.status_code == 200
    assert "https://" not in html and "<script>" not in html  # no CDN, no inline script (CSP)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
