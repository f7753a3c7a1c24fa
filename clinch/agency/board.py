"""The coach's board: each consenting candidate and what needs attention, in four queries.

Built from the same rows and rules as the candidate's Today: a follow-up's state comes from
``clinch.followups.states`` (its row and its latest email), lateness from
``clinch.followups.selectors.is_overdue`` in the candidate's own zone. The number of queries
does not grow with candidates, interviews or follow-ups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from clinch.accounts.models import User
from clinch.agency.access import active_coachings
from clinch.agency.models import Coaching, Membership
from clinch.followups import states
from clinch.followups.models import FollowUp
from clinch.followups.selectors import day_start, is_overdue
from clinch.interviews.models import Interview, Opportunity
from clinch.mail.models import Message

# What needs a coach's attention: key -> the words on the board.
ATTENTION = {
    "thank_you_late": "Thank-you overdue",
    "status_check_due": "Status check due, no reply",
    "uncertain": "Uncertain send",
    "rejection_unanswered": "Rejection not answered",
    "offer": "Offer",
}
OFFER_SHOWN_FOR = timedelta(days=30)  # an offer is news for a month
SEARCH_CHARS = 100
WAITING = (states.PLANNED, states.SCHEDULED)
OWNER_FIELDS = ("display_name", "first_name", "last_name", "username")  # User.name_from's arguments, in order


@dataclass
class Candidate:
    """One row of the board: plain values, not models (building 1,000 models cost more than the queries)."""

    owner_id: int
    coaching_id: str  # the Coaching's public id, for the candidate's page
    level: str
    name: str
    username: str
    flags: dict[str, int] = field(default_factory=dict)  # attention key -> how many

    @property
    def level_label(self) -> str:
        return Coaching.Level(self.level).label

    @property
    def needs_attention(self) -> int:
        return sum(self.flags.values())

    @property
    def labelled_flags(self) -> list[tuple[str, str, int]]:
        return [(key, ATTENTION[key], self.flags[key]) for key in ATTENTION if self.flags.get(key)]


@dataclass(frozen=True)
class Row:
    """One candidate of the page shown, ready to print: the board lists 100 at once, and a template
    loop over each candidate's flags cost more than reading the whole board."""

    url: str
    name: str
    level_label: str
    flags_html: str  # safe HTML: a badge per flag, or "Nothing needs you"


def page_rows(candidates: list[Candidate], org_id) -> list[Row]:
    """The Rows of ``candidates`` (one page of the board) in the organisation ``org_id``."""
    return [Row(url=reverse("agency:candidate", args=[org_id, row.coaching_id]), name=row.name,
                level_label=row.level_label, flags_html=_flags_html(row)) for row in candidates]


def _flags_html(row: Candidate) -> str:
    flags = row.labelled_flags
    if not flags:
        return mark_safe('<span class="muted">Nothing needs you</span>')
    return format_html_join("", '<span class="badge {}">{}{}</span> ', (
        ("badge-ok" if key == "offer" else "badge-warn", label, f" ×{count}" if count > 1 else "")
        for key, label, count in flags))


@dataclass
class Board:
    candidates: list[Candidate]
    counts: dict[str, int]  # attention key -> candidates with it (before the attention filter)
    total: int  # candidates matching the search

    @property
    def labelled_counts(self) -> list[tuple[str, str, int]]:
        return [(key, label, self.counts.get(key, 0)) for key, label in ATTENTION.items()]


def board(*, membership: Membership, now: datetime, q: str = "", attention: str = "") -> Board:
    """The board of the coach of ``membership``: candidates matching ``q`` (name or email),
    with only those flagged ``attention`` when it names one. Four queries whatever the sizes."""
    coachings = active_coachings(membership)
    q = q.strip()[:SEARCH_CHARS]
    if q:
        coachings = coachings.filter(Q(owner__display_name__icontains=q) | Q(owner__username__icontains=q)
                                     | Q(owner__email__icontains=q))
    shown = coachings.order_by("owner__display_name", "owner__username").values_list(
        "owner_id", "public_id", "level", "owner__timezone", *(f"owner__{name}" for name in OWNER_FIELDS))
    candidates, zones = {}, {}
    for owner_id, public_id, level, zone, *names in shown:
        candidates[owner_id] = Candidate(owner_id, str(public_id), level, User.name_from(*names), names[3])
        zones[owner_id] = zone
    # The same consents as a subquery: 500 ids written into three queries cost more to send than to run.
    owners = coachings.values("owner_id")
    found = _followup_flags(owners, zones, now) + _uncertain(owners) + _outcomes(owners, now)
    for owner_id, key, count in found:
        if owner_id in candidates:
            flags = candidates[owner_id].flags
            flags[key] = flags.get(key, 0) + count
    rows = list(candidates.values())
    counts = {key: sum(1 for row in rows if row.flags.get(key)) for key in ATTENTION}
    if attention in ATTENTION:
        rows = [row for row in rows if row.flags.get(attention)]
    rows.sort(key=lambda row: -row.needs_attention)  # stable: names stay in order within a level
    return Board(candidates=rows, counts=counts, total=len(candidates))


