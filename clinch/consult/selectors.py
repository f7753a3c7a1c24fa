"""Reads for the staff desk: each a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q

from clinch.consult import guard
from clinch.consult.models import ConsultationRequest


def search(queryset, text: str):
    """Requests whose name, email, phone, role or message contain every word of ``text``."""
    for word in text.split():
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
            | Q(role__icontains=word)
            | Q(how_can_we_help__icontains=word)
        )
    return queryset


def desk_requests(requests=None, *, q: str = "", status: str = "", assignee: str = ""):
    """The desk list among ``requests`` (every request when None), newest first, with the assignee
    and organisation joined in (no query per row)."""
    requests = ConsultationRequest.objects.all() if requests is None else requests
    queryset = search(requests.select_related("assigned_to", "organisation"), q)
    if assignee == "none":
        queryset = queryset.filter(assigned_to__isnull=True)
    elif assignee.isdigit():
        queryset = queryset.filter(assigned_to_id=int(assignee))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-id")


def status_counts(queryset) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included, in one query."""
    found = dict(queryset.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, found.get(value, 0)) for value, label in ConsultationRequest.Status.choices]


def spam_blocked_last_week(*, today, counts) -> int:
    """Submissions the traps blocked over the last seven days, today included, among the SpamCount
    rows ``counts`` (the desk's own forms: ``clinch.agency.desk.visible_spam_counts``)."""
    return guard.blocked_since(today - timedelta(days=6), counts=counts)
