"""In a real browser: a visitor asks for a consultation; the front desk triages it."""

from __future__ import annotations

import pytest
from django.core import mail

from clinch.consult.models import ConsultationRequest, RequestNote
from tests.browser_steps import log_in
from tests.consult.conftest import make_request

pytestmark = pytest.mark.browser


def test_a_visitor_fixes_missing_fields_then_sends_a_request_from_a_phone(live_server, phone_page, screenshot, settings):
    settings.CONSULT_MIN_FILL_SECONDS = 1
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Request a consultation").scroll_into_view_if_needed()
    screenshot(page, "0-home")
    page.get_by_role("link", name="Request a consultation").click()
    page.wait_for_url("**/consultation")
    screenshot(page, "1-form")
    assert page.get_by_text("marks a required field").is_visible()
    trap = page.locator("#id_website").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # off-screen: people never see the honeypot

    page.get_by_label("Last name").fill("Oliveira")
    page.get_by_role("button", name="Send my request").click()
    assert page.get_by_text("Tell us your first name.").is_visible()
    assert page.get_by_text("We need an email address to reply to.").is_visible()
    assert page.get_by_text("We need your agreement before we can contact you.").is_visible()
    assert page.get_by_label("Last name").input_value() == "Oliveira"
    screenshot(page, "2-errors")
    assert not ConsultationRequest.objects.exists()

    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Current or desired role").fill("Data engineer")
    page.get_by_label("How can we help?").fill("I am moving to Denver and want a data engineering role.")
    page.get_by_label("I agree to be contacted").check()
    page.wait_for_timeout(1100)  # a script is faster than CONSULT_MIN_FILL_SECONDS; make sure we are not
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/consultation/thanks")
    assert page.get_by_role("heading", name="Thank you: we have your request").is_visible()
    screenshot(page, "3-thanks")

    stored = ConsultationRequest.objects.get()
    assert (stored.first_name, stored.last_name, stored.role) == ("Ana", "Oliveira", "Data engineer")
    assert [message.to for message in mail.outbox] == [["ana@example.org"], ["desk@agency.example"]]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_the_front_desk_triages_a_request_and_invites_the_person(live_server, desktop_page, screenshot, priya, marcus):
    make_request(first_name="Bo", last_name="Lindqvist", email="bo@example.se", how_can_we_help="Buy watches", status="new")
    ana = make_request(first_name="Ana", last_name="Oliveira", email="ana@example.org", role="Data engineer",
                       how_can_we_help="I am moving to Denver and want a data engineering role.")
    page = desktop_page
    log_in(page, live_server.url, "priya", lands="/desk/")  # staff land on the desk
    page.get_by_role("link", name="More").click()  # and find it again under More
    page.get_by_role("link", name="Desk").click()
    page.wait_for_url("**/desk/")
    screenshot(page, "1-desk")

    page.get_by_label("Search names, emails and messages").fill("denver")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Bo Lindqvist").count() == 0
    page.get_by_role("link", name="Ana Oliveira").click()

    page.get_by_label("Add a note").fill("Called her: strong profile, wants hybrid work.")
    page.get_by_role("button", name="Add note").click()
    assert page.get_by_text("Called her: strong profile").is_visible()

    page.get_by_label("Assign to").select_option(label="Marcus Hale")
    page.get_by_role("button", name="Assign").click()
    assert page.get_by_text("is now assigned to Marcus Hale").is_visible()

    page.get_by_role("button", name="Invite as a candidate").click()
    assert page.get_by_text("Invitation sent to ana@example.org").is_visible()
    link = page.locator(".consult-link a")
    assert "/accounts/signup/?email=ana%40example.org&display_name=Ana+Oliveira" in link.get_attribute("href")
    screenshot(page, "2-detail")

    ana.refresh_from_db()
    assert (ana.status, ana.assigned_to, ana.invited_at is not None) == ("converted", marcus, True)
    assert RequestNote.objects.get().author == priya
    assert mail.outbox[-1].to == ["Ana Oliveira <ana@example.org>"]

    page.get_by_role("link", name="All requests").click()
    page.get_by_role("button", name="Close the request from Bo Lindqvist as spam").click()
    assert page.get_by_text("Bo Lindqvist: Closed: spam.").is_visible()


def test_the_desk_fits_a_phone(live_server, phone_page, screenshot, priya, marcus):
    for n, name in enumerate(["Ana Oliveira", "Bo Lindqvist", "Chidimma Okonkwo-Adeyemi"]):
        first, last = name.split(" ", 1)
        make_request(first_name=first, last_name=last, email=f"person{n}@a-rather-long-domain-name.example.org",
                     role="Senior platform engineer", how_can_we_help="Looking for a remote role " * 8, assigned_to=marcus)
    page = phone_page
    log_in(page, live_server.url, "priya", lands="/desk/")
    screenshot(page, "1-desk")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Chidimma Okonkwo-Adeyemi").click()
    screenshot(page, "2-detail")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
