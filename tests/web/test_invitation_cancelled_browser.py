"""A cancelled interview on a phone: the plan shows the round cancelled with nothing left to send, and its
edit page says so with the "Cancelled" box ticked."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS
from tests.web.flows import JUST_AFTER, record
from tests.web.test_offline_browser import phone  # noqa: F401  (the same phone)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "screenshots" / "cancelled"


def test_a_cancelled_round_is_shown_on_the_plan_and_its_edit_page(live_server, phone, dana):  # noqa: F811
    from clinch.followups.models import FollowUp

    context, page = phone
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(dana, calendar_uid="onsite-42@larkspur.example", cancelled=True)
    assert not FollowUp.objects.filter(owner=dana).exists()
    page.goto(f"{live_server.url}/opportunities/{interview.opportunity.public_id}/")
    rounds = page.locator("li.list-item", has_text="Round 1")
    expect(rounds.locator(".badge")).to_have_text("Cancelled")
    rounds.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "plan.png"))
    page.get_by_role("link", name="Edit round 1").click()
    expect(page.get_by_text("This interview was cancelled on")).to_be_visible()
    expect(page.get_by_label("Cancelled: it did not take place")).to_be_checked()
    page.get_by_label("Cancelled: it did not take place").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "edit.png"))
