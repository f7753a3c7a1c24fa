"""What an import made from what: importing the same document twice creates nothing twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportedObject(models.Model):
    """The object ``kind``/``source_id`` of an export became ``target_id`` (a public_id) for ``owner``."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    source_id = models.UUIDField()
    target_id = models.UUIDField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "source_id"], name="imported_object_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} -> {self.target_id}"
