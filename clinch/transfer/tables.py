"""CSV of interviews and of follow-ups, for spreadsheets: one row each, written as rows are read."""

from __future__ import annotations

import csv
from typing import Iterator

from clinch.followups.models import FollowUp
from clinch.interviews.models import Interview
from clinch.owned import owned_by

CHUNK = 500
INTERVIEW_COLUMNS = ["id", "company", "role", "round", "starts_at", "ends_at", "timezone", "format",
                     "decision_date", "outcome", "people", "next_step", "notes"]
FOLLOWUP_COLUMNS = ["id", "company", "role", "kind", "channel", "status", "to", "to_email", "send_at", "sent_at",
                    "subject"]


class _Line:
    """A file-like object that hands back what csv.writer wrote, one line at a time."""

    def write(self, text: str) -> str:
        return text


def _safe(value) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would run as a formula."""
    text = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _lines(columns, rows) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_safe(v) for v in row])


def interviews_csv(user) -> Iterator[str]:
    rows = (owned_by(Interview, user).select_related("opportunity__company")
            .prefetch_related("participants__contact").order_by("starts_at", "pk").iterator(chunk_size=CHUNK))
    return _lines(INTERVIEW_COLUMNS, (
        [i.public_id, i.opportunity.company.name, i.opportunity.role, i.round, i.starts_at, i.ends_at, i.timezone,
         i.format, i.decision_date, i.opportunity.outcome, "; ".join(p.contact.name for p in i.participants.all()),
         i.next_step, i.notes]
        for i in rows
    ))


def followups_csv(user) -> Iterator[str]:
    rows = (owned_by(FollowUp, user).select_related("opportunity__company", "contact")
            .order_by("send_at", "pk").iterator(chunk_size=CHUNK))
    return _lines(FOLLOWUP_COLUMNS, (
        [f.public_id, f.opportunity.company.name, f.opportunity.role, f.kind, f.channel, f.status,
         f.contact.name if f.contact else "", f.contact.email if f.contact else "", f.send_at, f.sent_at, f.subject]
        for f in rows
    ))
