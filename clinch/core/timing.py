"""The timing guard: is a chosen moment (``send now``, a time the user typed) one the policy allows?

The planner only ever plans allowed moments; a person can still pick another. ``problems``
compares such a moment with the planner's own rules, read from the same settings
(``planner._Settings``) and the same helpers, so the guard and the plan cannot disagree:

* nothing goes before the interview has ended plus the thank-you delay (T4);
* at a civil hour in the recipient's zone: within business hours (F9);
* a status check not before the decision date they gave (F4), nor before the planner's
  first day for it (the buffer after that date, F2, or the usual wait without one, F3);
* a reply to a rejection not within the cooling-off delay after it arrived (R2).

``earliest_allowed`` gives the first moment from a given one that passes them all. Pure: time
and policy come in as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from clinch.core import calendar as cal
from clinch.core import planner
from clinch.core.model import Interview, Interviewer
from clinch.core.policy import Policy


@dataclass(frozen=True)
class TimingProblem:
    """One rule a moment breaks: ``says`` in plain words for the candidate, ``why`` the rule and
    its sources as the policy states them, ``not_before`` the first moment this rule allows."""

    code: str  # "too_soon", "night", "before_decision", "before_status_day", "cooling_off"
    policy_key: str
    says: str
    why: str
    not_before: datetime


def problems(interview: Interview, *, kind: str, recipient: Interviewer | None, at: datetime,
             policy: Policy) -> list[TimingProblem]:
    """Every rule of the policy that sending a ``kind`` step to ``recipient`` at ``at`` breaks,
    in the order above; empty when the moment is fine."""
    s = policy.derived("planner", planner._Settings.build)
    tz = planner._zone_for(recipient, interview)
    who = _who(recipient)
    found: list[TimingProblem] = []

    earliest = interview.ends_at + s.min_delay
    if at < earliest:
        ended = _clock(interview.ends_at, tz)
        found.append(_problem(policy, "too_soon", "thank_you.min_delay_hours", earliest,
                              f"The interview ends at {ended}; nothing goes until {_hours(s.min_delay)} "
                              "after it, so it never looks sent from the waiting room."))

    local = at.astimezone(tz)
    if not (s.day_start <= local.time() < s.day_end):
        found.append(_problem(policy, "night", ("business_hours.start", "business_hours.end"), _next_civil(at, tz, s),
                              f"It would arrive at {local:%H:%M} {local.tzname()} for {who}; Clinch sends "
                              f"between {s.day_start:%H:%M} and {s.day_end:%H:%M} their time."))

    if kind == "status_check":
        found += _status_problems(interview, tz, at, who, s, policy)
    if kind == "rejection_reply" and interview.outcome is not None and interview.outcome.kind == "rejected":
        cool = interview.outcome.received_at + s.reply_delay
        if at < cool:
            found.append(_problem(policy, "cooling_off", "rejection_reply.delay_hours", cool,
                                  f"The rejection came {_clock(interview.outcome.received_at, tz, day=True)}; "
                                  f"a gracious reply waits at least {_hours(s.reply_delay)}, so it reads "
                                  "as considered, not stung."))
    return found


def earliest_allowed(interview: Interview, *, kind: str, recipient: Interviewer | None, after: datetime,
                     policy: Policy) -> datetime:
    """The first moment at or after ``after`` that breaks no rule (a business-hours slot on a
    business day in the recipient's zone, as the planner picks them)."""
    s = policy.derived("planner", planner._Settings.build)
    tz = planner._zone_for(recipient, interview)
    moment = after
    for _ in range(4):  # each pass satisfies every rule's floor; the business slot settles it
        found = problems(interview, kind=kind, recipient=recipient, at=moment, policy=policy)
        if not found:
            return moment
        floor = max(p.not_before for p in found)
        moment = planner._business_slot(max(floor, moment), tz, interview.candidate.country, s)
    return moment


def _status_problems(interview, tz, at, who, s, policy) -> list[TimingProblem]:
    decision, _, _ = planner._decision(interview)
    start, _ = planner.status_start(interview, decision, tz, s)
    day = cal.local_date(at, tz)
    if decision is not None and day < decision and s.policy.value("status_check.block_before_decision"):
        return [_problem(policy, "before_decision", "status_check.block_before_decision",
                         cal.at(start, s.window_start, tz),
                         f"They said they would decide by {_day(decision)}; asking before then reads as "
                         f"impatient. The first check is planned from {_day(start)}.")]
    if day < start:
        key = "status_check.buffer_business_days" if decision is not None else "status_check.default_after_days"
        since = f"the decision date they gave ({_day(decision)})" if decision is not None else "the interview"
        return [_problem(policy, "before_status_day", key, cal.at(start, s.window_start, tz),
                         f"A status check waits a little after {since}; the first one is planned "
                         f"from {_day(start)}.")]
    return []


def _problem(policy: Policy, code: str, keys: str | tuple[str, ...], not_before: datetime, says: str) -> TimingProblem:
    keys = (keys,) if isinstance(keys, str) else keys
    return TimingProblem(code=code, policy_key=keys[0], says=says, not_before=not_before,
                         why="; ".join(policy.why(key) for key in keys))


def _next_civil(at: datetime, tz, s) -> datetime:
    """The start of the recipient's next business hours (today's, if it is still early)."""
    local = at.astimezone(tz)
    day = local.date() if local.time() < s.day_start else local.date() + timedelta(days=1)
    return cal.at(day, s.day_start, tz)


def _who(recipient: Interviewer | None) -> str:
    if recipient is None:
        return "them"
    return recipient.preferred_name or recipient.name.split()[0]


def _clock(moment: datetime, tz, *, day: bool = False) -> str:
    local = moment.astimezone(tz)
    return f"on {_day(local.date())} at {local:%H:%M}" if day else f"{local:%H:%M}"


def _day(day) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _hours(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours and hours % 24 == 0:
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}" if hours else f"{int(delta.total_seconds() // 60)} minutes"
