"""Why a step goes when it goes, in one plain sentence built from the plan's own data.

``sentence`` measures the step's time against what it hangs on (the end of the interview,
the date they gave, the previous status check, their answer) and says the distance and
the part of the recipient's day: "a day after the interview, in their morning". The rule
ids and sources stay in the step's ``why`` for those who ask. Pure: no Django, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clinch.core import calendar as cal

_NUMBERS = ("no", "a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


@dataclass(frozen=True)
class Anchor:
    """What a step's time is measured from: a moment (or a day) and how to name it."""

    at: datetime | date
    name: str  # "the interview", "the date they gave (Fri 13 Mar)"
    business_days: bool = False  # count business days (a decision date) rather than calendar days


def explain(kind: str, *, send_at: datetime, tz, ended_at: datetime, decision: date | None = None,
            previous: datetime | None = None, answered_at: datetime | None = None,
            recorded_late_at: datetime | None = None, country: str = "US") -> str:
    """The plain reason for a ``kind`` step at ``send_at`` (in the recipient's zone ``tz``).

    ``decision`` is the date they gave, ``previous`` the status check before this one,
    ``answered_at`` when their answer (a rejection, an offer) came, ``recorded_late_at`` when an
    interview was recorded after its thank-you window (its plan starts there).
    """
    suffix, postal = "", kind == "handwritten_card"
    if answered_at is not None and kind in ("rejection_reply", "keep_in_touch", "linkedin_connect"):
        anchor = Anchor(answered_at, "their answer")
    elif recorded_late_at is not None and kind != "linkedin_connect" and previous is None:
        anchor = Anchor(recorded_late_at, "you recorded the interview")
    elif kind == "status_check" and previous is not None:
        anchor = Anchor(previous, "your last status check")
    elif kind in ("status_check", "linkedin_connect") and decision is not None:
        anchor = Anchor(decision, f"the date they gave ({day_name(decision)})", business_days=True)
    else:
        anchor = Anchor(ended_at, "the interview")
        if kind == "status_check":
            suffix = ", as they gave no date"
    if postal and decision is not None:
        suffix = f", so it arrives before {day_name(decision)}"
    return sentence(send_at=send_at, tz=tz, anchor=anchor, country=country, postal=postal, suffix=suffix)


def sentence(*, send_at: datetime, tz, anchor: Anchor, country: str = "US", postal: bool = False,
             suffix: str = "") -> str:
    """"<distance> after <anchor>, in their <part of day><suffix>"; a posted card has no hour."""
    local = send_at.astimezone(tz)
    text = f"{distance(local, anchor, tz, country)} {anchor.name}"
    if not postal:
        text += f", in their {part_of_day(local)}"
    return text + suffix


def distance(local: datetime, anchor: Anchor, tz, country: str) -> str:
    """"two hours after", "the same day as", "a day after", "three business days after", "a week after"."""
    if isinstance(anchor.at, datetime):
        start_day = cal.local_date(anchor.at, tz)
        if local.date() == start_day:
            hours = round((local - anchor.at).total_seconds() / 3600)
            return f"{count(hours, 'hour')} after" if 1 <= hours <= 3 else "the same day as"
    else:
        start_day = anchor.at
    if anchor.business_days:
        days = cal.business_days_between(start_day, local.date(), country)
        return f"{count(days, 'business day')} after" if days else "on"
    days = (local.date() - start_day).days
    if days <= 0:
        return "the same day as"
    if days >= 56:
        return f"{count(round(days / 30), 'month')} after"
    if days % 7 == 0:
        return f"{count(days // 7, 'week')} after"
    return f"{count(days, 'day')} after"


def part_of_day(local: datetime) -> str:
    if local.hour < 12:
        return "morning"
    return "afternoon" if local.hour < 17 else "evening"


def count(n: int, unit: str) -> str:
    """"a day", "two weeks", "13 days"."""
    word = _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)
    if n == 1 and unit == "hour":
        word = "an"
    return f"{word} {unit}{'' if n == 1 else 's'}"


def day_name(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
