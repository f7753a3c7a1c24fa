"""Users and their profile: who they are, where they live, how they sign."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from clinch.core.limits import SIGNATURE_CHARS
from clinch.validators import (
    LANGUAGE_CHOICES, MaxChars, validate_country, validate_display_name, validate_single_line, validate_timezone,
)


class User(AbstractUser):
    """A Clinch account. Candidates own their data; agency staff triage consultation requests."""

    class Role(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        AGENCY_STAFF = "agency_staff", "Agency staff"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CANDIDATE)
    display_name = models.CharField(
        max_length=150, blank=True, validators=[validate_single_line, validate_display_name]
    )
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    country = models.CharField(
        max_length=10, default="US", validators=[validate_country],
        help_text="Whose public holidays count as days off: a country (US, GB) or a region (GB-ENG, DE-BY).",
    )
    signature = models.TextField(
        blank=True, max_length=SIGNATURE_CHARS, validators=[MaxChars(SIGNATURE_CHARS)],
        help_text="Added under every note Clinch drafts.",
    )
    language = models.CharField(
        max_length=2, choices=LANGUAGE_CHOICES, default="en",
        help_text="The language your interviews are usually held in: next steps whose words do not say "
                  "which language they are in are read in it.",
    )
    email_verified_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the owner opened the link mailed to this address. Clinch mails no one else's address.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["candidate", "agency_staff"]), name="user_role_valid"
            ),
            models.CheckConstraint(condition=models.Q(language__in=["en", "de", "fr", "es"]), name="user_language_valid"),
        ]

    @property
    def is_agency_staff(self) -> bool:
        return self.role == self.Role.AGENCY_STAFF or self.is_superuser

    @property
    def email_verified(self) -> bool:
        return bool(self.email and self.email_verified_at)

    @property
    def name_for_notes(self) -> str:
        """The name notes are signed with."""
        return self.name_from(self.display_name, self.first_name, self.last_name, self.username)

    @staticmethod
    def name_from(display_name: str, first_name: str, last_name: str, username: str) -> str:
        """``name_for_notes`` from the row's values, for lists read without building users."""
        return display_name or f"{first_name} {last_name}".strip() or username
