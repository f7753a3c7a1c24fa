"""CSRF, escaping of every field in pages and emails, and header injection through names or email."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from clinch.consult import emails
from clinch.consult.models import ConsultationRequest, RequestNote
from tests.consult.conftest import form_data, make_request

URL = "/consultation"
XSS = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
# Names refuse < > " outright (tests/mail/test_header_names.py); the other fields keep markup as text.
TEXT_FIELDS = ("phone", "role", "how_can_we_help", "heard_from")


@pytest.mark.django_db
def test_the_public_form_refuses_a_post_without_a_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, form_data()).status_code == 403
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_desk_actions_refuse_a_post_without_a_csrf_token(priya):
    request = make_request()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(priya)
    for name, data in [
        ("desk_status", {"status": "closed_spam"}),
        ("desk_assign", {"assigned_to": priya.pk}),
        ("desk_note", {"body": "x"}),
        ("desk_invite", {"seen_invited_at": ""}),
    ]:
        assert strict.post(reverse(f"consult:{name}", args=[request.public_id]), data).status_code == 403, name
    assert strict.post(reverse("consult:desk_export"), {"email": request.email}).status_code == 403
    request.refresh_from_db()
    assert (request.status, request.assigned_to, request.invited_at) == ("new", None, None)
    assert mail.outbox == [] and not RequestNote.objects.exists()


@pytest.mark.django_db
def test_the_public_form_with_its_token_goes_through_with_csrf_enforced():
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert strict.post(URL, {**form_data(), "csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.django_db
def test_script_in_every_field_is_stored_as_text_and_escaped_on_the_desk_and_in_emails(client, priya):
    data = form_data(**{field: f"{field} {XSS}" for field in TEXT_FIELDS})
    assert client.post(URL, data).status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.role == f"role {XSS}"
    RequestNote.objects.create(request=stored, author=priya, body=f"note {XSS}")

    staff = Client()
    staff.force_login(priya)
    pages = [
        staff.get("/desk/").content.decode(),
        staff.get(reverse("consult:desk_detail", args=[stored.public_id])).content.decode(),
    ]
    staff.post(reverse("consult:desk_invite", args=[stored.public_id]), {"seen_invited_at": ""})
    html_bodies = [message.alternatives[0].content for message in mail.outbox]
    assert len(html_bodies) == 3  # confirmation, staff notification, invitation
    for html in pages + html_bodies:
        assert "<script>alert" not in html
    detail, notification = pages[1], html_bodies[1]
    for field in (*TEXT_FIELDS, "note"):
        assert f"{field} {ESCAPED}" in detail, field
    for field in TEXT_FIELDS:
        assert f"{field} {ESCAPED}" in notification, field
    # The plain-text part is not HTML: it carries the text as typed, which is harmless there.
    assert f"how_can_we_help {XSS}" in mail.outbox[1].body


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name", "email", "phone", "role", "heard_from"])
@pytest.mark.parametrize("breaker", ["\r\nBcc: victim@example.com", "\nBcc: victim@example.com", "\rX: y"])
def test_a_line_break_in_a_one_line_field_is_refused_and_nothing_is_sent(client, field, breaker):
    value = form_data()[field]
    if field == "email":
        value = "ana" + breaker + "@example.org"  # an outer line break would just be trimmed
    else:
        value = value + breaker + " tail"
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_trailing_line_break_is_trimmed_not_turned_into_a_header(client):
    client.post(URL, form_data(first_name="Ana\r\n", email="ana@example.org\r\n"))
    stored = ConsultationRequest.objects.get()
    assert (stored.first_name, stored.email) == ("Ana", "ana@example.org")
    for message in mail.outbox:
        assert "Bcc" not in message.message().as_string()


def test_addresses_refuse_line_breaks_even_if_a_row_skipped_validation():
    sneaky = ConsultationRequest(first_name="Ana\r\nBcc: victim@example.com", last_name="O", email="ana@example.org")
    address = emails.requester_address(sneaky)  # the line break is flattened into the quoted name
    assert "\r" not in address and "\n" not in address and address.endswith(" <ana@example.org>")
    sneaky = ConsultationRequest(first_name="Ana", last_name="O", email="ana@example.org\r\nBcc: victim@example.com")
    with pytest.raises(ValueError):
        emails.send_confirmation(sneaky)


@pytest.mark.django_db
def test_names_with_quotes_commas_and_accents_become_one_quoted_address(client):
    client.post(URL, form_data(first_name="Zoë 'Z'", last_name="Smith, Jr.", email="zoe@example.org"))
    notification = mail.outbox[1]
    header = notification.message()["Reply-To"]
    assert len(header.addresses) == 1
    assert header.addresses[0].display_name == "Zoë 'Z' Smith, Jr."
    assert header.addresses[0].addr_spec == "zoe@example.org"
    assert notification.subject == "New consultation request from Zoë 'Z' Smith, Jr."


@pytest.mark.django_db
def test_markup_in_a_quoted_email_address_is_refused_outright(client):
    response = client.post(URL, form_data(email='"<script>alert(1)</script>"@example.org'))
    assert response.status_code == 200
    assert "Use a plain address, like name@example.org." in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not ConsultationRequest.objects.exists()
