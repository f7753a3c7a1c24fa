"""In a real browser: "Connect with Google" goes to the provider and back, and a refused renewal
is shown where the user looks."""

from __future__ import annotations

import pytest
from django.utils import timezone

from clinch.mail import oauth
from clinch.mail.models import MailAccount
from tests.browser_steps import log_in
from tests.mail.test_oauth import (  # noqa: F401 (fixtures)
    ADDRESS, authority, oauth_imap, oauth_smtp, providers_at_loopback,
)

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]


def test_connect_with_google_then_the_page_asks_to_connect_again_when_renewal_is_refused(
        live_server, desktop_page, screenshot, settings, dana, authority):
    settings.SITE_URL = live_server.url  # the provider sends the browser back here
    page = desktop_page
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/mail/")
    screenshot(page, "1-offered")
    page.get_by_label("Your email address at that provider").fill(ADDRESS)
    page.get_by_role("button", name="Connect with Google").click()
    page.get_by_role("heading", name="Connected with Google").wait_for(timeout=20000)
    assert page.get_by_text("Connected with Google: Clinch sends from dana@example.org").is_visible()
    screenshot(page, "2-connected")
    account = MailAccount.objects.get(owner=dana)
    assert account.auth_method == "google" and authority.authorize_requests[0]["login_hint"] == ADDRESS

    oauth.needs_reconnect(account, "Google refused to renew Clinch's access (invalid_grant).", now=timezone.now())
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("alert").filter(has_text="until you connect again").is_visible()
    screenshot(page, "3-today-asks-to-reconnect")
