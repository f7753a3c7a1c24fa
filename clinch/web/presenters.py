"""Today's rows, ready to print: the hottest page builds its strings once, in Python."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from clinch.followups.models import FollowUp
from clinch.web.templatetags.clinch_web import lateness, two_zones

KIND_LABELS = dict(FollowUp.Kind.choices)


@dataclass(frozen=True)
class Row:
    url: str
    kind: str
    recipient: str
    where: str
    when: str  # safe HTML from ``two_zones`` (every part escaped)
    late: str
    scheduled: bool


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
            scheduled=row["status"] == FollowUp.Status.SCHEDULED,
        )
        for row in rows
    ]
