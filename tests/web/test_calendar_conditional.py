"""Calendar apps poll the feed: an unchanged feed answers 304 Not Modified, a changed one a new ETag."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.web.calendar_feed import create_feed
from tests.web.test_calendar import NOW, events, frozen, world  # noqa: F401 (fixtures)


def get(client, token, **headers):
    return client.get(reverse("calendar_feed", kwargs={"token": token}), headers=headers)


def test_an_unchanged_feed_answers_304_to_its_etag(client, dana, world):
    _, token = create_feed(owner=dana)
    first = get(client, token)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    again = get(client, token, if_none_match=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]


def test_a_304_does_not_build_the_calendar(client, dana, world):
    _, token = create_feed(owner=dana)
    etag = get(client, token)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert get(client, token, if_none_match=etag).status_code == 304
    tables = " ".join(q["sql"] for q in queries)
    assert len(queries) <= 4 and "interviews_participant" in tables  # the token, last-fetched, two aggregates


def test_a_change_in_the_feed_gives_a_new_etag_and_the_new_text(client, dana, world):
    _, token = create_feed(owner=dana)
    etag = get(client, token)["ETag"]
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        world["jen"].name = "Jennifer Okafor"
        world["jen"].save()
        changed = get(client, token, if_none_match=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"Jennifer Okafor" in changed.content


def test_a_note_taken_back_to_the_plan_changes_the_etag(client, dana, world):
    _, token = create_feed(owner=dana)
    etag = get(client, token)["ETag"]
    FollowUp.objects.filter(pk=world["due"].pk).update(status="planned")  # no updated_at stamp
    response = get(client, token, if_none_match=etag)
    assert response.status_code == 200 and b"Review and send" in response.content


def test_event_titles_say_what_to_do_in_the_channels_words(client, dana, world):
    FollowUp.objects.filter(pk=world["due"].pk).update(kind="linkedin_connect", channel="linkedin")
    _, token = create_feed(owner=dana)
    cal = icalendar.Calendar.from_ical(get(client, token).content)
    summary = str(events(cal)[f"{world['due'].public_id}@clinch"]["summary"])
    assert summary == "Connect on LinkedIn with Jennifer Aniston-Okafor (Larkspur Robotics, Inc.)"
    assert "Send by linkedin" not in summary
