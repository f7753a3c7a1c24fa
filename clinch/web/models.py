"""Rows the web app keeps for itself: the private calendar feed address of each user."""

from __future__ import annotations

import hashlib

from django.db import models

from clinch.owned import OwnedModel


def hash_token(token: str) -> str:
    """The stored form of a feed token: only its SHA-256 is kept, so a leaked table opens no feed."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(OwnedModel):
    """A secret address a calendar app polls for the user's interviews and due follow-ups.

    The token itself is shown once, when made; the row keeps its hash. Revoking
    sets ``revoked_at`` and the address answers 404 from then on. At most one
    feed per user is live (a database constraint), so "new address" is
    revoke-then-create in one transaction.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=models.Q(revoked_at__isnull=True), name="one_live_calendar_feed_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.owner_id} ({'revoked' if self.revoked_at else 'live'})"
