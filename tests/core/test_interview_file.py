"""Reading interview files: every problem at once, each with its field path."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clinch.core.interview_file import _PLAIN_EMAIL, InterviewFileError, load_interview, parse_interview, plain_email
from tests.core.conftest import EXAMPLE, fixture


def minimal(**changes):
    data = {
        "candidate": {"name": "Dana Whitfield", "timezone": "America/Denver"},
        "company": "Larkspur Robotics, Inc.",
        "role": "Controls Engineer",
        "starts_at": "2026-05-20T13:00:00-06:00",
        "interviewers": [{"name": "Rafael Quiñones", "email": "rquinones@larkspur.example"}],
    }
    data.update(changes)
    return data


def problems_of(data) -> list[str]:
    with pytest.raises(InterviewFileError) as caught:
        parse_interview(data)
    return caught.value.problems


def test_it_reads_the_shared_example():
    interview = load_interview(EXAMPLE)
    assert interview.company == "Larkspur Robotics, Inc."
    assert interview.ends_at.isoformat() == "2026-05-20T14:30:00-06:00"
    assert [p.role for p in interview.interviewers] == ["hiring_manager", "interviewer", "recruiter"]
    assert interview.interviewers[0].timezone == "America/Los_Angeles"
    assert interview.interviewers[0].article.url == "https://journal.example/compliant-grasping"
    assert interview.interviewers[2].topics == ()
    assert interview.candidate.country == "US"


def test_it_accepts_datetimes_already_parsed_by_pyyaml():
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data["starts_at"], datetime)
    assert parse_interview(data) == load_interview(EXAMPLE)


def test_ends_at_defaults_to_an_hour_after_the_start():
    assert parse_interview(minimal()).ends_at.isoformat() == "2026-05-20T14:00:00-06:00"


def test_optional_fields_are_read():
    interview = parse_interview(minimal(
        decision_date="2026-05-29",
        replied_at="2026-05-22T09:00:00-06:00",
        outcome={"kind": "rejected", "received_at": "2026-06-01T10:00:00-06:00"},
        interviewers=[{"name": "Jennifer Park", "preferred_name": "Jen", "linkedin": "https://linkedin.com/in/jp"}],
    ))
    assert interview.decision_date == date(2026, 5, 29)
    assert interview.replied_at.isoformat() == "2026-05-22T09:00:00-06:00"
    assert interview.outcome.kind == "rejected"
    assert interview.interviewers[0].preferred_name == "Jen"
    assert interview.interviewers[0].linkedin_url == "https://linkedin.com/in/jp"


def test_every_problem_is_reported_at_once_with_its_field_path():
    with pytest.raises(InterviewFileError) as caught:
        load_interview(fixture("broken.yaml"))
    problems = caught.value.problems
    assert "candidate.name: is required" in problems
    assert "candidate.timezone: unknown time zone 'Mars/Base'" in problems
    assert any(p.startswith("candidate.email: not a valid email address") for p in problems)
    assert "role: is required" in problems
    assert any(p.startswith("starts_at: not a real date and time: '2026-02-30T10:00:00-06:00'") for p in problems)
    assert any(p.startswith("ends_at: needs an offset") for p in problems)
    assert any(p.startswith("decision_date: not a real date") for p in problems)
    assert any(p.startswith("outcome.kind: unknown outcome 'ghosted'") for p in problems)
    assert any(p.startswith("outcome.received_at: is required") for p in problems)
    assert any(p.startswith("interviewers[0].email: not a valid email address") for p in problems)
    assert any(p.startswith("interviewers[0].role: unknown role 'boss'") for p in problems)
    assert "interviewers[1].name: is required" in problems
    assert "interviewers[1].timezone: unknown time zone 'Moon/Crater'" in problems
    assert len(problems) >= 13


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"starts_at": "2026-05-20T13:00:00"}, "starts_at: needs an offset"),
        ({"starts_at": "2026-05-20"}, "starts_at: needs a time and an offset"),
        ({"starts_at": date(2026, 5, 20)}, "starts_at: needs a time and an offset"),
        ({"starts_at": datetime(2026, 5, 20, 13)}, "starts_at: needs an offset"),
        ({"starts_at": "tuesday afternoon"}, "starts_at: not a real date and time"),
        ({"starts_at": "9999-12-31T23:00:00-06:00"}, "starts_at: year 9999 is not a plausible interview year"),
        ({"ends_at": "2026-05-20T12:00:00-06:00"}, "ends_at: 2026-05-20T12:00:00-06:00 is not after starts_at"),
        ({"decision_date": "2026-05-01"}, "decision_date: 2026-05-01 is before the interview"),
        ({"interviewers": []}, "interviewers: expected a list with at least one person"),
        ({"interviewers": None}, "interviewers: is required"),
        ({"candidate": None}, "candidate: is required"),
        ({"candidate": {"name": "Dana", "timezone": "America/Denver", "country": "XX"}},
         "candidate.country: no public holiday calendar for country 'XX'"),
        ({"interviewer": []}, "interviewer: unknown field"),
        ({"outcome": {"kind": "offer", "received_at": "2026-05-19T10:00:00-06:00"}},
         "outcome.received_at: is before the interview starts"),
        ({"interviewers": [{"name": "A", "email": "a@x.example"}, {"name": "B", "email": "A@x.example"}]},
         "interviewers[1].email: same address as interviewers[0]"),
        ({"starts_at": "2026-06-10T10:00:00+25:00"},
         "starts_at: the UTC offset +25:00 is out of range (-23:59 to +23:59)"),
        ({"starts_at": "2026-06-10T10:00:00-24:00"},
         "starts_at: the UTC offset -24:00 is out of range (-23:59 to +23:59)"),
        ({"candidate": {"name": "Dana", "timezone": "europe/berlin"}},
         'candidate.timezone: unknown time zone \'europe/berlin\'; did you mean "Europe/Berlin"?'),
        ({"candidate": {"name": "Dana", "timezone": "America/Denvr"}},
         'candidate.timezone: unknown time zone \'America/Denvr\'; did you mean "America/Denver"?'),
        ({"interviewers": [{"name": "A", "timezone": "ASIA/TOKYO"}]},
         'interviewers[0].timezone: unknown time zone \'ASIA/TOKYO\'; did you mean "Asia/Tokyo"?'),
    ],
)
def test_it_reports_each_kind_of_problem(change, problem):
    assert any(p.startswith(problem) for p in problems_of(minimal(**change))), problems_of(minimal(**change))


def test_an_unknown_zone_with_no_close_spelling_gets_no_suggestion():
    problems = problems_of(minimal(candidate={"name": "Dana", "timezone": "Mars/Base"}))
    assert "candidate.timezone: unknown time zone 'Mars/Base'" in problems


@pytest.mark.parametrize("value", [42, 4.5, ["Dana"], {"first": "Dana"}])
@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda v: {"candidate": {"name": v, "timezone": "America/Denver"}}, "candidate.name"),
        (lambda v: {"company": v}, "company"),
        (lambda v: {"role": v}, "role"),
        (lambda v: {"interviewers": [{"name": v}]}, "interviewers[0].name"),
        (lambda v: {"interviewers": [{"name": "A", "preferred_name": v}]}, "interviewers[0].preferred_name"),
        (lambda v: {"interviewers": [{"name": "A", "title": v}]}, "interviewers[0].title"),
        (lambda v: {"interviewers": [{"name": "A", "role": v}]}, "interviewers[0].role"),
    ],
)
def test_names_and_titles_must_be_text(change, path, value):
    kind = {int: "a number", float: "a number", list: "a list", dict: "a mapping"}[type(value)]
    assert problems_of(minimal(**change(value))) == [f"{path}: expected text, got {kind}"]


@pytest.mark.parametrize(
    ("topics", "problem"),
    [
        ("just one string", "interviewers[0].topics: expected a list of topics"),
        ({"a": "b"}, "interviewers[0].topics: expected a list of topics, got a mapping"),
        (["gripper tuning", 42], "interviewers[0].topics[1]: expected text, got a number"),
        (["gripper tuning", ["nested"]], "interviewers[0].topics[1]: expected text, got a list"),
    ],
)
def test_topics_must_be_a_list_of_text(topics, problem):
    [found] = problems_of(minimal(interviewers=[{"name": "A", "topics": topics}]))
    assert found.startswith(problem)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jennifer-park",
        "https://www.linkedin.com/in/jennifer-park/",
        "http://linkedin.com/in/jp",
        "https://de.linkedin.com/in/jp",
        "HTTPS://WWW.LINKEDIN.COM/in/jp",
    ],
)
def test_a_linkedin_url_is_accepted(url):
    assert parse_interview(minimal(interviewers=[{"name": "A", "linkedin": url}])).interviewers[0].linkedin_url == url


@pytest.mark.parametrize(
    "url",
    ["not a url", "linkedin.com/in/jp", "ftp://linkedin.com/in/jp", "https://notlinkedin.com/in/jp",
     "https://linkedin.com.evil.example/in/jp", "https://[::1/in/jp"],
)
def test_anything_but_a_linkedin_url_is_refused(url):
    assert problems_of(minimal(interviewers=[{"name": "A", "linkedin": url}])) == [
        "interviewers[0].linkedin: expected a LinkedIn profile URL (https://www.linkedin.com/in/...), "
        f"got {url!r}"
    ]


def test_a_quoted_no_is_norway(tmp_path):
    path = tmp_path / "oslo.yaml"
    path.write_text(yaml.safe_dump(minimal(candidate={"name": "Dana", "timezone": "Europe/Oslo"}))
                    .replace("timezone: Europe/Oslo", "timezone: Europe/Oslo\n  country: NO"))
    assert load_interview(path).candidate.country == "NO"


@pytest.mark.parametrize(("written", "code"), [("Ireland", "IE"), ("Vietnam", "VN"), ("Viet Nam", "VN"),
                                              ("United Kingdom", "GB"), ("Scotland", "GB-SCT"), ("czechia", "CZ")])
def test_a_country_may_be_written_by_its_name(tmp_path, written, code):
    path = tmp_path / "named.yaml"
    path.write_text(yaml.safe_dump(minimal(candidate={"name": "Dana", "timezone": "Europe/Dublin", "country": written})))
    assert load_interview(path).candidate.country == code


def test_malformed_yaml_gives_line_and_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("candidate:\n  name: Dana\n company: X\n")
    with pytest.raises(InterviewFileError) as caught:
        load_interview(path)
    assert caught.value.problems[0].startswith("yaml: line 3, column 2:")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file: is empty"),
        (b"   \n\n", "file: is empty"),
        (b"# just a comment\n", "file: is empty (only comments)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "file: is binary"),
        (b"company: caf\xe9\n", "file: is not UTF-8 text (byte 0xe9 at offset 12)"),
        ("company: Caf\u00e9\n".encode("utf-16"), "file: is saved as UTF-16; save it as UTF-8 and try again"),
        ("company: Caf\u00e9\n".encode("utf-16-be"), "file: is saved as UTF-16; save it as UTF-8 and try again"),
        ("company: Caf\u00e9\n".encode("utf-16-le"), "file: is saved as UTF-16; save it as UTF-8 and try again"),
        (b"- a\n- b\n", "file: expected a mapping of fields at the top, got a list"),
    ],
)
def test_empty_binary_and_odd_files_are_refused(tmp_path, content, problem):
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    with pytest.raises(InterviewFileError) as caught:
        load_interview(path)
    assert caught.value.problems[0].startswith(problem)


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n  \n"])
def test_a_file_holding_only_a_utf8_bom_is_empty_not_only_comments(tmp_path, content):
    path = tmp_path / "bom.yaml"
    path.write_bytes(content)
    with pytest.raises(InterviewFileError) as caught:
        load_interview(path)
    assert caught.value.problems == ["file: is empty"]


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    with pytest.raises(InterviewFileError) as caught:
        load_interview(tmp_path / "nope.yaml")
    assert caught.value.problems[0].startswith("file: cannot read")


def test_the_fixtures_load():
    for name in ("late_afternoon.yaml", "rejected.yaml", "card.yaml"):
        assert load_interview(fixture(name)).interviewers


def test_a_key_given_twice_is_a_problem_with_its_line(tmp_path):
    path = tmp_path / "twice.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    email: meghan.os@larkspur.example\n",
        "    email: meghan.os@larkspur.example\n    email: meghan@elsewhere.example\n",
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterviewFileError) as caught:
        load_interview(path)
    assert caught.value.problems == ["yaml: line 28, column 5: 'email' is given twice"]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_PLAIN_EMAIL, fullmatch=True) | st.text(alphabet="abcXYZ09.-_+@", max_size=30))
def test_a_plain_address_reads_as_email_validator_reads_it(address):
    from email_validator import EmailNotValidError, validate_email

    plain = plain_email(address)
    if plain is None:
        return  # left to email-validator itself
    try:
        assert plain == validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        pytest.fail(f"{address!r} passed the quick path but email-validator refuses it: {exc}")


def test_addresses_beyond_plain_ascii_still_go_to_email_validator():
    assert plain_email("zoë@exämple.org") is None and plain_email("a@b.test") is None and plain_email('"a b"@x.org') is None
    interview = parse_interview(minimal(interviewers=[{"name": "Zoë Dupré", "email": "Zoë@Exämple.org"}]))
    assert interview.interviewers[0].email == "Zoë@exämple.org"


@pytest.mark.parametrize("opening", ["[", "{", "topics: [", "a: {b: "])
def test_brackets_nested_thousands_deep_are_refused_before_parsing(tmp_path, opening):
    path = tmp_path / "deep.yaml"
    path.write_text(opening * 5_000)
    with pytest.raises(InterviewFileError) as refused:
        load_interview(path)
    assert refused.value.problems == ["yaml: nested too deeply for an interview file"]


def test_brackets_in_quoted_topics_are_not_nesting(tmp_path):
    text = EXAMPLE.read_text().replace("role: Controls Engineer", 'role: "Controls Engineer [[[[ {{{{"', 1)
    path = tmp_path / "brackets.yaml"
    path.write_text(text)
    assert load_interview(path).role == "Controls Engineer [[[[ {{{{"
