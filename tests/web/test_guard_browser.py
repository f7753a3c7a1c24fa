"""In a real browser, on a phone and a desktop: the timing guard asks before a note goes at the
wrong time; a suggested fix is one tap and keeps the cursor; all thank-you notes in one go; an
outcome says what it changes and asks who sent a rejection."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from clinch.followups.models import FollowUp
from clinch.interviews.models import Contact
from clinch.mail.models import Message
from tests.browser_steps import log_in
from tests.web.flows import DENVER, recorded_with_mail

pytestmark = pytest.mark.browser

NIGHT_BEFORE_THE_DATE = datetime(2026, 3, 9, 3, 36, tzinfo=DENVER)
PLANNED_CHECK = datetime(2026, 3, 17, 9, 30, tzinfo=DENVER)
AFTERNOON = datetime(2026, 3, 5, 15, 0, tzinfo=DENVER)


@pytest.fixture(params=["phone_page", "desktop_page"])
def page(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def plan(dana):
    return recorded_with_mail(dana)


def open_status_check(page, live_server, dana):
    check = FollowUp.objects.filter(owner=dana, kind="status_check").order_by("send_at").first()
    page.goto(f"{live_server.url}/followups/{check.public_id}/")
    return check


def test_send_now_at_night_before_their_date_asks_and_keeps_the_plan_by_default(live_server, page, screenshot,
                                                                                  dana, plan):
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=True):
        log_in(page, live_server.url)
        check = open_status_check(page, live_server, dana)
        page.get_by_role("button", name="Send now").click()
        guard = page.get_by_test_id("timing-guard")
        assert "Now is not a good moment" in guard.inner_text()
        assert "03:3" in guard.inner_text() and "Friday 13 March" in guard.inner_text()
        assert page.get_by_label("Send at the planned time", exact=False).is_checked()
        assert not guard.get_by_text("F4:", exact=False).is_visible()  # the rule ids wait behind "Why this time?"
        guard.get_by_text("Why this time?").click()
        assert guard.get_by_text("F4:", exact=False).is_visible()
        screenshot(page, "1-asked")
        page.get_by_role("button", name="Confirm").click()
        assert page.get_by_text("Kept to the plan").is_visible()
        assert Message.objects.get(followup=check).send_at == PLANNED_CHECK
        assert FollowUp.objects.get(pk=check.pk).timing_choice == "planned"

        page.get_by_role("button", name="Take it back to edit").click()
        page.get_by_role("button", name="Send now").click()
        page.get_by_label("Send now anyway").check()
        page.get_by_role("button", name="Confirm").click()
        assert page.get_by_text("On its way").is_visible()
        screenshot(page, "2-anyway")
    assert FollowUp.objects.get(pk=check.pk).timing_choice == "anyway"
    assert Message.objects.get(followup=check, state="scheduled").send_at < PLANNED_CHECK


def test_one_tap_applies_a_fix_and_keeps_the_cursor(live_server, phone_page, screenshot, dana, plan):
    page = phone_page
    with time_machine.travel(AFTERNOON, tick=True):
        log_in(page, live_server.url)
        note = FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Rafael Quiñones")
        page.goto(f"{live_server.url}/followups/{note.public_id}/")
        body = page.locator("#id_body")
        text = note.body.replace("Rafael", "Rafel", 1)
        body.fill(text)
        fix = page.get_by_role("button", name="Use “Rafael”")
        fix.wait_for()
        counts = page.get_by_test_id("counts").inner_text()
        assert "/ 180 words" in counts
        at = len(text) - 10  # the writer's cursor, near the end of the note
        body.evaluate(f"el => el.setSelectionRange({at}, {at})")
        fix.click()
        assert body.input_value() == note.body
        assert body.evaluate("el => el.selectionStart") == at + 1  # "Rafael" is one letter longer
        page.get_by_text("No problems found").wait_for()
        screenshot(page, "fixed")


def test_schedule_all_thank_you_notes_in_one_tap(live_server, phone_page, screenshot, dana, plan):
    page = phone_page
    with time_machine.travel(AFTERNOON, tick=True):
        log_in(page, live_server.url)
        page.goto(f"{live_server.url}/opportunities/{plan.public_id}/")
        page.get_by_role("button", name="Schedule all 3 thank-you notes").click()
        assert page.get_by_text("Scheduled 3 thank-you notes").is_visible()
        screenshot(page, "scheduled")
    assert set(FollowUp.objects.filter(owner=dana, kind="thank_you").values_list("status", flat=True)) == {"scheduled"}


def test_rejected_says_what_it_cancels_and_answers_whoever_sent_it(live_server, page, screenshot, dana, plan):
    with time_machine.travel(AFTERNOON, tick=True):
        log_in(page, live_server.url)
        page.goto(f"{live_server.url}/opportunities/{plan.public_id}/")
        page.get_by_role("button", name="Rejected").click()
        preview = page.get_by_test_id("outcome-preview").inner_text()
        assert "2 planned status checks will not be sent." in preview
        page.get_by_label("Tomás Wright", exact=False).check()
        screenshot(page, "confirm")
        page.get_by_role("button", name="Yes, record: Rejected").click()
        assert page.get_by_text("gracious reply is drafted").is_visible()
    reply = FollowUp.objects.get(owner=dana, kind="rejection_reply")
    assert reply.contact == Contact.objects.get(owner=dana, name="Tomás Wright")
