"""Workflows on consultation requests: submit, triage, invite, export.

Rows are written before any email goes out and no transaction is held while
mail is sent: a failing mail server never loses a request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clinch.consult import emails
from clinch.consult.models import ConsultationRequest, RequestNote

log = logging.getLogger(__name__)


def submit_request(*, data: dict, organisation=None) -> ConsultationRequest:
    """Store a validated request (for ``organisation`` when it came through that agency's own form),
    then email the visitor and staff.

    ``data`` is a ConsultationForm's cleaned_data. Mail failures are logged, not raised:
    the request is already stored and the desk shows it either way.
    """
    request = ConsultationRequest.objects.create(**data, organisation=organisation)
    try:
        emails.send_confirmation(request)
    except Exception:
        log.exception("consultation %s: the confirmation email failed", request.public_id)
    try:
        if not emails.send_staff_notification(request):
            log.warning("consultation %s: no staff address to notify (set STAFF_NOTIFY_EMAILS)", request.public_id)
    except Exception:
        log.exception("consultation %s: the staff notification failed", request.public_id)
    return request


def change_status(*, request: ConsultationRequest, status: str, now=None) -> None:
    """Move a request to ``status``; closing stamps ``closed_at``, reopening clears it. Last write wins."""
    request.set_status(status, now=now or timezone.now())
    request.save(update_fields=["status", "closed_at", "updated_at"])


def assign(*, request: ConsultationRequest, recruiter) -> None:
    """Give the request to ``recruiter`` (an agency staff user), or to nobody with None."""
    request.assigned_to = recruiter
    request.save(update_fields=["assigned_to", "updated_at"])


def add_note(*, request: ConsultationRequest, author, body: str) -> RequestNote:
    """Append a note; notes are never edited, so concurrent staff never overwrite each other."""
    return RequestNote.objects.create(request=request, author=author, body=body)


def invitation_link(request: ConsultationRequest) -> str:
    """The sign-up page on SITE_URL, prefilled with the requester's name and email."""
    query = urlencode({"email": request.email, "display_name": request.full_name})
    return f"{settings.SITE_URL}{reverse('signup')}?{query}"


@dataclass(frozen=True)
class Invitation:
    link: str
    sent: bool  # False: marked invited, but the email failed; staff can pass the link on by hand


def invite(*, request: ConsultationRequest, staff, seen_invited_at, now=None) -> Invitation | None:
    """Invite the requester to Clinch as a candidate and mark the request converted.

    ``seen_invited_at`` is the ``invited_at`` the staff member saw (None if never invited).
    The row is claimed with a conditional UPDATE on it, so a double click or two staff
    at once send one email; the loser gets None. The row is written before the email.
    """
    now = now or timezone.now()
    claimed = ConsultationRequest.objects.filter(pk=request.pk, invited_at=seen_invited_at)
    if seen_invited_at is None:
        claimed = ConsultationRequest.objects.filter(pk=request.pk, invited_at__isnull=True)
    if not claimed.update(status=ConsultationRequest.Status.CONVERTED, invited_at=now, closed_at=None, updated_at=now):
        return None
    request.refresh_from_db()
    link = _candidate_link(request, staff)
    try:
        emails.send_invitation(request, link=link, staff=staff)
    except Exception:
        log.exception("consultation %s: invitation email failed", request.public_id)
        return Invitation(link=link, sent=False)
    return Invitation(link=link, sent=True)


def _candidate_link(request: ConsultationRequest, staff) -> str:
    """An invitation from the recruiter who handled the request (a single-use link: accepting it
    asks the candidate what the recruiter may see), or the plain sign-up link when they coach nowhere."""
    from clinch.agency import desk

    made = desk.invite(consultation=request, staff=staff)
    return made.link if made else invitation_link(request)


def requests_of(email: str, *, among=None):
    """Every request made with ``email`` (any case), among the requests ``among`` when given."""
    requests = ConsultationRequest.objects.all() if among is None else among
    return requests.filter(email__iexact=email.strip())


def export_person(*, email: str, among=None, now=None) -> dict:
    """Everything stored about the person who wrote from ``email`` (among the requests ``among``, the
    desk's own, when given), as plain JSON-ready data."""
    requests = requests_of(email, among=among).select_related("assigned_to").prefetch_related("notes__author")
    return {
        "email": email.strip(),
        "exported_at": (now or timezone.now()).isoformat(),
        "requests": [_request_data(request) for request in requests.order_by("created_at")],
    }


def _request_data(request: ConsultationRequest) -> dict:
    return {
        "id": str(request.public_id),
        "first_name": request.first_name,
        "last_name": request.last_name,
        "email": request.email,
        "phone": request.phone,
        "role": request.role,
        "how_can_we_help": request.how_can_we_help,
        "heard_from": request.heard_from,
        "consent": request.consent,
        "status": request.status,
        "assigned_to": request.assigned_to.name_for_notes if request.assigned_to else None,
        "created_at": request.created_at.isoformat(),
        "updated_at": request.updated_at.isoformat(),
        "closed_at": request.closed_at.isoformat() if request.closed_at else None,
        "invited_at": request.invited_at.isoformat() if request.invited_at else None,
        "notes": [
            {
                "author": note.author.name_for_notes if note.author else None,
                "body": note.body,
                "created_at": note.created_at.isoformat(),
            }
            for note in request.notes.all()
        ],
    }

