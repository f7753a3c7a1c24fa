"""Membership changes. Access is read from the rows on every request, so changes take effect at once."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from clinch.agency.models import Membership, Organisation


def create_organisation(*, name: str, owner) -> Organisation:
    """A new organisation with ``owner`` as its first member."""
    with transaction.atomic():
        org = Organisation.objects.create(name=name)
        Membership.objects.create(organisation=org, user=owner, role=Membership.Role.OWNER)
    return org


def add(*, organisation: Organisation, user, role: str) -> Membership:
    """Make ``user`` a member in ``role`` (an existing member gets the new role)."""
    try:
        with transaction.atomic():
            return Membership.objects.create(organisation=organisation, user=user, role=role)
    except IntegrityError:
        Membership.objects.filter(organisation=organisation, user=user).update(role=role)
        return Membership.objects.get(organisation=organisation, user=user)


def remove(member: Membership) -> None:
    """Delete the membership, and with it the consents given to it: that coach sees nobody from now on.

    The candidates' access logs keep the coach's name (copied), and the comments they left stay.
    """
    member.delete()

