"""Webhooks: registering endpoints, queueing events, and the worker's delivery of one due row.

``emit`` only writes rows (cheap, inside the caller's transaction): the worker sends them with
``deliver_one_due``, claimed like messages (a conditional UPDATE under a lease), the HTTP call
made outside any transaction. An answer of 2xx is delivered; 5xx, 429 or no answer is retried
with backoff; other answers fail at once. A worker killed mid-call leaves the row ``sending``;
after its lease it becomes ``uncertain``, never sent again by itself: nothing is sent twice.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from clinch.hooks import http, signing
from clinch.hooks.models import EVENTS, Delivery, Webhook
from clinch.mail import crypto

log = logging.getLogger("clinch.hooks")
MAX_WEBHOOKS_PER_USER = 10
RESPONSE_KEPT = 2000  # characters of the receiver's answer kept on the row


def create_webhook(*, owner, url: str, events: list[str]) -> tuple[Webhook, str]:
    """A new endpoint and its signing secret (shown once). ValidationError/ValueError for bad input."""
    unknown = sorted(set(events) - set(EVENTS))
    if unknown or not events:
        raise ValueError(f"Events must be some of {', '.join(EVENTS)}" + (f"; not {', '.join(unknown)}" if unknown else ""))
    if Webhook.objects.filter(owner=owner).count() >= MAX_WEBHOOKS_PER_USER:
        raise ValueError(f"You have {MAX_WEBHOOKS_PER_USER} webhooks; delete one first.")
    secret = "whsec_" + secrets.token_urlsafe(32)
    hook = Webhook(owner=owner, url=url, events=sorted(set(events)), secret_encrypted=crypto.encrypt(secret))
    hook.full_clean()
    hook.save()
    return hook, secret


def rotate_secret(hook: Webhook) -> str:
    """A new signing secret for ``hook`` (shown once); the old one stops at once. Deliveries still
    waiting are signed with the new one when they go."""
    secret = "whsec_" + secrets.token_urlsafe(32)
    Webhook.objects.filter(pk=hook.pk).update(secret_encrypted=crypto.encrypt(secret), updated_at=timezone.now())
    return secret


def emit(*, owner_id: int, event: str, key: str, data: dict | Callable[[], dict], now: datetime) -> int:
    """Queue ``event`` for each of the owner's endpoints that want it; ``key`` names the happening, so
    the same one is queued once however often it is reported. Returns the rows made.

    ``data`` may be a function that builds it: then it is called only when some endpoint wants the
    event, so the many owners without webhooks pay one query and nothing else."""
    wanting = [hook for hook in Webhook.objects.filter(owner_id=owner_id, active=True) if event in hook.events]
    if wanting and callable(data):
        data = data()
    made = 0
    for hook in wanting:
        delivery_id = uuid.uuid4()
        body = json.dumps({"id": str(delivery_id), "type": event, "created_at": now.isoformat(), "data": data},
                          sort_keys=True)
        try:
            with transaction.atomic():
                Delivery.objects.create(public_id=delivery_id, owner_id=owner_id, webhook=hook, event=event,
                                        event_key=key[:200], payload=body, next_attempt_at=now)
            made += 1
        except IntegrityError:
            pass  # already queued
    return made


def retry_delay(attempts: int) -> timedelta:
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.WEBHOOK_RETRY_MAX_SECONDS))


def claim_one(*, now: datetime, worker_name: str) -> Delivery | None:
    """The oldest due delivery, moved to ``sending`` under a lease by one conditional UPDATE; None if none."""
    lease = now + timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    for _ in range(3):
        candidate = (Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
                     .order_by("next_attempt_at", "pk").values_list("pk", flat=True).first())
        if candidate is None:
            return None
        with transaction.atomic():
            won = Delivery.objects.filter(pk=candidate, state=Delivery.State.PENDING).update(
                state=Delivery.State.SENDING, claimed_by=worker_name, lease_expires_at=lease,
                attempts=F("attempts") + 1,
            )
        if won:
            return Delivery.objects.select_related("webhook").get(pk=candidate)
    return None


def deliver_one_due(*, now: datetime, worker_name: str) -> bool:
    """Claim one due delivery, POST it, record the answer. False when nothing was due."""
    delivery = claim_one(now=now, worker_name=worker_name)
    if delivery is None:
        return False
    body = delivery.payload.encode()
    hook = delivery.webhook
    headers = signing.headers(crypto.decrypt(hook.secret_encrypted), delivery_id=str(delivery.public_id),
                              timestamp=int(time.time()), body=body)
    answer = http.post(hook.url, body=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT_SECONDS)
    _record(delivery, answer, worker_name=worker_name)
    return True


def _record(delivery: Delivery, answer: http.Answer, *, worker_name: str) -> None:
    now = timezone.now()
    fields = {"lease_expires_at": None, "response_status": answer.status, "response_body": answer.body[:RESPONSE_KEPT],
              "last_error": answer.error[:2000]}
    retry = not answer.refused and (answer.status is None or answer.status >= 500 or answer.status == 429)
    if answer.status is not None and 200 <= answer.status < 300:
        fields.update(state=Delivery.State.DELIVERED, delivered_at=now)
    elif retry and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
        fields.update(state=Delivery.State.PENDING, next_attempt_at=now + retry_delay(delivery.attempts), claimed_by="")
    else:
        fields.update(state=Delivery.State.FAILED)
    Delivery.objects.filter(pk=delivery.pk, claimed_by=worker_name, state=Delivery.State.SENDING).update(**fields)
    log.info("webhook %s %s: %s", delivery.event, delivery.webhook_id, fields["state"])


def sweep_expired_leases(*, now: datetime) -> int:
    """``sending`` past its lease -> ``uncertain``: its worker died mid-call; never sent again by itself."""
    return Delivery.objects.filter(state=Delivery.State.SENDING, lease_expires_at__lt=now).update(
        state=Delivery.State.UNCERTAIN, last_error="The sender stopped before the receiver answered.",
    )


def message_event(message, state: str, *, now: datetime) -> None:
    """Queue what became of an outbound message: followup.sent, .failed or .uncertain."""
    event = {"sent": "followup.sent", "failed": "followup.failed", "uncertain": "followup.uncertain"}.get(state)
    if event is None:
        return

    def data() -> dict:  # reads the follow-up and the opportunity: only when an endpoint wants it
        return {
            "message": str(message.public_id), "state": state, "to": message.to_email, "subject": message.subject,
            "followup": str(message.followup.public_id) if message.followup_id else None,
            "opportunity": str(message.opportunity.public_id) if message.opportunity_id else None,
            "smtp_code": message.last_smtp_code,
        }

    emit(owner_id=message.owner_id, event=event, key=f"{event}:{message.public_id}", data=data, now=now)
