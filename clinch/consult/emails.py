"""The consultation emails: each a subject, a text body and an HTML body rendered from templates.

One function per kind. Addresses are built by ``clinch.mail.addresses.mail_address``:
the standard library's ``Address`` quotes the name and refuses CR or LF, and the name
is kept short enough that folding can never split it (so a name can never add a
header or an address).
Each function sends synchronously and lets the backend's error propagate; callers
decide whether a failure matters (the stored request never depends on it).
"""

from __future__ import annotations

import re
from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from clinch.accounts.models import User
from clinch.consult.models import ConsultationRequest
from clinch.mail.addresses import mail_address


def requester_address(request: ConsultationRequest) -> str:
    """``"First Last" <email>``, quoted as needed, the name cut to what a header safely holds."""
    return mail_address(request.full_name, request.email)


def staff_recipients(organisation=None) -> list[str]:
    """For an organisation's request, its owners' and desk staff's confirmed addresses (never the
    server's: another agency's requests are not theirs to read). Otherwise STAFF_NOTIFY_EMAILS when
    set, else every active agency staff account with a confirmed email."""
    if organisation is not None:
        from clinch.agency.models import Membership

        desk = User.objects.filter(
            memberships__organisation=organisation, memberships__role__in=[Membership.Role.OWNER, Membership.Role.STAFF],
            is_active=True, email_verified_at__isnull=False,
        ).exclude(email="")
        return sorted(set(desk.values_list("email", flat=True)))
    if settings.STAFF_NOTIFY_EMAILS:
        return list(settings.STAFF_NOTIFY_EMAILS)
    staff = User.objects.filter(
        role=User.Role.AGENCY_STAFF, is_active=True, email_verified_at__isnull=False
    ).exclude(email="")
    return sorted(staff.values_list("email", flat=True))


def _send(kind: str, *, to: list[str], context: dict, reply_to: list[str] | None = None) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    # A subject is one line whatever the template holds.
    subject = " ".join(render_to_string(f"consult/email/{kind}_subject.txt", context).split())
    text = render_to_string(f"consult/email/{kind}.txt", context)
    html = render_to_string(f"consult/email/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to or [])
    message.attach_alternative(html, "text/html")
    message.send()


# A first name: letters, with at most a few parts joined by a space, hyphen or apostrophe.
_NAME = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+){0,3}")
FIRST_NAME_MAX = 30


def greeting_name(request: ConsultationRequest) -> str:
    """The visitor's first name when it is plainly a name (letters only, short), else "".

    Nothing else they typed is echoed: a link, digits or a sentence in the name field
    would let the form carry a stranger's text to any address.
    """
    name = " ".join(request.first_name.split())
    return name if len(name) <= FIRST_NAME_MAX and _NAME.fullmatch(name) else ""


def send_confirmation(request: ConsultationRequest) -> None:
    """Tell the visitor we have their request and what happens next, greeting them by first name.

    Addressed without a display name and echoing nothing else they typed, so the form
    cannot be used to carry a stranger's text to an address they enter.
    """
    _send("confirmation", to=[str(Address(addr_spec=request.email))], context={"first_name": greeting_name(request)})


def send_staff_notification(request: ConsultationRequest) -> bool:
    """Tell staff a request arrived (Reply-To: the visitor). False when nobody is there to tell."""
    recipients = staff_recipients(request.organisation)
    if not recipients:
        return False
    desk_url = settings.SITE_URL + reverse("consult:desk_detail", args=[request.public_id])
    _send(
        "staff_notification",
        to=recipients,
        context={"req": request, "desk_url": desk_url},
        reply_to=[requester_address(request)],
    )
    return True


def send_invitation(request: ConsultationRequest, *, link: str, staff) -> None:
    """Invite the requester to Clinch with a sign-up link that already holds their name and email."""
    reply_to = [mail_address(staff.name_for_notes, staff.email)] if staff.email else None
    _send(
        "invitation",
        to=[requester_address(request)],
        context={"req": request, "link": link, "staff_name": staff.name_for_notes},
        reply_to=reply_to,
    )
