"""What the pages read: Today's sections and one opportunity's plan, each in a fixed number of queries.

Every function filters by owner through ``owned_by`` and loads related rows
with select_related/prefetch_related, so the number of queries does not grow
with the number of interviews or follow-ups.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf

from clinch.followups import states
from clinch.followups.models import FollowUp
from clinch.interviews.models import Interview, Opportunity, Participant
from clinch.mail.models import Message
from clinch.owned import owned_by

PENDING = (FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED)
SECTION_LIMIT = 10  # a longer section says there is more and links to the interviews
COMING_LIMIT = 6


@dataclass
class Today:
    due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    coming: list = field(default_factory=list)
    coming_more: bool = False
    overdue_more: bool = False
    due_more: bool = False
    problems: list = field(default_factory=list)  # outbound messages failed or uncertain (dicts)
    replies: list = field(default_factory=list)  # opportunities with a reply the user has not dealt with (dicts)

    @property
    def needs_decision(self) -> bool:
        return bool(self.problems or self.replies)

    @property
    def empty(self) -> bool:
        return not (self.due or self.overdue or self.coming or self.needs_decision)


TODAY_FIELDS = ("public_id", "kind", "status", "send_at", "deadline")


def _followups(user):
    """``user``'s pending follow-ups as plain dicts with what a Today row shows, and nothing more.

    Dicts, not models: on the hottest page, building five model instances per
    row cost more than the query itself. ``recipient_name``, ``zone_name``
    (the contact's zone, else the interview's), ``role`` and ``company_name``
    come with each row.
    """
    return owned_by(_pending_rows(), user)


@functools.cache
def _pending_rows():
    """Everyone's pending follow-ups as Today's dicts: a query never run itself, built once per process
    (resolving its joins and annotations cost a tenth of Today's CPU); each use filters a copy."""
    return (
        FollowUp.objects
        .filter(status__in=PENDING)
        .annotate(
            recipient_name=F("contact__name"),
            zone_name=Coalesce(NullIf(F("contact__timezone"), Value("")), F("interview__timezone")),
            role=F("opportunity__role"),
            company_name=F("opportunity__company__name"),
            message_state=states.latest_message_state(),
        )
        .values(*TODAY_FIELDS, "recipient_name", "zone_name", "role", "company_name", "message_state")
    )


def day_start(now: datetime, zone_name: str) -> datetime:
    """Midnight of ``now``'s day in the zone ``zone_name`` (the user's): where "late" begins."""
    zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    return datetime.combine(now.astimezone(zone).date(), time(0), zone)


def is_overdue(*, send_at: datetime, deadline: datetime | None, now: datetime, start: datetime) -> bool:
    """A pending step is late when its day (before ``start``, see ``day_start``) or its deadline has passed.

    Today and the coach's board both ask this, so they never disagree about "late".
    """
    return send_at < start or bool(deadline and deadline < now)


def today(*, user, now: datetime) -> Today:
    """Due today, overdue (with how late), coming, and what needs a decision: three queries.

    Each section shows at most ``SECTION_LIMIT`` rows (``*_more`` says there are more), so the
    page builds and renders the same few rows for ten interviews or a thousand; the database
    reads the user's waiting steps through the owner's index (about 1 ms for 1,500 of them).
    """
    start = day_start(now, user.timezone)
    tomorrow = start + timedelta(days=1)
    result = Today()
    # Overdue: its day has passed, or its deadline has, and it still waits (planned: for
    # the user; scheduled: for a worker that is not running). Overdue and due today are read
    # newest first, so today's rows are never crowded out by old late ones; coming, soonest
    # first. One query for the three sections: each end picks its few ids by the owner's
    # index, and only those rows are joined and annotated (one statement to plan, not two).
    ids = owned_by(_pending_ids(), user)
    before = ids.filter(send_at__lt=tomorrow).order_by("-send_at", "-id")[:2 * SECTION_LIMIT + 1]
    after = ids.filter(send_at__gte=tomorrow).order_by("send_at", "id")[:COMING_LIMIT + 1]
    both = list(_followups(user).filter(Q(pk__in=before) | Q(pk__in=after)).order_by("send_at", "id"))
    rows = [row for row in both if row["send_at"] < tomorrow]
    coming = [row for row in both if row["send_at"] >= tomorrow]
    for row in rows:
        row["late_by"] = now - row["send_at"]
        row["overdue"] = is_overdue(send_at=row["send_at"], deadline=row["deadline"], now=now, start=start)
    overdue = [row for row in rows if row["overdue"]]
    due = [row for row in rows if not row["overdue"]]
    result.overdue_more = len(overdue) > SECTION_LIMIT or len(rows) > 2 * SECTION_LIMIT
    result.overdue, result.due = overdue[-SECTION_LIMIT:], due[:SECTION_LIMIT]
    result.due_more = len(due) > SECTION_LIMIT
    result.coming, result.coming_more = coming[:COMING_LIMIT], len(coming) > COMING_LIMIT
    result.problems = list(owned_by(_problem_messages(), user)[:SECTION_LIMIT])
    result.replies = list(owned_by(_unseen_replies(), user)[:SECTION_LIMIT])
    return result


@functools.cache
def _pending_ids():
    """Everyone's pending follow-ups' ids (built once, as ``_pending_rows``): Today picks its rows with it."""
    return FollowUp.objects.filter(status__in=PENDING).values("pk")


@functools.cache
def _problem_messages():
    """Everyone's outbound emails that failed or may have gone out, oldest first, as dicts with what
    Today shows (built once, as ``_pending_rows``; dicts, as ``_followups``, for the same reason)."""
    return (
        Message.objects
        .filter(direction=Message.Direction.OUTBOUND, state__in=[Message.State.FAILED, Message.State.UNCERTAIN])
        .values("public_id", "state", "subject", "to_name", "to_email",
                followup_public_id=F("followup__public_id"), opportunity_public_id=F("opportunity__public_id"))
        .order_by("send_at")
    )


@functools.cache
def _unseen_replies():
    """Everyone's opportunities with a reply not yet looked at, newest first, as dicts with what Today
    shows (built once, as ``_pending_rows``)."""
    return (
        Opportunity.objects
        .filter(replied_at__isnull=False, outcome=Opportunity.Outcome.PENDING)
        .filter(Q(reply_seen_at__isnull=True) | Q(reply_seen_at__lt=F("replied_at")))
        .values("public_id", "role", "replied_at", company_name=F("company__name"))
        .order_by("-replied_at")
    )


def opportunity_page(*, user, public_id):
    """One opportunity with its rounds, their people, and its follow-ups: five queries, or 404."""
    from clinch.owned import get_owned_or_404

    interviews = Interview.objects.order_by("round", "starts_at").prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("contact"))
    )
    followups = (FollowUp.objects.select_related("contact", "interview")
                 .annotate(message_state=states.latest_message_state()).order_by("send_at", "id"))
    return get_owned_or_404(
        Opportunity.objects.select_related("company").prefetch_related(
            Prefetch("interviews", queryset=interviews),
            Prefetch("followups", queryset=followups),
        ),
        user,
        public_id,
    )


def opportunities(*, user):
    """The user's opportunities, newest first, with their company (paginate the result)."""
    return owned_by(Opportunity, user).select_related("company").order_by("-created_at")
