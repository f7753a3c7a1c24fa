"""Every page, on a phone and on a desktop, in the light and the dark theme, in Debian's Chromium.

For each page: axe-core (from the npm package, installed by scripts/system-deps.sh into
.test-npm/, never from a CDN) finds no serious or critical violation; nothing is wider than
the screen; a screenshot is saved under test-artifacts/screenshots/look/<viewport>-<theme>/.
On the phone, the first load of each page (HTML, CSS and JS, gzip-compressed as whitenoise
serves static files) stays under 100 KB; the sizes go to test-artifacts/page-weights.json.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil

import pytest
import time_machine
from django.test import Client

from tests.conftest import ARTIFACTS, ROOT
from tests.web.flows import JUST_AFTER, add_mail_account, record
from tests.web.look import AXE, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
THEMES = ("light", "dark")
WEIGHT_LIMIT = 100_000
WEIGHED_TYPES = {"document", "stylesheet", "script"}


@pytest.fixture
def site(make_user):
    """A candidate with one planned onsite and a mail account, a staff member, and one consultation request."""
    from clinch.consult.models import ConsultationRequest

    dana = make_user("dana", display_name="Dana Whitfield")
    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(dana)
    add_mail_account(dana)
    # One note with a misspelt name, so that "Schedule all" stops on its review page.
    meghan = interview.opportunity.followups.get(kind="thank_you", contact__name="Meghan Oyelaran-Schmidt")
    meghan.body = meghan.body.replace("Meghan", "Megan", 1)
    meghan.save()
    staff = make_user("priya", role="agency_staff", display_name="Priya Raman", timezone="Europe/London")
    request = ConsultationRequest.objects.create(
        first_name="Sam", last_name="Okafor", email="sam@example.org", role="Data analyst",
        how_can_we_help="I have three interviews next week and want to follow up well.", consent=True)
    return {"dana": dana, "priya": staff, "interview": interview, "request": request}


def pages(site) -> list[tuple[str, str | None, str]]:
    """(name, who is logged in, path) for every page a person can open."""
    interview = site["interview"]
    opp = interview.opportunity
    followup = opp.followups.filter(kind="thank_you").order_by("send_at").first()
    contact = interview.participants.first().contact
    return [
        ("landing", None, "/"),
        ("login", None, "/accounts/login/"),
        ("signup", None, "/accounts/signup/"),
        ("password-reset", None, "/accounts/password/reset/"),
        ("consultation", None, "/consultation"),
        ("today", "dana", "/"),
        ("more", "dana", "/more/"),
        ("capture", "dana", "/interviews/new/"),
        ("interviews", "dana", "/opportunities/"),
        ("plan", "dana", f"/opportunities/{opp.public_id}/"),
        ("editor", "dana", f"/followups/{followup.public_id}/"),
        ("edit-interview", "dana", f"/interviews/{interview.public_id}/edit/"),
        ("contacts", "dana", "/contacts/"),
        ("contact", "dana", f"/contacts/{contact.public_id}/"),
        ("contact-new", "dana", "/contacts/new/"),
        ("contacts-import", "dana", "/contacts/import/"),
        ("reading-list", "dana", "/reading-list/"),
        ("interview-reading", "dana", f"/reading-list/interview/{interview.public_id}/"),
        ("calendar", "dana", "/calendar/"),
        ("mail", "dana", "/mail/"),
        ("outbox", "dana", "/mail/outbox/"),
        ("profile", "dana", "/accounts/profile/"),
        ("password-change", "dana", "/accounts/password/"),
        ("desk", "priya", "/desk/"),
        ("desk-request", "priya", f"/desk/{site['request'].public_id}/"),
        ("staff-more", "priya", "/more/"),
    ]


# Pages reached by a button, not an address: (name, the page it starts on, the button).
AFTER_A_TAP = [
    ("schedule-all-review", "plan", "Schedule all 3 thank-you notes"),
    ("outcome-confirm", "plan", "Rejected"),
]
# The shots the README shows, from docs/screenshots/ (copied when CLINCH_README_SCREENSHOTS=1).
README = {("phone", "light", "today"), ("phone", "dark", "plan"),
          ("desktop", "light", "plan")}
DOCS = ROOT / "docs" / "screenshots"


def session_cookie(user, base: str) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}


def open_page(browser, base, site, who, path, viewport, theme):
    """A fresh context (empty cache, as a first visit) and the page loaded; its responses kept."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=theme, device_scale_factor=1)
    if who:
        context.add_cookies([session_cookie(site[who], base)])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    return context, page, responses


def compressed_weight(responses) -> dict:
    """Bytes of HTML, CSS and JS, each gzip-compressed, as a compressing server sends them."""
    sizes = {}
    for response in responses:
        if response.request.resource_type in WEIGHED_TYPES and response.status < 400:
            sizes[response.url.split("?")[0]] = len(gzip.compress(response.body(), 6))
    return sizes


def visits(site) -> list[tuple[str, str | None, str, str | None]]:
    """(name, who, path, button to tap there first or None) for every page, those behind a button too."""
    found = [(name, who, path, None) for name, who, path in pages(site)]
    where = {name: (who, path) for name, who, path, _ in found}
    return found + [(name, *where[start], tap) for name, start, tap in AFTER_A_TAP]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run scripts/system-deps.sh")
def test_every_page_is_accessible_fits_the_screen_and_loads_light_in_both_themes(live_server, browser, site):
    base = live_server.url
    failures, weights = [], {}
    with time_machine.travel(JUST_AFTER, tick=True):
        for viewport in VIEWPORTS:
            for theme in THEMES:
                folder = ARTIFACTS / "screenshots" / "look" / f"{viewport}-{theme}"
                folder.mkdir(parents=True, exist_ok=True)
                for name, who, path, tap in visits(site):
                    context, page, responses = open_page(browser, base, site, who, path, viewport, theme)
                    try:
                        assert page.url.startswith(base + path), f"{name}: ended on {page.url}"
                        if tap:
                            page.get_by_role("button", name=tap, exact=True).click()
                            page.wait_for_load_state("networkidle")
                        check(page, f"{viewport}/{theme}/{name}", VIEWPORTS[viewport]["width"], failures)
                        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
                        if (viewport, theme, name) in README and os.environ.get("CLINCH_README_SCREENSHOTS"):
                            readme_copy(page, folder / f"{name}.png", f"{name}-{viewport}-{theme}.png", viewport)
                        if viewport == "phone" and theme == "light" and not tap:
                            sizes = compressed_weight(responses)
                            weights[name] = {"total": sum(sizes.values()), "files": sizes}
                            if weights[name]["total"] >= WEIGHT_LIMIT:
                                failures.append(f"{name}: {weights[name]['total']} bytes on first load")
                    finally:
                        context.close()
    (ARTIFACTS / "page-weights.json").write_text(json.dumps(weights, indent=2))
    assert not failures, "\n".join(failures)


def readme_copy(page, full, name: str, viewport: str) -> None:
    """Into docs/screenshots/: on a phone what the screen shows (tab bar included), on a desktop the whole page."""
    DOCS.mkdir(parents=True, exist_ok=True)
    if viewport == "phone":
        page.screenshot(path=str(DOCS / name))
    else:
        shutil.copy(full, DOCS / name)


def check(page, where: str, width: int, failures: list[str]) -> None:
    """Nothing wider than the screen, and no serious or critical axe-core finding."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        failures.append(f"{where}: {scroll_width} px wide")
    failures.extend(f"{where}: {v}" for v in serious_violations(page))
