"""In Debian's Chromium, the three people's paths: a visitor asks the agency for a consultation on its own
form, the agency's desk converts it, the candidate accepts with "progress only", captures an interview
and misses the thank-you; the coach sees it late on the board and comments on the step without ever
seeing the draft; the candidate reads the comment in the editor, withdraws, and the coach loses sight."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from tests.browser_steps import log_in
from tests.web.flows import DENVER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOBBY = datetime(2026, 3, 5, 14, 45, tzinfo=DENVER)  # a Thursday, just after the onsite
TWO_DAYS_LATER = LOBBY + timedelta(days=2)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_visitor_desk_candidate_and_coach(live_server, browser, screenshot, northwind, settings):
    settings.CONSULT_MIN_FILL_SECONDS = 1
    settings.SITE_URL = live_server.url
    base = live_server.url
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    coach = browser.new_context(viewport={"width": 360, "height": 740})
    candidate, priya, marcus = phone.new_page(), desk.new_page(), coach.new_page()
    for page in (candidate, priya, marcus):
        page.set_default_timeout(10_000)

    with time_machine.travel(LOBBY - timedelta(days=3), tick=True):
        # The visitor asks Northwind for a consultation, on Northwind's own form.
        candidate.goto(base + f"/consultation/{northwind.public_id}")
        expect(candidate.get_by_role("heading", name="Request a consultation with Northwind Careers")).to_be_visible()
        candidate.get_by_label("First name").fill("Erin")
        candidate.get_by_label("Last name").fill("Castillo")
        candidate.get_by_label("Email").fill("erin@example.org")
        candidate.get_by_label("How can we help?").fill("I interview for controls roles and want a coach.")
        candidate.get_by_label("I agree to be contacted").check()
        candidate.wait_for_timeout(1100)
        fits_the_phone(candidate)
        screenshot(candidate, "0-organisation-form")
        candidate.get_by_role("button", name="Send my request").click()
        candidate.wait_for_url("**/consultation/thanks")

        # Northwind's desk assigns it to Marcus and converts it.
        log_in(priya, base, "priya", lands="/desk/")
        priya.get_by_role("link", name="Erin Castillo").click()
        priya.get_by_label("Assign to").select_option(label="Marcus Lee")
        priya.get_by_role("button", name="Assign").click()
        priya.get_by_role("button", name="Invite as a candidate").click()
        expect(priya.get_by_text("on behalf of Marcus Lee")).to_be_visible()
        screenshot(priya, "1-desk-converted")
        link = re.search(r"https?://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)

        # The candidate signs up from the link and shares progress only.
        candidate.goto(link)
        candidate.get_by_role("link", name="Create your account").click()
        candidate.locator("#id_username").fill("erin")
        candidate.locator("#id_display_name").fill("Erin Castillo")
        candidate.locator("#id_timezone").fill("America/Denver")
        candidate.locator("#id_password1").fill("a long and unusual passphrase 42")
        candidate.locator("#id_password2").fill("a long and unusual passphrase 42")
        candidate.get_by_role("button", name="Create account").click()
        expect(candidate.get_by_role("heading", name="Marcus Lee invites you")).to_be_visible()
        candidate.get_by_label("Progress only").check()
        fits_the_phone(candidate)
        screenshot(candidate, "2-invitation")
        candidate.get_by_role("button", name="Accept").click()
        expect(candidate.get_by_text("Sees: progress only")).to_be_visible()
        priya.reload()
        expect(priya.get_by_text("Accepted")).to_be_visible()

    with time_machine.travel(LOBBY, tick=True):
        candidate.goto(base + "/interviews/new/")
        candidate.get_by_label("Company").fill("Larkspur Robotics, Inc.")
        candidate.get_by_label("Role you interviewed for").fill("Controls Engineer")
        candidate.get_by_label("Started at").fill("13:00")
        candidate.get_by_label("Ended at").fill("14:30")
        candidate.locator("#id_p0-name").fill("Rafael Quiñones")
        candidate.locator("#id_p0-email").fill("rquinones@larkspur.example")
        candidate.locator("#id_p0-topics").fill("soft fruit grippers")
        candidate.get_by_role("button", name="Save and plan follow-ups").click()
        expect(candidate.get_by_role("heading", name="Controls Engineer at Larkspur Robotics, Inc.")).to_be_visible()

    with time_machine.travel(TWO_DAYS_LATER, tick=True):  # the thank-you was never sent
        log_in(marcus, base, "marcus", lands="/desk/")
        marcus.goto(base + "/more/")
        marcus.get_by_role("link", name="Board: Northwind Careers").click()
        row = marcus.locator(".board-item").filter(has_text="Erin Castillo")
        expect(row).to_contain_text("Thank-you overdue")
        fits_the_phone(marcus)
        screenshot(marcus, "3-board-late")
        row.get_by_role("link", name="Erin Castillo").click()
        expect(marcus.locator(".list-item").filter(has_text="Thank-you note to Rafael Quiñones")).to_contain_text("Late")
        expect(marcus.get_by_role("link", name="Read the draft")).to_have_count(0)
        screenshot(marcus, "4-progress-only")

        candidate.goto(base + "/coaching/")
        expect(candidate.locator("table")).to_contain_text("Progress: interviews and follow-ups")
        expect(candidate.get_by_text("Sees: progress only")).to_be_visible()
        screenshot(candidate, "5-coaching-log")

        # Still progress only: the coach comments on the late step, and never sees the draft.
        step = marcus.locator(".list-item").filter(has_text="Thank-you note to Rafael Quiñones")
        step.get_by_role("link", name="Comment").click()
        expect(marcus.get_by_test_id("progress-only")).to_be_visible()
        assert "soft fruit grippers" not in marcus.content()  # the draft names them; the coach sees none of it
        marcus.get_by_label("Your comment").fill("Your thank-you to Rafael is late: send it today.")
        marcus.get_by_role("button", name="Add the comment").click()
        expect(marcus.get_by_text("Comment added")).to_be_visible()
        assert "soft fruit grippers" not in marcus.content()
        fits_the_phone(marcus)
        screenshot(marcus, "6-comment")

        candidate.goto(base + "/")
        candidate.get_by_role("link", name=re.compile("Rafael")).first.click()
        expect(candidate.get_by_text("Your thank-you to Rafael is late: send it today.")).to_be_visible()
        screenshot(candidate, "7-editor-comment")

        candidate.goto(base + "/coaching/")
        candidate.get_by_role("button", name="Withdraw").click()
        expect(candidate.get_by_text("no longer sees anything of yours")).to_be_visible()
        marcus.reload()
        assert "Erin" not in marcus.content()
        marcus.goto(base + "/more/")
        marcus.get_by_role("link", name="Board: Northwind Careers").click()
        expect(marcus.get_by_text("No candidate yet")).to_be_visible()
        screenshot(marcus, "8-board-after-withdrawal")
    for context in (phone, desk, coach):
        context.close()


def test_the_owner_pages_fit_a_phone_and_the_board_a_desktop(live_server, phone_page, desktop_page, screenshot,
                                                              northwind, dana, erin):
    from clinch.agency import policy
    from tests.agency.conftest import coached, membership, opportunity_with_steps

    marcus = membership(northwind, "marcus")
    with time_machine.travel(LOBBY, tick=True):
        opportunity_with_steps(dana, thank_you_at=LOBBY - timedelta(days=2), now=LOBBY)
        opportunity_with_steps(erin, outcome="offer", now=LOBBY)
        coached(dana, marcus, "drafts")
        coached(erin, marcus)
        policy.set_overrides(organisation=northwind, overrides={"handwritten.delivery_days": 6})
        page = phone_page
        log_in(page, live_server.url, "olivia")
        page.goto(live_server.url + "/more/")
        page.get_by_role("link", name="Board: Northwind Careers").click()
        page.goto(live_server.url + f"/org/{northwind.public_id}/")
        expect(page.get_by_role("heading", name="Members")).to_be_visible()
        fits_the_phone(page)
        screenshot(page, "1-organisation")
        page.get_by_role("link", name="Follow-up policy").click()
        expect(page.get_by_label("Handwritten: delivery days (postal days)")).to_have_value("6")
        fits_the_phone(page)
        screenshot(page, "2-policy")
        log_in(desktop_page, live_server.url, "marcus", lands="/desk/")
        desktop_page.goto(live_server.url + f"/org/{northwind.public_id}/board/")
        expect(desktop_page.locator(".board-item")).to_have_count(2)
        screenshot(desktop_page, "3-board-desktop")
