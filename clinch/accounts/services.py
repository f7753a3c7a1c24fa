"""Account workflows: sign up, confirm the address, send the link again, change the address.

A sign-up is an account at once, with its address unconfirmed. An address is
used to send anything but its confirmation link only once its owner has opened
that link (``User.email_verified_at``). Whether an address already belongs to an
account never shows: a sign-up with a taken address gets the same account, page
and work as one with a new address, but the address's owner is told instead of
sent a link, and that stays so when the new account asks for the link again.
An address change likewise. The mails go out after the response
(``clinch.background``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from clinch import background
from clinch.accounts import emails
from clinch.accounts.models import User

SALT = "clinch.accounts.verify-email"


def make_token(user_pk: int, email: str) -> str:
    return signing.dumps({"u": user_pk, "e": email}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user pk, address) from a link made by ``make_token`` within EMAIL_VERIFY_MAX_AGE_SECONDS, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.EMAIL_VERIFY_MAX_AGE_SECONDS)
        return int(data["u"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def holders(email: str, *, other_than: User):
    """The other accounts with ``email``, the one that holds it first: the confirmed one, else the
    earliest made (a sign-up takes an address only if no account had it, confirmed or not)."""
    return (User.objects.filter(email__iexact=email).exclude(pk=other_than.pk)
            .order_by(F("email_verified_at").asc(nulls_last=True), "pk"))


def _claims_since() -> datetime:
    """Sign-ups after this still hold their unconfirmed address: their first link
    (EMAIL_VERIFY_MAX_AGE_SECONDS) can still be opened. An older unconfirmed hold has lapsed, so
    a sign-up with someone else's address no longer keeps it from its owner."""
    return timezone.now() - timedelta(seconds=settings.EMAIL_VERIFY_MAX_AGE_SECONDS)


def _claim_lapsed(user: User) -> bool:
    return user.email_verified_at is None and user.date_joined < _claims_since()


def _claims_against(user: User) -> Q:
    """Other accounts with the address whose hold comes before ``user``'s: a confirmed one; an
    earlier one whose claim has not lapsed; and, once ``user``'s own claim has lapsed, any later one."""
    claims = Q(email_verified_at__isnull=False) | Q(pk__lt=user.pk, date_joined__gte=_claims_since())
    if _claim_lapsed(user):
        claims |= Q(pk__gt=user.pk)
    return claims


def _tell_owner(request, owner: User, *, new_account: bool) -> None:
    # The user name only to a confirmed owner: an unconfirmed one may have typed someone else's address.
    username = owner.get_username() if owner.email_verified_at is not None else ""
    background.submit(
        emails.send_address_in_use, to=owner.email, username=username, new_account=new_account,
        login_url=request.build_absolute_uri(reverse("login")),
        reset_url=request.build_absolute_uri(reverse("password_reset")),
    )


def _send_link(request, user: User, email: str, *, new_account: bool) -> None:
    link = request.build_absolute_uri(reverse("verify_email", args=[make_token(user.pk, email)]))
    background.submit(emails.send_verification, to=email, name=user.name_for_notes, link=link, new_account=new_account)


def start_signup(request, form) -> User:
    """Sign-up with a valid form: a new account with its address unconfirmed, and a link to
    that address; or, when another account holds the address, a notice to its owner instead.
    Either way the same work and the same account for the caller to log in.
    """
    user = form.save(commit=False)
    user.email_verified_at = None
    user.save()
    _mail_address(request, user, new_account=True)
    cache.set(_resend_key(user), 1, settings.EMAIL_RESEND_INTERVAL_SECONDS)
    return user


def _mail_address(request, user: User, *, new_account: bool) -> None:
    """The link to the account's own unconfirmed address, or, when another account holds it, the notice
    to that owner: the account gets no link to an address someone else had first."""
    owner = holders(user.email, other_than=user).filter(_claims_against(user)).first()
    if owner is None:
        _send_link(request, user, user.email, new_account=new_account)
    else:
        _tell_owner(request, owner, new_account=True)


def _resend_key(user: User) -> str:
    return f"verify-email-resend:{user.pk}"


def resend_link(request, user: User) -> bool:
    """Mail the unconfirmed address again (the link, or its owner's notice) at most once per
    EMAIL_RESEND_INTERVAL_SECONDS; False when it is too soon (or nothing is waiting)."""
    if user.email_verified_at is not None or not user.email:
        return False
    if not cache.add(_resend_key(user), 1, settings.EMAIL_RESEND_INTERVAL_SECONDS):
        return False
    _mail_address(request, user, new_account=False)
    return True


def request_email_change(request, user: User, email: str) -> None:
    """The address stays as it is until the link mailed to ``email`` is opened (or its owner is told)."""
    holding = Q(email_verified_at__isnull=False) | Q(date_joined__gte=_claims_since())
    owner = holders(email, other_than=user).filter(holding).first()
    if owner is not None:
        _tell_owner(request, owner, new_account=False)
        return
    _send_link(request, user, email, new_account=False)


def is_pending_signup(user: User) -> bool:
    """An account from when sign-ups waited, inactive, for their link (none are made so now)."""
    return not user.is_active and user.email_verified_at is None and user.last_login is None


def confirm_email(user_pk: int, email: str, *, now: datetime) -> User:
    """Make ``email`` the account's confirmed address (an older, inactive sign-up becomes active).

    ValidationError when the account is gone or the address went to another account meanwhile.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_pk).first()
        if user is None:
            raise ValidationError("This account no longer exists.")
        if holders(email, other_than=user).filter(email_verified_at__isnull=False).exists():
            raise ValidationError("This address belongs to another account now.")
        if is_pending_signup(user):
            user.is_active = True
        user.email, user.email_verified_at = email, now
        user.save(update_fields=["email", "email_verified_at", "is_active"])
    return user
