"""Coach invitation links: single-use, expiring, never replayable.

The link carries a signed random secret (``TimestampSigner``: a tampered or too-old link
fails before any lookup); the row stores only the secret's SHA-256, so a copy of the
database opens no invitation. Accepting is one conditional UPDATE on the row (not yet
accepted, not expired): two clicks, two tabs or a replayed link make at most one consent.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clinch.agency.models import Coaching, Invitation, Membership

SALT = "clinch.agency.invitation"
VALID_FOR = timedelta(days=14)
TOKEN_CHARS = 200  # what a link's token may be at most; longer is refused unread


class InvitationError(Exception):
    """The link cannot be used; the message says why in words for the candidate."""


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str

    @property
    def link(self) -> str:
        return f"{settings.SITE_URL}{reverse('agency:invitation', args=[self.token])}"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(*, membership: Membership, email: str = "", consultation=None, now=None) -> NewInvitation:
    """A new invitation from the coach of ``membership``. The token is returned once and never stored."""
    now = now or timezone.now()
    secret = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        membership=membership, secret_hash=_hash(secret), email=email, consultation=consultation,
        expires_at=now + VALID_FOR,
    )
    return NewInvitation(invitation, signing.TimestampSigner(salt=SALT).sign(secret))


def find(token: str, *, now=None) -> Invitation:
    """The pending invitation behind ``token``, or InvitationError saying why not."""
    now = now or timezone.now()
    if len(token) > TOKEN_CHARS:
        raise InvitationError("This invitation link is not valid.")
    try:
        secret = signing.TimestampSigner(salt=SALT).unsign(token, max_age=VALID_FOR)
    except signing.SignatureExpired:
        raise InvitationError("This invitation has expired: ask your coach for a new link.") from None
    except signing.BadSignature:
        raise InvitationError("This invitation link is not valid.") from None
    invitation = (Invitation.objects.select_related("membership__organisation", "membership__user")
                  .filter(secret_hash=_hash(secret)).first())
    if invitation is None:
        raise InvitationError("This invitation link is not valid.")
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used.")
    if invitation.expires_at <= now:
        raise InvitationError("This invitation has expired: ask your coach for a new link.")
    return invitation


def accept(*, token: str, candidate, level: str, now=None) -> Coaching:
    """Accept the invitation for ``candidate`` with consent ``level``; InvitationError when it cannot be.

    The claim is conditional (not accepted, not expired), so exactly one of several
    concurrent accepts wins. A candidate already coached by this coach keeps one consent,
    set to the level chosen now.
    """
    now = now or timezone.now()
    if level not in Coaching.Level.values:
        raise InvitationError("Choose what your coach may see.")
    invitation = find(token, now=now)
    if invitation.membership.user_id == candidate.pk:
        raise InvitationError("This is your own invitation link: send it to your candidate.")
    with transaction.atomic():
        won = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now).update(
            accepted_at=now, accepted_by=candidate
        )
        if not won:
            raise InvitationError("This invitation has already been used.")
        coaching, _ = Coaching.objects.update_or_create(
            owner=candidate, membership=invitation.membership, withdrawn_at=None,
            defaults={"level": level, "invitation": invitation},
        )
    return coaching
