"""Mail workflows the web app, the API and the CLI call. Views hold no mail rules.

Concurrency: every change of a Message's state is a conditional UPDATE on the
state it expects, so a user's click and a worker's claim never both win. A
message the worker is sending (``sending``) or has sent can no longer be
edited, paused or cancelled here.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Case, F, Max, PositiveIntegerField, Subquery, When
from django.utils import timezone

from clinch.core.limits import REPLY_BODY_CHARS, cut
from clinch.followups.models import FollowUp
from clinch.hooks.services import emit
from clinch.mail import oauth, transport, wakeup
from clinch.mail.models import MailAccount, Message, WorkerHeartbeat
from clinch.validators import validate_single_line

State = Message.State
# A scheduled message may still change; these are the states a user can act on.
RESCHEDULABLE = [State.SCHEDULED, State.PAUSED, State.FAILED, State.CANCELLED]
THREAD_PARENT_STATES = [State.SCHEDULED, State.SENDING, State.SENT, State.UNCERTAIN, State.PAUSED]


def account_for(user) -> MailAccount | None:
    """The account ``user``'s mail goes out from.

    Their own MailAccount; else, when MAIL_SERVER_ACCOUNT_FOR_USERS is on and
    MAIL_URL is SMTP, an unsaved MailAccount standing for the server-wide
    account (``server_wide`` is True, ``pk`` is None; From is DEFAULT_FROM_EMAIL
    with the user's name, Reply-To the user's address); else None.
    """
    return _own_or_server_wide(MailAccount.objects.filter(owner=user).first(), user)


def account_and_worker_status(user, now: datetime) -> tuple[MailAccount | None, bool, datetime | None]:
    """``account_for(user)`` and, when there is an account (Clinch sends for them), ``worker_status(now)``;
    else ``(None, True, None)``: no sender is missing for someone Clinch does not send for.

    One query for a user with their own account (the latest heartbeat comes with it), as Today
    reads it on every request; two for the server-wide account.
    """
    latest = WorkerHeartbeat.objects.order_by("-last_seen_at").values("last_seen_at")[:1]
    own = MailAccount.objects.filter(owner=user).annotate(worker_last_seen=Subquery(latest)).first()
    account = _own_or_server_wide(own, user)
    if account is None:
        return None, True, None
    if own is None:
        return account, *worker_status(now)
    return account, *_health(own.worker_last_seen, now)


def _own_or_server_wide(account: MailAccount | None, user) -> MailAccount | None:
    """``account`` (the user's own), else the server-wide account when it stands in (see ``account_for``)."""
    if account is not None:
        return account
    if transport.server_wide_options() is None:
        return None
    from email.utils import parseaddr

    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    server = MailAccount(owner=user, from_name=user.name_for_notes, from_email=address)
    server.server_wide = True
    return server


def check_header_safe(**values: str) -> None:
    """ValidationError when a name, subject or address could smuggle a header (CR/LF), or an address is bad."""
    errors = {}
    for field, value in values.items():
        try:
            validate_single_line(value or "")
            if field.endswith("email") and value:
                validate_email(value)
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)


def _thread_parent(followup) -> Message | None:
    """The thank-you this note answers in the same thread: same opportunity, same contact."""
    if followup.kind == FollowUp.Kind.THANK_YOU or followup.contact_id is None:
        return None
    return (
        Message.objects.filter(
            owner_id=followup.owner_id,
            direction=Message.Direction.OUTBOUND,
            followup__opportunity_id=followup.opportunity_id,
            followup__contact_id=followup.contact_id,
            followup__kind=FollowUp.Kind.THANK_YOU,
            state__in=THREAD_PARENT_STATES,
        )
        .order_by("created_at")
        .first()
    )


