"""Sharing an invitation to the installed Clinch, in Debian's Chromium on a phone, with the service worker
in control: the share sheet's POST (multipart, no CSRF token) reaches the server and the capture page
comes back filled in."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from clinch.interviews.models import Interview
from tests.conftest import ARTIFACTS
from tests.web.test_invitation_capture import AFTER_CASCADIA, FIXTURES
from tests.web.test_offline_browser import phone  # noqa: F401  (the same phone, service workers allowed)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "screenshots" / "share"

# What the share sheet sends: a navigation POST to the manifest's action, the file in "file".
SHARE_LIKE_THE_PHONE = """([action, name, text]) => {
  const form = document.createElement("form");
  form.method = "post"; form.action = action; form.enctype = "multipart/form-data";
  const input = document.createElement("input");
  input.type = "file"; input.name = "file";
  const files = new DataTransfer();
  files.items.add(new File([text], name, {type: "text/calendar"}));
  input.files = files.files;
  form.appendChild(input);
  document.body.appendChild(form);
  form.submit();
}"""


def test_a_shared_invitation_opens_the_filled_capture_page_with_the_worker_in_control(live_server, phone, dana):  # noqa: F811
    context, page = phone
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(AFTER_CASCADIA, tick=True):
        page.goto(live_server.url + "/")
        page.evaluate("navigator.serviceWorker.ready")
        page.reload()
        assert page.evaluate("!!navigator.serviceWorker.controller")
        invitation = (FIXTURES / "outlook.ics").read_text(encoding="utf-8")
        with page.expect_navigation():
            page.evaluate(SHARE_LIKE_THE_PHONE, ["/share/", "invite.ics", invitation])
        expect(page.locator("#invitation-read")).to_be_visible()
        expect(page.get_by_label("Company")).to_have_value("Cascadia Instruments")
        expect(page.locator("#id_p0-name")).to_have_value("Jon Petrakis")
        page.screenshot(path=str(SHOTS / "shared-invitation.png"), full_page=False)
    assert not Interview.objects.exists()


def test_shared_cards_are_listed_and_imported_with_one_tap(live_server, phone, dana):  # noqa: F811
    from clinch.interviews.models import Contact
    from tests.web.test_share_target import CARDS

    context, page = phone
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.evaluate(SHARE_LIKE_THE_PHONE.replace("text/calendar", "text/vcard"), ["/share/", "contacts.vcf", CARDS])
    expect(page.locator("#shared-cards")).to_contain_text("Zoë Brandt-Åkesson")
    page.screenshot(path=str(SHOTS / "shared-cards.png"))
    assert not Contact.objects.exists()
    page.get_by_role("button", name="Import 2 cards").click()
    expect(page.get_by_text("Imported 2 cards: 2 new")).to_be_visible()
    assert Contact.objects.filter(owner=dana).count() == 2
