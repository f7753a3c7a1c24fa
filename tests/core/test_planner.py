"""The plan: who gets what, when, and why; deterministic, zone-aware, DST-safe."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given
from hypothesis import strategies as st

from clinch.core import calendar as cal
from clinch.core.interview_file import load_interview
from clinch.core.model import Candidate, Interview, Interviewer, Outcome
from clinch.core.planner import as_json, lead_contact, plan
from clinch.core.policy import load_policy
from tests.core.conftest import EXAMPLE, fixture, t


def kinds(result, kind):
    return [a for a in result.actions if a.kind == kind]


def local(action):
    return action.send_at.astimezone(action.send_at.tzinfo)


def interview_at(ends_at: str, zone="America/New_York", **changes) -> Interview:
    end = t(ends_at)
    base = Interview(
        candidate=Candidate(name="Dana Whitfield", email=None, timezone=zone),
        company="Larkspur Robotics, Inc.",
        role="Controls Engineer",
        starts_at=end - timedelta(hours=1),
        ends_at=end,
        interviewers=(Interviewer(name="Rafael Quiñones", email="rq@larkspur.example", role="hiring_manager"),),
    )
    return dataclasses.replace(base, **changes)


# -- the shared example ---------------------------------------------------------------------

def test_the_example_gets_one_thank_you_per_interviewer_in_their_own_zone(policy):
    result = plan(load_interview(EXAMPLE), policy)
    notes = {a.to: a for a in kinds(result, "thank_you")}
    assert set(notes) == {"rquinones@larkspur.example", "meghan.os@larkspur.example", "twright@larkspur.example"}
    # Ended 14:30 MDT: an hour later, same afternoon (T3, T4); Rafael reads it in Los Angeles.
    assert notes["rquinones@larkspur.example"].send_at.isoformat() == "2026-05-20T14:30:00-07:00"
    assert notes["meghan.os@larkspur.example"].send_at.isoformat() == "2026-05-20T15:30:00-06:00"
    assert notes["meghan.os@larkspur.example"].deadline.isoformat() == "2026-05-21T14:30:00-06:00"
    assert notes["rquinones@larkspur.example"].key == "thank_you:rquinones@larkspur.example"
    assert "T2" in notes["rquinones@larkspur.example"].why and "S1" in notes["rquinones@larkspur.example"].why


def test_a_cancelled_interview_plans_nothing_but_still_reads_the_decision_date(policy):
    facts = dataclasses.replace(load_interview(EXAMPLE), cancelled=True)
    result = plan(facts, policy)
    assert result.actions == ()
    assert result.decision_date == date(2026, 5, 26) and result.decision_source == "next_step"


def test_the_example_reads_early_next_week_and_checks_status_two_business_days_later(policy):
    result = plan(load_interview(EXAMPLE), policy)
    assert result.decision_date == date(2026, 5, 26)  # Monday 25th is Memorial Day: Tuesday
    assert result.decision_source == "next_step"
    checks = kinds(result, "status_check")
    assert [c.send_at.isoformat() for c in checks] == ["2026-05-28T09:30:00-07:00", "2026-06-04T09:30:00-07:00"]
    assert [c.key for c in checks] == ["status_check:1:rquinones@larkspur.example",
                                       "status_check:2:rquinones@larkspur.example"]
    assert checks[0].deadline.isoformat() == "2026-05-28T11:30:00-07:00"
    assert checks[0].why.startswith("F2:") and "F5" in checks[1].why


def test_the_example_suggests_linkedin_after_the_decision_and_no_card(policy):
    result = plan(load_interview(EXAMPLE), policy)
    links = kinds(result, "linkedin_connect")
    assert len(links) == 3 and all(a.channel == "linkedin" for a in links)
    assert all(a.send_at.date() >= date(2026, 5, 28) for a in links)
    assert "L5" in links[0].why and "200 characters" in links[0].why
    assert not kinds(result, "handwritten_card")  # the decision is days away, a card cannot arrive


def test_actions_are_sorted_by_send_time_then_key(policy):
    actions = plan(load_interview(EXAMPLE), policy).actions
    assert list(actions) == sorted(actions, key=lambda a: (a.send_at, a.key))


def test_json_has_exactly_the_documented_fields(policy):
    data = as_json(plan(load_interview(EXAMPLE), policy))
    assert set(data) == {"decision_date", "actions"}
    assert data["decision_date"] == "2026-05-26"
    for action in data["actions"]:
        assert set(action) == {"kind", "to", "channel", "send_at", "deadline", "why"}
        assert datetime.fromisoformat(action["send_at"]).tzinfo is not None


# -- thank-you timing -------------------------------------------------------------------------------

def test_a_late_afternoon_interview_gets_its_thank_you_first_thing_next_morning(policy):
    result = plan(load_interview(fixture("late_afternoon.yaml")), policy)
    notes = {a.to: a for a in kinds(result, "thank_you")}
    assert notes["jen.oneill@heronvale.example"].send_at.isoformat() == "2026-03-04T09:00:00-05:00"


def test_the_thank_you_goes_out_in_business_hours_of_the_recipients_zone(policy):
    result = plan(load_interview(fixture("late_afternoon.yaml")), policy)
    soren = next(a for a in kinds(result, "thank_you") if a.to == "soren.aberg@heronvale.example")
    # The interview ended 22:45 in Copenhagen: 09:00 there next morning.
    assert soren.send_at.isoformat() == "2026-03-04T09:00:00+01:00"


def test_a_morning_interview_gets_its_thank_you_that_afternoon(policy):
    note = kinds(plan(interview_at("2026-03-03T11:20:00-05:00"), policy), "thank_you")[0]
    assert note.send_at.isoformat() == "2026-03-03T12:20:00-05:00"


def test_it_never_sends_a_thank_you_sooner_than_an_hour_after_the_end(policy):
    note = kinds(plan(interview_at("2026-03-03T09:07:00-05:00"), policy), "thank_you")[0]
    assert note.send_at >= t("2026-03-03T10:07:00-05:00")
    assert note.send_at.isoformat() == "2026-03-03T10:10:00-05:00"


def test_it_never_schedules_a_thank_you_at_night(policy):
    note = kinds(plan(interview_at("2026-03-03T20:00:00-05:00"), policy), "thank_you")[0]
    assert note.send_at.isoformat() == "2026-03-04T09:00:00-05:00"


def test_after_a_friday_evening_interview_it_keeps_within_24_hours_even_on_a_saturday(policy):
    note = kinds(plan(interview_at("2026-03-06T18:00:00-05:00"), policy), "thank_you")[0]
    assert note.send_at.isoformat() == "2026-03-07T09:00:00-05:00"
    assert note.send_at - t("2026-03-06T18:00:00-05:00") <= timedelta(hours=24)


def test_a_thank_you_keeps_its_wall_time_across_the_spring_change(policy):
    # Saturday 7 March 2026 evening; clocks spring forward early Sunday morning. Monday
    # 09:00 is a business-hours slot within 48 h, and still 09:00 on the wall.
    note = kinds(plan(interview_at("2026-03-07T16:30:00-05:00"), policy), "thank_you")[0]
    assert note.send_at.isoformat() == "2026-03-09T09:00:00-04:00"


def test_an_interviewer_without_an_email_gets_no_thank_you_email(policy):
    interview = interview_at("2026-03-03T11:00:00-05:00", interviewers=(Interviewer(name="Bao Nguyen"),))
    result = plan(interview, policy)
    assert not kinds(result, "thank_you")
    assert kinds(result, "status_check")[0].to == "Bao Nguyen"


# -- status checks ---------------------------------------------------------------------------------

def test_without_a_decision_date_the_first_check_comes_about_a_week_later(policy):
    result = plan(load_interview(fixture("late_afternoon.yaml")), policy)
    assert result.decision_date is None
    checks = kinds(result, "status_check")
    assert checks[0].send_at.isoformat() == "2026-03-10T09:30:00-04:00"  # Tuesday a week later, EDT
    assert checks[0].why.startswith("F3:")


def test_a_lower_bound_holds_the_status_check_back_until_after_it(policy):
    # Tuesday 3 March; "not before the 20th" names no decision date, but asking a week later, on
    # the 10th, would be asking before they can know: the check waits for the 20th plus the buffer.
    said = "We won't have an answer before the 20th."
    result = plan(interview_at("2026-03-03T11:00:00-05:00", next_step=said), policy)
    assert result.decision_date == date(2026, 3, 20)
    assert kinds(result, "status_check")[0].send_at.date() >= date(2026, 3, 24)
    # Without a lower bound, about a week.
    vague = plan(interview_at("2026-03-03T11:00:00-05:00", next_step="We'll be in touch."), policy)
    assert vague.decision_date is None
    assert kinds(vague, "status_check")[0].send_at.date() < date(2026, 3, 20)


def test_status_checks_skip_holidays_and_the_first_day_back(policy):
    # Decision Wednesday 1 July 2026 + 2 business days = Friday 3 July, a holiday (observed);
    # Monday 6 is the first day back and a Monday: Tuesday 7 July.
    interview = interview_at("2026-06-24T15:00:00-04:00", decision_date=date(2026, 7, 1))
    assert kinds(plan(interview, policy), "status_check")[0].send_at.date() == date(2026, 7, 7)


def test_status_checks_go_to_the_hiring_manager_else_the_first_with_an_email():
    people = (Interviewer(name="No Email"), Interviewer(name="Ann", email="ann@x.example"),
              Interviewer(name="Boss", email="boss@x.example", role="hiring_manager"))
    assert lead_contact(interview_at("2026-03-03T11:00:00-05:00", interviewers=people)).name == "Boss"
    assert lead_contact(interview_at("2026-03-03T11:00:00-05:00", interviewers=people[:2])).name == "Ann"


def test_the_number_of_status_checks_follows_the_policy():
    interview = interview_at("2026-03-03T11:00:00-05:00")
    assert len(kinds(plan(interview, load_policy({"status_check.max_count": 3})), "status_check")) == 3
    assert not kinds(plan(interview, load_policy({"status_check.max_count": 0})), "status_check")


def test_a_reply_or_an_outcome_stops_status_checks(policy):
    replied = interview_at("2026-03-03T11:00:00-05:00", replied_at=t("2026-03-05T10:00:00-05:00"))
    assert not kinds(plan(replied, policy), "status_check")
    offer = interview_at("2026-03-03T11:00:00-05:00",
                         outcome=Outcome(kind="offer", received_at=t("2026-03-06T10:00:00-05:00")))
    assert not kinds(plan(offer, policy), "status_check")


# -- LinkedIn, card, rejection -------------------------------------------------------------------

def test_linkedin_follows_the_connect_when_setting():
    interview = interview_at("2026-03-03T11:00:00-05:00")
    assert not kinds(plan(interview, load_policy({"linkedin.connect_when": "never"})), "linkedin_connect")
    early = kinds(plan(interview, load_policy({"linkedin.connect_when": "after_thank_you"})), "linkedin_connect")
    assert early[0].send_at.date() == date(2026, 3, 4)
    premium = kinds(plan(interview, load_policy({"linkedin.tier": "premium"})), "linkedin_connect")
    assert "300 characters" in premium[0].why


def test_linkedin_goes_to_the_profile_url_when_known(policy):
    result = plan(load_interview(fixture("late_afternoon.yaml")), policy)
    assert "https://www.linkedin.com/in/jen-oneill-example" in [a.to for a in kinds(result, "linkedin_connect")]


def test_a_card_is_offered_only_when_it_can_arrive_before_the_decision(policy):
    result = plan(load_interview(fixture("card.yaml")), policy)
    assert result.decision_date == date(2026, 10, 15)  # the day after the committee meets
    card = kinds(result, "handwritten_card")[0]
    assert (card.channel, card.to) == ("mail", "Marguerite Okonkwo-Lindqvist")
    assert card.send_at.isoformat() == "2026-09-14T12:00:00-05:00"
    # Mailed Monday 5 Oct: 5 postal days -> Sat 10, plus 2 mailroom business days (Columbus
    # Day, Mon 12, does not count) -> Wed 14, the day before the decision. Mailed Tuesday 6 it
    # would reach the desk on Thu 15: too late.
    assert card.deadline.isoformat() == "2026-10-05T17:00:00-05:00"
    assert "H3" in card.why


def test_no_card_without_a_decision_date(policy):
    assert not kinds(plan(interview_at("2026-03-03T11:00:00-05:00"), policy), "handwritten_card")


def test_after_a_rejection_it_plans_a_gracious_reply_and_a_reminder_months_later(policy):
    result = plan(load_interview(fixture("rejected.yaml")), policy)
    reply = kinds(result, "rejection_reply")[0]
    received = t("2026-06-05T15:10:00-06:00")
    assert reply.to == "rquinones@larkspur.example"
    assert received + timedelta(hours=24) <= reply.send_at <= received + timedelta(hours=48)
    assert time(9) <= reply.send_at.time() < time(17)
    assert reply.deadline == received + timedelta(hours=48)
    later = kinds(result, "keep_in_touch")[0]
    assert later.send_at.date() >= date(2026, 9, 3)
    assert cal.is_business_day(later.send_at.date(), "US") and "R5" in later.why
    assert not kinds(result, "status_check")
    assert all(a.send_at >= received for a in kinds(result, "linkedin_connect"))


# -- determinism and idempotence -------------------------------------------------------------------

def test_the_same_facts_give_the_same_plan_on_any_machine(policy, tmp_path):
    """Not the machine's zone, nor the hash seed, nor what a cache holds: only the facts and the policy."""
    expected = as_json(plan(load_interview(EXAMPLE), policy))
    for zone, seed in (("Pacific/Kiritimati", "1"), ("America/Adak", "2")):  # UTC+14 and UTC-9/-10
        env = {**os.environ, "TZ": zone, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path / seed)}
        done = subprocess.run([sys.executable, "-m", "clinch.cli", "plan", str(EXAMPLE), "--json"],
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == expected, zone


def test_a_new_decision_date_moves_only_what_depends_on_it(policy):
    before = plan(load_interview(EXAMPLE), policy)
    after = plan(dataclasses.replace(load_interview(EXAMPLE), decision_date=date(2026, 6, 12)), policy)
    old, new = {a.key: a for a in before.actions}, {a.key: a for a in after.actions}
    assert set(old) <= set(new)
    for key, action in old.items():
        if action.kind == "thank_you":
            assert new[key] == action
    assert new["status_check:1:rquinones@larkspur.example"].send_at.date() == date(2026, 6, 16)


# -- properties over any time, zone and date -------------------------------------------------------

ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
COUNTRIES = ["US", "GB", "DE", "IN", "JP", "AU", "BR", "CA", "FR", "NZ"]


@st.composite
def interviews(draw):
    zone = draw(st.sampled_from(ZONES))
    country = draw(st.sampled_from(COUNTRIES))
    end_local = draw(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2035, 12, 31)))
    end = end_local.replace(tzinfo=ZoneInfo(zone))
    people = tuple(
        Interviewer(name=f"Person {i}", email=f"p{i}@x.example",
                    role="hiring_manager" if i == 0 and draw(st.booleans()) else "interviewer",
                    timezone=draw(st.one_of(st.none(), st.sampled_from(ZONES))))
        for i in range(draw(st.integers(1, 3)))
    )
    decision = draw(st.one_of(st.none(), st.integers(0, 60)))
    decision_date = end.date() + timedelta(days=decision) if decision is not None else None
    return Interview(
        candidate=Candidate(name="Dana", email=None, timezone=zone, country=country),
        company="Acme", role="Engineer", starts_at=end - timedelta(hours=1), ends_at=end,
        interviewers=people, decision_date=decision_date,
    )