def _reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def schedule_followup(followup, *, send_at: datetime | None = None, now: datetime) -> Message:
    """Create or update the outbound Message for an email FollowUp and mark the FollowUp scheduled.

    From the user's account (or the server-wide one), to the contact; subject
    and body from the FollowUp. The Message-ID is made on creation and never
    changes. A note after a thank-you to the same contact in the same
    opportunity threads under it (In-Reply-To, References, "Re: " subject).
    ``send_at`` defaults to the FollowUp's; a time in the past is due at once.
    Call it again after the FollowUp changes (edited draft, re-planned time):
    the same Message is updated while it has not started sending.

    Raises ValidationError, before anything is stored, when: the channel is
    not email, the contact has no address, there is no mail account, a name,
    subject or address holds CR/LF, or the message is being or has been sent
    (use retry_message for failed/uncertain ones).
    """
    if followup.channel != FollowUp.Channel.EMAIL:
        raise ValidationError("Only email follow-ups are sent by Clinch.")
    contact = followup.contact
    if contact is None or not contact.email:
        raise ValidationError("Add the contact's email address first.")
    if not followup.subject.strip() or not followup.body.strip():
        raise ValidationError("The note needs a subject and a body.")
    account = account_for(followup.owner)
    if account is None:
        raise ValidationError("Set up your mail account first (Mail in the menu).")
    send_at = send_at or followup.send_at
    parent = _thread_parent(followup)
    subject = _reply_subject(parent.subject) if parent else followup.subject.strip()
    fields = {
        "opportunity_id": followup.opportunity_id,
        "from_email": account.from_email,
        "from_name": account.from_name,
        "reply_to": followup.owner.email if getattr(account, "server_wide", False) else "",
        "to_email": contact.email,
        "to_name": contact.name,
        "subject": subject,
        "body_text": followup.body,
        "send_at": send_at,
        "next_attempt_at": send_at,
        "in_reply_to": parent.message_id if parent else "",
        "references": " ".join(filter(None, [parent.references, parent.message_id])) if parent else "",
    }
    check_header_safe(
        from_name=fields["from_name"], from_email=fields["from_email"], to_name=fields["to_name"],
        to_email=fields["to_email"], subject=subject, reply_to_email=fields["reply_to"],
    )
    with transaction.atomic():
        message = followup.messages.filter(direction=Message.Direction.OUTBOUND).order_by("created_at").last()
        if message is None:
            message = Message.objects.create(
                owner_id=followup.owner_id, followup=followup, state=State.SCHEDULED,
                message_id=transport.new_message_id(account.from_email), **fields,
            )
        else:
            changed = Message.objects.filter(pk=message.pk, state__in=RESCHEDULABLE).update(
                state=State.SCHEDULED, claimed_by="", lease_expires_at=None, **FRESH_BUDGET, **fields
            )
            if changed != 1:
                raise ValidationError(
                    "This note is being sent or was already sent; it can no longer be changed."
                    if message.state != State.UNCERTAIN
                    else "This note may already have gone out: check your Sent folder, then send again or mark it sent."
                )
            message.refresh_from_db()
        FollowUp.objects.filter(pk=followup.pk).update(status=FollowUp.Status.SCHEDULED, send_at=send_at)
        wakeup.notify_on_commit()
    followup.status, followup.send_at = FollowUp.Status.SCHEDULED, send_at
    return message


def send_now(followup, *, now: datetime) -> Message:
    """Schedule ``followup`` for ``now``: the worker sends it on its next look.

    The mail layer only: pages, the CLI and any API approve a note through
    ``clinch.followups.services.schedule``, which holds the time to the policy first.
    """
    return schedule_followup(followup, send_at=now, now=now)


# A new time or "Send again" starts a fresh attempt budget; the earlier tries stay in Attempt rows.
FRESH_BUDGET = {
    "attempts": 0,
    "budget": Case(When(attempts__gt=0, then=F("budget") + 1), default=F("budget"),
                   output_field=PositiveIntegerField()),
}


def _act(message, *, from_states, now, **changes) -> None:
    """Move ``message`` on if it is still in one of ``from_states``; ValidationError if not."""
    changed = Message.objects.filter(pk=message.pk, state__in=from_states).update(**changes)
    if changed != 1:
        message.refresh_from_db()
        raise ValidationError(f"This message is {message.get_state_display().lower()} now; nothing was changed.")
    message.refresh_from_db()


def cancel_message(message, *, now: datetime, keep_followup: bool = False) -> None:
    """Cancel a scheduled, paused, failed or uncertain message; its FollowUp is cancelled too
    (unless ``keep_followup``: the caller decides what the FollowUp becomes).

    A message being sent right now cannot be cancelled (ValidationError).
    """
    with transaction.atomic():
        _act(message, from_states=[State.SCHEDULED, State.PAUSED, State.FAILED, State.UNCERTAIN], now=now,
             state=State.CANCELLED, lease_expires_at=None)
        if message.followup_id and not keep_followup:
            FollowUp.objects.filter(
                pk=message.followup_id, status__in=[FollowUp.Status.SCHEDULED, FollowUp.Status.PAUSED]
            ).update(status=FollowUp.Status.CANCELLED)


def retry_message(message, *, now: datetime) -> None:
    """"Send again": a failed or uncertain message is scheduled for now with the same Message-ID
    (a recipient's mail program folds a duplicate) and a fresh attempt budget."""
    with transaction.atomic():
        _act(message, from_states=[State.FAILED, State.UNCERTAIN], now=now,
             state=State.SCHEDULED, next_attempt_at=now, claimed_by="", lease_expires_at=None, **FRESH_BUDGET)
        wakeup.notify_on_commit()
        if message.followup_id:
            FollowUp.objects.filter(pk=message.followup_id).exclude(status=FollowUp.Status.SENT).update(
                status=FollowUp.Status.SCHEDULED
            )


def mark_message_sent(message, *, now: datetime) -> None:
    """"It did go out": an uncertain message becomes sent (at ``now``), and so does its FollowUp."""
    with transaction.atomic():
        _act(message, from_states=[State.UNCERTAIN], now=now, state=State.SENT, sent_at=now, lease_expires_at=None)
        if message.followup_id:
            FollowUp.objects.filter(pk=message.followup_id).update(status=FollowUp.Status.SENT, sent_at=now)


