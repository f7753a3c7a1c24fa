"""In a real browser, on a phone and by keyboard: finding a contact and fixing their name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from clinch.followups.models import FollowUp
from clinch.interviews.models import Company, Contact, Interview, Opportunity, Participant
from tests.browser_steps import log_in

pytestmark = pytest.mark.browser
NOW = datetime.now(UTC)


@pytest.fixture
def met(dana):
    company = Company.objects.create(owner=dana, name="Larkspur Robotics, Inc.")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Controls Engineer")
    interview = Interview.objects.create(
        owner=dana, opportunity=opportunity, starts_at=NOW - timedelta(days=2),
        ends_at=NOW - timedelta(days=2) + timedelta(hours=1), timezone="America/Denver",
    )
    people = []
    for name, title in [("Siobhan O'Connor-Nakamura", "Director of Controls"), ("Bartholomew Ng", "Staff Engineer"),
                        ("Nguyễn Thị Minh Khai", "Recruiter")]:
        contact = Contact.objects.create(owner=dana, company=company, name=name, title=title, email=f"{name[:3].lower()}@larkspur.example")
        Participant.objects.create(interview=interview, contact=contact)
        people.append(contact)
    FollowUp.objects.create(owner=dana, opportunity=opportunity, interview=interview, contact=people[0],
                            kind="status_check", status="scheduled", plan_key="s", send_at=NOW + timedelta(days=5))
    return people


def test_a_phone_user_finds_a_contact_and_corrects_the_name_by_keyboard(live_server, phone_page, screenshot, dana, met):
    page = phone_page
    log_in(page, live_server.url)
    page.goto(live_server.url + "/contacts/")
    screenshot(page, "1-list")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_label("Search by name, company, title or email").fill("siob")
    # A locator, not wait_for_function: the page's CSP forbids evaluating strings as script.
    expect(page.locator("#contact-results tbody tr")).to_have_count(1)
    screenshot(page, "2-search")
    page.get_by_role("link", name="Siobhan O'Connor-Nakamura").click()
    page.wait_for_url("**/contacts/*/")
    assert page.get_by_text("Status check").is_visible()
    screenshot(page, "3-detail")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Edit card").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/")
    page.get_by_label("Name").focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("Siobhán O'Connor-Nakamura")
    screenshot(page, "4-edit")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/contacts/*/")
    assert page.get_by_role("heading", level=1, name="Siobhán O'Connor-Nakamura").is_visible()
    met[0].refresh_from_db()
    assert met[0].name == "Siobhán O'Connor-Nakamura"


def test_the_contact_search_works_without_javascript(live_server, browser, dana, met):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/contacts/")
    page.get_by_label("Search by name, company, title or email").fill("Bartholomew")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/contacts/?q=Bartholomew")
    assert page.locator("#contact-results tbody tr").count() == 1
    context.close()


def test_an_empty_contact_list_offers_next_steps(live_server, desktop_page, screenshot, dana):
    page = desktop_page
    log_in(page, live_server.url)
    page.goto(live_server.url + "/contacts/")
    assert page.get_by_role("link", name="Record an interview").is_visible()
    screenshot(page, "empty")
