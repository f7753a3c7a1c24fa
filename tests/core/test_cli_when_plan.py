"""`clinch when` and `clinch plan`: exact output shapes, exit 2 with one line per problem."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.core.conftest import EXAMPLE, fixture

AFTER = "2026-05-21T14:30:00-06:00"  # a Thursday


def test_when_prints_json_with_date_matched_and_confidence(clinch):
    status, out, err = clinch("when", "We'll decide by Friday.", "--after", AFTER, "--json")
    assert status == 0 and err == ""
    assert json.loads(out) == {"date": "2026-05-22", "matched": "by Friday", "confidence": 0.85, "language": "en",
                                "earliest": None}


def test_when_reads_german_french_and_spanish_and_says_which(clinch):
    _, de, _ = clinch("when", "Wir melden uns am Dienstag nach Pfingsten.", "--after", "2026-05-12T16:00:00+02:00",
                      "--country", "DE", "--json")
    _, fr, _ = clinch("when", "Nous reviendrons vers vous d'ici vendredi.", "--after", AFTER, "--json")
    _, es, _ = clinch("when", "Te avisamos la semana que viene.", "--after", AFTER, "--json")
    assert [(json.loads(o)["date"], json.loads(o)["language"]) for o in (de, fr, es)] == [
        ("2026-05-26", "de"), ("2026-05-22", "fr"), ("2026-05-29", "es")]


def test_when_takes_the_interviews_language_when_the_text_does_not_say(clinch):
    _, out, _ = clinch("when", "15.06.", "--after", AFTER, "--language", "de", "--json")
    assert (json.loads(out)["date"], json.loads(out)["language"]) == ("2026-06-15", "de")
    status, _, err = clinch("when", "15.06.", "--after", AFTER, "--language", "it")
    assert status == 2 and "--language" in err


def test_when_prints_null_for_a_vague_promise(clinch):
    status, out, _ = clinch("when", "we'll circle back", "--after", AFTER, "--json")
    data = json.loads(out)
    assert status == 0 and data["date"] is None and data["confidence"] < 0.3


def test_when_reads_business_days_with_the_countrys_holidays(clinch):
    _, us, _ = clinch("when", "within 3 business days", "--after", "2026-12-23T11:00:00+00:00", "--json")
    _, gb, _ = clinch("when", "within 3 business days", "--after", "2026-12-23T11:00:00+00:00",
                      "--country", "GB", "--json")
    assert (json.loads(us)["date"], json.loads(gb)["date"]) == ("2026-12-29", "2026-12-30")


def test_when_uses_the_zone_for_the_interview_day(clinch):
    _, out, _ = clinch("when", "tomorrow", "--after", "2026-05-22T03:00:00+00:00", "--tz", "America/Denver", "--json")
    assert json.loads(out)["date"] == "2026-05-22"


def test_when_without_json_prints_a_readable_line(clinch):
    status, out, _ = clinch("when", "end of next week", "--after", AFTER)
    assert status == 0
    assert out.startswith("Fri 29 May 2026  (2026-05-29)")
    assert "read as English" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--after", "2026-05-21T14:30:00"), "clinch when: --after: needs an offset"),
        (("--after", "2026-02-30T10:00:00-06:00"), "clinch when: --after: not a real date and time"),
        (("--after", AFTER, "--tz", "Mars/Base"), "clinch when: --tz: unknown time zone 'Mars/Base'"),
        (("--after", "9999-12-31T12:00:00+00:00"), "clinch when: --after: year 9999 is not a plausible"),
        (("--after", AFTER, "--country", "XX"), "clinch when: --country: no public holiday calendar for country 'XX'"),
    ],
)
def test_when_refuses_bad_input_with_exit_2_and_one_line(clinch, args, message):
    status, out, err = clinch("when", "by Friday", *args)
    assert status == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_when_reports_every_bad_option_at_once(clinch):
    status, _, err = clinch("when", "by Friday", "--after", "yesterday", "--tz", "Mars/Base", "--country", "XX")
    assert status == 2 and len(err.strip().splitlines()) == 3


def test_plan_json_is_exactly_the_documented_shape(clinch):
    status, out, err = clinch("plan", str(EXAMPLE), "--json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["decision_date"] == "2026-05-26"
    assert {a["kind"] for a in data["actions"]} == {"thank_you", "status_check", "linkedin_connect"}
    first = data["actions"][0]
    assert set(first) == {"kind", "to", "channel", "send_at", "deadline", "why"}


def test_plan_without_json_prints_a_timeline_in_local_times(clinch):
    status, out, _ = clinch("plan", str(EXAMPLE))
    assert status == 0
    assert "Decision expected Tue 26 May 2026" in out
    assert "Wed 20 May 2026 14:30 PDT" in out and "thank-you" in out
    assert "Rafael Quiñones <rquinones@larkspur.example>" in out
    assert "why: F2:" in out


def test_plan_reports_every_problem_with_its_field_path_and_exit_2(clinch):
    path = fixture("broken.yaml")
    status, out, err = clinch("plan", str(path))
    lines = err.strip().splitlines()
    assert status == 2 and out == ""
    assert f"{path}: candidate.timezone: unknown time zone 'Mars/Base'" in lines
    assert f"{path}: interviewers[1].timezone: unknown time zone 'Moon/Crater'" in lines
    assert len(lines) >= 13 and "Traceback" not in err


def test_plan_refuses_a_name_that_is_not_text(clinch, tmp_path):
    path = tmp_path / "number.yaml"
    path.write_text(EXAMPLE.read_text("utf-8").replace("name: Dana Whitfield", "name: 42", 1), "utf-8")
    status, out, err = clinch("plan", str(path))
    assert status == 2 and out == ""
    assert f"{path}: candidate.name: expected text, got a number" in err.splitlines()


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"candidate: [\n", b"just text\n"])
def test_plan_never_shows_a_traceback_for_odd_files(clinch, tmp_path, content):
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    status, out, err = clinch("plan", str(path))
    assert status == 2 and out == "" and "Traceback" not in err
    assert err.startswith(f"{path}: ")


def test_plan_with_a_bad_policy_file_exits_2(clinch, tmp_path):
    policy = tmp_path / "p.toml"
    policy.write_text("[status_check]\nmax_count = 9\n")
    status, _, err = clinch("plan", str(EXAMPLE), "--policy", str(policy))
    assert status == 2 and "must be at most 3" in err


def test_plan_with_a_policy_file_uses_it(clinch, tmp_path):
    policy = tmp_path / "p.toml"
    policy.write_text("[status_check]\nmax_count = 1\n")
    _, out, _ = clinch("plan", str(EXAMPLE), "--policy", str(policy), "--json")
    assert sum(a["kind"] == "status_check" for a in json.loads(out)["actions"]) == 1


ENTRY = (
    "import sys, clinch.cli as c; "
    "c.COMMANDS = tuple(dict.fromkeys(c.COMMANDS + ('when', 'plan'))); "
    "status = c.main(sys.argv[1:]); "
    "heavy = sorted(m for m in ('django', 'dateparser') if m in sys.modules); "
    "print('HEAVY', heavy, file=sys.stderr); sys.exit(status)"
)


@pytest.mark.parametrize(
    "argv",
    [["when", "by the end of next week", "--after", AFTER, "--json"], ["plan", str(EXAMPLE), "--json"]],
)
def test_the_commands_load_neither_django_nor_dateparser(argv):
    done = subprocess.run([sys.executable, "-c", ENTRY, *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly():
    """``clinch plan X | head -1``: no traceback when the pipe closes before the output is written."""
    proc = subprocess.Popen([sys.executable, "-m", "clinch.cli", "plan", str(EXAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err
