"""`clinch invite read`: the invitation's events as text or JSON, without a database."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invitations"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def test_json_has_exactly_the_documented_shape(clinch):
    status, out, err = clinch("invite", "read", FIXTURES / "outlook.ics", "--me", "dana.whitfield@gmail.com", "--json")
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert result == EXPECTED["outlook.ics"]
    [event] = result["events"]
    assert set(event) == {"uid", "summary", "starts_at", "ends_at", "cancelled", "location", "meeting_url",
                          "organizer", "people", "company_guess"}
    assert set(event["organizer"]) == {"name", "email"}
    assert all(set(p) == {"name", "email", "title"} for p in event["people"])
    assert event["starts_at"] == "2026-03-10T09:30:00-07:00"


def test_text_output_lists_the_people_and_marks_the_company_as_a_guess(clinch):
    status, out, _ = clinch("invite", "read", FIXTURES / "panel.ics")
    assert status == 0
    assert "person    Anna-Lena Brandt (Senior Robotics Engineer)" in out
    assert "company   Fernwerk Robotics (a guess: check it)" in out
    assert "dana.whitfield" not in out


def test_a_cancelled_invitation_says_so(clinch):
    status, out, _ = clinch("invite", "read", FIXTURES / "outlook_cancelled.ics", "--json")
    assert status == 0 and json.loads(out)["events"][0]["cancelled"] is True


def test_pasted_text_in_a_text_file_is_read_too(clinch):
    status, out, _ = clinch("invite", "read", FIXTURES / "outlook_paste.txt", "--json")
    assert status == 0 and json.loads(out)["events"][0]["people"][0]["name"] == "Jon Petrakis"


def test_an_ics_file_that_is_not_a_calendar_exits_1_with_the_reason(clinch, tmp_path):
    page = tmp_path / "invite.ics"
    page.write_text("<html>You are invited</html>")
    status, out, err = clinch("invite", "read", page)
    assert (status, out) == (1, "")
    assert "invite.ics: This file is not a calendar invitation" in err
    assert "Traceback" not in err


def test_a_missing_file_exits_1(clinch, tmp_path):
    status, _, err = clinch("invite", "read", tmp_path / "nope.ics")
    assert status == 1 and "cannot read" in err
