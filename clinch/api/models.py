"""Personal access tokens for the JSON API.

A token is shown once, when it is made; only its SHA-256 digest is stored, so a
copy of the database does not hand out access. Each token counts its own requests
per minute (``window_start``/``window_count``), updated in the same UPDATE that
records its last use.
"""

from __future__ import annotations

from django.db import models

from clinch.owned import OwnedModel
from clinch.validators import validate_single_line


class ApiToken(OwnedModel):
    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read-write", "Read and write"

    name = models.CharField(max_length=100, validators=[validate_single_line])
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token, hex.")
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to tell tokens apart.")
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scope__in=["read", "read-write"]), name="api_token_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
