"""The candidate's side of consent: change what a coach sees, or withdraw, effective at once."""

from __future__ import annotations

from django.utils import timezone

from clinch.agency.models import AccessLog, Coaching
from clinch.owned import owned_by


def coachings_of(candidate):
    """The candidate's consents, active first, with coach and organisation (one query)."""
    return (owned_by(Coaching, candidate).select_related("membership__user", "membership__organisation")
            .order_by("withdrawn_at", "-created_at"))


def change_level(*, coaching: Coaching, level: str) -> None:
    """Set what the coach sees; ValueError for a level that does not exist or a withdrawn consent."""
    if level not in Coaching.Level.values:
        raise ValueError("Choose progress only, or progress and drafts.")
    if not Coaching.objects.filter(pk=coaching.pk, withdrawn_at__isnull=True).update(level=level):
        raise ValueError("This consent was withdrawn: your coach can send a new invitation.")
    coaching.level = level


def withdraw(*, coaching: Coaching, now=None) -> None:
    """End the coach's access: every coach page checks ``withdrawn_at`` on each request."""
    now = now or timezone.now()
    Coaching.objects.filter(pk=coaching.pk, withdrawn_at__isnull=True).update(withdrawn_at=now)
    coaching.withdrawn_at = coaching.withdrawn_at or now


def access_log(candidate, *, limit: int = 200):
    """The latest coach accesses to ``candidate``'s data, newest first."""
    return AccessLog.objects.filter(candidate=candidate)[:limit]
