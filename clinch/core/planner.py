"""The follow-up plan for one interview: who gets what, when, and why.

``plan(interview, policy)`` is pure and deterministic: the same facts and policy
give the same plan, and each Action's ``key`` names the step independently of
its time ("thank_you:rquinones@larkspur.example", "status_check:1:..."), so a
caller that re-plans after the facts change can keep what was sent and move
only what was not. Every time is zone-aware, in the recipient's zone (their
own zone, else the candidate's), built from wall-clock times so daylight-saving
changes never shift a slot.

What is planned:

* thank_you: one note per interviewer with an email (T1, T7), none once a
  rejection or a withdrawal has been received, no sooner than
  ``min_delay`` after the end (T4); the first business-hours slot on a business
  day before the same-day cutoff within ``target_hours`` (T2, T3: a morning
  interview -> that afternoon, a late one -> next morning); else a business-day
  slot within ``max_hours``; else a business-hours slot on a day that is not a
  public holiday (the Saturday rather than Christmas Day); else on any day. Never at
  night, never after ``max_hours``.
* status_check: to the hiring manager (else the first interviewer with an
  email; with no email at all, the hiring manager or the first by phone), the decision date plus the buffer in business days
  (F2) or ``default_after_days`` after the interview (F3); on business days in
  the preferred weekdays, never on a holiday or the first day back after one
  (F9, F10), in the morning window; at most ``max_count``, ``spacing_days``
  apart (F5, F6). None once the company replied or an outcome is recorded.
* linkedin_connect: one per interviewer per ``linkedin.connect_when`` (L5).
* handwritten_card: to the status-check recipient, only when a card mailed
  now arrives (delivery + mailroom days, H2, H3) before the decision date and
  the decision is at least ``min_business_days_to_decision`` away (H1).
* rejection_reply and keep_in_touch after a recorded rejection (R2, R5), to whoever sent
  the rejection when they are on the panel, else to the status-check recipient.

A cancelled interview (its invitation withdrawn) did not take place: its plan is empty, so
re-planning retires whatever was planned for it and what was sent stays sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from clinch.core import calendar as cal
from clinch.core.model import Action, Interview, Interviewer, Plan
from clinch.core.policy import Policy

DAY = timedelta(days=1)


def plan(interview: Interview, policy: Policy) -> Plan:
    """Every follow-up for ``interview`` under ``policy``, sorted by send time then key."""
    s = policy.derived("planner", _Settings.build)
    decision, source, matched = _decision(interview)
    if interview.cancelled:
        return Plan(decision_date=decision, decision_source=source, decision_matched=matched)
    lead = lead_contact(interview)
    actions: list[Action] = []
    actions += _thank_yous(interview, s)
    actions += _status_checks(interview, lead, decision, s)
    actions += _linkedin(interview, decision, actions, s)
    actions += _card(interview, lead, decision, s)
    actions += _after_rejection(interview, lead, s)
    actions.sort(key=lambda a: (a.send_at.timestamp(), a.key))  # instants, whatever the zones
    return Plan(decision_date=decision, actions=tuple(actions), decision_source=source,
                decision_matched=matched)


def lead_contact(interview: Interview) -> Interviewer | None:
    """Who the decision rests with: the hiring manager, else the first with an email, else the first."""
    people = interview.interviewers
    for person in people:
        if person.role == "hiring_manager":
            return person
    for person in people:
        if person.email:
            return person
    return people[0] if people else None


def _writable(lead: Interviewer, interview: Interview) -> Interviewer:
    """``lead`` when they have an email, else the first of the panel who has one (a recruiter's inbox
    beats a manager nobody can write to), else ``lead`` after all: by phone."""
    if lead.email:
        return lead
    return next((p for p in interview.interviewers if p.email), lead)


def as_json(plan: Plan) -> dict[str, Any]:
    """The plan in the shape ``clinch plan --json`` prints."""
    return {
        "decision_date": plan.decision_date.isoformat() if plan.decision_date else None,
        "actions": [
            {
                "kind": a.kind,
                "to": a.to,
                "channel": a.channel,
                "send_at": a.send_at.isoformat(),
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "why": a.why,
            }
            for a in plan.actions
        ],
    }


# -- settings read once per policy ----------------------------------------------------------------

@dataclass(frozen=True)
class _Settings:
    policy: Policy
    min_delay: timedelta
    target: timedelta
    max_after: timedelta
    day_start: time
    day_end: time
    cutoff: time
    window_start: time
    window_end: time
    preferred: frozenset[int]
    fallback: frozenset[int]
    skip_holidays: bool
    skip_first_back: bool
    buffer_days: int
    default_after: timedelta
    max_checks: int
    spacing: timedelta
    connect_when: str
    card: bool
    card_lead_days: int
    delivery_days: int
    mailroom_days: int
    reply: bool
    reply_delay: timedelta
    reply_max: timedelta
    keep_in_touch: timedelta
    thank_you_channel: str
    status_channel: str
    why: dict[str, str]

    @staticmethod
    def build(policy: Policy) -> _Settings:
        v = policy.value
        why = {
            "thank_you": _why(policy, "thank_you.min_delay_hours", "thank_you.target_hours",
                              "thank_you.same_day_cutoff", "thank_you.max_hours", "thank_you.panel"),
            "status_check_decision": _why(policy, "status_check.buffer_business_days",
                                          "status_check.window_days", "status_check.skip_first_day_after_holiday"),
            "status_check_default": _why(policy, "status_check.default_after_days",
                                         "status_check.window_days", "status_check.skip_first_day_after_holiday"),
            "status_check_later": _why(policy, "status_check.max_count", "status_check.spacing_days",
                                       "status_check.later_must_add_new"),
            "linkedin": _why(policy, "linkedin.connect_when", "linkedin.personalize")
                        + f"; L1: note at most {policy.linkedin_note_chars()} characters "
                          f"({v('linkedin.tier')} plan) ({', '.join(policy.rule('linkedin.tier').sources)})",
            "linkedin_rejected": _why(policy, "linkedin.connect_after_rejection", "linkedin.personalize")
                                 + f"; L1: note at most {policy.linkedin_note_chars()} characters "
                                   f"({v('linkedin.tier')} plan) ({', '.join(policy.rule('linkedin.tier').sources)})",
            "card": _why(policy, "thank_you.card_with_email", "handwritten.min_business_days_to_decision",
                         "handwritten.delivery_days", "handwritten.mailroom_days", "handwritten.mail_same_day"),
            "rejection_reply": _why(policy, "rejection_reply.delay_hours", "rejection_reply.max_hours",
                                    "rejection_reply.max_words"),
            "keep_in_touch": _why(policy, "keep_in_touch.after_days", "status_check.window_days"),
        }
        return _Settings(
            policy=policy,
            min_delay=timedelta(hours=v("thank_you.min_delay_hours")),
            target=timedelta(hours=v("thank_you.target_hours")),
            max_after=timedelta(hours=v("thank_you.max_hours")),
            day_start=cal.clock(v("business_hours.start")),
            day_end=cal.clock(v("business_hours.end")),
            cutoff=cal.clock(v("thank_you.same_day_cutoff")),
            window_start=cal.clock(v("status_check.window_start")),
            window_end=cal.clock(v("status_check.window_end")),
            preferred=cal.weekday_numbers(v("status_check.window_days")),
            fallback=cal.weekday_numbers(v("status_check.fallback_days")),
            skip_holidays=v("status_check.skip_holidays"),
            skip_first_back=v("status_check.skip_first_day_after_holiday"),
            buffer_days=v("status_check.buffer_business_days"),
            default_after=timedelta(days=v("status_check.default_after_days")),
            max_checks=v("status_check.max_count"),
            spacing=timedelta(days=v("status_check.spacing_days")),
            connect_when=v("linkedin.connect_when"),
            card=v("handwritten.offer") and v("thank_you.card_with_email") != "never",
            card_lead_days=v("handwritten.min_business_days_to_decision"),
            delivery_days=v("handwritten.delivery_days"),
            mailroom_days=v("handwritten.mailroom_days"),
            reply=v("rejection_reply.suggest"),
            reply_delay=timedelta(hours=v("rejection_reply.delay_hours")),
            reply_max=timedelta(hours=v("rejection_reply.max_hours")),
            keep_in_touch=timedelta(days=v("keep_in_touch.after_days")),
            thank_you_channel=v("thank_you.channel"),
            status_channel=v("status_check.channel"),
            why=why,
        )


def _why(policy: Policy, *keys: str) -> str:
    return "; ".join(dict.fromkeys(policy.why(key) for key in keys))


# -- the decision date ------------------------------------------------------------------------------

def _decision(interview: Interview) -> tuple[date | None, str, str]:
    if interview.decision_date is not None:
        return interview.decision_date, "file", ""
    if not interview.next_step:
        return None, "", ""
    from clinch.core.timeline import read_decision_date

    reading = read_decision_date(interview.next_step, after=interview.ends_at,
                                 tz=interview.candidate.timezone, country=interview.candidate.country,
                                 language=interview.language or interview.candidate.language)
    # "Not before the 15th" names no decision date, but the plan waits for it all the same: the
    # status check counts from the earliest day they named, never from the interview alone.
    day = reading.date or reading.earliest
    if day is None:
        return None, "", reading.matched
    return day, "next_step", reading.matched


def _zone_for(person: Interviewer | None, interview: Interview):
    return cal.zone((person.timezone if person else None) or interview.candidate.timezone)


def _contact_key(person: Interviewer) -> str:
    return (person.email or person.name).lower()


def _business(country: str):
    return lambda day: cal.is_business_day(day, country)


# -- thank-you notes (T1-T4, T7) --------------------------------------------------------------------

def _thank_yous(interview: Interview, s: _Settings) -> list[Action]:
    """One per interviewer with an email; none that would go after a rejection or a withdrawal
    already received (the rejection reply thanks them instead)."""
    outcome = interview.outcome
    closed_at = outcome.received_at if outcome is not None and outcome.kind in ("rejected", "withdrew") else None
    actions, seen, by_zone = [], set(), {}
    for person in interview.interviewers:
        if not person.email or person.email.lower() in seen:
            continue
        seen.add(person.email.lower())
        tz = _zone_for(person, interview)
        if tz not in by_zone:  # a panel mostly shares one zone: compute its slot once
            by_zone[tz] = _thank_you_slot_for(interview, tz, s)
        send_at, deadline = by_zone[tz]
        if closed_at is not None and closed_at <= send_at:
            continue
        actions.append(Action(kind="thank_you", to=person.email, channel=s.thank_you_channel, send_at=send_at,
                              deadline=deadline, why=s.why["thank_you"], recipient=person,
                              key=f"thank_you:{person.email.lower()}"))
    return actions


def _thank_you_slot_for(interview: Interview, tz, s: _Settings) -> tuple[datetime, datetime]:
    """The usual slot; for an interview recorded after its thank-you window closed, the first
    business-hours moment from the recording on, with a day to send it."""
    floor = late_floor(interview, s)
    if floor is None:
        return thank_you_slot(interview.ends_at, tz, interview.candidate.country, s)
    send_at = _business_slot(floor + s.min_delay, tz, interview.candidate.country, s)
    return send_at, (send_at + s.target).astimezone(tz)


def late_floor(interview: Interview, s: _Settings) -> datetime | None:
    """When the plan of an interview recorded too late for its thank-you window must start
    (the moment it was recorded), else None: a plan never starts in the past."""
    captured = interview.captured_at
    return captured if recorded_late(interview.ends_at, captured, s.policy) else None


def recorded_late(ended_at: datetime, recorded_at: datetime | None, policy: Policy) -> bool:
    """True when an interview that ended at ``ended_at`` was recorded after its thank-you window
    (T2's maximum) had closed."""
    s = policy.derived("planner", _Settings.build)
    return recorded_at is not None and recorded_at > ended_at + s.max_after


def thank_you_slot(end: datetime, tz, country: str, s: _Settings) -> tuple[datetime, datetime]:
    """(send_at, deadline) for a thank-you after an interview ending at ``end``, in ``tz``."""
    earliest, target, latest = end + s.min_delay, end + s.target, end + s.max_after
    business = _business(country)
    send_at = (
        cal.first_slot(earliest, target, tz, s.day_start, s.cutoff, business)
        or cal.first_slot(earliest, latest, tz, s.day_start, s.day_end, business)
        # No working day within reach: a weekend morning rather than Christmas morning.
        or cal.first_slot(earliest, latest, tz, s.day_start, s.day_end, lambda day: not cal.is_holiday(day, country))
        or cal.first_slot(earliest, latest, tz, s.day_start, s.day_end)
        or cal.ceil_minutes(earliest).astimezone(tz)  # unreachable: the policy keeps a day-long window
    )
    deadline = target if send_at <= target else latest
    return send_at, deadline.astimezone(tz)


# -- status checks (F2-F10) ----------------------------------------------------------------------------

def _status_checks(interview: Interview, lead: Interviewer | None, decision: date | None,
                   s: _Settings) -> list[Action]:
    if lead is None or interview.outcome is not None or interview.replied_at is not None:
        return []
    lead = _writable(lead, interview)
    tz = _zone_for(lead, interview)
    country = interview.candidate.country
    start, why_key = status_start(interview, decision, tz, s)
    why = s.why[why_key]
    to = lead.email or lead.name
    channel = s.status_channel if lead.email else "phone"  # no address: a call to make, the draft is what to say
    actions = []
    for n in range(1, s.max_checks + 1):
        day = status_day(start, country, s)
        actions.append(Action(kind="status_check", to=to, channel=channel,
                              send_at=cal.at(day, s.window_start, tz), deadline=cal.at(day, s.window_end, tz),
                              why=why, recipient=lead, key=f"status_check:{n}:{to.lower()}"))
        start, why = day + s.spacing, s.why["status_check_later"]
    return actions


def status_start(interview: Interview, decision: date | None, tz, s: _Settings) -> tuple[date, str]:
    """The first day a status check may go, before picking a good weekday, and the reason's key:
    the decision date plus the buffer in business days (F2; never the interview's own day), else
    ``default_after`` days after the interview (F3). An interview recorded long after it happened
    starts from the day it was recorded instead (no step is planned in the past)."""
    end_day = cal.local_date(interview.ends_at, tz)
    if decision is not None:
        start = max(cal.add_business_days(decision, s.buffer_days, interview.candidate.country), end_day + DAY)
        key = "status_check_decision"
    else:
        start, key = end_day + s.default_after, "status_check_default"
    floor = late_floor(interview, s)
    if floor is not None:
        start = max(start, cal.local_date(floor, tz))
    return start, key


def status_day(start: date, country: str, s: _Settings) -> date:
    """The first good day on or after ``start`` for a status email: a preferred weekday within
    a week, else any fallback weekday; never a holiday nor the first day back after one."""
    return _status_day(start, country, s.preferred, s.fallback, s.skip_holidays, s.skip_first_back)


@lru_cache(maxsize=65536)
def _status_day(start: date, country: str, preferred: frozenset[int], fallback: frozenset[int],
                skip_holidays: bool, skip_first_back: bool) -> date:
    def fine(day: date) -> bool:
        if day.weekday() >= 5:
            return False
        if skip_holidays and cal.is_holiday(day, country):
            return False
        return not (skip_first_back and cal.is_first_day_back(day, country))

    found = cal.first_day(start, lambda d: d.weekday() in preferred and fine(d), limit=7)
    return found or cal.first_day(start, lambda d: d.weekday() in fallback and fine(d))


# -- LinkedIn (L1, L5, R7) ----------------------------------------------------------------------------

def _linkedin(interview: Interview, decision: date | None, planned: list[Action],
              s: _Settings) -> list[Action]:
    outcome = interview.outcome
    if s.connect_when == "never" or (outcome is not None and outcome.kind == "withdrew"):
        return []
    country = interview.candidate.country
    thank_you_at = {a.key: a.send_at for a in planned if a.kind == "thank_you"}
    actions, by_zone, seen = [], {}, set()
    for person in interview.interviewers:
        key = f"linkedin_connect:{_contact_key(person)}"
        if key in seen:
            continue
        seen.add(key)
        tz = _zone_for(person, interview)
        why = s.why["linkedin"]
        if outcome is not None and outcome.kind in ("rejected", "offer"):
            after = outcome.received_at + s.reply_delay
            why = s.why["linkedin_rejected"] if outcome.kind == "rejected" else why
            send_at = _business_slot(after, tz, country, s)
        elif s.connect_when == "after_thank_you":
            after = thank_you_at.get(f"thank_you:{(person.email or '').lower()}", interview.ends_at + s.min_delay)
            send_at = _business_slot(after + DAY, tz, country, s)
        else:
            if tz not in by_zone:
                by_zone[tz] = _after_decision_slot(interview, decision, tz, s)
            send_at = by_zone[tz]
        actions.append(Action(kind="linkedin_connect", to=person.linkedin_url or person.name, channel="linkedin",
                              send_at=send_at, deadline=None, why=why, recipient=person, key=key))
    return actions


def _after_decision_slot(interview: Interview, decision: date | None, tz, s: _Settings) -> datetime:
    """Business-hours start on the day a first status check could go out (L5 after F2/F3)."""
    start, _ = status_start(interview, decision, tz, s)
    return cal.at(status_day(start, interview.candidate.country, s), s.day_start, tz)


def _business_slot(after: datetime, tz, country: str, s: _Settings) -> datetime:
    """The first business-hours moment on a business day at or after ``after``."""
    return cal.first_slot(after, after + timedelta(days=30), tz, s.day_start, s.day_end, _business(country))


# -- handwritten card (H1-H4) --------------------------------------------------------------------------

def _card(interview: Interview, lead: Interviewer | None, decision: date | None, s: _Settings) -> list[Action]:
    if not s.card or lead is None or decision is None or interview.outcome is not None:
        return []
    country = interview.candidate.country
    home = cal.zone(interview.candidate.timezone)
    end_day = cal.local_date(late_floor(interview, s) or interview.ends_at, home)
    if decision < cal.add_business_days(end_day, s.card_lead_days, country):
        return []
    postal = lambda day: _is_postal_day(day, country)  # noqa: E731
    earliest = max(interview.ends_at + s.min_delay, late_floor(interview, s) or interview.ends_at)
    mail_at = cal.first_slot(earliest, earliest + timedelta(days=14), home, s.day_start, s.day_end, postal)
    mail_day = mail_at.date()
    if arrival_day(mail_day, country, s.delivery_days, s.mailroom_days) >= decision:
        return []
    # The latest mail day that still arrives in time; arrival only moves forward with the
    # mail day, so a binary search between "arrives" and "the decision day" finds it.
    good, bad = mail_day, decision
    while (bad - good).days > 1:
        middle = good + timedelta(days=(bad - good).days // 2)
        if arrival_day(middle, country, s.delivery_days, s.mailroom_days) < decision:
            good = middle
        else:
            bad = middle
    mail_by = good
    tz = _zone_for(lead, interview)
    return [Action(kind="handwritten_card", to=lead.name, channel="mail", send_at=mail_at.astimezone(tz),
                   deadline=cal.at(mail_by, s.day_end, home).astimezone(tz), why=s.why["card"],
                   recipient=lead, key=f"handwritten_card:{_contact_key(lead)}")]


def _sender(interview: Interview, by: str | None) -> Interviewer | None:
    """The person on the panel named by ``by`` (their email or name, any case), else None."""
    if not by:
        return None
    key = by.strip().lower()
    return next((p for p in interview.interviewers if key in ((p.email or "").lower(), p.name.lower())), None)


@lru_cache(maxsize=16384)
def arrival_day(mail_day: date, country: str, delivery_days: int, mailroom_days: int) -> date:
    """When a card mailed on ``mail_day`` reaches the desk: ``delivery_days`` postal days
    (Sundays and holidays don't count, H2), then ``mailroom_days`` business days (H3)."""
    day = mail_day
    for _ in range(delivery_days):
        day += DAY
        while not _is_postal_day(day, country):
            day += DAY
    return cal.add_business_days(day, mailroom_days, country)


def _is_postal_day(day: date, country: str) -> bool:
    return day.weekday() != 6 and not cal.is_holiday(day, country)


# -- after a rejection (R2, R5) -------------------------------------------------------------------------

def _after_rejection(interview: Interview, lead: Interviewer | None, s: _Settings) -> list[Action]:
    outcome = interview.outcome
    if outcome is None or outcome.kind != "rejected" or lead is None or not s.reply:
        return []
    lead = _sender(interview, outcome.by) or lead  # the reply goes to whoever wrote the rejection
    tz = _zone_for(lead, interview)
    country = interview.candidate.country
    earliest, latest = outcome.received_at + s.reply_delay, outcome.received_at + s.reply_max
    send_at = (
        cal.first_slot(earliest, latest, tz, s.day_start, s.day_end, _business(country))
        or cal.first_slot(earliest, latest, tz, s.day_start, s.day_end)
        or cal.ceil_minutes(earliest).astimezone(tz)  # unreachable: the policy keeps a day-long window
    )
    to = lead.email or lead.name  # no address yet: the user looks it up (N1)
    channel = "email"
    later = status_day(cal.local_date(outcome.received_at, tz) + s.keep_in_touch, country, s)
    return [
        Action(kind="rejection_reply", to=to, channel=channel, send_at=send_at, deadline=latest.astimezone(tz),
               why=s.why["rejection_reply"], recipient=lead, key=f"rejection_reply:{to.lower()}"),
        Action(kind="keep_in_touch", to=to, channel=channel, send_at=cal.at(later, s.window_start, tz),
               deadline=None, why=s.why["keep_in_touch"], recipient=lead, key=f"keep_in_touch:{to.lower()}"),
    ]
