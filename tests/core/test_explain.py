"""Each step of the plan says why in one plain sentence, built from the plan's own data."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from clinch.core import explain, planner
from clinch.core.model import Candidate, Interview, Interviewer
from clinch.core.policy import load_policy

DENVER = ZoneInfo("America/Denver")
POLICY = load_policy()


def interview(ends_at: datetime, **changes) -> Interview:
    fields = dict(
        candidate=Candidate(name="Dana Whitfield", email="dana@example.org", timezone="America/Denver"),
        company="Larkspur Robotics, Inc.", role="Controls Engineer", starts_at=ends_at - timedelta(hours=1),
        ends_at=ends_at,
        interviewers=(Interviewer(name="Rafael Quiñones", email="rq@larkspur.example", role="hiring_manager"),),
    )
    fields.update(changes)
    return Interview(**fields)


def plain(facts: Interview, kind: str) -> list[str]:
    plan = planner.plan(facts, POLICY)
    steps = [a for a in plan.actions if a.kind == kind]
    out, previous = [], None
    for action in steps:
        out.append(explain.explain(kind, send_at=action.send_at, tz=DENVER, ended_at=facts.ends_at,
                                   decision=plan.decision_date, previous=previous,
                                   recorded_late_at=facts.captured_at
                                   if planner.recorded_late(facts.ends_at, facts.captured_at, POLICY) else None))
        previous = action.send_at if kind == "status_check" else None
    return out


def test_a_late_afternoon_interview_gets_its_thanks_a_day_later_in_their_morning():
    facts = interview(datetime(2026, 3, 5, 16, 30, tzinfo=DENVER))
    assert plain(facts, "thank_you") == ["a day after the interview, in their morning"]


def test_a_morning_interview_gets_its_thanks_the_same_afternoon():
    facts = interview(datetime(2026, 3, 5, 10, 0, tzinfo=DENVER))
    assert plain(facts, "thank_you") == ["an hour after the interview, in their morning"]
    facts = interview(datetime(2026, 3, 5, 9, 0, tzinfo=DENVER), starts_at=datetime(2026, 3, 5, 8, 0, tzinfo=DENVER))
    assert explain.explain("thank_you", send_at=datetime(2026, 3, 5, 14, 0, tzinfo=DENVER), tz=DENVER,
                           ended_at=facts.ends_at) == "the same day as the interview, in their afternoon"


def test_status_checks_count_business_days_from_their_date_then_weeks_from_the_last():
    facts = interview(datetime(2026, 3, 5, 14, 30, tzinfo=DENVER), decision_date=date(2026, 3, 13))
    assert plain(facts, "status_check") == [
        "two business days after the date they gave (Fri 13 Mar), in their morning",
        "a week after your last status check, in their morning",
    ]


def test_without_a_date_the_check_says_so():
    facts = interview(datetime(2026, 3, 5, 14, 30, tzinfo=DENVER))
    assert plain(facts, "status_check")[0] == "a week after the interview, in their morning, as they gave no date"


def test_an_interview_recorded_months_later_is_explained_from_the_day_it_was_recorded():
    facts = interview(datetime(2025, 6, 2, 14, 30, tzinfo=DENVER), captured_at=datetime(2026, 3, 5, 8, 0, tzinfo=DENVER))
    [sentence] = plain(facts, "thank_you")
    assert sentence == "an hour after you recorded the interview, in their morning"
    assert "late" not in sentence


def test_a_reply_to_their_answer_counts_from_the_answer():
    answered = datetime(2026, 3, 12, 10, 0, tzinfo=DENVER)
    assert explain.explain("rejection_reply", send_at=answered + timedelta(days=1, hours=1), tz=DENVER,
                           ended_at=answered - timedelta(days=7), answered_at=answered) == \
        "a day after their answer, in their morning"
    assert explain.explain("keep_in_touch", send_at=answered + timedelta(days=91), tz=DENVER,
                           ended_at=answered, answered_at=answered).startswith("three months after their answer")


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=23))
def test_every_sentence_is_one_plain_sentence_without_rule_ids(days, hour):
    ended = datetime(2026, 3, 5, 14, 30, tzinfo=DENVER)
    send = datetime.combine(ended.date() + timedelta(days=days), datetime.min.time(), DENVER).replace(hour=hour)
    if send <= ended:
        send = ended + timedelta(hours=1)
    for kind in ("thank_you", "status_check", "linkedin_connect", "handwritten_card", "keep_in_touch"):
        text = explain.explain(kind, send_at=send, tz=DENVER, ended_at=ended, decision=date(2026, 3, 13))
        assert text and "." not in text and ";" not in text
        assert not any(token[:1] in "TFRLHN" and token[1:].isdigit() for token in text.replace(",", " ").split())