@given(interviews())
def test_thank_you_invariants_hold_for_any_time_and_zone(interview):
    policy = load_policy()
    result = plan(interview, policy)
    notes = kinds(result, "thank_you")
    assert len(notes) == len(interview.interviewers)
    for note in notes:
        zone = ZoneInfo(note.recipient.timezone or interview.candidate.timezone)
        assert note.send_at >= interview.ends_at + timedelta(hours=1)
        assert note.send_at <= interview.ends_at + timedelta(hours=48)
        wall = note.send_at.astimezone(zone).time()
        assert time(9) <= wall < time(17), f"{note.send_at} is outside the day"
        assert note.send_at.utcoffset() == note.send_at.astimezone(zone).utcoffset()


def _working_slot_within(end: datetime, hours: int, zone: ZoneInfo, country: str) -> bool:
    """Whether [end + 1 h, end + ``hours``] overlaps 09:00-16:00 of a business day in ``zone``
    by at least ten minutes (room for the planner's five-minute steps)."""
    earliest, latest = end + timedelta(hours=1), end + timedelta(hours=hours)
    day = earliest.astimezone(zone).date()
    while day <= latest.astimezone(zone).date():
        if cal.is_business_day(day, country):
            opens, closes = cal.at(day, time(9), zone), cal.at(day, time(16), zone)
            if min(closes, latest) - max(opens, earliest) >= timedelta(minutes=10):
                return True
        day += timedelta(days=1)
    return False


