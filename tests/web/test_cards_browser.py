"""A panel of three from their business cards on a phone, in Debian's Chromium: scan, confirm, topics, plan.

Counts every interaction (a page opened, a tap, a field filled, photos chosen)
from opening Clinch to seeing three thank-you notes planned; the goal is under 20.
Screenshots go to test-artifacts/screenshots/<test>/.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from bench.cards.generate import panel_photos
from tests.browser_steps import log_in
from tests.web.flows import DENVER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOBBY = datetime(2026, 3, 5, 14, 45, tzinfo=DENVER)  # a quarter of an hour after the panel ended
GOAL = 20


@pytest.fixture
def phone(browser):
    """A current phone's screen: 390 x 844."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_three_cards_become_three_planned_thank_you_notes_in_under_twenty_interactions(
        live_server, phone, screenshot, make_user, tmp_path):
    page, base = phone, live_server.url
    page.set_default_timeout(90_000)  # reading three photos takes a few seconds on a busy machine
    make_user("dana", display_name="Dana Whitfield")
    photos = []
    for index, (data, _) in enumerate(panel_photos()):
        path = tmp_path / f"card-{index + 1}.jpg"
        path.write_bytes(data)
        photos.append(str(path))
    interactions = []

    def act(what: str, step) -> None:
        interactions.append(what)
        step()

    def fits() -> None:
        # Measured once the page's stylesheet has loaded: a busy machine can show the heading first.
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url

    with time_machine.travel(LOBBY, tick=True):
        log_in(page, base)  # already signed in on one's own phone: not part of the journey
        act("open Clinch", lambda: page.goto(base + "/"))
        act("tap Record an interview", lambda: page.get_by_role("link", name="Record an interview").first.click())
        act("tap Scan cards", lambda: page.get_by_role("link", name="Scan cards").click())
        expect(page.get_by_role("heading", name="Scan cards")).to_be_visible()
        fits()
        screenshot(page, "01-scan")
        act("choose three photos", lambda: page.get_by_label("Or choose photos").set_input_files(photos))
        act("tap Read the cards", lambda: page.get_by_role("button", name="Read the cards").click())

        expect(page.get_by_role("heading", name="Check 3 cards")).to_be_visible()
        expect(page.locator("#id_card-0-name")).to_have_value("Rafael Quiñones")
        expect(page.locator("#id_card-1-name")).to_have_value("Meghan Oyelaran-Schmidt")
        expect(page.locator("#id_card-2-name")).to_have_value("Tomás Wright")
        expect(page.locator("img.scan-photo")).to_have_count(3)
        fits()
        screenshot(page, "02-check-the-cards")
        act("tap Confirm", lambda: page.get_by_role("button", name="Confirm and fill in the interview").click())

        expect(page.get_by_role("heading", name="Record an interview")).to_be_visible()
        expect(page.get_by_label("Company")).to_have_value("Larkspur Robotics, Inc.")
        expect(page.locator("#id_p2-email")).to_have_value("twright@larkspur.example")
        act("type the role", lambda: page.get_by_label("Role you interviewed for").fill("Controls Engineer"))
        topics = ["tuning the gripper's force controller", "the ROS 2 migration", "the relocation package"]
        for index, topic in enumerate(topics):
            act(f"type a topic for person {index + 1}", lambda i=index, t=topic: page.locator(f"#id_p{i}-topics").fill(t))
        fits()
        screenshot(page, "03-capture-filled-from-cards")
        act("tap Save", lambda: page.get_by_role("button", name="Save and plan follow-ups").click())

        expect(page.get_by_role("heading", name="Controls Engineer at Larkspur Robotics, Inc.")).to_be_visible()
        expect(page.locator(".timeline-item").filter(has_text="Thank-you note")).to_have_count(3)
        fits()
        screenshot(page, "04-three-thank-you-notes-planned")

    print(f"\ninteractions from opening Clinch to three planned thank-you notes: {len(interactions)}")
    for number, what in enumerate(interactions, start=1):
        print(f"  {number:2}. {what}")
    assert len(interactions) < GOAL


def test_a_contacts_card_is_scanned_checked_and_its_photo_kept(live_server, phone, screenshot, make_user, tmp_path):
    from clinch.interviews.models import Contact

    page, base = phone, live_server.url
    page.set_default_timeout(90_000)
    dana = make_user("dana", display_name="Dana Whitfield")
    contact = Contact.objects.create(owner=dana, name="Tomas Wright", email="twright@larkspur.example")
    path = tmp_path / "card.jpg"
    path.write_bytes(panel_photos()[2][0])
    log_in(page, base)
    page.goto(f"{base}/contacts/{contact.public_id}/")
    page.get_by_role("link", name="Scan a card").click()
    page.get_by_label("Or choose photos").set_input_files(str(path))
    page.get_by_role("button", name="Read the card").click()
    expect(page.get_by_role("heading", name="Check Tomas Wright’s card")).to_be_visible()
    expect(page.locator("#id_card-0-name")).to_have_value("Tomás Wright")
    page.get_by_label("Keep the card photo with the contact").check()
    screenshot(page, "01-check-the-card")
    page.get_by_role("button", name="Save to Tomas Wright").click()
    expect(page.get_by_role("heading", name="Tomás Wright", exact=True)).to_be_visible()
    expect(page.get_by_text("Contact updated from the card.")).to_be_visible()
    photo = page.get_by_role("img", name="Tomás Wright’s business card")
    expect(photo).to_be_visible()
    # Visible is not loaded: wait for the browser to finish with it (or give up on it) before measuring.
    loaded_width = ("img => img.complete ? img.naturalWidth : new Promise(done => {"
                    " img.addEventListener('load', () => done(img.naturalWidth));"
                    " img.addEventListener('error', () => done(0)); })")
    assert photo.evaluate(loaded_width) > 300  # served, and decoded by the browser
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "02-contact-with-card-photo")
