"""The weekly digest to each coach: rows first, then the worker claims and sends each once.

``queue_week`` writes one ``Digest`` row per coach for the current week (a unique key on
(membership, week) makes a second run a no-op). ``send_one_due`` claims one pending row with
a conditional UPDATE under a lease, sends outside any transaction and records the outcome.
A worker that dies mid-send leaves the row ``sending``; when its lease ends the sweep marks it
``uncertain``, and it is never sent again by itself: nothing goes out twice.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinch.agency import access, board as boards
from clinch.agency.models import COACHING_ROLES, Coaching, Digest, Membership
from clinch.interviews.models import Opportunity
from clinch.mail.addresses import mail_address

log = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "clinch.agency.digest-unsubscribe"
NUDGE_LIMIT = 50  # candidates listed in one mail; the board has the rest
TOKEN_CHARS = 200  # an unsubscribe token is far shorter; a longer one is refused unread


def week_of(now: datetime) -> date:
    """The Monday (UTC) of ``now``'s week: the digest's key."""
    day = now.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def queue_week(*, now: datetime) -> int:
    """One pending digest for every coach who wants it and has a consenting candidate; returns how many are new."""
    week = week_of(now)
    active = Coaching.objects.filter(membership=OuterRef("pk"), withdrawn_at__isnull=True)
    coaches = (Membership.objects.filter(digest=True, role__in=COACHING_ROLES)
               .filter(Exists(active)).values_list("pk", flat=True))
    before = Digest.objects.filter(week=week).count()
    Digest.objects.bulk_create([Digest(membership_id=pk, week=week) for pk in coaches], ignore_conflicts=True)
    return Digest.objects.filter(week=week).count() - before


def sweep_expired_leases(*, now: datetime) -> int:
    """``sending`` past its lease -> ``uncertain``: shown in the admin, never re-sent by itself."""
    return Digest.objects.filter(state=Digest.State.SENDING, lease_expires_at__lt=now).update(
        state=Digest.State.UNCERTAIN, last_error="The sender stopped before the mail server answered.")


def claim_one(*, now: datetime, worker_name: str) -> Digest | None:
    """The oldest pending digest, moved to ``sending`` by one conditional UPDATE; None if none is left."""
    sweep_expired_leases(now=now)
    lease = now + timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    for _ in range(3):
        pk = (Digest.objects.filter(state=Digest.State.PENDING).order_by("week", "pk")
              .values_list("pk", flat=True).first())
        if pk is None:
            return None
        with transaction.atomic():
            won = Digest.objects.filter(pk=pk, state=Digest.State.PENDING).update(
                state=Digest.State.SENDING, claimed_by=worker_name[:200], lease_expires_at=lease)
        if won:
            return Digest.objects.select_related("membership__user", "membership__organisation").get(pk=pk)
    return None


def send_one_due(*, now: datetime, worker_name: str) -> bool:
    """Claim one digest, send it, record the outcome. False when none was pending."""
    digest = claim_one(now=now, worker_name=worker_name)
    if digest is None:
        return False
    mine = Digest.objects.filter(pk=digest.pk, claimed_by=worker_name[:200], state=Digest.State.SENDING)
    coach = digest.membership
    if not coach.digest or not coach.user.email_verified:
        mine.update(state=Digest.State.FAILED, lease_expires_at=None,
                    last_error="Not sent: the coach turned the digest off or has no confirmed address.")
        return True
    try:
        message(coach, now=now).send()
    except Exception as error:  # noqa: BLE001 - one bad address must not stop the worker
        log.warning("digest %s: not sent: %s", digest.pk, error)
        mine.update(state=Digest.State.FAILED, lease_expires_at=None, last_error=str(error)[:500])
        return True
    mine.update(state=Digest.State.SENT, sent_at=timezone.now(), lease_expires_at=None)
    return True


def contents(coach: Membership, *, now: datetime) -> dict:
    """Who needs a nudge (the board's flags) and the week's outcomes; each candidate read is logged."""
    result = boards.board(membership=coach, now=now)
    nudges = [row for row in result.candidates if row.needs_attention][:NUDGE_LIMIT]
    owners = access.active_coachings(coach).values("owner_id")
    outcomes = list(Opportunity.objects.filter(owner_id__in=owners, outcome_at__gte=now - timedelta(days=7))
                    .exclude(outcome=Opportunity.Outcome.PENDING).select_related("owner", "company")
                    .order_by("outcome_at")[:NUDGE_LIMIT])
    access.log_accesses(membership=coach, candidate_ids=[row.owner_id for row in result.candidates],
                        what="Weekly digest: what needs attention", now=now)
    return {"coach": coach, "nudges": nudges, "outcomes": outcomes, "total": result.total}


def unsubscribe_token(coach: Membership) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(coach.public_id))


def membership_for_token(token: str) -> Membership | None:
    """The membership an unsubscribe token names, or None for a bad one."""
    if len(token) > TOKEN_CHARS:
        return None
    try:
        public_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Membership.objects.select_related("organisation", "user").filter(public_id=public_id).first()


def unsubscribe(coach: Membership) -> None:
    """No more digests for ``coach``; a row already queued is then not sent (``send_one_due`` checks)."""
    Membership.objects.filter(pk=coach.pk).update(digest=False)
    coach.digest = False


def message(coach: Membership, *, now: datetime) -> EmailMultiAlternatives:
    """The digest mail: subject, text, HTML, and a List-Unsubscribe header to the one-click page."""
    context = contents(coach, now=now)
    unsubscribe = f"{settings.SITE_URL}{reverse('agency:digest_unsubscribe', args=[unsubscribe_token(coach)])}"
    board_url = f"{settings.SITE_URL}{reverse('agency:board', args=[coach.organisation.public_id])}"
    context.update(unsubscribe=unsubscribe, board_url=board_url, site_url=settings.SITE_URL)
    subject = " ".join(render_to_string("agency/email/digest_subject.txt", context).split())
    mail = EmailMultiAlternatives(subject, render_to_string("agency/email/digest.txt", context),
                                  settings.DEFAULT_FROM_EMAIL,
                                  [mail_address(coach.user.name_for_notes, coach.user.email)],
                                  headers={"List-Unsubscribe": f"<{unsubscribe}>"})
    mail.attach_alternative(render_to_string("agency/email/digest.html", context), "text/html")
    return mail