@given(interviews())
def test_thank_yous_go_within_24_hours_whenever_a_working_hour_falls_within_them(interview):
    """T2: the target is 24 h; 48 h is only the limit when the first day holds no working hour."""
    result = plan(interview, load_policy())
    for note in kinds(result, "thank_you"):
        zone = ZoneInfo(note.recipient.timezone or interview.candidate.timezone)
        if _working_slot_within(interview.ends_at, 24, zone, interview.candidate.country):
            assert note.send_at <= interview.ends_at + timedelta(hours=24), f"{note.send_at} misses the 24 h target"
            assert note.deadline == interview.ends_at + timedelta(hours=24)


@given(interviews())
def test_status_check_invariants_hold_for_any_time_zone_and_date(interview):
    policy = load_policy()
    result = plan(interview, policy)
    checks = kinds(result, "status_check")
    country = interview.candidate.country
    assert 1 <= len(checks) <= policy.value("status_check.max_count")
    lead = lead_contact(interview)
    zone = ZoneInfo(lead.timezone or interview.candidate.timezone)
    for n, check in enumerate(checks):
        day = check.send_at.astimezone(zone).date()
        assert cal.is_business_day(day, country)
        assert not cal.is_first_day_back(day, country)
        assert time(9, 30) <= check.send_at.astimezone(zone).time() < time(11, 30)
        assert check.send_at > interview.ends_at
        if interview.decision_date:
            assert day >= cal.add_business_days(interview.decision_date, 2, country)
        if n:
            assert check.send_at - checks[n - 1].send_at >= timedelta(days=6, hours=23)


