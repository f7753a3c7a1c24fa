"""The desk's side: whose requests a staff member sees, and a consultation request becomes an
invitation from the recruiter who handled it.

Several agencies share one server and each has its own public form, so the desk is scoped: a
member (owner, coach or desk staff) of an organisation sees that organisation's requests, and
only server-wide staff see the requests of the server-wide form (those without organisation).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from clinch.agency import invitations
from clinch.agency.models import COACHING_ROLES, Invitation, Membership


@dataclass(frozen=True)
class DeskScope:
    """What one staff member's desk covers: the organisations they belong to, and whether they triage the
    server-wide form too. Read once per request (one query), then every desk read filters with it."""

    organisation_ids: tuple[int, ...]
    server_wide: bool

    @property
    def opens_desk(self) -> bool:
        """Whether the desk exists for them at all (everyone else gets 404)."""
        return self.server_wide or bool(self.organisation_ids)


def scope_of(user) -> DeskScope:
    """The desk scope of ``user``. Server-wide staff are Django staff and superusers, and agency staff
    accounts that belong to no organisation (a server run by a single agency, as before organisations
    existed). A member of an organisation (owner, coach or desk staff) is that organisation's staff only."""
    if not getattr(user, "is_authenticated", False):
        return DeskScope(organisation_ids=(), server_wide=False)
    ids = tuple(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    server_wide = user.is_staff or user.is_superuser or (user.is_agency_staff and not ids)
    return DeskScope(organisation_ids=ids, server_wide=server_wide)


def _forms_of(scope: DeskScope) -> Q:
    """Rows that came through the forms ``scope`` covers: its organisations', and the server's own
    (no organisation) for server-wide staff."""
    mine = Q(organisation_id__in=scope.organisation_ids)
    if scope.server_wide:
        mine |= Q(organisation__isnull=True)
    return mine


def visible_requests(scope: DeskScope):
    """The consultation requests the desk shows for ``scope``: its organisations' requests, plus those
    without organisation for server-wide staff. Every desk read starts here, so another organisation's
    request is 404, never 403."""
    from clinch.consult.models import ConsultationRequest

    return ConsultationRequest.objects.filter(_forms_of(scope))


def visible_spam_counts(scope: DeskScope):
    """The blocked-submission counts of the forms ``scope`` covers: another agency's spam is not news here."""
    from clinch.consult.models import SpamCount

    return SpamCount.objects.filter(_forms_of(scope))


def assignable(scope: DeskScope):
    """Whom the desk's recruiter filter lists for ``scope``: members of its organisations, and for
    server-wide staff the server's recruiters too. Never another organisation's staff alone."""
    from clinch.accounts.models import User

    people = Q(memberships__organisation_id__in=scope.organisation_ids)
    if scope.server_wide:
        people |= Q(role=User.Role.AGENCY_STAFF) | Q(is_superuser=True)
    return User.objects.filter(people, is_active=True).distinct().order_by("display_name", "username")


def recruiter_membership(*, recruiter, staff, organisation=None) -> Membership | None:
    """The recruiter's coaching membership: in the request's ``organisation`` when it has one (its
    candidates are that agency's), else in an organisation the staff member belongs to (several agencies
    can share a server), else their first; None if they coach nowhere that fits."""
    if recruiter is None:
        return None
    coaching = Membership.objects.filter(user=recruiter, role__in=COACHING_ROLES).select_related("organisation")
    if organisation is not None:
        return coaching.filter(organisation=organisation).first()
    shared = coaching.filter(organisation__memberships__user=staff).order_by("pk").first()
    return shared or coaching.order_by("pk").first()


def invite(*, consultation, staff) -> invitations.NewInvitation | None:
    """An invitation for the requester from the recruiter assigned to the request, or None when that
    recruiter coaches in no organisation (the desk then sends the plain sign-up link)."""
    membership = recruiter_membership(recruiter=consultation.assigned_to, staff=staff,
                                      organisation=consultation.organisation)
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
