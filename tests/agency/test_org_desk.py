"""Each organisation has its own public consultation form, and its desk shows only its own requests.

Northwind's desk staff (Priya) see what came through Northwind's form; Southbank's owner (Sam)
gets 404 on it (tests/agency/test_org_walk.py walks every desk route); server-wide staff triage the
server's own form only.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from clinch.agency.models import Coaching
from clinch.consult import guard
from clinch.consult.models import ConsultationRequest, SpamCount
from tests.agency.conftest import NOW, client_for, coached, membership, opportunity_with_steps
from tests.consult.conftest import form_data, make_request


@pytest.fixture(autouse=True)
def consult_settings(db, settings):
    settings.CONSULT_MIN_FILL_SECONDS = 3
    settings.CONSULT_FORM_MAX_AGE_SECONDS = 86400
    settings.CONSULT_RATE_LIMIT = 5
    settings.CONSULT_RATE_WINDOW_SECONDS = 3600
    settings.STAFF_NOTIFY_EMAILS = ["desk@server.example"]
    settings.SITE_URL = "https://clinch.agency.example"
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


def org_form(org) -> str:
    return reverse("consult:org_form", args=[org.public_id])


@pytest.fixture
def northwind_request(northwind):
    return make_request(first_name="Ana", email="ana@example.org", organisation=northwind)


@pytest.fixture
def southbank_request(southbank):
    return make_request(first_name="Bea", last_name="Moreau", email="bea@example.org", organisation=southbank)


@pytest.fixture
def server_request(db):
    return make_request(first_name="Cleo", last_name="Park", email="cleo@example.org")


# --- the organisation's own form ----------------------------------------------------------------

def test_the_organisations_form_stores_the_request_for_it_and_tells_only_its_desk(northwind):
    page = Client().get(org_form(northwind)).content.decode()
    assert "Request a consultation with Northwind Careers" in page
    response = Client().post(org_form(northwind), form_data(email="ana@example.org"))
    assert response.status_code == 302 and response["Location"] == reverse("consult:thanks")
    stored = ConsultationRequest.objects.get()
    assert stored.organisation == northwind and stored.email == "ana@example.org"
    staff_mail = [m for m in mail.outbox if "ana@example.org" not in m.to]
    # Olivia (owner) and Priya (desk staff) are told; not the server's desk address, not the coach.
    assert [sorted(m.to) for m in staff_mail] == [["olivia@example.org", "priya@example.org"]]


def test_an_unknown_organisation_has_no_form(db):
    assert Client().get("/consultation/8d5bd3c1-3a4e-4f0f-9d43-2b1e0d7b1e0a").status_code == 404
    assert Client().post("/consultation/8d5bd3c1-3a4e-4f0f-9d43-2b1e0d7b1e0a", form_data()).status_code == 404
    assert not ConsultationRequest.objects.exists()


def test_the_organisations_form_has_the_same_honeypot(northwind):
    response = Client().post(org_form(northwind), form_data(**{guard.HONEYPOT_FIELD: "https://spam.example"}))
    assert response.status_code == 302 and response["Location"] == reverse("consult:thanks")
    assert not ConsultationRequest.objects.exists() and not mail.outbox
    assert SpamCount.objects.get().reason == "honeypot"


def test_the_rate_limit_counts_every_form_of_the_server_together(northwind, southbank):
    visitor = Client()
    for n in range(5):
        form = org_form(northwind if n % 2 else southbank)
        assert visitor.post(form, form_data(email=f"p{n}@example.org")).status_code == 302
    assert visitor.post(org_form(northwind), form_data()).status_code == 429
    assert visitor.post(reverse("consult:form"), form_data()).status_code == 429
    assert ConsultationRequest.objects.count() == 5


def test_the_organisation_page_links_its_form(northwind):
    page = client_for(membership(northwind, "priya").user).get(reverse("agency:organisation", args=[northwind.public_id]))
    assert org_form(northwind) in page.content.decode()


# --- the desk, scoped --------------------------------------------------------------------------

def listed(client) -> str:
    return client.get(reverse("consult:desk")).content.decode()


def test_desk_staff_see_only_their_organisations_requests(northwind, southbank, northwind_request, southbank_request,
                                                         server_request):
    priya = client_for(membership(northwind, "priya").user)
    page = listed(priya)
    assert "Ana Oliveira" in page and "Bea Moreau" not in page and "Cleo Park" not in page
    page = listed(client_for(membership(southbank, "sam").user))
    assert "Bea Moreau" in page and "Ana Oliveira" not in page and "Cleo Park" not in page


def test_server_wide_staff_see_the_server_forms_requests_only(make_user, northwind_request, southbank_request,
                                                             server_request):
    admin = client_for(make_user("ada", is_staff=True))
    page = listed(admin)
    assert "Cleo Park" in page and "Ana Oliveira" not in page and "Bea Moreau" not in page
    # An agency staff account in no organisation is the desk of a single-agency server, as before.
    page = listed(client_for(make_user("lou", role="agency_staff")))
    assert "Cleo Park" in page and "Ana Oliveira" not in page


def test_a_candidate_gets_404_on_the_desk(erin):
    assert client_for(erin).get(reverse("consult:desk")).status_code == 404


def test_the_export_finds_nothing_of_another_organisation(northwind, southbank, southbank_request):
    priya = client_for(membership(northwind, "priya").user)
    response = priya.post(reverse("consult:desk_export"), {"email": "bea@example.org"})
    assert response.status_code == 200 and "Nothing is stored for this address." in response.content.decode()
    sam = client_for(membership(southbank, "sam").user)
    response = sam.post(reverse("consult:desk_export"), {"email": "bea@example.org"})
    assert response["Content-Type"].startswith("application/json") and b"Moreau" in response.content


def test_a_request_is_assigned_only_to_a_member_of_its_organisation(northwind, southbank, northwind_request):
    priya = client_for(membership(northwind, "priya").user)
    page = priya.get(f"/desk/{northwind_request.public_id}/").content.decode()
    assert "Marcus Lee" in page and "Olivia Brandt" in page and "Sam Okafor" not in page
    sam = membership(southbank, "sam").user
    priya.post(f"/desk/{northwind_request.public_id}/assign/", {"assigned_to": sam.pk})
    northwind_request.refresh_from_db()
    assert northwind_request.assigned_to is None
    olivia = membership(northwind, "olivia").user
    priya.post(f"/desk/{northwind_request.public_id}/assign/", {"assigned_to": olivia.pk})
    northwind_request.refresh_from_db()
    assert northwind_request.assigned_to == olivia


# --- spam counts, per form ---------------------------------------------------------------------

def spam_line(client) -> str:
    return re.search(r"\d+ spam submissions? blocked in the last 7 days\.", listed(client)).group(0)


def test_each_desk_counts_only_the_spam_its_own_forms_blocked(make_user, northwind, southbank, time_machine):
    time_machine.move_to(NOW, tick=False)
    trap = {guard.HONEYPOT_FIELD: "https://spam.example"}
    for form in (org_form(northwind), org_form(northwind), org_form(southbank), reverse("consult:form")):
        assert Client().post(form, form_data(**trap)).status_code == 302
    assert spam_line(client_for(membership(northwind, "priya").user)) == "2 spam submissions blocked in the last 7 days."
    assert spam_line(client_for(membership(southbank, "sam").user)) == "1 spam submission blocked in the last 7 days."
    assert spam_line(client_for(make_user("ada", is_staff=True))) == "1 spam submission blocked in the last 7 days."


def test_a_burst_on_one_form_counts_on_one_row_of_that_form(northwind, southbank, time_machine):
    time_machine.move_to(NOW, tick=False)
    trap = {guard.HONEYPOT_FIELD: "https://spam.example"}
    for _ in range(3):
        Client().post(org_form(northwind), form_data(**trap))
    Client().post(reverse("consult:form"), form_data(**trap))
    rows = sorted((row.organisation_id or 0, row.reason, row.count) for row in SpamCount.objects.all())
    assert rows == [(0, "honeypot", 1), (northwind.pk, "honeypot", 3)]


# --- the desk staff role -----------------------------------------------------------------------

def test_an_ordinary_account_made_desk_staff_converts_a_request_and_sees_it_accepted(make_user, northwind, erin,
                                                                                      northwind_request):
    """The owner adds an ordinary account as desk staff: the desk is theirs (linked from More), they assign
    the request to a coach and convert it, and see the candidate's acceptance there."""
    olivia = client_for(membership(northwind, "olivia").user)
    make_user("tess", display_name="Tess Ward")
    olivia.post(reverse("agency:member_add", args=[northwind.public_id]), {"username": "tess", "role": "staff"})
    tess = client_for(membership(northwind, "tess").user)
    assert reverse("consult:desk") in tess.get(reverse("more")).content.decode()
    assert "Ana Oliveira" in listed(tess)
    marcus = membership(northwind, "marcus")
    tess.post(f"/desk/{northwind_request.public_id}/assign/", {"assigned_to": marcus.user.pk})
    tess.post(reverse("consult:desk_invite", args=[northwind_request.public_id]), {"seen_invited_at": ""})
    link = re.search(r"https://[^/\s]+(/invitation/\S+/)", mail.outbox[-1].body).group(1)
    client_for(erin).post(link, {"level": "drafts"})
    assert Coaching.objects.get(owner=erin).membership == marcus
    assert re.search(r"Ana Oliveira.*?Converted</span> <span class=\"badge badge-ok\">Accepted", listed(tess), re.S)
    detail = tess.get(f"/desk/{northwind_request.public_id}/").content.decode()
    assert "on behalf of Marcus Lee" in detail and "Accepted" in detail


def test_desk_staff_see_no_candidate_of_their_organisation(northwind, erin, northwind_request):
    opportunity_with_steps(erin, thank_you_at=None, status_check_at=None)
    coaching = coached(erin, membership(northwind, "marcus"), "drafts")
    priya = client_for(membership(northwind, "priya").user)
    org = northwind.public_id
    assert priya.get(reverse("agency:board", args=[org])).status_code == 404
    assert priya.get(reverse("agency:candidate", args=[org, coaching.public_id])).status_code == 404
    pages = listed(priya) + priya.get(reverse("agency:organisation", args=[org])).content.decode()
    assert "Erin Castillo" not in pages and "Larkspur" not in pages
