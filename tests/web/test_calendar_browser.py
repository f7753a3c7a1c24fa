"""In a real browser: making the calendar address, copying it, and revoking it."""

from __future__ import annotations

import pytest

from clinch.web.models import CalendarFeed
from tests.browser_steps import log_in

pytestmark = pytest.mark.browser


def test_a_user_makes_a_calendar_address_fetches_it_and_revokes_it(live_server, phone_page, screenshot, dana, settings):
    settings.SITE_URL = live_server.url
    page = phone_page
    log_in(page, live_server.url)
    page.get_by_role("link", name="More").click()
    page.get_by_role("link", name="Calendar", exact=True).click()
    screenshot(page, "1-none")
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    assert address.startswith(live_server.url + "/calendar/") and address.endswith(".ics")
    assert page.get_by_role("button", name="Copy").is_visible()
    screenshot(page, "2-address")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    response = page.request.get(address)
    assert response.status == 200 and b"BEGIN:VCALENDAR" in response.body()

    page.get_by_role("button", name="Revoke the address").click()
    assert page.get_by_text("Calendar address revoked").is_visible()
    assert page.request.get(address).status == 404
    assert not CalendarFeed.objects.filter(owner=dana, revoked_at__isnull=True).exists()
    screenshot(page, "3-revoked")
