"""Consultation requests from the public form, triaged by agency staff.

A request moves new -> contacted -> converted (invited to Clinch as a candidate) or
is closed as spam or not a fit. Closed requests carry ``closed_at``, which the daily
retention job reads; a database constraint keeps the two in step.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from clinch.core.limits import CONSULT_MESSAGE_CHARS
from clinch.validators import MaxChars, validate_display_name, validate_single_line

CLOSED_STATUSES = ("closed_spam", "closed_not_fit")


class ConsultationRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        # Converted means "invited to Clinch as a candidate": see invited_at.
        CONVERTED = "converted", "Converted"
        CLOSED_SPAM = "closed_spam", "Closed: spam"
        CLOSED_NOT_FIT = "closed_not_fit", "Closed: not a fit"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=100, validators=[validate_single_line, validate_display_name])
    last_name = models.CharField(max_length=100, validators=[validate_single_line, validate_display_name])
    email = models.EmailField(validators=[validate_single_line])
    phone = models.CharField(max_length=40, blank=True, validators=[validate_single_line])
    role = models.CharField("current or desired role", max_length=200, blank=True, validators=[validate_single_line])
    how_can_we_help = models.TextField(
        "how can we help?", max_length=CONSULT_MESSAGE_CHARS, validators=[MaxChars(CONSULT_MESSAGE_CHARS)]
    )
    heard_from = models.CharField("how did you hear of us?", max_length=200, blank=True, validators=[validate_single_line])
    consent = models.BooleanField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The agency whose own form it came through; empty for the server-wide form. Only that
    # organisation's members see it on the desk (clinch.agency.desk.visible_requests), and it goes
    # with the organisation when that is deleted rather than falling back to the server-wide pool.
    organisation = models.ForeignKey(
        "agency.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="consultations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="consult_status_created"),
            models.Index(fields=["closed_at"], name="consult_closed_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["new", "contacted", "converted", "closed_spam", "closed_not_fit"]),
                name="consultation_status_valid",
            ),
            models.CheckConstraint(condition=models.Q(consent=True), name="consultation_needs_consent"),
            # Retention deletes by closed_at: a closed request without it would live forever.
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=CLOSED_STATUSES, closed_at__isnull=False)
                    | (~models.Q(status__in=CLOSED_STATUSES) & models.Q(closed_at__isnull=True))
                ),
                name="consultation_closed_at_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def set_status(self, status: str, *, now=None) -> None:
        """Change the status in memory, keeping ``closed_at`` in step (the caller saves)."""
        was_closed = self.is_closed
        self.status = status
        if self.is_closed and not was_closed:
            self.closed_at = now or timezone.now()
        elif not self.is_closed:
            self.closed_at = None


class RequestNote(models.Model):
    """A staff note on a request. Notes are appended, never edited, so two staff never overwrite each other."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=CONSULT_MESSAGE_CHARS, validators=[MaxChars(CONSULT_MESSAGE_CHARS)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class SpamCount(models.Model):
    """How many submissions were blocked on one day (UTC) for one reason through one form. No personal data.

    ``organisation`` is the agency whose own form was hit (empty for the server-wide form), so each
    desk counts only its own form's spam (``clinch.agency.desk.visible_spam_counts``).
    """

    class Reason(models.TextChoices):
        HONEYPOT = "honeypot", "Hidden field filled"
        TOO_FAST = "too_fast", "Sent faster than a person types"
        RATE_LIMITED = "rate_limited", "Too many from one address"

    day = models.DateField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    count = models.PositiveIntegerField(default=0)
    organisation = models.ForeignKey(
        "agency.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        # One row per day, reason and form. Two partial constraints, because a unique constraint
        # over a nullable column lets any number of rows with NULL in it through.
        constraints = [
            models.UniqueConstraint(fields=["day", "reason", "organisation"], name="spamcount_one_row_per_org_form",
                                    condition=models.Q(organisation__isnull=False)),
            models.UniqueConstraint(fields=["day", "reason"], name="spamcount_one_row_per_server_form",
                                    condition=models.Q(organisation__isnull=True)),
            models.CheckConstraint(
                condition=models.Q(reason__in=["honeypot", "too_fast", "rate_limited"]),
                name="spamcount_reason_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"
