"""On a phone (390 x 844), in a real browser: capture an interview from its calendar invitation,
then the next round from another invitation with the same people, and still have three contacts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from clinch.followups.models import FollowUp
from clinch.interviews.models import Contact, Interview
from tests.browser_steps import log_in

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invitations"
WIDTH, HEIGHT = 390, 844


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def invitation(day: date, *, uid_suffix: str = "") -> bytes:
    """The Outlook fixture moved to ``day`` (recent, so the thank-you notes are still ahead)."""
    text = (FIXTURES / "outlook.ics").read_bytes().decode()
    text = text.replace("20260310T", day.strftime("%Y%m%dT"))
    return text.replace("0100000002FDE1C9A5D3A3A4DB0E3C7D3B1F9E0A1", "0100000002FDE1C9A5D3A3A4DB0E3C7D3B1F9E0A1" + uid_suffix).encode()


def read_invitation_on_the_page(page, base_url: str, data: bytes) -> None:
    page.goto(base_url + "/interviews/new/")
    page.get_by_label("Invitation file (.ics)").set_input_files(
        files=[{"name": "invite.ics", "mimeType": "text/calendar", "buffer": data}]
    )
    page.get_by_role("button", name="Read the invitation").click()
    page.locator("#invitation-read").wait_for()


def test_a_phone_user_captures_two_rounds_from_invitations_without_duplicate_contacts(live_server, phone, screenshot, dana):
    page = phone
    log_in(page, live_server.url)
    yesterday = date.today() - timedelta(days=1)

    read_invitation_on_the_page(page, live_server.url, invitation(yesterday))
    screenshot(page, "1-read")
    assert page.get_by_label("Company").input_value() == "Cascadia Instruments"
    assert page.locator('input[name="timezone"]').input_value() == "America/Los_Angeles"
    assert [page.locator(f'input[name="p{i}-name"]').input_value() for i in range(3)] == [
        "Jon Petrakis", "Siobhán O'Connor", "Kenji Nakamura",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    page.get_by_label("Role you interviewed for").fill("Staff Test Engineer")
    for i, topic in enumerate(["the calibration rig", "flaky hardware tests", "on-call rotation"]):
        page.locator(f'textarea[name="p{i}-topics"]').fill(topic)
    page.get_by_role("button", name="Save and plan follow-ups").click()
    page.wait_for_url("**/opportunities/*/")
    screenshot(page, "2-planned")
    assert FollowUp.objects.filter(owner=dana, kind="thank_you").count() == 3

    read_invitation_on_the_page(page, live_server.url, invitation(date.today(), uid_suffix="2"))
    page.get_by_label("Role you interviewed for").fill("Staff Test Engineer")
    page.get_by_role("button", name="Save and plan follow-ups").click()
    page.wait_for_url("**/opportunities/*/")
    screenshot(page, "3-second-round")
    assert Interview.objects.filter(owner=dana).count() == 2
    assert sorted(Contact.objects.filter(owner=dana).values_list("name", flat=True)) == [
        "Jon Petrakis", "Kenji Nakamura", "Siobhán O'Connor",
    ]


def test_a_file_that_is_not_an_invitation_is_explained_on_the_phone(live_server, phone, dana):
    page = phone
    log_in(page, live_server.url)
    read_page = live_server.url + "/interviews/new/"
    page.goto(read_page)
    page.get_by_label("Invitation file (.ics)").set_input_files(
        files=[{"name": "invite.ics", "mimeType": "text/calendar", "buffer": b"<html>not a calendar</html>"}]
    )
    page.get_by_role("button", name="Read the invitation").click()
    assert page.get_by_role("alert").filter(has_text="not a calendar invitation").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert not Interview.objects.exists()
