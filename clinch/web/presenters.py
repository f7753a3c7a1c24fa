"""Today's rows, ready to print: the hottest page builds its strings once, in Python."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from clinch.followups import states
from clinch.followups.models import FollowUp
from clinch.web.templatetags.clinch_web import lateness, recipient_zone, two_zones

KIND_LABELS = dict(FollowUp.Kind.choices)


@dataclass(frozen=True)
class Row:
    url: str
    kind: str
    recipient: str
    where: str
    when: str  # safe HTML from ``two_zones`` (every part escaped)
    late: str
    state: str  # clinch.followups.states: the same word as on every other page
    state_label: str
    state_badge: str


def today_rows(rows, user, *, late: bool = False) -> list[Row]:
    """One Row per dict from ``clinch.followups.selectors.today``."""
    return [
        Row(
            url=reverse("followup", args=[row["public_id"]]),
            kind=KIND_LABELS.get(row["kind"], row["kind"]),
            recipient=row["recipient_name"] or "the company",
            where=f"{row['role']} at {row['company_name']}",
            when=two_zones(row["send_at"], row["zone_name"], user.timezone),
            late=lateness(row["late_by"]) if late else "",
            **_state(row),
        )
        for row in rows
    ]


def _state(row) -> dict:
    state = states.derive(row["status"], row["message_state"])
    return {"state": state, "state_label": states.label(state), "state_badge": states.badge(state)}


def late_capture(interview) -> str:
    """The warning for an interview recorded after its thank-you window closed, else ""."""
    from clinch.core import planner
    from clinch.followups.services import policy

    if interview is None or not planner.recorded_late(interview.ends_at, interview.recorded_at, policy()):
        return ""
    days = (interview.recorded_at - interview.ends_at).days
    return (f"You recorded this interview {days} day{'s' if days != 1 else ''} after it happened, when the "
            "usual time for thank-you notes had passed. The plan starts from the day you recorded it: a short, "
            "late thank-you still helps, and nothing is counted as late.")


def explain_steps(followups, *, owner, opportunity) -> None:
    """Set ``plain_why`` on each follow-up: why it goes when it goes, in one sentence from its data
    (``clinch.core.explain``). ``followups`` come with their ``interview``; no query is made."""
    import zoneinfo

    from clinch.core import explain, planner
    from clinch.followups.services import policy

    answered = opportunity.outcome_at if opportunity.outcome in ("rejected", "offer") else None
    previous: dict = {}
    for followup in sorted(followups, key=lambda f: f.send_at):
        interview = followup.interview
        if interview is None:
            followup.plain_why = ""
            continue
        late = planner.recorded_late(interview.ends_at, interview.recorded_at, policy())
        zone = zoneinfo.ZoneInfo(recipient_zone(followup) or owner.timezone or "UTC")
        before = previous.get(interview.pk) if followup.kind == FollowUp.Kind.STATUS_CHECK else None
        followup.plain_why = explain.explain(
            followup.kind, send_at=followup.send_at, tz=zone, ended_at=interview.ends_at,
            decision=interview.decision_date, previous=before, answered_at=answered,
            recorded_late_at=interview.recorded_at if late else None, country=owner.country or "US",
        )
        if followup.kind == FollowUp.Kind.STATUS_CHECK:
            previous[interview.pk] = followup.send_at
