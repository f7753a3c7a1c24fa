"""The webhook settings pages: an endpoint registered with its secret shown once, its deliveries and
their answers listed, a new secret made (shown once, the old one gone), the endpoint deleted."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from clinch.hooks.models import Delivery, Webhook
from clinch.mail import crypto

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 20, 15, 0, tzinfo=dt_timezone.utc)


def add(client, url="https://hooks.example/clinch", events=("followup.sent", "reply.received")):
    return client.post("/settings/webhooks/", {"url": url, "events": list(events)})


def test_a_webhook_is_registered_and_its_secret_shown_once(dana, dana_client):
    response = add(dana_client)
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("whsec_") and secret in response.content.decode()
    hook = Webhook.objects.get(owner=dana)
    assert hook.url == "https://hooks.example/clinch" and hook.events == ["followup.sent", "reply.received"]
    assert secret not in hook.secret_encrypted and crypto.decrypt(hook.secret_encrypted) == secret
    again = dana_client.get("/settings/webhooks/").content.decode()
    assert "https://hooks.example/clinch" in again and secret not in again


def test_a_bad_address_or_no_event_is_refused_and_nothing_saved(dana, dana_client):
    assert add(dana_client, url="not an address").status_code == 422
    assert add(dana_client, events=()).status_code == 422
    assert add(dana_client, url="https://hooks.example/" + "x" * 600).status_code == 422
    assert not Webhook.objects.exists()


def test_the_webhook_page_lists_its_deliveries_with_their_answers(dana, dana_client):
    add(dana_client)
    hook = Webhook.objects.get(owner=dana)
    Delivery.objects.create(owner=dana, webhook=hook, event="followup.sent", event_key="a", payload="{}",
                            next_attempt_at=NOW, state="delivered", attempts=2, response_status=200,
                            response_body="thanks")
    page = dana_client.get(f"/settings/webhooks/{hook.public_id}/").content.decode()
    assert "followup.sent" in page and "Delivered" in page and "answered 200 thanks" in page


def test_a_new_secret_is_shown_once_and_replaces_the_old(dana, dana_client):
    first = add(dana_client).context["secret"]
    hook = Webhook.objects.get(owner=dana)
    response = dana_client.post(f"/settings/webhooks/{hook.public_id}/rotate/", follow=True)
    second = response.context["secret"]
    assert second.startswith("whsec_") and second != first and second in response.content.decode()
    hook.refresh_from_db()
    assert crypto.decrypt(hook.secret_encrypted) == second
    assert second not in dana_client.get(f"/settings/webhooks/{hook.public_id}/").content.decode()


def test_a_webhook_is_deleted_with_its_deliveries(dana, dana_client):
    add(dana_client)
    hook = Webhook.objects.get(owner=dana)
    Delivery.objects.create(owner=dana, webhook=hook, event="followup.sent", event_key="a", payload="{}",
                            next_attempt_at=NOW)
    response = dana_client.post(f"/settings/webhooks/{hook.public_id}/delete/", follow=True)
    assert "deleted" in response.content.decode()
    assert not Webhook.objects.exists() and not Delivery.objects.exists()


def test_another_users_webhook_is_a_404_and_stays(dana, mallory, client):
    from clinch.hooks.services import create_webhook

    theirs, _secret = create_webhook(owner=mallory, url="https://hooks.example/m", events=["followup.sent"])
    client.force_login(dana)
    for path in ("", "rotate/", "delete/"):
        method = client.get if not path else client.post
        assert method(f"/settings/webhooks/{theirs.public_id}/{path}").status_code == 404
    assert Webhook.objects.get(pk=theirs.pk).secret_encrypted == theirs.secret_encrypted