def record_reply(*, opportunity, now: datetime, from_email: str | None = None, subject: str = "",
                 body: str = "", message_id: str | None = None) -> Message:
    """Store a reply to ``opportunity`` and pause its pending status checks.

    Sets ``opportunity.replied_at``; status_check FollowUps still planned or
    scheduled become paused, and so do their scheduled Messages. Recording the
    same ``message_id`` twice returns the first row (IMAP may see a mail again).
    Without a message ("they replied" button) only the effect is recorded, with
    a made-up Message-ID. The first ``REPLY_BODY_CHARS`` of the body are kept.
    """
    if message_id:
        existing = Message.objects.filter(message_id=message_id).first()
        if existing is not None:
            return existing
    owner = opportunity.owner
    check_header_safe(from_email=from_email or "", subject=subject)
    with transaction.atomic():
        reply = Message.objects.create(
            owner=owner, opportunity=opportunity, direction=Message.Direction.INBOUND, state=State.RECEIVED,
            message_id=message_id or f"<reply-{uuid.uuid4().hex}@clinch.invalid>",
            from_email=from_email or "", to_email=owner.email or "", subject=subject[:300],
            body_text=cut(body, REPLY_BODY_CHARS), received_at=now,
        )
        type(opportunity).objects.filter(pk=opportunity.pk).update(replied_at=now)
        opportunity.replied_at = now
        pending = FollowUp.objects.filter(
            opportunity=opportunity, kind=FollowUp.Kind.STATUS_CHECK,
            status__in=[FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED],
        )
        pending_ids = list(pending.values_list("pk", flat=True))
        FollowUp.objects.filter(pk__in=pending_ids).update(status=FollowUp.Status.PAUSED)
        Message.objects.filter(followup_id__in=pending_ids, state=State.SCHEDULED).update(state=State.PAUSED)
        emit(owner_id=owner.pk, event="reply.received", key=f"reply.received:{reply.public_id}", now=now,
             data={"opportunity": str(opportunity.public_id), "message": str(reply.public_id),
                   "from": reply.from_email, "subject": reply.subject})
    return reply


def delete_message(message) -> None:
    """Forget a message: a received one, or an outbound one that is over (sent or cancelled).

    Refused (ValidationError) while it may still go out or be settled (scheduled, paused, sending,
    failed, uncertain): cancel it, or settle it, first. Its follow-up keeps its own state."""
    deletable = (State.RECEIVED, State.SENT, State.CANCELLED)
    with transaction.atomic():
        if not Message.objects.filter(pk=message.pk, state__in=deletable).delete()[0]:
            raise ValidationError("It may still go out: cancel it (or settle it) first.")


def worker_status(now: datetime) -> tuple[bool, datetime | None]:
    """(healthy, last_seen): healthy when some worker beat within WORKER_STALE_AFTER_SECONDS."""
    return _health(WorkerHeartbeat.objects.aggregate(last=Max("last_seen_at"))["last"], now)


def _health(last_seen: datetime | None, now: datetime) -> tuple[bool, datetime | None]:
    if last_seen is None:
        return False, None
    return (now - last_seen).total_seconds() <= settings.WORKER_STALE_AFTER_SECONDS, last_seen


def send_test_message(account) -> tuple[bool, str]:
    """Send a test message to the account's own address (the user's, for the
    server-wide account), now, from the web process.

    Returns (True, "") or (False, a sentence for the user: the server's answer,
    e.g. "535 5.7.8 Username and Password not accepted", or "could not connect").
    It holds a web thread, so it is bounded: MAIL_TEST_TIMEOUT_SECONDS per network
    call, one test at a time per user, and MAIL_TEST_LIMIT tests per user in
    MAIL_TEST_WINDOW_SECONDS.
    """
    server_wide = getattr(account, "server_wide", False)
    if server_wide and not account.owner.email_verified:
        return False, "Confirm your email address first (the link we mailed you): the test goes there."
    owner_id = account.owner_id
    counted, running = f"mail-test-count:{owner_id}", f"mail-test-running:{owner_id}"
    if cache.get(counted, 0) >= settings.MAIL_TEST_LIMIT:
        minutes = max(settings.MAIL_TEST_WINDOW_SECONDS // 60, 1)
        return False, f"That is {settings.MAIL_TEST_LIMIT} tests in {minutes} minutes: wait a few minutes, then try again."
    # The claim outlives the slowest possible test (several network calls), so a crash cannot keep it forever.
    if not cache.add(running, 1, timeout=settings.MAIL_TEST_TIMEOUT_SECONDS * 8):
        return False, "A test message is already on its way: wait for it to finish."
    try:
        cache.set(counted, cache.get(counted, 0) + 1, settings.MAIL_TEST_WINDOW_SECONDS)
        to_email = account.owner.email if server_wide else account.from_email
        if account.uses_oauth:
            try:
                account.bearer_token = oauth.access_token(account, now=timezone.now())
            except oauth.OAuthProblem as problem:
                return False, str(problem)
        return transport.send_test(account, to_email=to_email, timeout=settings.MAIL_TEST_TIMEOUT_SECONDS)
    finally:
        cache.delete(running)
