"""Reading calendar invitations: every kind of invitation, every field, and every way one can be wrong."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from clinch.core.invitation import MAX_BYTES, InvitationError, read_invitation
from clinch.core.invitation_people import display_name, is_room, panel_from_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invitations"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
ME = "dana.whitfield@gmail.com"


def read(name: str, **options):
    options.setdefault("me", [ME])
    return read_invitation((FIXTURES / name).read_bytes(), **options)


def text_of(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode()


def people(event) -> list[tuple]:
    return [(p.name, p.email, p.title) for p in event.people]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_of_every_fixture_is_read_right(name):
    assert {"events": [e.as_json() for e in read(name)]} == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_without_the_users_address_the_free_mail_guest_is_still_left_out(name):
    assert [e.as_json() for e in read(name, me=[])] == EXPECTED[name]["events"]


def test_google_gives_utc_times_the_meet_link_and_leaves_out_the_room_and_the_candidate():
    [event] = read("google.ics")
    assert event.starts_at.isoformat() == "2026-03-05T20:00:00+00:00" and event.timezone is None
    assert event.meeting_url == "https://meet.google.com/kqv-rdtw-pnx"
    assert people(event) == [
        ("Tomás Wright", "twright@larkspur-robotics.com", None),
        ("Rafael Quiñones", "rquinones@larkspur-robotics.com", None),
        # Google writes the address as the name when it knows no name: the address's words, hyphen kept.
        ("Meghan Oyelaran-Schmidt", "meghan.oyelaran-schmidt@larkspur-robotics.com", None),
    ]
    assert event.company_guess == "Larkspur Robotics"


def test_google_invitation_without_a_zone_is_read_in_the_users_zone_when_one_is_given():
    [event] = read("google.ics", default_zone="America/Denver")
    assert event.starts_at.isoformat() == "2026-03-05T20:00:00+00:00"  # UTC stays UTC: the instant is right


def test_outlook_windows_zone_last_first_names_rooms_and_resources():
    [event] = read("outlook.ics")
    assert (event.starts_at.isoformat(), event.timezone) == ("2026-03-10T09:30:00-07:00", "America/Los_Angeles")
    assert event.organizer.name == "Jon Petrakis"
    assert [p.name for p in event.people] == ["Jon Petrakis", "Siobhán O'Connor", "Kenji Nakamura"]
    assert event.company_guess == "Cascadia Instruments"


def test_an_outlook_customized_zone_is_matched_by_its_offsets():
    [event] = read("outlook_custom_zone.ics")
    assert (event.timezone, event.starts_at.isoformat()) == ("Europe/London", "2026-04-02T14:00:00+01:00")
    assert event.sequence == 1  # X-MICROSOFT-CDO-APPT-SEQUENCE is higher than SEQUENCE
    assert "Gareth Hughes" not in [p.name for p in event.people]  # declined


def test_an_update_keeps_the_uid_with_a_higher_sequence_and_a_cancellation_is_marked():
    first, moved, cancelled = read("outlook.ics")[0], read("outlook_moved.ics")[0], read("outlook_cancelled.ics")[0]
    assert first.uid == moved.uid == cancelled.uid
    assert (first.sequence, moved.sequence, cancelled.sequence) == (0, 2, 3)
    assert moved.starts_at.isoformat() == "2026-03-12T14:00:00-07:00"
    assert cancelled.cancelled and not moved.cancelled
    assert cancelled.summary == "Cascadia Instruments – hiring manager interview"  # "Canceled: " dropped


def test_teams_link_comes_from_the_teams_property_and_the_team_mailbox_is_no_person():
    [event] = read("teams.ics")
    assert event.meeting_url.startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZTk1")
    assert event.location == "Microsoft Teams Meeting"
    assert event.timezone == "Europe/Berlin" and event.starts_at.isoformat() == "2026-03-17T10:00:00+01:00"
    assert [p.name for p in event.people] == ["Anna-Lena Brandt", "Jörg Ziegler-Özdemir"]


def test_zoom_host_is_read_from_the_invitation_text_and_the_company_from_the_title():
    [event] = read("zoom.ics")
    assert event.meeting_url.startswith("https://harborfinch.zoom.us/j/88214930551")
    assert people(event) == [("Priya Raghunathan", None, None)]
    assert event.company_guess == "Harbor & Finch Analytics"


def test_calendly_host_is_the_person_and_the_invitee_is_the_candidate():
    [event] = read("calendly.ics", me=[])
    assert people(event) == [("Marisol Etxeberria", "marisol@tidewater-health.io", None)]
    assert event.company_guess == "Tidewater Health"


def test_a_scheduling_tool_that_invites_only_the_candidate_gives_the_panel_from_its_description():
    [event] = read("panel.ics")
    assert people(event) == [
        ("Anna-Lena Brandt", None, "Senior Robotics Engineer"),
        ("Jörg Ziegler-Özdemir", None, "Head of Motion Control"),
        ("Nadia El-Amin", None, "VP Engineering"),
    ]
    assert event.organizer.email == "recruiting@fernwerk.de"  # the team mailbox organises but is nobody to thank


@pytest.mark.parametrize("name, zone, start", [
    ("google_paste.txt", "America/Denver", "2026-03-05T13:00:00-07:00"),
    ("outlook_paste.txt", "America/Los_Angeles", "2026-03-10T09:30:00-07:00"),
    ("teams_paste.txt", "America/New_York", "2026-03-19T15:30:00-04:00"),
    ("panel_paste.txt", "Europe/Berlin", "2026-03-24T09:30:00+01:00"),
])
def test_pasted_invitation_text_gives_the_times_in_the_zone_it_states(name, zone, start):
    [event] = read(name)
    assert (event.timezone, event.starts_at.isoformat()) == (zone, start)


def test_pasted_google_text_names_the_recipient_who_is_left_out():
    [event] = read("google_paste.txt", me=[])
    assert [p.name for p in event.people] == ["Tomás Wright", "Rafael Quiñones", "Meghan Oyelaran-Schmidt"]
    assert event.meeting_url == "https://meet.google.com/kqv-rdtw-pnx"


def test_a_panel_schedule_spans_from_the_first_slot_to_the_last():
    [event] = read("panel_paste.txt")
    assert (event.starts_at.strftime("%H:%M"), event.ends_at.strftime("%H:%M")) == ("09:30", "12:30")


@pytest.mark.parametrize("raw, expected", [
    ("Petrakis, Jon", "Jon Petrakis"),
    ('"Brandt, Anna-Lena"', "Anna-Lena Brandt"),
    ("Nakamura, Kenji (External)", "Kenji Nakamura"),
    ("Arne Wörpel (arne.woerpel@example.com)", "Arne Wörpel"),
    ("John Smith, PhD", "John Smith, PhD"),
    ("Jon Petrakis, Engineering Manager", "Jon Petrakis, Engineering Manager"),
    ("Sam Rivera (they/them)", "Sam Rivera"),
])
def test_display_names_as_calendars_write_them(raw, expected):
    assert display_name(raw) == expected


@pytest.mark.parametrize("name, email, cutype", [
    ("Conf Room Rainier (12)", "confroomrainier@x.example", ""),
    ("Everest", "c_188@resource.calendar.google.com", ""),
    ("SEA-B4-3-Olympic", "SEA-B4-3-Olympic@x.example", ""),
    ("Projector", "projector@x.example", "RESOURCE"),
    ("Board Room", "board@x.example", "ROOM"),
])
def test_rooms_and_resources_are_not_people(name, email, cutype):
    assert is_room(name, email, cutype)


def test_a_person_is_not_a_room():
    assert not is_room("Rafael Quiñones", "rquinones@x.example", "INDIVIDUAL")


def test_panel_lines_in_their_usual_shapes():
    text = (
        "9:45am - 10:30am: Anna-Lena Brandt (Senior Robotics Engineer)\n"
        "10:30 – 11:00 | Jon Petrakis | Engineering Manager\n"
        "11:00-11:30 Lunch with the team\n"
        "\nYour interviewers:\n- Siobhán O'Connor, Staff Engineer\n- Ana de la Cruz, Recruiter\n"
    )
    assert [(p.name, p.title) for p in panel_from_text(text)] == [
        ("Anna-Lena Brandt", "Senior Robotics Engineer"), ("Jon Petrakis", "Engineering Manager"),
        ("Siobhán O'Connor", "Staff Engineer"), ("Ana de la Cruz", "Recruiter"),
    ]


def test_an_event_with_duration_instead_of_an_end():
    text = text_of("zoom.ics").replace("DTEND;TZID=America/New_York:20260319T161500", "DURATION:PT45M")
    [event] = read_invitation(text)
    assert event.ends_at.isoformat() == "2026-03-19T16:15:00-04:00"


def test_several_events_come_earliest_first():
    one = text_of("zoom.ics")
    two = text_of("outlook.ics")
    events = read_invitation(one + two)
    assert [e.starts_at.date().isoformat() for e in events] == ["2026-03-10", "2026-03-19"]


# --- bad input -------------------------------------------------------------------------------

def test_a_file_that_is_not_a_calendar_says_so():
    with pytest.raises(InvitationError, match="not a calendar invitation"):
        read_invitation(b"<html><body>Your interview</body></html>", calendar_only=True)


def test_a_calendar_without_an_event_says_so():
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:1\r\nSUMMARY:Prepare\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    with pytest.raises(InvitationError, match="no event"):
        read_invitation(text)


def test_an_undefined_zone_names_the_zone():
    text = text_of("teams.ics")
    start, end = text.index("BEGIN:VTIMEZONE"), text.index("END:VTIMEZONE") + len("END:VTIMEZONE\r\n")
    broken = (text[:start] + text[end:]).replace("W. Europe Standard Time", "Atlantis Standard Time")
    with pytest.raises(InvitationError, match="'Atlantis Standard Time'"):
        read_invitation(broken)


def test_a_damaged_zone_block_is_a_clear_error():
    text = text_of("outlook.ics").replace("TZOFFSETTO:-0800", "TZOFFSETTO:soon")
    with pytest.raises(InvitationError, match="damaged|zone"):
        read_invitation(text)


def test_a_start_that_is_not_a_date_is_a_clear_error():
    text = text_of("zoom.ics").replace("DTSTART;TZID=America/New_York:20260319T153000", "DTSTART:tomorrow")
    with pytest.raises(InvitationError, match="start time"):
        read_invitation(text)


def test_too_large_pdf_and_binary_files_are_refused_by_name():
    with pytest.raises(InvitationError, match="too large"):
        read_invitation(b"BEGIN:VCALENDAR\r\n" + b"X" * MAX_BYTES)
    with pytest.raises(InvitationError, match="PDF"):
        read_invitation(b"%PDF-1.7 ...")
    with pytest.raises(InvitationError, match="not text"):
        read_invitation(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_pasted_text_without_a_date_asks_for_the_whole_invitation():
    with pytest.raises(InvitationError, match="No date"):
        read_invitation("Looking forward to seeing you next week!")


def test_long_pasted_text_is_read_in_linear_time():
    line = "Nothing to see here, just a long message about the role and the team.\n"
    small, large = line * 2000, line * 4000
    import time

    def timed(text):
        began = time.perf_counter()
        with pytest.raises(InvitationError):
            read_invitation(text)
        return time.perf_counter() - began

    timed(small)  # warm up
    assert timed(large) < 4 * timed(small) + 0.05


def test_reading_is_pure_and_needs_no_clock():
    [event] = read("panel.ics")
    assert isinstance(event.starts_at, datetime) and event.starts_at.tzinfo is not None


def test_pasted_zoom_invitation_text_gives_topic_time_zone_and_host():
    text = (
        "Priya Raghunathan is inviting you to a scheduled Zoom meeting.\n\n"
        "Topic: Harbor & Finch Analytics – Data Engineer technical screen\n"
        "Time: Mar 19, 2026 03:30 PM Eastern Time (US and Canada)\n\n"
        "Join Zoom Meeting\nhttps://harborfinch.zoom.us/j/88214930551?pwd=bXlSWjRh\n"
    )
    [event] = read_invitation(text)
    assert event.summary == "Harbor & Finch Analytics – Data Engineer technical screen"
    assert (event.starts_at.isoformat(), event.timezone) == ("2026-03-19T15:30:00-04:00", "America/New_York")
    assert [p.name for p in event.people] == ["Priya Raghunathan"]
    assert event.company_guess == "Harbor & Finch Analytics"


def test_numeric_dates_are_month_first_beside_am_pm_and_day_first_otherwise():
    us = read_invitation("Interview with Larkspur Robotics\nWhen: Tue 3/10/2026 9:30 AM - 10:30 AM (UTC-07:00) Mountain Time")
    eu = read_invitation("Vorstellungsgespräch Fernwerk\nWhen: 10.03.2026 09:30 - 10:30 (UTC+01:00) Amsterdam, Berlin, Bern")
    assert us[0].starts_at.isoformat() == "2026-03-10T09:30:00-06:00"  # Denver is on summer time by 10 March
    assert (eu[0].starts_at.isoformat(), eu[0].timezone) == ("2026-03-10T09:30:00+01:00", "Europe/Amsterdam")
    assert us[0].company_guess == "Larkspur Robotics"


def test_a_list_of_interviewers_separated_by_commas_is_several_people():
    text = "Interviewers: Anna-Lena Brandt, Jon Petrakis and Siobhán O'Connor"
    assert [p.name for p in panel_from_text(text)] == ["Anna-Lena Brandt", "Jon Petrakis", "Siobhán O'Connor"]


def test_an_attendee_with_the_address_in_an_email_parameter_as_apple_writes_it():
    text = text_of("outlook.ics").replace(
        "mailto:Siobhan.OConnor@cascadia-instruments.com",
        "urn:uuid:8a4c1e0e-2b7d-4e8e-9f5c-0c6a1b2d3e4f",
    ).replace('CN="O\'Connor,\r\n  Siobhán"', 'CN="O\'Connor,\r\n  Siobhán";EMAIL=siobhan@cascadia-instruments.com')
    [event] = read_invitation(text)
    assert ("Siobhán O'Connor", "siobhan@cascadia-instruments.com") in [(p.name, p.email) for p in event.people]


def test_the_user_is_left_out_by_name_too():
    [event] = read("calendly.ics", me=["Marisol Etxeberria"])
    assert event.people == ()


def test_a_schedule_with_start_times_only_still_names_the_panel():
    text = "14:00 Anna-Lena Brandt – Senior Robotics Engineer\n14:45 Coffee break\n15:00 Jon Petrakis, Engineering Manager"
    assert [(p.name, p.title) for p in panel_from_text(text)] == [
        ("Anna-Lena Brandt", "Senior Robotics Engineer"), ("Jon Petrakis", "Engineering Manager"),
    ]


def test_outlooks_required_and_optional_attendees_lines_are_read():
    text = (
        "Subject: Final round – Cascadia Instruments\n"
        "When: Tuesday, March 10, 2026 9:30 AM-10:30 AM (UTC-08:00) Pacific Time (US & Canada).\n"
        "Required Attendees: Petrakis, Jon <jon.petrakis@cascadia-instruments.com>; Dana Whitfield <dana@gmail.com>\n"
        "Optional Attendees: Nakamura, Kenji <kenji.nakamura@cascadia-instruments.com>\n"
    )
    [event] = read_invitation(text)
    assert [p.name for p in event.people] == ["Jon Petrakis", "Kenji Nakamura"]
