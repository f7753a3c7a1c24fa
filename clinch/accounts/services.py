"""Account workflows: sign up with a confirmed address, change the address, confirm it.

An address is used to send anything only once its owner has opened the link
mailed to it (``User.email_verified_at``). Whether an address already belongs to
an account never shows: a sign-up (or an address change) with a taken address
gets the same page, after the same work (the password is hashed either way), as
one with a new address; the address's owner is told instead. The mails go out
after the response (``clinch.background``).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

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


def owner_of(email: str, *, other_than: User | None = None) -> User | None:
    """The account that holds ``email``: confirmed, or active (made before addresses were confirmed,
    or by an administrator). A sign-up still waiting for its link holds nothing."""
    accounts = User.objects.filter(email__iexact=email).filter(Q(email_verified_at__isnull=False) | Q(is_active=True))
    if other_than is not None:
        accounts = accounts.exclude(pk=other_than.pk)
    return accounts.order_by("pk").first()


def _tell_owner(request, owner: User, *, new_account: bool) -> None:
    background.submit(
        emails.send_address_in_use, to=owner.email, username=owner.get_username(), new_account=new_account,
        login_url=request.build_absolute_uri(reverse("login")),
        reset_url=request.build_absolute_uri(reverse("password_reset")),
    )


def _send_link(request, user: User, email: str, *, new_account: bool) -> None:
    link = request.build_absolute_uri(reverse("verify_email", args=[make_token(user.pk, email)]))
    background.submit(emails.send_verification, to=email, name=user.name_for_notes, link=link, new_account=new_account)


def start_signup(request, form) -> None:
    """Sign-up with a valid form: a new, inactive account and a link to its address; or, when
    the address is taken, no account and a notice to its owner. The caller shows one page for both.
    """
    email = form.cleaned_data["email"]
    owner = owner_of(email)
    if owner is not None:
        make_password(form.cleaned_data["password1"])  # the work a new account does, so the timing says nothing
        _tell_owner(request, owner, new_account=True)
        return
    user = form.save(commit=False)
    user.is_active = False  # until the address is confirmed
    user.email_verified_at = None
    user.save()
    _send_link(request, user, email, new_account=True)


def request_email_change(request, user: User, email: str) -> None:
    """The address stays as it is until the link mailed to ``email`` is opened (or its owner is told)."""
    owner = owner_of(email, other_than=user)
    if owner is not None:
        _tell_owner(request, owner, new_account=False)
        return
    _send_link(request, user, email, new_account=False)


def is_pending_signup(user: User) -> bool:
    return not user.is_active and user.email_verified_at is None and user.last_login is None


def confirm_email(user_pk: int, email: str, *, now: datetime) -> User:
    """Make ``email`` the account's confirmed address; a pending sign-up becomes an active account.

    ValidationError when the account is gone or the address went to another account meanwhile.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_pk).first()
        if user is None:
            raise ValidationError("This account no longer exists.")
        if owner_of(email, other_than=user) is not None:
            raise ValidationError("This address belongs to another account now.")
        if is_pending_signup(user):
            user.is_active = True
        user.email, user.email_verified_at = email, now
        user.save(update_fields=["email", "email_verified_at", "is_active"])
    return user
