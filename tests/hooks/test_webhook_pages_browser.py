"""In a real browser: registering a webhook from the profile, copying its secret, a new secret, deleting it."""

from __future__ import annotations

import pytest

from clinch.hooks.models import Webhook
from tests.browser_steps import log_in

pytestmark = pytest.mark.browser


def test_a_user_registers_a_webhook_makes_a_new_secret_and_deletes_it(live_server, phone_page, screenshot, dana):
    page = phone_page
    log_in(page, live_server.url)
    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_role("link", name="Webhooks").click()
    page.get_by_label("Address").fill("https://hooks.example/clinch")
    page.get_by_label("A reply arrived").uncheck()
    page.get_by_role("button", name="Add the webhook").click()
    first = page.locator("#new-secret").inner_text()
    assert first.startswith("whsec_")
    assert Webhook.objects.get(owner=dana).events == [
        "followup.failed", "followup.sent", "followup.uncertain", "outcome.recorded"]
    screenshot(page, "1-registered")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="https://hooks.example/clinch").click()
    page.get_by_role("button", name="Make a new secret").click()
    second = page.locator("#new-secret").inner_text()
    assert second.startswith("whsec_") and second != first
    screenshot(page, "2-new-secret")
    page.reload()
    assert page.locator("#new-secret").count() == 0

    page.get_by_role("button", name="Delete this webhook").click()
    assert page.get_by_text("No webhooks yet.").is_visible()
    assert not Webhook.objects.filter(owner=dana).exists()
    screenshot(page, "3-deleted")
