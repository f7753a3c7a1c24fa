"""The private calendar feed: a secret, revocable address with interviews and due follow-ups."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.interviews.models import Company, Contact, Interview, Opportunity, Participant
from clinch.web.calendar_feed import SESSION_KEY, create_feed, revoke_feed
from clinch.web.models import CalendarFeed, hash_token

NOW = datetime(2026, 5, 22, 16, 0, tzinfo=UTC)
DENVER = zoneinfo.ZoneInfo("America/Denver")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(dana):
    company = Company.objects.create(owner=dana, name="Larkspur Robotics, Inc.")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Controls Engineer")
    interview = Interview.objects.create(
        owner=dana, opportunity=opportunity, round=2, timezone="America/Denver",
        starts_at=datetime(2026, 5, 26, 9, 30, tzinfo=DENVER), ends_at=datetime(2026, 5, 26, 11, 0, tzinfo=DENVER),
    )
    jen = Contact.objects.create(owner=dana, company=company, name="Jennifer Aniston-Okafor", email="jen@larkspur.example")
    Participant.objects.create(interview=interview, contact=jen, role="hiring_manager")
    due = FollowUp.objects.create(
        owner=dana, opportunity=opportunity, interview=interview, contact=jen, kind="thank_you",
        status="scheduled", plan_key="k1", send_at=datetime(2026, 5, 27, 9, 40, tzinfo=DENVER),
        deadline=datetime(2026, 5, 27, 11, 0, tzinfo=DENVER), why="24-hour rule",
    )
    sent = FollowUp.objects.create(
        owner=dana, opportunity=opportunity, contact=jen, kind="linkedin_connect", status="sent",
        plan_key="k2", send_at=NOW - timedelta(days=1), sent_at=NOW - timedelta(days=1),
    )
    return {"interview": interview, "due": due, "sent": sent, "jen": jen}


def fetch(client, token) -> icalendar.Calendar:
    response = client.get(reverse("calendar_feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(cal):
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_a_new_feed_is_shown_once_and_only_its_hash_is_stored(dana_client, dana):
    dana_client.post(reverse("calendar_settings"), {"action": "create"})
    token = dana_client.session[SESSION_KEY]
    feed = CalendarFeed.objects.get(owner=dana)
    assert feed.token_hash == hash_token(token) and token not in feed.token_hash
    assert len(token) >= 43

    first = dana_client.get(reverse("calendar_settings")).content.decode()
    assert reverse("calendar_feed", kwargs={"token": token}) in first
    again = dana_client.get(reverse("calendar_settings")).content.decode()
    assert token not in again
    assert "Live" in again


def test_the_feed_needs_no_session_and_holds_interviews_and_due_followups(client, dana, world):
    _, token = create_feed(owner=dana)
    by_uid = events(fetch(client, token))

    interview = by_uid[f"{world['interview'].public_id}@clinch"]
    assert str(interview["summary"]) == "Interview: Controls Engineer at Larkspur Robotics, Inc., round 2"
    start = interview.decoded("dtstart")
    assert start == world["interview"].starts_at and start.tzinfo is not None
    assert interview["dtstart"].params["TZID"] == "America/Denver"
    assert interview.decoded("dtend") - start == timedelta(minutes=90)
    assert "Jennifer Aniston-Okafor (Hiring manager)" in str(interview["description"])
    assert str(interview["attendee"]) == "mailto:jen@larkspur.example"
    assert interview["dtstamp"] is not None

    due = by_uid[f"{world['due'].public_id}@clinch"]
    assert due.decoded("dtstart") == world["due"].send_at
    assert due["dtstart"].params["TZID"] == "America/Denver"  # Dana's zone
    assert "Jennifer Aniston-Okafor" in str(due["summary"]) and "thank-you note" in str(due["summary"])
    assert f"{world['sent'].public_id}@clinch" not in by_uid


def test_the_feed_is_valid_icalendar_with_the_zones_it_uses(client, dana, world):
    _, token = create_feed(owner=dana)
    cal = fetch(client, token)
    assert str(cal["version"]) == "2.0" and str(cal["prodid"]).startswith("-//Clinch//")
    assert {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")} == {"America/Denver"}
    for event in cal.walk("VEVENT"):
        for required in ("uid", "dtstamp", "dtstart", "summary"):
            assert required in event
    raw = client.get(reverse("calendar_feed", kwargs={"token": token})).content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "RFC 5545 folds lines at 75 octets"


def test_uids_are_stable_across_fetches(client, dana, world):
    _, token = create_feed(owner=dana)
    assert events(fetch(client, token)).keys() == events(fetch(client, token)).keys()


def test_cancelled_followups_and_other_users_rows_stay_out(client, dana, mallory, world):
    world["due"].status = "cancelled"
    world["due"].save()
    company = Company.objects.create(owner=mallory, name="Elsewhere")
    opportunity = Opportunity.objects.create(owner=mallory, company=company, role="Spy")
    Interview.objects.create(owner=mallory, opportunity=opportunity, starts_at=NOW, ends_at=NOW + timedelta(hours=1), timezone="UTC")
    _, token = create_feed(owner=dana)
    text = client.get(reverse("calendar_feed", kwargs={"token": token})).content.decode()
    assert "Elsewhere" not in text and str(world["due"].public_id) not in text


def test_user_text_reaches_the_feed_escaped_per_rfc_5545(client, dana, world):
    world["jen"].name = "Ann, Jr.; the \"boss\""
    world["jen"].save()
    _, token = create_feed(owner=dana)
    event = events(fetch(client, token))[f"{world['interview'].public_id}@clinch"]
    assert 'Ann, Jr.; the "boss" (Hiring manager)' in str(event["description"])


def test_revoking_makes_the_old_address_a_404(client, dana_client, dana, world):
    _, token = create_feed(owner=dana)
    dana_client.post(reverse("calendar_settings"), {"action": "revoke"})
    assert client.get(reverse("calendar_feed", kwargs={"token": token})).status_code == 404
    page = dana_client.get(reverse("calendar_settings")).content.decode()
    assert "Make my calendar address" in page


def test_a_new_address_replaces_the_old_one(client, dana, world):
    _, old = create_feed(owner=dana)
    _, new = create_feed(owner=dana)
    assert client.get(reverse("calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("calendar_feed", kwargs={"token": new})).status_code == 200
    assert CalendarFeed.objects.filter(owner=dana, revoked_at__isnull=True).count() == 1


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 500])
def test_unknown_tokens_are_a_404(client, dana, token):
    create_feed(owner=dana)
    assert client.get(reverse("calendar_feed", kwargs={"token": token})).status_code == 404


def test_the_hash_or_public_id_is_not_a_token(client, dana):
    feed, _ = create_feed(owner=dana)
    for guess in (feed.token_hash, str(feed.public_id)):
        assert client.get(reverse("calendar_feed", kwargs={"token": guess})).status_code == 404


def test_a_deactivated_user_has_no_feed(client, dana):
    _, token = create_feed(owner=dana)
    dana.is_active = False
    dana.save()
    assert client.get(reverse("calendar_feed", kwargs={"token": token})).status_code == 404


def test_the_feed_records_when_a_calendar_last_read_it(client, dana):
    feed, token = create_feed(owner=dana)
    client.get(reverse("calendar_feed", kwargs={"token": token}))
    feed.refresh_from_db()
    assert feed.last_fetched_at == NOW


def test_settings_explain_each_calendar_app_and_start_empty(dana_client):
    page = dana_client.get(reverse("calendar_settings")).content.decode()
    for app in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert app in page
    assert "You have no live calendar address" in page


def test_revoke_without_a_feed_is_harmless(dana_client, dana):
    assert revoke_feed(owner=dana) == 0
    assert dana_client.post(reverse("calendar_settings"), {"action": "revoke"}).status_code == 302


def test_settings_need_a_login(client):
    response = client.get(reverse("calendar_settings"))
    assert response.status_code == 302 and reverse("login") in response.url
