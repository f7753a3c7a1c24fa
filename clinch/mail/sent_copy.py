"""The Sent folder over IMAP: a copy of what Clinch sent, and the answer to "did it go out?".

* ``file_copy``: after a send, with ``imap_file_sent_copy`` on (servers that do not
  file mail sent over SMTP themselves), APPEND the exact message to the Sent folder.
* ``settle_account`` (on each IMAP poll, ``clinch.mail.imap.poll_due_accounts``; ``settle_uncertain``
  for every account at once): for an ``uncertain`` message, search the Sent folder for its
  Message-ID. Found: it went out (``sent``). Not found, on a server that files sent
  mail itself, a grace period after the try: it did not (``failed``, with "Send
  again", which keeps the Message-ID). Where Clinch files the copies itself a missing
  copy proves nothing, so it stays uncertain and the page says so.

Network calls run outside any transaction, each with MAIL_TIMEOUT_SECONDS; a
mailbox that cannot be reached changes nothing.
"""

from __future__ import annotations

import imaplib
import logging
import time
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Max

from clinch.mail import oauth, transport
from clinch.mail.models import MailAccount, Message

log = logging.getLogger("clinch.imap")
GRACE = timedelta(minutes=2)  # a provider files its copy within moments of accepting the mail
SETTLE_BATCH = 50
NOT_SENT = "Not in your Sent folder: it did not go out. Send it again (same Message-ID)."
IMAP_ERRORS = (imaplib.IMAP4.error, OSError, EOFError, oauth.OAuthProblem)


def file_copy(message: Message, account) -> bool:
    """APPEND the sent ``message`` to the account's Sent folder when it asks for copies; True if filed."""
    if getattr(account, "pk", None) is None or not account.imap_host or not account.imap_file_sent_copy:
        return False
    from clinch.mail.imap import connect, quoted

    raw = transport.email_for(message).message().as_bytes()
    try:
        conn = connect(account)
        try:
            conn.append(quoted(account.imap_sent_folder), "(\\Seen)", imaplib.Time2Internaldate(time.time()), raw)
        finally:
            _logout(conn)
    except IMAP_ERRORS as error:
        log.warning("could not file a copy of message %s in %s: %s", message.pk, account.imap_sent_folder, error)
        return False
    return True


def in_sent_folder(account: MailAccount, message_ids: list[str]) -> set[str]:
    """Which of ``message_ids`` are in the account's Sent folder (one IMAP session)."""
    from clinch.mail.imap import connect, quoted

    found = set()
    conn = connect(account)
    try:
        conn.select(quoted(account.imap_sent_folder), readonly=True)
        for message_id in message_ids:
            _, data = conn.uid("SEARCH", None, "HEADER", "Message-ID", quoted(message_id))
            if (data and data[0] or b"").split():
                found.add(message_id)
    finally:
        _logout(conn)
    return found


def settle_account(account: MailAccount, *, now: datetime) -> dict:
    """Settle the account's uncertain messages by its Sent folder: {"sent": n, "failed": n}."""
    from clinch.mail import services

    uncertain = list(
        Message.objects.filter(owner_id=account.owner_id, direction=Message.Direction.OUTBOUND,
                               state=Message.State.UNCERTAIN)
        .annotate(last_try=Max("attempt_rows__finished_at")).order_by("id")[:SETTLE_BATCH]
    )
    if not uncertain:
        return {"sent": 0, "failed": 0}
    found = in_sent_folder(account, [m.message_id for m in uncertain])
    settled = {"sent": 0, "failed": 0}
    for message in uncertain:
        if message.message_id in found:
            try:
                services.mark_message_sent(message, now=now)
                settled["sent"] += 1
            except ValidationError:
                pass  # the user settled it meanwhile
        elif not account.imap_file_sent_copy and (message.last_try is None or message.last_try <= now - GRACE):
            settled["failed"] += Message.objects.filter(pk=message.pk, state=Message.State.UNCERTAIN).update(
                state=Message.State.FAILED, last_error=NOT_SENT)
    return settled


def settle_uncertain(*, now: datetime) -> int:
    """Settle uncertain messages for every account with IMAP; returns how many were settled."""
    owners = Message.objects.filter(state=Message.State.UNCERTAIN, direction=Message.Direction.OUTBOUND).values("owner_id")
    total = 0
    for account in MailAccount.objects.exclude(imap_host="").filter(owner_id__in=owners):
        try:
            settled = settle_account(account, now=now)
        except IMAP_ERRORS as error:
            log.warning("IMAP %s for %s: could not search the Sent folder: %s", account.imap_host, account.owner_id, error)
            continue
        total += settled["sent"] + settled["failed"]
    return total


def explanation(message: Message, account) -> str:
    """What is known about an uncertain message, in plain words, for its page."""
    if account is None or getattr(account, "pk", None) is None or not account.imap_host:
        return ("Clinch handed it to your mail server but lost the connection before the server said yes. "
                "It may have gone out or not. Check your Sent folder (or the recipient's replies); "
                "then mark it sent or send it again (same Message-ID, so a mail program shows one message). "
                "Add IMAP on the Mail page and Clinch checks the Sent folder for you.")
    if account.imap_file_sent_copy:
        return ("Clinch handed it to your mail server but lost the connection before the server said yes. "
                "Your server does not file mail sent by Clinch in Sent, so Clinch cannot tell whether it went out. "
                "Mark it sent or send it again (same Message-ID).")
    return ("Clinch handed it to your mail server but lost the connection before the server said yes. "
            f"Clinch is checking your \"{account.imap_sent_folder}\" folder for it and settles it within minutes.")


def _logout(conn) -> None:
    try:
        conn.logout()
    except IMAP_ERRORS:
        pass
