"""Opening an invitation or a contact card from the phone's share sheet: the manifest offers Clinch as a
share target, and what is shared lands on the same review page as an upload, with nothing saved."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from clinch.interviews.models import Contact, Interview
from tests.web.test_invitation_capture import AFTER_CASCADIA, FIXTURES, fields_of

SHARE = reverse("share")
CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brandt-Åkesson\r\nN:Brandt-Åkesson;Zoë;;;\r\nORG:Larkspur Robotics\r\n"
    "EMAIL:zoe@larkspur.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jon Petrakis\r\nN:Petrakis;Jon;;;\r\nEMAIL:jon@cascadia.example\r\nEND:VCARD\r\n"
)


@pytest.fixture
def evening():
    with time_machine.travel(AFTER_CASCADIA, tick=False):
        yield


@pytest.fixture
def phone(dana):
    """Dana's phone: signed in, and (like the share sheet) sending no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(dana)
    return client


def manifest() -> dict:
    with open(finders.find("clinch/manifest.webmanifest"), encoding="utf-8") as file:
        return json.load(file)


def shared(name: str, content: bytes, content_type: str) -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type=content_type)}


def test_the_manifest_offers_clinch_in_the_share_sheet_for_invitations_and_cards():
    target = manifest()["share_target"]
    assert (target["action"], target["method"], target["enctype"]) == ("/share/", "POST", "multipart/form-data")
    assert resolve(target["action"]).url_name == "share" and target["action"].startswith(manifest()["scope"])
    (files,) = target["params"]["files"]
    assert files["name"] == "file"
    assert {".ics", "text/calendar", ".vcf", "text/vcard"} <= set(files["accept"])
    assert target["params"]["text"] == "text"  # shared invitation text, read like a paste


def test_a_shared_invitation_opens_the_capture_page_filled_in_and_saves_nothing(phone, dana, evening):
    response = phone.post(SHARE, shared("invite.ics", (FIXTURES / "outlook.ics").read_bytes(), "text/calendar"))
    page = response.content.decode()
    assert response.status_code == 200
    assert fields_of(page, "day", "start", "timezone", "company", "p0-name") == {
        "day": "2026-03-10", "start": "09:30:00", "timezone": "America/Los_Angeles",
        "company": "Cascadia Instruments", "p0-name": "Jon Petrakis",
    }
    assert 'name="csrfmiddlewaretoken"' in page  # saving goes through the page's own form, with its token
    assert not Interview.objects.exists()


def test_a_shared_invitation_under_any_name_is_read_by_its_content(phone, evening):
    response = phone.post(SHARE, shared("attachment", (FIXTURES / "google.ics").read_bytes(),
                                        "application/octet-stream"))
    assert response.status_code == 200 and 'id="invitation-read"' in response.content.decode()


def test_shared_invitation_text_is_read_like_a_paste(phone, evening):
    text = (FIXTURES / "panel_paste.txt").read_text(encoding="utf-8")
    page = phone.post(SHARE, {"title": "Invitation: onsite panel", "text": text}).content.decode()
    assert fields_of(page, "day", "timezone") == {"day": "2026-03-24", "timezone": "Europe/Berlin"}


def test_a_shared_card_file_lists_its_cards_and_imports_them_only_when_confirmed(phone, dana):
    response = phone.post(SHARE, shared("contacts.vcf", CARDS.encode(), "text/x-vcard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 cards shared with Clinch" in page and "Zoë Brandt-Åkesson" in page and "Jon Petrakis" in page
    assert f'action="{reverse("contacts_import")}"' in page and "Import 2 cards" in page
    assert not Contact.objects.exists()
    text = page.split('name="text" value="', 1)[1].split('"', 1)[0]
    import html

    confirm = Client()
    confirm.force_login(dana)
    assert confirm.post(reverse("contacts_import"), {"text": html.unescape(text)}).status_code == 302
    assert sorted(Contact.objects.filter(owner=dana).values_list("name", flat=True)) == [
        "Jon Petrakis", "Zoë Brandt-Åkesson"]


def test_a_card_is_recognised_by_its_first_line_whatever_the_phone_calls_it(phone):
    page = phone.post(SHARE, shared("Zoe", CARDS.encode(), "application/octet-stream")).content.decode()
    assert "2 cards shared with Clinch" in page


@pytest.mark.parametrize("name, content, says", [
    ("notes.ics", b"Lunch with Jon on Friday", "not a calendar"),
    ("broken.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", "has no name, company or email"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "not"),
])
def test_a_bad_shared_file_gets_the_page_with_the_problem_named_and_nothing_is_saved(phone, dana, evening, name,
                                                                                     content, says):
    response = phone.post(SHARE, shared(name, content, "application/octet-stream"))
    assert response.status_code == 422 and says in response.content.decode()
    assert not Interview.objects.exists() and not Contact.objects.exists()


def test_nothing_shared_asks_for_a_file(phone, evening):
    response = phone.post(SHARE, {})
    assert response.status_code == 422 and "Choose the invitation" in response.content.decode()


def test_signed_out_the_share_asks_to_sign_in_and_opening_it_leads_to_the_capture_page(dana_client):
    response = Client().post(SHARE, shared("invite.ics", (FIXTURES / "outlook.ics").read_bytes(), "text/calendar"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert dana_client.get(SHARE)["Location"] == reverse("interview_new")


def test_the_service_worker_leaves_the_shared_post_to_the_server(client):
    """The worker answers only GET requests of its own origin: the share sheet's POST reaches Django."""
    worker = client.get(reverse("service_worker")).content.decode()
    handler = worker.split('addEventListener("fetch"', 1)[1]
    assert 'if (request.method !== "GET" || url.origin !== self.location.origin) return;' in handler
    assert handler.index('request.method !== "GET"') < handler.index("respondWith")
