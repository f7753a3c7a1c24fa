"""Every main page runs under the strict Content-Security-Policy with no violation, in Debian's Chromium.

The browser reports each refused script, style or request as a
``securitypolicyviolation`` event and a console error; the test collects both
across the public pages, a candidate's pages (typing into the live checks
included) and the agency desk, and expects none.
"""

from __future__ import annotations

import pytest
import time_machine

from tests.browser_steps import log_in
from tests.web.flows import JUST_AFTER, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watch:
    """Console CSP errors and violation events seen on one page."""

    def __init__(self, page) -> None:
        self.page, self.seen = page, []
        page.add_init_script(COLLECT)
        page.on("console", lambda message: self._console(message))

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.seen.append(message.text)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.collect()

    def collect(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.seen += [f"{self.page.url}: {v}" for v in self.page.evaluate("window.__cspViolations || []")]


def test_public_pages_have_no_csp_violations(live_server, desktop_page):
    watch = Watch(desktop_page)
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/consultation",
                 "/admin/login/"):
        watch.visit(live_server.url + path)
    assert watch.seen == []


def test_a_candidates_pages_have_no_csp_violations(live_server, desktop_page, dana):
    from clinch.followups.models import FollowUp

    with time_machine.travel(JUST_AFTER, tick=True):
        interview = record(dana)
        followup = FollowUp.objects.filter(owner=dana, kind="thank_you").first()
        contact = followup.contact
        page, base = desktop_page, live_server.url
        watch = Watch(page)
        log_in(page, base)
        for path in ("/", "/interviews/new/", f"/interviews/{interview.public_id}/edit/", "/opportunities/",
                     f"/opportunities/{interview.opportunity.public_id}/", f"/followups/{followup.public_id}/",
                     "/contacts/", f"/contacts/{contact.public_id}/", "/reading-list/",
                     f"/reading-list/interview/{interview.public_id}/", "/calendar/", "/mail/", "/mail/outbox/",
                     "/accounts/profile/", "/accounts/password/"):
            watch.visit(base + path)

        # The live checks are htmx requests: typing must not trip the policy either.
        watch.visit(base + f"/followups/{followup.public_id}/")
        page.locator("#id_body").fill("Dear Rafel,\n\nThank you for today. I really need this job!!!\n\nDana")
        page.wait_for_timeout(1200)
        watch.collect()
        watch.visit(base + "/interviews/new/")
        page.locator("#id_next_step").fill("They will decide by Friday next week")
        page.wait_for_timeout(1200)
        watch.collect()
    assert watch.seen == []


def test_the_agency_desk_has_no_csp_violations(live_server, desktop_page, make_user):
    from tests.consult.conftest import make_request

    make_user("priya", role="agency_staff")
    request = make_request()
    watch = Watch(desktop_page)
    log_in(desktop_page, live_server.url, "priya", lands="/desk/")
    for path in ("/desk/", f"/desk/{request.public_id}/"):
        watch.visit(live_server.url + path)
    assert watch.seen == []


def test_only_the_capture_pages_may_use_the_camera(client, dana):
    client.force_login(dana)
    assert "camera=(self)" in client.get("/interviews/new/")["Permissions-Policy"]
    for path in ("/", "/contacts/", "/mail/", "/accounts/login/"):
        policy = client.get(path)["Permissions-Policy"]
        assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy, path