def _followup_flags(owners, zones: dict[int, str], now: datetime) -> list[tuple[int, str, int]]:
    """Late thank-you notes, and status checks due with no reply, as (owner id, key, 1).

    ``owners`` is a subquery of owner ids, ``zones`` each owner's time zone. The waiting steps are
    read through the partial index ``followup_waiting_by_owner``; whether the opportunity was answered
    is an EXISTS per step found, not a join with every opportunity of every candidate."""
    answered = Opportunity.objects.filter(pk=OuterRef("opportunity_id")).filter(
        Q(replied_at__isnull=False) | ~Q(outcome=Opportunity.Outcome.PENDING))
    rows = (FollowUp.objects.filter(owner_id__in=owners, send_at__lt=now + timedelta(days=1),
                                    kind__in=[FollowUp.Kind.THANK_YOU, FollowUp.Kind.STATUS_CHECK],
                                    status__in=[FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED])
            .annotate(message_state=states.latest_message_state(), answered=Exists(answered))
            .values_list("owner_id", "kind", "status", "send_at", "deadline", "message_state", "answered"))
    flags, starts = [], {}
    for owner_id, kind, status, send_at, deadline, message_state, was_answered in rows:
        if states.derive(status, message_state) not in WAITING:
            continue
        if kind == FollowUp.Kind.THANK_YOU:
            zone = zones.get(owner_id, "UTC")
            start = starts.setdefault(zone, day_start(now, zone))
            if is_overdue(send_at=send_at, deadline=deadline, now=now, start=start):
                flags.append((owner_id, "thank_you_late", 1))
        elif send_at <= now and not was_answered:
            flags.append((owner_id, "status_check_due", 1))
    return flags


def _uncertain(owners) -> list[tuple[int, str, int]]:
    """Emails that may or may not have gone out (the candidate must settle them), counted per candidate."""
    found = (Message.objects.filter(owner_id__in=owners, direction=Message.Direction.OUTBOUND,
                                    state=Message.State.UNCERTAIN)
             .order_by().values("owner_id").annotate(count=Count("id")).values_list("owner_id", "count"))
    return [(owner_id, "uncertain", count) for owner_id, count in found]


def _outcomes(owners, now: datetime) -> list[tuple[int, str, int]]:
    """Rejections with no reply sent yet, and recent offers."""
    answered = FollowUp.objects.filter(opportunity=OuterRef("pk"), kind=FollowUp.Kind.REJECTION_REPLY,
                                       status=FollowUp.Status.SENT)
    found = (Opportunity.objects.filter(owner_id__in=owners)
             .filter(Q(outcome=Opportunity.Outcome.REJECTED)
                     | Q(outcome=Opportunity.Outcome.OFFER, outcome_at__gte=now - OFFER_SHOWN_FOR))
             .annotate(answered=Exists(answered)).values_list("owner_id", "outcome", "answered"))
    flags = []
    for owner_id, outcome, was_answered in found:
        if outcome == Opportunity.Outcome.OFFER:
            flags.append((owner_id, "offer", 1))
        elif not was_answered:
            flags.append((owner_id, "rejection_unanswered", 1))
    return flags


def progress(candidate, *, now: datetime) -> list:
    """The candidate's opportunities with their interviews and follow-ups (three queries); each
    follow-up still waiting past its day or deadline carries ``late`` (as Today says it)."""
    followups = (FollowUp.objects.select_related("contact")
                 .annotate(message_state=states.latest_message_state()).order_by("send_at", "id"))
    opportunities = list(
        Opportunity.objects.filter(owner=candidate).select_related("company")
        .prefetch_related(Prefetch("interviews", queryset=Interview.objects.order_by("round", "starts_at")),
                          Prefetch("followups", queryset=followups))
        .order_by("-created_at"))
    start = day_start(now, candidate.timezone)
    for opportunity in opportunities:
        for step in opportunity.followups.all():
            step.late = step.state in WAITING and is_overdue(send_at=step.send_at, deadline=step.deadline,
                                                             now=now, start=start)
    return opportunities
