"""The journey a new user takes on a phone, in Debian's Chromium: sign up, capture, fix, schedule, Today, rejection.

Each step saves a screenshot under test-artifacts/screenshots/<test>/. With
CLINCH_README_SCREENSHOTS=1 the Today and draft-editor shots also go to
docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from tests.web.flows import DENVER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# A Thursday, a quarter of an hour after the onsite ended (Denver).
LOBBY = datetime(2026, 3, 5, 14, 45, tzinfo=DENVER)


def readme_copy(page, name: str) -> None:
    """What the phone's screen shows (tab bar included), for the README."""
    if os.environ.get("CLINCH_README_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / name))


def sign_up(page, base):
    page.goto(base + "/accounts/signup/")
    page.locator("#id_username").fill("dana")
    page.locator("#id_display_name").fill("Dana Whitfield")
    page.locator("#id_email").fill("dana.whitfield@example.org")
    page.locator("#id_timezone").fill("America/Denver")
    page.locator("#id_password1").fill("a long and unusual passphrase 42")
    page.locator("#id_password2").fill("a long and unusual passphrase 42")
    page.get_by_role("button", name="Create account").click()
    # Straight to Today, with the banner until the address is confirmed.
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    expect(page.get_by_text("we sent a link to dana.whitfield@example.org")).to_be_visible()
    # The link from the confirmation mail, opened in the same browser.
    from django.core import mail

    from clinch import background

    assert background.wait_idle()
    link = re.search(r"https?://[^/\s]+(/accounts/verify/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(base + link)
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_text("dana.whitfield@example.org is confirmed.")).to_be_visible()
    expect(page.get_by_text("Confirm your address:")).to_have_count(0)


def fits_the_phone(page) -> None:
    """Nothing wider than the 360 px screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def fill_person(page, index, *, name, title, email, role, topics):
    page.locator(f"#id_p{index}-name").fill(name)
    page.locator(f"#id_p{index}-title").fill(title)
    page.locator(f"#id_p{index}-email").fill(email)
    page.locator(f"#id_p{index}-role").select_option(role)
    page.locator(f"#id_p{index}-topics").fill(topics)


def test_a_new_user_captures_fixes_schedules_and_handles_a_rejection_on_a_phone(live_server, phone_page, screenshot):
    page, base = phone_page, live_server.url
    page.set_default_timeout(10_000)

    def screenshot_step(name):
        fits_the_phone(page)
        return screenshot(page, name)

    with time_machine.travel(LOBBY, tick=True):
        sign_up(page, base)
        expect(page.get_by_role("heading", name="Today")).to_be_visible()
        expect(page.get_by_text("Nothing to send yet")).to_be_visible()
        screenshot_step("01-signed-up-empty-today")

        # The mail account pages belong to the mail flow; here the account simply exists.
        from clinch.accounts.models import User
        from clinch.mail.models import MailAccount

        MailAccount.objects.create(owner=User.objects.get(username="dana"), from_name="Dana Whitfield",
                                   from_email="dana.whitfield@example.org", smtp_host="smtp.example.org")

        page.get_by_role("link", name="Record an interview").first.click()
        page.get_by_label("Company").fill("Larkspur Robotics, Inc.")
        page.get_by_label("Role you interviewed for").fill("Controls Engineer")
        page.get_by_label("Started at").fill("13:00")
        page.get_by_label("Ended at").fill("14:30")
        page.get_by_label("Format").select_option("onsite")
        fill_person(page, 0, name="Rafael Quiñones", title="Director of Engineering",
                    email="rquinones@larkspur.example", role="hiring_manager",
                    topics="tuning the gripper's force controller for soft fruit")
        page.get_by_role("button", name="Add another person").click()
        expect(page.locator("#id_p1-name")).to_be_focused()
        fill_person(page, 1, name="Meghan Oyelaran-Schmidt", title="Senior Controls Engineer",
                    email="meghan.os@larkspur.example", role="interviewer",
                    topics="her migration of the motion stack from ROS 1 to ROS 2")
        page.get_by_role("button", name="Add another person").click()
        expect(page.locator("#id_p2-name")).to_be_visible()
        expect(page.locator("#id_p0-name")).to_have_value("Rafael Quiñones")  # kept while adding
        fill_person(page, 2, name="Tomás Wright", title="Technical Recruiter",
                    email="twright@larkspur.example", role="recruiter", topics="")
        page.get_by_label("What they said about next steps").fill("We'll decide by Friday next week.")
        expect(page.locator(".we-read")).to_contain_text("decision by Fri 13 Mar")
        page.get_by_label("Yes, that is right").check()
        screenshot_step("02-capture-three-people")
        page.get_by_role("button", name="Save and plan follow-ups").click()

        expect(page.get_by_role("heading", name="Controls Engineer at Larkspur Robotics, Inc.")).to_be_visible()
        expect(page.locator(".timeline-item").filter(has_text="Thank-you note")).to_have_count(3)
        screenshot_step("03-plan")

        page.get_by_role("link", name=re.compile("Open the draft: Thank-you note to Rafael")).click()
        page.wait_for_load_state()  # htmx (a deferred script) must be listening before we type
        body = page.get_by_label("Body")
        text = body.input_value()
        body.fill(text.replace("Rafael", "Rafel", 1))
        expect(page.locator("mark.mark-error")).to_have_text("Rafel")
        expect(page.locator(".finding-error").first).to_contain_text('Write "Rafael", not "Rafel"')
        screenshot_step("04-misspelt-name-flagged")
        screenshot_step("draft-editor")
        page.locator("mark.mark-error").scroll_into_view_if_needed()
        readme_copy(page, "draft-editor.png")

        body.fill(text)
        expect(page.locator("mark.mark-error")).to_have_count(0)
        expect(page.get_by_text("error to fix")).to_have_count(0)
        screenshot_step("05-name-fixed")
        page.get_by_role("button", name="Schedule for the planned time").click()
        expect(page.get_by_text("Scheduled: Clinch sends it at the planned time.")).to_be_visible()
        screenshot_step("06-scheduled")

        page.get_by_role("link", name="Today").click()
        due = page.locator("section", has=page.locator("#due"))
        expect(due.locator(".today-item").filter(has_text="Rafael Quiñones")).to_contain_text("Scheduled")
        expect(due.locator(".today-item")).to_have_count(3)
        screenshot_step("07-today")
        readme_copy(page, "today.png")

        page.get_by_role("link", name="Interviews").click()
        page.get_by_role("link", name=re.compile("Controls Engineer")).click()
        page.get_by_role("button", name="Rejected").click()
        expect(page.get_by_test_id("outcome-preview")).to_contain_text("will not be sent")
        page.get_by_role("button", name="Yes, record: Rejected").click()
        expect(page.get_by_text("A gracious reply is drafted for you")).to_be_visible()
        screenshot_step("08-rejected-plan")
        page.get_by_role("link", name=re.compile("Open the draft: Reply to a rejection")).click()
        expect(page.get_by_role("heading", name="Reply to a rejection to Rafael Quiñones")).to_be_visible()
        expect(page.get_by_label("Body")).to_have_value(re.compile(r"Rafael"))
        screenshot_step("09-gracious-reply")


def test_the_capture_form_works_with_the_keyboard_alone_in_a_sensible_order(live_server, desktop_page, make_user):
    page, base = desktop_page, live_server.url
    page.set_default_timeout(10_000)
    make_user("kim", timezone="America/Denver")
    with time_machine.travel(LOBBY, tick=True):
        page.goto(base + "/accounts/login/")
        page.locator("#id_username").fill("kim")
        page.locator("#id_password").fill("correct horse battery")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Today")).to_be_visible()
        page.goto(base + "/interviews/new/")
        page.locator("#id_company").focus()
        order = []
        for _ in range(40):
            current = page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
            if not order or order[-1] != current:
                order.append(current)
            page.keyboard.press("Tab")
        expected = ["id_company", "id_role", "id_day", "id_start", "id_end", "id_format", "Time zone: America/Denver",
                    "id_p0-name", "id_p0-title", "id_p0-email", "id_p0-role", "id_p0-topics", "Add another person",
                    "id_next_step", "id_decision_date", "Save and plan follow-ups"]
        assert [item for item in order if item in expected][:len(expected)] == expected

        page.locator("#id_company").fill("Larkspur Robotics, Inc.")
        page.locator("#id_role").fill("Controls Engineer")
        page.locator("#id_p0-name").fill("Rafael Quiñones")
        page.locator("#id_p0-email").fill("rquinones@larkspur.example")
        page.locator("#id_p0-topics").fill("soft fruit grippers")
        page.get_by_role("button", name="Add another person").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#id_p1-name")).to_be_focused()
        page.keyboard.type("Tomás Wright")
        page.wait_for_load_state("networkidle")  # the live lookups settle before the form is sent
        page.get_by_role("button", name="Save and plan follow-ups").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Controls Engineer at Larkspur Robotics, Inc.")).to_be_visible()
        expect(page.locator(".timeline-item").filter(has_text="Thank-you note")).to_have_count(1)
        expect(page.get_by_text("With Rafael Quiñones, Tomás Wright")).to_be_visible()
