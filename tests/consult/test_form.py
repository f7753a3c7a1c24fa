"""The public consultation form: a visitor asks the agency for help finding a position."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from clinch.consult.models import ConsultationRequest
from tests.consult.conftest import form_data

URL = "/consultation"


@pytest.mark.django_db
def test_the_public_home_page_links_to_the_consultation_form(client):
    assert 'href="/consultation"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_form_marks_required_fields_and_says_what_the_star_means(client):
    page = client.get(URL).content.decode()
    assert "marks a required field" in page
    starred = re.findall(r'<label for="id_(\w+)">[^<]*<span class="required"', page)
    assert sorted(starred) == ["consent", "email", "first_name", "how_can_we_help", "last_name"]


@pytest.mark.django_db
def test_the_form_carries_a_hidden_honeypot_and_a_signed_start_time(client):
    page = client.get(URL).content.decode()
    assert re.search(r'<div class="consult-hp" aria-hidden="true">', page)
    assert re.search(r'<input type="text" name="website" id="id_website" value="" tabindex="-1"', page)
    assert re.search(r'<input type="hidden" name="started" value="[^"]+:[^"]+"', page)


@pytest.mark.django_db
def test_a_complete_request_is_stored_confirmed_to_the_visitor_and_sent_to_staff(client):
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("consult:thanks")
    stored = ConsultationRequest.objects.get()
    assert (stored.first_name, stored.last_name, stored.email) == ("Ana", "Oliveira", "ana.oliveira@example.org")
    assert (stored.phone, stored.role, stored.heard_from) == ("+1 555 0100", "Data engineer", "A friend")
    assert stored.status == "new" and stored.consent is True
    confirmation, notification = mail.outbox
    assert confirmation.to == ["ana.oliveira@example.org"]
    assert confirmation.subject == "We received your consultation request"
    assert notification.to == ["desk@agency.example"]
    assert notification.reply_to == ["Ana Oliveira <ana.oliveira@example.org>"]
    assert f"https://clinch.agency.example/desk/{stored.public_id}/" in notification.body
    assert "data engineering role in Denver" in notification.body
    assert client.get(response["Location"]).content.decode().count("we have your request") == 1


@pytest.mark.django_db
def test_the_success_page_says_what_happens_next(client):
    page = client.get(reverse("consult:thanks")).content.decode()
    assert "We sent a confirmation" in page
    assert 'href="/"' in page


@pytest.mark.django_db
def test_missing_required_fields_are_flagged_next_to_each_field_keeping_what_was_typed(client):
    data = form_data(first_name="", email="", how_can_we_help="", last_name="Oliveira", role="Data engineer")
    del data["consent"]
    response = client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    for field, message in [
        ("first_name", "Tell us your first name."),
        ("email", "We need an email address to reply to."),
        ("how_can_we_help", "Tell us a little about what you need."),
        ("consent", "We need your agreement before we can contact you."),
    ]:
        block = re.search(rf'<div class="field field-invalid">\s*<label for="id_{field}">.*?</div>\s*</div>', page, re.S)
        assert block and message in block.group(0), field
    assert 'value="Oliveira"' in page
    assert 'value="Data engineer"' in page
    assert 'name="started"' in page
    assert not ConsultationRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_address_that_is_not_an_email_is_refused(client):
    response = client.post(URL, form_data(email="ana at example dot org"))
    assert "This does not look like an email address." in response.content.decode()
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_without_a_staff_list_every_agency_staff_account_is_notified(client, settings, priya, marcus, dana):
    settings.STAFF_NOTIFY_EMAILS = []
    client.post(URL, form_data())
    notification = mail.outbox[1]
    assert sorted(notification.to) == ["marcus@example.org", "priya@example.org"]


@pytest.mark.django_db
def test_a_failing_mail_server_never_loses_the_request(client, monkeypatch):
    from clinch.consult import emails

    def refuse(request):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(emails, "send_confirmation", refuse)
    monkeypatch.setattr(emails, "send_staff_notification", refuse)
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_signed_in_candidate_can_ask_for_a_consultation_too(dana_client):
    assert dana_client.post(URL, form_data()).status_code == 302
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_confirmation_greets_the_visitor_by_first_name(client):
    client.post(URL, form_data(first_name="Ana-Luísa"))
    confirmation = mail.outbox[0]
    assert confirmation.body.startswith("Hello Ana-Luísa,")
    assert "<p>Hello Ana-Luísa,</p>" in confirmation.alternatives[0][0]


@pytest.mark.django_db
@pytest.mark.parametrize("junk", ["Visit http://spam.example", "Win 1000 dollars now", "A" * 40])
def test_a_first_name_that_is_not_plainly_a_name_is_not_echoed(client, junk):
    client.post(URL, form_data(first_name=junk))
    confirmation = mail.outbox[0]
    assert confirmation.body.startswith("Hello,\n") and junk not in confirmation.body