@given(interviews(), interviews())
def test_planning_is_deterministic(interview, other):
    """The plan depends on the facts only: not on how their times are written, nor on what was planned before."""
    first = plan(interview, load_policy())
    plan(dataclasses.replace(other, candidate=interview.candidate), load_policy({"status_check.max_count": 3}))
    in_utc = dataclasses.replace(interview, starts_at=interview.starts_at.astimezone(UTC),
                                 ends_at=interview.ends_at.astimezone(UTC))
    again = plan(in_utc, load_policy())
    assert again == first
    assert as_json(again) == as_json(first)  # each time written in its recipient's zone, as before


@given(interviews(), st.integers(0, 24 * 60 * 30))
def test_rejection_reply_invariants_hold_for_any_time_and_zone(interview, minutes_later):
    received = interview.ends_at + timedelta(hours=2, minutes=minutes_later)
    rejected = dataclasses.replace(interview, outcome=Outcome(kind="rejected", received_at=received))
    result = plan(rejected, load_policy())
    reply = kinds(result, "rejection_reply")[0]
    zone = ZoneInfo(lead_contact(interview).timezone or interview.candidate.timezone)
    assert received + timedelta(hours=24) <= reply.send_at <= received + timedelta(hours=48)
    assert time(9) <= reply.send_at.astimezone(zone).time() < time(17)
    later = kinds(result, "keep_in_touch")[0]
    assert later.send_at.astimezone(zone).date() >= received.astimezone(zone).date() + timedelta(days=90)
    assert cal.is_business_day(later.send_at.astimezone(zone).date(), interview.candidate.country)
    assert not kinds(result, "status_check") and not kinds(result, "handwritten_card")


