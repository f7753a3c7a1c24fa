"""Making, checking and revoking personal access tokens (pages and API call these).

``create_token`` returns the secret once; it is never stored, only its digest.
``authenticate`` refuses unknown, revoked and expired tokens and counts the request
against the token's per-minute limit in one conditional UPDATE.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, F, Value, When

from clinch.api.models import ApiToken

PREFIX = "clinch_"
MAX_TOKENS_PER_USER = 50


class TokenRefused(Exception):
    """The token cannot be used; ``status`` is 401 (unknown, revoked, expired) or 429 (rate limit)."""

    def __init__(self, detail: str, *, status: int = 401, retry_after: int | None = None):
        super().__init__(detail)
        self.detail, self.status, self.retry_after = detail, status, retry_after


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(*, owner, name: str, scope: str, expires_at: datetime | None, now: datetime) -> tuple[ApiToken, str]:
    """A new token and its secret (shown to the user once). ValueError for a bad scope, a past expiry, too many."""
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"{scope!r} is not a scope: read or read-write.")
    if expires_at is not None and expires_at <= now:
        raise ValueError("The expiry date is in the past.")
    with transaction.atomic():
        if ApiToken.objects.filter(owner=owner, revoked_at__isnull=True).count() >= MAX_TOKENS_PER_USER:
            raise ValueError(f"You have {MAX_TOKENS_PER_USER} tokens; revoke one first.")
        secret = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken(owner=owner, name=name.strip(), scope=scope, expires_at=expires_at,
                         digest=digest(secret), prefix=secret[:12])
        token.full_clean()
        token.save()
    return token, secret


def revoke_token(*, token: ApiToken, now: datetime) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)


def authenticate(secret: str, *, now: datetime) -> ApiToken:
    """The live token for ``secret``, its use recorded and counted; TokenRefused otherwise."""
    token = ApiToken.objects.select_related("owner").filter(digest=digest(secret or "")).first()
    if token is None or not token.owner.is_active:
        raise TokenRefused("This token is not known.")
    if token.revoked_at is not None:
        raise TokenRefused("This token was revoked.")
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRefused("This token has expired.")
    window = now.replace(second=0, microsecond=0)
    limit = settings.API_TOKEN_REQUESTS_PER_MINUTE
    # Counted only while under the limit: the UPDATE's row count is the answer, with no read after it.
    under_limit = ~models.Q(window_start=window) | models.Q(window_count__lt=limit)  # (a null start is not this window)
    counted = ApiToken.objects.filter(under_limit, pk=token.pk).update(
        last_used_at=now,
        window_count=Case(When(window_start=window, then=F("window_count") + 1), default=Value(1),
                          output_field=models.PositiveIntegerField()),
        window_start=window,
    )
    if not counted:
        retry = int((window + timedelta(minutes=1) - now).total_seconds()) + 1
        raise TokenRefused(f"This token made more than {limit} requests this minute.", status=429, retry_after=retry)
    return token
