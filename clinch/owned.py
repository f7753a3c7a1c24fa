"""Ownership: every row a user owns says so, and every read of user data goes through here.

``owned_by(Model, user)`` is the one door to a user's rows (a model owned through another, as a
topic through its interview, names the way in its ``OWNER_PATH``); ``get_owned_or_404``
answers 404 for another user's object exactly as for one that does not exist,
so ids cannot be probed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404


class OwnedModel(models.Model):
    """A row that belongs to one user and is addressed in URLs by a UUID, never its id."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def owned_by(model_or_queryset, user) -> models.QuerySet:
    """The rows of ``model_or_queryset`` that ``user`` owns (none for an anonymous visitor)."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(**{getattr(queryset.model, "OWNER_PATH", "owner"): user})


def get_owned_or_404(model_or_queryset, user, public_id):
    """The object with ``public_id`` owned by ``user``, or 404 (malformed ids included)."""
    try:
        return owned_by(model_or_queryset, user).get(public_id=public_id)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404("No such object.") from None
