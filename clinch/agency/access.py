"""Who may read what in an organisation. Every organisation-scoped view goes through here.

Each function answers 404, never 403, for anything the reader may not see: another
organisation's ids, a candidate who gave this coach no consent (or withdrew it), a draft
without "progress and drafts". A probe cannot tell those apart from ids that do not exist.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from clinch.agency.models import COACHING_ROLES, AccessLog, Coaching, Membership


def membership_or_404(user, org_id, *roles: str) -> Membership:
    """``user``'s membership of the organisation ``org_id`` (in one of ``roles``, when given), or 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such organisation.")
    try:
        found = Membership.objects.select_related("organisation", "user").get(organisation__public_id=org_id, user=user)
    except (Membership.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such organisation.") from None
    if roles and found.role not in roles:
        raise Http404("No such organisation.")
    return found


def coach_membership_or_404(user, org_id) -> Membership:
    return membership_or_404(user, org_id, *COACHING_ROLES)


def active_coachings(membership: Membership):
    """The consents this coach holds right now (the candidate joined in)."""
    return Coaching.objects.filter(membership=membership, withdrawn_at__isnull=True).select_related("owner")


def coaching_or_404(membership: Membership, coaching_id, *, drafts: bool = False) -> Coaching:
    """An active consent given to this coach; with ``drafts``, only one that shows drafts."""
    try:
        coaching = active_coachings(membership).get(public_id=coaching_id)
    except (Coaching.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such candidate.") from None
    if drafts and not coaching.shows_drafts:
        raise Http404("No such candidate.")
    return coaching


def log_access(*, membership: Membership, candidate, what: str, now=None) -> AccessLog:
    """Record that the coach of ``membership`` read ``what`` of ``candidate``'s data (one row per access)."""
    entry = _log_entry(membership, candidate.pk, what, now or timezone.now())
    entry.save()
    return entry


def log_accesses(*, membership: Membership, candidate_ids, what: str, now=None) -> None:
    """``log_access`` for several candidates read at once (the weekly digest), in one INSERT."""
    now = now or timezone.now()
    AccessLog.objects.bulk_create([_log_entry(membership, candidate_id, what, now) for candidate_id in candidate_ids])


def _log_entry(membership: Membership, candidate_id: int, what: str, now) -> AccessLog:
    """An unsaved log row; names are copied (cut to their columns) so it outlives the membership."""
    return AccessLog(
        candidate_id=candidate_id, coach=membership.user, coach_name=membership.user.name_for_notes[:150],
        organisation_name=membership.organisation.name[:200], what=what[:200], at=now,
    )
