"""Consultation requests from the public form, triaged by agency staff."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from clinch.validators import validate_single_line


class ConsultationRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CONVERTED = "converted", "Converted"
        CLOSED_SPAM = "closed_spam", "Closed: spam"
        CLOSED_NOT_FIT = "closed_not_fit", "Closed: not a fit"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=100, validators=[validate_single_line])
    last_name = models.CharField(max_length=100, validators=[validate_single_line])
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True, validators=[validate_single_line])
    role = models.CharField("current or desired role", max_length=200, blank=True, validators=[validate_single_line])
    how_can_we_help = models.TextField()
    heard_from = models.CharField("how they heard of us", max_length=200, blank=True, validators=[validate_single_line])
    consent = models.BooleanField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    staff_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["new", "contacted", "converted", "closed_spam", "closed_not_fit"]),
                name="consultation_status_valid",
            ),
            models.CheckConstraint(condition=models.Q(consent=True), name="consultation_needs_consent"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"