@given(interviews(), st.sampled_from(["after_decision", "after_thank_you"]),
       st.sampled_from([None, "rejected", "offer"]), st.integers(0, 24 * 60 * 20))
def test_linkedin_invitations_go_on_business_days_in_business_hours(interview, when, outcome, minutes_later):
    if outcome:
        received = interview.ends_at + timedelta(hours=2, minutes=minutes_later)
        interview = dataclasses.replace(interview, outcome=Outcome(kind=outcome, received_at=received))
    result = plan(interview, load_policy({"linkedin.connect_when": when}))
    for invite in kinds(result, "linkedin_connect"):
        local = invite.send_at.astimezone(ZoneInfo(invite.recipient.timezone or interview.candidate.timezone))
        assert cal.is_business_day(local.date(), interview.candidate.country), local
        assert time(9) <= local.time() < time(17), local


@given(interviews())
def test_a_card_always_arrives_before_the_decision(interview):
    from clinch.core.planner import arrival_day

    result = plan(interview, load_policy())
    for card in kinds(result, "handwritten_card"):
        home = ZoneInfo(interview.candidate.timezone)
        mail_by = card.deadline.astimezone(home).date()
        assert card.send_at <= card.deadline
        assert arrival_day(mail_by, interview.candidate.country, 5, 2) < result.decision_date
        assert arrival_day(mail_by + timedelta(days=1), interview.candidate.country, 5, 2) >= result.decision_date


