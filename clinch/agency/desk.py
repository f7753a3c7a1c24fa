"""The desk's side: a consultation request becomes an invitation from the recruiter who handled it."""

from __future__ import annotations

from clinch.agency import invitations
from clinch.agency.models import Invitation, Membership

COACHING_ROLES = (Membership.Role.OWNER, Membership.Role.COACH)


def recruiter_membership(*, recruiter, staff) -> Membership | None:
    """The recruiter's coaching membership, in an organisation the staff member belongs to when
    there is one (several agencies can share a server), else their first; None if they coach nowhere."""
    if recruiter is None:
        return None
    coaching = Membership.objects.filter(user=recruiter, role__in=COACHING_ROLES).select_related("organisation")
    shared = coaching.filter(organisation__memberships__user=staff).order_by("pk").first()
    return shared or coaching.order_by("pk").first()


def invite(*, consultation, staff) -> invitations.NewInvitation | None:
    """An invitation for the requester from the recruiter assigned to the request, or None when that
    recruiter coaches in no organisation (the desk then sends the plain sign-up link)."""
    membership = recruiter_membership(recruiter=consultation.assigned_to, staff=staff)
    if membership is None:
        return None
    return invitations.create(membership=membership, email=consultation.email, consultation=consultation)


def latest_invitation(consultation) -> Invitation | None:
    """The newest coach invitation made for this request, with who made it and who accepted it."""
    return (Invitation.objects.filter(consultation=consultation)
            .select_related("membership__user", "membership__organisation", "accepted_by")
            .order_by("-created_at", "-id").first())


def accepted_ids(consultations) -> set[int]:
    """Ids of the requests among ``consultations`` whose invitation was accepted (one query)."""
    return set(Invitation.objects.filter(consultation__in=[c.pk for c in consultations], accepted_at__isnull=False)
               .values_list("consultation_id", flat=True))
