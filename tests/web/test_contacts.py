"""Contacts: everyone Dana met, when, and what is next; the card is the spelling checks trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.interviews.models import Company, Contact, Interview, Opportunity, Participant

NOW = datetime(2026, 5, 22, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def larkspur(dana):
    company = Company.objects.create(owner=dana, name="Larkspur Robotics, Inc.")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Controls Engineer")
    interview = Interview.objects.create(
        owner=dana, opportunity=opportunity, starts_at=NOW - timedelta(days=2),
        ends_at=NOW - timedelta(days=2, hours=-1), timezone="America/Denver",
    )
    siobhan = Contact.objects.create(
        owner=dana, company=company, name="Siobhán O'Connor-Nakamura", preferred_name="Shiv",
        title="Director of Controls", email="siobhan@larkspur.example",
    )
    Participant.objects.create(interview=interview, contact=siobhan, role="hiring_manager")
    return {"company": company, "opportunity": opportunity, "interview": interview, "siobhan": siobhan}


def followup(dana, world, *, kind="thank_you", status="planned", send_at, key=None):
    return FollowUp.objects.create(
        owner=dana, opportunity=world["opportunity"], interview=world["interview"], contact=world["siobhan"],
        kind=kind, status=status, send_at=send_at, plan_key=key or f"{kind}:{send_at.isoformat()}",
        sent_at=send_at if status == "sent" else None,
    )


def test_a_new_user_sees_an_empty_state_with_a_next_step(dana_client):
    page = dana_client.get(reverse("contact_list")).content.decode()
    assert "No contacts yet" in page
    assert reverse("contact_new") in page


def test_the_list_shows_company_last_met_and_the_earliest_open_followup(dana_client, dana, larkspur):
    followup(dana, larkspur, kind="thank_you", status="sent", send_at=NOW - timedelta(days=1))
    followup(dana, larkspur, kind="status_check", status="scheduled", send_at=NOW + timedelta(days=6))
    followup(dana, larkspur, kind="keep_in_touch", status="planned", send_at=NOW + timedelta(days=40))
    followup(dana, larkspur, kind="linkedin_connect", status="cancelled", send_at=NOW + timedelta(days=1))

    contact = dana_client.get(reverse("contact_list")).context["page"][0]

    assert contact.company.name == "Larkspur Robotics, Inc."
    assert contact.last_met == larkspur["interview"].starts_at
    assert contact.next_touch == NOW + timedelta(days=6)
    assert contact.next_touch_label == "Status check"


def test_a_future_interview_is_not_counted_as_met(dana_client, dana, larkspur):
    larkspur["interview"].starts_at = NOW + timedelta(days=3)
    larkspur["interview"].ends_at = NOW + timedelta(days=3, hours=1)
    larkspur["interview"].save()
    page = dana_client.get(reverse("contact_list"))
    assert page.context["page"][0].last_met is None
    assert "Not yet" in page.content.decode()


def test_search_finds_by_company_and_says_so_when_nothing_matches(dana_client, dana, larkspur):
    Contact.objects.create(owner=dana, name="Bartholomew Ng")
    found = dana_client.get(reverse("contact_list"), {"q": "larkspur"}).context["page"]
    assert [c.name for c in found] == ["Siobhán O'Connor-Nakamura"]
    page = dana_client.get(reverse("contact_list"), {"q": "zzz"}).content.decode()
    assert "No contact matches" in page


def test_htmx_search_returns_only_the_results(dana_client, larkspur):
    response = dana_client.get(reverse("contact_list"), {"q": "shiv"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "Siobhán O&#x27;Connor-Nakamura" in body


def test_the_detail_shows_the_card_exactly_as_stored_and_the_history(dana_client, dana, larkspur):
    followup(dana, larkspur, kind="thank_you", status="sent", send_at=NOW - timedelta(days=1))
    response = dana_client.get(reverse("contact_detail", args=[larkspur["siobhan"].public_id]))
    page = response.content.decode()
    assert "Siobhán O&#x27;Connor-Nakamura" in page
    assert "Director of Controls" in page
    assert "Controls Engineer" in page and "Hiring manager" in page
    assert "Thank-you note" in page and "Sent" in page


def test_the_detail_has_honest_empty_history(dana_client, dana):
    contact = Contact.objects.create(owner=dana, name="Bartholomew Ng")
    page = dana_client.get(reverse("contact_detail", args=[contact.public_id])).content.decode()
    assert "No interview with Bartholomew Ng recorded yet" in page
    assert "Nothing sent or planned to Bartholomew Ng" in page


def test_editing_the_name_saves_the_new_spelling(dana_client, dana, larkspur):
    contact = larkspur["siobhan"]
    response = dana_client.post(reverse("contact_edit", args=[contact.public_id]), {
        "name": "Siobhan O'Connor-Nakamura", "preferred_name": "Shiv", "title": "Director of Controls",
        "company_name": "Larkspur Robotics, Inc.", "email": "siobhan@larkspur.example",
    })
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Siobhan O'Connor-Nakamura"
    assert contact.company_id == larkspur["company"].pk
    assert Company.objects.filter(owner=dana).count() == 1


def test_a_new_company_name_adds_that_company_for_this_user_only(dana_client, dana, mallory, larkspur):
    Company.objects.create(owner=mallory, name="Quillfeather")
    contact = larkspur["siobhan"]
    dana_client.post(reverse("contact_edit", args=[contact.public_id]), {
        "name": contact.name, "company_name": "Quillfeather",
    })
    contact.refresh_from_db()
    assert contact.company.owner == dana and contact.company.name == "Quillfeather"


def test_header_injection_in_a_name_is_refused(dana_client, larkspur):
    contact = larkspur["siobhan"]
    response = dana_client.post(reverse("contact_edit", args=[contact.public_id]), {
        "name": "Shiv\r\nBcc: everyone@example.org", "company_name": "",
    })
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    contact.refresh_from_db()
    assert contact.name == "Siobhán O'Connor-Nakamura"


def test_adding_a_contact(dana_client, dana):
    response = dana_client.post(reverse("contact_new"), {"name": "Nguyễn Thị Minh Khai", "company_name": "Hollis & Vey"})
    contact = Contact.objects.get(owner=dana)
    assert response.url == reverse("contact_detail", args=[contact.public_id])
    assert contact.company.name == "Hollis & Vey"


def test_user_text_is_escaped(dana_client, dana):
    contact = Contact.objects.create(owner=dana, name="<script>alert(1)</script>", notes="<b>hi</b>")
    for url in (reverse("contact_list"), reverse("contact_detail", args=[contact.public_id])):
        page = dana_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page


def test_editing_the_name_changes_what_the_checks_compare_against(dana_client, dana, larkspur):
    """The engine reads people from the rows: after a correction, the old spelling is flagged."""
    services = pytest.importorskip("clinch.followups.services")
    checks = pytest.importorskip("clinch.core.checks")
    if not hasattr(checks, "check") or not hasattr(services, "core_interview"):
        pytest.skip("the checks or core_interview have not landed yet")
    contact = larkspur["siobhan"]
    Contact.objects.filter(pk=contact.pk).update(preferred_name="")
    body = "Dear Siobhan,\n\nThank you for the conversation about the controls roadmap.\n\nDana"

    def name_findings():
        core = services.core_interview(larkspur["interview"])
        (recipient,) = core.interviewers
        findings = checks.check(body, interview=core, to=recipient.email, kind="thank_you")
        return [f for f in findings if "name" in f.code]

    assert name_findings(), "Siobhan without the accent misspells Siobhán"
    dana_client.post(reverse("contact_edit", args=[contact.public_id]), {
        "name": "Siobhan O'Connor-Nakamura", "company_name": "Larkspur Robotics, Inc.",
        "email": "siobhan@larkspur.example",
    })
    assert not name_findings(), "after the correction, the same note is right"


def test_correcting_a_name_redrafts_unedited_notes_and_keeps_edited_ones(dana_client, dana, larkspur):
    from clinch.followups.services import replan

    contact = larkspur["siobhan"]
    Contact.objects.filter(pk=contact.pk).update(name="Siobhan OConnor", preferred_name="")
    larkspur["interview"].starts_at = NOW - timedelta(hours=3)
    larkspur["interview"].ends_at = NOW - timedelta(hours=2)
    larkspur["interview"].save()
    pending = replan(interview=larkspur["interview"], now=NOW)
    assert len(pending) >= 2, "the engine plans a thank-you note and more"
    edited = pending[-1]
    edited.body = "Dear Siobhan OConnor, my own words."
    edited.draft_edited = True
    edited.save()

    dana_client.post(reverse("contact_edit", args=[contact.public_id]), {
        "name": "Siobhán O'Connor", "company_name": "Larkspur Robotics, Inc.", "email": "siobhan@larkspur.example",
    })

    thank_you = FollowUp.objects.get(pk=pending[0].pk)
    assert "Siobhán" in thank_you.body and "OConnor" not in thank_you.body
    edited.refresh_from_db()
    assert edited.body == "Dear Siobhan OConnor, my own words."


def test_a_contact_downloads_as_a_vcard_with_text_escaped_and_lines_folded(dana_client, dana, larkspur):
    contact = larkspur["siobhan"]
    contact.notes = "Met at the onsite; loves robots, and\nsailing."
    contact.postal_address = "1 Dock Road\nDenver, CO"
    contact.save()
    response = dana_client.get(reverse("contact_vcard", args=[contact.public_id]))
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    raw = response.content
    assert raw.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n") and raw.endswith(b"END:VCARD\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    text = raw.decode().replace("\r\n ", "")  # unfold
    assert "FN:Siobhán O'Connor-Nakamura\r\n" in text
    assert "ORG:Larkspur Robotics\\, Inc.\r\n" in text
    assert "NOTE:Met at the onsite\\; loves robots\\, and\\nsailing.\r\n" in text
    assert "ADR;TYPE=WORK:;;1 Dock Road\\nDenver\\, CO;;;;\r\n" in text
    assert f"UID:urn:uuid:{contact.public_id}" in text


def test_folding_never_splits_a_character():
    from clinch.core.vcard import Card, read_vcards, write_vcard

    written = write_vcard(Card(name="Zoë Ærø", note="é" * 100)).encode()
    assert all(len(line) <= 75 for line in written.split(b"\r\n"))
    assert read_vcards(written)[0].note == "é" * 100
