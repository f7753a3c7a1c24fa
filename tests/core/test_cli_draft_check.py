"""`clinch draft` and `clinch check`: output shapes, exit status, bad input without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from clinch.core.limits import CHECK_CHARS
from tests.core.conftest import EXAMPLE, fixture

RAFAEL = "rquinones@larkspur.example"
GOOD = (
    "Dear Rafael,\n\nThank you for the conversation about tuning the gripper's force controller for soft fruit. "
    "I'd welcome the chance to help Larkspur Robotics, Inc.\n\nBest regards,\nDana Whitfield\n"
)


@pytest.fixture
def run(clinch):
    """``clinch draft|check ...`` in-process; returns (status, out, err)."""
    return clinch


@pytest.fixture
def note(tmp_path):
    def write(text: str | bytes, name: str = "note.txt"):
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    return write


# -- draft ------------------------------------------------------------------------------


def test_draft_writes_one_thank_you_per_interviewer(run):
    status, out, err = run("draft", EXAMPLE, "--kind", "thank_you")
    assert status == 0 and err == ""
    assert out.count("== thank_you to ") == 3 and out.count("Subject: ") == 3
    for name in ("Rafael,", "Meghan,", "Tomás,"):
        assert name in out


def test_draft_json_lists_subject_body_and_no_error_findings(run):
    status, out, _ = run("draft", EXAMPLE, "--json")
    drafts = json.loads(out)["drafts"]
    assert status == 0 and drafts
    assert {"kind", "key", "to", "subject", "body", "findings"} <= set(drafts[0])
    assert not [f for d in drafts for f in d["findings"] if f["severity"] == "error"]


def test_draft_of_an_unplanned_kind_drafts_one_per_interviewer_and_says_so(run):
    status, out, err = run("draft", EXAMPLE, "--kind", "rejection_reply", "--json")
    assert status == 0 and "not planned" in err or "no rejection_reply is planned" in err
    assert len(json.loads(out)["drafts"]) == 3


def test_draft_reports_every_problem_of_a_broken_file_and_exits_2(run):
    status, out, err = run("draft", fixture("broken.yaml"))
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) > 3 and "Traceback" not in err


def test_draft_refuses_a_name_that_is_a_number_with_its_field_path(run, tmp_path):
    path = tmp_path / "name42.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("  name: Dana Whitfield\n", "  name: 42\n"),
                    encoding="utf-8")
    status, out, err = run("draft", path)
    assert (status, out) == (2, "")
    assert err == f"clinch draft: {path}: candidate.name: expected text, got a number\n"


def test_draft_refuses_a_utf16_interview_file(run, tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    status, out, err = run("draft", path)
    assert (status, out) == (2, "")
    assert err == f"clinch draft: {path}: file: is saved as UTF-16; save it as UTF-8 and try again\n"


# -- check ------------------------------------------------------------------------------


def test_check_of_a_good_note_exits_0(run, note):
    status, out, err = run("check", note(GOOD), "--interview", EXAMPLE, "--to", RAFAEL)
    assert (status, out.strip(), err) == (0, "No problems found.", "")


def test_check_json_prints_findings_with_code_severity_message_and_span(run, note):
    text = "Dear Meghan,\n\nI REALLY need this job!!!\n"
    status, out, _ = run("check", note(text), "--interview", EXAMPLE, "--to", RAFAEL, "--json")
    findings = json.loads(out)["findings"]
    assert status == 1
    assert {f["code"] for f in findings} >= {"wrong-recipient", "desperate", "shouting", "not-personalized"}
    for f in findings:
        assert {"code", "severity", "message", "start", "end"} <= set(f) <= {"code", "severity", "message", "start", "end", "fix"}
        assert 0 <= f["start"] < f["end"] <= len(text)
    [meghan] = [f for f in findings if f["code"] == "wrong-recipient"]
    assert text[meghan["start"]:meghan["end"]] == "Meghan" and meghan["fix"] == "Rafael"


def test_check_exits_0_when_there_are_only_warnings(run, note):
    status, out, _ = run("check", note(GOOD.replace("Best regards", "Thanks!!! Best regards")), "--interview", EXAMPLE, "--to", RAFAEL)
    assert status == 0 and "warning shouting" in out


def test_check_uses_the_kind(run, note):
    status, out, _ = run("check", note("Hi Rafael,\n\nYour loss.\n"), "--interview", EXAMPLE, "--to", RAFAEL, "--kind", "rejection_reply", "--json")
    assert status == 1 and [f["severity"] for f in json.loads(out)["findings"] if f["code"] == "negative"] == ["error"]


def test_check_text_output_points_at_line_and_column(run, note):
    status, out, _ = run("check", note("Hi Rafael,\n\nThanks for the chat, [Name].\n"), "--interview", EXAMPLE, "--to", RAFAEL)
    assert status == 1 and ":3:22: error placeholder:" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"caf\xe9 au lait", "UTF-8")],
)
def test_check_refuses_empty_binary_and_non_utf8_messages_with_exit_2(run, note, content, expected):
    status, out, err = run("check", note(content), "--interview", EXAMPLE, "--to", RAFAEL)
    assert status == 2 and out == "" and expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_check_refuses_a_utf16_message_and_says_so(run, note, encoding):
    path = note(GOOD.encode(encoding), name="MESSAGE.txt")
    status, out, err = run("check", path, "--interview", EXAMPLE, "--to", RAFAEL)
    assert (status, out) == (2, "")
    assert err == f"clinch check: {path}: saved as UTF-16; save it as UTF-8 and try again\n"


def test_check_calls_a_message_of_only_a_utf8_bom_empty(run, note):
    path = note(b"\xef\xbb\xbf")
    status, _, err = run("check", path, "--interview", EXAMPLE, "--to", RAFAEL)
    assert (status, err) == (2, f"clinch check: {path}: the message is empty\n")


def test_check_refuses_a_message_too_long_for_a_note_quickly(run, note):
    path = note("a" * 1_048_576, name="MESSAGE.txt")
    started = time.monotonic()
    status, out, err = run("check", path, "--interview", EXAMPLE, "--to", RAFAEL)
    assert time.monotonic() - started < 1.0
    assert (status, out) == (2, "")
    assert err == (f"clinch check: {path}: 1,048,576 characters is too long for a note "
                   f"(the checker reads up to {CHECK_CHARS:,})\n")


def test_check_takes_a_message_as_long_as_the_checker_reads(run, note):
    status, _, err = run("check", note(GOOD + "x" * (CHECK_CHARS - len(GOOD))), "--interview", EXAMPLE, "--to", RAFAEL)
    assert status in (0, 1) and "too long for a note" not in err


def test_check_refuses_a_missing_message_file(run, tmp_path):
    status, _, err = run("check", tmp_path / "nope.txt", "--interview", EXAMPLE, "--to", RAFAEL)
    assert status == 2 and "cannot read" in err


def test_check_refuses_an_unknown_recipient_and_lists_the_panel(run, note):
    status, _, err = run("check", note(GOOD), "--interview", EXAMPLE, "--to", "someone@else.example")
    assert status == 2 and "someone@else.example" in err and RAFAEL in err


def test_check_reports_every_problem_at_once(run, note, tmp_path):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("candidate: [unclosed\n")
    status, _, err = run("check", note(b""), "--interview", bad_yaml, "--to", RAFAEL)
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 2 and "empty" in lines[0] and "bad.yaml" in lines[1]


def test_check_reports_missing_fields_one_per_line(run, note, tmp_path):
    partial = tmp_path / "partial.yaml"
    partial.write_text("company: Larkspur\ninterviewers: []\n")
    status, _, err = run("check", note(GOOD), "--interview", partial, "--to", RAFAEL)
    assert status == 2 and "Traceback" not in err and len(err.strip().splitlines()) >= 3


def test_check_requires_interview_and_to(run, note):
    status, _, err = run("check", note(GOOD))
    assert status == 2 and "--interview" in err


def test_check_reads_standard_input(tmp_path):
    result = subprocess.run([sys.executable, "-m", "clinch.cli", "check", "-", "--interview", str(EXAMPLE), "--to", RAFAEL],
                            input=GOOD, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
