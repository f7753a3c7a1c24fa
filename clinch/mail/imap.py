"""Replies by IMAP: the worker reads new mail and records what comes from an interview's people.

A mail counts as a reply when it answers one of the user's sent messages
(In-Reply-To / References hold its Message-ID) or comes from a contact's
address. Only LOGIN, SELECT, UID SEARCH and UID FETCH (BODY.PEEK, so nothing
is marked read) are used; every call has MAIL_TIMEOUT_SECONDS.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import logging
import re
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from clinch.interviews.models import Opportunity
from clinch.mail import crypto, oauth, outbound, sent_copy, services
from clinch.mail.models import MailAccount, Message

log = logging.getLogger("clinch.imap")
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
FIRST_POLL_LIMIT = 500  # a new account: look at its latest mails only, not years of inbox


def connect(account: MailAccount) -> imaplib.IMAP4:
    """Log in to the account's IMAP server; only at public addresses (``clinch.mail.outbound``)."""
    timeout = settings.MAIL_TIMEOUT_SECONDS
    if account.imap_security == MailAccount.Security.SSL:
        conn = outbound.CheckedIMAP4_SSL(account.imap_host, account.imap_port, timeout=timeout)
    else:
        conn = outbound.CheckedIMAP4(account.imap_host, account.imap_port, timeout=timeout)
        if account.imap_security == MailAccount.Security.STARTTLS:
            conn.starttls()
    user = account.imap_username or account.from_email
    if account.uses_oauth:
        try:
            conn.authenticate("XOAUTH2", _xoauth2_responder(user, oauth.access_token(account, now=timezone.now())))
        except BaseException:
            conn.shutdown()
            raise
    else:
        conn.login(user, crypto.decrypt(account.imap_password_encrypted))
    return conn


def _xoauth2_responder(user: str, token: str):
    """AUTHENTICATE XOAUTH2: the initial response to the first "+", an empty line to an error challenge."""
    asked = []

    def respond(challenge: bytes) -> bytes:
        asked.append(challenge)
        return oauth.xoauth2_string(user, token).encode() if len(asked) == 1 else b""

    return respond


def quoted(value: str) -> str:
    """``value`` (a folder name, "Sent Items" has a space; a Message-ID to search for) as one IMAP
    quoted string. IMAP4.error for a line break or NUL, which would end the command: the forms
    already refuse them in folder names."""
    if any(char in value for char in "\r\n\0"):
        raise imaplib.IMAP4.error("an IMAP quoted string cannot hold a line break")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def opportunity_for(owner, mail) -> Opportunity | None:
    """The opportunity a mail answers: by thread first, then by the sender's address."""
    ids = MESSAGE_ID.findall(f"{mail.get('In-Reply-To', '')} {mail.get('References', '')}")
    if ids:
        parent = Message.objects.filter(owner=owner, message_id__in=ids, opportunity__isnull=False).first()
        if parent is not None:
            return parent.opportunity
    sender = parseaddr(str(mail.get("From", "")))[1]
    if not sender:
        return None
    sent = (
        Message.objects.filter(owner=owner, direction=Message.Direction.OUTBOUND, to_email__iexact=sender,
                               opportunity__isnull=False)
        .order_by("-created_at").first()
    )
    if sent is not None:
        return sent.opportunity
    return (
        Opportunity.objects.filter(owner=owner)
        .filter(Q(interviews__participants__contact__email__iexact=sender) | Q(followups__contact__email__iexact=sender))
        .order_by("-created_at").first()
    )


def body_text(mail) -> str:
    try:
        part = mail.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""
    except (LookupError, KeyError, ValueError):
        return ""


def record_if_reply(account: MailAccount, raw: bytes, *, now: datetime) -> Message | None:
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    opportunity = opportunity_for(account.owner, mail)
    if opportunity is None:
        return None
    subject = " ".join(str(mail.get("Subject", "")).split())
    sender = parseaddr(str(mail.get("From", "")))[1]
    message_id = (MESSAGE_ID.findall(str(mail.get("Message-ID", ""))) or [None])[0]
    if message_id and Message.objects.filter(message_id=message_id).exists():
        return None  # seen before (a copy, or a folder re-read)
    return services.record_reply(
        opportunity=opportunity, now=now, from_email=sender, subject=subject,
        body=body_text(mail), message_id=message_id,
    )


def poll_account(account: MailAccount, *, now: datetime) -> int:
    """Read mail newer than ``imap_last_uid``; returns how many replies were recorded."""
    conn = connect(account)
    recorded = 0
    try:
        conn.select(quoted(account.imap_folder or "INBOX"), readonly=True)
        _, data = conn.uid("SEARCH", None, f"UID {account.imap_last_uid + 1}:*")
        uids = sorted(int(uid) for uid in (data[0] or b"").split() if int(uid) > account.imap_last_uid)
        if account.imap_last_uid == 0:
            uids = uids[-FIRST_POLL_LIMIT:]
        for uid in uids:
            _, fetched = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), None)
            if raw and record_if_reply(account, raw, now=now):
                recorded += 1
            MailAccount.objects.filter(pk=account.pk).update(imap_last_uid=uid)
            account.imap_last_uid = uid
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return recorded


def poll_due_accounts(*, now: datetime) -> int:
    """Poll every IMAP account not checked for IMAP_POLL_SECONDS; one worker per account per round.

    The same visit settles the account's uncertain messages by its Sent folder
    (``clinch.mail.sent_copy.settle_account``), so a mailbox is logged in to once per
    IMAP_POLL_SECONDS, not on every round of every worker while a message is uncertain."""
    stale = now - timedelta(seconds=settings.IMAP_POLL_SECONDS)
    recorded = 0
    candidates = MailAccount.objects.exclude(imap_host="").filter(
        Q(imap_checked_at__isnull=True) | Q(imap_checked_at__lte=stale)
    )
    for account in candidates.select_related("owner"):
        claimed = MailAccount.objects.filter(pk=account.pk, imap_checked_at=account.imap_checked_at).update(
            imap_checked_at=now
        )
        if not claimed:
            continue  # another worker is on it
        try:
            recorded += poll_account(account, now=now)
            sent_copy.settle_account(account, now=now)
        except (imaplib.IMAP4.error, OSError, EOFError, oauth.OAuthProblem) as error:
            log.warning("IMAP %s for %s: %s", account.imap_host, account.owner_id, error)
    return recorded
