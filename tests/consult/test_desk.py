"""The triage desk: list, search, filters, counts, notes, assignment, status, invitation, export."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clinch.consult.models import RequestNote, SpamCount
from tests.consult.conftest import make_request

DESK = "/desk/"


def detail(request) -> str:
    return reverse("consult:desk_detail", args=[request.public_id])


def listed_names(page: str) -> list[str]:
    return re.findall(r'<a href="/desk/[0-9a-f-]+/"><strong>([^<]+)</strong>', page)


@pytest.fixture
def three(db, marcus):
    ana = make_request(first_name="Ana", last_name="Oliveira", email="ana@example.org",
                       how_can_we_help="Looking for a data engineering role.")
    bo = make_request(first_name="Bo", last_name="Lindqvist", email="bo@example.se", role="Nurse",
                      how_can_we_help="Moving to Denver, need a hospital job.", assigned_to=marcus)
    cy = make_request(first_name="Cy", last_name="Park", email="cy@example.com", how_can_we_help="Buy cheap watches")
    cy.set_status("closed_spam")
    cy.save()
    return ana, bo, cy


def test_the_desk_lists_requests_newest_first_with_counts_per_status(priya_client, three):
    page = priya_client.get(DESK).content.decode()
    assert listed_names(page) == ["Cy Park", "Bo Lindqvist", "Ana Oliveira"]
    assert re.search(r'New <span class="badge">2</span>', page)
    assert re.search(r'Closed: spam <span class="badge">1</span>', page)
    assert re.search(r'Converted <span class="badge">0</span>', page)
    assert "Marcus Hale" in page


def test_the_desk_says_how_much_spam_was_blocked_this_week(priya_client, time_machine):
    time_machine.move_to("2026-11-26 12:00:00+00:00", tick=False)
    today = timezone.now().date()
    SpamCount.objects.create(day=today, reason="honeypot", count=2)
    SpamCount.objects.create(day=today - timedelta(days=6), reason="too_fast", count=1)
    SpamCount.objects.create(day=today - timedelta(days=7), reason="honeypot", count=50)
    assert "3 spam submissions blocked in the last 7 days." in priya_client.get(DESK).content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("ana", ["Ana Oliveira"]),
        ("example.se", ["Bo Lindqvist"]),
        ("hospital", ["Bo Lindqvist"]),
        ("nurse", ["Bo Lindqvist"]),
        ("cy park", ["Cy Park"]),
        ("ana hospital", []),
    ],
)
def test_search_looks_in_names_emails_and_messages(priya_client, three, query, expected):
    assert listed_names(priya_client.get(DESK, {"q": query}).content.decode()) == expected


def test_filters_by_status_and_recruiter(priya_client, three, marcus):
    assert listed_names(priya_client.get(DESK, {"status": "new"}).content.decode()) == ["Bo Lindqvist", "Ana Oliveira"]
    assert listed_names(priya_client.get(DESK, {"assignee": marcus.pk}).content.decode()) == ["Bo Lindqvist"]
    assert listed_names(priya_client.get(DESK, {"assignee": "none", "status": "new"}).content.decode()) == ["Ana Oliveira"]


def test_nonsense_filters_are_ignored_not_an_error(priya_client, three):
    response = priya_client.get(DESK, {"status": "<script>", "assignee": "abc", "page": "x"})
    assert response.status_code == 200
    assert len(listed_names(response.content.decode())) == 3


def test_an_empty_desk_says_where_requests_come_from(priya_client):
    page = priya_client.get(DESK).content.decode()
    assert "No consultation requests yet" in page
    assert 'href="/consultation"' in page


def test_no_match_offers_to_clear_the_filters(priya_client, three):
    page = priya_client.get(DESK, {"q": "zebra"}).content.decode()
    assert "No request matches these filters" in page


def test_the_detail_page_shows_everything_they_sent(priya_client, three):
    ana = three[0]
    page = priya_client.get(detail(ana)).content.decode()
    assert "Ana Oliveira" in page and "ana@example.org" in page
    assert "Looking for a data engineering role." in page
    assert "No notes yet" in page


def test_staff_add_notes_that_show_who_wrote_them(priya_client, three, priya):
    ana = three[0]
    response = priya_client.post(reverse("consult:desk_note", args=[ana.public_id]), {"body": "Called, left a voicemail."})
    assert response.status_code == 302
    note = RequestNote.objects.get()
    assert (note.request, note.author, note.body) == (ana, priya, "Called, left a voicemail.")
    page = priya_client.get(detail(ana)).content.decode()
    assert "Called, left a voicemail." in page and "Priya Raman" in page


def test_an_empty_note_is_refused_next_to_the_field(priya_client, three):
    response = priya_client.post(reverse("consult:desk_note", args=[three[0].public_id]), {"body": "  "})
    assert response.status_code == 200
    assert re.search(r'id="id_body_error"', response.content.decode())
    assert not RequestNote.objects.exists()


def test_an_oversized_note_is_refused_with_the_limit_and_nothing_is_stored(priya_client, three):
    from clinch.core.limits import CONSULT_MESSAGE_CHARS

    body = "x" * (2 * CONSULT_MESSAGE_CHARS)
    response = priya_client.post(reverse("consult:desk_note", args=[three[0].public_id]), {"body": body})
    assert response.status_code == 200
    assert f"Keep this to {CONSULT_MESSAGE_CHARS} characters or fewer" in response.content.decode()
    assert not RequestNote.objects.exists()


def test_staff_assign_a_request_to_a_recruiter_and_back_to_nobody(priya_client, three, marcus):
    ana = three[0]
    priya_client.post(reverse("consult:desk_assign", args=[ana.public_id]), {"assigned_to": marcus.pk})
    ana.refresh_from_db()
    assert ana.assigned_to == marcus
    priya_client.post(reverse("consult:desk_assign", args=[ana.public_id]), {"assigned_to": ""})
    ana.refresh_from_db()
    assert ana.assigned_to is None


def test_a_superuser_can_be_assigned_too(priya_client, three, make_user):
    boss = make_user("boss", is_superuser=True, is_staff=True, display_name="Bo Boss")
    ana = three[0]
    page = priya_client.get(reverse("consult:desk_detail", args=[ana.public_id])).content.decode()
    assert f'<option value="{boss.pk}">Bo Boss</option>' in page
    priya_client.post(reverse("consult:desk_assign", args=[ana.public_id]), {"assigned_to": boss.pk})
    ana.refresh_from_db()
    assert ana.assigned_to == boss


def test_only_agency_staff_can_be_assigned(priya_client, three, dana):
    ana = three[0]
    response = priya_client.post(reverse("consult:desk_assign", args=[ana.public_id]), {"assigned_to": dana.pk})
    assert response.status_code == 200
    ana.refresh_from_db()
    assert ana.assigned_to is None


def test_closing_stamps_the_time_and_reopening_clears_it(priya_client, three):
    ana = three[0]
    url = reverse("consult:desk_status", args=[ana.public_id])
    priya_client.post(url, {"status": "closed_not_fit"})
    ana.refresh_from_db()
    assert ana.status == "closed_not_fit" and ana.closed_at is not None
    priya_client.post(url, {"status": "contacted"})
    ana.refresh_from_db()
    assert ana.status == "contacted" and ana.closed_at is None


def test_the_spam_button_on_the_list_returns_to_the_same_list(priya_client, three):
    ana = three[0]
    response = priya_client.post(
        reverse("consult:desk_status", args=[ana.public_id]), {"status": "closed_spam", "next": "/desk/?status=new"}
    )
    assert response["Location"] == "/desk/?status=new"
    ana.refresh_from_db()
    assert ana.status == "closed_spam"


def test_next_never_leaves_the_desk(priya_client, three):
    ana = three[0]
    for target in ("https://evil.example/desk/", "//evil.example/desk/", "/accounts/profile/"):
        response = priya_client.post(reverse("consult:desk_status", args=[ana.public_id]), {"status": "new", "next": target})
        assert response["Location"] == detail(ana)


def test_an_unknown_status_is_refused(priya_client, three):
    ana = three[0]
    response = priya_client.post(reverse("consult:desk_status", args=[ana.public_id]), {"status": "deleted"})
    assert response.status_code == 200
    ana.refresh_from_db()
    assert ana.status == "new"


def invite(client, request, seen=""):
    return client.post(reverse("consult:desk_invite", args=[request.public_id]), {"seen_invited_at": seen})


def test_inviting_emails_a_prefilled_sign_up_link_and_marks_the_request_converted(priya_client, three, priya):
    ana = three[0]
    ana.first_name, ana.last_name = "Ana María", "O'Neil-Oliveira"
    ana.save()
    response = invite(priya_client, ana)
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.status == "converted" and ana.invited_at is not None
    (message,) = mail.outbox
    assert message.to == ["Ana María O'Neil-Oliveira <ana@example.org>"]
    assert message.reply_to == ["Priya Raman <priya@example.org>"]
    link = re.search(r"https://clinch\.agency\.example/accounts/signup/\?\S+", message.body).group(0)
    assert parse_qs(urlsplit(link).query) == {"email": ["ana@example.org"], "display_name": ["Ana María O'Neil-Oliveira"]}
    html = message.alternatives[0].content
    assert link.replace("&", "&amp;").replace("'", "&#x27;") in html
    page = priya_client.get(detail(ana)).content.decode()
    assert "Invitation sent to ana@example.org" in page
    assert "Send the invitation again" in page
    assert link.replace("&", "&amp;").replace("'", "&#x27;") in page


def test_the_invitation_link_opens_a_sign_up_form_holding_their_name_and_email(client, three):
    from clinch.consult.services import invitation_link

    link = invitation_link(three[0])
    page = client.get(link.removeprefix("https://clinch.agency.example")).content.decode()
    assert 'value="ana@example.org"' in page
    assert 'value="Ana Oliveira"' in page


def test_a_double_click_on_invite_sends_one_email(priya_client, three):
    ana = three[0]
    invite(priya_client, ana)
    response = invite(priya_client, ana, seen="")
    assert len(mail.outbox) == 1
    assert "nothing was sent twice" in priya_client.get(response["Location"]).content.decode()


def test_staff_can_send_the_invitation_again_on_purpose(priya_client, three):
    ana = three[0]
    invite(priya_client, ana)
    ana.refresh_from_db()
    invite(priya_client, ana, seen=ana.invited_at.isoformat())
    assert len(mail.outbox) == 2


def test_a_failed_invitation_email_still_shows_the_link_to_pass_on(priya_client, three, monkeypatch):
    from clinch.consult import emails

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(emails, "send_invitation", refuse)
    ana = three[0]
    page = priya_client.get(invite(priya_client, ana)["Location"]).content.decode()
    assert "the email could not be sent" in page
    assert "/accounts/signup/?email=ana%40example.org" in page


def test_export_downloads_everything_stored_for_one_email_as_json(priya_client, three, priya):
    ana = three[0]
    make_request(first_name="Ana", last_name="Oliveira", email="ANA@example.org", how_can_we_help="Second try.")
    RequestNote.objects.create(request=ana, author=priya, body="Strong profile.")
    response = priya_client.post(reverse("consult:desk_export"), {"email": "Ana@Example.org"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="consultation-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert [r["how_can_we_help"] for r in data["requests"]] == ["Looking for a data engineering role.", "Second try."]
    assert data["requests"][0]["notes"] == [
        {"author": "Priya Raman", "body": "Strong profile.", "created_at": RequestNote.objects.get().created_at.isoformat()}
    ]
    assert "bo@example.se" not in response.content.decode()


def test_export_of_an_unknown_address_says_nothing_is_stored(priya_client, three):
    response = priya_client.post(reverse("consult:desk_export"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "Nothing is stored for this address." in response.content.decode()


def test_the_desk_list_takes_the_same_queries_for_3_or_60_requests(priya_client, three, marcus, django_assert_max_num_queries):
    with django_assert_max_num_queries(9) as few:  # one of them reads whose desk it is (the scope)
        response = priya_client.get(DESK)
    assert response.status_code == 200 and len(listed_names(response.content.decode())) == 3
    for n in range(57):
        make_request(first_name=f"P{n}", email=f"p{n}@example.org", assigned_to=marcus)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = priya_client.get(DESK, {"q": "example"})
    assert response.status_code == 200
    page = response.content.decode()
    assert len(listed_names(page)) == 50 and page.count("Marcus Hale") >= 50  # a full page, each with its assignee


def test_the_detail_page_takes_the_same_queries_for_1_or_20_notes(priya_client, three, priya, marcus, django_assert_max_num_queries):
    ana = three[0]
    RequestNote.objects.create(request=ana, author=priya, body="one")
    with django_assert_max_num_queries(9) as few:
        response = priya_client.get(detail(ana))
    assert response.status_code == 200 and "<p>one</p>" in response.content.decode()
    for n in range(19):
        RequestNote.objects.create(request=ana, author=marcus if n % 2 else priya, body=f"note {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = priya_client.get(detail(ana))
    assert response.status_code == 200
    page = response.content.decode()
    assert all(f"<p>note {n}</p>" in page for n in range(19))
    assert page.count('<p class="muted">Marcus Hale · ') == 9  # each note with its author
