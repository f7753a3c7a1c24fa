"""Capture from a calendar invitation: upload or paste it, check what was read, save; updates move it."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clinch.core.invitation import MAX_BYTES
from clinch.followups.models import FollowUp
from clinch.interviews.models import Contact, Interview, Opportunity
from tests.web.flows import DENVER

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invitations"
READ = reverse("interview_from_invitation")
NEW = reverse("interview_new")
# The Tuesday after the Cascadia interview (10 March, Seattle), in the evening.
AFTER_CASCADIA = "2026-03-10T18:00:00-07:00"


@pytest.fixture
def evening():
    with time_machine.travel(AFTER_CASCADIA, tick=False):
        yield


def upload(client, name: str, **extra):
    data = (FIXTURES / name).read_bytes()
    return client.post(READ, {"file": SimpleUploadedFile(name, data, content_type="text/calendar"), **extra})


def fields_of(page: str, *names: str) -> dict:
    """The value="..." of each named input in ``page``."""
    import re

    found = {}
    for name in names:
        match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{re.escape(name)}"', page)
        found[name] = (match.group(1) or match.group(2)) if match else None
    return found


def save_as_read(client, page: str, **changes):
    """Post the capture form exactly as the page filled it (plus ``changes``), as a person pressing Save does."""
    import re

    data = {}
    for tag in re.findall(r"<input[^>]*>", page.split('class="form capture"', 1)[1]):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and "type=\"radio\"" not in tag and "type=\"checkbox\"" not in tag:
            data[name.group(1)] = value.group(1) if value else ""
    for select in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select[1])
        data[select[0]] = chosen.group(1) if chosen else ""
    import html

    data = {k: html.unescape(v) for k, v in data.items()}
    data.update(changes)
    return client.post(NEW, data)


def test_an_uploaded_outlook_invitation_fills_date_times_zone_people_and_company(dana_client, dana, evening):
    response = upload(dana_client, "outlook.ics")
    page = response.content.decode()
    assert response.status_code == 200
    assert fields_of(page, "day", "start", "end", "timezone", "company") == {
        "day": "2026-03-10", "start": "09:30:00", "end": "10:30:00", "timezone": "America/Los_Angeles",
        "company": "Cascadia Instruments",
    }
    names = fields_of(page, "p0-name", "p1-name", "p2-name", "p3-name")
    assert names == {"p0-name": "Jon Petrakis", "p1-name": "Siobhán O&#x27;Connor", "p2-name": "Kenji Nakamura",
                     "p3-name": None}
    assert "dana.whitfield" not in page.split('class="form capture"')[1]
    assert "The company is a guess" in page
    assert not Interview.objects.exists()  # reading saves nothing


def test_saving_what_the_invitation_filled_in_plans_a_note_per_person(dana_client, dana, evening):
    page = upload(dana_client, "outlook.ics").content.decode()
    response = save_as_read(dana_client, page, role="Staff Test Engineer")
    assert response.status_code == 302, response.content.decode()[:2000]
    interview = Interview.objects.get(owner=dana)
    assert interview.calendar_uid.startswith("040000008200E00074C5B7101A82E008")
    assert (interview.timezone, interview.starts_at.isoformat()) == ("America/Los_Angeles", "2026-03-10T16:30:00+00:00")
    assert FollowUp.objects.filter(owner=dana, kind="thank_you").count() == 3
    assert Contact.objects.get(owner=dana, name="Siobhán O'Connor").timezone == "America/Los_Angeles"


def test_an_update_of_the_same_invitation_moves_the_interview_instead_of_adding_one(dana_client, dana, evening):
    save_as_read(dana_client, upload(dana_client, "outlook.ics").content.decode(), role="Staff Test Engineer")
    page = upload(dana_client, "outlook_moved.ics").content.decode()
    assert "Saving moves it to the new time" in page
    assert fields_of(page, "day", "start", "calendar_sequence") == {"day": "2026-03-12", "start": "14:00:00", "calendar_sequence": "2"}
    assert save_as_read(dana_client, page).status_code == 302
    interview = Interview.objects.get(owner=dana)
    assert (interview.starts_at.isoformat(), interview.calendar_sequence) == ("2026-03-12T21:00:00+00:00", 2)
    assert Opportunity.objects.filter(owner=dana).count() == 1
    assert Contact.objects.filter(owner=dana).count() == 3


def test_an_older_version_of_the_invitation_cannot_move_it_back(dana_client, dana, evening):
    save_as_read(dana_client, upload(dana_client, "outlook_moved.ics").content.decode(), role="Staff Test Engineer")
    page = upload(dana_client, "outlook.ics").content.decode()
    response = save_as_read(dana_client, page)
    assert response.status_code == 422
    assert "older version of the invitation" in response.content.decode()
    assert Interview.objects.get(owner=dana).calendar_sequence == 2


def test_a_cancelled_invitation_is_marked_on_the_page(dana_client, dana, evening):
    save_as_read(dana_client, upload(dana_client, "outlook.ics").content.decode(), role="Staff Test Engineer")
    page = upload(dana_client, "outlook_cancelled.ics").content.decode()
    assert "The organiser cancelled this event." in page
    assert "Save to mark it cancelled" in page
    assert Interview.objects.get(owner=dana).calendar_sequence == 0


def test_pasted_invitation_text_fills_the_page_in_its_own_zone(dana_client, evening):
    text = (FIXTURES / "panel_paste.txt").read_text(encoding="utf-8")
    page = dana_client.post(READ, {"text": text}).content.decode()
    assert fields_of(page, "day", "start", "end", "timezone", "p0-title") == {
        "day": "2026-03-24", "start": "09:30:00", "end": "12:30:00", "timezone": "Europe/Berlin",
        "p0-title": "Senior Robotics Engineer",
    }


def test_a_google_invitation_in_utc_is_shown_in_the_users_zone(dana_client, evening):
    page = upload(dana_client, "google.ics").content.decode()
    assert fields_of(page, "start", "timezone") == {"start": "13:00:00", "timezone": "America/Denver"}
    assert "https://meet.google.com/kqv-rdtw-pnx" in page


@pytest.mark.parametrize("name, content, message", [
    ("invite.ics", b"<html>You are invited</html>", "not a calendar invitation"),
    ("invite.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event in it"),
    ("invite.ics", b"%PDF-1.4 binary", "This is a PDF"),
    ("photo.ics", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not text"),
    ("huge.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * MAX_BYTES, "too large"),
])
def test_bad_files_get_a_message_naming_the_problem_and_nothing_is_saved(dana_client, dana, evening, name, content, message):
    response = dana_client.post(READ, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Interview.objects.exists() and not Contact.objects.exists()


def test_a_broken_zone_is_named(dana_client, evening):
    text = (FIXTURES / "zoom.ics").read_bytes().decode()
    start, end = text.index("BEGIN:VTIMEZONE"), text.index("END:VTIMEZONE") + len("END:VTIMEZONE\r\n")
    broken = (text[:start] + text[end:]).replace("America/New_York", "Harbor/Standard")
    response = dana_client.post(READ, {"file": SimpleUploadedFile("zoom.ics", broken.encode())})
    assert response.status_code == 422 and "Harbor/Standard" in response.content.decode()


def test_nothing_chosen_asks_for_a_file_or_text(dana_client, evening):
    response = dana_client.post(READ, {})
    assert response.status_code == 422 and "Choose the invitation" in response.content.decode()


def test_the_invitation_form_is_on_the_capture_page_and_works_without_javascript(dana_client, evening):
    page = dana_client.get(NEW).content.decode()
    assert f'action="{READ}" enctype="multipart/form-data"' in page
    assert 'accept=".ics,text/calendar"' in page


def test_the_zone_of_the_saved_interview_is_the_invitations_not_the_users(dana_client, dana, evening):
    page = upload(dana_client, "teams.ics").content.decode()
    save_as_read(dana_client, page, role="Senior Robotics Engineer")
    interview = Interview.objects.get(owner=dana)
    assert interview.timezone == "Europe/Berlin"
    assert interview.starts_at.astimezone(DENVER).isoformat() == "2026-03-17T03:00:00-06:00"


def test_people_the_user_already_has_are_filled_in_as_stored_not_as_the_calendar_writes_them(dana_client, dana, evening):
    from clinch.interviews.models import Company

    company = Company.objects.create(owner=dana, name="Cascadia Instruments")
    jon = Contact.objects.create(owner=dana, company=company, name="Jonathan Petrakis",
                                 email="jon.petrakis@cascadia-instruments.com", title="Director of Test")
    page = upload(dana_client, "outlook.ics").content.decode()
    assert fields_of(page, "p0-name", "p0-title") == {"p0-name": "Jonathan Petrakis", "p0-title": "Director of Test"}
    assert f'<option value="{jon.public_id}" selected>' in page
    save_as_read(dana_client, page, role="Staff Test Engineer")
    assert Contact.objects.filter(owner=dana).count() == 3
    jon.refresh_from_db()
    assert jon.name == "Jonathan Petrakis"
