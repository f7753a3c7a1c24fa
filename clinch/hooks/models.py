"""Webhooks as rows: a user's endpoints, and one delivery row per event per endpoint (the queue).

A delivery is recorded when the event happens (in the same transaction as the change, where
there is one) and sent later by the worker, never by a web request. Its states mirror a
message's: pending -> sending -> delivered | failed | uncertain.
"""

from __future__ import annotations

from django.db import models

from clinch.owned import OwnedModel

EVENTS = ("followup.sent", "followup.failed", "followup.uncertain", "reply.received", "outcome.recorded")


class Webhook(OwnedModel):
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list, help_text="Which of EVENTS it wants.")
    secret_encrypted = models.TextField(help_text="The signing secret, encrypted like mail passwords.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.url


class Delivery(OwnedModel):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        UNCERTAIN = "uncertain", "Uncertain: the sender stopped before the answer"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30)
    event_key = models.CharField(max_length=200, help_text="What happened, once: the same event is never queued twice.")
    payload = models.TextField(help_text="The exact body sent, so every retry signs and sends the same bytes.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_key"], name="delivery_once_per_event"),
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "sending", "delivered", "failed", "uncertain"]),
                name="delivery_state_valid",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.event} -> {self.webhook} ({self.state})"
