"""The goal journey on a phone (390 x 844): sign up, capture a three-person panel by hand, and
schedule all three thank-you notes, in at most 20 interactions, every page free of serious
accessibility findings on the way. The count goes to test-artifacts/journey.json."""

from __future__ import annotations

import json

import pytest
import time_machine
from playwright.sync_api import expect

from clinch.followups.models import FollowUp
from clinch.mail.models import Message
from tests.conftest import ARTIFACTS
from tests.web.flows import JUST_AFTER
from tests.web.look import AXE, Hands, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOAL = 20
PANEL = (("Rafael Quiñones", "rquinones@larkspur.example"),
         ("Meghan Oyelaran-Schmidt", "meghan.os@larkspur.example"),
         ("Tomás Wright", "twright@larkspur.example"))


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True,
                                  timezone_id="America/Denver")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run scripts/system-deps.sh")
def test_sign_up_capture_a_panel_and_schedule_three_thank_yous_in_at_most_twenty_interactions(live_server, phone):
    page, base = phone, live_server.url
    page.set_default_timeout(10_000)
    hands, findings = Hands(page), []

    def checked():
        page.wait_for_load_state("networkidle")
        findings.extend(f"{page.url}: {v}" for v in serious_violations(page))

    with time_machine.travel(JUST_AFTER, tick=True):
        page.goto(base + "/")
        checked()
        hands.tap(page.get_by_role("link", name="Sign up").first)
        checked()
        hands.fill(page.get_by_label("Username"), "dana")
        hands.fill(page.get_by_label("Your name, as you sign notes"), "Dana Whitfield")
        hands.fill(page.get_by_label("Email"), "dana.whitfield@example.org")
        hands.fill(page.locator("#id_password1"), "a long and unusual passphrase 42")
        hands.fill(page.locator("#id_password2"), "a long and unusual passphrase 42")
        hands.tap(page.get_by_role("button", name="Create account"))
        expect(page.get_by_role("heading", name="Today")).to_be_visible()
        # Logged in at once; confirming the address can wait for the mail, so it costs no interaction here.
        expect(page.get_by_text("we sent a link to dana.whitfield@example.org")).to_be_visible()
        checked()

        from clinch.accounts.models import User
        from clinch.mail.models import MailAccount

        dana = User.objects.get(username="dana")
        assert dana.timezone == "America/Denver"  # read from the browser, not typed
        # Setting up mail is its own flow; here the account simply exists so Clinch can send.
        MailAccount.objects.create(owner=dana, from_name="Dana Whitfield", from_email="dana.whitfield@example.org",
                                   smtp_host="smtp.example.org")

        hands.tap(page.get_by_role("link", name="Record an interview").first)
        checked()
        hands.fill(page.get_by_label("Company"), "Larkspur Robotics, Inc.")
        hands.fill(page.get_by_label("Role you interviewed for"), "Controls Engineer")
        for index, (name, email) in enumerate(PANEL):
            if index:
                hands.tap(page.get_by_role("button", name="Add another person"))
                expect(page.locator(f"#id_p{index}-name")).to_be_focused()
            hands.fill(page.locator(f"#id_p{index}-name"), name)
            hands.fill(page.locator(f"#id_p{index}-email"), email)
        page.wait_for_load_state("networkidle")
        hands.tap(page.get_by_role("button", name="Save and plan follow-ups"))
        expect(page.get_by_role("heading", name="Controls Engineer at Larkspur Robotics, Inc.")).to_be_visible()
        checked()

        hands.tap(page.get_by_role("button", name="Schedule all 3 thank-you notes"))
        page.wait_for_load_state()
        if page.get_by_role("heading", name="Before they are scheduled").count():
            checked()
            hands.tap(page.get_by_role("button", name="Schedule"))
        checked()

    thank_yous = FollowUp.objects.filter(owner=dana, kind="thank_you")
    assert sorted(thank_yous.values_list("contact__name", flat=True)) == sorted(name for name, _ in PANEL)
    assert set(thank_yous.values_list("status", flat=True)) == {"scheduled"}
    assert Message.objects.filter(followup__in=thank_yous).count() == 3
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "journey.json").write_text(json.dumps({"interactions": hands.count, "steps": hands.log}, indent=2))
    assert not findings, "\n".join(findings)
    assert hands.count <= GOAL, hands.log