def test_a_policy_channel_setting_changes_the_channel():
    interview = interview_at("2026-03-03T11:00:00-05:00")
    result = plan(interview, load_policy({"status_check.channel": "phone"}))
    assert {a.channel for a in kinds(result, "status_check")} == {"phone"}


def test_status_checks_go_to_someone_who_can_be_written_to(policy):
    manager = Interviewer(name="Ruth Abernathy", email=None, role="hiring_manager")
    recruiter = Interviewer(name="Tomás Wright", email="tw@larkspur.example", role="recruiter")
    checks = kinds(plan(interview_at("2026-03-03T11:00:00-05:00", interviewers=(manager, recruiter)), policy), "status_check")
    assert {(c.to, c.channel) for c in checks} == {("tw@larkspur.example", "email")}


def test_with_no_email_on_the_panel_the_status_check_is_a_call_to_the_hiring_manager(policy):
    manager = Interviewer(name="Ruth Abernathy", email=None, role="hiring_manager")
    checks = kinds(plan(interview_at("2026-03-03T11:00:00-05:00", interviewers=(manager,)), policy), "status_check")
    assert checks and {(c.to, c.channel) for c in checks} == {("Ruth Abernathy", "phone")}


def test_no_thank_you_goes_out_after_the_rejection_has_arrived(policy):
    rejected = Outcome(kind="rejected", received_at=t("2026-03-03T11:30:00-05:00"))
    result = plan(interview_at("2026-03-03T11:00:00-05:00", outcome=rejected), policy)
    assert not kinds(result, "thank_you")
    assert kinds(result, "rejection_reply")
    late = Outcome(kind="rejected", received_at=t("2026-03-10T11:30:00-05:00"))
    assert kinds(plan(interview_at("2026-03-03T11:00:00-05:00", outcome=late), policy), "thank_you")


def test_with_no_working_day_within_48_hours_a_thank_you_avoids_the_public_holiday(policy):
    # Christmas Eve 2026 is a Thursday; Friday is Christmas Day, then a weekend.
    result = plan(interview_at("2026-12-24T16:00:00-06:00", zone="America/Chicago"), policy)
    send_at = kinds(result, "thank_you")[0].send_at
    assert send_at.date() == date(2026, 12, 26) and send_at.time() == time(9)
