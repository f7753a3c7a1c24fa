"""The mails about an account: confirm an address, or tell its owner someone else tried it.

One function per kind; each renders a subject, a text and an HTML body from
templates/accounts/email/ and sends from DEFAULT_FROM_EMAIL. They take plain
values, not rows, because they run on the background pool (``clinch.background``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from clinch.mail.addresses import mail_address


def _send(kind: str, *, to: str, context: dict) -> None:
    subject = " ".join(render_to_string(f"accounts/email/{kind}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject, render_to_string(f"accounts/email/{kind}.txt", context), settings.DEFAULT_FROM_EMAIL,
        [mail_address("", to)],
    )
    message.attach_alternative(render_to_string(f"accounts/email/{kind}.html", context), "text/html")
    message.send()


def send_verification(*, to: str, name: str, link: str, new_account: bool) -> None:
    """The link that proves ``to`` is the user's: it finishes a sign-up or moves the account to ``to``."""
    days = max(settings.EMAIL_VERIFY_MAX_AGE_SECONDS // 86400, 1)
    _send("verify", to=to, context={"email": to, "name": name, "link": link, "new_account": new_account, "days": days})


def send_address_in_use(*, to: str, username: str, login_url: str, reset_url: str, new_account: bool) -> None:
    """To the owner of ``to``: someone tried to sign up with it (or move an account to it); nothing changed."""
    _send("address_in_use", to=to, context={
        "email": to, "username": username, "login_url": login_url, "reset_url": reset_url, "new_account": new_account,
    })
